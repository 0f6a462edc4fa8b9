"""Specification of the training plan (Plan de formation), read back from the
Word and PowerPoint files written for both examples and the French one in
English."""

from __future__ import annotations

import pytest

from playbook.findings import findings
from playbook.render.deliverables import budget
from playbook.render.deliverables import common as c
from playbook.render.deliverables import training_plan as tp
from playbook.text import grammar

from .conftest import body_words, charts, flat, noted, section_slides

SECTIONS = ["needs", "modules", "volumes", "trainers_first", "calendar", "onboarding", "evaluation",
            "support"]


DELIVERABLE = "training_plan"




def test_the_document_has_every_section_in_order_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    keys = ["common.key_messages", *(f"training_plan.sections.{s}" for s in SECTIONS),
            "common.next_steps"]
    positions = [headings.index(flat(case.label(k))) for k in keys]
    assert positions == sorted(positions)


def test_cover_key_messages_and_dated_next_steps_frame_the_deck(case):
    assert flat(case.label("training_plan.title")) in flat(case.slide_text(case.pptx.slides[0]))
    titles = case.slide_titles()
    assert titles[1].startswith(case.label("common.key_messages"))
    closing = case.main_slides()[-1]
    assert closing.shapes.title.text == case.label("common.next_steps")
    first = tp.next_steps(case.analysis)[0]
    assert flat(c.date(case.analysis, first.date)) in flat(case.slide_text(closing))


def test_the_needs_table_has_one_row_per_population_with_its_modules(case):
    analysis = case.analysis
    needs = analysis.training_plan.needs
    table = case.doc_table(case.label("training_plan.columns.it_comfort"))
    assert [row[0] for row in table[1:]] == [p.name for p in analysis.engagement.populations]
    for row in table[1:]:
        for label in set(needs.loc[needs["population"] == row[0], "label"]):
            assert flat(label) in flat(row[-1])


def test_every_lot_has_its_wave_in_the_calendar_and_its_own_gantt_slide(case):
    calendar = case.analysis.training_plan.calendar
    wave = case.label("training_plan.columns.wave")
    tables = [t for t in case.doc_tables() if flat(wave) in [flat(cell) for cell in t[0]]]
    # a lot's long name in a column of its own wraps on every row: each lot's
    # waves are a table of their own, under the lot's name
    assert all(case.label("common.columns.lot") not in t[0] for t in tables)
    lots = list(dict.fromkeys(calendar["lot"]))
    assert len(tables) == len(lots)
    headings = [flat(h) for h in case.headings()]
    assert [lot for lot in lots if flat(lot) in headings] == lots
    assert sum(len(t) - 1 for t in tables) == len(calendar)
    for lot in lots:
        waves = tp.wave_dates(case.analysis)[lot]
        title = tp.wave_title(case.analysis, lot, waves[tp.END_USERS] or waves[tp.PREPARATORY])
        slide = case.slides_titled(title)[0]
        assert next(charts(slide.shapes), None) is not None


def test_key_users_are_trained_before_the_end_users_of_each_lot(case):
    analysis = case.analysis
    text = flat(case.doc_text())
    checked = 0
    for own in findings(analysis).training.lots:
        lot, first = own.lot, tp.first_led_session(analysis, own.lot)
        if not (own.key_users and first):
            continue
        preparatory = (own.key_users.start, own.key_users.end)
        assert preparatory[1] < first
        line = case.label("training_plan.text.trainers_first_line", lot=lot,
                          **c.date_span(analysis, *preparatory), first=c.date(analysis, first))
        assert flat(line) in text
        checked += 1
    assert checked >= 1


def test_the_key_users_start_on_one_date_in_the_summary_the_order_slide_and_the_next_steps(case):
    """The preparatory wave also holds the administrators' course: 'key users trained
    from' is the key users' own first day wherever the deck says it."""
    analysis = case.analysis
    own = next(lot for lot in findings(analysis).training.lots if lot.key_users)
    start = flat(c.date(analysis, own.key_users.start))
    summary = flat(case.slide_text(case.pptx.slides[1]))
    order = case.slides_titled(flat(case.label("training_plan.deck.trainers_first")))
    assert order and start in flat(case.slide_text(order[0]))
    steps = [s for s in tp.next_steps(analysis)
             if s.text == case.label("training_plan.next_steps.train_the_trainer", lot=own.lot)]
    assert [s.date for s in steps] == [own.key_users.start]
    if str(tp.messages(analysis).get("trainers_first", "")):
        assert start in summary


