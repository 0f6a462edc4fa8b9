"""The alerts that call for the steering committee's arbitration, as one list.

Every summary and the steering pack draw this list, so no summary can say that
nothing needs deciding while a page asks for an arbitration. The rules that
raise the alerts stay where they are (analysis); this only gathers those whose
answer is a decision, most pressing kind first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis.ids import stable_id
from .records import (
    BUDGET_OVERRUN,
    DECISION_KINDS,
    MISSING_OWNER,
    MISSING_SPONSOR,
    RULE_GAVE_WAY,
    SATURATED_SCALE,
    TRAINING_CAPACITY,
    Budget,
    Decision,
)

if TYPE_CHECKING:
    from ..analysis.engine import Analysis

# Warning codes of the analysis whose answer is a decision, by kind.
RULES_THAT_GIVE_WAY = frozenset({
    "training_buffer_short", "training_window_too_short", "training_unscheduled",
})
ALERTS = {
    "territory_without_sponsor": MISSING_SPONSOR,
    "owner_unnamed": MISSING_OWNER,  # a role carrying days of the plan with nobody named
    "scale_saturated": SATURATED_SCALE,
    "training_capacity_short": TRAINING_CAPACITY,
    **{code: RULE_GAVE_WAY for code in RULES_THAT_GIVE_WAY},
}


def decisions(analysis: Analysis, budget: Budget, budget_reason: str) -> tuple[Decision, ...]:
    found: list[Decision] = []
    if budget.overrun is not None or budget.internal_overrun is not None:
        found.append(Decision(stable_id("D", BUDGET_OVERRUN), BUDGET_OVERRUN, "", budget_reason))
    warnings = [*analysis.diagnosis.warnings, *analysis.training_plan.warnings,
                *analysis.change_plan.warnings]
    # One decision per kind and subject: two rules giving way in one lot are one
    # arbitration about that lot, its reasons said together.
    reasons: dict[tuple[str, str], list[str]] = {}
    for warning in warnings:
        if warning.audience != "client":
            continue  # a note on the intake for the consultant, not a point for the committee
        kind = ALERTS.get(warning.code)
        if kind is not None:
            said = reasons.setdefault((kind, warning.subject), [])
            if warning.message not in said:
                said.append(warning.message)
    # A lot short of training capacity: its options in a few words, for the lists.
    options = {c.lot: c.topic for c in analysis.training_plan.capacity}
    found += [Decision(stable_id("D", kind, subject), kind, subject, " ".join(said),
                       options.get(subject, "") if kind == TRAINING_CAPACITY else "")
              for (kind, subject), said in reasons.items()]
    order = {kind: index for index, kind in enumerate(DECISION_KINDS)}
    return tuple(sorted(found, key=lambda d: order[d.kind]))
