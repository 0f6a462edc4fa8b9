"""Review tables and charts of the Framing note (notebook 01)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.engine import Analysis
from ..render.deliverables import framing_note as fn
from .common import figure


def objectives(analysis: Analysis) -> pd.DataFrame:
    """The objectives chain with its measures and means; budget gaps stand out as NaN."""
    return pd.DataFrame([o.model_dump() for o in analysis.engagement.objectives],
                        columns=["business_objective", "crm_objective", "kpi", "unit", "baseline", "target",
                                 "due_date", "budget", "owner", "resources"])


def scope(analysis: Analysis) -> pd.DataFrame:
    """Populations with headcount, use of the CRM and the lots they go live in."""
    e = analysis.engagement
    return pd.DataFrame([{"population": p.name, "function": p.function, "level": p.level.value,
                          "territory": p.territory, "headcount": p.headcount, "crm_user": p.crm_user,
                          "lots": ", ".join(lot.name for lot in e.lots_of(p.name))}
                         for p in e.populations]).set_index("population")


def team(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame([m.model_dump(mode="json") for m in analysis.engagement.governance.team],
                        columns=["name", "function", "role", "seniority", "allocation",
                                 "released_from_daily_work"])


def governance_findings(analysis: Analysis) -> list[str]:
    """What the framing must still settle (missing key users, senior profiles, local sponsors)."""
    return fn.governance_findings(analysis)


def raci(analysis: Analysis) -> pd.DataFrame:
    """The RACI matrix exactly as the deliverable prints it."""
    table = fn.raci_table(analysis)
    return pd.DataFrame(table.rows, columns=table.columns).set_index(table.columns[0])


def workshops(analysis: Analysis) -> pd.DataFrame:
    rows = fn.workshop_rows(analysis, full=True)
    return pd.DataFrame(rows, columns=["workshop", "date", "participants", "status", "notes"])


def criteria(analysis: Analysis) -> pd.DataFrame:
    return analysis.steering.criteria[["label", "status", "rag", "evidence", "advice"]]


def balance(analysis: Analysis) -> pd.DataFrame:
    return analysis.steering.balance[["label", "effort_days", "share", "target", "deviation",
                                      "within_tolerance"]]


def first_risks(analysis: Analysis) -> pd.DataFrame:
    """Medium and high risks of rejection and misuse, with their first reason."""
    e = analysis.engagement
    return pd.DataFrame([{"population": r.population, "headcount": e.population(r.population).headcount,
                          "risk": r.kind, "level": r.level, "reason": r.reasons[0] if r.reasons else ""}
                         for r in fn.first_risks(analysis)],
                        columns=["population", "headcount", "risk", "level", "reason"])


def charts(analysis: Analysis, templates_dir: str | Path | None = None) -> dict[str, Any]:
    """The deliverable's charts: territories, seniority balance, effort balance, lots Gantt."""
    drawn = {"territories": figure(analysis, fn.territory_chart(analysis), templates_dir),
             "balance": figure(analysis, fn.balance_chart(analysis), templates_dir)}
    if analysis.engagement.governance.team:
        drawn["seniority"] = figure(analysis, fn.seniority_chart(analysis), templates_dir, 6)
    if analysis.engagement.lots:
        drawn["plan"] = figure(analysis, fn.gantt_chart(analysis), templates_dir)
    return drawn
