"""Typed results of the method engine.

Records are plain, frozen and language-resolved: reasons are sentences in the
deliverable's language, built from the templates of the method data, each
citing the inputs that caused the finding. Findings are records; tables a
consultant sorts and filters (matrices, plans, calendars) are pandas DataFrames
whose index and columns are listed below. Nothing here knows a file format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class BrakeFinding:
    """A brake of the catalogue detected for one population."""

    population: str
    brake: str  # a `playbook.model.Brake` code
    severity: int  # 1 low, 2 medium, 3 high
    reasons: tuple[str, ...]  # the matched signals' reasons, strongest first, then observations
    observed: bool = False  # confirmed by an observed resistance
    signal_severities: tuple[int, ...] = ()  # of the matched signals, strongest first


@dataclass(frozen=True)
class Cause:
    """One cause raising a risk: a detected brake or a direct rule of the method."""

    source: str  # a brake code, or "rule"
    # mechanism weight × the population's evidence (`risk_model.cause_ranking`):
    # what ranks the causes
    contribution: float
    level: int  # what it makes of the risk, 0..3
    reason: str
    observed: bool = False  # a resistance confirmed in interviews


@dataclass(frozen=True)
class RiskAssessment:
    """Risk of rejection (rejet) or misuse (dévoiement) for one population.

    `reasons` are the causes' sentences, strongest cause first: `reasons[0]` is
    the main reason every deliverable prints (two causes that weigh the same are
    given together there). A risk the method rules out (no data entry, no
    misuse) has level 0, no cause and `ruled_out` saying why. `moderated` says
    how buy-in lowered the level, when it did.
    """

    population: str
    kind: str  # "rejection" | "misuse"
    level: int  # 0 none, 1 low, 2 medium, 3 high
    reasons: tuple[str, ...]
    causes: tuple[Cause, ...] = ()
    ruled_out: str = ""
    moderated: str = ""

    @property
    def id(self) -> str:
        """'R' and a digest of the population and the kind of risk: what the
        risk is, so the same risk has the same id in every deliverable and run."""
        from .ids import stable_id

        return stable_id("R", self.population, self.kind)


@dataclass(frozen=True)
class MethodWarning:
    """Something the method says a consultant must look at before going on."""

    code: str  # stable id, e.g. "no_non_user_population"
    message: str
    subject: str = ""  # population / territory / lot concerned, or ""
    severity: str = "warning"  # "warning" | "info"
    # "client": a point to watch the deliverables state; "consultant": a note on the
    # intake itself (a scale to recalibrate, a figure to replace), shown in the
    # review notebook and never in a file the client receives
    audience: str = "client"


@dataclass(frozen=True)
class Diagnosis:
    """Impact diagnosis of one engagement (seed 004, step 2)."""

    # index population; headcount, then one column per dimension code, values 0..3
    matrix: pd.DataFrame
    # index population; headcount, crm_user, max_intensity, broad_dimensions,
    # bumped (the breadth step applied), level (overall, 0..3)
    levels: pd.DataFrame
    # index population; headcount, impact_level, buy_in (code), buy_in_score (-2..2),
    # segment (code), segment_label
    segments: pd.DataFrame
    brakes: tuple[BrakeFinding, ...]
    risks: tuple[RiskAssessment, ...]
    warnings: tuple[MethodWarning, ...]
    # index dimension; people_impacted, people_strongly_impacted,
    # share_strongly_impacted, populations_strongly_impacted, weighted_mean_intensity
    dimension_totals: pd.DataFrame = field(default_factory=pd.DataFrame)

    def brakes_of(self, population: str) -> tuple[BrakeFinding, ...]:
        return tuple(b for b in self.brakes if b.population == population)

    def risk(self, population: str, kind: str) -> RiskAssessment:
        for assessment in self.risks:
            if assessment.population == population and assessment.kind == kind:
                return assessment
        raise KeyError((population, kind))


@dataclass(frozen=True)
class PlannedActions:
    """The Change plan's actions dated as planned, with their ids, and the
    training waves that dated them: nothing of them reads the as-of date, so
    the plan of the same engagement at another date (a committee's) starts
    from them when its training plan dates the same waves."""

    waves: dict[tuple[Any, Any], list[tuple[Any, Any, Any]]] | None
    drafts: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class ChangePlan:
    """The Change plan (Plan d'accompagnement des changements, seed 004, step 3).

    `actions` has one row per planned action (population levers and cross
    actions), dated on the lot milestones; the other tables are its totals and
    the COPIL's arbitration view, all derived from `actions`.
    """

    # one row per action: id, lever, action, pillar, adkar, scope, population,
    # audience, headcount, lot, phase, date, owner, owner_label, owner_name,
    # effort_days, effect, impact, costed_in, reason
    actions: pd.DataFrame
    # index population; impact, buy_in, actions, levers, understand, want, be_able, effort_days
    by_population: pd.DataFrame
    # index lever; action, pillar, scope, actions, populations, effort_days
    by_lever: pd.DataFrame
    # index pillar; label, adkar, actions, levers, effort_days, share
    by_pillar: pd.DataFrame
    # index month; actions, understand, want, be_able, effort_days
    by_month: pd.DataFrame
    # one row per lever to arbitrate: rank, lever, action, pillar, population,
    # occurrences, effort_days, effect, impact, score, quadrant, quadrant_label, costed_in
    arbitration: pd.DataFrame
    # index lot; lot_order, design, acceptance, pre_go_live, go_live, post_go_live, populations
    milestones: pd.DataFrame
    warnings: tuple[MethodWarning, ...]
    # the arbitration's quick wins listed apart: at most the method's cap, one per lever
    quick_wins: pd.DataFrame = field(default_factory=pd.DataFrame)
    # the actions as planned, before the as-of date settles them (see `PlannedActions`)
    planned: PlannedActions | None = field(default=None, compare=False, repr=False)

    @property
    def total_days(self) -> float:
        return float(self.actions["effort_days"].sum()) if len(self.actions) else 0.0


@dataclass(frozen=True)
class CapacityDecision:
    """What a lot's end-user wave needs to fit after acceptance testing."""

    lot: str
    sessions: int  # sessions without a place at the project's capacity
    people: int
    trainers_to_add: int  # 0: more trainers would not place them
    later_go_live: dt.date | None  # the go-live today's capacity would hold; None: none found
    topic: str  # the decision in a few words, in the plan's language


@dataclass(frozen=True)
class TrainingPlan:
    """The training plan (Plan de formation): needs, modules, dated sessions."""

    # one row per population × module needed: lot, wave, population, audience,
    # module, label, format, hours, headcount, group_size, sessions, reason
    needs: pd.DataFrame
    # index module; label, audience, format, hours, objectives, prerequisite,
    # populations, learners, sessions, trainer_days, learner_days
    modules: pd.DataFrame
    # one row per dated session: lot, wave, population, audience, module, label,
    # format, session, start, end, participants, trainer, hours, trainer_days,
    # learner_days, in_window, territories, seats, id. `seats` holds each
    # population sitting it with its learners; `population` is that population,
    # or for a session shared by several, each with its learners ("A (2), B (3)");
    # per population, read `training_plan.population_seats(sessions)`.
    sessions: pd.DataFrame
    # one row per lot × population × module (the waves): lot, wave, population,
    # module, label, format, start, end, sessions, participants, trainer_days, learner_days
    calendar: pd.DataFrame
    # new hires per year: population, module, label, format, new_hires_per_year,
    # sessions_per_year, trainer_days_per_year, learner_days_per_year
    onboarding: pd.DataFrame
    # Kirkpatrick's four levels per lot: lot, level, label, measure, instrument, start, end
    evaluation: pd.DataFrame
    # support offer per lot: lot, offer, label, description, start, end
    support: pd.DataFrame
    # index lot (and a total row); sessions, trainer_days, learner_days,
    # partner_learner_days (of populations another company employs),
    # seats_needed, seats_placed, coverage, trainer_cost, learner_cost (the
    # client's own learners only)
    totals: pd.DataFrame
    warnings: tuple[MethodWarning, ...]
    # lots whose end users do not fit between acceptance testing and go-live:
    # the decision each calls for, in short (its full sentence is a warning)
    capacity: tuple[CapacityDecision, ...] = ()
    # lot -> its end users' sessions (groups of learners) the calendar found no place for
    unplaced: dict[str, int] = field(default_factory=dict)

    @property
    def trainer_days(self) -> float:
        return float(self.sessions["trainer_days"].sum()) if len(self.sessions) else 0.0


@dataclass(frozen=True)
class Steering:
    """Steering the plan: KPIs with RAG thresholds, success-criteria scorecard,
    people / process / technology balance of the planned effort (seed 003)."""

    # one row per KPI: kind, family, name, population, definition, unit, baseline,
    # target, higher_is_better, green_from, amber_from, first_review, reviews,
    # source, planned, planned_rag, note
    kpis: pd.DataFrame
    # index criterion; label, description, status, status_label, rag, evidence,
    # early_warnings, advice
    criteria: pd.DataFrame
    # index area; label, effort_days, share, target, deviation, within_tolerance, basis
    balance: pd.DataFrame
    warnings: tuple[MethodWarning, ...]
    # the next steering committee after the as-of date: the engagement's cadence later,
    # on a working day (what every deliverable's next steps end on when nothing else is dated)
    next_committee: dt.date | None = None
