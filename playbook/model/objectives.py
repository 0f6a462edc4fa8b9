"""The objectives chain: business objective → CRM objective → KPI (seeds 000, 003)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .types import Name, Record, Text


class Objective(Record):
    """One measurable CRM objective, linked upward and downward, with its means."""

    business_objective: Text
    crm_objective: Name
    kpi: Name
    unit: Name = "%"
    baseline: float | None = None
    target: float
    due_date: dt.date
    budget: float | None = Field(default=None, ge=0)
    resources: Text = ""
    owner: Name
