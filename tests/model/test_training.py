"""The client's constraints on training, and the periods nobody can be trained."""

from __future__ import annotations

import datetime as dt

import pytest

from playbook.model import Blackout, Engagement, TrainingConstraints
from tests.factories import minimal_engagement_dict

from .helpers import messages, refusals

# --- Blackout --------------------------------------------------------------------------


def test_a_blackout_may_last_a_single_day() -> None:
    b = Blackout(start="2026-07-14", end="2026-07-14")
    assert b.start == b.end == dt.date(2026, 7, 14)


def test_a_blackout_that_ends_before_it_starts_is_refused() -> None:
    assert messages(Blackout, {"start": "2026-08-31", "end": "2026-08-01"}) == [
        ((), "Value error, blackout ends before it starts")
    ]


def test_a_blackout_applies_to_every_territory_unless_one_is_named() -> None:
    assert Blackout(start="2026-08-01", end="2026-08-31").territory == ""
    named = Blackout(start="2026-08-01", end="2026-08-31", territory=" North\u00a0")
    assert named.territory == "North"


def test_a_misordered_blackout_is_located_by_its_row_in_the_engagement() -> None:
    data = minimal_engagement_dict()
    data["training"] = {
        "blackouts": [
            {"start": "2026-07-01", "end": "2026-07-31"},
            {"start": "2026-12-31", "end": "2026-12-20", "reason": "Year-end closing"},
        ]
    }
    assert messages(Engagement, data) == [
        (("training", "blackouts", 1), "Value error, blackout ends before it starts")
    ]


# --- Training constraints --------------------------------------------------------------


def test_training_constraints_default_to_those_of_a_typical_client() -> None:
    t = TrainingConstraints()
    assert (t.max_group_size, t.session_hours, t.trainers_available) == (10, 3.5, 2)
    assert (t.max_share_away, t.weeks_before_go_live) == (0.25, 3)
    assert (t.trainer_day_rate, t.learner_day_cost, t.blackouts) == (None, None, [])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_group_size", 1),
        ("max_group_size", 200),
        ("session_hours", 0.5),
        ("session_hours", 8),
        ("trainers_available", 1),
        ("max_share_away", 0),
        ("max_share_away", 1),
        ("trainer_day_rate", 0),
        ("learner_day_cost", 0),
        ("weeks_before_go_live", 1),
        ("weeks_before_go_live", 26),
    ],
)
def test_training_constraints_accept_the_limits_of_their_range(field: str, value: float) -> None:
    assert getattr(TrainingConstraints.model_validate({field: value}), field) == value


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("max_group_size", 0, "greater_than_equal"),
        ("max_group_size", 201, "less_than_equal"),
        ("session_hours", 0, "greater_than"),
        ("session_hours", 8.5, "less_than_equal"),
        ("trainers_available", 0, "greater_than_equal"),
        ("max_share_away", -0.1, "greater_than_equal"),
        ("max_share_away", 25, "less_than_equal"),
        ("trainer_day_rate", -1, "greater_than_equal"),
        ("learner_day_cost", -1, "greater_than_equal"),
        ("weeks_before_go_live", 0, "greater_than_equal"),
        ("weeks_before_go_live", 27, "less_than_equal"),
    ],
)
def test_training_constraints_refuse_values_outside_their_range(field: str, value: float, error: str) -> None:
    assert refusals(TrainingConstraints, {field: value}) == [((field,), error)]
