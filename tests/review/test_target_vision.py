"""Review of the Target vision (notebook 02): life tomorrow, personas, journeys
and what the COPIL arbitrates, use cases, KPIs and the limit of the 360° ambition."""

from __future__ import annotations

import pytest

from playbook.analysis.engine import analyse
from playbook.model import Engagement
from playbook.model.enums import JourneyStage
from playbook.review import target_vision as vision
from tests.factories import minimal_engagement_dict

from .helpers import figure_or_table

JOURNEY_COLUMNS = ["population", "stage", "pain_point", "improvement", "priority", "effort_days"]
STAGES = [s.value for s in JourneyStage]


@pytest.fixture(scope="module")
def with_journeys(method):
    """The minimal engagement with three journey steps (one without an improvement yet)
    and two use cases of its first lot."""
    data = minimal_engagement_dict()
    step = {"population": "Agency advisers", "current": "Spreadsheets", "target": "One request log"}
    data["journeys"] = [
        {**step, "stage": "get_help", "improvement": "Help inside the tool", "priority": "should",
         "effort_days": 4},
        {**step, "stage": "daily_use", "improvement": "Requests logged once", "priority": "must",
         "effort_days": 10},
        {**step, "stage": "discover", "priority": "must", "effort_days": 3},
    ]
    data["use_cases"] = [
        {"name": "Log a tenant request", "population": "Agency advisers", "lot": "Lot 1 - Requests",
         "priority": "must"},
        {"name": "Follow a repair", "population": "Agency managers", "lot": "Lot 2 - Repairs",
         "priority": "could"},
    ]
    return analyse(Engagement.model_validate(data), method)


# --------------------------------------------------------------------------- life tomorrow, personas


def test_life_tomorrow_has_one_row_per_population_with_what_the_intake_says(example):
    table = vision.life_tomorrow(example)
    populations = example.engagement.populations
    assert table.index.name == "population"
    assert list(table.index) == [p.name for p in populations]
    assert list(table.columns) == ["headcount", "crm_user", "life_tomorrow", "gains"]
    assert list(table["life_tomorrow"]) == [p.life_tomorrow for p in populations]
    assert list(table["gains"]) == [p.gains for p in populations]


def test_life_tomorrow_still_to_write_shows_as_empty_cells(minimal):
    table = vision.life_tomorrow(minimal)
    assert len(table) == 3
    assert (table["life_tomorrow"] == "").all() and (table["gains"] == "").all()


def test_the_personas_table_has_one_row_per_persona_of_a_mapped_population(example):
    table = vision.personas(example)
    assert list(table.columns) == ["name", "population", "it_comfort", "customer_service_sense",
                                   "loses_by_sharing", "fears", "view_of_tool", "quote"]
    assert list(table["name"]) == [p.name for p in example.engagement.personas]
    assert set(table["population"]) <= {p.name for p in example.engagement.populations}


# --------------------------------------------------------------------------- journeys and arbitration


def test_the_journeys_table_has_one_row_per_journey_step_of_the_intake(example):
    table = vision.journeys(example)
    assert list(table.columns) == JOURNEY_COLUMNS
    assert len(table) == len(example.engagement.journeys)
    assert table["effort_days"].sum() == pytest.approx(sum(s.effort_days for s in example.engagement.journeys))


def test_journeys_follow_the_population_order_and_the_stages_of_the_journey(example):
    table = vision.journeys(example)
    order = [p.name for p in example.engagement.populations]
    positions = [order.index(name) for name in table["population"]]
    assert positions == sorted(positions)
    for _, steps in table.groupby("population", sort=False):
        stages = [STAGES.index(stage) for stage in steps["stage"]]
        assert stages == sorted(stages)


def test_journey_steps_are_sorted_by_stage_whatever_the_intake_order(with_journeys):
    assert list(vision.journeys(with_journeys)["stage"]) == ["discover", "daily_use", "get_help"]


