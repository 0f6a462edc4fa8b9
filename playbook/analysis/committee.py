"""The steering committee as a stage over the analysis: `steer(analysis, as_of, previous)`.

A committee reads the analysed engagement at its own date. Before the first
go-live there is nothing to measure yet: the pack is a **readiness** pack (plan
progress, late work with the dates the plan now gives it, each lot's readiness:
acceptance testing, key users trained, high risks open, and the decisions).
From the first go-live on, it is the **adoption** pack (`copil`: KPIs measured
against their targets, adoption, reinforcement). "Since the last committee" is
said only of a committee on record (`Previous`, from the run's committee
history or the `--since` file), never of a date computed from the cadence.

`steered` returns the analysis carrying its committee (`Steered`), which the
steering deliverable renders; the engine itself knows nothing of committees.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from .copil import Copil, copil, default_as_of
from .engine import Analysis, analysed
from .ids import stable_id
from .progress import LATE, workshop_status
from .training_plan import PREPARATORY

READINESS, ADOPTION = "readiness", "adoption"
KEY_USER = "key_user"  # the train-the-trainer audience of the training plan
HIGH_RISK = 3  # a risk level the committee tracks until it is lowered


@dataclass(frozen=True)
class Previous:
    """The committee before this one, as recorded: its date and, when its
    engagement file was kept, the engagement analysed as it stood then."""

    date: dt.date
    analysis: Analysis | None = None


@dataclass(frozen=True)
class LateAction:
    """An action planned before the committee, not recorded done: the date it
    was planned for and the date the plan gives it now."""

    id: str
    action: str
    population: str  # "all" for an action across populations
    audience: str  # who a cross-population action is for, as the Change plan names it
    owner: str
    planned: dt.date
    now: dt.date


@dataclass(frozen=True)
class LateWorkshop:
    """A framing workshop still planned after its date: held from the committee's
    date on, as the deliverables' next steps date it."""

    id: str
    workshop: str  # the workshop's code in the method
    planned: dt.date
    now: dt.date


@dataclass(frozen=True)
class OpenRisk:
    """A high risk of the diagnosis, by its stable id."""

    id: str
    population: str
    kind: str  # "rejection" | "misuse"
    level: int
    reason: str


@dataclass(frozen=True)
class LotReadiness:
    """Where one lot stands against its go-live on the committee's date."""

    lot: str
    go_live: dt.date
    acceptance_end: dt.date
    key_users_start: dt.date | None  # None: no key users' session in the plan
    key_users_end: dt.date | None
    risks: tuple[OpenRisk, ...]  # high risks of the lot's populations

    def acceptance_over(self, as_of: dt.date) -> bool:
        return self.acceptance_end < as_of

    def key_users_trained(self, as_of: dt.date) -> bool:
        return self.key_users_end is not None and self.key_users_end < as_of


@dataclass(frozen=True)
class SteeringAnalysis:
    """What one steering committee reads, computed once for its date.

    `phase` is READINESS before the first go-live, ADOPTION from it on.
    `previous` is the committee on record before this one (None: none is).
    `copil` holds the plan's progress, the measurements and the decisions of
    the date (its `previous` is the start of the window trends are read over).
    """

    as_of: dt.date
    phase: str
    first_go_live: dt.date
    previous: Previous | None
    copil: Copil
    late: tuple[LateAction, ...]  # latest planned first
    late_workshops: tuple[LateWorkshop, ...]  # earliest planned first
    lots: tuple[LotReadiness, ...]  # earliest go-live first
    risks: tuple[OpenRisk, ...]  # every high risk open, highest first

    @property
    def readiness(self) -> bool:
        return self.phase == READINESS


def at_date(analysis: Analysis, as_of: dt.date) -> Analysis:
    """The analysis with the engagement's as-of date set to the committee's: the
    Change plan's statuses (done, late, planned) are then those of that day."""
    if analysis.calendar is not None and analysis.as_of == as_of:
        return analysis
    engagement = analysis.engagement
    moved = engagement.model_copy(
        update={"engagement": engagement.engagement.model_copy(update={"as_of": as_of})})
    return analysed(moved, analysis.method, analysis.lang)


