"""Late work is re-planned from the as-of date within each owner's capacity,
not piled on the as-of date (a false effort peak in the first month)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from playbook.analysis.calendar import WorkingCalendar
from playbook.analysis.change_plan import plan_change
from playbook.analysis.change_plan_replan import WEEK_DAYS, owner_capacity
from playbook.method import load_method

from .change_plan_cases import diagnosis, engagement, population

METHOD = load_method()
AS_OF = "2026-04-20"  # lot 1's design (from 2 February) is past: its actions are late


def _case(change_lead_allocation: float = 40):
    e = engagement(
        [population("Field sales", headcount=48, buy_in="resistant"),
         population("Inside sales", headcount=30, buy_in="reluctant"),
         population("Back office", headcount=25, crm_user=False)],
        governance={"team": [
            {"name": "Léa Morel", "function": "Change", "role": "Change lead",
             "seniority": "senior", "allocation": change_lead_allocation},
        ]},
    )
    data = e.model_dump(mode="json")
    data["engagement"]["as_of"] = AS_OF
    e = type(e).model_validate(data)
    d = diagnosis(e, {"Field sales": {"tool": 3, "job": 3, "culture": 2},
                      "Inside sales": {"tool": 3, "job": 2}, "Back office": {"job": 3}},
                  brakes=[("Back office", "admin_load", 3), ("Field sales", "feeling_watched", 3)])
    plan = plan_change(e, METHOD, d, "en")
    return e, plan, WorkingCalendar.of(e)


@pytest.fixture(scope="module")
def case():
    return _case()


def test_late_actions_are_spread_not_piled_on_the_as_of_date(case):
    _, plan, _ = case
    late = plan.actions[plan.actions["status"] == "late"]
    assert len(late) >= 6
    busiest = int(late["date"].value_counts().iloc[0])
    assert busiest <= len(late) / 2, f"{busiest} of {len(late)} late actions on one day"
    assert (late["date"] >= pd.Timestamp(AS_OF)).all()  # never dated in the past
    assert (late["planned"] < pd.Timestamp(AS_OF)).all()  # what they were planned for is kept


def test_each_owner_works_through_late_work_within_capacity_and_in_order(case):
    """An owner starts a late action only once the late work planned before it
    fits in their days since the as-of date, at the pace they can give."""
    e, plan, working = case
    late = plan.actions[plan.actions["status"] == "late"]
    as_of = dt.date.fromisoformat(AS_OF)
    for (owner, names), own in late.groupby(["owner", "owner_name"], sort=False):
        daily = owner_capacity(owner, names, e, METHOD) / WEEK_DAYS
        own = own.sort_values(["planned", "lever", "population"], kind="stable")
        starts = [d.date() for d in own["date"]]
        assert starts == sorted(starts), f"{owner}: late work re-planned out of its order"
        before = 0.0
        for start, effort in zip(starts, own["effort_days"], strict=True):
            elapsed = len(working.working_days(as_of, start))  # working days up to its start
            assert before <= daily * elapsed + 1e-6, (
                f"{owner}: {before} days of late work before {start}, "
                f"capacity {daily * elapsed:.1f}")
            before += float(effort)


def test_the_effort_curve_follows_the_re_plan(case):
    """The as-of month carries the late work its owners can do that month, not all of it."""
    _, plan, _ = case
    late = plan.actions[plan.actions["status"] == "late"]
    month = pd.Period(AS_OF, freq="M")
    assert plan.by_month["effort_days"].sum() == pytest.approx(plan.actions["effort_days"].sum())
    assert plan.by_month.at[month, "effort_days"] < late["effort_days"].sum()
    assert late["end"].max() > pd.Timestamp(AS_OF) + pd.Timedelta(weeks=4)


def test_the_engagement_s_allocation_sets_the_pace():
    """The change lead given all their time catches up sooner than at a fifth of it."""
    def last_end(allocation: float) -> pd.Timestamp:
        _, plan, _ = _case(allocation)
        actions = plan.actions
        own = actions[(actions["status"] == "late") & (actions["owner"] == "change_lead")]
        assert len(own) >= 2
        return own["end"].max()

    assert last_end(100) < last_end(20)
