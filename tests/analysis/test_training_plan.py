"""The training plan: needs per population and role, sessions and trainer-days,
waves dated before each go-live under the client's constraints (blackouts,
share of a team away, trainers), key users first, Kirkpatrick evaluation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.analysis.training_plan import plan_training, population_seats
from playbook.analysis.training_plan_groups import compose
from playbook.method import load_method

from .change_plan_cases import LOT_1, LOT_2, diagnosis, engagement, population

METHOD = load_method()
GO_LIVE = dt.date(2026, 5, 18)  # Monday


def plan(populations, impacts, training=None, **sections):
    e = engagement(populations, training=training or {}, **sections)
    return plan_training(e, METHOD, diagnosis(e, impacts), "en")


def sales_plan(headcount=40, **training):
    limits = {"max_group_size": 10, "max_share_away": 0.5, "trainers_available": 2} | training
    return plan([population("Sales", headcount=headcount)], {"Sales": {"tool": 2}}, limits)


def module_sessions(p, module, population=None):
    rows = p.sessions[p.sessions["module"] == module]
    return rows if population is None else rows[rows["population"] == population]


def test_sessions_trainer_days_and_learner_days_are_hand_computable():
    p = sales_plan()
    need = p.needs.set_index("module").loc["crm_essentials"]
    assert (need["group_size"], need["sessions"]) == (10, 4)  # ceil(40 / 10)
    essentials = module_sessions(p, "crm_essentials")
    assert len(essentials) == 4
    assert list(essentials["participants"]) == [10, 10, 10, 10]
    assert essentials["trainer_days"].sum() == pytest.approx(4.0)  # 4 × 7 h ÷ 7 h a day
    assert essentials["learner_days"].sum() == pytest.approx(40.0)
    # The e-learning prerequisite has no session but a period that ends before the first one.
    discovery = p.calendar.set_index("module").loc["crm_discovery"]
    assert discovery["sessions"] == 0 and discovery["end"] < essentials["start"].min()


def test_end_user_wave_is_as_close_to_go_live_as_the_constraints_allow():
    p = sales_plan()
    starts = sorted(module_sessions(p, "crm_essentials")["start"])
    # Two trainers, 20 people (50 %) away a day: two sessions on each of the last two working
    # days (14 May 2026 is Ascension Day, a public holiday in France).
    assert starts == [dt.date(2026, 5, 13)] * 2 + [dt.date(2026, 5, 15)] * 2
    window_start = GO_LIVE - dt.timedelta(weeks=3)
    assert all(window_start <= day < GO_LIVE for day in p.sessions["start"])


def test_blackouts_are_avoided_and_a_territory_blackout_binds_only_that_territory():
    blackout = {"start": "2026-05-11", "end": "2026-05-15", "reason": "Sales fair", "territory": "North"}
    p = plan(
        [population("North sales", territory="North"), population("South sales", territory="South")],
        {"North sales": {"tool": 2}, "South sales": {"tool": 2}},
        {"max_group_size": 10, "max_share_away": 0.5, "trainers_available": 4, "blackouts": [blackout]},
    )
    north = module_sessions(p, "crm_essentials", "North sales")
    south = module_sessions(p, "crm_essentials", "South sales")
    fair = (dt.date(2026, 5, 11), dt.date(2026, 5, 15))
    assert not any(fair[0] <= day <= fair[1] for day in north["start"])
    assert all(fair[0] <= day <= fair[1] for day in south["start"])
    assert all(day.weekday() < 5 for day in p.sessions["start"])


def test_never_more_than_the_allowed_share_of_a_team_away_on_one_day():
    p = sales_plan(max_share_away=0.25)  # 10 of 40
    per_day = p.sessions.groupby(["population", "start"])["participants"].sum()
    assert per_day.max() <= 10
    assert sorted(module_sessions(p, "crm_essentials")["start"]) == [
        dt.date(2026, 5, d) for d in (11, 12, 13, 15)  # 14 May: Ascension Day
    ]


def test_group_size_shrinks_to_the_share_away_cap():
    p = sales_plan(headcount=20, max_share_away=0.2)  # 4 of 20 away at once
    need = p.needs.set_index("module").loc["crm_essentials"]
    assert (need["group_size"], need["sessions"]) == (4, 5)
    capped = [w.message for w in p.warnings if w.code == "training_group_capped"]
    # said as what a session holds: "group size limited to 1" read as a class of one
    assert capped and "at most 4 per session" in capped[0] and "20%" in capped[0]


def test_trainer_capacity_is_respected():
    p = sales_plan(headcount=40, max_share_away=1.0, trainers_available=1)
    per_day = p.sessions.groupby(["start", "trainer"])["hours"].sum()
    assert per_day.max() <= 7  # two 3.5-hour sittings a day per trainer
    assert len(set(module_sessions(p, "crm_essentials")["start"])) == 4


def test_key_users_and_administrators_are_trained_before_the_first_end_user_session():
    p = plan(
        [population("Sales", headcount=30)],
        {"Sales": {"tool": 2}},
        {"max_group_size": 10, "max_share_away": 0.5},
        governance={
            "key_users": [{"name": n, "population": "Sales"} for n in ("Léo Faure", "Ana Roy", "Max Bel")],
            "administrators": [{"name": "Iris Noël", "function": "IT"}],
        },
    )
    first_end_user = p.sessions.loc[p.sessions["wave"] == "end_users", "start"].min()
    ttt = module_sessions(p, "key_user_train_the_trainer")
    admin = module_sessions(p, "administrator_training")
    assert list(ttt["participants"]) == [3] and list(admin["participants"]) == [1]
    assert ttt["end"].max() < first_end_user
    assert admin["end"].max() < first_end_user
    assert (ttt["end"].iloc[0] - ttt["start"].iloc[0]).days >= 1  # 14 hours: two days


def test_roles_decide_the_modules():
    p = plan(
        [
            population("Sales"),
            population("Sales managers", level="manager", headcount=6),
            population("Accounting", crm_user=False, headcount=10),
        ],
        {"Sales": {"tool": 2}, "Sales managers": {"performance": 2}, "Accounting": {"job": 2}},
    )
    modules = p.needs.groupby("population")["module"].apply(set)
    assert modules["Accounting"] == {"non_user_awareness"}
    assert "manager_steering" in modules["Sales managers"]
    assert "crm_essentials" in modules["Sales"] and "manager_steering" not in modules["Sales"]
    assert "no_key_user" in {w.code for w in p.warnings}


def test_a_population_going_live_again_gets_the_lot_update_before_the_second_go_live():
    e = engagement([population("Sales")], lots=[(LOT_1, ["Sales"]), (LOT_2, ["Sales"])])
    p = plan_training(e, METHOD, diagnosis(e, {"Sales": {"tool": 2}}), "en")
    update = module_sessions(p, "lot_update")
    assert set(update["lot"]) == {"Lot 2"}
    assert update["end"].max() < dt.date(2026, 9, 14)


def test_the_reason_for_a_second_go_live_agrees_with_any_population():
    """'Inspecteurs commerciaux passe de nouveau en production': the verb agreed with
    no population's number; the reason makes the go-live its subject."""
    e = engagement([population("Inspecteurs commerciaux")],
                   lots=[(LOT_1, ["Inspecteurs commerciaux"]), (LOT_2, ["Inspecteurs commerciaux"])])
    p = plan_training(e, METHOD, diagnosis(e, {"Inspecteurs commerciaux": {"tool": 2}}), "fr")
    reasons = set(p.needs.loc[p.needs["module"] == "lot_update", "reason"])
    assert reasons == {"Inspecteurs commerciaux : nouvelle mise en production avec « Lot 2 »."}


