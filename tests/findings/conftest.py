"""Small engagements made for the defects the findings stage ends, each analysed once."""

from __future__ import annotations

from typing import Any

import pytest

from playbook.analysis import analyse
from playbook.method import load_method
from playbook.model import Engagement
from tests.factories import minimal_engagement_dict

METHOD = load_method()


def engagement(**changes: Any) -> dict[str, Any]:
    """The minimal engagement with rates, a budget, key users and an administrator,
    as of the kickoff: every lot ahead, so the schedule follows the method."""
    data = minimal_engagement_dict()
    data["engagement"].update(as_of="2026-01-12", change_budget=200_000, currency="GBP")
    data["training"] = {"trainer_day_rate": 850, "learner_day_cost": 310}
    data["governance"]["key_users"] = [
        {"name": "Léa Martin", "population": "Agency advisers"},
        {"name": "Tom Blake", "population": "Agency managers"},
    ]
    data["governance"]["administrators"] = [{"name": "Sam Ortiz", "function": "IT"}]
    for key, value in changes.items():
        data[key] = value
    return data


def analysed(data: dict[str, Any], lang: str = "en") -> Any:
    return analyse(Engagement.model_validate(data), METHOD, lang)


@pytest.fixture(scope="module")
def small() -> Any:
    return analysed(engagement())
