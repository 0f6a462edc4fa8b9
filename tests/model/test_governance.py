"""Governance: sponsor, project manager, team, key users, administrators, local
sponsors, COPIL rhythm and the four workshops."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from playbook.model import (
    Administrator,
    Governance,
    KeyUser,
    Person,
    PlannedWorkshop,
    Seniority,
    TeamMember,
    Workshop,
    WorkshopStatus,
)

from .helpers import messages, refusals, with_, without


def governance() -> dict[str, Any]:
    return {
        "sponsor": {"name": "Anne Ferrand", "role": "Managing director"},
        "project_manager": {"name": "Julien Roux", "role": "Head of customer relations"},
    }


def member() -> dict[str, Any]:
    return {
        "name": "Léa Martin",
        "function": "Customer relations",
        "role": "Business lead",
        "seniority": "senior",
        "allocation": 50,
    }


def test_a_person_has_a_non_blank_name_and_role() -> None:
    assert Person(name=" Anne\u00a0Ferrand ", role="Sponsor").name == "Anne Ferrand"
    assert messages(Person, {"name": "Anne Ferrand", "role": "  "}) == [
        (("role",), "Value error, must not be empty")
    ]
    assert refusals(Person, {}) == [(("name",), "missing"), (("role",), "missing")]


def test_governance_requires_a_sponsor_and_a_project_manager() -> None:
    assert refusals(Governance, {}) == [(("sponsor",), "missing"), (("project_manager",), "missing")]


def test_by_default_the_copil_meets_every_two_weeks_with_weekly_points_and_lists_are_empty() -> None:
    g = Governance.model_validate(governance())
    assert (g.copil_every_weeks, g.weekly_points) == (2, True)
    assert (g.team, g.key_users, g.administrators, g.workshops) == ([],) * 4


@pytest.mark.parametrize("weeks", [1, 12])
def test_the_copil_meets_between_every_week_and_every_twelve_weeks(weeks: int) -> None:
    assert Governance.model_validate(with_(governance(), copil_every_weeks=weeks)).copil_every_weeks == weeks


@pytest.mark.parametrize(("weeks", "error"), [(0, "greater_than_equal"), (13, "less_than_equal")])
def test_a_copil_rhythm_outside_one_to_twelve_weeks_is_refused(weeks: int, error: str) -> None:
    assert refusals(Governance, with_(governance(), copil_every_weeks=weeks)) == [
        (("copil_every_weeks",), error)
    ]


def test_a_team_member_has_a_seniority_and_is_not_released_from_daily_work_by_default() -> None:
    m = TeamMember.model_validate(member())
    assert m.seniority is Seniority.SENIOR
    assert m.released_from_daily_work is False
    assert refusals(TeamMember, with_(member(), seniority="expert")) == [(("seniority",), "enum")]


@pytest.mark.parametrize("allocation", [0, 20, 100])
def test_a_team_member_s_allocation_is_a_percentage_of_time(allocation: float) -> None:
    assert TeamMember.model_validate(with_(member(), allocation=allocation)).allocation == allocation


@pytest.mark.parametrize(("allocation", "error"), [(-5, "greater_than_equal"), (120, "less_than_equal")])
def test_an_allocation_outside_zero_to_a_hundred_percent_is_refused(allocation: float, error: str) -> None:
    assert refusals(TeamMember, with_(member(), allocation=allocation)) == [(("allocation",), error)]
    key_user = {"name": "Paul", "population": "Agency advisers", "allocation": allocation}
    assert refusals(KeyUser, key_user) == [(("allocation",), error)]


def test_a_team_member_s_allocation_is_required() -> None:
    assert refusals(TeamMember, without(member(), "allocation")) == [(("allocation",), "missing")]


def test_a_key_user_serves_a_population_with_no_territory_and_no_time_allocated_by_default() -> None:
    k = KeyUser(name="Paul Girard", population=" Agency\u00a0advisers ")
    assert (k.population, k.territory, k.allocation) == ("Agency advisers", "", 0)
    assert refusals(KeyUser, {"name": "Paul Girard"}) == [(("population",), "missing")]


def test_an_administrator_may_not_be_named_yet() -> None:
    assert Administrator(name="Sami", function="IT").named_on is None
    named = Administrator(name="Sami", function="IT", named_on="2026-02-01")
    assert named.named_on == dt.date(2026, 2, 1)


def test_a_workshop_is_one_of_the_four_and_is_planned_by_default() -> None:
    w = PlannedWorkshop(workshop="use_cases", date="2026-02-10", participants="Key users")
    assert (w.workshop, w.status, w.notes) == (Workshop.USE_CASES, WorkshopStatus.PLANNED, "")
    assert refusals(
        PlannedWorkshop, {"workshop": "kick_off", "date": "2026-02-10", "participants": "All"}
    ) == [(("workshop",), "enum")]


def test_a_workshop_needs_a_date_and_participants() -> None:
    assert refusals(PlannedWorkshop, {"workshop": "use_cases"}) == [
        (("date",), "missing"), (("participants",), "missing")
    ]


def test_an_error_in_a_governance_list_is_located_by_its_row() -> None:
    data = with_(governance(), team=[member(), with_(member(), allocation=150)])
    assert refusals(Governance, data) == [(("team", 1, "allocation"), "less_than_equal")]
