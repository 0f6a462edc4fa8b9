"""Typed results of the method engine.

Records are plain, frozen and language-resolved: reasons are sentences in the
deliverable's language, built from the templates of the method data, each
citing the inputs that caused the finding. Tables are pandas DataFrames.
Nothing here knows a file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class BrakeFinding:
    """A brake of the catalogue detected for one population."""

    population: str
    brake: str  # a `playbook.model.Brake` code
    severity: int  # 1 low, 2 medium, 3 high
    reasons: tuple[str, ...]
    observed: bool = False  # confirmed by an observed resistance


@dataclass(frozen=True)
class Cause:
    """One cause raising a risk: a detected brake or a direct rule of the method."""

    source: str  # a brake code, or "rule"
    contribution: float  # severity × weight before rounding: what ranks the causes
    level: int  # what it makes of the risk, 0..3
    reason: str


@dataclass(frozen=True)
class RiskAssessment:
    """Risk of rejection (rejet) or misuse (dévoiement) for one population.

    `reasons` are the causes' sentences, strongest cause first: `reasons[0]` is
    the main reason every deliverable prints. A risk the method rules out (no
    data entry, no misuse) has level 0, no cause and `ruled_out` saying why.
    """

    population: str
    kind: str  # "rejection" | "misuse"
    level: int  # 0 none, 1 low, 2 medium, 3 high
    reasons: tuple[str, ...]
    causes: tuple[Cause, ...] = ()
    ruled_out: str = ""


@dataclass(frozen=True)
class MethodWarning:
    """Something the method says a consultant must look at before going on."""

    code: str  # stable id, e.g. "no_non_user_population"
    message: str
    subject: str = ""  # population / territory / lot concerned, or ""
    severity: str = "warning"  # "warning" | "info"


@dataclass(frozen=True)
class Diagnosis:
    """Impact diagnosis of one engagement (seed 004, step 2)."""

    matrix: pd.DataFrame  # index: population; columns: dimension codes; values 0..3
    levels: pd.DataFrame  # index: population; overall level and the figures behind it
    segments: pd.DataFrame  # index: population; impact level, buy-in score, segment code
    brakes: tuple[BrakeFinding, ...]
    risks: tuple[RiskAssessment, ...]
    warnings: tuple[MethodWarning, ...]
    # index: dimension; people (strongly) impacted and headcount-weighted mean intensity
    dimension_totals: pd.DataFrame = field(default_factory=pd.DataFrame)

    def brakes_of(self, population: str) -> tuple[BrakeFinding, ...]:
        return tuple(b for b in self.brakes if b.population == population)

    def risk(self, population: str, kind: str) -> RiskAssessment:
        for assessment in self.risks:
            if assessment.population == population and assessment.kind == kind:
                return assessment
        raise KeyError((population, kind))


@dataclass(frozen=True)
class ChangePlan:
    """The Change plan (Plan d'accompagnement des changements, seed 004, step 3).

    `actions` has one row per planned action (population levers and cross
    actions), dated on the lot milestones; the other tables are its totals and
    the COPIL's arbitration view, all derived from `actions`.
    """

    actions: pd.DataFrame
    by_population: pd.DataFrame
    by_lever: pd.DataFrame
    by_pillar: pd.DataFrame
    by_month: pd.DataFrame
    arbitration: pd.DataFrame
    milestones: pd.DataFrame
    warnings: tuple[MethodWarning, ...]

    @property
    def total_days(self) -> float:
        return float(self.actions["effort_days"].sum()) if len(self.actions) else 0.0


@dataclass(frozen=True)
class TrainingPlan:
    """The training plan (Plan de formation): needs, modules, dated sessions."""

    needs: pd.DataFrame  # one row per population × module needed
    modules: pd.DataFrame  # one row per module used, with its totals
    sessions: pd.DataFrame  # one row per dated session
    calendar: pd.DataFrame  # one row per lot × population × module (the waves)
    onboarding: pd.DataFrame  # new-hire module, per year
    evaluation: pd.DataFrame  # Kirkpatrick's four levels, dated per lot
    support: pd.DataFrame  # support offer, dated per lot
    totals: pd.DataFrame  # one row per lot and a total row
    warnings: tuple[MethodWarning, ...]

    @property
    def trainer_days(self) -> float:
        return float(self.sessions["trainer_days"].sum()) if len(self.sessions) else 0.0


@dataclass(frozen=True)
class Steering:
    """Steering the plan: KPIs with RAG thresholds, success-criteria scorecard,
    people / process / technology balance of the planned effort (seed 003)."""

    kpis: pd.DataFrame
    criteria: pd.DataFrame
    balance: pd.DataFrame
    warnings: tuple[MethodWarning, ...]