def test_new_hires_get_the_onboarding_module_every_year():
    p = plan([population("Sales", new_hires_per_year=12)], {"Sales": {"tool": 2}})
    row = p.onboarding.set_index("population").loc["Sales"]
    assert row["sessions_per_year"] == 2  # ceil(12 / 8), virtual classroom
    assert row["trainer_days_per_year"] == pytest.approx(1.0)  # 2 × 3.5 h ÷ 7 h


def test_a_wave_too_big_for_its_window_starts_earlier_but_never_before_acceptance_testing_ends():
    lot = dict(LOT_1, acceptance_end="2026-04-17")  # four weeks before go-live
    e = engagement([population("Sales", headcount=120)], lots=[(lot, ["Sales"])],
                   training={"max_group_size": 10, "max_share_away": 1.0, "trainers_available": 1,
                             "weeks_before_go_live": 1})
    p = plan_training(e, METHOD, diagnosis(e, {"Sales": {"tool": 2}}), "en")
    codes = {w.code for w in p.warnings}
    assert "training_window_too_short" in codes and "training_capacity_short" not in codes
    assert (~p.sessions["in_window"]).any()
    assert p.sessions["start"].min() > dt.date(2026, 4, 17)
    assert p.sessions["end"].max() < GO_LIVE


def _user_sessions(p):
    return p.sessions[p.sessions["wave"] == "end_users"]


