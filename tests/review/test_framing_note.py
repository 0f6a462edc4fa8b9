"""Review of the Framing note (notebook 01): objectives, scope, team, governance,
workshops, success criteria, effort balance and first risks, as the consultant
checks them before the note goes to the client."""

from __future__ import annotations

import math

import pytest

from playbook.analysis.engine import analyse
from playbook.model import Engagement
from playbook.review import framing_note as framing
from tests.factories import minimal_engagement_dict

from .helpers import figure_or_table

OBJECTIVE_COLUMNS = ["business_objective", "crm_objective", "kpi", "unit", "baseline", "target",
                     "due_date", "budget", "owner", "resources"]
TEAM_COLUMNS = ["name", "function", "role", "seniority", "allocation", "released_from_daily_work"]


@pytest.fixture(scope="module")
def with_objectives(method):
    """The minimal engagement with two objectives, the second one not yet budgeted."""
    data = minimal_engagement_dict()
    common = {"unit": "%", "target": 80, "due_date": "2026-12-31", "owner": "Anne Ferrand"}
    data["objectives"] = [
        {**common, "business_objective": "Answer tenants faster", "crm_objective": "One request log",
         "kpi": "Requests closed within 5 days", "baseline": 55, "budget": 120000},
        {**common, "business_objective": "Fewer lost requests", "crm_objective": "Track every request",
         "kpi": "Requests without follow-up"},
    ]
    return analyse(Engagement.model_validate(data), method)


# --------------------------------------------------------------------------- objectives


def test_the_objectives_table_has_one_row_per_objective_in_intake_order(example):
    table = framing.objectives(example)
    assert list(table.columns) == OBJECTIVE_COLUMNS
    assert list(table["kpi"]) == [o.kpi for o in example.engagement.objectives]
    assert list(table["target"]) == [o.target for o in example.engagement.objectives]


def test_an_objective_without_a_budget_stands_out_as_nan(with_objectives):
    budgets = framing.objectives(with_objectives)["budget"]
    assert budgets.iloc[0] == 120000
    assert math.isnan(budgets.iloc[1])


def test_an_engagement_without_objectives_still_shows_the_objective_columns(minimal):
    table = framing.objectives(minimal)
    assert table.empty
    assert list(table.columns) == OBJECTIVE_COLUMNS


# --------------------------------------------------------------------------- scope


def test_the_scope_has_one_row_per_population_with_its_headcount_and_use_of_the_crm(example):
    table = framing.scope(example)
    populations = example.engagement.populations
    assert table.index.name == "population"
    assert list(table.index) == [p.name for p in populations]
    assert list(table.columns) == ["function", "level", "territory", "headcount", "crm_user", "lots"]
    assert list(table["headcount"]) == [p.headcount for p in populations]
    assert list(table["crm_user"]) == [p.crm_user for p in populations]


def test_the_scope_lists_the_lots_each_population_goes_live_in(example):
    table = framing.scope(example)
    for lot in example.engagement.lots:
        for name in lot.populations:
            assert lot.name in table.at[name, "lots"], (lot.name, name)
    assert table["headcount"].sum() == sum(p.headcount for p in example.engagement.populations)


def test_a_population_in_no_lot_has_an_empty_lots_cell(minimal):
    assert framing.scope(minimal).at["Back-office assistants", "lots"] == ""
    assert framing.scope(minimal).at["Agency advisers", "lots"] == "Lot 1 - Requests, Lot 2 - Repairs"


# --------------------------------------------------------------------------- team and governance


def test_the_team_table_has_one_row_per_member_with_seniority_and_allocation(example):
    table = framing.team(example)
    team = example.engagement.governance.team
    assert list(table.columns) == TEAM_COLUMNS
    assert list(table["name"]) == [m.name for m in team]
    assert set(table["seniority"]) <= {"senior", "intermediate", "junior"}
    assert table["allocation"].between(0, 100).all()


def test_a_project_without_a_team_yet_shows_an_empty_team_table_with_its_columns(minimal):
    table = framing.team(minimal)
    assert table.empty
    assert list(table.columns) == TEAM_COLUMNS


def test_governance_findings_name_the_territories_without_a_local_sponsor(example):
    findings = framing.governance_findings(example)
    assert findings and all(isinstance(f, str) and f for f in findings)
    unsponsored = [w.subject for w in example.diagnosis.warnings if w.code == "territory_without_sponsor"]
    assert unsponsored
    for territory in unsponsored:
        assert any(territory in f for f in findings), territory


def test_governance_findings_name_the_user_populations_without_a_key_user(example):
    covered = {k.population for k in example.engagement.governance.key_users}
    uncovered = [p.name for p in example.engagement.populations if p.crm_user and p.name not in covered]
    assert uncovered
    assert any(all(name in f for name in uncovered) for f in framing.governance_findings(example))


def test_governance_findings_are_written_in_the_analysis_language(mutuelle, mutuelle_en):
    french, english = framing.governance_findings(mutuelle), framing.governance_findings(mutuelle_en)
    assert len(french) == len(english)
    assert all(f != e for f, e in zip(french, english, strict=True))


