"""The named facts every deliverable states, computed once per analysis.

A fact is a value, not a sentence: amounts, days, dates, counts and the claims
the schedule supports. Where a figure is printed rounded, the record also holds
the rounded value (`shown`), chosen so that printed parts add up to their
printed total; builders print `shown` and never round again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CASH = "cash"
INTERNAL_TIME = "internal_time"
# Days of people another company employs (a dealer's or a broker's staff in training):
# stated, never costed, since their time is their employer's, not the client's.
PARTNER_TIME = "partner_time"


@dataclass(frozen=True)
class CostLine:
    """One line of the plan's cost: a quantity of days at a rate the engagement gives.

    `code` names what is costed: cash lines `trainers`, `external` (consultants
    and integrator), `material`; internal lines `learners`, `key_users`,
    `change_team`; `partner_learners` (PARTNER_TIME, never costed). `kind` is CASH
    (money the client pays out), INTERNAL_TIME (its own people's time, valued at
    the internal day cost) or PARTNER_TIME (other employers' staff in training).
    """

    code: str
    kind: str
    days: float
    rate: float | None  # per day, exactly as the engagement gives it; None: not costed
    shown_days: float  # the days as printed (reconciled with the totals they belong to)
    shown: float | None = None  # the amount as printed (rounded with its siblings)
    lump: float | None = None  # an amount given as such (material), not days at a rate

    @property
    def amount(self) -> float | None:
        """The printed days at the rate (the cost a reader can check on the page), or
        the amount the engagement gives."""
        if self.lump is not None:
            return self.lump
        return None if self.rate is None else self.shown_days * self.rate


@dataclass(frozen=True)
class Budget:
    """The plan's cost as the client thinks of it: cash and internal time kept
    apart, cash compared with the change-and-training budget of the business case,
    internal days with the days the client agreed to give (`internal_budget`).

    `envelope` is that budget (None: none given); `objectives` the total of the
    objectives' own budgets (None: no objective has one), a different line that
    is never added to or compared with the plan's cost.
    """

    currency: str
    lines: tuple[CostLine, ...]
    envelope: float | None
    objectives: float | None
    cash_shown: float | None  # the printed cash total (its lines' `shown` add up to it)
    internal_shown: float | None  # the printed value of internal time
    internal_budget: float | None = None  # days of its people the client agreed to give
    partners: tuple[str, ...] = ()  # populations another company employs (PARTNER_TIME's)

    def of(self, kind: str) -> tuple[CostLine, ...]:
        return tuple(line for line in self.lines if line.kind == kind)

    def line(self, code: str) -> CostLine:
        for line in self.lines:
            if line.code == code:
                return line
        raise KeyError(code)

    @property
    def costed(self) -> bool:
        """Every cash line has its amount: the cash total means something."""
        cash = self.of(CASH)
        return bool(cash) and all(line.amount is not None for line in cash)

    @property
    def cash(self) -> float | None:
        if not self.costed:
            return None
        return sum(line.amount or 0.0 for line in self.of(CASH))

    @property
    def learner_days_shown(self) -> float:
        """Every learner's days in training as printed, the client's and its partners':
        the training volume (the client's own are the `learners` line)."""
        return sum(line.shown_days for line in self.lines
                   if line.code in ("learners", "partner_learners"))

    @property
    def internal_days(self) -> float:
        """Internal days as printed: the sum of the printed lines."""
        return sum(line.shown_days for line in self.of(INTERNAL_TIME))

    @property
    def internal_overrun(self) -> float | None:
        """Internal days (as printed) beyond the days the client agreed to give (None:
        within them, or none agreed)."""
        if self.internal_budget is None or self.internal_days <= self.internal_budget:
            return None
        return self.internal_days - self.internal_budget

    @property
    def overrun(self) -> float | None:
        """Cash beyond the envelope (None: within it, or nothing to compare)."""
        if self.envelope is None or self.cash is None or self.cash <= self.envelope:
            return None
        return self.cash - self.envelope


@dataclass(frozen=True)
class OwnerEffort:
    """The Change plan's days for one owner role."""

    owner: str  # the role's label, as the plan prints it
    names: tuple[str, ...]  # the people the intake names for it
    actions: int
    days: float
    shown: float  # printed days: the owners' `shown` add up to `Effort.shown`


@dataclass(frozen=True)
class Effort:
    """The Change plan's total effort and its split by owner, reconciled."""

    days: float
    shown: float  # the printed total
    by_owner: tuple[OwnerEffort, ...]  # most days first


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class LotTraining:
    """One lot's training dates and what the schedule says about their order."""

    lot: str
    acceptance_end: dt.date
    go_live: dt.date
    key_users: Span | None  # the key users' train-the-trainer
    administrators: Span | None
    end_users: Span | None  # every end-user session, e-learning included
    first_user_session: dt.date | None  # first end-user session with a trainer
    user_sessions: int  # end-user sessions with a trainer
    before_acceptance_end: int  # of them, starting on or before acceptance testing ends
    after_go_live: int  # of them, ending on or after go-live
    unplaced: int = 0  # end-user sessions needed that found no place (a decision is raised)

    @property
    def key_users_first(self) -> bool:
        """Key users trained before the first end-user session with a trainer."""
        return (self.key_users is not None and self.first_user_session is not None
                and self.key_users.end < self.first_user_session)

    @property
    def after_acceptance(self) -> bool:
        """No end-user session starts before acceptance testing has ended."""
        return self.before_acceptance_end == 0

    @property
    def before_go_live(self) -> bool:
        return self.after_go_live == 0


@dataclass(frozen=True)
class Training:
    """The training plan's dates per lot and its placement figures."""

    lots: tuple[LotTraining, ...]  # earliest go-live first
    seats_needed: int
    seats_placed: int

    def lot(self, name: str) -> LotTraining:
        for lot in self.lots:
            if lot.lot == name:
                return lot
        raise KeyError(name)

    @property
    def key_users_first(self) -> tuple[LotTraining, ...]:
        return tuple(lot for lot in self.lots if lot.key_users_first)

    @property
    def with_key_users(self) -> tuple[LotTraining, ...]:
        """Lots where the order of key users and end users can be stated at all."""
        return tuple(lot for lot in self.lots
                     if lot.key_users is not None and lot.first_user_session is not None)

    @property
    def before_acceptance_end(self) -> int:
        return sum(lot.before_acceptance_end for lot in self.lots)

    @property
    def user_sessions(self) -> int:
        return sum(lot.user_sessions for lot in self.lots)


@dataclass(frozen=True)
class Counts:
    """Counts the titles and summaries state."""

    populations: int  # mapped populations
    territories: int  # regional territories (the national default is not one)
    resistances: int  # observed resistances
    points_to_watch: int  # the training plan's own warnings


# Why a decision is asked for; the order is the order the summaries list them in.
BUDGET_OVERRUN = "budget_overrun"
RULE_GAVE_WAY = "rule_gave_way"
TRAINING_CAPACITY = "training_capacity"  # end users do not fit between acceptance testing and go-live
LATE_AFTER_GO_LIVE = "late_after_go_live"  # late work due before a go-live, re-planned after it
OPEN_AFTER_GO_LIVE = "open_after_go_live"  # work due before a go-live now past, not recorded as done
MISSING_SPONSOR = "missing_sponsor"
MISSING_OWNER = "missing_owner"
SATURATED_SCALE = "saturated_scale"
DECISION_KINDS = (BUDGET_OVERRUN, TRAINING_CAPACITY, LATE_AFTER_GO_LIVE, OPEN_AFTER_GO_LIVE, RULE_GAVE_WAY,
                  MISSING_SPONSOR, MISSING_OWNER, SATURATED_SCALE)


@dataclass(frozen=True)
class Decision:
    """Something the steering committee must arbitrate, raised by an alert of the analysis.

    `id` is derived from what the decision is about (kind and subject), so the
    same decision has the same id in every deliverable and every run.
    """

    id: str
    kind: str  # one of DECISION_KINDS
    subject: str  # the lot, territory or rule concerned ("" for the whole plan)
    reason: str  # the alert's own sentence, in the deliverable's language
    detail: str = ""  # the options in a few words, where a list names the decision


@dataclass(frozen=True)
class Findings:
    """Everything the deliverables state as figures, dates, counts and decisions."""

    budget: Budget
    effort: Effort
    training: Training
    counts: Counts
    decisions: tuple[Decision, ...]
