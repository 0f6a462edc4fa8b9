"""Coded messages: a code and parameters, worded from data in either language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import playbook
from playbook.text import Message, render
from playbook.text.messages import catalogue

PACKAGE = Path(playbook.__file__).resolve().parent


def test_every_message_has_an_english_and_a_french_sentence_with_the_same_parameters():
    for code, sentences in catalogue().items():
        # `{s_n}` is the plural ending of parameter n: a language may need it where another does not.
        names = {lang: {n for n in re.findall(r"\{(\w+)", text) if not n.startswith("s_")}
                 for lang, text in sentences.items()}
        assert names["en"] == names["fr"], code
        for text in sentences.values():
            endings = {n[2:] for n in re.findall(r"\{(s_\w+)\}", text)}
            assert endings <= names["en"], f"{code}: a plural ending of no parameter"


@pytest.mark.parametrize("count, fr, en", [
    (1, "  … et 1 autre, dans les livrables", "  … and 1 more, in the deliverables"),
    (15, "  … et 15 autres, dans les livrables", "  … and 15 more, in the deliverables"),
])
def test_a_count_agrees_with_its_noun_in_each_language(count: int, fr: str, en: str) -> None:
    assert render("cli.warnings.more", "fr", count=count) == fr
    assert render("cli.warnings.more", "en", count=count) == en
    assert render("cli.templates.problems", "fr", folder="x", count=1) == "x : 1 problème"
    assert render("cli.templates.problems", "en", folder="x", count=0) == "x: 0 problems"


def test_no_message_writes_a_plural_in_parentheses_beside_a_count() -> None:
    """« 15 autre(s) » reads as a form left unfilled: a counted noun agrees with its count."""
    for code, sentences in catalogue().items():
        for text in sentences.values():
            assert not re.search(r"\{\w+\}[^{}]*\w\(s\)", text), code


def test_every_code_the_package_uses_is_worded():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'"((?:consistency|yaml)\.[a-z_]+)"', source))
        used |= set(re.findall(r'(?:render|Message)\(\s*"([a-z_]+\.[a-z_.]+)"', source))
    used |= {f"consistency.unknown_{what}" for what in ("population", "lot", "territory")}
    assert used, "the package speaks in codes"
    assert used <= set(catalogue())


def test_a_message_reads_in_the_language_asked_with_its_parameters():
    message = Message("consistency.design_before_kickoff", {"kickoff": dt.date(2026, 1, 12)})
    assert message.text("en") == "design starts before the kickoff (2026-01-12)"
    assert message.text("fr") == "la conception commence avant le lancement (2026-01-12)"


def test_a_parameter_that_is_itself_a_message_follows_the_sentence_language():
    first = Message("consistency.row_of_table", {"row": 2})
    assert render("consistency.duplicate_name", "fr", what=Message("term.kpi"), first=first) == (
        "nom en double (indicateur) : déjà utilisé en ligne 2 de ce tableau")


def test_an_unknown_code_is_a_clear_error_not_a_blank():
    with pytest.raises(KeyError, match="no message 'nope'"):
        render("nope", "en")
