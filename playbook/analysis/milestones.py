"""Lot milestones: the dates every action of the Change plan and every training
wave hangs on.

Seed 004 starts change work at design, not after acceptance testing, and goes on
long after go-live; seed 000 deploys by lots. So each lot gives five dates:
design start, acceptance start, pre-go-live (go-live minus N weeks), go-live and
post-go-live reinforcement (go-live plus N weeks). N comes from the phases of
the levers catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..errors import MethodError
from ..method import Method
from ..model import Engagement, Lot

PHASES = ("design", "acceptance", "pre_go_live", "go_live", "post_go_live")

# The bundled catalogue's phases, used when no method is given.
_DEFAULT_PHASES = {
    "design": ("design_start", 0),
    "acceptance": ("acceptance_start", 0),
    "pre_go_live": ("go_live", -4),
    "go_live": ("go_live", 0),
    "post_go_live": ("go_live", 8),
}


def phase_rules(method: Method | None) -> dict[str, tuple[str, int]]:
    """Phase -> (lot anchor field, offset in weeks)."""
    if method is None:
        return dict(_DEFAULT_PHASES)
    return {code: (p.anchor, p.offset_weeks) for code, p in method.levers.phases.items()}


def milestones(engagement: Engagement, method: Method | None = None) -> pd.DataFrame:
    """One row per lot, earliest go-live first; columns are the five phases (dates).

    Also gives `lot_order` (1 = first to go live), `acceptance_end` (see
    `acceptance_end`) and `populations`.
    """
    rules = phase_rules(method)
    rows = []
    for order, lot in enumerate(sorted_lots(engagement), start=1):
        row: dict[str, Any] = {"lot": lot.name, "lot_order": order}
        for phase in PHASES:
            anchor, weeks = rules[phase]
            row[phase] = pd.Timestamp(getattr(lot, anchor) + dt.timedelta(weeks=weeks))
        row["acceptance_end"] = pd.Timestamp(acceptance_end(engagement, lot))
        row["populations"] = list(lot.populations)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["lot", "lot_order", *PHASES, "acceptance_end", "populations"])
    return frame.set_index("lot")


def acceptance_end(engagement: Engagement, lot: Lot) -> dt.date:
    """The last day of a lot's acceptance testing: the client's, or else the eve
    of the end-user training window (so training follows it by construction)."""
    if lot.acceptance_end is not None:
        return lot.acceptance_end
    window = dt.timedelta(weeks=engagement.training.weeks_before_go_live)
    return max(lot.acceptance_start, lot.go_live - window - dt.timedelta(days=1))


def sorted_lots(engagement: Engagement) -> list[Lot]:
    """Lots by go-live (then design start), the order in which they reach users."""
    return sorted(engagement.lots, key=lambda lot: (lot.go_live, lot.design_start))


def lot_of(engagement: Engagement, population: str) -> Lot:
    """The lot a population's actions hang on: the earliest it goes live in.

    A population in no lot (non-users, for instance) follows the first lot: the
    change reaches it when the CRM first goes live.
    """
    own = engagement.lots_of(population)
    if own:
        return own[0]
    lots = sorted_lots(engagement)
    if not lots:
        raise MethodError("the engagement has no deployment lot: actions cannot be dated")
    return lots[0]


def phase_date(
    table: pd.DataFrame, lot: str, phase: str, offset_weeks: int = 0
) -> pd.Timestamp:
    """Date of `phase` of `lot`, shifted by `offset_weeks`."""
    return table.at[lot, phase] + pd.Timedelta(weeks=offset_weeks)


def phase_at(table: pd.DataFrame, lot: str, date: pd.Timestamp) -> str:
    """The phase of `lot` a date falls in: the last milestone reached (design
    before the first one)."""
    current = PHASES[0]
    for phase in PHASES:
        if date >= table.at[lot, phase]:
            current = phase
    return current
