"""French and English typography: spacing, dates, numbers, percentages, money."""

from __future__ import annotations

import datetime as dt

import pytest

from playbook.render.typography import (
    NBSP,
    NNBSP,
    format_currency,
    format_date,
    format_number,
    format_percent,
    prepare,
)


def test_french_puts_no_break_spaces_before_high_punctuation_and_inside_guillemets():
    text = prepare("Objectif: adoption à 80%! Vraiment? «Oui» ; ok", "fr")
    assert text == (f"Objectif{NBSP}: adoption à 80{NBSP}%{NNBSP}! Vraiment{NNBSP}? "
                    f"«{NBSP}Oui{NBSP}»{NNBSP}; ok")


def test_french_spacing_leaves_urls_times_and_ratios_alone():
    text = "voir https://exemple.fr/page?id=3 à 10:30, ratio 3:1"
    assert prepare(text, "fr") == text


def test_english_gets_no_space_before_punctuation_but_typographic_apostrophes():
    assert prepare("Goal: 80%! Isn't it?", "en") == "Goal: 80%! Isn’t it?"
    assert prepare("l'équipe", "fr") == "l’équipe"


def test_prepare_sanitises_before_typesetting():
    assert prepare("Note\x0b :  bien", "fr") == f"Note{NBSP}: bien"


def test_dates_are_written_out_in_the_language():
    assert format_date(dt.date(2027, 3, 15), "fr") == "15 mars 2027"
    assert format_date(dt.date(2027, 3, 15), "en") == "15 March 2027"
    assert format_date(dt.date(2027, 3, 1), "fr") == "1er mars 2027"


def test_numbers_use_the_language_separators():
    assert format_number(1234.5, "fr", 1) == f"1{NNBSP}234,5"
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_number(1234567, "fr") == f"1{NNBSP}234{NNBSP}567"


def test_percentages_and_amounts():
    assert format_percent(0.456, "fr") == f"46{NBSP}%"
    assert format_percent(0.456, "en", 1) == "45.6%"
    assert format_currency(12500, "fr") == f"12{NNBSP}500{NBSP}€"
    assert format_currency(12500, "en") == "€12,500"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="de"):
        format_date(dt.date(2027, 1, 1), "de")
