"""The Change plan: levers differentiated per population (seed 004), dated on
the lot milestones, costed, explained, totalled and ranked for the COPIL."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.analysis.change_plan import ALL, choose_levers, plan_change
from playbook.analysis.change_plan_inputs import profiles
from playbook.method import DEFAULT_DIR, load_method
from playbook.method.levers import Catalogue as LeversCatalogue
from playbook.model import Engagement
from tests.factories import minimal_engagement_dict

from .change_plan_cases import LOT_1, LOT_2, diagnosis, engagement, population

METHOD = load_method()


def levers_of(plan, name: str) -> set[str]:
    return set(plan.actions.loc[plan.actions["population"] == name, "lever"])


@pytest.fixture(scope="module")
def contrasted():
    """A resistant, highly impacted sales force beside an enthusiastic, lightly
    impacted marketing team."""
    e = engagement(
        [
            population("Field sales", headcount=48, buy_in="resistant"),
            population("Marketing", function="Marketing", headcount=8, buy_in="enthusiastic"),
        ]
    )
    d = diagnosis(
        e,
        {"Field sales": {"tool": 3, "job": 3}, "Marketing": {"tool": 1}},
        brakes=[("Field sales", "feeling_watched", 3)],
    )
    return e, d, plan_change(e, METHOD, d, "en")


def test_resistant_high_impact_population_gets_more_and_different_levers(contrasted):
    _, _, plan = contrasted
    sales, marketing = levers_of(plan, "Field sales"), levers_of(plan, "Marketing")
    assert len(sales) > len(marketing)
    assert {"participatory_workshops", "objection_handling", "early_involvement_design"} <= sales
    assert not {"participatory_workshops", "objection_handling"} & marketing
    # Lean on the enthusiastic: they share their best practice.
    assert "best_practice_exchange" in marketing


def test_feeling_watched_gets_a_manager_usage_charter_and_collective_objectives(contrasted):
    _, _, plan = contrasted
    assert {"manager_usage_charter", "collective_objectives"} <= levers_of(plan, "Field sales")


def test_every_impacted_population_gets_all_three_pillars(contrasted):
    _, _, plan = contrasted
    for name in ("Field sales", "Marketing"):
        pillars = set(plan.actions.loc[plan.actions["population"] == name, "pillar"])
        assert pillars == {"understand", "want", "be_able"}, name


def test_a_population_with_no_impact_gets_no_lever():
    e = engagement([population("Sales"), population("Legal", function="Legal")])
    d = diagnosis(e, {"Sales": {"tool": 2}})
    plan = plan_change(e, METHOD, d, "en")
    assert levers_of(plan, "Legal") == set()
    assert levers_of(plan, "Sales")


def test_non_users_with_shifted_tasks_get_rebalancing_and_awareness_not_tool_training():
    e = engagement(
        [
            population("Field sales", shifts_tasks_to=["Sales assistants"]),
            population("Sales assistants", crm_user=False, buy_in="reluctant", headcount=12),
        ]
    )
    d = diagnosis(
        e,
        {"Field sales": {"tool": 2}, "Sales assistants": {"organisation": 2}},
        brakes=[("Sales assistants", "admin_load", 3)],
    )
    assistants = levers_of(plan_change(e, METHOD, d, "en"), "Sales assistants")
    assert {"workload_rebalancing", "recognition_admin_staff", "walk_in_my_shoes", "awareness_session"} <= assistants
    assert not {"training_classroom", "training_e_learning", "user_guide", "coaching_on_the_job"} & assistants


def _shifted(lang):
    e = engagement(
        [
            population("Field sales", shifts_tasks_to=["Sales assistants"], shifted_tasks="order entry"),
            population("Sales assistants", crm_user=False, buy_in="reluctant", headcount=12),
            population("Marketing", function="Marketing", headcount=8),
        ]
    )
    d = diagnosis(
        e,
        {"Field sales": {"tool": 2}, "Sales assistants": {"organisation": 2}, "Marketing": {"culture": 2}},
        brakes=[("Sales assistants", "admin_load", 3), ("Marketing", "desiloing", 2)],
    )
    return plan_change(e, METHOD, d, lang)


@pytest.fixture(scope="module")
def shifted():
    return _shifted("en")


@pytest.fixture(scope="module")
def shifted_fr():
    return _shifted("fr")


def test_non_users_inheriting_tasks_get_process_training_for_those_tasks(shifted):
    action = shifted.actions.set_index(["population", "lever"]).loc[("Sales assistants", "process_training")]
    assert action["pillar"] == "be_able"
    assert "inherits tasks so far done by Field sales (order entry)" in action["reason"]


def test_walk_in_my_shoes_pairs_the_populations_that_exchange_tasks(shifted):
    actions = shifted.actions.set_index(["population", "lever"])
    assistants = actions.loc[("Sales assistants", "walk_in_my_shoes")]
    assert assistants["audience"] == "Sales assistants (12) ⇄ Field sales"
    assert assistants["reason"].endswith(
        "Sales assistants paired with Field sales (order entry), whose tasks it takes over.")


def test_in_french_the_receiver_s_pairing_names_the_population_its_tasks_come_from(shifted_fr):
    actions = shifted_fr.actions.set_index(["population", "lever"])
    assert actions.loc[("Sales assistants", "walk_in_my_shoes"), "reason"].endswith(
        "Sales assistants en binômes avec Field sales (order entry), dont la population reprend des tâches.")
    assert "hérite de tâches jusqu'ici faites par Field sales (order entry)" in actions.loc[
        ("Sales assistants", "process_training"), "reason"]


def test_walk_in_my_shoes_needs_someone_to_pair_with(shifted):
    # Marketing shares data (de-siloing brake) but exchanges no task with anyone.
    assert "walk_in_my_shoes" not in levers_of(shifted, "Marketing")


@pytest.fixture(scope="module")
def unsponsored():
    """Two territories: South, opposed and without local sponsor; North, sponsored."""
    e = engagement(
        [population("South agencies", territory="South", buy_in="reluctant"),
         population("North agencies", territory="North")],
        territories=[{"name": "South", "local_management": "opposed"},
                     {"name": "North", "local_sponsor": "Eva Lune", "local_sponsor_role": "Regional director"}],
    )
    d = diagnosis(e, {"South agencies": {"tool": 2}, "North agencies": {"tool": 2}},
                  brakes=[("South agencies", "reluctant_territory", 2)])
    return plan_change(e, METHOD, d, "en")


def test_no_local_sponsor_makes_getting_one_named_the_territory_s_first_action(unsponsored):
    actions = unsponsored.actions
    (gap,) = actions[actions["lever"] == "name_local_sponsor"].itertuples()
    assert (gap.owner, gap.owner_name) == ("sponsor", "Paul Verne")
    assert "South" in gap.audience
    assert "no local sponsor is named" in gap.reason
    south = actions[(actions["population"] == "South agencies")]
    assert gap.date < south["date"].min()


def test_an_action_whose_owner_is_missing_goes_to_the_method_s_fallback(unsponsored):
    actions = unsponsored.actions.set_index(["population", "lever"])
    engagement_action = actions.loc[("South agencies", "local_sponsor_engagement")]
    assert (engagement_action["owner"], engagement_action["owner_name"]) == ("sponsor", "Paul Verne")
    assert "where no one holds the role “Local sponsor of the territory”" in engagement_action["reason"]


def test_no_action_is_owned_by_a_role_the_governance_lacks(unsponsored):
    actions = unsponsored.actions
    assert "local_sponsor" not in set(actions.loc[actions["population"] == "South agencies", "owner"])
    assert "key_users" not in set(actions["owner"])  # nobody is named key user here
    north = actions[(actions["population"] == "North agencies") & (actions["owner"] == "local_sponsor")]
    assert set(north["owner_name"]) <= {"Eva Lune"}


def test_reluctant_territory_gets_adaptation_local_sponsor_and_early_involvement():
    e = engagement(
        [population("South agencies", territory="South", buy_in="reluctant")],
        territories=[{"name": "South", "local_management": "opposed", "local_sponsor": "Eva Lune",
                      "local_sponsor_role": "Regional director"}],
    )
    d = diagnosis(e, {"South agencies": {"tool": 2}}, brakes=[("South agencies", "reluctant_territory", 2)])
    plan = plan_change(e, METHOD, d, "en")
    assert {"territorial_adaptation", "local_sponsor_engagement", "early_involvement_design"} <= levers_of(
        plan, "South agencies"
    )
    sponsor = plan.actions[plan.actions["lever"] == "local_sponsor_engagement"].iloc[0]
    assert sponsor["owner_name"] == "Eva Lune"


def test_reasons_cite_the_inputs(contrasted):
    _, _, plan = contrasted
    actions = plan.actions.set_index(["population", "lever"])
    workshops = actions.loc[("Field sales", "participatory_workshops"), "reason"]
    # levels in the method's words, never the input's "3/3"
    assert "Field sales" in workshops and "high overall impact" in workshops and "resistant population" in workshops
    charter = actions.loc[("Field sales", "manager_usage_charter"), "reason"]
    assert "'Fear of being monitored' (high)" in charter and "/3" not in charter


def test_reasons_are_in_the_requested_language(contrasted):
    e, d, _ = contrasted
    plan = plan_change(e, METHOD, d, "fr")
    reason = plan.actions.set_index(["population", "lever"]).loc[
        ("Field sales", "participatory_workshops"), "reason"
    ]
    assert "impact global fort" in reason and "population résistante" in reason and "/3" not in reason


def test_actions_are_dated_on_the_milestones_of_the_population_lot():
    e = engagement(
        [population("Sales"), population("Service", function="Service"), population("Finance", crm_user=False)],
        lots=[(LOT_1, ["Sales"]), (LOT_2, ["Service", "Sales"])],
    )
    d = diagnosis(e, {n: {"tool": 2, "job": 2} for n in ("Sales", "Service")} | {"Finance": {"job": 1}})
    actions = plan_change(e, METHOD, d, "en").actions.set_index(["population", "lever"])
    # Acceptance-phase lever: the acceptance start of the earliest lot the population is in,
    # or the next working day (6 April 2026 is Easter Monday, a public holiday in France).
    assert actions.loc[("Sales", "objection_handling"), "date"] == pd.Timestamp("2026-04-07")
    assert actions.loc[("Service", "objection_handling"), "date"] == pd.Timestamp("2026-07-06")
    # Design + 2 weeks; a population in no lot follows the first lot.
    assert actions.loc[("Finance", "benefits_storytelling"), "date"] == pd.Timestamp("2026-02-16")
    assert actions.loc[("Finance", "benefits_storytelling"), "lot"] == "Lot 1"
    # Pre-go-live (go-live − 4 weeks) + 1 week.
    assert actions.loc[("Service", "user_guide"), "date"] == pd.Timestamp("2026-08-24")


def test_effort_scales_with_headcount_per_session(contrasted):
    _, _, plan = contrasted
    row = plan.actions.set_index(["population", "lever"]).loc[("Field sales", "participatory_workshops")]
    assert row["effort_days"] == 6.0  # ceil(48 / 12) sessions × 1.5 days
    assert row["owner_label"] == "Change lead"


def test_cross_population_actions_are_planned_once_and_communication_recurs(contrasted):
    _, _, plan = contrasted
    cross = plan.actions[plan.actions["population"] == ALL]
    assert {"communication_rhythm", "ambassador_community", "testimonial_video", "mass_communication"} <= set(
        cross["lever"]
    )
    rhythm = cross.loc[cross["lever"] == "communication_rhythm", "date"].sort_values()
    # Every 4 weeks from design start to the post-go-live reinforcement (go-live + 8 weeks),
    # each on the first working day from its 4-weekly date (public holidays skipped).
    expected = pd.date_range("2026-02-02", "2026-07-13", freq=pd.Timedelta(weeks=4))
    moved = {pd.Timestamp("2026-05-25"): pd.Timestamp("2026-05-26")}  # Whit Monday
    assert list(rhythm) == [moved.get(day, day) for day in expected]
    assert (cross.loc[cross["lever"] == "ambassador_community", "effort_days"] == 3.0).all()  # 1.5 × 2


def test_totals_add_up(contrasted):
    _, _, plan = contrasted
    total = plan.actions["effort_days"].sum()
    assert plan.total_days == pytest.approx(total)
    assert plan.by_population["effort_days"].sum() == pytest.approx(total)
    assert plan.by_pillar["effort_days"].sum() == pytest.approx(total)
    assert plan.by_lever["effort_days"].sum() == pytest.approx(total)
    assert plan.by_month["effort_days"].sum() == pytest.approx(total)
    assert plan.by_pillar["share"].sum() == pytest.approx(1.0)
    assert plan.by_month["actions"].sum() == len(plan.actions)
    assert plan.actions["id"].is_unique and plan.actions["id"].str.fullmatch(r"A[A-Z2-9]{4,10}").all()


def test_arbitration_ranks_by_priority_and_leaves_training_to_its_plan(contrasted):
    _, _, plan = contrasted
    view = plan.arbitration
    assert list(view["rank"]) == list(range(1, len(view) + 1))
    assert "training_classroom" not in set(view["lever"])
    assert list(view["score"]) == sorted(view["score"], reverse=True)
    row = view[view["lever"] == "participatory_workshops"].iloc[0]
    # effect × (1 + impact) × √people ÷ (1 + effort)
    assert row["score"] == pytest.approx(3 * (1 + 3) * 48 ** 0.5 / (1 + row["effort_days"]))


def test_priority_puts_many_strongly_impacted_people_before_a_small_team():
    e = engagement([population("Agencies", headcount=400), population("IT team", function="IT", headcount=6)])
    d = diagnosis(e, {"Agencies": {"tool": 3, "job": 3}, "IT team": {"tool": 3, "job": 3}})
    view = plan_change(e, METHOD, d, "en").arbitration
    first = {lever: rank for lever, rank in zip(view["lever"], view["rank"], strict=True)}
    both = view.groupby("lever")["population"].nunique()
    for lever in both[both == 2].index:
        ranks = view[view["lever"] == lever].set_index("population")["rank"]
        assert ranks["Agencies"] < ranks["IT team"], lever
    assert first


def test_high_impact_population_left_without_lever_is_flagged():
    data = yaml.safe_load((DEFAULT_DIR / "levers.yaml").read_text(encoding="utf-8"))
    for lever in data["levers"]:
        if lever["scope"] == "population":
            lever["requires"] = {"crm_user": True}
    data["pillars"]["be_able"]["defaults"] = ["user_guide"]
    trimmed = dataclasses.replace(METHOD, levers=LeversCatalogue.model_validate(data))
    e = engagement([population("Sales"), population("Back office", crm_user=False)])
    d = diagnosis(e, {"Sales": {"tool": 2}, "Back office": {"organisation": 2}})
    plan = plan_change(e, trimmed, d, "en")
    # (the milestone on Easter Monday and the roles nobody holds are said too, whatever the levers)
    said = {"milestone_closed", "owner_unnamed"}
    flagged = [(w.code, w.subject) for w in plan.warnings if w.code not in said]
    assert flagged == [("high_impact_no_lever", "Back office")]
    assert {w.code for w in plan_change(e, METHOD, d, "en").warnings} == said


@settings(max_examples=40, deadline=None)
@given(
    low=st.integers(min_value=0, max_value=3),
    extra=st.integers(min_value=0, max_value=3),
    dimension=st.sampled_from(["tool", "job", "culture", "organisation"]),
    buy_in=st.sampled_from(["enthusiastic", "favourable", "neutral", "reluctant", "resistant"]),
    crm_user=st.booleans(),
    brake=st.sampled_from([None, "desiloing", "feeling_watched", "efficiency_loss", "admin_load"]),
)
def test_more_impact_never_means_fewer_levers(low, extra, dimension, buy_in, crm_user, brake):
    high = min(3, low + extra)
    e = engagement([population("Team", buy_in=buy_in, crm_user=crm_user)])
    brakes = [("Team", brake, 2)] if brake else []
    counts = []
    for level in (low, high):
        d = diagnosis(e, {"Team": {dimension: level}}, brakes=brakes)
        counts.append(len(choose_levers(profiles(e, d)["Team"], METHOD)))
    assert counts[0] <= counts[1]


def test_monthly_effort_is_spread_over_each_action_s_duration():
    """A three-week action from 20 January weighs on January and February, pro
    rata of its weekdays in each; the months still add up to the plan."""
    from playbook.analysis.change_plan_tables import by_month

    actions = pd.DataFrame([
        {"date": pd.Timestamp("2027-01-20"), "end": pd.Timestamp("2027-02-09"), "pillar": "be_able",
         "effort_days": 15.0},
        {"date": pd.Timestamp("2027-03-01"), "end": pd.Timestamp("2027-03-01"), "pillar": "want",
         "effort_days": 2.0},
    ])
    months = by_month(actions)
    assert months.loc[pd.Period("2027-01", "M"), "be_able"] == pytest.approx(8.0)  # 8 weekdays of 15
    assert months.loc[pd.Period("2027-02", "M"), "be_able"] == pytest.approx(7.0)  # the other 7
    assert months["actions"].tolist() == [1, 0, 1]
    assert months["effort_days"].sum() == pytest.approx(17.0)


def test_a_milestone_set_on_a_public_holiday_is_kept_and_flagged():
    """Whit Monday 2026 (25 May) as go-live: the date stays, a warning says so,
    and the go-live actions move to the next working day."""
    e = engagement([population("Sales")], lots=[(LOT_1, ["Sales"])])
    data = e.model_dump(mode="json")
    data["lots"][0]["go_live"] = "2026-05-25"
    e = Engagement.model_validate(data)
    plan = plan_change(e, METHOD, diagnosis(e, {"Sales": {"tool": 2, "job": 2}}), "en")
    assert plan.milestones.at["Lot 1", "go_live"] == pd.Timestamp("2026-05-25")
    flagged = [w.message for w in plan.warnings if w.code == "milestone_closed"]
    # Acceptance testing starts on Easter Monday (6 April 2026) in this case too.
    assert len(flagged) == 2
    assert any(m.startswith("Lot 'Lot 1': go-live on 25 May 2026, a public holiday") for m in flagged)
    assert not (plan.actions["date"] == pd.Timestamp("2026-05-25")).any()


def test_a_flagged_milestone_names_the_holiday_in_the_deliverable_s_language():
    e = engagement([population("Sales")], lots=[(LOT_1, ["Sales"])])
    data = e.model_dump(mode="json")
    data["lots"][0]["go_live"] = "2026-05-25"
    e = Engagement.model_validate(data)
    d = diagnosis(e, {"Sales": {"tool": 2}})
    french = [w.message for w in plan_change(e, METHOD, d, "fr").warnings if w.code == "milestone_closed"]
    assert any("mise en production le 25 mai 2026, un jour férié (Lundi de Pentecôte)" in m for m in french)


def test_an_action_keeps_its_id_when_the_plan_moves_around_it():
    """Ids come from what an action is (lever, population, lot, occurrence), not
    from its rank: recording an action done, which moves nothing else, or a later
    as-of date that makes others late and moves them, leaves every id as it was."""
    from playbook.analysis import analyse

    data = minimal_engagement_dict()
    before = analyse(Engagement.model_validate(data), METHOD, "en").change_plan.actions
    data["engagement"]["as_of"] = "2026-04-20"
    data["action_status"] = [{"lever": "communication_rhythm", "status": "done"}]
    after = analyse(Engagement.model_validate(data), METHOD, "en").change_plan.actions
    key = ["lever", "population", "lot", "planned"]
    assert (before.set_index(key)["id"].sort_index().tolist()
            == after.set_index(key)["id"].sort_index().tolist())


def test_the_levers_answering_a_population_s_main_risk_come_first():
    from playbook.analysis.engine import analyse

    from .diagnosis_cases import engagement as diagnosed
    from .diagnosis_cases import impact, pop

    case = diagnosed(
        [pop("Contact centre", headcount=120, evaluated_on="handling_time", mandatory_fields=14),
         pop("Marketing", headcount=400)],
        impacts=[impact("Contact centre", "tool", 3), impact("Marketing", "tool", 3),
                 impact("Marketing", "job", 3)],
        language="en",
    )
    analysis = analyse(case, METHOD, "en")
    misuse = analysis.diagnosis.risk("Contact centre", "misuse")
    assert (misuse.level, misuse.causes[0].source) == (3, "efficiency_loss")
    view = analysis.change_plan.arbitration
    simplify = view[(view["lever"] == "simplify_data_entry") & (view["population"] == "Contact centre")].iloc[0]
    assert simplify["main_risk"] and simplify["risk_answered"] == 3
    # Before every lever that answers no main risk, however cheap or wide its reach.
    assert simplify["rank"] < view.loc[~view["main_risk"], "rank"].min()
    # The head is in main-risk order, then by score.
    head = view[view["main_risk"]]
    assert list(head["score"]) == sorted(head["score"], reverse=True)


def test_an_owner_role_is_a_named_team_member_when_the_team_has_one():
    e = engagement(
        [population("Sales", headcount=40), population("Back office", headcount=12, crm_user=False)],
        governance={"team": [
            {"name": "Léa Morel", "function": "Marketing", "role": "Head of CRM marketing",
             "seniority": "senior", "allocation": 30},
            {"name": "Hugo Lenoir", "function": "HR", "role": "Training and onboarding lead",
             "seniority": "senior", "allocation": 20},
        ]},
    )
    d = diagnosis(e, {"Sales": {"tool": 3, "job": 3}, "Back office": {"job": 3}},
                  brakes=[("Back office", "admin_load", 3)])
    actions = plan_change(e, METHOD, d, "en").actions
    hr = actions[actions["owner"] == "hr"]
    assert not hr.empty and set(hr["owner_name"]) == {"Hugo Lenoir"}
    # Nobody in the team carries communication: the role stays unnamed, never guessed.
    assert set(actions.loc[actions["owner"] == "communication", "owner_name"]) <= {""}


def test_one_lever_is_one_decision_for_a_job_done_in_several_territories():
    """The same job in three territories gets its usage charter once in the ranking
    (effort and people summed), not three rows of one top ten; another job stays apart."""
    advisers = [("Advisers – North", "North", 120), ("Advisers – South", "South", 90),
                ("Advisers – East", "East", 60)]
    e = engagement([*(population(name, territory=place, headcount=count) for name, place, count in advisers),
                    population("Back office", function="Operations", headcount=30)])
    d = diagnosis(e, {name: {"tool": 3, "job": 3} for name in [*(a[0] for a in advisers), "Back office"]},
                  brakes=[(name, "feeling_watched", 3) for name, _, _ in advisers]
                  + [("Back office", "feeling_watched", 3)])
    plan = plan_change(e, METHOD, d, "en")
    view = plan.arbitration
    charter = view[view["lever"] == "manager_usage_charter"]
    assert sorted(charter["population"]) == ["Advisers – North, South, East", "Back office"]
    group = charter[charter["population"] != "Back office"].iloc[0]
    assert group["populations"] == tuple(a[0] for a in advisers)
    assert group["headcount"] == 270
    own = plan.actions[(plan.actions["lever"] == "manager_usage_charter")
                       & plan.actions["population"].isin(group["populations"])]
    assert group["effort_days"] == pytest.approx(own["effort_days"].sum())
    # Every lever appears once per group of populations in the whole ranking.
    people = view[view["population"] != ALL]
    assert not people.duplicated(["lever", "population"]).any()
    assert not any(name in set(people["population"]) for name, _, _ in advisers)


def test_populations_of_one_job_in_one_territory_are_not_merged():
    """Two sales teams in the same territory are two decisions: what groups them is
    the same job in several places, not a shared function alone."""
    e = engagement([population("New accounts", headcount=40), population("Key accounts", headcount=12)])
    d = diagnosis(e, {"New accounts": {"tool": 3}, "Key accounts": {"tool": 3}})
    view = plan_change(e, METHOD, d, "en").arbitration
    assert {"New accounts", "Key accounts"} <= set(view["population"])


def test_quick_wins_are_listed_apart_capped_one_per_lever(contrasted):
    _, _, plan = contrasted
    cap = METHOD.levers.priority.quick_wins
    quick = plan.quick_wins
    assert len(quick) <= cap and quick["lever"].is_unique
    assert set(quick["quadrant"]) <= {"quick_win"}
    assert list(quick["rank"]) == sorted(quick["rank"])
    # They are the first of the ranking in their quadrant, one per lever.
    first = plan.arbitration[plan.arbitration["quadrant"] == "quick_win"].drop_duplicates("lever")
    assert list(quick["rank"]) == list(first["rank"].head(cap))


def test_front_line_managers_are_the_manager_population_that_sees_the_dashboards():
    """An action owned by front-line managers names the engagement's own managers
    of that population (those its facts say see its dashboards), never a guess."""
    e = engagement([
        population("Call agents", headcount=60, dashboard_visibility="daily",
                   dashboards_seen_by="the call-centre supervisors and the director"),
        population("Call-centre supervisors", level="team_leader", headcount=6),
        population("Back office", function="Operations", headcount=20),
    ])
    d = diagnosis(e, {"Call agents": {"tool": 3, "job": 3}, "Call-centre supervisors": {"job": 2},
                      "Back office": {"job": 3}},
                  brakes=[("Call agents", "feeling_watched", 3), ("Back office", "feeling_watched", 3)])
    actions = plan_change(e, METHOD, d, "en").actions
    managers = actions[actions["owner"] == "frontline_managers"]
    assert set(managers.loc[managers["population"] == "Call agents", "owner_name"]) == {"Call-centre supervisors"}
    # Nothing says who manages the back office: unnamed, and said as a gap.
    assert set(managers.loc[managers["population"] == "Back office", "owner_name"]) == {""}


def test_a_team_one_meeting_reaches_gets_no_ambassador_network_nor_video():
    """Nineteen people in one office: the key users and managers reach everyone;
    an ambassador network or a four-day film is no plan for them. The same client
    at a hundred and twenty people gets both."""
    method = load_method()
    small = minimal_engagement_dict()
    for one in small["populations"]:
        one["headcount"] = 8
    kept = {lever.id for lever in method.levers.levers if lever.min_people}
    assert {"ambassador_community", "testimonial_video"} <= kept
    from playbook.analysis.engine import analyse

    levers = set(analyse(Engagement.model_validate(small), method).change_plan.actions["lever"])
    assert not levers & kept
    assert "mass_communication" in levers  # the team still hears the project's story
    large = minimal_engagement_dict()
    for one in large["populations"]:
        one["headcount"] = 60
    levers = set(analyse(Engagement.model_validate(large), method).change_plan.actions["lever"])
    assert kept <= levers


def test_a_cross_action_names_together_the_populations_it_serves_for_the_same_reason():
    """'Support: A, B, C (a CRM user population)', not the same clause after each name."""
    from pathlib import Path

    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    analysis = analyse(load_engagement(corpus / "fernhill_software" / "engagement.xlsx"), METHOD, "en")
    actions = analysis.change_plan.actions
    support = actions.loc[actions["lever"] == "support_hotline", "reason"]
    assert len(support)
    reason = support.iloc[0]
    assert reason.count("a CRM user population") == 1, reason
    assert all(p.name in reason for p in analysis.engagement.populations if p.crm_user)


def test_a_lever_s_short_reasons_read_as_one_phrase_and_long_ones_stay_apart():
    """« Commerciaux : impact global fort, frein « … » (fort) et population utilisatrice du CRM. »,
    not a list of clauses cut by semicolons; a clause with commas of its own keeps them."""
    from playbook.analysis.change_plan_rules import sentence

    method = load_method()
    short = [("min_impact", {"impact": 3}), ("brake", {"brake": "efficiency_loss", "severity": 3}),
             ("crm_user", {})]
    assert sentence("Commerciaux", short, method, "fr") == (
        "Commerciaux : impact global fort, frein « Perte d'efficacité » (fort) et population "
        "utilisatrice du CRM.")
    assert sentence("Sales", short, method, "en") == (
        "Sales: high overall impact, barrier 'Loss of efficiency' (high) and a CRM user population.")
    inherited = [("min_impact", {"impact": 3}), ("receives_tasks", {"sources": "A, B"})]
    assert sentence("Sales", inherited, method, "en") == (
        "Sales: high overall impact; inherits tasks so far done by A, B.")
