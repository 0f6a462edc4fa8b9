"""Where the engagement stands at its as-of date.

Workshops carry a recorded status; Change-plan actions get theirs from the
`action_status` records. What is dated before the as-of date is done, late or
cancelled, never simply "planned": a late workshop is shown from the first
working day from the as-of date, a late action is re-planned from it within its
owner's capacity (`change_plan_replan`). Done before its date is "ahead".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model import ActionRecord, ActionState, PlannedWorkshop, WorkshopStatus

DONE, AHEAD, LATE, CANCELLED, PLANNED = "done", "ahead", "late", "cancelled", "planned"
PLAN_STATUSES = (DONE, AHEAD, LATE, CANCELLED, PLANNED)


def status_at(date: dt.date, as_of: dt.date, recorded: str | None) -> str:
    """The plan status of something dated `date`, given what was recorded of it
    (`done`, `cancelled` or nothing)."""
    if recorded == CANCELLED:
        return CANCELLED
    if recorded == DONE:
        return AHEAD if date > as_of else DONE
    return LATE if date < as_of else PLANNED


def workshop_status(workshop: PlannedWorkshop, as_of: dt.date) -> str:
    recorded = {WorkshopStatus.DONE: DONE, WorkshopStatus.CANCELLED: CANCELLED}.get(workshop.status)
    return status_at(workshop.date, as_of, recorded)


def recorded_state(
    records: Iterable[ActionRecord], action_id: str, lever: str, population: str,
    planned: dt.date, as_of: dt.date,
) -> str | None:
    """What the consultant recorded of one occurrence of an action (see `record_of`)."""
    record = record_of(records, action_id, lever, population, planned, as_of)
    return _state(record.status) if record is not None and record.status else None


def record_of(
    records: Iterable[ActionRecord], action_id: str, lever: str, population: str,
    planned: dt.date, as_of: dt.date,
) -> ActionRecord | None:
    """The record that says what became of one occurrence of an action: a record
    naming the action's id wins (it names nothing else); then a record naming its
    lever and planned date; a record without a date covers every occurrence
    planned before the as-of date (the last one written). `population` is "" for
    a cross-population action; a record naming no population covers the lever
    for every population. A record without a status says nothing."""
    general = dated = None
    for record in records:
        if record.status is None:
            continue
        if record.id:
            if record.id == action_id:
                return record
            continue
        if record.lever != lever or record.population not in ("", population):
            continue
        if record.planned == planned:
            dated = dated or record
        elif record.planned is None and planned < as_of:
            general = record
    return dated or general


def _state(state: ActionState) -> str:
    return DONE if state == ActionState.DONE else CANCELLED
