"""The `action_status` sheet pre-filled from the plan: one row per planned action.

Without it the consultant types every action's lever, population and date by
hand before a committee, and until then the steering pack says every past
action is late. Here each action of the Change plan becomes a row with its
stable id, its wording, its owner and its planned date, and what the
consultant already recorded of it (status and notes); the consultant only
picks done or cancelled. Nothing recorded is lost: a record that names no
planned action (a lever the plan no longer chooses, a future occurrence of a
dateless record) stays as it was typed, after the plan's rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..model import ActionRecord, Engagement
from ..text.grammar import with_detail
from .change_plan_tables import ALL
from .progress import record_of


def action_sheet(engagement: Engagement, actions: pd.DataFrame, as_of: dt.date) -> list[ActionRecord]:
    """The rows of the `action_status` sheet for the plan `actions` (the Change
    plan's table, in the engagement's language) at `as_of`."""
    records = list(engagement.action_status)
    used: set[int] = set()
    rows: list[ActionRecord] = []
    for action in actions.sort_values(["planned", "id"], kind="stable").itertuples(index=False):
        population = "" if action.population == ALL else str(action.population)
        planned = pd.Timestamp(action.planned).date()
        said = record_of(records, str(action.id), str(action.lever), population, planned, as_of)
        typed = _own_row(records, str(action.id))  # notes kept even before a status is picked
        for record in (said, typed):
            if record is not None:
                used.add(id(record))
        source = said or typed
        rows.append(ActionRecord(
            id=str(action.id),
            action=str(action.action),
            population=population,
            owner=_owner(action),
            planned=planned,
            status=source.status if source is not None else None,
            notes=source.notes if source is not None else "",
            lever=str(action.lever),
        ))
    return rows + [record for record in records if id(record) not in used]


def _own_row(records: list[ActionRecord], action_id: str) -> ActionRecord | None:
    return next((record for record in records if record.id == action_id), None)


def _owner(action: Any) -> str:
    """"Chef de projet (Hélène Marchal)" as the plan prints it; the role alone
    when nobody is named."""
    return with_detail(str(action.owner_label or ""), str(action.owner_name or ""))


def unmatched_records(engagement: Engagement, actions: pd.DataFrame
                      ) -> list[tuple[int, dt.date | None]]:
    """The dated records of `action_status` (no id) that match no planned
    occurrence of the plan `actions`: their status applies to nothing. Each as
    its index in `engagement.action_status` and the planned date of the same
    lever for the same population nearest to the record's (None: the plan has
    no such action), for the consultant to correct the date."""
    planned: dict[tuple[str, str], list[dt.date]] = {}
    for action in actions.itertuples(index=False):
        population = "" if action.population == ALL else str(action.population)
        planned.setdefault((str(action.lever), population), []).append(
            pd.Timestamp(action.planned).date())
    found: list[tuple[int, dt.date | None]] = []
    for index, record in enumerate(engagement.action_status):
        if record.id or record.planned is None or not record.lever:
            continue
        dates = [day for (lever, population), days in planned.items()
                 if lever == record.lever and record.population in ("", population)
                 for day in days]
        if record.planned in dates:
            continue
        day = record.planned
        found.append((index, min(dates, key=lambda d: (abs((d - day).days), d)) if dates else None))
    return found