def test_arbitration_counts_improvements_and_their_effort_per_priority(example):
    table = vision.arbitration(example)
    assert list(table.index) == ["must", "should", "could"]
    assert list(table.columns) == ["improvements", "effort_days"]
    journeys = vision.journeys(example)
    improved = journeys[journeys["improvement"] != ""]
    assert table["improvements"].sum() == len(improved)
    assert table["effort_days"].sum() == pytest.approx(improved["effort_days"].sum())
    for priority, row in table.iterrows():
        own = improved[improved["priority"] == priority]
        assert row["improvements"] == len(own)
        assert row["effort_days"] == pytest.approx(own["effort_days"].sum())


def test_a_journey_step_without_an_improvement_is_not_put_to_arbitration(with_journeys):
    table = vision.arbitration(with_journeys)
    assert table.loc["must"].tolist() == [1, 10.0]
    assert table.loc["should"].tolist() == [1, 4.0]
    assert table.loc["could"].tolist() == [0, 0.0]


def test_without_journeys_every_priority_shows_zero(minimal):
    table = vision.arbitration(minimal)
    assert list(table.index) == ["must", "should", "could"]
    assert (table["improvements"] == 0).all() and (table["effort_days"] == 0).all()
    assert list(vision.journeys(minimal).columns) == JOURNEY_COLUMNS


# --------------------------------------------------------------------------- use cases, KPIs


def test_the_use_cases_table_has_one_row_per_use_case_in_a_lot_of_the_engagement(example):
    table = vision.use_cases(example)
    assert list(table.columns) == ["lot", "name", "population", "functional_block", "priority"]
    assert list(table["name"]) == [u.name for u in example.engagement.use_cases]
    assert set(table["lot"]) <= {lot.name for lot in example.engagement.lots}
    assert set(table["priority"]) <= {"must", "should", "could"}


def test_the_kpis_table_shows_every_steering_kpi_with_its_target_and_amber_threshold(example):
    table = vision.kpis(example)
    assert list(table.columns) == ["family", "name", "population", "unit", "baseline", "target",
                                   "amber_from", "first_review", "source"]
    assert len(table) == len(example.steering.kpis) > 0
    assert table["target"].notna().all() and table["amber_from"].notna().all()


def test_an_engagement_without_kpis_of_its_own_gets_the_method_kpis(minimal):
    table = vision.kpis(minimal)
    assert len(table) > 0
    assert set(table["source"]) == {"method"}


# --------------------------------------------------------------------------- de-siloing


def test_desiloing_lists_each_population_where_the_diagnosis_found_that_brake(example):
    table = vision.desiloing(example)
    found = [b for b in example.diagnosis.brakes if b.brake == "desiloing"]
    assert found
    assert list(table.columns) == ["population", "severity", "observed", "reason"]
    assert list(table["population"]) == [b.population for b in found]
    assert list(table["severity"]) == [b.severity for b in found]
    assert table["reason"].map(bool).all()


def test_desiloing_reasons_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = vision.desiloing(mutuelle), vision.desiloing(mutuelle_en)
    assert list(french["population"]) == list(english["population"])
    assert all(f != e for f, e in zip(french["reason"], english["reason"], strict=True))


def test_without_the_desiloing_brake_the_table_is_empty_but_keeps_its_columns(minimal):
    table = vision.desiloing(minimal)
    assert table.empty
    assert list(table.columns) == ["population", "severity", "observed", "reason"]


# --------------------------------------------------------------------------- charts


def test_the_vision_charts_are_the_use_cases_per_lot_and_the_effort_per_population(example):
    drawn = vision.charts(example)
    assert list(drawn) == ["use_cases", "effort"]
    for image in drawn.values():
        figure_or_table(image)


def test_without_use_cases_or_journey_effort_there_is_nothing_to_chart(minimal, nothing_planned):
    assert vision.charts(minimal) == {}
    assert vision.charts(nothing_planned) == {}


def test_a_few_use_cases_and_journeys_are_charted(with_journeys):
    drawn = vision.charts(with_journeys)
    assert set(drawn) == {"use_cases", "effort"}
    for image in drawn.values():
        figure_or_table(image)
