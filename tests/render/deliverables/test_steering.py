"""The COPIL pack (step 5): a deck of at most thirteen slides with action titles
and a two-page note, in both languages, from the examples' three fortnightly
measurement snapshots; LibreOffice opens both files."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document as open_docx
from pptx import Presentation as open_pptx

from playbook.analysis.committee import steered
from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.model import Engagement
from playbook.render.deliverables import build, prepared, write
from playbook.render.deliverables.steering import key_messages, pack_of
from playbook.render.verify import convert_to_pdf, pdf_page_count
from tests.factories import minimal_engagement_dict

from .conftest import TEMPLATES, flat

DELIVERABLE = "steering"


def test_the_deck_has_at_most_thirteen_slides(case):
    # cover, summary, at most nine findings, the decisions with their reasons on
    # at most two slides, next steps
    assert len(case.pptx.slides) <= 13


def test_every_content_slide_title_is_a_finding_not_a_topic(case):
    titles = case.slide_titles()[2:-1]  # cover, summary and closing carry topics
    for title in titles:
        assert len(title.split()) >= 6 and len(title) <= 150, title  # a sentence, two lines at most
    assert len(set(titles)) == len(titles)  # no slide repeats another


def test_the_summary_has_three_to_five_messages_developed_later_in_order(case):
    # The pack's summary as its deck is built: the plan at the committee's date.
    messages = [flat(m) for m in key_messages(prepared("steering", case.analysis))]
    assert 3 <= len(messages) <= 5
    titles = [flat(t) for t in case.slide_titles()]
    positions = [titles.index(m) for m in messages if m in titles]
    assert positions == sorted(positions) and len(positions) == len(messages)


def test_nothing_is_cut_in_the_deck_or_the_note(case):
    assert "…" not in case.deck_text() and "…" not in case.doc_text()


def test_the_kpi_table_gives_value_trend_rag_target_and_forecast(case):
    col = lambda key: case.label(f"steering.columns.{key}")  # noqa: E731
    table = case.doc_table(col("latest"), col("rag"), col("target"), col("forecast"))
    rags = {row[2] for row in table[1:]}
    assert rags <= {case.label(f"steering.rag.{c}").capitalize() for c in ("green", "amber", "red")} | {""}
    assert any("▲" in row[1] for row in table[1:])
    deck_table = next(s for s in case.pptx.slides if s.shapes.title.text == case.slide_titles()[3])
    assert col("trend") in case.slide_text(deck_table)


@pytest.mark.parametrize(("name", "behind"), [
    ("mutuelle_fr", "Conseillers en agence – Sud-Ouest"),
    ("mutuelle_en", "Conseillers en agence – Sud-Ouest"),
    ("northwind_en", "Field sales – Benelux"),
])
def test_the_falling_population_is_the_one_to_reinforce_with_its_reasons_in_the_notes(
        written, name, behind):
    case = written[name]
    title = case.label("steering.titles.behind_one", names=behind)
    assert flat(title) in [flat(t) for t in case.slide_titles()]
    assert behind in case.notes() and "Want" in case.notes() or "Vouloir" in case.notes()


def test_late_actions_are_listed_with_their_new_dates_and_decided_upon(case):
    """The pack gives each late action the date the Change plan re-planned it to."""
    from playbook.text import format_date

    pack = pack_of(case.analysis)
    shown = pack.actions[pack.actions["late"]].sort_values("date", ascending=False).iloc[0]
    from playbook.analysis.committee import at_date

    plan = at_date(case.analysis, pack.as_of).change_plan.actions.set_index("id")  # the plan on the COPIL's day
    new_date = plan.at[shown["id"], "date"].date()
    assert new_date == shown["new_date"] and new_date >= pack.as_of
    assert format_date(new_date, case.lang) in case.deck_text()
    for table in case.doc_tables():
        if case.label("steering.columns.new_date") in table[0]:
            row = next(r for r in table[1:] if r[0] == shown["id"])
            assert row[table[0].index(case.label("steering.columns.new_date"))] == format_date(
                new_date, case.lang)
            assert case.label("steering.words.late_state") in row
            break
    else:
        raise AssertionError("no table of late actions with their new dates")
    late = pack.progress["late"]
    decision = case.label("steering.analysis.decide_late", count=late)
    assert late > 1 and flat(decision) in flat(case.doc_text())


def test_the_pack_is_dated_on_its_copil(case):
    from playbook.text import format_date

    as_of = pack_of(case.analysis).as_of
    assert case.docx.core_properties is not None
    assert format_date(as_of, case.lang) in case.doc_text()
    assert format_date(case.analysis.engagement.engagement.as_of, case.lang) not in case.doc_text()


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_libreoffice_opens_the_pack_in_both_languages(written, kind, tmp_path):
    for name in ("mutuelle_fr", "northwind_en"):
        source = tmp_path / f"{name}.{kind}"
        getattr(written[name], kind).save(source)
        pdf = convert_to_pdf(source, tmp_path / name, timeout=180)
        pages = pdf_page_count(pdf)
        if kind == "pptx":
            assert pages == len(written[name].pptx.slides)
        else:
            assert pages <= 3  # the cover and two pages


def test_a_pack_after_go_live_with_nothing_measured_says_so_and_still_renders(tmp_path):
    engagement = Engagement.model_validate(minimal_engagement_dict())
    analysis = steered(analyse(engagement, load_method()), dt.date(2026, 6, 1))  # after lot 1's go-live
    paths = write(DELIVERABLE, analysis, tmp_path, TEMPLATES)
    deck = open_pptx(paths["pptx"])
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert any(t.startswith("No KPI is measured yet") for t in titles)
    late = pack_of(analysis).progress["late"]
    assert late > 1 and f"Re-date or re-assign {late} late actions" in "\n".join(
        p.text for p in open_docx(paths["docx"]).paragraphs)


@pytest.mark.libreoffice
def test_the_pack_passes_the_layout_check_in_both_languages(written, tmp_path):
    from playbook.render.layout_check import check_layout

    for name in ("mutuelle_fr", "northwind_en"):
        folder = tmp_path / name
        folder.mkdir()
        written[name].docx.save(folder / "steering.docx")
        written[name].pptx.save(folder / "steering.pptx")
    assert check_layout(tmp_path) == []


@pytest.mark.parametrize(("late", "due", "said", "unsaid"), [
    (56, 0, "56 en retard", "0 à mener"),
    (0, 3, "3 à mener", "0 en retard"),
    (0, 0, "aucune en retard ni à mener", " 0 "),
])
def test_the_progress_title_never_counts_nothing(case, late, due, said, unsaid):
    from types import SimpleNamespace

    from playbook.render.deliverables.steering import _progress_title

    if case.analysis.lang != "fr":
        pytest.skip("the French wording is checked; English follows the same keys")
    title = _progress_title(case.analysis, SimpleNamespace(progress={"done": 17, "late": late, "due": due}))
    assert said in title and unsaid not in title


@pytest.mark.parametrize(("late", "due"), [(3, 4), (3, 0), (0, 4), (0, 0)])
def test_before_anything_is_done_the_progress_title_and_sentence_open_on_words_not_on_zero(case, late, due):
    """'0 Change plan actions done, none late…' heads a readiness note at framing:
    a title and a sentence that open on a zero read as a table cell."""
    from types import SimpleNamespace

    from playbook.render.deliverables.steering import _progress_text, _progress_title

    progress = {"total": 35, "done": 0, "cancelled": 0, "late": late, "due": due}
    title = _progress_title(case.analysis, SimpleNamespace(progress=progress))
    text = _progress_text(case.analysis, SimpleNamespace(progress=progress))
    assert not title.startswith("0") and " 0 " not in f" {title} " and " 0 " not in text, (title, text)
    assert title.startswith(("No Change plan action done yet", "Aucune action du Plan Change réalisée"))
    assert ("none done yet" if case.analysis.lang == "en" else "aucune réalisée") in text
    assert all(str(n) in title and str(n) in text for n in (late, due) if n)


def test_the_kpi_title_names_only_the_colours_some_kpi_has(case):
    from types import SimpleNamespace

    import pandas as pd

    from playbook.render.deliverables.steering import _kpi_title

    measured = pd.DataFrame({"rag": ["green", "red"], "measured": [True, True]})
    title = _kpi_title(case.analysis, SimpleNamespace(kpis=measured, as_of=dt.date(2027, 9, 13)))
    red = {"fr": "1 en rouge", "en": "1 red"}[case.analysis.lang]
    amber = {"fr": "en orange", "en": "amber"}[case.analysis.lang]
    assert red in title and amber not in title, title


def _decision_deck(tmp_path, listed):
    """The decisions slide as the deck's writer pages it: (slides, their bullets)."""
    from playbook.render import BulletSlide, Deck, write_pptx
    from playbook.render.deliverables.decisions import decision_bullets, decision_slides

    slide = BulletSlide("Décisions", decision_bullets(listed), slides=decision_slides(listed))
    deck = Deck(title="Comité", client="Client", date=dt.date(2027, 6, 14), lang="fr", slides=[slide])
    written = open_pptx(str(write_pptx(deck, tmp_path / "d.pptx", TEMPLATES)))
    return [[(p.level, flat(p.text)) for p in s.placeholders[1].text_frame.paragraphs]
            for s in written.slides]


