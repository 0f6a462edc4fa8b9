"""Specification of the Target vision (Vision cible), read back from the Word
and PowerPoint files written for both examples and the French one in English."""

from __future__ import annotations

from playbook.render.deliverables import common as c
from playbook.render.deliverables import target_vision as tv

from .conftest import flat

SECTION_KEYS = [f"target_vision.sections.{s}" for s in tv.SECTIONS]


DELIVERABLE = "target_vision"


def _continued(case, title: str) -> str:
    """The title of a slide's continuation, when its text runs over the word budget."""
    return f"{title} {case.label('render.continued')}"


def test_the_document_has_every_section_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    expected = [flat(case.label(k)) for k in ["common.key_messages", *SECTION_KEYS, "common.next_steps"]]
    positions = [headings.index(h) for h in expected]
    assert positions == sorted(positions)


def test_the_deck_opens_with_cover_and_summary_and_closes_with_next_steps(case):
    titles = case.slide_titles()
    assert case.analysis.engagement.client in case.slide_text(case.pptx.slides[0])
    assert titles[1] == case.label("common.key_messages")
    closing = case.main_slides()[-1]
    assert closing.shapes.title.text == case.label("common.next_steps")
    first = c.next_steps(case.analysis)[0]
    assert flat(first.text) in flat(case.slide_text(closing))


def test_every_population_with_a_life_tomorrow_has_its_own_page_with_its_gains(case):
    headings = [flat(h) for h in case.headings()]
    text = flat(case.doc_text())
    for population in tv.described(case.analysis):
        assert flat(c.population_label(case.analysis, population)) in headings
        assert flat(population.gains)[:50] in text


def test_life_tomorrow_is_in_the_speaker_notes_of_the_gains_slide(case):
    population = next(p for p in tv.described(case.analysis) if p.life_tomorrow and p.gains)
    assert flat(population.life_tomorrow)[:50] in flat(case.notes())


def test_each_persona_has_an_appendix_slide_with_fears_and_quote(case):
    for persona in case.analysis.engagement.personas:
        slides = [s for s in case.appendix_slides()
                  if s.shapes.title.text in (persona.name, _continued(case, persona.name))]
        assert len(slides) >= 1, persona.name
        text = flat(" ".join(case.slide_text(s) for s in slides))
        assert flat(persona.fears)[:30] in text
        if persona.quote:
            assert flat(persona.quote)[2:30] in text


def test_each_described_journey_has_a_table_of_its_stages_with_priority_and_effort(case):
    for population, steps in tv.journeys_by_population(case.analysis).items():
        slides = case.slides_titled(case.label("target_vision.deck.journey", population=population))
        tables = [s.table for slide in slides for s in slide.shapes
                  if getattr(s, "has_table", False) and s.has_table]
        assert sum(len(table.rows) - 1 for table in tables) == len(steps)
        assert flat(tables[0].cell(0, 4).text) == flat(case.label("target_vision.journeys.effort"))


def test_the_arbitration_table_totals_the_effort_by_priority(case):
    journeys = case.analysis.engagement.journeys
    table = next(t for t in case.doc_tables() if t[0][-1] == case.label("target_vision.journeys.effort")
                 and t[0][0] == case.label("common.columns.priority"))
    total = sum(s.effort_days for s in journeys if s.improvement)
    assert table[-1][0] == case.label("common.total")
    assert flat(table[-1][-1]) == flat(c.number(case.analysis, total))


def test_each_lot_lists_its_use_cases_by_priority(case):
    for lot in case.analysis.engagement.lots:
        cases = [u for u in case.analysis.engagement.use_cases if u.lot == lot.name]
        if not cases:
            continue
        slides = [s for s in case.appendix_slides()
                  if s.shapes.title.text in (lot.name, _continued(case, lot.name))]
        text = flat(" ".join(case.slide_text(s) for s in slides))
        assert all(flat(u.name) in text for u in cases)


def test_steering_kpis_show_one_row_per_kpi_with_baseline_target_and_first_review(case):
    kpis = case.analysis.steering.kpis
    table = next(t for t in case.doc_tables() if t[0][0] == case.label("target_vision.kpis.family"))
    assert len(table) == 1 + len(kpis)
    first = kpis.iloc[0]
    assert flat(c.measure(case.analysis, first["target"], first["unit"])) in [flat(x) for x in table[1]]
    assert flat(c.date(case.analysis, first["first_review"])) in [flat(x) for x in table[1]]


def test_the_data_ambition_comes_with_the_180_degree_warning_and_its_reasons(case):
    text = flat(case.doc_text())
    assert flat(case.label("target_vision.data.warning")) in text
    silos = tv.desiloing_populations(case.analysis)
    if silos:
        assert silos[0] in text
        reason = next(b.reasons[0] for b in case.analysis.diagnosis.brakes
                      if b.brake == "desiloing" and b.population == silos[0])
        assert flat(reason)[:50] in flat(case.notes())


def test_the_french_files_carry_no_english_heading(written):
    french, english = written["mutuelle_fr"], written["mutuelle_en"]
    keys = [*SECTION_KEYS, "common.key_messages", "common.next_steps", "common.appendix",
            "target_vision.journeys.arbitration_title", "target_vision.data.ambition"]
    # Words the same in both languages ("Personas", "Total") are not evidence of anything.
    english_labels = [flat(english.label(k)) for k in keys if english.label(k) != french.label(k)]
    french_titles = french.titles_and_headings()
    assert [label for label in english_labels if any(x.startswith(label) for x in french_titles)] == []
    assert flat(french.label("target_vision.sections.personas")) in french_titles
