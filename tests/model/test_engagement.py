"""The engagement: the root record, its look-ups, and the shipped examples."""

from __future__ import annotations

import pytest
import yaml

from playbook.examples import example_names, example_path
from playbook.model import Engagement, TrainingConstraints, find_inconsistencies
from tests.factories import minimal_engagement_dict

from .helpers import engagement, refusals


def test_an_engagement_needs_its_identity_card_and_its_governance() -> None:
    assert refusals(Engagement, {}) == [(("engagement",), "missing"), (("governance",), "missing")]


def test_every_table_of_an_engagement_starts_empty_and_training_has_its_defaults() -> None:
    data = minimal_engagement_dict()
    e = Engagement.model_validate({"engagement": data["engagement"], "governance": data["governance"]})
    tables = [
        e.objectives, e.success_criteria, e.lots, e.use_cases, e.populations, e.impacts,
        e.resistances, e.personas, e.journeys, e.kpis,
    ]
    assert tables == [[]] * 10
    assert e.training == TrainingConstraints()


def test_an_unknown_section_is_refused_instead_of_being_lost() -> None:
    data = minimal_engagement_dict()
    data["population"] = data.pop("populations")
    assert refusals(Engagement, data) == [(("population",), "extra_forbidden")]


def test_an_unknown_field_in_a_row_is_refused_at_that_row() -> None:
    data = minimal_engagement_dict()
    data["populations"][2]["headcout"] = 12
    assert refusals(Engagement, data) == [(("populations", 2, "headcout"), "extra_forbidden")]


def test_every_invalid_field_is_reported_with_its_full_path_in_one_validation() -> None:
    data = minimal_engagement_dict()
    data["populations"][1]["headcount"] = 0
    data["impacts"][3]["intensity"] = 5
    data["lots"][1]["functional_blocks"] = []
    data["governance"]["sponsor"]["name"] = " "
    assert refusals(Engagement, data) == [
        (("governance", "sponsor", "name"), "value_error"),
        (("lots", 1, "functional_blocks"), "too_short"),
        (("populations", 1, "headcount"), "greater_than"),
        (("impacts", 3, "intensity"), "less_than_equal"),
    ]


# --- Look-ups --------------------------------------------------------------------------


def test_a_population_is_found_by_its_name() -> None:
    found = engagement().population("Back-office assistants")
    assert (found.name, found.headcount, found.crm_user) == ("Back-office assistants", 12, False)


@pytest.mark.parametrize("name", ["Call centre", "agency advisers", "Agency advisers "])
def test_looking_up_a_population_by_another_spelling_is_a_key_error(name: str) -> None:
    with pytest.raises(KeyError) as caught:
        engagement().population(name)
    assert caught.value.args == (name,)


def test_a_lot_is_found_by_its_name_and_an_unknown_one_is_a_key_error() -> None:
    e = engagement()
    assert e.lot("Lot 2 - Repairs").functional_blocks == ["Repair orders"]
    with pytest.raises(KeyError) as caught:
        e.lot("Lot 3")
    assert caught.value.args == ("Lot 3",)


def test_client_and_language_are_read_from_the_identity_card_as_plain_text() -> None:
    e = engagement()
    assert e.client == "Verdanne Habitat"
    assert e.language == "en" and type(e.language) is str


def test_territories_are_listed_once_in_order_of_first_appearance() -> None:
    data = minimal_engagement_dict()
    data["populations"][1]["territory"] = "South"
    assert engagement(data).territory_names == ["North", "South", "National"]


def test_the_lots_of_a_population_are_those_it_goes_live_in_earliest_first() -> None:
    data = minimal_engagement_dict()
    data["lots"][0]["name"] = "Requests"
    data["lots"][1].update(name="Repairs", design_start="2026-01-19")
    data["lots"].reverse()
    e = engagement(data)
    assert [lot.name for lot in e.lots_of("Agency advisers")] == ["Requests", "Repairs"]
    assert [lot.name for lot in e.lots_of("Agency managers")] == ["Requests"]


def test_a_population_in_no_lot_goes_live_in_none() -> None:
    assert engagement().lots_of("Back-office assistants") == []


# --- Round trips and the shipped examples ----------------------------------------------


def _within(given, dumped) -> bool:
    """Whether every value of `given` is in `dumped`, at the same place."""
    if isinstance(given, dict):
        return all(key in dumped and _within(value, dumped[key]) for key, value in given.items())
    if isinstance(given, list):
        return len(given) == len(dumped) and all(map(_within, given, dumped))
    return given == dumped


def test_a_json_dump_writes_back_every_value_as_given() -> None:
    given = minimal_engagement_dict()
    assert _within(given, engagement(given).model_dump(mode="json"))
    given["lots"][0]["go_live"] = "2026-05-19"
    assert not _within(given, engagement().model_dump(mode="json"))


def test_a_dumped_engagement_validates_again_unchanged() -> None:
    e = engagement()
    dumped = e.model_dump(mode="json")
    assert Engagement.model_validate(dumped) == e
    assert Engagement.model_validate_json(e.model_dump_json()) == e


def test_names_left_empty_on_purpose_survive_a_round_trip() -> None:
    data = minimal_engagement_dict()
    data["kpis"] = [{"kind": "usage", "name": "Logins per week", "target": 5}]
    data["use_cases"] = [
        {"name": "Log a request", "population": "Agency advisers", "lot": "Lot 1 - Requests", "priority": "must"}
    ]
    data["governance"]["key_users"] = [{"name": "Paul Girard", "population": "Agency advisers"}]
    data["training"] = {"blackouts": [{"start": "2026-08-01", "end": "2026-08-21"}]}
    e = engagement(data)
    dumped = e.model_dump(mode="json")
    assert dumped["kpis"][0]["population"] == ""
    assert dumped["use_cases"][0]["functional_block"] == ""
    assert dumped["governance"]["key_users"][0]["territory"] == ""
    assert dumped["training"]["blackouts"][0]["territory"] == ""
    assert Engagement.model_validate(dumped) == e


@pytest.fixture(scope="module", params=["mutuelle_horizon", "northwind_b2b"])
def example(request) -> Engagement:
    raw = yaml.safe_load(example_path(request.param).read_text(encoding="utf-8"))
    return Engagement.model_validate(raw)


def test_the_two_examples_are_the_ones_checked_here() -> None:
    assert example_names() == ["mutuelle_horizon", "northwind_b2b"]


def test_each_example_is_a_valid_engagement_with_no_inconsistency(example: Engagement) -> None:
    assert example.populations and example.lots
    assert find_inconsistencies(example) == []


def test_each_example_round_trips_through_its_json_dump_unchanged(example: Engagement) -> None:
    dumped = example.model_dump(mode="json")
    again = Engagement.model_validate(dumped)
    assert again == example
    assert again.model_dump(mode="json") == dumped
