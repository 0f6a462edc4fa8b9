"""Catalogue of the typical brakes (seed 004, culture check of seed 002), the two
human risks they feed (rejection, misuse) and the rules that detect both.

Detection is data: a brake lists *signals*, each a set of conditions over the
facts known about a population (its intake fields, plus a few derived facts
such as `receives_shifted_tasks` or `impact.culture`). `playbook.analysis`
evaluates the conditions generically; no brake has its own Python. A firm that
sees a brake differently edits `brakes.yaml`, and a misspelt fact or code is
reported when the method loads, not in the middle of a deck.

Condition syntax, under `when:` (all conditions must hold):

    crm_user: false                       # equality
    evaluated_on: {in: [speed, volume]}   # membership
    local_management: {not_in: [supportive]}
    impact.culture: {at_least: 2}         # integer facts
    impact_level: {at_most: 1}
"""

from __future__ import annotations

import math
import string
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..model.enums import (
    Brake,
    BuyIn,
    CrmObligation,
    DataEntry,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    Level,
    OrganisationKind,
    PayScheme,
    Stance,
    Visibility,
)
from .dimensions import Bilingual, SeedRef, Strict

if TYPE_CHECKING:  # the loader imports this module
    from .loader import Method

RiskKind = Literal["rejection", "misuse"]
RISK_KINDS: tuple[RiskKind, ...] = ("rejection", "misuse")

# Facts read from the population record (text fields are not conditions).
POPULATION_FACTS: dict[str, type] = {
    "function": str,
    "territory": str,
    "level": HierarchyLevel,
    "headcount": int,
    "crm_user": bool,
    "it_comfort": Level,
    "buy_in": BuyIn,
    "evaluated_on": EvaluationBasis,
    "mandatory_fields": int,
    "dashboard_visibility": Visibility,
    "shares_data_across_departments": bool,
    "members_in_competition": bool,
    "new_hires_per_year": int,
    "organisation_kind": OrganisationKind,
    "crm_obligation": CrmObligation,
    "pay_scheme": PayScheme,
}

# Facts derived from the whole engagement; `playbook.analysis.facts` computes
# exactly these (a test holds the two lists together).
DERIVED_FACTS: dict[str, type] = {
    "receives_shifted_tasks": bool,  # another population's `shifts_tasks_to` names it
    "shifts_tasks": bool,  # it hands tasks over to another population
    "observed_resistance": bool,  # at least one resistance observed in interviews
    "regional": bool,  # its territory is not the national default (it spans one territory)
    "several_territories": bool,  # the roll-out spans two regional territories or more
    "territory_has_local_sponsor": bool,  # its territory names a local sponsor
    "local_management": Stance,  # its territory's management
    "mandatory_data_entry": DataEntry,  # mandatory_fields read on `data_entry_scale`
    "impact_level": int,  # overall level by the rule of dimensions.yaml
    "external": bool,  # employed by another company (dealer, franchisee, broker...)
    "competes": bool,  # a `competes_with` relation names it, on either side
    "audited": bool,  # another population audits or watches its work
    "audits": bool,  # it audits or watches another population's work
    "country": str,  # ISO country of its calendar (its territory's region, else the engagement's)
    **{f"impact.{d.value}": int for d in Dimension},
}

FACTS: dict[str, type] = {**POPULATION_FACTS, **DERIVED_FACTS}

# Values a reason template may cite; the analysis renders each in the language
# of the deliverable.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "population", "headcount", "function", "territory", "crm_status", "level",
        "buy_in", "it_comfort", "evaluated_on", "data_entry", "local_management",
        "mandatory_fields", "dashboards", "shifted_from", "shifted_to", "shifted_tasks",
        "impact_level", "organisation", "crm_obligation", "pay_scheme", "rivals", "auditors",
        "territory_specifics",
        *(f"impact_{d.value}" for d in Dimension),
    }
)

Operator = Literal["equals", "in", "not_in", "at_least", "at_most"]


