"""The COPIL catalogue (`copil.yaml`): how step 5 reads measurements.

Seed 000: a steering committee every two weeks. Seeds 000 and 002: adoption,
usage, data quality, satisfaction, training and support against targets.
Seed 004: keep involving after go-live; a population falling behind gets
reinforcement levers from the levers catalogue, chosen by the pillar it lacks.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .levers import Bilingual, Strict

ReinforcementKey = Literal["understand", "want", "be_able", "adoption"]


class Pulse(Strict):
    scale: int = Field(ge=3, le=10)
    min_group: int = Field(ge=1, le=50, description="Fewer respondents: scores withheld.")
    low_score: float = Field(gt=0)


class Catalogue(Strict):
    source: Bilingual
    # Read by nothing: each engagement states its committee's cadence
    # (`governance.copil_every_weeks`); accepted so older method folders still load.
    cadence_weeks: int | None = Field(default=None, ge=1, le=12)
    due_window_weeks: int = Field(ge=1, le=12)
    falling_points: float = Field(gt=0)
    forecast_min_readings: int = Field(ge=3, le=24)
    training_coverage_target: float = Field(gt=0, le=100)
    pulse: Pulse
    reinforcement: dict[ReinforcementKey, list[str]]
    description: Bilingual

    def cross_check(self, method: Any) -> list[str]:
        known = {lever.id for lever in method.levers.levers}
        problems = [f"reinforcement: {key} is missing" for key in ("understand", "want", "be_able", "adoption")
                    if key not in self.reinforcement]
        for key, levers in self.reinforcement.items():
            problems += [f"reinforcement.{key}: unknown lever {lever!r}" for lever in levers
                         if lever not in known]
        return problems
