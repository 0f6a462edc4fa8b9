"""Shared review helpers: draw a deliverable chart in a notebook, list next steps."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import Image

from ..analysis.engine import Analysis
from ..render.charts import document_height, figure_numbered, render_png
from ..render.deliverables import common as c
from ..render.ir import Chart
from ..render.labels import Labels
from ..render.maps import key_table
from ..render.palette import Palette
from ..render.small_charts import chart_table


def show(chart: Chart | None, lang: str, width_in: float | None = None,
         templates_dir: str | Path | None = None, labels: Labels | None = None) -> Any:
    """The chart as the Word deliverable draws it, displayed inline in Jupyter (a chart
    with too little to show as its table, as the deliverables give it).

    The same drawing as the document, at the width, height and colours of the
    Word template of `templates_dir` (the firm's, or the house one by default),
    not a look-alike: a label that overflows here overflows in the client's copy
    too, and the document reuses this drawing instead of redoing it. A map whose
    names would collide numbers its markers and is followed by its key, as in
    the document.
    """
    from IPython.display import Markdown

    if labels is None:
        from ..method import load_method

        labels = load_method()
    if chart is None:  # an early workbook: nothing planned yet
        return Markdown(  # type: ignore[no-untyped-call]  # IPython: unannotated
            f"*{labels.text('common.nothing_to_chart', lang)}*")
    if chart.says_little:  # as the deliverables give it: the table of its figures
        return figures(chart, lang)
    page_width, palette = _page(str(_template_dir(templates_dir)))
    width = width_in or page_width
    height = document_height(chart, width)
    if chart.kind in ("scatter", "bubble") and figure_numbered(chart, lang, width, height):
        chart = replace(chart, numbered=True)  # as the document asks for it: drawn once
        png = render_png(chart, lang, width, palette, height)
        return MapWithKey(png, _key(chart, palette, labels.text("render.number", lang)))
    return Image(data=render_png(chart, lang, width, palette, height))  # type: ignore[no-untyped-call]


def _key(chart: Chart, palette: Palette, number_title: str) -> pd.DataFrame:
    """The key of a numbered map as the document prints it: each number and its name."""
    table = key_table(chart, palette, number_title)
    return pd.DataFrame([row[1:] for row in table.rows], columns=table.columns[1:],
                        index=pd.Index([row[0] for row in table.rows], name=table.columns[0]))


class MapWithKey(Image):
    """A map with numbered markers, shown with its key below it (number and name)."""

    def __init__(self, png: bytes, key: pd.DataFrame) -> None:
        super().__init__(data=png)  # type: ignore[no-untyped-call]  # IPython: unannotated
        self.key = key

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(Image(data=self.data), self.key)  # type: ignore[no-untyped-call]


def figures(chart: Chart, lang: str) -> pd.DataFrame:
    """The chart's figures as the report's table (`small_charts.chart_table`), one
    row per category named by its first column."""
    table = chart_table(chart, lang)
    return pd.DataFrame([row[1:] for row in table.rows], columns=table.columns[1:],
                        index=pd.Index([row[0] for row in table.rows], name=table.columns[0] or None))


def figure(analysis: Analysis, chart: Chart | None, templates_dir: str | Path | None = None,
           width_in: float | None = None) -> Any:
    """`show` for one analysed engagement: its language and its method's words."""
    return show(chart, analysis.lang, width_in, templates_dir, analysis.method)


def _template_dir(templates_dir: str | Path | None) -> Path:
    from ..render.templates import default_template_dir
    from ..workbench import from_repository  # a notebook's relative folder, as it writes

    return from_repository(templates_dir).resolve() if templates_dir else default_template_dir()


@lru_cache(maxsize=4)
def _page(directory: str) -> tuple[float, Palette]:
    """Text width (inches) and colours of the Word template in `directory`."""
    from ..render.palette import palette_from_template
    from ..render.templates import DOCX_NAME, load_docx_template, text_width

    folder = Path(directory)
    width = text_width(load_docx_template(folder)) / 914400
    return width, palette_from_template(folder / DOCX_NAME)


def next_steps(analysis: Analysis) -> pd.DataFrame:
    """The dated next steps every deliverable closes with."""
    steps = c.next_steps(analysis)
    return pd.DataFrame({"date": [s.date for s in steps], "step": [s.text for s in steps]})