class Condition(Strict):
    fact: str
    op: Operator
    value: Any

    @model_validator(mode="after")
    def _typed(self) -> Condition:
        kind = FACTS.get(self.fact)
        if kind is None:
            raise ValueError(f"unknown fact {self.fact!r}; known: {sorted(FACTS)}")
        if self.op in ("at_least", "at_most"):
            if kind is not int or isinstance(self.value, bool) or not isinstance(self.value, int):
                raise ValueError(f"{self.fact}: {self.op} needs an integer fact and value")
            return self
        values = self.value if self.op in ("in", "not_in") else [self.value]
        if self.op in ("in", "not_in") and not isinstance(self.value, list):
            raise ValueError(f"{self.fact}: {self.op} needs a list")
        for value in values:
            _check_value(self.fact, kind, value)
        return self

    def holds(self, facts: dict[str, Any]) -> bool:
        actual = facts[self.fact]
        actual = actual.value if isinstance(actual, Enum) else actual
        if self.op == "equals":
            return bool(actual == self.value)
        if self.op == "in":
            return actual in self.value
        if self.op == "not_in":
            return actual not in self.value
        if self.op == "at_least":
            return bool(actual >= self.value)
        return bool(actual <= self.value)

    def __str__(self) -> str:
        return f"{self.fact} {self.op} {self.value!r}"


def _check_value(fact: str, kind: type, value: Any) -> None:
    if isinstance(kind, type) and issubclass(kind, Enum):
        if value not in kind.codes():  # type: ignore[attr-defined]
            raise ValueError(f"{fact}: {value!r} is not one of {kind.codes()}")  # type: ignore[attr-defined]
    elif kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{fact}: expected true or false, got {value!r}")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{fact}: expected an integer, got {value!r}")
    elif not isinstance(value, str):
        raise ValueError(f"{fact}: expected a text, got {value!r}")


def _parse_when(raw: Any) -> list[dict[str, Any]]:
    """`{fact: value | {op: value}}` → a list of `Condition` fields."""
    if isinstance(raw, list):
        return raw
    if not isinstance(raw, dict) or not raw:
        raise ValueError("`when` must be a non-empty mapping of fact: value or fact: {op: value}")
    conditions = []
    for fact, spec in raw.items():
        if isinstance(spec, dict):
            if len(spec) != 1:
                raise ValueError(f"{fact}: one operator per fact, got {sorted(spec)}")
            ((op, value),) = spec.items()
        else:
            op, value = "equals", spec
        conditions.append({"fact": fact, "op": op, "value": value})
    return conditions


def _check_template(text: Bilingual) -> Bilingual:
    for lang in ("fr", "en"):
        for _, name, _, _ in string.Formatter().parse(text.in_(lang)):
            if name is not None and name not in PLACEHOLDERS:
                raise ValueError(f"unknown placeholder {{{name}}} in {lang!r}; known: {sorted(PLACEHOLDERS)}")
    return text


class Rule(Strict):
    """Conditions that must all hold, and the reason they produce, citing the inputs."""

    when: list[Condition] = Field(min_length=1)
    reason: Bilingual

    @field_validator("when", mode="before")
    @classmethod
    def _parse(cls, raw: Any) -> list[dict[str, Any]]:
        return _parse_when(raw)

    @field_validator("reason")
    @classmethod
    def _template(cls, text: Bilingual) -> Bilingual:
        return _check_template(text)

    def holds(self, facts: dict[str, Any]) -> bool:
        return all(condition.holds(facts) for condition in self.when)


class Signal(Rule):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    # What a trainee reads when told a signal is absent; an adapted catalogue
    # without it shows the code in words.
    label: Bilingual | None = None

    def name(self, lang: str) -> str:
        return self.label.in_(lang) if self.label else self.code.replace("_", " ")
    severity: int = Field(ge=1, le=3)


class Feed(Strict):
    """A detected brake feeds a risk: contribution = ceil(severity × weight), capped at 3.

    `weight` says how strongly the brake's mechanism produces that risk, `how`
    what the mechanism is (it is printed with the cause)."""

    risk: RiskKind
    weight: float = Field(gt=0, le=1)
    how: Bilingual

    def contribution(self, severity: int) -> int:
        return min(3, math.ceil(severity * self.weight - 1e-9))


