"""Shared review helpers: draw a deliverable chart in a notebook, list next steps."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from ..render.charts import document_height, render_png
from ..render.deliverables import common as c
from ..render.ir import Chart
from ..render.palette import Palette


def show(chart: Chart | None, lang: str, width_in: float | None = None) -> Any:
    """The chart as the Word deliverable draws it, displayed inline in Jupyter.

    The same drawing as the document, at the house document's width, height and
    colours (not a look-alike): a label that overflows here overflows in the
    client's copy too, and the document reuses this drawing instead of redoing it.
    """
    from IPython.display import Image, Markdown

    if chart is None:  # an early workbook: nothing planned yet
        from ..method import load_method

        return Markdown(f"*{load_method().text('common.nothing_to_chart', lang)}*")
    page_width, palette = _house_page()
    width = width_in or page_width
    return Image(data=render_png(chart, lang, width, palette, document_height(chart, width)))


@lru_cache(maxsize=1)
def _house_page() -> tuple[float, Palette]:
    """Text width (inches) and colours of the bundled Word template."""
    from ..render.palette import palette_from_template
    from ..render.templates import DOCX_NAME, default_template_dir, load_docx_template, text_width

    directory = default_template_dir()
    width = text_width(load_docx_template(directory)) / 914400
    return width, palette_from_template(directory / DOCX_NAME)


def next_steps(analysis: Any) -> pd.DataFrame:
    """The dated next steps every deliverable closes with."""
    steps = c.next_steps(analysis)
    return pd.DataFrame({"date": [s.date for s in steps], "step": [s.text for s in steps]})