def steer(analysis: Analysis, as_of: dt.date | None = None,
          previous: Previous | None = None) -> SteeringAnalysis:
    """The steering committee of `as_of` (default: the latest measurement, else
    the engagement's as-of date) for one analysed engagement."""
    engagement = analysis.engagement
    as_of = as_of or default_as_of(engagement)
    if previous is not None and previous.date >= as_of:
        previous = None  # a later committee is not the previous one
    dated = at_date(analysis, as_of)
    pack = copil(dated, as_of, previous.analysis if previous else None,
                 since=previous.date if previous else None)
    first = min(lot.go_live for lot in engagement.lots)
    risks = open_risks(dated)
    return SteeringAnalysis(
        as_of=as_of, phase=READINESS if as_of < first else ADOPTION, first_go_live=first,
        previous=previous, copil=pack, late=late_actions(dated), late_workshops=late_workshops(dated),
        lots=lot_readiness(dated, risks), risks=risks)


def late_actions(analysis: Analysis) -> tuple[LateAction, ...]:
    """The plan's late actions with the date they were planned for and the date
    the plan gives them now (as the analysis re-plans them), latest planned first."""
    actions = analysis.change_plan.actions
    late = actions[actions["status"] == LATE]
    rows = [LateAction(id=str(r.id), action=str(r.action), population=str(r.population),
                       audience=str(r.audience), owner=str(r.owner_label), planned=_day(r.planned),
                       now=_day(r.date))
            for r in late.itertuples()]
    return tuple(sorted(rows, key=lambda a: (a.planned, a.id), reverse=True))


def workshop_id(code: object) -> str:
    """'W' and a digest of the workshop's code: one id per workshop of the method."""
    return stable_id("W", getattr(code, "value", code))


def late_workshops(analysis: Analysis) -> tuple[LateWorkshop, ...]:
    """Workshops still planned after their date, earliest first."""
    as_of = analysis.as_of
    late = [w for w in analysis.engagement.governance.workshops
            if workshop_status(w, as_of) == LATE]
    return tuple(LateWorkshop(workshop_id(w.workshop), str(getattr(w.workshop, "value", w.workshop)),
                              w.date, as_of) for w in sorted(late, key=lambda w: w.date))


def open_risks(analysis: Analysis) -> tuple[OpenRisk, ...]:
    """The diagnosis's high risks, highest first, then by population."""
    kinds = {"rejection": 0, "misuse": 1}
    risks = [OpenRisk(id=r.id, population=r.population, kind=r.kind, level=r.level,
                      reason=r.reasons[0] if r.reasons else "")
             for r in analysis.diagnosis.risks if r.level >= HIGH_RISK]
    return tuple(sorted(risks, key=lambda r: (-r.level, r.population, kinds.get(r.kind, 2))))


def lot_readiness(analysis: Analysis, risks: tuple[OpenRisk, ...]) -> tuple[LotReadiness, ...]:
    """Each lot's acceptance testing, key users' training and high risks, read
    from the training plan's sessions (the dates the training plan prints)."""
    from .milestones import milestones

    table = milestones(analysis.engagement, analysis.method)
    sessions = analysis.training_plan.sessions
    out = []
    for lot in sorted(analysis.engagement.lots, key=lambda lot: lot.go_live):
        own = sessions[(sessions["lot"] == lot.name) & (sessions["wave"] == PREPARATORY)
                       & (sessions["audience"] == KEY_USER)] if len(sessions) else sessions
        start = min(own["start"]) if len(own) else None
        end = max(own["end"]) if len(own) else None
        acceptance = table.at[lot.name, "acceptance_end"]
        out.append(LotReadiness(
            lot=lot.name, go_live=lot.go_live, acceptance_end=_day(acceptance),
            key_users_start=_day(start) if start is not None else None,
            key_users_end=_day(end) if end is not None else None,
            risks=tuple(r for r in risks if r.population in lot.populations)))
    return tuple(out)


def _day(value: object) -> dt.date:
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    assert isinstance(day, dt.date)
    return day


@dataclass(frozen=True)
class Steered(Analysis):
    """An analysis with the steering committee it is rendered for."""

    committee: SteeringAnalysis | None = None


def steered(analysis: Analysis, as_of: dt.date | None = None,
            previous: Previous | None = None) -> Steered:
    """`analysis` as of the committee's date, carrying the committee, for the
    steering deliverable: every figure of the pack (plan, decisions, budget) is
    then the plan of that day, as the committee's own tables are."""
    committee = steer(analysis, as_of, previous)
    dated = at_date(analysis, committee.as_of)
    base = {f.name: getattr(dated, f.name) for f in dataclasses.fields(Analysis)}
    return Steered(**base, committee=committee)


def committee_of(analysis: Analysis) -> SteeringAnalysis:
    """The committee an analysis is rendered for: the one it carries, else the
    committee of its latest measurement (none on record before it)."""
    found = getattr(analysis, "committee", None)
    if isinstance(found, SteeringAnalysis):
        return found
    return steer(analysis)
