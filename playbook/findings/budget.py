"""The plan's cost, as the client budgets it: cash and internal time apart.

Cash is what the client pays out for this plan: the trainers' days at the
trainer-day rate, the external consultants' and integrator's days at their day
rate, and the material it buys (the last two as the engagement gives them).
Internal time is its own people's days, valued at the
learner-day cost (the cost of a day of an employee away from work): learners
in training, key users and the change team carrying the Change plan's actions.
Staff another company employs (dealers, brokers) are not the client's cost: their
days in training are stated apart, never valued.
Only cash is compared with the change-and-training budget of the business case;
internal time is stated beside it, never added to it, and compared with the
days the client agreed to give when the engagement says so.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from ..text import grammar
from .records import CASH, INTERNAL_TIME, PARTNER_TIME, Budget, CostLine, Effort

if TYPE_CHECKING:
    from ..analysis.engine import Analysis
    from ..model import EngagementInfo

# Change plan owners whose days are the key users' (the others are the change team's).
KEY_USER_OWNERS = frozenset({"key_users"})


def budget(analysis: Analysis, effort: Effort) -> Budget:
    """The budget lines; the Change plan's days are split as `effort` prints them,
    so key users and change team add up to the plan's printed total."""
    engagement = analysis.engagement
    info, limits = engagement.engagement, engagement.training
    total = analysis.training_plan.totals.iloc[-1]  # the "all lots" row
    key_user_labels = {analysis.method.levers.owners[o].in_(analysis.lang) for o in KEY_USER_OWNERS}
    key_users = [o for o in effort.by_owner if o.owner in key_user_labels]
    key_user_days = sum(o.days for o in key_users)
    key_user_shown = sum(o.shown for o in key_users)
    internal = limits.learner_day_cost
    trainer_days = float(total["trainer_days"])
    # The client's own learners are its cost; other employers' staff in training are not.
    partner_days = float(total["partner_learner_days"])
    learner_days = float(total["learner_days"]) - partner_days
    partners = tuple(p.name for p in engagement.populations if p.external)
    raw = [
        CostLine("trainers", CASH, trainer_days, limits.trainer_day_rate,
                 grammar.rounded_days(trainer_days)[0]),
        *_bought(info),
        CostLine("learners", INTERNAL_TIME, learner_days, internal,
                 grammar.rounded_days(learner_days)[0]),
        CostLine("key_users", INTERNAL_TIME, key_user_days, internal, key_user_shown),
        CostLine("change_team", INTERNAL_TIME, effort.days - key_user_days, internal,
                 effort.shown - key_user_shown),
    ]
    if partner_days:
        raw.append(CostLine("partner_learners", PARTNER_TIME, partner_days, None,
                            grammar.rounded_days(partner_days)[0]))
    lines, cash_shown = _rounded(raw, CASH)
    lines, internal_shown = _rounded(lines, INTERNAL_TIME)
    budgets = [o.budget for o in engagement.objectives if o.budget is not None]
    return Budget(
        currency=info.currency, lines=tuple(lines), envelope=info.change_budget,
        objectives=float(sum(budgets)) if budgets else None,
        cash_shown=cash_shown, internal_shown=internal_shown,
        internal_budget=info.internal_days_budget,
        partners=partners if partner_days else (),
    )


def _bought(info: EngagementInfo) -> list[CostLine]:
    """The cash lines the engagement gives as such: external days at their rate, material."""
    lines = []
    if info.external_days is not None:
        lines.append(CostLine("external", CASH, info.external_days, info.external_day_rate,
                              grammar.rounded_days(info.external_days)[0]))
    if info.material_cost is not None:
        lines.append(CostLine("material", CASH, 0.0, None, 0.0, lump=info.material_cost))
    return lines


def _rounded(lines: list[CostLine], kind: str) -> tuple[list[CostLine], float | None]:
    """`lines` with the `shown` amounts of those of `kind`, rounded so that they
    add up to their rounded total, and that total (None: a line is not costed).
    An amount the engagement gives as such (material) is never printed otherwise
    than given: the step of rounding is then one it is a multiple of."""
    own = [line for line in lines if line.kind == kind]
    if not own or any(line.amount is None for line in own):
        return lines, None
    amounts = [line.amount or 0.0 for line in own]
    step = _step(sum(amounts), [line.lump for line in own if line.lump is not None])
    parts = _parts(amounts, step)
    shown = dict(zip((line.code for line in own), parts, strict=True))
    out = [replace(line, shown=shown[line.code]) if line.code in shown else line
           for line in lines]
    return out, float(sum(parts))


def _step(total: float, given: list[float]) -> float:
    """`rounded_money`'s step for `total` (100 below 10 000, else 1 000), or the
    coarsest finer one every given amount is a multiple of."""
    coarsest = 100 if abs(total) < 10_000 else 1_000
    for step in (coarsest, 100, 10, 1):
        if step <= coarsest and all(float(g / step).is_integer() for g in given):
            return float(step)
    return 0.01


def _parts(parts: list[float], step: float) -> list[float]:
    """`parts` rounded to `step` so that they add up to their total rounded to it:
    the largest remainders take the difference (`grammar.rounded_parts`)."""
    if step == 1_000 or (step == 100 and abs(sum(parts)) < 10_000):
        return grammar.rounded_parts(parts)
    target = round(sum(parts) / step)
    units = [math.floor(p / step + 1e-9) for p in parts]
    order = sorted(range(len(parts)), key=lambda i: units[i] - parts[i] / step)
    for i in order[:max(0, target - sum(units))]:
        units[i] += 1
    return [round(u * step, 2) for u in units]
