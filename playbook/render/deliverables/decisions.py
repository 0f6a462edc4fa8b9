"""The decisions the steering committee is asked for, as every deliverable says them.

One list (`findings.decisions`), one wording: each summary carries the same
sentence, the steering pack the same items, so no page can deny a decision
another page asks for.
"""

from __future__ import annotations

from ...analysis import Analysis
from ...findings import Decision, findings
from . import common as c


def of(analysis: Analysis) -> tuple[Decision, ...]:
    return findings(analysis).decisions


def topic(analysis: Analysis, decision: Decision) -> str:
    """'missing local sponsor (Grand Est)': what is to decide, and about what."""
    kind = c.text(analysis, f"findings.decisions.kind.{decision.kind}")
    if not decision.subject:
        return kind
    if decision.detail:
        return c.text(analysis, "findings.decisions.item_detail", kind=kind, subject=decision.subject,
                      detail=decision.detail)
    return c.text(analysis, "findings.decisions.item", kind=kind, subject=decision.subject)


def topics(analysis: Analysis) -> list[str]:
    """Each distinct topic once, most pressing kind first."""
    return list(dict.fromkeys(topic(analysis, d) for d in of(analysis)))


def summary_message(analysis: Analysis) -> str:
    """'3 decisions await the steering committee: …' ('' when there is none)."""
    decided = of(analysis)
    if not decided:
        return ""
    full = c.counted(analysis, "findings.decisions.summary", len(decided),
                     topics=c.text(analysis, "findings.budget.separator").join(topics(analysis)))
    return c.Message(full, c.counted(analysis, "findings.decisions.headline", len(decided)))


def short(analysis: Analysis, decision: Decision) -> str:
    """'schedule', 'local sponsor': the kind of a decision where a title has no room."""
    return c.text(analysis, f"findings.decisions.short.{decision.kind}")


def with_decisions(analysis: Analysis, messages: list[str], limit: int) -> list[str]:
    """The summary's `limit` messages with the decisions message always among them
    (last): a summary never leaves out what the committee must decide."""
    said = summary_message(analysis)
    if not said:
        return messages[:limit]
    return [*messages[:limit - 1], said]
