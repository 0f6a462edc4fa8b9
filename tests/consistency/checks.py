"""The promises of one engagement calendar and one set of facts, as checks
over an analysed engagement. The example tests and the random-engagement
properties run the same checks, so a rule holds for a case nobody thought of.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from playbook.analysis.engine import Analysis
from playbook.analysis.progress import AHEAD, CANCELLED, DONE, LATE, PLANNED
from playbook.analysis.training_plan import END_USERS, PREPARATORY, population_seats
from playbook.method.levers import PILLARS


def _day(value) -> dt.date:
    return value.date() if isinstance(value, pd.Timestamp) else value


def _warned(analysis: Analysis, code: str, subject: str) -> bool:
    return any(w.code == code and w.subject == subject for w in analysis.training_plan.warnings)


def closed_days(analysis: Analysis) -> list[tuple[str, dt.date]]:
    """Every scheduled day of the plan that falls on a closed day of the people
    it concerns: actions, training sessions and periods, KPI reviews."""
    calendar = analysis.calendar
    engagement = analysis.engagement
    territory = {p.name: p.territory for p in engagement.populations}
    found = []
    for row in analysis.change_plan.actions.itertuples():
        places = (territory.get(row.population, ""),)
        for day in {_day(row.date), _day(row.end)}:
            if not calendar.is_working(day, places):
                found.append((f"action {row.id} {row.lever} / {row.population}", day))
    for row in analysis.training_plan.sessions.itertuples():
        for day in {row.start, row.end}:
            if not calendar.is_working(day, row.territories, training=True):
                found.append((f"session {row.module} / {row.population}", day))
    for row in analysis.training_plan.calendar.itertuples():
        places = (territory.get(row.population, ""),)
        for day in {row.start, row.end}:
            if not calendar.is_working(day, places):
                found.append((f"wave {row.module} / {row.population}", day))
    for row in analysis.steering.kpis.itertuples():
        places = (territory.get(row.population, ""),)
        for day in row.reviews:
            if not calendar.is_working(day, places):
                found.append((f"review {row.name}", day))
    return found


def trainers_not_ready(analysis: Analysis) -> list[str]:
    """Lots whose key users and administrators do not finish the method's buffer
    before the lot's first end-user session, with no warning saying so (and,
    warned or not, any who finish after it starts)."""
    sessions = analysis.training_plan.sessions
    buffer = dt.timedelta(weeks=analysis.method.training.trainer_buffer_weeks)
    problems = []
    for lot, own in sessions.groupby("lot"):
        prep = own[own["wave"] == PREPARATORY]
        users = own[own["wave"] == END_USERS]
        if prep.empty or users.empty:
            continue
        end, first = max(prep["end"]), min(users["start"])
        if end >= first:
            problems.append(f"{lot}: trainers finish {end}, first session {first}")
        elif end > first - buffer and not _warned(analysis, "training_buffer_short", lot):
            problems.append(f"{lot}: buffer short, unannounced ({end} / {first})")
    return problems


def training_before_acceptance_end(analysis: Analysis) -> list[str]:
    """End-user sessions before their lot's acceptance testing ends, unannounced."""
    milestones = analysis.change_plan.milestones
    sessions = analysis.training_plan.sessions
    problems = []
    for lot, own in sessions[sessions["wave"] == END_USERS].groupby("lot"):
        end = milestones.at[lot, "acceptance_end"].date()
        early = own[own["start"] <= end]
        if len(early) and not _warned(analysis, "training_before_acceptance_end", lot):
            problems.append(f"{lot}: {len(early)} sessions before {end}")
    return problems


def prerequisites_not_done(analysis: Analysis) -> list[str]:
    """Learners who would sit a module before its prerequisite (declared in the
    catalogue): the first n learners of a module need n learners through its
    prerequisite the day before; a self-paced prerequisite ends before it."""
    catalogue = analysis.method.training
    sessions = population_seats(analysis.training_plan.sessions)  # one row per population in a session
    periods = analysis.training_plan.calendar
    problems = []
    for module in catalogue.modules:
        if not module.prerequisite:
            continue
        for (lot, population), own in sessions[sessions["module"] == module.id].groupby(["lot", "population"]):
            before = sessions[(sessions["module"] == module.prerequisite) & (sessions["lot"] == lot)
                              & (sessions["population"] == population)]
            self_paced = periods[(periods["module"] == module.prerequisite) & (periods["lot"] == lot)
                                 & (periods["population"] == population) & (periods["sessions"] == 0)]
            start = min(own["start"])
            if len(self_paced) and max(self_paced["end"]) >= start:
                problems.append(f"{population}: {module.prerequisite} ends after {module.id} starts")
            if before.empty:
                continue
            seated = 0
            for row in own.sort_values("start").itertuples():
                seated += row.participants
                ready = before.loc[before["end"] < row.start, "participants"].sum()
                if ready < min(seated, before["participants"].sum()):
                    problems.append(f"{population}: {module.id} on {row.start}, {ready} of {seated} ready")
    return problems