def test_the_order_slide_says_its_date_is_the_first_led_session_when_e_learning_opens_earlier(case):
    """The next steps date the wave from its e-learning opening; the order slide's
    later date must read as the first session with a trainer, not as 'the first
    sessions', or the two pages contradict each other."""
    analysis = case.analysis
    earlier = [lot for lot, waves in tp.wave_dates(analysis).items()
               if waves[tp.END_USERS] and tp.first_led_session(analysis, lot)
               and waves[tp.END_USERS][0] < tp.first_led_session(analysis, lot)]
    if not earlier:
        pytest.skip("no wave opens with e-learning before its first led session")
    order = case.slides_titled(flat(case.label("training_plan.deck.trainers_first")))[0]
    table = next(s.table for s in order.shapes if s.has_table)
    header = flat(table.cell(0, 2).text).lower()
    assert any(word in header for word in ("animée", "instructor-led"))
    first = tp.first_led_session(analysis, earlier[0])
    assert any(flat(c.date(analysis, first)) in flat(cell.text) for row in table.rows for cell in row.cells)


def test_the_next_steps_date_the_first_led_sessions_after_the_key_users(case):
    """A wave that opens with e-learning: the next steps say so, then date the first
    sessions with a trainer, which come after the key users' training."""
    analysis = case.analysis
    steps = tp.next_steps(analysis)
    for own in findings(analysis).training.lots:
        led = tp.first_led_session(analysis, own.lot)
        if not (own.key_users and led):
            continue
        said = [s for s in steps if s.text == case.label("training_plan.next_steps.first_led", lot=own.lot)
                or s.text == case.label("training_plan.next_steps.end_users", lot=own.lot)]
        assert all(s.date >= own.key_users.end for s in said)