def _listed(count: int) -> list[tuple[str, str, str]]:
    return [("topic", f"Décision numéro {n} à prendre par le comité sur ce point",
             f"Parce que la mesure numéro {n} est à quarante pour cent de sa cible. Le reste est dit.")
            for n in range(count)]


def test_seven_decisions_keep_their_reasons_on_two_full_slides(tmp_path):
    slides = _decision_deck(tmp_path, _listed(7))
    assert len(slides) == 2
    decisions = [[t for level, t in page if level == 0] for page in slides]
    # every decision in order, at least three on each slide: no leftover slide
    assert [t for page in decisions for t in page] == [t for _, t, _ in _listed(7)]
    assert all(len(page) >= 3 for page in decisions), decisions
    reasons = [t for page in slides for level, t in page if level == 1]
    assert reasons and all(r.startswith("Parce que") and r.endswith("cible.") for r in reasons)


def test_five_decisions_stay_on_one_slide_their_reasons_as_room_allows(tmp_path):
    # the reasons would take a second slide of two decisions: they stay in the notes
    slides = _decision_deck(tmp_path, _listed(5))
    assert len(slides) == 1
    assert [t for level, t in slides[0] if level == 0] == [t for _, t, _ in _listed(5)]
    assert any(level == 1 for level, _ in slides[0])


