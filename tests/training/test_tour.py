"""The method tour shows its summary and tables in the notebook's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.examples import __file__ as examples_init
from playbook.text import NBSP
from playbook.training.tour import engagement_summary, life_tomorrow_table, objectives_table
from playbook.workbench import open_engagement

EXAMPLE = str(Path(examples_init).parent / "mutuelle_horizon.yaml")


@pytest.fixture(scope="module", params=["fr", "en"])
def analysis(request):
    return open_engagement(EXAMPLE, request.param)


def test_the_summary_line_counts_the_engagement_in_its_language(analysis):
    e = analysis.engagement
    line = engagement_summary(analysis)
    assert line.startswith(f"{e.client} ({e.engagement.sector})")
    headcount = sum(p.headcount for p in e.populations)
    if analysis.lang == "fr":
        assert f"personnes{NBSP}: {headcount}" in line
    else:
        assert f"people: {headcount}" in line and f"populations: {len(e.populations)}" in line


def test_the_objectives_and_life_tomorrow_tables_speak_the_language(analysis):
    objectives, life = objectives_table(analysis), life_tomorrow_table(analysis)
    expected = {"fr": ("Objectif business", "Échéance", "Demain"),
                "en": ("Business objective", "Due date", "Tomorrow")}[analysis.lang]
    assert objectives.columns[0] == expected[0] and objectives.columns[-1] == expected[1]
    assert life.columns[1] == expected[2]
    assert len(objectives.rows) == len(analysis.engagement.objectives)
    assert [row[0] for row in life.rows] == [p.name for p in analysis.engagement.populations]
