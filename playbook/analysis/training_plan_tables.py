"""Tables of the training plan derived from its needs and calendar: modules,
totals per lot, onboarding of new hires, Kirkpatrick evaluation, support offer."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from ..method import Method
from ..model import Engagement
from .training_plan_calendar import sitting_count


def modules_table(needs: list[Any], sessions: pd.DataFrame, method: Method, lang: str,
                  session_hours: float | None = None) -> pd.DataFrame:
    """One row per module the plan uses, catalogue order, with its objectives and totals;
    `sittings`: how many of the client's sessions (of `session_hours`) a led module
    takes, 0 for a self-paced one."""
    catalogue = method.training
    rows = []
    for module in catalogue.modules:
        own = [n for n in needs if n.module.id == module.id]
        if not own:
            continue
        placed = sessions[sessions["module"] == module.id]
        fmt = catalogue.formats[module.format]
        rows.append(
            {
                "module": module.id,
                "label": module.label.in_(lang),
                "audience": module.audience,
                "format": fmt.label.in_(lang),
                "hours": module.hours,
                "objectives": [o.in_(lang) for o in module.objectives],
                "prerequisite": catalogue.module(module.prerequisite).label.in_(lang)
                if module.prerequisite
                else "",
                "populations": len({n.population for n in own}),
                "learners": sum(n.headcount for n in own),
                "sittings": sitting_count(module.hours, session_hours)
                if fmt.led_by_trainer and session_hours else 0,
                "sessions": len(placed),
                "trainer_days": float(placed["trainer_days"].sum()),
                # What the calendar holds, as the plan's totals count it: a led
                # module's seats left unplaced (capacity) are not days learners spend.
                "learner_days": float(placed["learner_days"].sum()) if fmt.led_by_trainer
                else sum(n.headcount for n in own) * module.hours / catalogue.day_hours,
            }
        )
    columns = [
        "module", "label", "audience", "format", "hours", "objectives", "prerequisite",
        "populations", "learners", "sittings", "sessions", "trainer_days", "learner_days",
    ]
    return pd.DataFrame(rows, columns=columns).set_index("module")


def totals(
    calendar: pd.DataFrame, sessions: pd.DataFrame, needs: list[Any], engagement: Engagement,
    method: Method, lang: str,
) -> pd.DataFrame:
    """Per lot and in total: sessions, trainer-days, learner-days, seats, cost.

    `seats_needed` counts one seat per person and module; `seats_placed` those
    the calendar holds before go-live (self-paced modules count as placed):
    their ratio is the training coverage the plan achieves. Sessions and
    trainer-days are counted on the sessions (one shared by several populations
    counts once), the rest on the calendar's rows. `partner_learner_days`
    are those of populations another company employs: their time is not the
    client's cost, so `learner_cost` leaves them out.
    """
    limits = engagement.training
    partners = {p.name for p in engagement.populations if p.external}
    rows = []
    lots = list(dict.fromkeys([*calendar["lot"], *(n.lot for n in needs)]))
    for lot in lots:
        own = calendar[calendar["lot"] == lot]
        dated = sessions[sessions["lot"] == lot] if len(sessions) else sessions
        theirs = own[own["population"].isin(partners)]
        rows.append(
            {
                "lot": lot,
                "sessions": len(dated),
                "trainer_days": float(dated["trainer_days"].sum()) if len(dated) else 0.0,
                "learner_days": float(own["learner_days"].sum()),
                "partner_learner_days": float(theirs["learner_days"].sum()),
                "seats_needed": sum(n.headcount for n in needs if n.lot == lot),
                "seats_placed": int(own["participants"].sum()),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["lot", "sessions", "trainer_days", "learner_days", "partner_learner_days",
                       "seats_needed", "seats_placed"]
    )
    total = {"lot": method.training.texts["all_lots"].in_(lang)}
    # Column by column: with no lot to train, an empty column still sums to 0.
    total.update({column: frame[column].sum() for column in frame.columns if column != "lot"})
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    for column in ("sessions", "seats_needed", "seats_placed"):
        frame[column] = frame[column].astype(int)
    for column in ("trainer_days", "learner_days", "partner_learner_days"):
        frame[column] = frame[column].astype(float)
    frame["coverage"] = [
        placed / needed if needed else 1.0
        for placed, needed in zip(frame["seats_placed"], frame["seats_needed"], strict=True)
    ]
    frame["trainer_cost"] = _cost(frame["trainer_days"], limits.trainer_day_rate)
    frame["learner_cost"] = _cost(frame["learner_days"] - frame["partner_learner_days"], limits.learner_day_cost)
    return frame.set_index("lot")


def _cost(days: pd.Series, rate: float | None) -> pd.Series:
    if rate is None:
        return pd.Series([None] * len(days), index=days.index, dtype=object)
    return days * rate


def onboarding(engagement: Engagement, method: Method, lang: str) -> pd.DataFrame:
    """New hires of CRM-user populations, per year: the onboarding module (seed 002)."""
    catalogue = method.training
    module = next(m for m in catalogue.modules if m.audience == "new_hire")
    fmt = catalogue.formats[module.format]
    group = min(engagement.training.max_group_size, fmt.group_size or engagement.training.max_group_size)
    rows = []
    for population in engagement.populations:
        hires = population.new_hires_per_year
        if not population.crm_user or hires <= 0:
            continue
        sessions = math.ceil(hires / group) if fmt.led_by_trainer else 0
        rows.append(
            {
                "population": population.name,
                "module": module.id,
                "label": module.label.in_(lang),
                "format": fmt.label.in_(lang),
                "new_hires_per_year": hires,
                "sessions_per_year": sessions,
                "trainer_days_per_year": sessions * module.hours / catalogue.day_hours,
                "learner_days_per_year": hires * module.hours / catalogue.day_hours,
            }
        )
    columns = [
        "population", "module", "label", "format", "new_hires_per_year", "sessions_per_year",
        "trainer_days_per_year", "learner_days_per_year",
    ]
    return pd.DataFrame(rows, columns=columns)


def evaluation(table: pd.DataFrame, sessions: pd.DataFrame, method: Method, lang: str) -> pd.DataFrame:
    """Kirkpatrick's four levels per lot, dated: reaction and learning at the end
    of each session (the wave's dates), behaviour and results weeks after go-live."""
    rows = []
    for lot in table.index:
        go_live = table.at[lot, "go_live"].date()
        own = sessions[sessions["lot"] == lot]
        for level in method.training.evaluation:
            if level.weeks_after_go_live == 0 and len(own):
                start, end = min(own["start"]), max(own["end"])
            else:
                start = end = go_live + dt.timedelta(weeks=level.weeks_after_go_live)
            rows.append(
                {
                    "lot": lot,
                    "level": level.level,
                    "label": level.label.in_(lang),
                    "measure": level.measure.in_(lang),
                    "instrument": level.instrument.in_(lang),
                    "start": start,
                    "end": end,
                }
            )
    return pd.DataFrame(rows, columns=["lot", "level", "label", "measure", "instrument", "start", "end"])


def support(table: pd.DataFrame, method: Method, lang: str) -> pd.DataFrame:
    """The support offer around each go-live (seed 000: accompany first steps)."""
    rows = []
    for lot in table.index:
        go_live = table.at[lot, "go_live"].date()
        for offer in method.training.support:
            rows.append(
                {
                    "lot": lot,
                    "offer": offer.id,
                    "label": offer.label.in_(lang),
                    "description": offer.description.in_(lang),
                    "start": go_live,
                    "end": go_live + dt.timedelta(weeks=offer.weeks_after_go_live),
                }
            )
    return pd.DataFrame(rows, columns=["lot", "offer", "label", "description", "start", "end"])
