"""Specification of the impact heat map, the overall level per population and
the people behind each dimension (seed 004: every population counts, even a
small one, even one with nothing described yet)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playbook.analysis import dimension_totals, impact_levels, impact_matrix
from playbook.method import load_method

from .diagnosis_cases import engagement, impact, pop

DIMENSIONS = ["job", "tool", "culture", "organisation", "skills", "performance"]


@pytest.fixture(scope="module")
def method():
    return load_method()


@pytest.fixture(scope="module")
def agency():
    """Advisers (100), back-office (40, nothing described yet), managers (10)."""
    return engagement(
        [
            pop("Conseillers", headcount=100),
            pop("Back-office", headcount=40, crm_user=False),
            pop("Managers", headcount=10, level="manager"),
        ],
        impacts=[
            impact("Conseillers", "job", 3),
            impact("Conseillers", "tool", 2),
            impact("Managers", "tool", 1),
            impact("Managers", "performance", 2),
            impact("Managers", "culture", 2),
            impact("Managers", "organisation", 2),
        ],
    )


def test_matrix_has_every_population_and_every_dimension_in_catalogue_order(agency, method):
    matrix = impact_matrix(agency, method)
    assert list(matrix.index) == ["Conseillers", "Back-office", "Managers"]
    assert list(matrix.columns) == ["headcount", *DIMENSIONS]
    assert list(matrix.loc["Back-office", DIMENSIONS]) == [0, 0, 0, 0, 0, 0]
    assert matrix.loc["Conseillers", "job"] == 3
    assert matrix.loc["Conseillers", "culture"] == 0
    assert list(matrix["headcount"]) == [100, 40, 10]


def test_matrix_without_a_method_uses_the_dimension_codes(agency):
    assert list(impact_matrix(agency).columns) == ["headcount", *DIMENSIONS]


def test_overall_level_is_the_strongest_intensity(agency, method):
    levels = impact_levels(agency, method)
    assert levels.loc["Conseillers", "level"] == 3
    assert levels.loc["Back-office", "level"] == 0
    assert not levels.loc["Conseillers", "bumped"]


def test_three_dimensions_at_two_make_a_broad_change_of_level_three(agency, method):
    levels = impact_levels(agency, method)
    assert levels.loc["Managers", "max_intensity"] == 2
    assert levels.loc["Managers", "broad_dimensions"] == 3
    assert levels.loc["Managers", "bumped"]
    assert levels.loc["Managers", "level"] == 3


def test_two_dimensions_at_two_are_not_broad(method):
    two = engagement([pop("A")], impacts=[impact("A", "job", 2), impact("A", "tool", 2)])
    assert impact_levels(two, method).loc["A", "level"] == 2


def test_dimension_totals_count_people_and_weight_by_headcount(agency, method):
    totals = dimension_totals(agency, method)
    assert list(totals.index) == DIMENSIONS
    # tool: Conseillers 2 (100 people), Managers 1 (10 people), Back-office 0 (40)
    assert totals.loc["tool", "people_impacted"] == 110
    assert totals.loc["tool", "people_strongly_impacted"] == 100
    assert totals.loc["tool", "populations_strongly_impacted"] == 1
    assert totals.loc["tool", "share_strongly_impacted"] == pytest.approx(100 / 150)
    assert totals.loc["tool", "weighted_mean_intensity"] == pytest.approx((2 * 100 + 1 * 10) / 150)
    # job: only the 100 advisers, at 3
    assert totals.loc["job", "weighted_mean_intensity"] == pytest.approx(300 / 150)
    assert totals.loc["skills", "people_impacted"] == 0


intensities = st.lists(st.integers(0, 3), min_size=6, max_size=6)


@given(values=intensities, dimension=st.integers(0, 5), raise_by=st.integers(1, 3))
def test_raising_an_intensity_never_lowers_the_level(values, dimension, raise_by):
    method = load_method()
    raised = list(values)
    raised[dimension] = min(3, raised[dimension] + raise_by)

    def level(vector):
        case = engagement(
            [pop("A")], impacts=[impact("A", d, v) for d, v in zip(DIMENSIONS, vector, strict=True)]
        )
        return impact_levels(case, method).loc["A", "level"]

    assert level(raised) >= level(values)