def test_a_long_reason_is_left_to_the_notes_rather_than_push_its_decision_onto_another_slide():
    from playbook.render import BulletItem
    from playbook.render.deliverables.decisions import REASON_WORDS, decision_bullets

    long = " ".join(["mot"] * (REASON_WORDS + 5)) + "."
    bullets = decision_bullets([("t", "Décider A", "Court."), ("t", "Décider B", long)])
    assert [b.text for b in bullets if isinstance(b, BulletItem)] == ["Court."]


def test_a_long_reason_keeps_its_claim_on_the_slide_and_its_figures_in_the_notes():
    """'Roles with nobody named: A (62 days, 19 actions), B (42 days, 25 actions)…' is
    too long for a slide; without its figures it names the roles, and the notes keep all."""
    from playbook.render import BulletItem
    from playbook.render.deliverables.decisions import REASON_WORDS, decision_bullets
    from playbook.render.words import count_words

    roles = ["Change lead", "Partner network manager", "Internal communication",
             "Front-line managers", "CRM support team"]
    reason = "Roles of the plan with nobody named: " + ", ".join(
        f"{role} ({n * 7} days, {n * 3} actions)" for n, role in enumerate(roles, 2)) + "."
    assert count_words(reason) > REASON_WORDS
    bullets = decision_bullets([("t", "Decide A", "Short."), ("missing_owner", "Roles with nobody named", reason)])
    said = [b.text for b in bullets if isinstance(b, BulletItem)]
    # the topic already says what the roles lack: the reason goes straight to them
    assert said == ["Short.", ", ".join(roles) + "."]


def test_a_reason_does_not_repeat_the_subject_its_decision_names():
    from playbook.render import BulletItem
    from playbook.render.deliverables.decisions import decision_bullets

    topic = "Calendar rule not kept (Lot 1 – Leads)"
    reason = "Lot 1 – Leads, end-user wave: the training window before go-live is too short."
    bullets = decision_bullets([("rule_gave_way", topic, reason)])
    assert [b.text for b in bullets if isinstance(b, BulletItem)] == [
        "The training window before go-live is too short."]


def test_the_note_s_progress_sentence_counts_only_what_there_is(case):
    from types import SimpleNamespace

    from playbook.render.deliverables.steering import _progress_text

    progress = {"total": 73, "done": 17, "cancelled": 0, "late": 56, "due": 0}
    said = _progress_text(case.analysis, SimpleNamespace(progress=progress))
    assert "17" in said and "56" in said and "73" in said
    assert " 0 " not in said, said


def test_a_decision_s_reason_does_not_repeat_the_topic_it_follows(case):
    """'Roles with nobody named. Roles of the plan with nobody named: …' says the
    topic twice: in the note and on the deck the reason goes straight to the roles."""
    from playbook.render import BulletItem
    from playbook.render.deliverables import decisions as decided
    from playbook.render.deliverables.steering import decisions_bullets

    analysis = prepared("steering", case.analysis)
    owners = [d for d in decided.of(analysis) if d.kind == "missing_owner"]
    assert owners, "the example leaves a role of the plan unnamed"
    kind = flat(case.label("findings.decisions.kind.missing_owner")).casefold()
    note = [flat(str(b)).casefold() for b in decisions_bullets(analysis, pack_of(analysis), why=True)]
    (item,) = [b for b in note if kind in b]
    said = " ".join(kind.split()[-2:])  # "nobody named", "sans titulaire": however the reason words it
    assert item.count(said) == 1, item
    listed = [(d.kind, decided.topic(analysis, d), d.reason) for d in owners]
    (why,) = [b.text for b in decided.decision_bullets(listed) if isinstance(b, BulletItem)]
    assert said not in flat(why).casefold(), why


