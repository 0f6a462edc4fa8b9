"""French and English typography, one module for every layer: spacing, dates, numbers, percentages, money, quotations."""

from __future__ import annotations

import datetime as dt

import pytest

from playbook.text.typography import (
    NBSP,
    NNBSP,
    colon,
    format_currency,
    format_date,
    format_number,
    format_percent,
    format_span_start,
    inline,
    semicolon,
    typeset,
    unquote,
)


def test_french_puts_no_break_spaces_before_high_punctuation_and_inside_guillemets():
    text = typeset("Objectif: adoption à 80%! Vraiment? «Oui» ; ok", "fr")
    assert text == (f"Objectif{NBSP}: adoption à 80{NBSP}%{NNBSP}! Vraiment{NNBSP}? "
                    f"«{NBSP}Oui{NBSP}»{NNBSP}; ok")


def test_french_spacing_leaves_urls_times_and_ratios_alone():
    text = "voir https://exemple.fr/page?id=3 à 10:30, ratio 3:1"
    assert typeset(text, "fr") == text


def test_english_gets_no_space_before_punctuation_but_typographic_apostrophes():
    assert typeset("Goal: 80%! Isn't it?", "en") == "Goal: 80%! Isn’t it?"
    assert typeset("l'équipe", "fr") == "l’équipe"


def test_dates_are_written_out_in_the_language():
    assert format_date(dt.date(2027, 3, 15), "fr") == "15 mars 2027"
    assert format_date(dt.date(2027, 3, 15), "en") == "15 March 2027"
    assert format_date(dt.date(2027, 3, 1), "fr") == "1er mars 2027"


def test_a_span_says_its_month_and_year_once():
    d = dt.date
    assert format_span_start(d(2027, 11, 18), d(2027, 11, 19), "fr") == "18"  # du 18 au 19 novembre 2027
    assert format_span_start(d(2027, 11, 1), d(2027, 11, 2), "fr") == "1er"
    assert format_span_start(d(2027, 11, 28), d(2027, 12, 3), "en") == "28 November"
    assert format_span_start(d(2027, 12, 28), d(2028, 1, 3), "en") == "28 December 2027"


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


def test_plain_text_messages_space_colons_and_semicolons_the_french_way():
    assert (colon("fr"), semicolon("fr")) == (" : ", " ; ")
    assert (colon("en"), semicolon("en")) == (": ", "; ")


def test_a_whole_quotation_loses_its_own_marks_so_the_sentence_marks_are_not_doubled():
    assert unquote("« On perd du temps »") == "On perd du temps"
    assert unquote("“Too slow”") == "Too slow"
    assert unquote("« A » puis « B »") == "« A » puis « B »"


def test_a_label_inside_a_sentence_starts_lower_case_unless_an_acronym():
    assert inline("Parcours clients") == "parcours clients"
    assert inline("CRM") == "CRM"
