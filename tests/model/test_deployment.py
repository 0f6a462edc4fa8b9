"""Progressive deployment by lots, and the use cases each lot delivers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from playbook.model import Lot, Priority, UseCase
from tests.factories import minimal_engagement_dict

from .helpers import messages, refusals, with_, without


def lot() -> dict[str, Any]:
    """The first lot of the factories' minimal engagement (a fresh copy)."""
    return minimal_engagement_dict()["lots"][0]


def use_case() -> dict[str, Any]:
    return {
        "name": "Log a tenant request",
        "population": "Agency advisers",
        "lot": "Lot 1 - Requests",
        "priority": "must",
    }


# --- Lot -------------------------------------------------------------------------------


def test_a_lot_has_a_name_blocks_populations_and_three_milestone_dates() -> None:
    fields = ["name", "functional_blocks", "populations", "design_start", "acceptance_start", "go_live"]
    assert refusals(Lot, without(lot(), *fields)) == [((field,), "missing") for field in fields]


def test_a_lot_s_milestones_are_read_as_dates() -> None:
    got = Lot.model_validate(lot())
    assert (got.design_start, got.acceptance_start, got.go_live) == (
        dt.date(2026, 2, 2), dt.date(2026, 4, 6), dt.date(2026, 5, 18),
    )


@pytest.mark.parametrize("field", ["functional_blocks", "populations"])
def test_a_lot_delivers_at_least_one_block_to_at_least_one_population(field: str) -> None:
    assert refusals(Lot, with_(lot(), **{field: []})) == [((field,), "too_short")]


def test_the_names_a_lot_lists_are_normalised_and_a_blank_one_is_refused_where_it_stands() -> None:
    got = Lot.model_validate(with_(lot(), populations=[" Agency\u00a0advisers"]))
    assert got.populations == ["Agency advisers"]
    assert messages(Lot, with_(lot(), functional_blocks=["Tenant requests", "\t"])) == [
        (("functional_blocks", 1), "Value error, must not be empty")
    ]


def test_an_impossible_milestone_date_is_refused() -> None:
    assert refusals(Lot, with_(lot(), go_live="2026-02-30")) == [
        (("go_live",), "date_from_datetime_parsing")
    ]


def test_misordered_milestones_still_make_a_lot_so_every_problem_is_reported_at_once() -> None:
    got = Lot.model_validate(with_(lot(), go_live="2026-01-01"))
    assert got.go_live < got.design_start


# --- Use case --------------------------------------------------------------------------


def test_a_use_case_serves_a_population_in_a_lot_with_a_priority() -> None:
    fields = ["name", "population", "lot", "priority"]
    assert refusals(UseCase, without(use_case(), *fields)) == [((field,), "missing") for field in fields]


def test_a_use_case_needs_no_description_or_functional_block() -> None:
    got = UseCase.model_validate(use_case())
    assert (got.description, got.functional_block, got.priority) == ("", "", Priority.MUST)


@pytest.mark.parametrize("priority", ["won't", "high", "MUST"])
def test_a_use_case_priority_is_must_should_or_could(priority: str) -> None:
    assert messages(UseCase, with_(use_case(), priority=priority)) == [
        (("priority",), "Input should be 'must', 'should' or 'could'")
    ]
