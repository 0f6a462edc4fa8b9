"""What happened after go-live: the measurements a consultant brings to each COPIL.

Seeds 000 and 002: a steering committee every two weeks reads adoption per
population, usage, data quality, satisfaction, training and support against
their targets. These records are the raw readings, in the order they were
taken; the steering analysis (not the model) compares them with the plan.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .types import Name, OptionalName, Record, Text


class KpiReading(Record):
    """One measured value of a KPI, for everyone or for one population or territory."""

    kpi: Name = Field(description="A KPI name of the kpis sheet, or a KPI family code (adoption...).")
    population: OptionalName = Field(default="", description="Empty: all populations.")
    territory: OptionalName = Field(default="", description="Empty: every territory.")
    date: dt.date
    value: float
    comment: Text = ""


class Attendance(Record):
    """Training attendance: people planned and people who attended, per module and population."""

    module: Name
    population: Name
    planned: int = Field(ge=0)
    attended: int = Field(ge=0)
    date: dt.date


class PulseResult(Record):
    """A pulse survey of one population: mean scores out of 5 on Understand /
    Want / Be able. Scores stay empty when the group was too small to publish
    them without exposing respondents (the count is still reported)."""

    population: Name
    date: dt.date
    respondents: int = Field(ge=0)
    understand: float | None = Field(default=None, ge=1, le=5)
    want: float | None = Field(default=None, ge=1, le=5)
    able: float | None = Field(default=None, ge=1, le=5)
    comments: Text = ""