def open_work_in_the_past(analysis: Analysis) -> list[str]:
    """Open work dated before the as-of date, or a status at odds with the dates."""
    as_of = analysis.as_of
    problems = []
    for row in analysis.change_plan.actions.itertuples():
        planned, shown = _day(row.planned), _day(row.date)
        if row.status in (PLANNED, LATE) and shown < as_of:
            problems.append(f"{row.id} {row.status} on {shown}")
        if row.status == PLANNED and planned < as_of:
            problems.append(f"{row.id} planned in the past")
        if row.status == LATE and not planned < as_of:
            problems.append(f"{row.id} late but planned after the as-of date")
        if row.status == AHEAD and not planned > as_of:
            problems.append(f"{row.id} ahead but due already")
        if row.status in (DONE, AHEAD, CANCELLED) and shown != planned:
            problems.append(f"{row.id} {row.status} moved")
        if row.status == CANCELLED and row.effort_days:
            problems.append(f"{row.id} cancelled but costed")
    milestones = analysis.change_plan.milestones
    for row in analysis.training_plan.sessions.itertuples():
        if milestones.at[row.lot, "go_live"].date() > as_of and row.start < as_of:
            problems.append(f"session {row.module} / {row.population} on {row.start}")
    return problems


def reviews_missing(analysis: Analysis) -> list[str]:
    """KPIs not reviewed after every go-live they concern."""
    engagement = analysis.engagement
    milestones = analysis.change_plan.milestones
    problems = []
    for row in analysis.steering.kpis.itertuples():
        lots = ([lot.name for lot in engagement.lots_of(row.population)] if row.population else [])
        lots = lots or ([milestones.index[0]] if row.population else list(milestones.index))
        for lot in lots:
            go_live = milestones.at[lot, "go_live"].date()
            if not any(day >= go_live for day in row.reviews):
                problems.append(f"{row.name}: no review after {lot} goes live")
        if sorted(row.reviews) != list(row.reviews) or row.first_review != min(row.reviews):
            problems.append(f"{row.name}: reviews out of order")
    # Series that start again at every lot (the COPIL's adoption reviews) follow every go-live.
    actions = analysis.change_plan.actions
    for lever in analysis.method.levers.levers:
        own = actions[actions["lever"] == lever.id]
        if lever.repeat is None or not lever.repeat.each_lot or own.empty:
            continue
        for lot, go_live in milestones["go_live"].items():
            if not (own["date"] >= go_live).any():
                problems.append(f"{lever.id}: nothing after {lot} goes live")
    return problems


def totals_that_do_not_add_up(analysis: Analysis) -> list[str]:
    """Every total of the plans is the sum of the rows it summarises."""
    plan = analysis.change_plan
    total = plan.total_days
    problems = []

    def check(name: str, value: float, expected: float) -> None:
        if abs(value - expected) > 1e-6:
            problems.append(f"{name}: {value} != {expected}")

    check("effort by month", float(plan.by_month["effort_days"].sum()), total)
    check("months' pillars", float(plan.by_month[list(PILLARS)].to_numpy().sum()), total)
    check("actions by month", float(plan.by_month["actions"].sum()), float(len(plan.actions)))
    check("effort by population", float(plan.by_population["effort_days"].sum()), total)
    check("effort by pillar", float(plan.by_pillar["effort_days"].sum()), total)
    totals = analysis.training_plan.totals
    if len(totals) > 1:
        lots, overall = totals.iloc[:-1], totals.iloc[-1]
        for column in ("sessions", "trainer_days", "learner_days", "seats_needed", "seats_placed"):
            check(f"training {column}", float(lots[column].sum()), float(overall[column]))
        check("sessions listed", float(len(analysis.training_plan.sessions)), float(overall["sessions"]))
    return problems


ALL_CHECKS = (
    closed_days, trainers_not_ready, training_before_acceptance_end, prerequisites_not_done,
    open_work_in_the_past, reviews_missing, totals_that_do_not_add_up,
)
