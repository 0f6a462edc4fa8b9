"""Review tables and figures of the Change plan, for the consultant's notebook.

The consultant checks that every impacted population gets levers on all three
pillars, that actions start at design (not after acceptance testing), that the
effort is plausible month by month, and what the COPIL will be asked to
arbitrate. Tables come from `analysis.change_plan`; figures are the
deliverable's own charts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.change_plan_tables import ALL
from ..analysis.engine import Analysis
from ..method.levers import PILLARS
from ..render.deliverables import change_plan as deliverable
from .common import figure

ACTION_COLUMNS = ["id", "date", "lot", "phase", "pillar", "action", "population", "owner_label",
                  "owner_name", "effort_days", "reason"]


def actions(analysis: Analysis, population: str | None = None) -> pd.DataFrame:
    """The dated actions (all, or one population's), with their reasons."""
    frame = analysis.change_plan.actions
    if population is not None:
        frame = frame[frame["population"] == population]
    return frame[ACTION_COLUMNS]


def pillar_coverage(analysis: Analysis) -> pd.DataFrame:
    """Levers per pillar for each population; `missing` lists the empty pillars
    of an impacted population (seed 004: all three, for every population)."""
    frame = analysis.change_plan.by_population.drop(index=ALL, errors="ignore").copy()
    frame["missing"] = [
        ", ".join(p for p in PILLARS if row[p] == 0) if (row["impact"] or 0) > 0 else ""
        for _, row in frame.iterrows()
    ]
    return frame


def started_before_acceptance(analysis: Analysis) -> pd.DataFrame:
    """Per lot: how many actions happen before its acceptance testing starts."""
    plan = analysis.change_plan
    acts = plan.actions
    rows = []
    for lot, row in plan.milestones.iterrows():
        own = acts[acts["lot"] == lot]
        rows.append({"lot": lot, "actions": len(own),
                     "before_acceptance": int((own["date"] < row["acceptance"]).sum()),
                     "after_go_live": int((own["date"] > row["go_live"]).sum())})
    return pd.DataFrame(rows).set_index("lot")


def effort(analysis: Analysis) -> dict[str, pd.DataFrame]:
    plan = analysis.change_plan
    return {"by_pillar": plan.by_pillar, "by_population": plan.by_population,
            "by_lever": plan.by_lever, "by_month": plan.by_month}


def arbitration(analysis: Analysis) -> pd.DataFrame:
    return analysis.change_plan.arbitration


def timeline_figure(analysis: Analysis, templates_dir: str | Path | None = None) -> Any:
    return figure(analysis, deliverable.timeline_chart(analysis), templates_dir)


def month_figure(analysis: Analysis, templates_dir: str | Path | None = None) -> Any:
    return figure(analysis, deliverable.month_chart(analysis), templates_dir)
