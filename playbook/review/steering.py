"""Review tables of the COPIL pack (step 5), for the consultant's notebook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..render.deliverables import steering as deliverable
from .common import figure


def kpis(analysis: Any) -> pd.DataFrame:
    columns = ["name", "population", "latest", "latest_date", "previous_value", "trend", "rag",
               "falling", "target", "amber_from", "forecast", "forecast_rag", "target_date"]
    return deliverable.pack_of(analysis).kpis[columns]


def adoption(analysis: Any) -> pd.DataFrame:
    return deliverable.pack_of(analysis).adoption


def territories(analysis: Any) -> pd.DataFrame:
    return deliverable.pack_of(analysis).territories


def adoption_figure(analysis: Any, templates_dir: str | Path | None = None) -> Any:
    pack = deliverable.pack_of(analysis)
    return figure(analysis, deliverable.adoption_chart(analysis, pack) if len(pack.adoption) else None,
                  templates_dir)


def late_and_due(analysis: Any) -> pd.DataFrame:
    actions = deliverable.pack_of(analysis).actions
    return actions[actions["late"] | actions["due"]]


def pulses(analysis: Any) -> pd.DataFrame:
    return deliverable.pack_of(analysis).pulses


def behind(analysis: Any) -> pd.DataFrame:
    return deliverable.pack_of(analysis).behind


def criteria(analysis: Any) -> pd.DataFrame:
    return deliverable.pack_of(analysis).criteria


def decisions(analysis: Any) -> pd.DataFrame:
    pack = deliverable.pack_of(analysis)
    return pd.DataFrame([vars(d) for d in pack.decisions], columns=["kind", "subject", "text", "reason"])


def changes(analysis: Any) -> list[str]:
    return list(deliverable.pack_of(analysis).changes)
