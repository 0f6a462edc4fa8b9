"""Shared review helpers: draw a deliverable chart in a notebook, list next steps."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..render.charts import render_png
from ..render.deliverables import common as c
from ..render.ir import Chart

NOTEBOOK_WIDTH_IN = 9.0


def show(chart: Chart, lang: str, width_in: float = NOTEBOOK_WIDTH_IN) -> Any:
    """The chart as the Word deliverable draws it, displayed inline in Jupyter.

    The same matplotlib drawing as the document (not a look-alike), so a label
    that overflows here overflows in the client's copy too.
    """
    from IPython.display import Image

    return Image(data=render_png(chart, lang, width_in))


def next_steps(analysis: Any) -> pd.DataFrame:
    """The dated next steps every deliverable closes with."""
    steps = c.next_steps(analysis)
    return pd.DataFrame({"date": [s.date for s in steps], "step": [s.text for s in steps]})
