"""The cases in French and English: every text a trainee reads, the same facts graded."""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path

import pytest

from playbook.text import typeset
from playbook.training import case_names, check, load_case, reference, solution
from playbook.training.cases import CASES_DIR, case_text
from playbook.training.tour import briefing

NOTEBOOKS = Path(__file__).parents[2] / "notebooks" / "training"
# Settings, not prose: a country code, a currency, the default confidentiality
# label (the deliverables word it in their own language).
SETTINGS = {"country", "currency", "confidentiality"}


def _texts(node, key=""):
    """Every text value of a dumped engagement, with the field it sits in."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, k)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _texts(v, key)
    elif isinstance(node, str) and not isinstance(node, Enum) and node and key not in SETTINGS:
        yield key, node


def _exercise_answer(case: str) -> dict:
    """The committed first-draft answer of the case's exercise notebook."""
    for path in NOTEBOOKS.glob("01_exercise_*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "".join(cells[1]["source"])
        if f'case = "{case}"' in source:
            namespace: dict = {}
            exec(source, namespace)  # the parameters cell holds literals only
            return namespace["answer"]
    raise AssertionError(f"no exercise notebook for {case}")


@pytest.mark.parametrize("case", case_names())
def test_every_text_of_a_case_has_a_french_version(case):
    words = case_text(case)
    table = words.translations("fr")
    english = load_case(case)
    untranslated = {text for _, text in _texts(english.model_dump())} - set(table) - set(words.names)
    assert untranslated == set(), f"{case}: texts without a French version"
    stale = set(table) - {text for _, text in _texts(english.model_dump())}
    assert stale == set(), f"{case}: translations of texts the case no longer has"
    assert all(t.fr.strip() and t.en.strip() for t in [words.title, words.briefing, *words.texts])


@pytest.mark.parametrize("case", case_names())
def test_the_french_case_reads_in_french_with_its_facts_unchanged(case):
    english, french = load_case(case), load_case(case, "fr")
    assert french.engagement.language.value == "fr"
    assert english.engagement.language.value == "en"
    words = case_text(case)
    kept = set(words.names) | {t.en for t in words.texts if t.en == t.fr}
    leftover = {text for _, text in _texts(french.model_dump())} & (
        {text for _, text in _texts(english.model_dump())} - kept)
    assert leftover == set(), f"{case}: English left in the French case"
    # Same populations, in the same order, with the same facts the engine reasons on.
    assert [(p.headcount, p.level, p.buy_in, p.crm_user) for p in french.populations] == [
        (p.headcount, p.level, p.buy_in, p.crm_user) for p in english.populations]
    assert len(reference(case, "fr").diagnosis.brakes) == len(reference(case, "en").diagnosis.brakes)


@pytest.mark.parametrize("case", case_names())
def test_french_texts_follow_french_typography(case):
    words = case_text(case)
    for text in [words.title.fr, words.briefing.fr, *(t.fr for t in words.texts)]:
        assert '"' not in text, f"{case}: French quotes are « », not {text!r}"
    for text in [*words.paragraphs("fr"), *words.translations("fr").values()]:
        assert typeset(text, "fr") == text
        # A no-break space before : ; ! ? » and after «, never a plain or no space.
        assert not re.search(r"(\w|\*\*| )[:;!?»]|«(\w| )", text), text


@pytest.mark.parametrize("case", case_names())
def test_an_answer_is_graded_the_same_in_both_languages(case):
    answer = _exercise_answer(case)
    english, french = check(answer, case, "en"), check(answer, case, "fr")
    assert french.score == english.score < 1
    assert [r.kind for r in french.remarks] == [r.kind for r in english.remarks]
    # The engine's own answer, in English names, is perfect in a French run too.
    assert check(solution(case, "en"), case, "fr").score == 1.0
    assert check(solution(case, "fr"), case, "en").score == 1.0


def test_a_french_check_speaks_of_the_case_in_french():
    feedback = check(_exercise_answer("contact_centre"), "contact_centre", "fr")
    subjects = {r.subject for r in feedback.remarks}
    assert "Conseillers du centre de contacts" in subjects
    assert "Contact-centre advisers" not in subjects
    assert "Contact-centre advisers" not in str(feedback)
    assert "Équipe de planification" in str(feedback)


def test_the_briefing_is_shown_in_the_exercise_language():
    french = briefing("contact_centre", "fr")._repr_html_()
    english = briefing("contact_centre", "en")._repr_html_()
    assert "Centre de contacts Valmont Energy" in french
    assert "durée moyenne de traitement" in french
    assert "average handling time" in english and "average handling time" not in french


def test_every_case_has_its_texts_file_and_no_texts_file_is_orphaned():
    assert sorted(p.stem for p in (CASES_DIR / "text").glob("*.yaml")) == case_names()


def test_a_bundled_case_given_by_path_reads_in_french_and_any_other_file_as_written(tmp_path):
    bundled = CASES_DIR / "contact_centre.yaml"
    assert load_case(bundled, "fr").population("Conseillers du centre de contacts")
    copy = tmp_path / "contact_centre.yaml"
    copy.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_case(copy, "fr").population("Contact-centre advisers")
    answer = _exercise_answer("contact_centre")
    assert check(answer, bundled, "fr").score == check(answer, "contact_centre", "en").score


def test_a_french_check_names_the_absent_signals_in_french_not_by_code():
    from playbook.method import load_method

    signals = [s for b in load_method().brakes.brakes for s in b.signals]
    assert all(s.label is not None for s in signals), "every bundled signal has a label"
    feedback = check(_exercise_answer("contact_centre"), "contact_centre", "fr")
    unfounded = " ".join(r.message for r in feedback.remarks if r.kind == "unfounded_brake")
    assert "Signal « évalués sur la vitesse ou le volume, saisie lourde »" in unfounded.replace("\u00a0", " ")
    assert not any(s.code.replace("_", " ") in unfounded for s in signals)


_COUNTS = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15},
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
           "quinze": 15},
}
_MANDATORY = {"en": r"(\w+)\s+mandatory\s+fields", "fr": r"(\w+)\s+champs\s+obligatoires"}


