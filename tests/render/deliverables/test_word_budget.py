"""Specification of the slides every deck opens and closes on, in both examples and
both languages: the summary and the next steps each keep to one slide of at most
80 words, the summary's findings numbered 1…n, the detail a
card leaves out said in full in the slide's notes and in the report."""

from __future__ import annotations

import re

import pytest

from playbook.render.deliverables import common as c
from playbook.render.layout_check import slide_words
from playbook.render.words import WORD_BUDGET

from .conftest import flat


@pytest.fixture(scope="module")
def decks(every_deliverable):
    return every_deliverable


def _slide(written, key: str):
    titles = [flat(t) for t in written.slide_titles()]
    return written.pptx.slides[titles.index(flat(written.label(key)))]


def _cards(slide) -> list[tuple[int, str]]:
    """(badge number, card text) of the summary's cards, top to bottom."""
    badges = sorted((s for s in slide.shapes if s.has_text_frame
                     and re.fullmatch(r"\d+", s.text_frame.text.strip())), key=lambda s: s.top)
    texts = sorted((s for s in slide.shapes if s.has_text_frame and s.shape_type == 17
                    and s.text_frame.text.strip()), key=lambda s: s.top)
    return [(int(b.text_frame.text), t.text_frame.text) for b, t in zip(badges, texts, strict=True)]


def test_each_summary_is_one_slide_within_the_word_budget(decks):
    for (name, case), written in decks.items():
        summary = _slide(written, "common.key_messages")
        assert slide_words(summary) <= WORD_BUDGET, (name, case, slide_words(summary))
        cards = _cards(summary)
        assert 3 <= len(cards) <= c.SUMMARY_MAX, (name, case)
        assert [number for number, _ in cards] == list(range(1, len(cards) + 1)), (name, case)


def test_a_shortened_finding_is_said_in_full_in_the_notes_and_the_report(decks):
    shortened = 0
    for (name, case), written in decks.items():
        summary = _slide(written, "common.key_messages")
        notes = flat(summary.notes_slide.notes_text_frame.text) if summary.has_notes_slide else ""
        report = flat(written.doc_text())
        for number, text in _cards(summary):
            said = next((line for line in notes.split("\n") if line.startswith(f"{number}. ")), "")
            if said:
                shortened += 1
                full = said.removeprefix(f"{number}. ")
                assert len(full) > len(flat(text)), (name, case, number)
                assert full in report, (name, case, number, "the report says it in full")
    assert shortened, "headlines shorten the longest findings"


def test_the_next_steps_keep_to_one_slide_within_the_word_budget(decks):
    for (name, case), written in decks.items():
        closing = written.main_slides()[-1]
        assert flat(closing.shapes.title.text) == flat(written.label("common.next_steps")), (name, case)
        assert slide_words(closing) <= WORD_BUDGET, (name, case, slide_words(closing))


def test_the_next_steps_name_in_the_notes_the_populations_the_slide_counts(decks):
    from playbook.render.deliverables import impact_diagnosis

    for (name, case), written in decks.items():
        if name != "impact_diagnosis":
            continue
        closing = written.main_slides()[-1]
        notes = flat(closing.notes_slide.notes_text_frame.text)
        for step in impact_diagnosis.next_steps(written.analysis):
            if step.full:
                assert flat(step.full) in notes, (case, step.text)
                assert flat(step.full) in flat(written.doc_text()), (case, step.text)
