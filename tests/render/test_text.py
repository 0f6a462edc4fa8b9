"""The one sanitiser every writer uses, shortening and **bold** runs."""

from __future__ import annotations

import unicodedata

import pytest

from playbook.render.text import bold_runs, plain, sanitize, shorten


def test_sanitize_drops_characters_that_make_office_refuse_a_file():
    pasted = "Ligne\x0bavec\x00 tabulation\x08 verticale\x1f\ufffe"
    assert sanitize(pasted) == "Ligneavec tabulation verticale"


def test_sanitize_composes_accents_typed_on_macos():
    decomposed = unicodedata.normalize("NFD", "Équipe réticente")
    assert decomposed != "Équipe réticente"
    assert sanitize(decomposed) == "Équipe réticente"


def test_sanitize_tidies_spaces_and_line_breaks_and_reads_none_as_empty():
    assert sanitize("  deux   espaces \r\n ligne\r fin  ") == "deux espaces\nligne\nfin"
    assert sanitize(None) == ""
    assert sanitize(42) == "42"


def test_shorten_cuts_at_a_word_with_an_ellipsis_within_the_limit():
    text = "Les téléconseillers craignent que les champs obligatoires allongent les appels"
    short = shorten(text, 40)
    assert len(short) <= 40
    assert short.endswith("…")
    assert text.startswith(short[:-1])
    assert not short[:-1].endswith(" ")
    assert shorten("court", 40) == "court"


def test_shorten_refuses_a_meaningless_limit():
    with pytest.raises(ValueError):
        shorten("texte", 0)


def test_bold_runs_split_marked_text_and_keep_lone_asterisks():
    assert bold_runs("un projet **d'entreprise**, pas **technique**") == [
        ("un projet ", False), ("d'entreprise", True), (", pas ", False),
        ("technique", True)]
    assert bold_runs("note * isolée") == [("note * isolée", False)]
    assert plain("**a** b") == "a b"
