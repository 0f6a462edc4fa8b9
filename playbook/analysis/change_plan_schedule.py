"""Dating one Change-plan action on the working calendar, at the as-of date.

The method dates an action on its lot's milestones; here it becomes a real
appointment: moved to a working day of the people it serves (the public
holidays of every territory they work in, for an action gathering several), given its duration, and dated by the training plan when the
training plan costs it (one source for the same training). Its status at the
as-of date comes from what the consultant recorded: an occurrence planned
before the as-of date and neither done nor cancelled is late: here it keeps its
length from the as-of date, and `change_plan_replan` then gives it its place in
its owner's capacity. A cancelled action costs nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..model import Engagement
from .calendar import WorkingCalendar
from .change_plan_tables import ALL
from .progress import CANCELLED, LATE, recorded_state, status_at

# The training plan's waves: (lot, population) -> [(format, first day, last day)].
Waves = dict[tuple[Any, Any], list[tuple[Any, Any, Any]]]


def schedule(
    draft: dict[str, Any], engagement: Engagement, method: Any, working: WorkingCalendar,
    waves: Waves | None,
) -> None:
    """Set `planned` and `end` of one action (in place): its dates as planned,
    whatever was recorded of it (its id is derived from them, see `settle`)."""
    lever = method.levers.lever(draft["lever"])
    draft.pop("territory", None)
    places = draft.get("territories") or ("",)  # where the people it gathers work
    dated = _training_dates(draft, lever, waves)
    if dated is None:
        start = working.on_or_after(pd.Timestamp(draft["date"]).date(), places)
        last = start + dt.timedelta(weeks=lever.duration_weeks) - dt.timedelta(days=1)
        dated = (start, max(start, working.on_or_before(last, places)))
    start, end = dated
    draft.update(planned=pd.Timestamp(start), end=pd.Timestamp(end), _places=places)


def settle(draft: dict[str, Any], engagement: Engagement, working: WorkingCalendar) -> None:
    """Set `date`, `end` and `status` of one dated action with its id (in place),
    from what the consultant recorded of it: a late action keeps its length from
    the as-of date (`replan_late` then places it), a cancelled one costs nothing."""
    places = draft.pop("_places")
    start, end = draft["planned"].date(), draft["end"].date()
    population = "" if draft["population"] == ALL else draft["population"]
    recorded = recorded_state(engagement.action_status, draft["id"], draft["lever"], population,
                              start, working.as_of)
    status = status_at(start, working.as_of, recorded)
    shown = start
    if status == LATE:
        shown = working.plan_from(working.as_of, places)
        end = max(shown, working.on_or_before(shown + (end - start), places))
    if status == CANCELLED:
        draft["effort_days"] = 0.0
    draft.update(date=pd.Timestamp(shown), end=pd.Timestamp(end), status=status)


def training_waves(calendar: pd.DataFrame) -> Waves:
    """The training plan's waves of each lot and population (format, first and
    last day), in the calendar's order: read once per plan, not one mask per action."""
    found: Waves = {}
    for lot, population, form, start, end in zip(
            calendar["lot"], calendar["population"], calendar["format"], calendar["start"],
            calendar["end"], strict=True):
        found.setdefault((lot, population), []).append((form, start, end))
    return found


def _training_dates(
    draft: dict[str, Any], lever: Any, waves: Waves | None
) -> tuple[dt.date, dt.date] | None:
    """First and last day of the population's training waves of the lot in the
    lever's formats, as the training plan dates them."""
    if not waves or not lever.training_formats:
        return None
    own = [(start, end) for form, start, end in waves.get((draft["lot"], draft["population"]), ())
           if form in lever.training_formats]
    if not own:
        return None
    return min(start for start, _ in own), max(end for _, end in own)