def test_the_note_lists_as_many_decisions_as_the_deck_counts(case):
    from playbook.render.deliverables.steering import _decisions, decisions_bullets

    pack = pack_of(prepared("steering", case.analysis))
    analysis = prepared("steering", case.analysis)
    assert len(decisions_bullets(analysis, pack)) == len(_decisions(analysis, pack))


def test_each_decision_in_the_readiness_note_says_why():
    from playbook.render.deliverables.steering import _decisions, decisions_bullets
    from playbook.render.ir import Bullets

    engagement = Engagement.model_validate(minimal_engagement_dict())
    analysis = steered(analyse(engagement, load_method()), dt.date(2026, 3, 2))  # before lot 1's go-live
    pack = pack_of(analysis)
    listed = _decisions(analysis, pack)
    said = decisions_bullets(analysis, pack, why=True)
    assert listed and len(said) == len(listed)
    # "**Roles with nobody named.**" alone asks the committee for nothing
    assert all(item.rsplit("**", 1)[-1].strip() for item in said), said
    document, _ = build("steering", analysis)
    numbered = [b for b in document.blocks if isinstance(b, Bullets) and b.numbered]
    assert numbered and numbered[-1].items == said


def test_late_actions_come_latest_first_then_those_due_soonest_first(case):
    from types import SimpleNamespace

    import pandas as pd

    from playbook.render.deliverables.steering import actions_table

    day = pd.Timestamp
    actions = pd.DataFrame({
        "id": ["L1", "L2", "D1", "D2"], "action": ["a", "b", "c", "d"], "population": ["P"] * 4,
        "date": [day("2027-05-03"), day("2027-05-10"), day("2027-06-14"), day("2027-06-08")],
        "new_date": [day("2027-06-21")] * 4, "owner_label": ["o"] * 4,
        "late": [True, True, False, False], "due": [False, False, True, True]})
    table = actions_table(case.analysis, SimpleNamespace(actions=actions))
    assert [row[0] for row in table.rows] == ["L2", "L1", "D2", "D1"]


def test_the_note_keeps_its_decisions_list_on_one_page_under_its_heading(case):
    """A list of decisions split 2/3 across two pages reads as two lists: each item
    but the last is kept with the next, each kept whole."""
    paragraphs = case.docx.paragraphs
    heading = next(i for i, p in enumerate(paragraphs)
                   if p.style.name.startswith(("Heading", "Titre")) and p.text == case.label("steering.sections.decisions"))
    items = []
    for p in paragraphs[heading + 1:]:
        if p.style.name.startswith(("Heading", "Titre")) or not p.style.name.startswith(("List", "Liste")):
            break
        items.append(p)
    if len(items) < 2:
        return
    assert paragraphs[heading].paragraph_format.keep_with_next
    assert all(p.paragraph_format.keep_with_next for p in items[:-1])
    assert all(p.paragraph_format.keep_together for p in items)


def test_a_late_list_cut_short_shows_the_late_workshop_first_whatever_its_date():
    """The readiness deck shows the late work that fits its slide; a late framing
    workshop, which the plan builds on, is among it even when two dozen actions
    were due before it, and the caption says the order."""
    from playbook.analysis.committee import committee_of
    from playbook.render.deliverables import readiness

    data = minimal_engagement_dict()
    data["engagement"]["as_of"] = "2026-04-20"
    data["governance"]["workshops"] = [
        {"workshop": "target_vision", "date": "2026-01-19", "participants": "Board", "status": "done"},
        {"workshop": "use_cases", "date": "2026-03-30", "participants": "Key users"},
    ]
    analysis = prepared("steering", analyse(Engagement.model_validate(data), load_method(), "en"))
    committee = committee_of(analysis)
    (workshop,) = committee.late_workshops
    assert sum(a.planned < workshop.planned for a in committee.late) > 4
    table = readiness.late_slide_table(analysis, committee)
    assert len(table.rows) < len(committee.late) + 1
    assert table.rows[0][0] == workshop.id and "workshops first" in table.caption
    planned = [a.planned for a in committee.late]
    assert [r[3] for r in table.rows[1:]] == [readiness.c.date(analysis, d) for d in sorted(planned)[:len(table.rows) - 1]]