class BrakeEntry(Strict):
    code: Brake
    label: Bilingual
    description: Bilingual
    quote: Bilingual
    seeds: list[SeedRef] = Field(min_length=1)
    signals: list[Signal] = Field(min_length=1)
    feeds: list[Feed] = Field(min_length=1)
    levers: list[str] = Field(min_length=1)
    cues: dict[Literal["fr", "en"], list[str]] = Field(
        default_factory=dict,
        description="Word stems of an observation that point to this brake (classification).",
    )

    def cues_in(self, text: str) -> list[str]:
        """The cues `text` holds, in either language, in catalogue order."""
        folded = text.casefold()
        return [cue for lang in ("fr", "en") for cue in self.cues.get(lang, []) if cue.casefold() in folded]

    @model_validator(mode="after")
    def _unique(self) -> BrakeEntry:
        codes = [s.code for s in self.signals]
        if len(set(codes)) != len(codes):
            raise ValueError("signal codes must be unique within a brake")
        if len({f.risk for f in self.feeds}) != len(self.feeds):
            raise ValueError("a brake feeds each risk at most once")
        return self


class SeverityRule(Strict):
    """How signals and observed resistances make one severity (1–3)."""

    description: Bilingual
    converging_bonus: int = Field(ge=0, le=2, description="When two signals or more match.")
    observed_bonus: int = Field(ge=0, le=2, description="When a resistance is observed.")
    observed_only: int = Field(ge=1, le=3, description="Observed, with no signal in the data.")
    observed_reason: Bilingual = Field(description="Placeholders: {source}, {evidence}.")
    classified_by_words: Bilingual = Field(description="Placeholders: {brake}, {words}.")
    classified_by_signals: Bilingual = Field(description="Placeholder: {brake}.")

    def severity(self, signal_severities: list[int], observed: bool) -> int:
        if not signal_severities:
            return self.observed_only if observed else 0
        value = max(signal_severities)
        if len(signal_severities) >= 2:
            value += self.converging_bonus
        if observed:
            value += self.observed_bonus
        return min(value, 3)


class RiskEntry(Strict):
    code: RiskKind
    label: Bilingual
    description: Bilingual
    quote: Bilingual
    seeds: list[SeedRef] = Field(min_length=1)


class RiskRule(Rule):
    """A risk read directly from the facts, not through a brake."""

    risk: RiskKind
    level: int = Field(ge=1, le=3)


class CauseRanking(Strict):
    """Which cause of a risk comes first: the mechanism's weight for that risk ×
    the population's own evidence (strongest signal, further signals, a
    resistance confirmed in interviews). Never the brake's general frequency."""

    per_extra_signal: float = Field(ge=0, le=2)
    confirmed: float = Field(ge=0, le=3)

    def evidence(self, signal_severities: tuple[int, ...], observed: bool, observed_only: int) -> float:
        # Further signals corroborate in proportion to their own severity (of 3).
        ordered = sorted(signal_severities, reverse=True)
        base = (ordered[0] + self.per_extra_signal * sum(s / 3 for s in ordered[1:])
                if ordered else float(observed_only))
        return base + (self.confirmed if observed else 0.0)


class BuyInModeration(Strict):
    """Buy-in moderates risk: an enthusiastic population's levels fall by `steps`,
    never below `floor` while a cause remains."""

    steps: dict[BuyIn, int]
    floor: int = Field(ge=0, le=3)
    reason: Bilingual = Field(description="Placeholders: {buy_in}, {before}, {after}.")

    def moderate(self, level: int, buy_in: BuyIn) -> int:
        step = self.steps.get(buy_in, 0)
        if level == 0 or step == 0:
            return level
        return max(min(level, self.floor), level - step)


