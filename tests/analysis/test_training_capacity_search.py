"""The training capacity search decides what trying every number of trainers decides.

When a lot's end-user wave does not fit between acceptance testing and go-live,
the plan names the fewest trainers to add (and the later go-live). It skips the
numbers arithmetic rules out and bisects the rest; these tests place the wave
with every number of trainers from 1 to the search's ceiling and check that the
decision, its figures and the placed calendar are the same.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.analysis import training_plan
from playbook.analysis.training_plan import plan_training
from playbook.method import load_method

from .change_plan_cases import LOT_1, LOT_2, diagnosis, engagement, population

METHOD = load_method()
DIMENSIONS = ["tool", "process", "role", "skills"]


def every_number_of_trainers(wave, calendar, tried, ceiling):
    """The reference: the wave placed with 1, 2, … `ceiling` more trainers, the
    fewest that leave out no more sessions than `ceiling` more."""
    if not ceiling:
        return 0, tried.short.sessions, tried
    trials = {t: wave.trial(calendar, trainers=t) for t in range(1, ceiling + 1)}
    least = trials[ceiling].short.sessions
    if least >= tried.short.sessions:
        return 0, least, tried
    fewest = min(t for t, trial in trials.items() if trial.short.sessions <= least)
    return fewest, least, trials[fewest]


@st.composite
def tight_engagements(draw):
    """One or two lots whose windows after acceptance testing hold a few working
    days, one or two trainers, and more sessions than they can run there."""
    count = draw(st.integers(1, 3))
    people = [
        population(
            f"Team {i + 1}",
            headcount=draw(st.integers(40, 200)),
            territory=draw(st.sampled_from(["North", "South"])),
            level=draw(st.sampled_from(["staff", "manager"])),
            it_comfort=draw(st.sampled_from(["low", "medium", "high"])),
            team_size=draw(st.one_of(st.none(), st.integers(4, 30))),
        )
        for i in range(count)
    ]
    names = [p["name"] for p in people]
    # A tool impact of 2 or more: every team has sessions led by a trainer.
    impacts = {name: {"tool": draw(st.integers(2, 3))} | {d: draw(st.integers(1, 3)) for d in draw(
        st.lists(st.sampled_from(DIMENSIONS[1:]), max_size=2, unique=True))} for name in names}
    go_live_1 = dt.date.fromisoformat(LOT_1["go_live"])
    go_live_2 = dt.date.fromisoformat(LOT_2["go_live"])
    lot_1 = dict(LOT_1, acceptance_end=(go_live_1 - dt.timedelta(days=draw(st.integers(3, 15)))).isoformat())
    lot_2 = dict(LOT_2, acceptance_end=(go_live_2 - dt.timedelta(days=draw(st.integers(3, 15)))).isoformat())
    second = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    first = [n for n in names if n not in second] or names[:1]
    lots = [(lot_1, first)] + ([(lot_2, second)] if second else [])
    blackouts = [
        {"start": day.isoformat(), "end": (day + dt.timedelta(days=draw(st.integers(0, 3)))).isoformat(),
         "reason": "Inventory", "territory": draw(st.sampled_from(["", "North", "South"]))}
        for day in draw(st.lists(st.sampled_from([go_live_1 - dt.timedelta(days=d) for d in range(2, 12)]),
                                 max_size=2, unique=True))
    ]
    key_users = [{"name": f"Key user {i + 1}", "population": draw(st.sampled_from(names))}
                 for i in range(draw(st.integers(0, 3)))]
    training = {
        "max_group_size": draw(st.integers(4, 12)),
        "session_hours": draw(st.sampled_from([3.5, 7.0])),
        "trainers_available": draw(st.integers(1, 2)),
        "max_share_away": draw(st.sampled_from([0.25, 0.5, 1.0])),
        "weeks_before_go_live": draw(st.integers(1, 3)),
        "blackouts": blackouts,
    }
    e = engagement(people, lots=lots, training=training, governance={"key_users": key_users},
                   territories=[{"name": "North"}, {"name": "South"}])
    return e, impacts


def both_searches(e, impacts, monkeypatch):
    d = diagnosis(e, impacts)
    fast = plan_training(e, METHOD, d, "en")
    with monkeypatch.context() as patched:
        patched.setattr(training_plan, "_fewest_more_trainers", every_number_of_trainers)
        reference = plan_training(e, METHOD, d, "en")
    return fast, reference


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=tight_engagements())
def test_the_capacity_decision_is_the_one_trying_every_number_of_trainers_gives(case, monkeypatch):
    e, impacts = case
    fast, reference = both_searches(e, impacts, monkeypatch)

    assert fast.capacity, "the case is drawn too tight for its window"
    assert fast.capacity == reference.capacity
    assert [(w.code, w.message) for w in fast.warnings] == [(w.code, w.message) for w in reference.warnings]
    columns = ["lot", "population", "module", "start", "end", "participants", "trainer"]
    assert fast.sessions[columns].equals(reference.sessions[columns])


def test_a_wave_short_of_many_trainers_gets_the_fewest_that_place_it(monkeypatch):
    # 300 people in groups of 10, one trainer, four working days after acceptance
    # testing: thirty one-day sessions need eight trainers in all, seven more.
    lot = dict(LOT_1, acceptance_end="2026-05-10")
    e = engagement([population("Sales", headcount=300)], lots=[(lot, ["Sales"])],
                   training={"max_group_size": 10, "max_share_away": 1.0, "trainers_available": 1,
                             "weeks_before_go_live": 1})
    fast, reference = both_searches(e, {"Sales": {"tool": 2}}, monkeypatch)
    (decision,) = fast.capacity
    assert (decision.sessions, decision.people, decision.trainers_to_add) == (26, 260, 7)
    assert fast.capacity == reference.capacity
    users = fast.sessions[fast.sessions["wave"] == "end_users"]
    assert len(users) == 30 and users["trainer"].max() == 8


@pytest.mark.parametrize("trainers", [1, 2])
def test_half_day_sittings_in_two_territories_get_the_same_decision(trainers, monkeypatch):
    """Two sittings a day and two territories' working days: the arithmetic that
    spares tries counts them all and never rules out the answer."""
    lot = dict(LOT_1, acceptance_end="2026-05-06")
    e = engagement([population("Sales", headcount=180), population("Care", headcount=90, territory="South")],
                   lots=[(lot, ["Sales", "Care"])],
                   training={"max_group_size": 8, "max_share_away": 0.5, "trainers_available": trainers,
                             "weeks_before_go_live": 2, "session_hours": 3.5},
                   territories=[{"name": "North"}, {"name": "South"}])
    fast, reference = both_searches(e, {"Sales": {"tool": 3, "process": 2}, "Care": {"tool": 1}}, monkeypatch)
    assert fast.capacity and fast.capacity == reference.capacity
