"""Late work re-planned from the as-of date, within each owner's capacity.

An action planned before the as-of date and neither done nor cancelled is late.
Moving every late action to the as-of date would pile weeks of work on one day
(and a false peak on the effort curve); instead each owner works through their
late actions in the order they were planned, from the as-of date, with the days
a week they can give the plan, beside the actions already planned for them then:

- an owner's capacity is the share of time the engagement gives the people
  behind the role (`allocation` of the team member or key users named as its
  owner), else the method's `owner_capacity` for the role (levers.yaml);
- a late action starts once its owner has finished the late work planned
  before it (the order of the plan is kept, owner by owner); a role each
  population holds with its own people (its front-line managers, its key users:
  `population_owners`) has that capacity for each population;
- an action that costs its owner nothing (training, dated and costed by the
  training plan) resumes on the as-of date;
- it ends when its effort is spent at that pace, and never sooner than its own
  duration allows.

The re-planned dates are the action's `date` and `end`: the plan's tables, the
effort curve, the progress pages and the steering pack all read them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pandas as pd

from ..model import Engagement
from .calendar import WorkingCalendar
from .progress import LATE, PLANNED

WEEK_DAYS = 5  # capacity is given per working week
HORIZON_DAYS = 3 * 365  # a backlog no capacity absorbs in three years stops there
_EPSILON = 1e-9

Owner = tuple[str, str]  # (owner role, the people named for it)


def owner_capacity(role: str, names: str, engagement: Engagement, method: Any) -> float:
    """Days a week the owner of an action can give the plan: five days times the
    allocation of the people the engagement names for the role (team members, key
    users), else the method's capacity for the role."""
    allocations = _allocations(engagement)
    named = [allocations[name] for name in (n.strip() for n in names.split(",")) if name in allocations]
    share = sum(named)
    if share > 0:
        return WEEK_DAYS * min(share, 100.0 * len(named)) / 100.0
    return float(method.levers.owner_capacity[role])


def _allocations(engagement: Engagement) -> dict[str, float]:
    governance = engagement.governance
    found: dict[str, float] = {}
    people = [(m.name, m.allocation) for m in governance.team]
    people += [(k.name, k.allocation) for k in governance.key_users]
    for name, allocation in people:
        if allocation > 0:
            found[name] = found.get(name, 0.0) + float(allocation)
    return found


def replan_late(
    drafts: list[dict[str, Any]], engagement: Engagement, method: Any, working: WorkingCalendar,
) -> None:
    """Give every late action (in place) its re-planned `date` and `end`."""
    late = sorted((d for d in drafts if d["status"] == LATE),
                  key=lambda d: (d["planned"], d["lever"], d["population"]))
    if not late:
        return
    as_of = working.as_of
    load = _planned_load(drafts, working, method)
    used: dict[Owner, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    cursor: dict[Owner, dt.date] = {}
    for draft in late:
        places = tuple(draft.get("territories") or ("",))  # where its people work
        # `date` and `end` still span the action's own length (see `schedule`)
        length = draft["end"].date() - draft["date"].date()
        if not draft["effort_days"]:  # costs its owner nothing (dated by the training plan, or free)
            resumed = working.on_or_after(as_of, places)
            draft.update(date=pd.Timestamp(resumed), end=pd.Timestamp(
                max(resumed, working.on_or_before(resumed + length, places))))
            continue
        owner = _owner(draft, method)
        daily = owner_capacity(draft["owner"], draft["owner_name"], engagement, method) / WEEK_DAYS
        day = working.on_or_after(max(as_of, cursor.get(owner, as_of)), places)
        remaining = float(draft["effort_days"])
        start: dt.date | None = None
        for _ in range(HORIZON_DAYS):
            free = daily - load[owner].get(day, 0.0) - used[owner][day]
            if free > _EPSILON:
                start = start or day
                taken = min(free, remaining)
                used[owner][day] += taken
                remaining -= taken
                if remaining <= _EPSILON:
                    break
            day = working.on_or_after(day + dt.timedelta(days=1), places)
        start = start or day
        cursor[owner] = day  # the owner's next late action starts where this one's effort ends
        own_length = working.on_or_before(start + length, places)
        draft.update(date=pd.Timestamp(start), end=pd.Timestamp(max(start, day, own_length)))


def _owner(draft: dict[str, Any], method: Any) -> Owner:
    """Whose capacity an action draws on: the people named for its role; for a role
    each population holds with its own people (its managers, its key users), that
    population's; else the role itself."""
    if draft["owner_name"]:
        return (draft["owner"], draft["owner_name"])
    if draft["owner"] in method.levers.population_owners:
        return (draft["owner"], f"population:{draft['population']}")
    return (draft["owner"], "")


def _planned_load(
    drafts: list[dict[str, Any]], working: WorkingCalendar, method: Any,
) -> dict[Owner, dict[dt.date, float]]:
    """Effort per owner and working day of the actions planned from the as-of
    date, spread evenly over their working days (as the effort curve spreads it)."""
    load: dict[Owner, dict[dt.date, float]] = defaultdict(dict)
    for draft in drafts:
        if draft["status"] != PLANNED or not draft["effort_days"]:
            continue
        places = tuple(draft.get("territories") or ("",))  # where its people work
        days = working.working_days(draft["date"].date(), draft["end"].date(), places) or [
            draft["date"].date()]
        share = float(draft["effort_days"]) / len(days)
        own = load[_owner(draft, method)]
        for day in days:
            own[day] = own.get(day, 0.0) + share
    return load
