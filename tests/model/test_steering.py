"""What will be measured: adoption KPIs and the success-criteria self-assessment."""

from __future__ import annotations

from typing import Any

import pytest

from playbook.model import AdoptionKpi, Criterion, CriterionAssessment, CriterionStatus, KpiKind

from .helpers import refusals, with_


def kpi() -> dict[str, Any]:
    return {"kind": "adoption", "name": "Weekly active users", "target": 80}


def test_a_kpi_has_a_kind_a_name_and_a_target() -> None:
    assert refusals(AdoptionKpi, {}) == [
        (("kind",), "missing"), (("name",), "missing"), (("target",), "missing")
    ]
    assert refusals(AdoptionKpi, with_(kpi(), kind="revenue")) == [(("kind",), "enum")]


def test_a_kpi_measures_every_population_in_percent_four_weeks_after_go_live_by_default() -> None:
    k = AdoptionKpi.model_validate(kpi())
    assert (k.kind, k.population, k.unit, k.baseline) == (KpiKind.ADOPTION, "", "%", None)
    assert (k.review_weeks_after_go_live, k.higher_is_better, k.definition) == (4, True, "")


def test_a_blank_kpi_population_means_every_population() -> None:
    assert AdoptionKpi.model_validate(with_(kpi(), population=" \u00a0")).population == ""
    named = AdoptionKpi.model_validate(with_(kpi(), population=" Agency\u00a0advisers "))
    assert named.population == "Agency advisers"


@pytest.mark.parametrize("weeks", [1, 104])
def test_a_kpi_is_reviewed_between_one_and_a_hundred_and_four_weeks_after_go_live(weeks: int) -> None:
    got = AdoptionKpi.model_validate(with_(kpi(), review_weeks_after_go_live=weeks))
    assert got.review_weeks_after_go_live == weeks


@pytest.mark.parametrize(("weeks", "error"), [(0, "greater_than_equal"), (105, "less_than_equal")])
def test_a_kpi_review_outside_one_to_a_hundred_and_four_weeks_is_refused(weeks: int, error: str) -> None:
    assert refusals(AdoptionKpi, with_(kpi(), review_weeks_after_go_live=weeks)) == [
        (("review_weeks_after_go_live",), error)
    ]


def test_a_criterion_assessment_rates_one_criterion_of_the_method() -> None:
    a = CriterionAssessment(criterion="key_resources", status="partly")
    assert (a.criterion, a.status, a.evidence) == (Criterion.KEY_RESOURCES, CriterionStatus.PARTLY, "")
    assert refusals(CriterionAssessment, {"criterion": "budget", "status": "yes"}) == [
        (("criterion",), "enum"), (("status",), "enum")
    ]
