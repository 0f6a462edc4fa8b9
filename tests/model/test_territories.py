"""Territories: described once, named by the populations, key users and blackouts
that belong to them (seed 004: the reluctant territory and its management)."""

from __future__ import annotations

from playbook.model import NATIONAL, Stance, Territory, find_inconsistencies
from tests.factories import minimal_engagement_dict

from .helpers import engagement, refusals


def test_a_territory_has_neutral_management_and_no_local_sponsor_until_told_otherwise() -> None:
    territory = Territory(name="Grand Est")
    assert (territory.local_management, territory.local_sponsor, territory.has_local_sponsor) == (
        Stance.NEUTRAL, "", False
    )
    assert (territory.holidays_region, territory.specifics) == ("", "")


def test_a_territory_needs_a_name_and_a_known_stance() -> None:
    assert refusals(Territory, {"name": " ", "local_management": "hostile"}) == [
        (("name",), "value_error"), (("local_management",), "enum")
    ]


def test_an_engagement_finds_a_territory_by_name_whatever_the_case() -> None:
    data = minimal_engagement_dict()
    data["territories"][0]["local_sponsor"] = "Marc Tellier"
    e = engagement(data)
    assert e.territory("north").local_sponsor == "Marc Tellier"
    assert e.territory("north").local_management is Stance.SUPPORTIVE


def test_the_national_default_needs_no_description_and_has_no_local_sponsor() -> None:
    e = engagement()
    national = e.territory(NATIONAL)
    assert (national.name, national.has_local_sponsor, national.local_management) == (
        NATIONAL, False, Stance.NEUTRAL
    )
    assert find_inconsistencies(e) == []


def test_a_population_naming_an_undescribed_territory_is_an_unknown_reference() -> None:
    data = minimal_engagement_dict()
    data["populations"][1]["territory"] = "Nrth"
    (problem,) = find_inconsistencies(engagement(data))
    assert (problem.loc, problem.message) == (("populations", 1, "territory"), "unknown territory 'Nrth'")


def test_a_territory_is_described_once() -> None:
    data = minimal_engagement_dict()
    data["territories"].append({"name": "NORTH"})
    (problem,) = find_inconsistencies(engagement(data))
    assert problem.loc == ("territories", 1, "name")
    assert problem.message.startswith("duplicate territory name")


def test_a_territory_s_blackouts_are_its_own_and_everyone_s() -> None:
    data = minimal_engagement_dict()
    data["training"] = {"blackouts": [
        {"start": "2026-07-01", "end": "2026-07-31", "reason": "Summer"},
        {"start": "2026-03-01", "end": "2026-03-05", "reason": "Closing", "territory": "North"},
        {"start": "2026-04-01", "end": "2026-04-05", "reason": "Fair", "territory": "South"},
    ]}
    e = engagement(data)
    assert [b.reason for b in e.blackouts_for("North")] == ["Summer", "Closing"]
    assert [b.reason for b in e.blackouts_for(NATIONAL)] == ["Summer"]