def test_the_raci_has_one_row_per_activity_and_one_column_per_governance_role(example):
    table = framing.raci(example)
    assert len(table) == len(example.method.raci.activities)
    assert len(table.columns) == len(example.method.raci.roles)  # the examples fill every role
    sponsor = example.engagement.governance.sponsor.name
    assert sponsor in table.columns[0]


def test_every_raci_activity_has_exactly_one_accountable_role(example):
    for activity, letters in framing.raci(example).iterrows():
        accountable = [cell for cell in letters if "A" in cell.split("/")]
        assert len(accountable) == 1, activity
        assert all(set(cell.split("/")) <= {"R", "A", "C", "I"} for cell in letters if cell)


def test_the_raci_shows_only_the_roles_the_engagement_has(minimal):
    table = framing.raci(minimal)
    assert len(table.columns) == 2
    assert "Anne Ferrand" in table.columns[0] and "Julien Roux" in table.columns[1]


def test_the_raci_headings_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = framing.raci(mutuelle), framing.raci(mutuelle_en)
    assert (french.index.name, english.index.name) == ("Activité", "Activity")
    assert list(french.index) != list(english.index)


# --------------------------------------------------------------------------- workshops, criteria, balance


def test_the_workshops_table_has_one_row_per_framing_workshop_of_the_method(example):
    table = framing.workshops(example)
    assert list(table.columns) == ["workshop", "date", "participants", "status", "notes"]
    assert len(table) == 4
    assert table["notes"].map(bool).all()


def test_a_workshop_not_yet_planned_shows_no_date(minimal):
    table = framing.workshops(minimal)
    assert (table["date"] == "—").all()
    assert (table["status"] == "Not scheduled").all()
    assert (table["participants"] == "").all()


def test_workshop_names_and_dates_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = framing.workshops(mutuelle), framing.workshops(mutuelle_en)
    assert list(english["workshop"]) == ["Target vision", "Customer journeys", "CRM use cases",
                                         "Action plan"]
    assert list(french["workshop"]) != list(english["workshop"])
    assert "February" in english.at[0, "date"] and "février" in french.at[0, "date"]


def test_the_criteria_table_rates_every_success_criterion_green_amber_or_red(example):
    table = framing.criteria(example)
    assert list(table.columns) == ["label", "status", "rag", "evidence", "advice"]
    assert len(table) == len(example.steering.criteria) == 6
    assert set(table["rag"]) <= {"green", "amber", "red"}


def test_the_balance_splits_planned_effort_between_people_process_and_technology(example):
    table = framing.balance(example)
    assert list(table.index) == ["people", "process", "technology"]
    assert list(table.columns) == ["label", "effort_days", "share", "target", "deviation",
                                   "within_tolerance"]
    assert table["share"].sum() == pytest.approx(100)
    assert table["target"].sum() == pytest.approx(100)
    assert list(table["deviation"]) == pytest.approx(list(table["share"] - table["target"]))


def test_the_balance_labels_follow_the_analysis_language(mutuelle, mutuelle_en):
    assert framing.balance(mutuelle).at["people", "label"] == "Humain"
    assert framing.balance(mutuelle_en).at["people", "label"] == "People"


# --------------------------------------------------------------------------- first risks


def test_first_risks_are_the_medium_and_high_risks_of_the_diagnosis(example):
    table = framing.first_risks(example)
    shown_from = example.method.brakes.risk_model.attention_from
    expected = [r for r in example.diagnosis.risks if r.level >= shown_from]
    assert list(table.columns) == ["population", "headcount", "risk", "level", "reason"]
    assert len(table) == len(expected)
    assert (table["level"] >= shown_from).all()
    assert set(table["risk"]) <= {"rejection", "misuse"}


def test_first_risks_come_highest_first_then_the_most_people_exposed(example):
    table = framing.first_risks(example)
    keys = list(zip(-table["level"], -table["headcount"], strict=True))
    assert keys == sorted(keys)


def test_every_first_risk_gives_its_headcount_and_its_reason(example):
    table = framing.first_risks(example)
    engagement = example.engagement
    assert list(table["headcount"]) == [engagement.population(n).headcount for n in table["population"]]
    assert table["reason"].map(bool).all()


def test_with_no_medium_or_high_risk_the_first_risks_table_keeps_its_columns(nothing_planned):
    table = framing.first_risks(nothing_planned)
    assert table.empty
    assert list(table.columns) == ["population", "headcount", "risk", "level", "reason"]


# --------------------------------------------------------------------------- charts


def test_the_framing_charts_are_the_territories_balance_seniority_and_lot_plan(example):
    drawn = framing.charts(example)
    assert list(drawn) == ["territories", "balance", "seniority", "plan"]
    for name, image in drawn.items():
        figure_or_table(image, 6 if name == "seniority" else None)


def test_without_a_team_there_is_no_seniority_chart(minimal):
    drawn = framing.charts(minimal)
    assert set(drawn) == {"territories", "balance", "plan"}
    for image in drawn.values():
        figure_or_table(image)


def test_an_engagement_with_nothing_planned_still_draws_its_framing_charts(nothing_planned):
    for image in framing.charts(nothing_planned).values():
        figure_or_table(image)

