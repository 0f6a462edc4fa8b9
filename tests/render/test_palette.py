"""Colours: one form for every writer, and text that reads on any fill."""

from __future__ import annotations

import pytest

from playbook.render.palette import HOUSE, hex_colour, is_dark, palette_from_template, text_on


@pytest.mark.parametrize("given", ["0E4D64", "#0E4D64", "0e4d64", " #0e4d64 "])
def test_a_colour_is_accepted_with_or_without_its_hash(given):
    assert hex_colour(given) == "#0E4D64"


@pytest.mark.parametrize("given", ["blue", "#12345", "12345G", "", None])
def test_a_malformed_colour_is_refused_with_the_expected_forms(given):
    with pytest.raises(ValueError, match="RRGGBB or #RRGGBB"):
        hex_colour(given)


def test_text_is_white_on_dark_fills_and_dark_on_light_ones():
    assert is_dark("0E4D64") and is_dark("#0E4D64")
    assert text_on("0E4D64", HOUSE.text) == "#FFFFFF"
    assert text_on("#EEF3F5", HOUSE.text) == HOUSE.text
    assert text_on("E3A72F", HOUSE.text) == HOUSE.text  # the highlight is light enough


def test_the_template_theme_gives_the_chart_colours(templates):
    palette = palette_from_template(templates / "house.docx")
    assert palette.title.startswith("#") and len(palette.title) == 7
    assert len(palette.accents) == 6
    assert palette_from_template(templates / "absent.docx") == HOUSE
