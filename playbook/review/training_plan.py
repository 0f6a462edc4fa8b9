"""Review tables and figures of the training plan, for the consultant's notebook.

Beyond the plan's own tables, two checks a consultant makes by hand otherwise:
that key users are trained before the end users of each lot, and that no
session falls in a blackout period of its territory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.engine import Analysis
from ..render.deliverables import training_plan as deliverable
from .common import figure


def needs(analysis: Analysis) -> pd.DataFrame:
    return analysis.training_plan.needs


def modules(analysis: Analysis) -> pd.DataFrame:
    return analysis.training_plan.modules


def calendar(analysis: Analysis) -> pd.DataFrame:
    return analysis.training_plan.calendar


def totals(analysis: Analysis) -> pd.DataFrame:
    return analysis.training_plan.totals


def trainers_first(analysis: Analysis) -> pd.DataFrame:
    """Per lot: end of the preparatory wave against the first led end-user
    session; `ok` is False when key users would be trained too late, None when
    the lot has no preparatory wave (its key users were trained for an earlier lot)."""
    rows = []  # one per lot; none when nobody is trained yet
    for lot, waves in deliverable.wave_dates(analysis).items():
        prep = waves[deliverable.PREPARATORY]
        first = deliverable.first_led_session(analysis, lot)
        rows.append({"lot": lot, "preparatory_end": prep[1] if prep else None,
                     "first_end_user_session": first,
                     "ok": None if not (prep and first) else bool(prep[1] < first)})
    columns = ["lot", "preparatory_end", "first_end_user_session", "ok"]
    return pd.DataFrame(rows, columns=columns).set_index("lot")


def sessions_in_blackouts(analysis: Analysis) -> pd.DataFrame:
    """Sessions that overlap a blackout of their territory (or of every territory):
    the table should be empty. A session's territories are its learners' (the key
    users of several territories share one), as the calendar reads them."""
    engagement = analysis.engagement
    clashes = []
    for _, session in analysis.training_plan.sessions.iterrows():
        for blackout in engagement.training.blackouts:
            if blackout.territory and blackout.territory not in session["territories"]:
                continue
            if session["start"] <= blackout.end and session["end"] >= blackout.start:
                clashes.append({**session.to_dict(), "blackout": blackout.reason})
    return pd.DataFrame(clashes)


def waves_figure(analysis: Analysis, lot: str | None = None,
                 templates_dir: str | Path | None = None) -> Any:
    return figure(analysis, deliverable.waves_chart(analysis, lot), templates_dir)
