"""Specification of the agreement and display rules both languages' wording uses."""

from __future__ import annotations

import pytest

from playbook.text import grammar


@pytest.mark.parametrize(("count", "lang", "form"), [
    (0, "fr", "one"), (1, "fr", "one"), (1.5, "fr", "one"), (2, "fr", "other"), (11, "fr", "other"),
    (0, "en", "other"), (1, "en", "one"), (2, "en", "other"),
])
def test_french_puts_zero_and_one_in_the_singular_english_only_one(count, lang, form):
    assert grammar.plural_form(count, lang) == form


@pytest.mark.parametrize(("value", "shown"), [
    (124.9, (125.0, 0)), (369.5, (370.0, 0)), (42.5, (43.0, 0)), (2.5, (2.5, 1)), (3.0, (3.0, 0)),
    (0.5, (0.5, 1)), (9.9, (10.0, 0)),
])
def test_days_are_shown_whole_except_a_half_day_under_ten(value, shown):
    assert grammar.rounded_days(value) == shown


@pytest.mark.parametrize(("amount", "shown"), [
    (544_810, 545_000), (12_340, 12_000), (8_760, 8_800), (449.9, 400), (0, 0),
])
def test_money_is_shown_to_the_nearest_hundred_or_thousand(amount, shown):
    assert grammar.rounded_money(amount) == shown


@pytest.mark.parametrize(("label", "detail", "expected"), [
    ("Sponsor (direction générale)", "Hélène Marchal", "Sponsor (direction générale, Hélène Marchal)"),
    ("Chef de projet CRM", "Julien Ferrand", "Chef de projet CRM (Julien Ferrand)"),
    ("Responsable du Change", "", "Responsable du Change"),
])
def test_a_detail_joins_the_label_s_own_parentheses_never_a_second_pair(label, detail, expected):
    assert grammar.with_detail(label, detail) == expected


def test_a_capitalised_french_word_keeps_its_accent():
    assert grammar.capitalise("à partir de mars") == "À partir de mars"
    assert grammar.capitalise("équipe CRM") == "Équipe CRM"


@pytest.mark.parametrize(("parts", "shown"), [
    ([431_700, 86_800, 26_310], [432_000, 87_000, 26_000]),
    ([143_600, 401_210], [144_000, 401_000]),
    ([333_400, 333_400, 333_400], [334_000, 333_000, 333_000]),  # a tie goes to the first
])
def test_rounded_parts_still_add_up_to_their_rounded_total(parts, shown):
    rounded = grammar.rounded_parts(parts)
    assert rounded == shown
    assert sum(rounded) == grammar.rounded_money(sum(parts))


@pytest.mark.parametrize(("template", "lang", "values", "expected"), [
    ("49 actions, de {start} à {end}", "fr", {"start": "avril 2027", "end": "mai 2028"},
     "49 actions, d'avril 2027 à mai 2028"),
    ("49 actions, de {start} à {end}", "fr", {"start": "février 2027", "end": "mai 2028"},
     "49 actions, de février 2027 à mai 2028"),
    ("Conseillers de {territory}", "fr", {"territory": "Île-de-France"}, "Conseillers d'Île-de-France"),
    ("De {start} à {end}", "fr", {"start": "octobre", "end": "mars"}, "D'octobre à mars"),
    ("de {count} populations", "fr", {"count": 11}, "de 11 populations"),
    ("from {start}", "en", {"start": "April 2027"}, "from April 2027"),
    ("plan de {start}", "en", {"start": "avril"}, "plan de avril"),  # only French elides
])
def test_french_de_is_elided_before_a_value_starting_with_a_vowel(template, lang, values, expected):
    assert grammar.fill(template, lang, **values) == expected


def test_a_sentence_after_a_colon_goes_on_in_lower_case_but_names_and_acronyms_keep_their_capitals():
    from playbook.text.grammar import after_colon

    assert after_colon("Utilisateurs clés nommés pour le lot : 2.") == "utilisateurs clés nommés pour le lot : 2."
    assert after_colon("Key users named: 3.") == "key users named: 3."
    assert after_colon("CRM training first.") == "CRM training first."
    assert after_colon("Agency advisers move first.", ["Agency advisers"]) == "Agency advisers move first."
