"""Specification of the storyline every deck tells, the COPIL pack's included: one
summary slide of three to five findings numbered 1…n, each developed later in the same order, an action
title (a sentence with its figure) on every content slide, at most twenty main
slides, the detail in an appendix, and no slide saying what another says."""

from __future__ import annotations

import re

import pytest

from playbook.render.deliverables import (
    change_plan,
    framing_note,
    impact_diagnosis,
    prepared,
    steering,
    target_vision,
    training_plan,
)
from playbook.render.deliverables.common import SUMMARY_MAX

from .conftest import flat

MAIN_SLIDES_MAX = 20
TITLE_CHARACTERS_MAX = 110  # two lines of the template's title placeholder
STORY_MODULES = {"change_plan": change_plan, "impact_diagnosis": impact_diagnosis,
                 "training_plan": training_plan}
SECTIONED_MODULES = {"framing_note": framing_note, "target_vision": target_vision}


@pytest.fixture(scope="module")
def decks(every_deliverable):
    return every_deliverable


def _numbers_on(slide) -> list[int]:
    """The numbered badges of the summary cards, top to bottom."""
    shapes = [s for s in slide.shapes if s.has_text_frame and re.fullmatch(r"\d+", s.text_frame.text.strip())]
    return [int(s.text_frame.text) for s in sorted(shapes, key=lambda s: s.top)]


def _is_divider(written, slide) -> bool:
    return slide.slide_layout.name in ("Cover", "Section", "Closing")


def test_each_deck_has_one_summary_slide_of_three_to_five_findings_numbered_without_gaps(decks):
    for (name, case), written in decks.items():
        titles = written.slide_titles()
        summary = written.label("common.key_messages")
        assert [flat(t) for t in titles].count(flat(summary)) == 1, (name, case)
        assert not any(flat(t).startswith(flat(summary)) and flat(t) != flat(summary) for t in titles), \
            f"{name}/{case}: the summary continues on a second slide"
        numbers = _numbers_on(written.pptx.slides[titles.index(summary)])
        assert 3 <= len(numbers) <= SUMMARY_MAX, (name, case, numbers)
        assert numbers == list(range(1, len(numbers) + 1)), (name, case, numbers)


def test_each_finding_of_the_summary_is_developed_later_in_the_same_order(decks):
    for (name, case), written in decks.items():
        analysis = written.analysis
        if name == "steering":
            firsts = steering.key_messages(prepared("steering", analysis))  # at its committee's date
        elif name in STORY_MODULES:
            found = STORY_MODULES[name].findings(analysis)
            firsts = [f.slides[0].title for f in found if f.message and f.slides][:SUMMARY_MAX]
        else:
            module = SECTIONED_MODULES[name]
            said = module.messages(analysis)
            firsts = [module._DECK_SECTIONS[s](analysis)[0][0].title for s in module.SECTIONS if s in said]
        titles = [flat(t) for t in written.slide_titles()]
        positions = [titles.index(flat(t)) for t in firsts]
        assert positions == sorted(positions) and positions[0] > 1, (name, case)


def test_every_main_content_slide_carries_an_action_title_of_at_most_two_lines(decks):
    for (name, case), written in decks.items():
        closing = written.label("common.next_steps")
        for slide in written.main_slides()[2:]:
            title = flat(slide.shapes.title.text)
            if _is_divider(written, slide) or title == flat(closing):
                continue
            assert len(title) <= TITLE_CHARACTERS_MAX, f"{name}/{case}: {title!r} runs over two lines"
            words = len(title.split())
            assert re.search(r"\d", title) or words >= 8, f"{name}/{case}: {title!r} names a topic"


def test_no_main_slide_title_is_a_topic_label_of_the_report(decks):
    for (name, case), written in decks.items():
        catalogue = written.analysis.method
        topics = {flat(catalogue.text(key, written.lang)) for key in catalogue.labels.keys()
                  if key.startswith(f"{name}.sections.")}
        for slide in written.main_slides()[2:]:
            assert flat(slide.shapes.title.text) not in topics, (name, case, slide.shapes.title.text)


def test_each_deck_keeps_to_twenty_main_slides_and_puts_the_rest_in_an_appendix(decks):
    for (name, case), written in decks.items():
        main = written.main_slides()
        assert len(main) <= MAIN_SLIDES_MAX, (name, case, len(main))
        assert flat(main[-1].shapes.title.text) == flat(written.label("common.next_steps"))


def test_no_two_main_slides_say_the_same_thing(decks):
    for (name, case), written in decks.items():
        continued = written.label("render.continued")
        titles = [flat(s.shapes.title.text) for s in written.main_slides()]
        titles = [t for t in titles if not t.endswith(flat(continued))]
        assert len(titles) == len(set(titles)), (name, case)


def test_the_change_plan_no_longer_repeats_the_lever_table_population_by_population(decks):
    for case in {case for _, case in decks}:
        titles = decks[("change_plan", case)].slide_titles()
        assert not any(t.endswith(("leviers retenus", "levers chosen")) for t in titles)


def test_every_section_of_a_sectioned_report_opens_on_its_conclusion(decks):
    """Even a section whose message the five-message summary had no room for (the
    framing note's governance, the target vision's KPIs) opens on its conclusion."""
    for (name, case), written in decks.items():
        if name not in SECTIONED_MODULES:
            continue
        module = SECTIONED_MODULES[name]
        openings = module.messages(written.analysis, summary=False)
        assert len(openings) >= len(module.messages(written.analysis))
        paragraphs = [flat(p.text) for p in written.docx.paragraphs if p.text.strip()]
        for section, message in openings.items():
            heading = flat(written.label(f"{name}.sections.{section}"))
            after = paragraphs[paragraphs.index(heading) + 1]
            assert after == flat(message), (name, case, section, after)
