"""The client's constraints on training (group size, session length, trainers,
periods when nobody can be taken away from work)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .types import OptionalName, Record, Share, Text


class Blackout(Record):
    start: dt.date
    end: dt.date
    reason: Text = ""
    territory: OptionalName = Field(default="", description="Empty: every territory.")

    @model_validator(mode="after")
    def _ordered(self) -> Blackout:
        if self.end < self.start:
            raise ValueError("blackout ends before it starts")
        return self


class TrainingConstraints(Record):
    max_group_size: int = Field(default=10, ge=1, le=200)
    session_hours: float = Field(default=3.5, gt=0, le=8)
    trainers_available: int = Field(default=2, ge=1)
    max_share_away: Share = Field(
        default=0.25, description="Largest share of one team in training at once."
    )
    trainer_day_rate: float | None = Field(default=None, ge=0)
    learner_day_cost: float | None = Field(default=None, ge=0)
    weeks_before_go_live: int = Field(
        default=3, ge=1, le=26, description="How early the end-user wave may start."
    )
    blackouts: list[Blackout] = Field(default_factory=list)