def _capacity(p):
    return [w for w in p.warnings if w.code == "training_capacity_short"]


# 200 people, one trainer, one week after acceptance testing (11-15 May 2026, the
# 14th a public holiday): four one-day sessions fit, sixteen do not.
TOO_SMALL = {"headcount": 200, "max_share_away": 1.0, "trainers_available": 1, "weeks_before_go_live": 1}


def test_a_capacity_too_small_for_after_acceptance_testing_is_a_decision_with_its_numbers():
    p = sales_plan(**TOO_SMALL)
    users = _user_sessions(p)
    assert users["start"].min() >= dt.date(2026, 5, 11)  # acceptance testing ends on the 10th
    assert users["end"].max() < GO_LIVE
    (decision,) = _capacity(p)
    assert decision.subject == "Lot 1"
    assert "Sessions without a place: 16; people concerned: 160" in decision.message
    assert "trainers to add over that period: 4" in decision.message
    assert "move go-live to " in decision.message
    # The calendar counts the trainers asked for: every session has its place, in the window.
    assert len(users) == 20 and users["trainer"].max() == 5
    (record,) = p.capacity
    assert (record.lot, record.sessions, record.people, record.trainers_to_add) == ("Lot 1", 16, 160, 4)
    assert record.topic.startswith("trainers to add: 4 or go-live moved to ")


def test_the_trainers_and_the_later_go_live_the_decision_names_are_enough():
    more = sales_plan(**(TOO_SMALL | {"trainers_available": 5}))
    assert not _capacity(more)
    (decision,) = _capacity(sales_plan(**TOO_SMALL))
    later = re.search(r"move go-live to (\d+ \w+ \d{4})", decision.message).group(1)
    go_live = dt.datetime.strptime(later, "%d %B %Y").date()
    lot = dict(LOT_1, go_live=go_live.isoformat(), acceptance_end="2026-05-10")
    e = engagement([population("Sales", headcount=200)], lots=[(lot, ["Sales"])],
                   training={"max_group_size": 10, "max_share_away": 1.0, "trainers_available": 1,
                             "weeks_before_go_live": 1})
    p = plan_training(e, METHOD, diagnosis(e, {"Sales": {"tool": 2}}), "en")
    assert not _capacity(p) and len(_user_sessions(p)) == 20


def test_key_users_as_co_trainers_make_it_fit():
    limits = {"max_group_size": 10, "max_share_away": 1.0, "trainers_available": 1, "weeks_before_go_live": 1}
    key_users = {"key_users": [{"name": n, "population": "Sales"} for n in ("Léo Faure", "Ana Roy", "Max Bel")]}
    alone = plan([population("Sales", headcount=100)], {"Sales": {"tool": 2}}, limits)
    assert _capacity(alone)  # ten sessions, four days, one trainer
    p = plan([population("Sales", headcount=100)], {"Sales": {"tool": 2}}, limits, governance=key_users)
    assert not _capacity(p)
    users = _user_sessions(p)
    assert len(users) == 10 and users["start"].min() >= dt.date(2026, 5, 11)
    assert users["trainer"].max() > 1  # the key users run sessions
    ttt = module_sessions(p, "key_user_train_the_trainer")
    assert ttt["end"].max() + dt.timedelta(weeks=1) <= users["start"].min()  # prepared first


