"""Personas and user journeys."""

from __future__ import annotations

from typing import Any

import pytest

from playbook.model import JourneyStage, JourneyStep, Level, Persona, Priority

from .helpers import refusals, with_, without


def persona() -> dict[str, Any]:
    return {
        "name": "Nadia",
        "population": "Agency advisers",
        "portrait": "Twelve years in the agency, knows every tenant by name.",
        "it_comfort": "low",
    }


def step() -> dict[str, Any]:
    return {
        "population": "Agency advisers",
        "stage": "daily_use",
        "current": "Notes in a notebook.",
        "target": "Every contact in the tenant's record.",
    }


def test_a_persona_stands_for_a_population_with_a_portrait_and_an_it_comfort() -> None:
    fields = ["name", "population", "portrait", "it_comfort"]
    assert refusals(Persona, without(persona(), *fields)) == [((field,), "missing") for field in fields]


def test_a_persona_has_an_average_sense_of_service_and_nothing_to_lose_by_default() -> None:
    p = Persona.model_validate(persona())
    assert (p.it_comfort, p.customer_service_sense, p.loses_by_sharing) == (Level.LOW, Level.MEDIUM, False)
    assert (p.fears, p.difficulties, p.successes, p.view_of_tool, p.quote) == ("",) * 5


def test_a_persona_s_levels_are_low_medium_or_high() -> None:
    assert refusals(Persona, with_(persona(), customer_service_sense="none")) == [
        (("customer_service_sense",), "enum")
    ]


def test_a_journey_step_describes_one_stage_today_and_in_the_target() -> None:
    fields = ["population", "stage", "current", "target"]
    assert refusals(JourneyStep, without(step(), *fields)) == [((field,), "missing") for field in fields]
    assert refusals(JourneyStep, with_(step(), stage="renewal")) == [(("stage",), "enum")]


def test_a_journey_step_is_a_should_with_no_effort_by_default() -> None:
    s = JourneyStep.model_validate(step())
    assert (s.stage, s.priority, s.effort_days) == (JourneyStage.DAILY_USE, Priority.SHOULD, 0)
    assert (s.pain_point, s.improvement) == ("", "")


@pytest.mark.parametrize("effort", [0, 0.5, 12])
def test_a_journey_step_s_effort_is_zero_or_more_days(effort: float) -> None:
    assert JourneyStep.model_validate(with_(step(), effort_days=effort)).effort_days == effort


def test_a_negative_effort_is_refused() -> None:
    assert refusals(JourneyStep, with_(step(), effort_days=-0.5)) == [
        (("effort_days",), "greater_than_equal")
    ]
