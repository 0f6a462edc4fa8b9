"""Nothing internal reaches a client file: the text check over the six deliverables of
both examples, each in French and in English (the same check `playbook check-text`
runs over any engagement's outputs, the corpus included).

Every kind of finding must be absent except repeated sentences, which the per-action
reasons of the change plan still produce (a population's brake restated on each of
its actions)."""

from __future__ import annotations

from playbook.render import text_check as tc
from playbook.render.words import count_words

PENDING = {tc.REPEATED}


def test_no_client_file_holds_a_placeholder_an_instruction_a_code_or_a_foreign_word(
        every_deliverable):
    found = []
    for (_name, case), written in every_deliverable.items():
        for kind in ("docx", "pptx"):
            found += [f"{case}: {finding}" for finding in tc.check_file(written.paths[kind],
                                                                          written.lang)
                      if finding.kind not in PENDING]
    assert found == []


def test_every_deck_keeps_its_notes_to_what_a_presenter_reads(every_deliverable):
    for (name, case), written in every_deliverable.items():
        for number, slide in enumerate(written.pptx.slides, 1):
            if slide.has_notes_slide:
                words = count_words(slide.notes_slide.notes_text_frame.text)
                assert words <= tc.NOTES_WORDS, f"{case}/{name} slide {number}: {words} words"