@pytest.mark.parametrize("case", case_names())
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_count_the_briefing_gives_is_the_case_s_own(case: str, lang: str) -> None:
    """"Fourteen mandatory fields" in the briefing and 12 in the feedback is a
    trainee's lost point: a count in words is one the case holds."""
    words = case_text(case)
    text = " ".join([*words.paragraphs(lang), *(t.in_(lang) for t in words.texts)])
    held = {p.mandatory_fields for p in load_case(case).populations}
    for word in re.findall(_MANDATORY[lang], text, flags=re.IGNORECASE):
        count = _COUNTS[lang].get(word.casefold())
        if count is not None:
            assert count in held, (case, lang, word)


_TYPED = {"en": r"(?<!Lot )\b\d+\b", "fr": r"(?<!Lot )\b\d+\b"}


@pytest.mark.parametrize("case", case_names())
def test_a_briefing_names_its_counts_instead_of_typing_them(case: str) -> None:
    """Every number of the notes comes from the case file (only lot numbers, names, are typed),
    and the notes show the case's value: the briefing and the feedback cannot disagree."""
    import yaml

    raw = yaml.safe_load((CASES_DIR / "text" / f"{case}.yaml").read_text(encoding="utf-8"))["briefing"]
    for lang in ("en", "fr"):
        assert re.findall(_TYPED[lang], raw[lang]) == [], (case, lang)
        shown = " ".join(case_text(case).paragraphs(lang))
        assert "{" not in shown
        for field, name, words in re.findall(r"\{(\w+):([^:{}]+)(:words)?\}", raw[lang]):
            value = getattr(load_case(case).population(name.strip()), field)
            written = _COUNTS[lang] if words else {}
            token = next((w for w, n in written.items() if n == value), str(value))
            assert re.search(rf"\b{re.escape(token)}\b", shown, flags=re.IGNORECASE), (case, lang, name)


def test_a_count_follows_the_case_file() -> None:
    from playbook.training.cases import fill_facts

    engagement = load_case("contact_centre")
    advisers = engagement.population("Contact-centre advisers")
    changed = engagement.model_copy(update={"populations": [
        advisers.model_copy(update={"mandatory_fields": 9, "headcount": 140}),
        *engagement.populations[1:]]})
    text = case_text("contact_centre")
    raw = "{mandatory_fields:Contact-centre advisers:words} champs, {headcount:Contact-centre advisers} au total"
    assert fill_facts(raw, changed, "fr", "test") == "neuf champs, 140 au total"
    assert "douze champs obligatoires" in " ".join(text.paragraphs("fr"))
    with pytest.raises(Exception, match="names no headcount"):
        fill_facts("{headcount:Nobody}", engagement, "en", "contact_centre.yaml")
