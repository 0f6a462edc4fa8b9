"""Shared field types: names are keys, so they are normalised once, at the edge;
texts keep their paragraphs; counts, intensities and shares have their ranges."""

from __future__ import annotations

import pytest

from playbook.model.types import (
    Headcount,
    Intensity,
    Name,
    OptionalName,
    Record,
    Share,
    Text,
    normalise_name,
    normalise_text,
)

from .helpers import messages, refusals


class Sample(Record):
    name: Name = "x"
    optional: OptionalName = ""
    text: Text = ""
    headcount: Headcount = 1
    intensity: Intensity = 0
    share: Share = 0.5


# --- Names -----------------------------------------------------------------------------


def test_a_name_is_trimmed_and_its_inner_spaces_collapsed() -> None:
    assert normalise_name("  Conseillers    agence  ") == "Conseillers agence"


@pytest.mark.parametrize(
    "space",
    ["\u00a0", "\u202f", "\u2007", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x85"],
    ids=["nbsp", "narrow-nbsp", "figure-space", "tab", "newline", "crlf", "vt", "ff", "nel"],
)
def test_every_kind_of_space_in_a_name_counts_as_one_plain_space(space: str) -> None:
    assert normalise_name(f"Conseillers{space}agence{space}") == "Conseillers agence"


@pytest.mark.parametrize(
    "invisible", ["\x00", "\x07", "\x1b", "\x7f", "\x9f"], ids=["nul", "bell", "esc", "del", "c1"]
)
def test_invisible_control_characters_are_dropped_from_a_name(invisible: str) -> None:
    assert normalise_name(f"Agency{invisible} advisers{invisible}") == "Agency advisers"


@pytest.mark.parametrize("joiner", ["\u2060", "\ufeff"], ids=["word-joiner", "bom"])
def test_zero_width_joiners_and_byte_order_marks_do_not_make_a_different_name(
    joiner: str,
) -> None:
    assert normalise_name(f"{joiner}Agency {joiner}advisers") == "Agency advisers"


def test_a_zero_width_space_does_not_make_a_different_name() -> None:
    assert normalise_name("\u200bAgency \u200badvisers") == "Agency advisers"


def test_an_accent_typed_as_a_combining_mark_gives_the_same_name() -> None:
    decomposed = "Re\u0301gion Grand Est"
    assert normalise_name(decomposed) == "R\u00e9gion Grand Est"
    assert normalise_name("Re\x07\u0301gion") == "R\u00e9gion"


def test_a_name_is_normalised_when_a_record_is_validated() -> None:
    assert Sample(name=" Agency\u00a0advisers\x07 ").name == "Agency advisers"


@pytest.mark.parametrize("blank", ["", "   ", "\u00a0\t\n", "\x07\x7f"])
def test_a_name_that_is_empty_once_normalised_is_refused(blank: str) -> None:
    assert messages(Sample, {"name": blank}) == [(("name",), "Value error, must not be empty")]


def test_an_optional_name_may_stay_empty_and_is_otherwise_normalised() -> None:
    assert Sample(optional="  \u00a0 ").optional == ""
    assert Sample(optional=" North\u202fEast ").optional == "North East"


# --- Texts -----------------------------------------------------------------------------


def test_a_text_is_trimmed_but_keeps_its_paragraphs_and_inner_spacing() -> None:
    assert normalise_text("  First  paragraph.\n\nSecond.  \n") == "First  paragraph.\n\nSecond."


def test_windows_and_old_mac_line_breaks_in_a_text_become_plain_line_breaks() -> None:
    assert normalise_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_a_manual_line_break_pasted_from_word_becomes_a_line_break() -> None:
    assert normalise_text("one\x0btwo\x0cthree") == "one\ntwo\nthree"


def test_a_text_is_stored_in_composed_form_and_may_be_empty() -> None:
    assert Sample(text=" Re\u0301gion ").text == "R\u00e9gion"
    assert Sample(text="   ").text == ""


# --- Numbers ---------------------------------------------------------------------------


def test_a_headcount_counts_at_least_one_person() -> None:
    assert Sample(headcount=1).headcount == 1
    assert refusals(Sample, {"headcount": 0}) == [(("headcount",), "greater_than")]
    assert refusals(Sample, {"headcount": -3}) == [(("headcount",), "greater_than")]


def test_a_headcount_is_a_whole_number() -> None:
    assert refusals(Sample, {"headcount": 2.5}) == [(("headcount",), "int_from_float")]


@pytest.mark.parametrize("intensity", [0, 1, 2, 3])
def test_an_intensity_is_on_the_zero_to_three_scale(intensity: int) -> None:
    assert Sample(intensity=intensity).intensity == intensity


@pytest.mark.parametrize(
    ("intensity", "error"), [(-1, "greater_than_equal"), (4, "less_than_equal"), (1.5, "int_from_float")]
)
def test_an_intensity_outside_the_scale_or_between_steps_is_refused(intensity, error: str) -> None:
    assert refusals(Sample, {"intensity": intensity}) == [(("intensity",), error)]


@pytest.mark.parametrize("share", [0, 0.25, 1])
def test_a_share_is_a_fraction_between_zero_and_one_inclusive(share: float) -> None:
    assert Sample(share=share).share == share


@pytest.mark.parametrize(
    ("share", "error"),
    [(-0.01, "greater_than_equal"), (1.01, "less_than_equal"), (25, "less_than_equal")],
    ids=["negative", "above-one", "percentage"],
)
def test_a_share_outside_zero_to_one_is_refused(share: float, error: str) -> None:
    assert refusals(Sample, {"share": share}) == [(("share",), error)]


# --- Records ---------------------------------------------------------------------------


def test_a_record_refuses_an_unknown_field_instead_of_losing_it() -> None:
    assert refusals(Sample, {"nmae": "Agency advisers"}) == [(("nmae",), "extra_forbidden")]
