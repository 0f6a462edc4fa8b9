"""What will be measured: adoption KPIs and the success-criteria self-assessment."""

from __future__ import annotations

from pydantic import Field

from .enums import Criterion, CriterionStatus, KpiKind
from .types import Name, OptionalName, Record, Text


class AdoptionKpi(Record):
    kind: KpiKind
    name: Name
    population: OptionalName = Field(default="", description="Empty: all populations.")
    definition: Text = ""
    unit: Name = "%"
    baseline: float | None = None
    target: float
    review_weeks_after_go_live: int = Field(default=4, ge=1, le=104)
    higher_is_better: bool = True


class CriterionAssessment(Record):
    """The consultant's self-assessment of one success criterion of seed 001."""

    criterion: Criterion
    status: CriterionStatus
    evidence: Text = ""
