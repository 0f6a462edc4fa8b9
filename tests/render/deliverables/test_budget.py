"""What a slide shows within the word budget: whole rows, whole bullets, the rest continued."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from playbook.method import load_method
from playbook.render.deliverables import budget as b
from playbook.render.ir import Table


@pytest.fixture(scope="module")
def french():
    return SimpleNamespace(method=load_method(), lang="fr")


def _sentence(words: int, tag: str) -> str:
    return " ".join([tag] + ["mot"] * (words - 1))


def test_rows_within_counts_the_leading_rows_that_fit_with_the_header():
    table = Table(["Action", "Population"], [[_sentence(30, str(i)), ""] for i in range(5)])
    assert b.rows_within(table) == 2  # 2 + 30 + 30 = 62; a third row makes 92
    assert b.rows_within(table, budget=10) == 1  # a slide always shows its first row


def test_bullets_go_whole_onto_as_many_slides_as_the_budget_needs_the_later_ones_continued(french):
    items = [_sentence(30, f"levier{i}") for i in range(5)]
    slides = b.bullet_slides(french, "Glossaire", items, notes="Raisons")
    assert [s.title for s in slides] == ["Glossaire", "Glossaire (suite)", "Glossaire (suite)"]
    assert [item for s in slides for item in s.bullets] == items
    assert all(b.words(*s.bullets) <= b.BUDGET for s in slides)
    assert all(s.notes == "Raisons" for s in slides)
