"""Every sentence of the method's catalogues that counts something agrees with a
count of 0 or 1 in French (singular) and 1 in English, whatever the engagement:
a client with one lot, one population or no action done yet reads « 1 lot »,
« 0 action réalisée », "1 person", never « 1 lots » or "1 people"."""

from __future__ import annotations

import re

import pytest

from playbook.method import load_method
from playbook.method.labels import placeholders
from playbook.render import text_check as tc

METHOD = load_method()
# Keys a builder only uses for a count of two or more: it picks its `_one` /
# `.one` / `.zero` sibling (or another sentence) below that.
# Fields that hold an amount of money ("12 000 €"), never a bare 0 or 1.
AMOUNTS = {"budget", "cash", "gap", "over", "trainer_rate", "amount", "cost"}
AMOUNT = "12 000 €"
COUNTED_FORMS = re.compile(r"\.(one|other|zero|many)$")


def _has_singular_sibling(key: str) -> bool:
    return METHOD.labels.has(f"{key}_one") or METHOD.labels.has(f"{key}.one")


def _flat_counting_labels() -> list[str]:
    return [key for key in METHOD.labels.keys()
            if not COUNTED_FORMS.search(key) and not _has_singular_sibling(key)
            and any(placeholders(METHOD.labels.get(key, lang)) for lang in ("fr", "en"))]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("count", ["0", "1"])
def test_no_catalogue_sentence_puts_a_plural_after_0_or_1(lang, count):
    if lang == "en" and count == "0":
        pytest.skip("English says 0 in the plural")
    rules = tc._FRENCH if lang == "fr" else tc._ENGLISH
    found = []
    for key in _flat_counting_labels():
        text = METHOD.labels.get(key, lang)
        filled = METHOD.labels.get(key, lang, **{name: AMOUNT if name in AMOUNTS else count
                                                 for name in placeholders(text)})
        for name, rule in rules.items():
            if name.startswith("plural") and rule.search(filled):
                found.append(f"{key} ({lang}): {filled}")
    assert found == []


def test_a_form_may_hold_a_field_of_its_own():
    fr = METHOD.labels.get("framing_note.deck.workshops_all", "fr", total="1")
    assert fr == "L'atelier de cadrage est tenu"
    assert METHOD.labels.get("framing_note.deck.workshops_all", "fr", total="4") == \
        "Les 4 ateliers de cadrage sont tenus"
    assert METHOD.labels.get("common.people", "en", n="1") == "1 person"
    assert METHOD.labels.get("common.people", "en", n="2") == "2 people"