def test_managers_learn_the_basic_gestures_before_steering_with_them():
    p = plan([population("Sales managers", level="manager", headcount=12)],
             {"Sales managers": {"tool": 2, "performance": 2}},
             {"max_group_size": 6, "max_share_away": 0.5, "trainers_available": 1})
    essentials = module_sessions(p, "crm_essentials")
    steering = module_sessions(p, "manager_steering")
    assert len(essentials) and len(steering)
    assert essentials["end"].max() < steering["start"].min()


def test_a_lot_that_changes_a_population_s_work_trains_it_though_it_does_not_list_it():
    use_case = {"name": "Service follow-up", "population": "Sales", "lot": "Lot 2", "priority": "must"}
    e = engagement([population("Sales"), population("Service")],
                   lots=[(LOT_1, ["Sales"]), (LOT_2, ["Service"])], use_cases=[use_case])
    p = plan_training(e, METHOD, diagnosis(e, {"Sales": {"tool": 2}, "Service": {"tool": 2}}), "en")
    update = module_sessions(p, "lot_update", "Sales")
    assert set(update["lot"]) == {"Lot 2"} and update["end"].max() < dt.date(2026, 9, 14)


def test_sessions_that_cannot_be_placed_are_reported():
    blackout = {"start": "2026-01-12", "end": "2026-05-17", "reason": "Restructuring"}
    p = sales_plan(blackouts=[blackout])
    unscheduled = [w.message for w in p.warnings if w.code == "training_unscheduled"]
    assert unscheduled
    # the count is said with its noun, agreed ("1 session … finds"), not as a trailing ": 2"
    for message in unscheduled:
        count = int(message.split(": ", 1)[1].split(" ", 1)[0])
        noun = "session" if count == 1 else "sessions"
        assert f": {count} {noun} of " in message, message
    assert p.totals.loc["Total", "coverage"] < 1


def test_totals_add_up_and_cost_follows_the_rates():
    p = sales_plan(trainer_day_rate=1200, learner_day_cost=300)
    lot, total = p.totals.loc["Lot 1"], p.totals.loc["Total"]
    assert total["sessions"] == lot["sessions"] == len(p.sessions)
    assert total["trainer_days"] == pytest.approx(p.sessions["trainer_days"].sum())
    assert total["learner_days"] == pytest.approx(p.calendar["learner_days"].sum())
    assert total["trainer_cost"] == pytest.approx(total["trainer_days"] * 1200)
    assert total["learner_cost"] == pytest.approx(total["learner_days"] * 300)
    assert total["coverage"] == 1.0


def test_evaluation_covers_kirkpatrick_four_levels_dated_on_the_lot():
    p = sales_plan()
    levels = p.evaluation.set_index("level")
    assert list(levels.index) == ["reaction", "learning", "behaviour", "results"]
    assert levels.loc["behaviour", "start"] == GO_LIVE + dt.timedelta(weeks=6)
    assert levels.loc["reaction", "start"] == p.sessions["start"].min()


@settings(max_examples=15, deadline=None)
@given(
    small=st.integers(min_value=1, max_value=80),
    extra=st.integers(min_value=0, max_value=80),
    group=st.integers(min_value=4, max_value=12),
)
def test_more_headcount_never_means_fewer_sessions(small, extra, group):
    # With everyone allowed away, only the group size sets the number of sessions.
    # (When the share-away cap binds, 3 people at 50 % need three one-person
    # sessions and 4 people only two of two: the cap, not the headcount, decides.)
    counts = [
        len(sales_plan(headcount=h, max_share_away=1.0, max_group_size=group).sessions)
        for h in (small, small + extra)
    ]
    assert counts[0] <= counts[1]


