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
    LATE_AFTER_GO_LIVE,
    MISSING_OWNER,
    MISSING_SPONSOR,
    OPEN_AFTER_GO_LIVE,
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
    "late_after_go_live": LATE_AFTER_GO_LIVE,  # the change plan's re-plan pushed work past a go-live
    "open_after_go_live": OPEN_AFTER_GO_LIVE,  # a lot went live with its preparation not recorded done
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
    codes: dict[tuple[str, str], set[str]] = {}
    for warning in warnings:
        if warning.audience != "client":
            continue  # a note on the intake for the consultant, not a point for the committee
        kind = ALERTS.get(warning.code)
        if kind is not None:
            said = reasons.setdefault((kind, warning.subject), [])
            codes.setdefault((kind, warning.subject), set()).add(warning.code)
            if warning.message not in said:
                said.append(warning.message)
    # A lot short of training capacity: its options in a few words, for the lists.
    options = {c.lot: c.topic for c in analysis.training_plan.capacity}
    grouped = _by_rule(reasons, codes, analysis)
    found += [Decision(stable_id("D", kind, subject), kind, subject, " ".join(said),
                       options.get(subject, "") if kind == TRAINING_CAPACITY else "")
              for (kind, subject), said in reasons.items()]
    found += grouped
    order = {kind: index for index, kind in enumerate(DECISION_KINDS)}
    return tuple(sorted(found, key=lambda d: order[d.kind]))


def _by_rule(reasons: dict[tuple[str, str], list[str]], codes: dict[tuple[str, str], set[str]],
             analysis: Analysis) -> list[Decision]:
    """One decision per scheduling rule that gave way for several subjects (taken
    out of `reasons`): a rule giving way for thirty populations is one arbitration
    about that rule, saying how many and which, not thirty lines of the same."""
    by_rule: dict[str, list[str]] = {}
    for (kind, subject), rules in codes.items():
        if kind == RULE_GAVE_WAY and len(rules) == 1:
            by_rule.setdefault(next(iter(rules)), []).append(subject)
    method, lang = analysis.method, analysis.lang
    found = []
    for rule, subjects in by_rule.items():
        if len(subjects) < 2:
            continue
        first = reasons[(RULE_GAVE_WAY, subjects[0])][0]
        for subject in subjects:
            del reasons[(RULE_GAVE_WAY, subject)]
        label = method.text(f"training_plan.deck.warning_kinds.{rule}", lang)
        reason = method.text("findings.decisions.grouped", lang, rule=label, count=len(subjects),
                             subjects=method.text("findings.budget.separator", lang).join(subjects),
                             first=first)
        found.append(Decision(stable_id("D", RULE_GAVE_WAY, rule), RULE_GAVE_WAY,
                              method.text("findings.decisions.grouped_subject", lang,
                                          rule=label[:1].lower() + label[1:],
                                          count=len(subjects)), reason))
    return found
