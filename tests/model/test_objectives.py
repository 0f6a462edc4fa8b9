"""The objectives chain: business objective, CRM objective, KPI, target and means."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from playbook.model import Objective

from .helpers import messages, refusals, with_, without


def objective() -> dict[str, Any]:
    return {
        "business_objective": "Answer every tenant within two days.",
        "crm_objective": "Every request logged",
        "kpi": "Requests logged in the CRM",
        "target": 95,
        "due_date": "2026-12-31",
        "owner": "Julien Roux",
    }


def test_an_objective_is_in_percent_with_no_baseline_budget_or_resources_by_default() -> None:
    o = Objective.model_validate(objective())
    assert (o.unit, o.baseline, o.budget, o.resources) == ("%", None, None, "")
    assert o.due_date == dt.date(2026, 12, 31)


def test_an_objective_links_a_business_objective_a_crm_objective_a_kpi_a_target_a_date_and_an_owner() -> None:
    required = ["business_objective", "crm_objective", "kpi", "target", "due_date", "owner"]
    assert refusals(Objective, without(objective(), *required)) == [
        ((field,), "missing") for field in required
    ]


@pytest.mark.parametrize("field", ["crm_objective", "kpi", "owner", "unit"])
def test_the_names_of_an_objective_may_not_be_blank(field: str) -> None:
    assert messages(Objective, with_(objective(), **{field: "\u00a0"})) == [
        ((field,), "Value error, must not be empty")
    ]


def test_a_target_and_a_baseline_may_be_negative_for_a_decrease() -> None:
    o = Objective.model_validate(with_(objective(), unit="points", baseline=-1, target=-3))
    assert (o.baseline, o.target) == (-1, -3)


def test_a_budget_is_zero_or_more() -> None:
    assert Objective.model_validate(with_(objective(), budget=0)).budget == 0
    assert refusals(Objective, with_(objective(), budget=-1)) == [(("budget",), "greater_than_equal")]