def test_share_away_cap_decides_small_teams_sessions():
    assert len(module_sessions(sales_plan(headcount=3), "crm_essentials")) == 3  # 1 away at once
    assert len(module_sessions(sales_plan(headcount=4), "crm_essentials")) == 2  # 2 away at once


@settings(max_examples=15, deadline=None)
@given(
    loose=st.floats(min_value=0.05, max_value=1.0),
    tighter_by=st.floats(min_value=0.0, max_value=0.9),
    headcount=st.integers(min_value=5, max_value=60),
)
def test_a_tighter_share_away_never_means_fewer_days_in_the_calendar(loose, tighter_by, headcount):
    tight = max(0.01, loose * (1 - tighter_by))
    days = [
        sales_plan(headcount=headcount, max_share_away=share).sessions["start"].nunique()
        for share in (loose, tight)
    ]
    assert days[0] <= days[1]


# ------------------------------------------------- people of several populations


def _one_site(**limits):
    """Three small teams at one site, one at another, all learning the basics."""
    people = [population("Claims", headcount=6), population("Recovery", headcount=4),
              population("Front desk", headcount=12), population("Sales", headcount=3, territory="South")]
    impacts = {p["name"]: {"tool": 2} for p in people}
    return people, impacts, {"max_group_size": 10, "max_share_away": 0.2, "trainers_available": 2} | limits


def test_small_teams_of_one_site_share_sessions_each_within_its_own_share_away():
    people, impacts, limits = _one_site()
    p = plan(people, impacts, limits)
    basics = module_sessions(p, "crm_essentials")
    north = basics[basics["territories"] == ("North",)]
    # 1, 1 and 2 of each team away at once: 6 + 4 + 6 one- and two-person classes
    # alone; together, six classes of three or four.
    assert len(north) == 6
    assert sorted(north["participants"]) == [3, 3, 4, 4, 4, 4]
    assert all(len(seats) > 1 for seats in north["seats"])
    seats = population_seats(basics)
    away = seats.groupby(["population", "start"])["participants"].sum()
    caps = {"Claims": 1, "Recovery": 1, "Front desk": 2, "Sales": 1}
    assert all(n <= caps[population] for (population, _), n in away.items())
    # everyone sits the module once, and their days are theirs
    assert seats.groupby("population")["participants"].sum().to_dict() == {
        "Claims": 6, "Recovery": 4, "Front desk": 12, "Sales": 3}
    assert basics["learner_days"].sum() == pytest.approx(25 * 7 / 7)
    assert p.totals.iloc[-1]["sessions"] == len(p.sessions)
    assert p.calendar.set_index(["population", "module"]).loc[("Claims", "crm_essentials"), "sessions"] == 6


def test_a_site_s_people_never_share_a_session_with_another_site_s():
    people, impacts, limits = _one_site()
    basics = module_sessions(plan(people, impacts, limits), "crm_essentials")
    south = basics[basics["territories"] == ("South",)]
    assert [seats for seats in south["seats"]] == [(("Sales", 1),)] * 3  # 1 of 3 away at once
    assert set(south["population"]) == {"Sales"}
    assert not any("Sales" in dict(seats) for seats in basics[basics["territories"] == ("North",)]["seats"])


def test_a_shared_session_is_known_by_its_site_module_and_rank_and_keeps_its_id():
    people, impacts, limits = _one_site()
    first, again = plan(people, impacts, limits), plan(people, impacts, limits)
    assert list(first.sessions["id"]) == list(again.sessions["id"])
    assert first.sessions["id"].is_unique
    shared = first.sessions[[len(s) > 1 for s in first.sessions["seats"]]]
    basics = shared[shared["module"] == "crm_essentials"]
    assert sorted(basics["session"]) == [1, 2, 3, 4, 5, 6]
    # who sits it, by name and number, in the population column the tables print
    row = basics.iloc[0]
    assert row["population"] == ", ".join(f"{name} ({n})" for name, n in row["seats"])


