"""What the training notebooks show beside the engine's tables: the method's own
cards (a step's purpose, questions and pitfalls) and the codes a trainee may use.

Everything is read from the method data, so an adapted method teaches itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..render import Bullets, Heading, Paragraph, Table
from ..render.deliverables import common
from ..render.ir import BulletLike
from ..text import format_number, typeset
from .cases import case_text
from .html import Shown, show
from .wording import seeds_text


def step_card(method: Any, code: str, lang: str = "en") -> Shown:
    """One step of `steps.yaml`: purpose, questions to answer, pitfalls with their seeds."""
    step = next(s for s in method.steps.steps if s.code == code)
    t = method.text
    pitfalls: list[BulletLike] = [f"{p.text.in_(lang)} ({t('handbook.seeds', lang, seeds=seeds_text(p.seeds, lang))})"
                for p in step.pitfalls]
    return show([
        Heading(step.label.in_(lang), 2),
        Paragraph(step.purpose.in_(lang)),
        Paragraph(f"**{t('handbook.step.key_questions', lang)}**"),
        Bullets([q.in_(lang) for q in step.key_questions]),
        Paragraph(f"**{t('handbook.step.pitfalls', lang)}**"),
        Bullets(pitfalls),
    ], lang)


def brake_codes(method: Any, lang: str = "en") -> pd.DataFrame:
    """The brakes a trainee may name: code, label, what it is."""
    return pd.DataFrame(
        [[b.code.value, b.label.in_(lang), b.description.in_(lang)] for b in method.brakes.brakes],
        columns=["code", "label", "description"],
    ).set_index("code")


def lever_codes(method: Any, lang: str = "en") -> pd.DataFrame:
    """The population levers a trainee may choose, by pillar (cross actions are planned for all)."""
    pillars = method.levers.pillars
    rows = [[lever.id, pillars[lever.pillar].label.in_(lang), lever.label.in_(lang),
             lever.description.in_(lang)]
            for lever in method.levers.levers if lever.scope == "population"]
    return pd.DataFrame(rows, columns=["id", "pillar", "label", "description"]).set_index("id")


def briefing(case: str, lang: str = "en") -> Shown:
    """The interview notes of an exercise case, in `lang`, under the case's title."""
    text = case_text(case)
    return show([Heading(text.title.in_(lang), 2), *(Paragraph(p) for p in text.paragraphs(lang))],
                lang)


# The tour's own views of the engagement, worded like the deliverables that print them.

def engagement_summary(analysis: Any) -> str:
    """One line: client, sector and the size of the engagement, in the analysis' language."""
    e, lang = analysis.engagement, analysis.lang
    return typeset(analysis.method.text(
        "training.tour.summary", lang, client=e.client, sector=e.engagement.sector,
        populations=format_number(len(e.populations), lang),
        people=format_number(sum(p.headcount for p in e.populations), lang),
        lots=format_number(len(e.lots), lang)), lang)


def objectives_table(analysis: Any) -> Table:
    """The chain business objective → CRM objective → KPI, with its measures."""
    t: Callable[[str], str] = lambda key: analysis.method.text(key, analysis.lang)  # noqa: E731
    columns = [t("framing_note.objectives.business_objective"),
               t("framing_note.objectives.crm_objective"), t("framing_note.objectives.kpi"),
               t("common.columns.baseline"), t("common.columns.target"), t("common.columns.due_date")]
    rows = [[o.business_objective, o.crm_objective, o.kpi, common.measure(analysis, o.baseline, o.unit),
             common.measure(analysis, o.target, o.unit), common.date(analysis, o.due_date)]
            for o in analysis.engagement.objectives]
    return Table(columns, rows, widths=[3, 2.4, 2, 1, 1, 1.3])


def life_tomorrow_table(analysis: Any) -> Table:
    """Each population's life tomorrow and what it gains (the target vision's first part)."""
    t: Callable[[str], str] = lambda key: analysis.method.text(key, analysis.lang)  # noqa: E731
    rows = [[p.name, p.life_tomorrow, p.gains] for p in analysis.engagement.populations]
    return Table([t("common.columns.population"), t("target_vision.life.tomorrow"),
                  t("target_vision.life.gains")], rows, widths=[1.5, 3, 3])
