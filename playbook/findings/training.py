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
    # Read once as plain rows: every lot then picks its own without a mask per question.
    sessions = _rows(plan.sessions, "lot", "wave", "audience", "start", "end")
    waves = _rows(plan.calendar, "lot", "wave", "start", "end")
    lots = []
    for lot in plan.totals.index[:-1]:  # the last row is the total of all lots
        own = [s for s in sessions if s[0] == lot]
        users = [s for s in own if s[1] == END_USERS]
        acceptance_end = _date(table.at[lot, "acceptance_end"])
        go_live = go_lives[str(lot)]
        starts = [_date(s[3]) for s in users]
        ends = [_date(s[4]) for s in users]
        lots.append(LotTraining(
            lot=str(lot), acceptance_end=acceptance_end, go_live=go_live,
            key_users=_span(own, KEY_USER),
            administrators=_span(own, ADMINISTRATOR),
            end_users=_wave_span([w for w in waves if w[0] == lot], END_USERS),
            first_user_session=min(starts) if starts else None,
            user_sessions=len(users),
            before_acceptance_end=sum(1 for start in starts if start <= acceptance_end),
            after_go_live=sum(1 for end in ends if end >= go_live),
            unplaced=plan.unplaced.get(str(lot), 0),
        ))
    total = plan.totals.iloc[-1]
    return Training(tuple(lots), seats_needed=int(total["seats_needed"]),
                    seats_placed=int(total["seats_placed"]))


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    """`columns` of `frame`, one tuple per row, in the frame's order."""
    return list(zip(*(frame[name] for name in columns), strict=True))


def _date(value: Any) -> dt.date:
    return value.date() if isinstance(value, pd.Timestamp | dt.datetime) else value


def _span(sessions: list[tuple[Any, ...]], audience: str) -> Span | None:
    """The preparatory sessions of one audience (key users, administrators), from
    rows of (lot, wave, audience, start, end)."""
    own = [s for s in sessions if s[1] == PREPARATORY and s[2] == audience]
    if not own:
        return None
    return Span(min(_date(s[3]) for s in own), max(_date(s[4]) for s in own))


def _wave_span(waves: list[tuple[Any, ...]], wave: str) -> Span | None:
    """One wave's first and last day, from rows of (lot, wave, start, end)."""
    own = [w for w in waves if w[1] == wave]
    if not own:
        return None
    return Span(min(_date(w[2]) for w in own), max(_date(w[3]) for w in own))
