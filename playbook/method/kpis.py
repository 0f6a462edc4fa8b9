"""The KPI catalogue (`kpis.yaml`): steering families, RAG rule and the
people / process / technology balance.

Seeds 000 and 002: measure CRM performance with dashboards, steer the user
experience continuously (satisfaction, usage, data quality, training, support);
adoption is the first thing to watch, since lack of adoption is the main cause
of failure. Seed 003: success is 50% people, 25% process, 25% technology.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..model.enums import KpiKind, Priority
from .levers import Bilingual, Strict

BalanceArea = Literal["people", "process", "technology"]


class Family(Strict):
    kind: KpiKind
    label: Bilingual
    name: Bilingual = Field(description="Default KPI name; {population} for per-population ones.")
    definition: Bilingual
    unit: str
    target: float
    higher_is_better: bool = True
    per_population: bool = Field(
        default=False, description="One default KPI per CRM-user population (adoption)."
    )
    first_review_weeks: int = Field(ge=1, le=104, description="First review, weeks after go-live.")
    cadence_weeks: int = Field(ge=1, le=52, description="Then every so many weeks.")
    reviews: int = Field(default=3, ge=1, le=12, description="How many reviews the plan dates.")
    seeds: list[str] = Field(min_length=1)


class Rag(Strict):
    """Green at or past target; amber once `amber_share` of the way from baseline
    to target; red below. Without a baseline, the way starts at zero."""

    amber_share: float = Field(gt=0, lt=1)
    description: Bilingual


class TechnologyProxy(Strict):
    """No technology effort is in the intake; use cases stand for it, weighted
    by their priority (a must-have is a bigger build than a could-have)."""

    days_per_use_case: dict[Priority, float]
    days_per_lot: float = Field(ge=0)
    description: Bilingual
    review_note: Bilingual | None = None  # to the consultant, in the review notebook


class Balance(Strict):
    targets: dict[BalanceArea, float]
    tolerance_points: float = Field(gt=0, le=50)
    technology_proxy: TechnologyProxy
    labels: dict[BalanceArea, Bilingual]
    description: Bilingual

    @model_validator(mode="after")
    def _sums(self) -> Balance:
        if set(self.targets) != {"people", "process", "technology"}:
            raise ValueError("targets: people, process and technology")
        if abs(sum(self.targets.values()) - 100) > 1e-6:
            raise ValueError("targets must add up to 100")
        if set(self.technology_proxy.days_per_use_case) != set(Priority):
            raise ValueError("technology_proxy.days_per_use_case: one figure per priority")
        return self


class Catalogue(Strict):
    source: Bilingual
    families: list[Family]
    rag: Rag
    balance: Balance
    texts: dict[str, Bilingual]

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        kinds = [f.kind for f in self.families]
        problems = []
        missing = [k.value for k in KpiKind if k not in kinds]
        if missing:
            problems.append(f"families missing: {', '.join(missing)}")
        if len(set(kinds)) != len(kinds):
            problems.append("a family is listed twice")
        for key in ("balance_off", "no_effort", "planned_coverage"):
            if key not in self.texts:
                problems.append(f"texts: {key!r} missing")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def family(self, kind: KpiKind | str) -> Family:
        kind = KpiKind(getattr(kind, "value", kind))
        return next(f for f in self.families if f.kind == kind)
