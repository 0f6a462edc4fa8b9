"""How typed cells are read: the spellings consultants really use."""

from __future__ import annotations

import datetime as dt

import pytest

from playbook.intake.schema import SHEETS_BY_NAME
from playbook.intake.values import (
    Invalid,
    coerce,
    coerce_bool,
    coerce_code,
    coerce_date,
    coerce_float,
    coerce_int,
    coerce_names,
    is_empty,
)


@pytest.mark.parametrize(
    "typed",
    [
        dt.datetime(2026, 3, 15),
        dt.date(2026, 3, 15),
        "2026-03-15",
        "2026-03-15 00:00:00",
        "15/03/2026",
        "15.03.2026",
        "15 mars 2026",
        "15 Mars 2026",
        "dimanche 15 mars 2026",
        "15 March 2026",
        "March 15, 2026",
        "15 mar. 2026",
        46096,  # the same day as an Excel serial number
    ],
)
def test_dates_are_read_in_every_usual_form(typed) -> None:
    assert coerce_date(typed) == dt.date(2026, 3, 15)


def test_french_first_of_the_month_and_accented_months_are_read() -> None:
    assert coerce_date("1er février 2026") == dt.date(2026, 2, 1)
    assert coerce_date("3 août 2026") == dt.date(2026, 8, 3)


@pytest.mark.parametrize("typed", ["31/02/2026", "03-15-2026", "soon", "15 brumaire 2026", True])
def test_impossible_or_ambiguous_dates_are_refused(typed) -> None:
    with pytest.raises(Invalid):
        coerce_date(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("yes", True),
        ("Oui", True),
        ("TRUE", True),
        ("vrai", True),
        ("x", True),
        (1, True),
        ("no", False),
        ("NON", False),
        ("false", False),
        ("0", False),
        (0, False),
    ],
)
def test_yes_no_spellings(typed, value: bool) -> None:
    assert coerce_bool(typed) is value


def test_a_yes_no_cell_with_other_text_is_refused() -> None:
    with pytest.raises(Invalid):
        coerce_bool("maybe")


@pytest.mark.parametrize(
    ("typed", "value"),
    [(12, 12), (12.0, 12), ("12", 12), ("1 200", 1200), ("1\u202f200", 1200), ("7,0", 7)],
)
def test_whole_numbers(typed, value: int) -> None:
    assert coerce_int(typed) == value


@pytest.mark.parametrize("typed", ["douze", 12.5, True, "12 people"])
def test_what_is_not_a_whole_number(typed) -> None:
    with pytest.raises(Invalid):
        coerce_int(typed)


def test_numbers_read_the_french_way_and_percentages_for_shares() -> None:
    assert coerce_float("3,5") == 3.5
    assert coerce_float("25%", share=True) == 0.25
    assert coerce_float("25 %", share=True) == 0.25
    assert coerce_float(0.25, share=True, percent_format=True) == 0.25
    # an allocation counted in percent, typed in a cell formatted as a percentage
    assert coerce_float(0.5, percent_format=True) == 50


def test_codes_forgive_case_spaces_and_hyphens_but_nothing_else() -> None:
    codes = ["team_leader", "staff"]
    assert coerce_code(" Team leader ", codes) == "team_leader"
    assert coerce_code("team-leader", codes) == "team_leader"
    with pytest.raises(Invalid):
        coerce_code("chef d'équipe", codes)


def test_names_in_one_cell_split_on_semicolons_and_line_breaks() -> None:
    assert coerce_names("Sales; Marketing\nCustomer\u00a0service ;") == [
        "Sales",
        "Marketing",
        "Customer service",
    ]
    assert coerce_names(["Sales", " Marketing "]) == ["Sales", "Marketing"]


def test_non_breaking_spaces_alone_are_an_empty_cell() -> None:
    assert is_empty("\u00a0 \u202f")
    assert not is_empty(0)


def test_text_columns_keep_paragraphs_and_name_columns_collapse_spaces() -> None:
    populations = SHEETS_BY_NAME["populations"]
    assert coerce(populations.column("description"), " First.\r\nSecond. ") == "First.\nSecond."
    assert coerce(populations.column("name"), "Agency\u00a0 advisers ") == "Agency advisers"
