"""Populations (users and non-users), the impacts of the change on them, and the
resistances observed in interviews."""

from __future__ import annotations

from typing import Any

import pytest

from playbook.model import (
    Brake,
    Dimension,
    EvaluationBasis,
    Impact,
    Population,
    Resistance,
    Visibility,
)

from .helpers import messages, refusals, with_, without


def population() -> dict[str, Any]:
    return {
        "name": "Agency advisers",
        "function": "Customer relations",
        "level": "staff",
        "headcount": 48,
        "crm_user": True,
        "it_comfort": "medium",
        "buy_in": "neutral",
    }


# --- Population ------------------------------------------------------------------------


def test_a_population_is_named_with_its_function_level_headcount_use_comfort_and_buy_in() -> None:
    required = ["name", "function", "level", "headcount", "crm_user", "it_comfort", "buy_in"]
    assert refusals(Population, without(population(), *required)) == [
        ((field,), "missing") for field in required
    ]


def test_a_population_not_tied_to_a_territory_is_national() -> None:
    assert Population.model_validate(population()).territory == "National"


def test_brake_signals_default_to_the_absence_of_the_brake() -> None:
    p = Population.model_validate(population())
    assert p.evaluated_on is EvaluationBasis.COLLECTIVE_OBJECTIVES
    assert (p.mandatory_fields, p.dashboard_visibility, p.dashboards_seen_by) == (0, Visibility.NONE, "")
    assert not (p.shares_data_across_departments or p.members_in_competition)
    assert (p.shifts_tasks_to, p.shifted_tasks, p.new_hires_per_year) == ([], "", 0)
    assert p.team_size is None
    assert (p.description, p.life_tomorrow, p.gains) == ("", "", "")


def test_mandatory_fields_are_counted_per_interaction_from_zero() -> None:
    assert Population.model_validate(with_(population(), mandatory_fields=12)).mandatory_fields == 12
    assert refusals(Population, with_(population(), mandatory_fields=-1)) == [
        (("mandatory_fields",), "greater_than_equal")
    ]


def test_a_team_has_at_least_one_person() -> None:
    assert Population.model_validate(with_(population(), team_size=8)).team_size == 8
    assert refusals(Population, with_(population(), team_size=0)) == [(("team_size",), "greater_than")]


def test_the_stance_of_local_management_belongs_to_the_territory_not_the_population() -> None:
    assert refusals(Population, with_(population(), local_management="opposed")) == [
        (("local_management",), "extra_forbidden")
    ]


def test_a_population_counts_at_least_one_person() -> None:
    assert refusals(Population, with_(population(), headcount=0)) == [(("headcount",), "greater_than")]


def test_a_population_cannot_hire_a_negative_number_of_people() -> None:
    assert Population.model_validate(with_(population(), new_hires_per_year=0)).new_hires_per_year == 0
    assert refusals(Population, with_(population(), new_hires_per_year=-2)) == [
        (("new_hires_per_year",), "greater_than_equal")
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("level", "director"),
        ("it_comfort", "very_high"),
        ("buy_in", "hostile"),
        ("evaluated_on", "calls"),
        ("dashboard_visibility", "hourly"),
    ],
)
def test_a_population_s_coded_fields_only_take_codes_of_their_vocabulary(field: str, value: str) -> None:
    assert refusals(Population, with_(population(), **{field: value})) == [((field,), "enum")]


def test_a_population_s_name_territory_and_task_receivers_are_normalised() -> None:
    p = Population.model_validate(
        with_(
            population(),
            name=" Agency\u00a0advisers ",
            territory="Grand\u202fEst",
            shifts_tasks_to=[" Back-office\tassistants "],
        )
    )
    assert (p.name, p.territory, p.shifts_tasks_to) == (
        "Agency advisers", "Grand Est", ["Back-office assistants"],
    )


def test_a_blank_task_receiver_is_refused_where_it_stands() -> None:
    assert messages(Population, with_(population(), shifts_tasks_to=["Back office", " "])) == [
        (("shifts_tasks_to", 1), "Value error, must not be empty")
    ]


def test_whether_a_population_uses_the_crm_is_a_yes_or_no() -> None:
    assert Population.model_validate(with_(population(), crm_user=False)).crm_user is False
    assert refusals(Population, with_(population(), crm_user="sometimes")) == [
        (("crm_user",), "bool_parsing")
    ]


# --- Impact ----------------------------------------------------------------------------


def test_an_impact_is_one_population_on_one_dimension_with_an_intensity() -> None:
    assert refusals(Impact, {}) == [
        (("population",), "missing"), (("dimension",), "missing"), (("intensity",), "missing")
    ]
    impact = Impact(population="Agency advisers", dimension="performance", intensity=0)
    assert (impact.dimension, impact.intensity, impact.today, impact.tomorrow) == (
        Dimension.PERFORMANCE, 0, "", "",
    )


@pytest.mark.parametrize(("intensity", "error"), [(-1, "greater_than_equal"), (4, "less_than_equal")])
def test_an_impact_s_intensity_is_on_the_zero_to_three_scale(intensity: int, error: str) -> None:
    data = {"population": "Agency advisers", "dimension": "job", "intensity": intensity}
    assert refusals(Impact, data) == [(("intensity",), error)]


# --- Resistance ------------------------------------------------------------------------


def test_a_resistance_ties_evidence_to_a_brake_of_the_catalogue_and_comes_from_an_interview() -> None:
    r = Resistance(population="Agency advisers", brake="feeling_watched", evidence=" “Big brother.” ")
    assert (r.brake, r.evidence, r.source) == (Brake.FEELING_WATCHED, "“Big brother.”", "interview")
    assert refusals(Resistance, {"population": "Agency advisers", "brake": "fear", "evidence": "x"}) == [
        (("brake",), "enum")
    ]
    assert refusals(Resistance, {"population": "Agency advisers", "brake": "admin_load"}) == [
        (("evidence",), "missing")
    ]
