"""Training dates per lot, and the order claims the schedule supports.

"Key users first", "after acceptance testing", "before go-live" are read from
the dated sessions here, so a sentence says them only when they hold.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..analysis.milestones import milestones
from ..analysis.training_plan import END_USERS, PREPARATORY
from .records import LotTraining, Span, Training

if TYPE_CHECKING:
    from ..analysis.engine import Analysis

KEY_USER, ADMINISTRATOR = "key_user", "administrator"


def training(analysis: Analysis) -> Training:
    plan = analysis.training_plan
    table = milestones(analysis.engagement, analysis.method)
    go_lives = {lot.name: lot.go_live for lot in analysis.engagement.lots}
    lots = []
    for lot in plan.totals.index[:-1]:  # the last row is the total of all lots
        sessions = plan.sessions[plan.sessions["lot"] == lot]
        calendar = plan.calendar[plan.calendar["lot"] == lot]
        users = sessions[sessions["wave"] == END_USERS]
        acceptance_end = _date(table.at[lot, "acceptance_end"])
        go_live = go_lives[str(lot)]
        starts = [_date(s) for s in users["start"]]
        ends = [_date(e) for e in users["end"]]
        lots.append(LotTraining(
            lot=str(lot), acceptance_end=acceptance_end, go_live=go_live,
            key_users=_span(sessions, calendar, KEY_USER),
            administrators=_span(sessions, calendar, ADMINISTRATOR),
            end_users=_wave_span(calendar, END_USERS),
            first_user_session=min(starts) if starts else None,
            user_sessions=len(users),
            before_acceptance_end=sum(1 for start in starts if start <= acceptance_end),
            after_go_live=sum(1 for end in ends if end >= go_live),
            unplaced=plan.unplaced.get(str(lot), 0),
        ))
    total = plan.totals.iloc[-1]
    return Training(tuple(lots), seats_needed=int(total["seats_needed"]),
                    seats_placed=int(total["seats_placed"]))


def _date(value: Any) -> dt.date:
    return value.date() if isinstance(value, pd.Timestamp | dt.datetime) else value


def _span(sessions: pd.DataFrame, calendar: pd.DataFrame, audience: str) -> Span | None:
    """The preparatory sessions of one audience (key users, administrators)."""
    own = sessions[(sessions["wave"] == PREPARATORY) & (sessions["audience"] == audience)]
    if not len(own):
        return None
    return Span(min(_date(s) for s in own["start"]), max(_date(e) for e in own["end"]))


def _wave_span(calendar: pd.DataFrame, wave: str) -> Span | None:
    own = calendar[calendar["wave"] == wave]
    if not len(own):
        return None
    return Span(min(_date(s) for s in own["start"]), max(_date(e) for e in own["end"]))
