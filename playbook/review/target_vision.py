"""Review tables and charts of the Target vision (notebook 02)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.engine import Analysis
from ..render.deliverables import target_vision as tv
from .common import figure


def life_tomorrow(analysis: Analysis) -> pd.DataFrame:
    """Each population's life tomorrow and gains; empty cells are what is still to write."""
    return pd.DataFrame([{"population": p.name, "headcount": p.headcount, "crm_user": p.crm_user,
                          "life_tomorrow": p.life_tomorrow, "gains": p.gains}
                         for p in analysis.engagement.populations]).set_index("population")


def personas(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame([p.model_dump(mode="json") for p in analysis.engagement.personas],
                        columns=["name", "population", "it_comfort", "customer_service_sense",
                                 "loses_by_sharing", "fears", "view_of_tool", "quote"])


def journeys(analysis: Analysis) -> pd.DataFrame:
    """Journey steps by population and stage, with pain point, improvement, priority, effort."""
    rows = [{"population": s.population, "stage": s.stage.value, "pain_point": s.pain_point,
             "improvement": s.improvement, "priority": s.priority.value, "effort_days": s.effort_days}
            for steps in tv.journeys_by_population(analysis).values() for s in steps]
    return pd.DataFrame(rows, columns=["population", "stage", "pain_point", "improvement", "priority",
                                       "effort_days"])


def arbitration(analysis: Analysis) -> pd.DataFrame:
    """Improvements and effort per priority: what the COPIL is asked to arbitrate."""
    totals = tv.effort_by_priority(analysis)
    return pd.DataFrame([{"priority": p.value, "improvements": n, "effort_days": d}
                         for p, (n, d) in totals.items()]).set_index("priority")


def use_cases(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame([u.model_dump(mode="json") for u in analysis.engagement.use_cases],
                        columns=["lot", "name", "population", "functional_block", "priority"])


def kpis(analysis: Analysis) -> pd.DataFrame:
    return analysis.steering.kpis[["family", "name", "population", "unit", "baseline", "target",
                                   "amber_from", "first_review", "source"]]


def desiloing(analysis: Analysis) -> pd.DataFrame:
    """Where the diagnosis found the de-siloing brake: the limit of the 360° ambition."""
    return pd.DataFrame([{"population": b.population, "severity": b.severity, "observed": b.observed,
                          "reason": b.reasons[0] if b.reasons else ""}
                         for b in analysis.diagnosis.brakes if b.brake == "desiloing"],
                        columns=["population", "severity", "observed", "reason"])


def charts(analysis: Analysis, templates_dir: str | Path | None = None) -> dict[str, Any]:
    drawn = {}
    if analysis.engagement.use_cases and analysis.engagement.lots:
        drawn["use_cases"] = figure(analysis, tv.use_case_chart(analysis), templates_dir)
    if any(s.effort_days for s in analysis.engagement.journeys):
        drawn["effort"] = figure(analysis, tv.effort_chart(analysis), templates_dir)
    return drawn
