"""The Change plan's effort by owner, reconciled with the plan's total."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..text import grammar
from .records import Effort, OwnerEffort

if TYPE_CHECKING:
    from ..analysis.engine import Analysis


def effort(analysis: Analysis) -> Effort:
    actions = analysis.change_plan.actions
    total = analysis.change_plan.total_days
    shown_total = grammar.rounded_days(total)[0]
    rows: list[tuple[str, tuple[str, ...], int, float]] = []
    if len(actions):
        for label, own in actions.groupby("owner_label", sort=False):
            names = tuple(dict.fromkeys(str(n) for n in own["owner_name"] if n))
            # distinct actions (a recurring one counted once), as the plan's other counts
            distinct = len(own[["population", "lever"]].drop_duplicates())
            rows.append((str(label), names, distinct, float(own["effort_days"].sum())))
    rows.sort(key=lambda r: -r[3])
    shown = day_parts([r[3] for r in rows], shown_total)
    return Effort(total, shown_total, tuple(
        OwnerEffort(label, names, count, days, part)
        for (label, names, count, days), part in zip(rows, shown, strict=True)))


def day_parts(parts: list[float], total: float) -> list[float]:
    """`parts` rounded to the step of `total` as printed (a whole day, or a half
    day under ten) so that they add up to it: the largest remainders take the
    difference (358.5 printed owner by owner over a plan of 356 is what this ends)."""
    if not parts:
        return []
    step = 1.0 if float(total).is_integer() and total >= 10 else 0.5
    floors = [math.floor(p / step) * step for p in parts]
    missing = round((total - sum(floors)) / step)
    order = sorted(range(len(parts)), key=lambda i: floors[i] - parts[i])  # largest remainder first
    for i in order[:max(0, missing)]:
        floors[i] += step
    # something that happens is never shown as 0 days (6 learners × half an hour):
    # it shows half a day, taken from the part the rounding most overstated
    half = min(step, 0.5)
    for i, part in enumerate(parts):
        if part > 0 and floors[i] == 0:
            donors = [j for j in range(len(parts)) if floors[j] > half]
            if not donors:
                continue
            donor = max(donors, key=lambda j: floors[j] - parts[j])
            floors[i], floors[donor] = half, floors[donor] - half
    return floors
