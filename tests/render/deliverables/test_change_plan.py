"""Specification of the Change plan (Plan d'accompagnement des changements),
read back from the Word and PowerPoint files written for both examples and the
French one in English."""

from __future__ import annotations

from playbook.analysis.change_plan_tables import ALL
from playbook.method.levers import PILLARS
from playbook.render.deliverables import change_plan as cp
from playbook.render.deliverables import common as c

from .conftest import charts, flat

SECTIONS = ["principle", "matrix", "details", "cross", "timeline", "effort", "arbitration", "steering"]


DELIVERABLE = "change_plan"




def test_the_document_has_every_section_in_order_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    keys = ["common.key_messages", *(f"change_plan.sections.{s}" for s in SECTIONS), "common.next_steps"]
    positions = [headings.index(flat(case.label(k))) for k in keys]
    assert positions == sorted(positions)


def test_cover_key_messages_and_dated_next_steps_frame_the_deck(case):
    assert flat(case.label("change_plan.title")) in flat(case.slide_text(case.pptx.slides[0]))
    titles = case.slide_titles()
    assert titles[1].startswith(case.label("common.key_messages"))
    assert titles[-1] == case.label("common.next_steps")
    first = cp.next_steps(case.analysis)[0]
    assert flat(c.date(case.analysis, first.date)) in flat(case.slide_text(case.pptx.slides[-1]))


def test_the_principle_says_it_starts_at_design_and_is_not_a_communication_blast(case):
    text = flat(case.doc_text())
    assert flat(case.label("change_plan.principle.one")) in text
    assert flat(case.label("change_plan.principle.two")) in text


def test_key_messages_give_the_plan_span_and_its_effort(case):
    plan = case.analysis.change_plan
    messages = flat(" ".join(cp.key_messages(case.analysis)))
    assert f"{len(plan.actions)} " in messages
    assert flat(c.date(case.analysis, plan.actions["date"].min())) in messages
    assert flat(c.number(case.analysis, plan.total_days, 1 if plan.total_days % 1 else 0)) in messages


def test_the_matrix_lists_each_population_s_levers_per_pillar(case):
    analysis = case.analysis
    pillars = [analysis.method.levers.pillars[p].label.in_(case.lang) for p in PILLARS]
    table = case.doc_table(*pillars)
    assert [row[0] for row in table[1:]] == [p.name for p in analysis.engagement.populations]
    actions = analysis.change_plan.actions
    for row in table[1:]:
        own = actions[actions["population"] == row[0]]
        for pillar, cell in zip(PILLARS, row[1:], strict=True):
            for action in set(own.loc[own["pillar"] == pillar, "action"]):
                assert flat(action) in flat(cell)


def test_each_population_slide_carries_the_reason_of_every_lever_in_its_notes(case):
    actions = case.analysis.change_plan.actions
    for population in case.analysis.engagement.populations:
        own = actions[actions["population"] == population.name]
        if own.empty:
            continue
        title = case.label("change_plan.deck.population",
                           population=c.population_label(case.analysis, population))
        slide = case.slides_titled(title)[0]
        notes = flat(slide.notes_slide.notes_text_frame.text)
        for reason in set(own["reason"]):
            assert flat(reason) in notes


def test_every_cross_population_action_is_listed_with_its_owner(case):
    actions = case.analysis.change_plan.actions
    cross = actions[actions["population"] == ALL]
    table = case.doc_table(case.label("change_plan.columns.audience"))
    listed = {flat(row[0]): row for row in table[1:]}
    for action, own in cross.groupby("action"):
        assert flat(action) in listed
        assert flat(own.iloc[0]["owner_label"]) in flat(listed[flat(action)][4])


def test_the_timeline_is_a_figure_in_word_and_native_gantt_charts_in_the_deck(case):
    assert len(case.docx.inline_shapes) >= 2  # timeline and effort per month
    for pillar in PILLARS:
        label = case.analysis.method.levers.pillars[pillar].label.in_(case.lang)
        slide = case.slides_titled(case.label("change_plan.charts.gantt_pillar", pillar=label))[0]
        assert next(charts(slide.shapes), None) is not None


def test_the_effort_by_pillar_adds_up_to_the_plan_total(case):
    plan = case.analysis.change_plan
    table = case.doc_table("ADKAR")
    assert table[-1][0] == case.label("common.total")
    total = plan.total_days
    assert flat(table[-1][3]) == flat(c.number(case.analysis, total, 1 if total % 1 else 0))


def test_the_arbitration_slide_shows_the_head_of_the_ranking_with_reasons_in_notes(case):
    slide = case.slides_titled(case.label("change_plan.deck.arbitration"))[0]
    table = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
    ranks = [int(row.cells[0].text) for row in list(table.rows)[1:]]
    assert ranks == list(range(1, len(ranks) + 1))
    assert slide.notes_slide.notes_text_frame.text.strip()


def test_the_document_lists_every_action_left_to_arbitrate(case):
    arbitration = case.analysis.change_plan.arbitration
    table = case.doc_table(case.label("change_plan.columns.rank"))
    ranks = {int(row[0]) for row in table[1:]}
    assert set(arbitration.loc[arbitration["quadrant"] == "questionable", "rank"]) <= ranks


def test_the_steering_table_has_one_row_per_kpi(case):
    kpis = case.analysis.steering.kpis
    table = case.doc_table(case.label("change_plan.columns.kpi"), case.label("change_plan.columns.alert"))
    assert [flat(row[0]) for row in table[1:]] == [flat(n) for n in kpis["name"]]


def test_a_french_plan_shows_none_of_the_english_headings(written):
    french, english = written["mutuelle_fr"], written["mutuelle_en"]
    text = flat(french.doc_text() + french.deck_text() + "\n".join(french.titles_and_headings()))
    keys = [*(f"change_plan.sections.{s}" for s in SECTIONS),
            *(f"change_plan.deck.{k}" for k in ("principle", "matrix", "cross", "arbitration", "steering"))]
    for key in keys:
        assert flat(english.label(key)) not in text