def test_a_firm_that_trains_each_population_apart_gets_sessions_of_one_population():
    people, impacts, limits = _one_site()
    apart = dataclasses.replace(METHOD, training=METHOD.training.model_copy(
        update={"group_across_populations": False}))
    e = engagement(people, training=limits)
    p = plan_training(e, apart, diagnosis(e, impacts), "en")
    basics = module_sessions(p, "crm_essentials")
    assert all(len(seats) == 1 for seats in basics["seats"])
    assert len(basics[basics["territories"] == ("North",)]) == 6 + 4 + 6


def _needs(*teams):
    """Stand-ins for the needs of one cohort: (headcount, most of them in one session)."""
    return [SimpleNamespace(population=f"P{i}", headcount=h, group_size=g) for i, (h, g) in enumerate(teams)]


def test_a_team_split_in_more_groups_than_the_others_fill_does_not_leave_a_class_of_one():
    # 27 advisers (5 at once), 21 call-centre staff (3), 8 team leaders and 4 mediators
    # (1 each): the team leaders need eight sessions, so eight there are, none of one.
    sessions = compose(_needs((27, 5), (21, 3), (8, 1), (4, 1)), room=10)
    sizes = sorted(sum(n for _, n in seats) for seats in sessions)
    assert len(sessions) == 8 and min(sizes) > 1 and max(sizes) <= 10
    assert sum(sizes) == 60


@settings(max_examples=60, deadline=None)
@given(teams=st.lists(st.tuples(st.integers(1, 60), st.integers(1, 12)), min_size=1, max_size=8),
       room=st.integers(1, 12))
def test_sharing_sessions_seats_everyone_within_each_limit_and_never_adds_a_session(teams, room):
    needs = _needs(*[(h, min(g, room)) for h, g in teams])
    sessions = compose(needs, room)
    for need in needs:
        theirs = [n for seats in sessions for other, n in seats if other is need]
        assert sum(theirs) == need.headcount and max(theirs) <= need.group_size
    for seats in sessions:
        assert sum(n for _, n in seats) <= room
        assert len({id(need) for need, _ in seats}) == len(seats)  # one group of a population per session
    apart = sum(-(-need.headcount // need.group_size) for need in needs)
    assert -(-sum(h for h, _ in teams) // room) <= len(sessions) <= apart


def test_when_basics_find_no_place_each_population_leaves_the_shared_steering_it_is_not_ready_for():
    managers = [population("Branch managers", level="manager", headcount=6),
                population("Team leaders", level="team_leader", headcount=6)]
    impacts = {p["name"]: {"tool": 2, "performance": 2} for p in managers}
    # Three working days before go-live (14 May is Ascension Day), one trainer, half of
    # each team away at most: one day of basics, so only half of each team can steer.
    closed = {"start": "2026-01-12", "end": "2026-05-11", "reason": "Year-end closing"}
    p = plan(managers, impacts, {"max_group_size": 10, "max_share_away": 0.5, "trainers_available": 1,
                                 "blackouts": [closed]})
    assert "training_unscheduled" in {w.code for w in p.warnings}
    assert len(module_sessions(p, "crm_essentials")) == len(module_sessions(p, "manager_steering")) == 1
    seats = population_seats(p.sessions)
    for name in ("Branch managers", "Team leaders"):
        own = seats[seats["population"] == name]
        basics = own[own["module"] == "crm_essentials"]
        seated = 0
        for row in own[own["module"] == "manager_steering"].sort_values("start").itertuples():
            seated += row.participants
            assert seated <= basics.loc[basics["end"] < row.start, "participants"].sum(), name
    for seats, people in zip(p.sessions["seats"], p.sessions["participants"], strict=True):
        assert seats and sum(n for _, n in seats) == people  # no session left with nobody
    assert p.totals.loc["Total", "sessions"] == len(p.sessions)
    assert p.totals.loc["Total", "coverage"] < 1