class RiskModel(Strict):
    description: Bilingual
    from_brake: Bilingual = Field(
        description="Placeholders: {brake}, {severity}, {detail} (the population's facts "
        "and observations), {how} (the mechanism)."
    )
    cause_ranking: CauseRanking
    buy_in_moderation: BuyInModeration
    tied: Bilingual = Field(description="Placeholders: {population}, {first}, {second}.")
    rules: list[RiskRule] = Field(default_factory=list)
    # Levels the deliverables single out: from `attention_from` a risk is listed
    # for the committee, from `high_from` it is called high.
    attention_from: int = Field(default=2, ge=1, le=3)
    high_from: int = Field(default=3, ge=1, le=3)
    requires: dict[RiskKind, Rule] = Field(
        default_factory=dict,
        description="A risk exists only where its conditions hold; the reason says why not.",
    )


class DataEntryScale(Strict):
    """Fewest mandatory fields per interaction for each level of data entry."""

    low: int = Field(ge=1)
    medium: int = Field(ge=1)
    high: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> DataEntryScale:
        if not self.low < self.medium < self.high:
            raise ValueError("data_entry_scale: low < medium < high")
        return self

    def level(self, fields: int) -> DataEntry:
        for code, minimum in (("high", self.high), ("medium", self.medium), ("low", self.low)):
            if fields >= minimum:
                return DataEntry(code)
        return DataEntry.NONE


class Phrases(Strict):
    """Small pieces the reason templates are assembled with."""

    crm_user: Bilingual
    not_crm_user: Bilingual
    quote_open: Bilingual
    quote_close: Bilingual
    and_: Bilingual = Field(alias="and")
    people: Bilingual
    mandatory_field: Bilingual = Field(description="One mandatory field per interaction.")
    mandatory_fields: Bilingual = Field(description="Placeholder {n}: fields per interaction.")
    no_mandatory_fields: Bilingual
    dashboards: Bilingual = Field(description="Placeholders {frequency}, {who}.")
    dashboards_seen_by_management: Bilingual
    no_dashboards: Bilingual
    visibility: dict[Visibility, Bilingual]
    organisation: Bilingual = Field(description="Placeholders {kind}, {name}: who employs them.")
    rivals: Bilingual = Field(description="Placeholder {names}: the populations it competes with.")
    rivals_within: Bilingual = Field(description="Members competing with each other.")
    audited_by: Bilingual = Field(description="Placeholder {names}: who audits their work.")
    territory_specifics: Bilingual = Field(description="Placeholder {text}: the territory's specifics.")


class Catalogue(Strict):
    """`brakes.yaml`."""

    brakes: list[BrakeEntry]
    severity: SeverityRule
    risks: list[RiskEntry]
    risk_model: RiskModel
    data_entry_scale: DataEntryScale
    phrases: Phrases

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        codes = [b.code for b in self.brakes]
        if len(codes) != len(Brake) or set(codes) != set(Brake):
            raise ValueError(f"brakes must list each brake exactly once: {Brake.codes()}")
        if self.risk_model.attention_from > self.risk_model.high_from:
            raise ValueError("risk_model: attention_from cannot exceed high_from")
        if sorted(r.code for r in self.risks) != sorted(RISK_KINDS):
            raise ValueError(f"risks must describe exactly {list(RISK_KINDS)}")
        return self

    @property
    def risk_kinds(self) -> list[str]:
        """Codes of the human risks, in the catalogue's order."""
        return [entry.code for entry in self.risks]

    def brake(self, code: str | Brake) -> BrakeEntry:
        code = getattr(code, "value", code)
        for entry in self.brakes:
            if entry.code.value == code:
                return entry
        raise KeyError(code)

    def risk(self, code: str) -> RiskEntry:
        for entry in self.risks:
            if entry.code == code:
                return entry
        raise KeyError(code)

    def cross_check(self, method: Method) -> list[str]:
        """Every lever a brake recommends must exist in the levers catalogue."""
        known = lever_ids(method)
        return [
            f"brakes.{entry.code.value}.levers: unknown lever {lever!r}"
            for entry in self.brakes
            for lever in entry.levers
            if lever not in known
        ]


def lever_ids(method: Method) -> set[str]:
    """Ids of the levers catalogue the brakes must refer to."""
    return set(method.levers.ids())
