"""Specification of the impact × buy-in map: whom to lean on, convince first,
support, inform or watch (seeds 002, 004)."""

from __future__ import annotations

import pytest

from playbook.analysis import populations_by_segment, segments
from playbook.method import load_method

from .diagnosis_cases import engagement, impact, pop


@pytest.fixture(scope="module")
def method():
    return load_method()


@pytest.fixture(scope="module")
def mapped():
    return engagement(
        [
            pop("Ambassadeurs", buy_in="enthusiastic"),  # high impact, enthusiastic
            pop("Favorables peu touchés", buy_in="favourable"),  # no impact, favourable
            pop("Résistants", buy_in="resistant"),  # high impact
            pop("Réticents", buy_in="reluctant"),  # level 2
            pop("Neutres touchés", buy_in="neutral"),  # level 2
            pop("Neutres peu touchés", buy_in="neutral"),  # level 1
            pop("Réticents peu touchés", buy_in="reluctant"),  # level 1
        ],
        impacts=[
            impact("Ambassadeurs", "job", 3),
            impact("Résistants", "tool", 3),
            impact("Réticents", "culture", 2),
            impact("Neutres touchés", "job", 2),
            impact("Neutres peu touchés", "tool", 1),
            impact("Réticents peu touchés", "tool", 1),
        ],
    )


@pytest.mark.parametrize(
    ("population", "segment"),
    [
        ("Ambassadeurs", "lean_on"),
        ("Favorables peu touchés", "lean_on"),
        ("Résistants", "convince_first"),
        ("Réticents", "convince_first"),
        ("Neutres touchés", "support"),
        ("Neutres peu touchés", "inform"),
        ("Réticents peu touchés", "watch"),
    ],
)
def test_each_population_lands_in_its_segment(mapped, method, population, segment):
    assert segments(mapped, method).loc[population, "segment"] == segment


def test_segment_rows_carry_the_level_and_buy_in_score(mapped, method):
    frame = segments(mapped, method)
    assert frame.loc["Résistants", "impact_level"] == 3
    assert frame.loc["Résistants", "buy_in_score"] == -2
    assert frame.loc["Ambassadeurs", "buy_in_score"] == 2
    assert frame.loc["Neutres peu touchés", "buy_in_score"] == 0


def test_segment_labels_follow_the_language(mapped, method):
    assert segments(mapped, method, "fr").loc["Résistants", "segment_label"] == "Convaincre en priorité"
    assert segments(mapped, method, "en").loc["Résistants", "segment_label"] == "Convince first"


def test_populations_by_segment_lists_every_segment_in_catalogue_order(mapped, method):
    groups = populations_by_segment(segments(mapped, method), method)
    assert list(groups) == ["lean_on", "convince_first", "support", "watch", "inform"]
    assert groups["convince_first"] == ["Résistants", "Réticents"]
    assert groups["watch"] == ["Réticents peu touchés"]


def test_an_empty_segment_is_listed_empty(method):
    groups = populations_by_segment(segments(engagement([pop("A", buy_in="favourable")]), method), method)
    assert groups["lean_on"] == ["A"]
    assert groups["watch"] == []
