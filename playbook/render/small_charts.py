"""A chart with too little to show becomes the table of its figures.

Two bars of headcount, a map of one population, the profiles of a team of four:
drawn, they fill half a page and say nothing a reader does not take in faster
from two rows of figures. `Chart.says_little` is the rule; this module applies
it to a whole deliverable, Word and PowerPoint alike, so no builder decides it
for itself. The figures and words are the chart's own, formatted for the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .ir import (
    BAR_KINDS,
    Align,
    Cell,
    Chart,
    ChartSlide,
    Deck,
    Document,
    Figure,
    Slide,
    Table,
    TableSlide,
)
from .typography import format_number, format_percent


def tabulated_document(document: Document) -> Document:
    """`document` with each figure whose chart says little replaced by its table."""
    blocks = [chart_table(b.chart, document.lang, b.caption)
              if isinstance(b, Figure) and b.chart.says_little else b for b in document.blocks]
    return replace(document, blocks=blocks)


def tabulated_deck(deck: Deck) -> Deck:
    """`deck` with each chart slide whose chart says little turned into a table slide
    (same title, notes and place). The slide's title says what the table shows; a
    chart slide's caption speaks of the drawing, not of its figures. An appendix page
    of a single row (one territory, one population) is not made: nobody looks up a
    figure the main slides already give."""
    slides: list[Slide] = []
    for slide in deck.slides:
        if not (isinstance(slide, ChartSlide) and slide.chart.says_little):
            slides.append(slide)
            continue
        table = replace(chart_table(slide.chart, deck.lang), caption="")
        if slide.reference and len(table.rows) < 2:
            continue
        slides.append(TableSlide(slide.title, table, notes=slide.notes, reference=slide.reference))
    return replace(deck, slides=slides)


def chart_table(chart: Chart, lang: str, caption: str = "") -> Table:
    """The chart's figures as a table captioned `caption` (else the chart's title):
    a row per category (in the order the chart would draw them) and a column per
    series; a map's points with their two coordinates."""
    caption = caption or chart.title
    if chart.kind in ("scatter", "bubble"):
        rows: list[list[Cell]] = [[p.label, _coordinate(p.x, chart.x_range, lang), _coordinate(p.y, chart.y_range, lang)]
                for p in chart.points]
        return Table([chart.key_title, chart.x_title, chart.y_title], rows, caption=caption,
                     widths=[3, 1.5, 1.5], align=["left", "right", "right"])
    chart = chart.in_reading_order()
    value: Callable[[float], str] = (lambda v: format_percent(v, lang, chart.decimals)) if chart.is_percent else (
        lambda v: format_number(v, lang, chart.decimals))
    rows = [[name, *("" if (v := s.values[i]) is None else value(v) for s in chart.series)]
            for i, name in enumerate(chart.categories)]
    # what the categories are heads the first column, else the category axis' title
    # (the vertical one of horizontal bars)
    corner = chart.category_title or (chart.y_title if chart.kind in ("barh", "stacked_barh") else (
        chart.x_title if chart.kind in (*BAR_KINDS, "line") else ""))
    names = [s.name for s in chart.series]
    if len(names) == 1 and not names[0]:
        names = [chart.x_title if chart.kind in ("barh", "stacked_barh") else chart.y_title]
    right: Align = "right"
    align: list[Align | None] = ["left", *(right for _ in names)]
    return Table([corner, *names], rows, caption=caption, widths=[3, *(1.5 for _ in names)],
                 align=align)


def _coordinate(value: float, scale: tuple[float, float] | None, lang: str) -> str:
    """A map's coordinate. On an axis that is a scale (impact 0 to 3, buy-in -2 to +2)
    the point stands on a whole value, moved only to stay apart from others at the same
    place: the value it stands for (3). Elsewhere to one decimal (2,5)."""
    if scale is not None:
        return format_number(round(value), lang, 0)
    return format_number(value, lang, 0 if float(value).is_integer() else 1)