def test_a_plan_of_one_lot_is_not_told_lot_by_lot():
    """'At every lot', 'lot by lot' and a total row repeating the lot's own row read
    as a form letter when the engagement has a single lot."""
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from playbook.render.deliverables import build
    from playbook.render.ir import TableSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["lots"] = data["lots"][:1]
    data["governance"]["key_users"] = [{"name": "Léa Martin", "population": "Agency advisers"}]
    analysis = analyse(Engagement.model_validate(data), load_method())
    document, deck = build(tp.NAME, analysis)
    said = " ".join([*(getattr(s, "title", "") + " " + getattr(s, "notes", "") for s in deck.slides),
                     *(getattr(block, "text", "") for block in document.blocks)]).lower()
    assert "every lot" not in said and "each lot" not in said and "lot by lot" not in said
    # no table of one lot's row repeating the summary, no chart repeating the module table:
    # the volume slide is the modules' days with their total, the cost in its title
    assert not any(isinstance(s, TableSlide) and s.table.columns[0] == "Lot" for s in deck.slides)
    assert not any(s.title.endswith("weighs most", 0, s.title.find(":")) or "weighs most" in s.title
                   for s in deck.slides)
    totals = analysis.training_plan.totals.iloc[-1]
    volume = next(s for s in deck.slides if isinstance(s, TableSlide) and "Trainer-days" in s.table.columns)
    assert volume.table.rows[-1][0] == "Total"
    assert volume.table.rows[-1][2] == int(totals["sessions"])
    assert [row[0] for row in volume.table.rows[:-1]] == list(analysis.training_plan.modules["label"])
    # no two-line record of the order: the wave's chart shows it, its notes give the dates
    order = [s for s in deck.slides if s.title.startswith("Key users are trained before end users")]
    assert order == []
    lines = tp._trainers_first_lines(analysis)
    assert lines and any(lines[0] in getattr(s, "notes", "") for s in deck.slides if hasattr(s, "chart"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wave_with_sessions_left_unplaced_says_so_in_native_words(lang):
    """'Sessions without a place' is the French 'sans place' word for word."""
    from playbook.method import load_method

    method = load_method()
    for form in ("one", "other"):
        title = method.text(f"training_plan.deck.wave_unplaced.{form}", lang, lot="Lot 1", count=2)
        assert "without a place" not in title and "sans place" not in title


def test_every_blackout_period_is_listed(case):
    text = flat(case.doc_text()) + flat(case.deck_text())
    blackouts = case.analysis.engagement.training.blackouts
    assert blackouts
    for blackout in blackouts:
        assert flat(blackout.reason)[:50] in text
        assert flat(tp._period(case.analysis, blackout.start, blackout.end)) in text


def test_lot_totals_keep_trainers_spending_and_learners_time_apart_at_the_client_rates(case):
    totals = case.analysis.training_plan.totals
    table = case.doc_table(case.label("training_plan.columns.cost"))
    assert len(table) - 1 == len(totals)
    header = table[0]
    trainers = header.index(case.label("training_plan.columns.cost"))
    learners = header.index(case.label("training_plan.columns.internal"))
    budget = findings(case.analysis).budget
    for line, column in ((budget.line("trainers"), trainers), (budget.line("learners"), learners)):
        # the total row is the printed days at the rate as given, rounded as amounts are
        assert flat(table[-1][column]) == flat(c.money(case.analysis, line.shown_days * line.rate))
    assert int(table[-1][1].replace("\u202f", "").replace(",", "")) == int(totals.iloc[-1]["sessions"])


def test_evaluation_covers_kirkpatrick_s_four_levels(case):
    text = flat(case.doc_text())
    for level in case.analysis.method.training.evaluation:
        assert flat(level.label.in_(case.lang)) in text


def test_new_hires_onboarding_and_support_are_planned(case):
    onboarding = case.analysis.training_plan.onboarding
    table = case.doc_table(case.label("training_plan.columns.new_hires"))
    assert [row[0] for row in table[1:]] == list(onboarding["population"])
    text = flat(case.doc_text())
    for offer in case.analysis.method.training.support:
        assert flat(offer.label.in_(case.lang)) in text


def test_needs_reasons_are_in_the_speaker_notes(case):
    notes = flat(case.notes())
    for reason in set(case.analysis.training_plan.needs["reason"]):
        # said after its lot's colon, a reason goes on in lower case
        assert noted(case, reason, notes) or noted(case, grammar.after_colon(reason), notes), reason


def test_a_french_plan_shows_none_of_the_english_headings(written):
    french, english = written["mutuelle_fr"], written["mutuelle_en"]
    text = flat(french.doc_text() + french.deck_text() + "\n".join(french.titles_and_headings()))
    keys = [*(f"training_plan.sections.{s}" for s in SECTIONS),
            *(f"training_plan.deck.{k}" for k in ("needs_detail", "trainers_first")),
            "training_plan.columns.follow_up"]
    for key in keys:
        assert flat(english.label(key)) not in text


# ------------------------------------------------------------- what a slide says, what goes elsewhere


def _deck_rows(case, title: str) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for slide in case.slides_titled(title) for shape in slide.shapes
            if getattr(shape, "has_table", False) and shape.has_table for row in list(shape.table.rows)[1:]]


def test_every_slide_of_the_findings_and_the_appendix_holds_within_the_word_budget(case):
    over = {s.shapes.title.text: body_words(s) for s in section_slides(case) if body_words(s) > budget.BUDGET}
    assert over == {}


def test_the_appendix_gives_every_population_its_modules_and_the_notes_say_why(case):
    analysis = case.analysis
    title = case.label("training_plan.deck.needs_detail")
    rows = _deck_rows(case, title)
    assert [row[0] for row in rows] == [p.name for p in analysis.engagement.populations]
    needs = analysis.training_plan.needs
    for name, modules in rows:
        assert all(flat(m) in flat(modules) for m in set(needs.loc[needs["population"] == name, "label"]))
    notes = flat("\n".join(s.notes_slide.notes_text_frame.text for s in case.slides_titled(title)))
    for p in analysis.engagement.populations:  # role and IT comfort, beside the modules in the report
        assert flat(f"{p.name} — ") in notes or flat(p.name) in flat(case.doc_text())
        assert noted(case, c.term(analysis, "level", p.it_comfort), notes)
    report = case.doc_table(case.label("training_plan.columns.it_comfort"))
    assert len(report) - 1 == len(analysis.engagement.populations)


def test_the_evaluation_and_support_slide_is_the_client_s_calendar_of_them(case):
    """Not the four levels and three offers any client gets, but when this client's
    are measured and run, lot by lot, the last dates in the title; how each level is
    measured (its target) and what each offer is, in the notes."""
    analysis = case.analysis
    plan = analysis.training_plan
    title = tp.follow_up_title(analysis)
    assert flat(c.date(analysis, max(plan.evaluation["end"]))) in flat(title)
    assert flat(c.date(analysis, max(plan.support["end"]))) in flat(title)
    rows = _deck_rows(case, title)
    levels = [own.iloc[0] for _, own in plan.evaluation.groupby("level", sort=False)]
    offers = [own.iloc[0] for _, own in plan.support.groupby("offer", sort=False)]
    assert [flat(row[0]) for row in rows] == [flat(r["label"]) for r in (*levels, *offers)]
    shown = flat(" ".join(cell for row in rows for cell in row))
    for frame in (plan.evaluation, plan.support):
        for _, row in frame.iterrows():  # each lot's dates
            assert flat(c.date(analysis, row["end"])) in shown
    notes = flat("\n".join(s.notes_slide.notes_text_frame.text for s in case.slides_titled(title)))
    for level in levels:
        assert flat(level["instrument"]) in notes
    for offer in offers:
        assert flat(offer["description"]) in notes


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_single_population_has_no_needs_appendix_repeating_the_modules_slide(lang):
    """Its modules are the modules slide's rows; why it takes them goes to that slide's notes."""
    from playbook.render.ir import TableSlide
    from tests.render.deliverables.test_impact_diagnosis import _one_population

    analysis = _one_population(lang)
    deck = tp.build_deck(analysis)
    titles = [getattr(s, "title", "") for s in deck.slides]
    assert c.text(analysis, "training_plan.deck.needs_detail") not in titles
    modules = next(s for s in deck.slides if isinstance(s, TableSlide)
                   and s.table.columns[0] == c.text(analysis, "training_plan.columns.module"))
    for reason in set(analysis.training_plan.needs["reason"]):
        assert reason.split(";")[0] in modules.notes


def test_the_points_to_watch_slide_names_every_kind_and_what_it_concerns_and_notes_them_all(case):
    """The title counts the kinds of points the slide shows (one bullet each, with
    the lots or populations it concerns: the first few named, the others counted),
    never more; each full sentence is in the notes."""
    decided = tp._decided(case.analysis)  # said on the decisions slide
    watched = [w for w in case.analysis.training_plan.warnings if w.message not in decided]
    warnings = [w for w in tp._warnings(case.analysis) if w not in decided]
    kinds = sum(1 for item in tp.warning_kinds(case.analysis, decided) if item.level == 0)
    slide = case.slides_titled(c.counted(case.analysis, "training_plan.deck.warnings", kinds))[0]
    shown = flat(case.slide_text(slide))
    assert body_words(slide) <= budget.BUDGET
    for code in {w.code for w in watched}:
        assert flat(case.label(f"training_plan.deck.warning_kinds.{code}")) in shown
        subjects = list(dict.fromkeys(w.subject for w in watched if w.code == code and w.subject))
        named = [s for s in subjects if flat(s) in shown]
        if len(named) < len(subjects):
            more = c.counted(case.analysis, "common.and_more", len(subjects) - len(named))
            assert flat(more) in shown
            assert len(named) >= tp.NAMED_SUBJECTS
    assert all(noted(case, w, slide.notes_slide.notes_text_frame.text) for w in warnings)


def test_a_point_to_watch_alone_says_what_is_at_stake_beneath_it(case):
    """One kind of point on the slide is no one-line slide: its sentences (what, for
    whom, why) follow beneath it while the slide's words allow."""
    items = tp.warning_kinds(case.analysis)
    if sum(1 for item in items if item.level == 0) != 1:
        pytest.skip("more than one kind of point to watch")
    assert any(item.level == 1 for item in items)


def test_the_report_s_appendix_lists_every_session_by_the_id_the_steering_pack_cites(case):
    """A steering pack or the consultant cites a session by its id: the report shows
    each one, with who, what and when."""
    sessions = case.analysis.training_plan.sessions
    header = [flat(case.label(f"training_plan.columns.{key}")) for key in ("id", "module", "dates")]
    tables = [t for t in case.doc_tables() if set(header) <= {flat(cell) for cell in t[0]}]
    rows = [row for table in tables for row in table[1:]]  # under their header
    assert sorted(row[0] for row in rows) == sorted(sessions["id"])
    # several lots: each lot's sessions under its name, no lot column wrapping on every row
    lots = list(dict.fromkeys(sessions["lot"]))
    assert len(tables) == len(lots)
    assert all(flat(case.label("common.columns.lot")) not in [flat(cell) for cell in t[0]] for t in tables)
    first = sessions.sort_values(["start", "lot", "id"]).iloc[0]
    (row,) = [row for row in rows if row[0] == first["id"]]
    when = flat(tp._period(case.analysis, first["start"], first["end"]))
    assert first["label"] in row and when in flat(" ".join(row))
    headings = [flat(h) for h in case.headings()]
    assert headings.index(flat(case.label("training_plan.sections.sessions"))) > headings.index(
        flat(case.label("common.next_steps")))  # an appendix, after the report's own end


def test_a_plan_read_after_its_training_says_the_key_users_were_trained_first():
    """The same plan dated before and after its first end-user sessions: the summary's
    order message is in the present, then in the past (fr and en)."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    engagement = load_engagement(EXAMPLES / "northwind_b2b.yaml")
    later = engagement.model_copy(update={"engagement": engagement.engagement.model_copy(
        update={"as_of": max(lot.go_live for lot in engagement.lots)})})
    for lang, now, then in (("en", "Key users are trained first", "Key users were trained first"),
                            ("fr", "Les utilisateurs clés sont formés", "Les utilisateurs clés ont été formés")):
        before = str(tp.messages(analyse(engagement, load_method(), lang))["trainers_first"])
        after = str(tp.messages(analyse(later, load_method(), lang))["trainers_first"])
        assert before.startswith(now) and after.startswith(then)


# ------------------------------------------------------------- what a client reads in the report


def _minimal(lang: str = "en", **changes):
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    for key, value in changes.items():
        data[key] = value(data.get(key))
    return analyse(Engagement.model_validate(data), load_method(), lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_lot_s_name_is_not_prefixed_with_the_word_lot_again(lang):
    """Lots are named "Lot 2 – Brokers": "Lot « Lot 2 – Brokers »" says it twice."""
    from playbook.method import load_method

    texts = load_method().training.texts
    values = dict(lot="Lot 2 – Brokers", go_live="2 May 2028", weeks=6, trainers=2, share=25,
                  sessions=2, start="1 March 2028", acceptance_end="31 March 2028", co_trainers=3,
                  people=18, extra=1, later="later", left=2, first="3 April 2028", end="24 March 2028",
                  buffer=7, days=3, module="CRM essentials", population="Brokers", count=2, size=1,
                  sessions_word="", go_live_day="")
    for key, text in texts.items():
        said = grammar.fill(text.in_(lang), lang, **values)
        if "Lot 2 – Brokers" in said:
            assert not any(f"{word} {quote}Lot 2" in said for word in ("Lot", "lot")
                           for quote in ("« ", "'")), (key, said)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_blackout_periods_the_plan_does_not_say_outside_0_of_them(lang):
    analysis = _minimal(lang, training=lambda t: {**(t or {}), "blackouts": []})
    said = str(tp.messages(analysis)["blackouts"])
    assert "(0)" not in said
    assert c.percent(analysis, analysis.engagement.training.max_share_away) in said


def test_a_plan_of_one_lot_does_not_repeat_the_lot_s_name_on_every_row():
    analysis = _minimal(lots=lambda lots: lots[:1])
    lot = analysis.engagement.lots[0].name
    document = tp.build_document(analysis)
    tables = [b for b in document.blocks if hasattr(b, "rows") and hasattr(b, "columns")]
    naming = [t for t in tables if any(lot in str(cell) for row in t.rows for cell in row)]
    # only the costs table, whose row is the lot's total
    assert len(naming) == 1 and naming[0].columns[0] == c.text(analysis, "common.columns.lot")


def test_a_self_paced_module_shows_no_session_count():
    analysis = _minimal()
    table = tp.module_volume_table(analysis)
    modules = analysis.training_plan.modules
    for (module, m), row in zip(modules.iterrows(), table.rows, strict=False):
        led = tp._led(analysis, str(module))
        assert (row[2] == "–") == (not led), m["label"]
    assert any(row[2] == "–" for row in table.rows[:-1])  # the example has e-learning
    assert table.align and table.align[2] == "right"  # a column of counts, its "–" included


def test_a_need_whose_reason_differs_by_lot_says_each_lot_s_reason_with_the_lot():
    """Key users trained again for a later lot, with another count: two near-identical
    sentences side by side read as a repeat; each is said with its lot."""
    from dataclasses import replace

    import pandas as pd

    analysis = _minimal(governance=lambda g: {**g, "key_users": [
        {"name": "Léa Martin", "population": "Agency advisers"}]})
    needs = analysis.training_plan.needs
    first = needs[needs["audience"] == "key_user"].iloc[0]
    later = first.copy()
    later["lot"], later["reason"] = analysis.engagement.lots[1].name, grammar.fill(analysis.method.training.texts["need_key_users"].in_("en"), "en", count=3)
    plan = replace(analysis.training_plan, needs=pd.concat([needs, later.to_frame().T], ignore_index=True))
    row = next(r for r in tp.needs_detail_table(replace(analysis, training_plan=plan)).rows
               if r[0] == first["population"])
    # after the lot's colon, the reason goes on in lower case (its first word is no name)
    first_reason = first["reason"][:1].lower() + first["reason"][1:]
    later_reason = later["reason"][:1].lower() + later["reason"][1:]
    assert row[-1] == f"{first['lot']}: {first_reason} {later['lot']}: {later_reason}"
    # a reason the same at every lot is said once, without lots
    alone = next(r for r in tp.needs_detail_table(analysis).rows if r[0] == first["population"])
    assert alone[-1] == first["reason"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_client_s_short_sessions_show_how_each_led_module_is_split(lang):
    """A client whose sessions last two hours reads "7 h (4 sittings of 2 h)", not a
    seven-hour session; a self-paced module keeps its hours alone."""
    analysis = _minimal(lang, training=lambda t: {**(t or {}), "session_hours": 2})
    modules = analysis.training_plan.modules
    rows = {row[0]: row for row in tp.modules_table(analysis).rows}
    split = {"en": "(4\u00a0sittings\u00a0of\u00a02\u00a0h)", "fr": "(4\u00a0séances\u00a0de\u00a02\u00a0h)"}[lang]
    for module, m in modules.iterrows():
        duration = rows[m["label"]][3]
        if not tp._led(analysis, str(module)):
            assert duration == tp._hours(analysis, m["hours"])
        elif m["hours"] == 7:
            assert duration.endswith(split)
    assert any(m["hours"] == 7 and tp._led(analysis, str(k)) for k, m in modules.iterrows())


def test_a_french_need_line_agrees_the_comfort_level_with_its_noun():
    """« aisance informatique : Élevé » is a gender error: the level qualifies « niveau »."""
    import re

    analysis = _minimal("fr")
    lines = tp._need_notes(analysis)
    assert lines
    for line in lines:
        assert not re.search(r"(?<!niveau d')aisance informatique\s*:\s*(Élevé|Moyen)\b", line), line
        assert c.term(analysis, "level", analysis.engagement.populations[0].it_comfort) in lines[0]


def test_the_summary_s_decisions_are_developed_on_a_slide_of_their_own(case):
    """'One decision awaits the steering committee.' closing the summary with no
    slide after it to say which: the deck develops it, and a point to watch that is
    a decision is said there, not twice."""
    from playbook.render.deliverables import decisions

    listed = decisions.of(case.analysis)
    if not listed:
        pytest.skip("nothing to decide")
    title = flat(c.counted(case.analysis, "findings.decisions.headline", len(listed)).rstrip("."))
    slides = case.slides_titled(title)
    assert slides
    said = flat(case.slide_text(slides[0]))
    assert all(flat(decisions.topic(case.analysis, d)[:1].upper() + decisions.topic(case.analysis, d)[1:]) in said
               for d in listed)
    for slide in list(case.pptx.slides)[2:]:  # after the summary
        if slide not in slides:
            assert not any(flat(d.reason) in flat(case.slide_text(slide)) for d in listed)


def test_sessions_per_population_that_add_up_to_more_than_those_held_say_why(case):
    """Sessions per population of 10, 6, 1 and 1 under a total of 13 sessions held
    read as a sum that is wrong: a shared session counts for each population, and
    the report says so with both figures."""
    counted = sum(int(row[1]) for row in tp.population_volume_table(case.analysis).rows)
    held = int(case.analysis.training_plan.totals.loc["Total", "sessions"])
    assert counted >= held
    text = flat(case.doc_text())
    if counted > held:
        note = flat(case.label("training_plan.text.shared_sessions").split("{")[0])
        assert note in text
        assert text.split(note, 1)[1].startswith(flat(c.number(case.analysis, counted)))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_summary_message_of_one_does_not_open_on_the_figure_1(lang):
    """'1 end-user training wave, before go-live…' opening a summary line: one of a
    thing is said in words."""
    from playbook.method import load_method

    labels = load_method().labels
    for key in ("messages.waves", "deck.warnings"):
        assert not labels.get(f"training_plan.{key}.one", lang).startswith("{count}")
