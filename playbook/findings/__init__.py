"""The findings stage: analysis → findings → render.

`findings(analysis)` computes, once per analysis, every fact the deliverables
state as a figure, a date, a count, a claim about order or a decision to take
(`records`). Builders in `render/deliverables` choose among these facts and
format them (`wording`); they do not compute them. A new fact goes in
`records` with the function computing it here; see docs/architecture.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis.facts import regional_territories
from ..analysis.ids import stable_id
from .budget import budget as _budget
from .decisions import decisions as _decisions
from .effort import effort as _effort
from .records import (
    BUDGET_OVERRUN,
    CASH,
    DECISION_KINDS,
    INTERNAL_TIME,
    LATE_AFTER_GO_LIVE,
    MISSING_OWNER,
    MISSING_SPONSOR,
    OPEN_AFTER_GO_LIVE,
    PARTNER_TIME,
    RULE_GAVE_WAY,
    SATURATED_SCALE,
    TRAINING_CAPACITY,
    Budget,
    CostLine,
    Counts,
    Decision,
    Effort,
    Findings,
    LotTraining,
    OwnerEffort,
    Span,
    Training,
)
from .training import training as _training
from .wording import budget_sentence

if TYPE_CHECKING:
    from ..analysis.engine import Analysis

__all__ = [
    "BUDGET_OVERRUN", "CASH", "DECISION_KINDS", "INTERNAL_TIME", "PARTNER_TIME", "LATE_AFTER_GO_LIVE", "MISSING_OWNER", "MISSING_SPONSOR",
    "OPEN_AFTER_GO_LIVE", "RULE_GAVE_WAY", "SATURATED_SCALE", "TRAINING_CAPACITY", "Budget", "CostLine", "Counts", "Decision",
    "Effort",
    "Findings", "LotTraining", "OwnerEffort", "Span", "Training", "budget_sentence", "compute",
    "findings", "stable_id",
]

_ATTRIBUTE = "_findings"  # where an analysis keeps its findings once computed


def findings(analysis: Analysis) -> Findings:
    """The findings of `analysis`, computed on first use and kept with it: the six
    deliverables of one analysis read the very same facts."""
    known = analysis.__dict__.get(_ATTRIBUTE)
    if isinstance(known, Findings):
        return known
    computed = compute(analysis)
    # An Analysis is frozen; its findings are a pure function of it, kept beside it.
    object.__setattr__(analysis, _ATTRIBUTE, computed)
    return computed


def compute(analysis: Analysis) -> Findings:
    effort = _effort(analysis)
    budget = _budget(analysis, effort)
    sentence = budget_sentence(budget, analysis.method, analysis.lang)
    engagement = analysis.engagement
    counts = Counts(
        populations=len(engagement.populations),
        territories=len(regional_territories(engagement)),
        resistances=len(engagement.resistances),
        points_to_watch=len(analysis.training_plan.warnings),
    )
    return Findings(budget=budget, effort=effort, training=_training(analysis),
                    counts=counts, decisions=_decisions(analysis, budget, sentence))
