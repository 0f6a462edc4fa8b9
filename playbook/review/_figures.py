"""Draw a deliverable chart for a notebook: the rendering module's PNG, shown
inline. Private to the review helpers."""

from __future__ import annotations

from typing import Any

NOTEBOOK_WIDTH_IN = 7.5


def png(chart: Any, lang: str, width_in: float = NOTEBOOK_WIDTH_IN) -> Any:
    """An `IPython.display.Image` of `chart`, as the Word document draws it."""
    from IPython.display import Image

    from ..render.charts import render_png

    return Image(data=render_png(chart, lang, width_in))
