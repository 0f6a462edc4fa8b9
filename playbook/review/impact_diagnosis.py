"""Review tables and figures of the impact diagnosis, for the consultant's
notebook: the same numbers the deliverable prints, laid out to be checked.

Tables are plain DataFrames (sortable, filterable in a notebook); figures are
the deliverable's own charts drawn as PNG by the rendering module, so what the
consultant reviews is exactly what the client will see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.engine import Analysis
from ..render.deliverables import impact_diagnosis as deliverable
from .common import figure


def heat_map(analysis: Analysis) -> pd.DataFrame:
    """Intensities per population and dimension, with the overall level, its
    breadth bump and the impact × buy-in segment."""
    diagnosis = analysis.diagnosis
    frame = diagnosis.matrix.copy()
    frame["level"] = diagnosis.levels["level"]
    frame["bumped"] = diagnosis.levels["bumped"]
    frame["crm_user"] = diagnosis.levels["crm_user"]
    frame["buy_in"] = diagnosis.segments["buy_in"]
    frame["segment"] = diagnosis.segments["segment_label"]
    return frame


def people_per_dimension(analysis: Analysis) -> pd.DataFrame:
    return analysis.diagnosis.dimension_totals


def brakes(analysis: Analysis) -> pd.DataFrame:
    """One row per brake found, most severe first, reasons joined."""
    rows = [{"population": b.population, "brake": b.brake, "severity": b.severity,
             "observed": b.observed, "reasons": "\n".join(b.reasons)}
            for b in analysis.diagnosis.brakes]
    frame = pd.DataFrame(rows, columns=["population", "brake", "severity", "observed", "reasons"])
    return frame.sort_values(["severity", "observed"], ascending=False, kind="stable")


def risks(analysis: Analysis) -> pd.DataFrame:
    """Population × risk kind: level 0–3, and the strongest reason of each."""
    rows: dict[str, dict[str, object]] = {}
    for r in analysis.diagnosis.risks:
        row = rows.setdefault(r.population, {"population": r.population})
        row[r.kind] = r.level
        row[f"{r.kind}_reason"] = r.reasons[0] if r.reasons else ""
    return pd.DataFrame(list(rows.values())).set_index("population")


def warnings(analysis: Analysis) -> pd.DataFrame:
    """The method's checks: what to look at before writing the Change plan."""
    return pd.DataFrame([vars(w) for w in analysis.diagnosis.warnings],
                        columns=["code", "message", "subject", "severity"])


def heat_map_figure(analysis: Analysis, templates_dir: str | Path | None = None) -> Any:
    """The shaded heat map as a figure (dimensions × populations, 0–3)."""
    from ..render.ir import Chart, Series

    matrix = analysis.diagnosis.matrix
    codes = list(analysis.method.dimensions.codes)
    chart = Chart(kind="heatmap", value_range=deliverable.SCALE,
                  categories=[analysis.method.term("dimension", c, analysis.lang) for c in codes],
                  series=[Series(str(name), [float(v) for v in row[codes]])
                          for name, row in matrix.iterrows()])
    return figure(analysis, chart, templates_dir)


def bubble_figure(analysis: Analysis, templates_dir: str | Path | None = None) -> Any:
    return figure(analysis, deliverable.bubble_chart(analysis), templates_dir)


def people_figure(analysis: Analysis, templates_dir: str | Path | None = None) -> Any:
    return figure(analysis, deliverable.people_chart(analysis), templates_dir)
