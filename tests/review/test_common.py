"""Shared review helpers: a chart shown inline as the Word document draws it,
a note when there is nothing to chart, and the dated next steps."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document as open_docx
from docx.shared import Inches

from playbook.render.charts import DPI
from playbook.render.deliverables.common import NEXT_STEPS_SHOWN
from playbook.render.ir import Chart, Series
from playbook.render.templates import DOCX_NAME, default_template_dir
from playbook.review import common

from .helpers import note, picture, text_width_in


def small_chart() -> Chart:
    return Chart("bar", "Effort", categories=["People", "Process", "Technology"],
                 series=[Series("Days", [30.0, 10.0, 5.0])])


def test_a_chart_with_too_little_to_show_is_shown_as_the_table_the_report_gives():
    two = Chart("bar", "Effort", categories=["Humain", "Processus"], series=[Series("Jours", [3.0, 1.5])],
                value_format="0.0")
    shown = common.show(two, "fr")
    assert list(shown.columns) == ["Jours"]
    assert list(shown.index) == ["Humain", "Processus"]
    assert list(shown["Jours"]) == ["3,0", "1,5"]


def test_a_notebook_opens_an_engagement_in_its_own_language_unless_told_otherwise(
        mutuelle, northwind, mutuelle_en):
    assert (mutuelle.lang, northwind.lang, mutuelle_en.lang) == ("fr", "en", "en")
    assert mutuelle_en.engagement.client == mutuelle.engagement.client


def test_a_chart_is_shown_as_a_png_at_the_width_of_the_document_text_column():
    image = picture(common.show(small_chart(), "en"))
    assert round(image.info["dpi"][0]) == DPI


def test_a_chart_can_be_shown_at_a_narrower_width_when_asked():
    picture(common.show(small_chart(), "fr", 4), width_in=4)


def test_nothing_to_chart_is_an_italic_note_in_the_analysis_language(method):
    french, english = note(common.show(None, "fr")), note(common.show(None, "en"))
    assert french == f"*{method.text('common.nothing_to_chart', 'fr')}*"
    assert english == f"*{method.text('common.nothing_to_chart', 'en')}*"
    assert french != english
    assert english.startswith("*Nothing to chart")


def test_next_steps_are_dated_earliest_first_and_at_most_the_shown_number(example):
    steps = common.next_steps(example)
    assert list(steps.columns) == ["date", "step"]
    assert 1 <= len(steps) <= NEXT_STEPS_SHOWN
    assert list(steps["date"]) == sorted(steps["date"])
    assert all(isinstance(s, str) and s for s in steps["step"])


def _rescheduled(example):
    """The day a workshop past its date is to be rescheduled: the next steering
    committee's, which reschedules it, else the as-of date."""
    committee = example.steering.next_committee
    return committee if committee is not None and committee >= example.as_of else example.as_of


def test_every_next_step_is_a_milestone_of_the_intake(example):
    """A workshop still to hold after its date is a step on the next committee's date."""
    engagement = example.engagement
    dates = {w.date if w.date >= example.as_of else _rescheduled(example)
             for w in engagement.governance.workshops}
    dates |= {d for lot in engagement.lots for d in (lot.design_start, lot.acceptance_start, lot.go_live)}
    assert set(common.next_steps(example)["date"]) <= dates


def test_a_lot_milestone_step_names_its_lot(example):
    engagement = example.engagement
    workshop_days = {w.date for w in engagement.governance.workshops} | {_rescheduled(example)}
    for date, step in common.next_steps(example).itertuples(index=False):
        owners = [lot.name for lot in engagement.lots
                  if date in (lot.design_start, lot.acceptance_start, lot.go_live)]
        if owners and date not in workshop_days:
            assert any(name in step for name in owners), step


def test_next_steps_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = common.next_steps(mutuelle), common.next_steps(mutuelle_en)
    assert list(french["date"]) == list(english["date"])
    assert all(f != e for f, e in zip(french["step"], english["step"], strict=True))


def firm_templates(folder: Path) -> Path:
    """The house templates with a Word text column one inch narrower, as a firm's may be."""
    shutil.copytree(default_template_dir(), folder)
    document = open_docx(folder / DOCX_NAME)
    for section in document.sections:
        section.right_margin += Inches(1)
    document.save(folder / DOCX_NAME)
    return folder


def test_a_chart_is_shown_at_the_width_of_the_firms_template_when_given(tmp_path, mutuelle):
    folder = firm_templates(tmp_path / "firm")
    shown = common.figure(mutuelle, small_chart(), folder)
    picture(shown, width_in=text_width_in() - 1)


def test_every_review_figure_follows_the_firms_template(tmp_path, mutuelle):
    from playbook.review import impact_diagnosis

    folder = firm_templates(tmp_path / "firm")
    picture(impact_diagnosis.bubble_figure(mutuelle, templates_dir=folder), width_in=text_width_in() - 1)
    picture(impact_diagnosis.bubble_figure(mutuelle), width_in=text_width_in())
