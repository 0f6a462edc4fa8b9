"""Charts drawn as images for Word: crisp matplotlib PNGs at the page's text width.

Word has no chart engine python-docx can drive, so figures are images sized to
the exact width of the text column (fonts at their printed size), at 200 dpi
(crisp in print, light in the file), in the template's colours. PowerPoint charts are native instead (see
`pptx.charts`). matplotlib's object API is used (no pyplot): rendering leaves
no global state behind in a notebook kernel.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from matplotlib import dates as mdates
from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.container import BarContainer
from matplotlib.figure import Figure as MplFigure
from matplotlib.legend import Legend
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation
from matplotlib.typing import ColorType, RcKeyType
from PIL import Image

from . import fit, maps
from .canvas import ChartCanvas
from .ir import Align, Cell, Chart, Table
from .months import month_ticks
from .palette import HIGHLIGHT, HOUSE, Palette, is_dark, lane_slot
from .typography import format_number, format_percent, prepare

DPI = 200
PNG_COMPRESSION = 3   # zlib level: nearly the default's file size in two thirds of its time
FONT_PREFERENCE = ("Arial", "Liberation Sans", "DejaVu Sans")
BASE_SIZE = 8.5


def value_formatter(chart: Chart, lang: str) -> Callable[[float], str]:
    """Format a value as the chart's `value_format` says, in `lang`."""
    if chart.is_percent:
        return lambda v: format_percent(v, lang, chart.decimals)
    return lambda v: format_number(v, lang, chart.decimals)


def figure_height(chart: Chart, width_in: float) -> float:
    """A height in inches that suits the chart kind and its amount of data."""
    if chart.kind == "gantt":
        return min(9.0, 1.1 + 0.27 * len(chart.tasks))
    if chart.kind == "heatmap":
        return min(9.0, 1.3 + 0.36 * len(chart.series))
    if chart.kind in ("barh", "stacked_barh"):
        return min(9.0, 1.0 + 0.32 * len(chart.categories) * (
            1 if chart.kind == "stacked_barh" else max(1, len(chart.series) * 0.6)))
    if chart.kind in ("doughnut", "pie"):
        return width_in * 0.48
    if chart.kind in ("scatter", "bubble"):
        return width_in * 0.7
    return width_in * 0.55


MAX_HEIGHT_IN = 8.0  # a figure never taller than most of a page
_DRAWN: OrderedDict[tuple[str, str, float, float | None, Palette], bytes] = OrderedDict()
_DRAWN_KEPT = 32


def document_height(chart: Chart, width_in: float) -> float:
    """The height a document gives `chart` at `width_in`."""
    return min(figure_height(chart, width_in), MAX_HEIGHT_IN)


def render_png(chart: Chart, lang: str, width_in: float, palette: Palette = HOUSE,
               height_in: float | None = None) -> bytes:
    """The chart as PNG bytes, `width_in` inches wide (fonts at printed size).

    A notebook shows the charts its deliverable then writes: the same chart at
    the same size is drawn once per process. Each client runs in a process of
    its own, so the few images kept never outlive the client.
    """
    key = (repr(chart), lang, round(width_in, 4), None if height_in is None else round(height_in, 4),
           palette)
    if key in _DRAWN:
        _DRAWN.move_to_end(key)
        return _DRAWN[key]
    png = _draw_png(chart, lang, width_in, palette, height_in)
    _DRAWN[key] = png
    if len(_DRAWN) > _DRAWN_KEPT:
        _DRAWN.popitem(last=False)
    return png


def _draw_png(chart: Chart, lang: str, width_in: float, palette: Palette,
              height_in: float | None) -> bytes:
    canvas = cast(FigureCanvasAgg, chart_figure(chart, lang, width_in, palette, height_in).canvas)
    # A chart is flat colours and anti-aliased text: 256 colours lose nothing
    # visible, and an 8-bit image is a third of the bytes to compress and to
    # carry in the document (no alpha either: the page is white).
    # The figure is opaque: its RGBA pixels are read as RGB, the alpha byte skipped.
    pixels = canvas.buffer_rgba()  # type: ignore[no-untyped-call]  # matplotlib: unannotated
    image = Image.frombytes("RGB", canvas.get_width_height(), pixels, "raw", "RGBX")
    image = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=PNG_COMPRESSION, dpi=(DPI, DPI))
    return buffer.getvalue()


def chart_figure(chart: Chart, lang: str, width_in: float, palette: Palette = HOUSE,
                 height_in: float | None = None) -> MplFigure:
    """The chart drawn on a matplotlib figure, laid out and rendered (Agg, at `DPI`)."""
    height_in = height_in or figure_height(chart, width_in)
    chart = chart.in_reading_order()
    # Unhinted glyphs: hinting snaps outlines to a screen's pixel grid, which a
    # 200 dpi image for print does not need, and FreeType runs it for every glyph
    # of every label (a fifth of a chart's drawing).
    rc: dict[RcKeyType, Any] = {"font.family": _font_family(), "font.size": BASE_SIZE, "axes.edgecolor": palette.muted,
          "axes.labelcolor": palette.text, "xtick.color": palette.muted,
          "ytick.color": palette.muted, "text.color": palette.text, "axes.linewidth": 0.6,
          "svg.fonttype": "none", "text.hinting": "no_hinting"}
    with rc_context(rc):
        figure = MplFigure(figsize=(width_in, height_in), dpi=DPI, facecolor="white")
        canvas = ChartCanvas(figure)
        axes = figure.add_subplot()
        _DRAW[_family(chart.kind)](chart, axes, lang, palette)
        if chart.title:
            # On the plot's top edge, where matplotlib would find it goes, unless a heat
            # map's column names stand above the plot: matplotlib then raises it over
            # them. Placed, the title spares matplotlib measuring both axes again at
            # every drawing to find where it goes.
            top = None if _family(chart.kind) == "heatmap" else 1.0
            axes.set_title(prepare(chart.title, lang), loc="left", fontsize=BASE_SIZE + 1.5,
                           fontweight="bold", color=palette.title, pad=10, y=top)
        _lay_out(figure, axes)
        canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib: unannotated
    return figure


@lru_cache(maxsize=1)
def _font_family() -> list[str]:
    """The installed fonts among the preferred ones (asking for an absent one warns)."""
    for path in fit.FONT_FILES.values():  # the shipped metric fonts, whatever the cache says
        if path.is_file() and path.name not in {Path(e.fname).name for e in font_manager.fontManager.ttflist}:
            font_manager.fontManager.addfont(str(path))
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [name for name in FONT_PREFERENCE if name in installed] or ["DejaVu Sans"]


def _family(kind: str) -> str:
    return {"stacked_bar": "bar", "barh": "bar", "stacked_barh": "bar", "bubble": "scatter",
            "pie": "doughnut"}.get(kind, kind)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _tidy(axes: Axes, palette: Palette, grid_axis: Literal["both", "x", "y"] = "y") -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis=grid_axis, color="#D9DEE1", linewidth=0.5)
    axes.set_axisbelow(True)
    axes.tick_params(length=0)


def _legend(axes: Axes, chart: Chart, count: int) -> None:
    if chart.legend and count > 1:
        _legend_below(axes)


LEGEND_GAP_PT = 6  # between the axis' lowest text (month labels, axis title) and the legend


def _legend_below(axes: Axes, columns_max: int = 4) -> Legend | None:
    """The legend at the foot of the figure, from its left edge, in as many columns
    as the figure's width holds (anchored on the axes, pushed right by long
    category names, a four-column legend ran off the image). A figure legend: the
    layout then lifts the plot clear of it (`_lay_out`), however tall
    the axis' labels are (two-line or slanted months, an axis title)."""
    handles, labels = axes.get_legend_handles_labels()
    if not labels:
        return None
    size = BASE_SIZE - 0.5
    figure = _figure(axes)
    room = figure.get_figwidth() * 72 - 12
    entry = max(fit.text_width(label, size) for label in labels) + 3.2 * size  # handle + gap
    columns = max(1, min(len(labels), columns_max, int(room // entry)))
    return figure.legend(handles, labels, frameon=False, fontsize=size, loc="lower left",
                         bbox_to_anchor=(0.01, 0.0), borderaxespad=0.3, ncols=columns)


LAYOUT_PAD = 0.4  # between the figure's edge and its outermost text, in font sizes


def _lay_out(figure: MplFigure, axes: Axes) -> None:
    """Margins that just hold the axes' text (tick labels, titles), as `tight_layout`
    sets them, with the plot's foot raised so that everything under it ends
    `LEGEND_GAP_PT` above a figure legend (which `tight_layout` does not see): the
    two never overlap. One measurement of the text serves both: how far text
    reaches beyond the plot does not change when the plot moves, so the figure's
    text is laid out once here and once when drawn, not three times."""
    renderer = cast(FigureCanvasAgg, figure.canvas).get_renderer()  # type: ignore[no-untyped-call]
    reach = axes.get_tightbbox(renderer, for_layout_only=True)  # pixels
    assert reach is not None  # the axes are drawn
    frame = axes.get_position(original=True)  # figure fractions
    width, height = figure.get_figwidth() * figure.dpi, figure.get_figheight() * figure.dpi
    pad = LAYOUT_PAD * BASE_SIZE * figure.dpi / 72
    left = max(frame.x0 - reach.x0 / width, 0) + pad / width
    right = max(reach.x1 / width - frame.x1, 0) + pad / width
    top = max(reach.y1 / height - frame.y1, 0) + pad / height
    below = max(frame.y0 * height - reach.y0, 0)  # text under the plot, in pixels
    bottom = (below + pad) / height
    if figure.legends:
        legend_top = max(legend.get_window_extent(renderer).y1 for legend in figure.legends)
        raised = (legend_top + LEGEND_GAP_PT * figure.dpi / 72 + below) / height
        if raised > bottom:
            bottom = min(raised, 1 - top - 0.1)
    if left + right < 1 and bottom + top < 1:  # else text that no plot leaves room for
        figure.subplots_adjust(left=left, right=1 - right, bottom=bottom, top=1 - top)


def _draw_bar(chart: Chart, axes: Axes, lang: str, palette: Palette) -> None:
    horizontal = chart.kind in ("barh", "stacked_barh")
    stacked = chart.kind.startswith("stacked")
    fmt = value_formatter(chart, lang)
    names = [prepare(c, lang) for c in chart.categories]
    count = len(names)
    positions = list(range(count))
    if horizontal:  # first category at the top, as it is read
        positions = positions[::-1]
    group = 0.72
    width = group if stacked else group / len(chart.series)
    bottoms = [0.0] * count
    offsets: Sequence[float]
    for index, series in enumerate(chart.series):
        values = [v or 0.0 for v in series.values]
        if stacked:
            offsets = positions
        elif horizontal:  # first series on top within a group, as in the legend
            offsets = [p + group / 2 - width * (index + 0.5) for p in positions]
        else:
            offsets = [p - group / 2 + width * (index + 0.5) for p in positions]
        colour = palette.series(index if series.colour is None else series.colour)
        boxes = _bars(axes, offsets, values, width, bottoms if stacked else [0.0] * count,
                      horizontal, colour, prepare(series.name, lang))
        if chart.show_values:
            text_colour = "white" if stacked and _dark(colour) else palette.text
            labels = [fmt(v) if v else "" for v in values]
            axes.bar_label(_bar_container(axes, boxes, values, horizontal), labels=labels,
                           label_type="center" if stacked else "edge",
                           padding=0 if stacked else 2, fontsize=BASE_SIZE - 1, color=text_colour)
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    formatter = FuncFormatter(lambda v, _: fmt(v))
    if horizontal:
        axes.set_yticks(positions, [_wrap(n, 34) for n in names])
        axes.xaxis.set_major_formatter(formatter)
        _tidy(axes, palette, "x")
    else:
        _column_labels(axes, positions, names)
        axes.yaxis.set_major_formatter(formatter)
        _tidy(axes, palette, "y")
    _titles(axes, chart, lang)
    _legend(axes, chart, len(chart.series))


def _column_labels(axes: Axes, positions: list[int], names: list[str]) -> None:
    """Every column named under it: wrapped to its column's width ("févr." over
    "2027"), slanted when a single word is wider than the column."""
    room = _figure(axes).get_figwidth() * 72 * PLOT_SHARE[0] / max(len(names), 1) - 4
    words = [word for name in names for word in name.split()]
    if max((fit.text_width(w, BASE_SIZE) * fit.SAFETY for w in words), default=0) > room:
        axes.set_xticks(positions, names, rotation=45, ha="right", rotation_mode="anchor")
        return
    axes.set_xticks(positions, ["\n".join(fit.wrap(name, room, BASE_SIZE)) for name in names])


def _draw_line(chart: Chart, axes: Axes, lang: str, palette: Palette) -> None:
    fmt = value_formatter(chart, lang)
    names = [prepare(c, lang) for c in chart.categories]
    for index, series in enumerate(chart.series):
        axes.plot(range(len(names)), [v if v is not None else float("nan") for v in series.values],
                  color=palette.series(index if series.colour is None else series.colour),
                  linewidth=1.8, marker="o", markersize=3.5,
                  label=prepare(series.name, lang))
    axes.set_xticks(range(len(names)), [_wrap(n, 14) for n in names])
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    if chart.y_range:
        axes.set_ylim(*chart.y_range)
    _tidy(axes, palette)
    _titles(axes, chart, lang)
    _legend(axes, chart, len(chart.series))


MARKER_AREA = 42              # a scatter marker (points squared)
BUBBLE_AREA = (40, 800)       # a bubble's area: base plus the share of the largest (points squared)
PLOT_SHARE = (0.86, 0.74)     # the share of a map figure its plot takes (labels, legend aside)


def _marker_areas(chart: Chart) -> list[float]:
    if chart.kind != "bubble":
        return [MARKER_AREA] * len(chart.points)
    sizes = maps.bubble_sizes(chart)
    largest = max(sizes) or 1
    return [BUBBLE_AREA[0] + BUBBLE_AREA[1] * size / largest for size in sizes]


def _map_plot(chart: Chart, width_in: float, height_in: float) -> maps.Plot:
    x_range = chart.x_range or _data_range([p.x for p in chart.points])
    y_range = chart.y_range or _data_range([p.y for p in chart.points])
    return maps.Plot(width_in * 72 * PLOT_SHARE[0], height_in * 72 * PLOT_SHARE[1],
                     maps.whole_range(*x_range), maps.whole_range(*y_range))


def _data_range(values: list[float]) -> tuple[float, float]:
    pad = (max(values) - min(values)) * 0.1 or 1
    return min(values) - pad, max(values) + pad


def figure_numbered(chart: Chart, lang: str, width_in: float, height_in: float) -> bool:
    """Whether the map drawn at this size numbers its markers (names would collide)."""
    plot = _map_plot(chart, width_in, height_in)
    return maps.is_numbered(chart, plot, [math.sqrt(a) for a in _marker_areas(chart)],
                            BASE_SIZE - 0.5, BASE_SIZE, lambda text: prepare(text, lang))


def _draw_scatter(chart: Chart, axes: Axes, lang: str, palette: Palette) -> None:
    slots = maps.group_slots(chart)
    areas = _marker_areas(chart)
    numbers = {id(p): n for n, p in enumerate(chart.points, 1)}
    for group in sorted(slots, key=lambda g: slots[g]):  # legend in colour order, any language
        members = [(p, a) for p, a in zip(chart.points, areas, strict=True) if p.group == group]
        colour = palette.series(slots[group])
        sizes = [a for _, a in members]
        axes.scatter([p.x for p, _ in members], [p.y for p, _ in members], s=sizes,
                     color=colour, alpha=0.85 if chart.kind == "bubble" else 1,
                     edgecolors="white", linewidths=0.8, label=prepare(group, lang) or None,
                     zorder=3)
        for point, size in members:
            if chart.numbered:  # the number on its marker, the name in the key
                axes.annotate(str(numbers[id(point)]), (point.x, point.y), ha="center",
                              va="center", fontsize=BASE_SIZE - 0.5, fontweight="bold",
                              color="white" if _dark(colour) else palette.text, zorder=4)
                continue
            gap = math.sqrt(size) / 2 + 2  # points: clear of the bubble's edge
            left = point.label_side == "left"
            axes.annotate(prepare(point.label, lang), (point.x, point.y),
                          xytext=(-gap if left else gap, 0), textcoords="offset points",
                          ha="right" if left else "left", va="center",
                          fontsize=BASE_SIZE - 0.5, color=palette.text, zorder=4)
    # A range is a scale (impact 0 to 3, buy-in -2 to +2) padded for the bubbles: the
    # axis widens to whole values, as in decks, ticks only on the scale's own values.
    for given, set_limits, set_ticks in ((chart.x_range, axes.set_xlim, axes.set_xticks),
                                         (chart.y_range, axes.set_ylim, axes.set_yticks)):
        if given:
            set_limits(*maps.whole_range(*given))
            set_ticks(range(math.ceil(given[0]), math.floor(given[1]) + 1))
    quadrants = chart.quadrants
    if quadrants:
        axes.axvline(quadrants.x_split, color=palette.muted, linewidth=0.8, linestyle=(0, (4, 3)))
        axes.axhline(quadrants.y_split, color=palette.muted, linewidth=0.8, linestyle=(0, (4, 3)))
        style: dict[str, Any] = {"fontsize": BASE_SIZE, "color": palette.muted, "style": "italic",
                 "transform": axes.transAxes}
        figure = _figure(axes)
        plot = _map_plot(chart, figure.get_figwidth(), figure.get_figheight())
        for name in maps.quadrant_names(chart, plot, BASE_SIZE, lambda text: prepare(text, lang)):
            axes.text(0.98 if name.right else 0.02, 0.03 if name.bottom else 0.97,
                      "\n".join(name.lines), ha="right" if name.right else "left",
                      va="bottom" if name.bottom else "top",
                      multialignment="right" if name.right else "left", **style)
    _tidy(axes, palette, "both")
    _titles(axes, chart, lang)
    if chart.legend and len(slots) > 1:
        legend = _legend_below(axes, columns_max=5)
        for handle in legend.legend_handles if legend is not None else ():
            if isinstance(handle, PathCollection):  # a scatter's key
                handle.set_sizes([36])  # one marker size, whatever the bubble sizes


def heat_colour(value: float | None, low: float, high: float, palette: Palette = HOUSE) -> str:
    """Cell colour of a heat map: white-ish at `low`, the main accent at `high`."""
    if value is None:
        return "#FFFFFF"
    ratio = 0.0 if high == low else min(1.0, max(0.0, (value - low) / (high - low)))
    start, end = to_rgb(palette.light), to_rgb(palette.title)
    mixed = [s + (e - s) * ratio for s, e in zip(start, end, strict=True)]
    return "#" + "".join(f"{round(c * 255):02X}" for c in mixed)


def heat_range(chart: Chart) -> tuple[float, float]:
    if chart.value_range:
        return chart.value_range
    values = [v for s in chart.series for v in s.values if v is not None]
    return (min(values, default=0.0), max(values, default=1.0))


def heatmap_table(chart: Chart, lang: str, palette: Palette = HOUSE,
                  corner: str = "") -> Table:
    """A heat map as a `Table` with shaded cells (rows = series, columns = categories)."""
    low, high = heat_range(chart)
    fmt = value_formatter(chart, lang)
    rows: list[list[Cell]] = [[series.name, *("" if v is None else fmt(v) for v in series.values)]
            for series in chart.series]
    fills = [[None, *(None if v is None else heat_colour(v, low, high, palette)
                      for v in series.values)] for series in chart.series]
    widths = [2.2] + [1.0] * len(chart.categories)
    align: list[Align | None] = ["left"]
    align += ["center"] * len(chart.categories)
    return Table(columns=[corner, *chart.categories], rows=rows, widths=widths, align=align,
                 cell_fills=fills)


def _dark(colour: ColorType) -> bool:
    """`is_dark` for any matplotlib colour (a wedge's RGBA face colour, a name)."""
    r, g, b = to_rgb(colour)
    return is_dark(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")


def _draw_heatmap(chart: Chart, axes: Axes, lang: str, palette: Palette) -> None:
    low, high = heat_range(chart)
    fmt = value_formatter(chart, lang)
    rows = [s.values for s in chart.series]
    cmap = LinearSegmentedColormap.from_list("heat", [palette.light, palette.title])
    grid = [[float("nan") if v is None else v for v in row] for row in rows]
    axes.imshow(grid, cmap=cmap, vmin=low, vmax=high, aspect="auto")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            colour = heat_colour(value, low, high, palette)
            axes.text(c, r, fmt(value), ha="center", va="center", fontsize=BASE_SIZE,
                      color="white" if _dark(colour) else palette.text)
    axes.set_xticks(range(len(chart.categories)),
                    [_wrap(prepare(c, lang), 14) for c in chart.categories])
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(rows)), [_wrap(prepare(s.name, lang), 30) for s in chart.series])
    axes.set_xticks([x - 0.5 for x in range(1, len(chart.categories))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    axes.grid(which="minor", color="white", linewidth=2)
    axes.tick_params(which="both", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)


def _draw_gantt(chart: Chart, axes: Axes, lang: str, palette: Palette) -> None:
    lanes = list(dict.fromkeys(t.lane for t in chart.tasks))
    tasks = sorted(chart.tasks, key=lambda t: lanes.index(t.lane))  # stable within a lane
    count = len(tasks)
    rows = {id(task): count - 1 - row for row, task in enumerate(tasks)}  # first at the top
    coloured = 0
    for lane in lanes:  # one call per lane: fewer artists to draw
        bars = [t for t in tasks if t.lane == lane and not t.milestone]
        if not bars:
            continue
        # a lane's colour is the one its tasks name (what it stands for), else its
        # order's; lane colours skip the highlight colour, kept for milestones (as in decks)
        named = next((t.colour for t in bars if t.colour is not None), None)
        colour = palette.series(named if named is not None else lane_slot(coloured))
        coloured += 1
        starts = [_day_number(t.start) for t in bars]
        ends = [_day_number(t.end + dt.timedelta(days=1)) for t in bars]
        _bars(axes, [rows[id(t)] for t in bars], [e - s for s, e in zip(starts, ends, strict=True)],
              GANTT_BAR_HEIGHT, starts, True, colour, prepare(lane, lang) or None)
    milestones = [t for t in tasks if t.milestone]
    if milestones:
        axes.scatter([_day_number(t.start) for t in milestones],
                     [rows[id(t)] for t in milestones], marker="D", s=46,
                     color=palette.series(HIGHLIGHT), zorder=3, edgecolors="white",
                     linewidths=0.6)
    # Task names keep every word: they get the lines their row has room for, in a
    # smaller size when needed; a plan too long for that draws taller rows instead.
    figure = _figure(axes)
    pitch = (figure.get_figheight() * 72 - 60) / count
    width_pt = figure.get_figwidth() * 72 * 0.38
    label_size, names = _fit_labels([prepare(t.label, lang) for t in reversed(tasks)],
                                    width_pt, pitch)
    _row_names(axes, names, label_size, palette)
    first = min(t.start for t in tasks) - dt.timedelta(days=4)
    last = max(t.end for t in tasks) + dt.timedelta(days=6)
    axes.set_xlim(_day_number(first), _day_number(last))
    axes.set_ylim(-0.7, count - 0.3)
    # The axis runs from the labels' right edge to the figure's: its room decides the step.
    label_pt = max(fit.text_width(line, BASE_SIZE) for name in names for line in name.split("\n"))
    axis_pt = figure.get_figwidth() * 72 - label_pt - 24
    ticks, rotate = month_ticks(first, last, axis_pt, lang)
    axes.set_xticks([_day_number(day) for day in ticks], list(ticks.values()))
    axes.tick_params(axis="x", labelsize=BASE_SIZE - 1)
    if rotate:
        for label in axes.get_xticklabels():
            label.set_rotation(35)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    _tidy(axes, palette, "x")
    if chart.legend and coloured > 1:  # below the month labels, whatever the figure's height
        _legend_below(axes)


GANTT_BAR_HEIGHT = 0.62  # of a row
Box = tuple[float, float, float, float]  # a bar's x, y, width, height in data units


def _bars(axes: Axes, positions: Sequence[float], values: Sequence[float], thickness: float,
          bases: Sequence[float], horizontal: bool, colour: ColorType, label: str | None) -> list[Box]:
    """A series' bars as one collection: the rectangles `bar` (`barh` if `horizontal`)
    draws centred on `positions`, `thickness` wide, from `bases` to `bases + values`,
    with the same data limits and sticky edges (the value axis starts at the bars' base).
    `bar` adds a patch per bar and computes its limits one by one, most of setting up a
    bar chart; one artist also lays out and draws for less. Same pixels: no edge, and no
    line width either, which would move the rectangles' snapping to the pixel grid.
    Returns the bars' boxes, as those patches would have them."""
    boxes = [(base, p - thickness / 2, v, thickness) if horizontal else (p - thickness / 2, base, thickness, v)
             for p, v, base in zip(positions, values, bases, strict=True)]
    corners = [[(x, y), (x + w, y), (x + w, y + h), (x, y + h)] for x, y, w, h in boxes]
    bars = PolyCollection(corners, facecolors=colour, edgecolors="none", linewidths=0, label=label)
    (bars.sticky_edges.x if horizontal else bars.sticky_edges.y).extend(bases)
    axes.add_collection(bars)
    return boxes


def _bar_container(axes: Axes, boxes: list[Box], values: Sequence[float],
                   horizontal: bool) -> BarContainer:
    """The bars of `boxes` as `bar` returns them, for `bar_label` to place their values
    as it does (at the bar's end, or centred on its visible part): patches that are
    measured, never drawn."""
    patches = []
    for x, y, w, h in boxes:
        patch = Rectangle((x, y), w, h, transform=axes.transData)
        patch.set_clip_path(axes.patch)  # as `add_patch` clips it
        patches.append(patch)
    return BarContainer(patches, datavalues=values, orientation="horizontal" if horizontal else "vertical")


ROW_NAME_PAD_PT = 3.5  # between a row's name and the plot, as matplotlib pads tick labels


def _row_names(axes: Axes, names: list[str], size: float, palette: Palette) -> None:
    """Each row's name left of the plot, placed as a tick label would be: plain
    text rather than ticks, which cost a tick, its lines and its label per row."""
    axes.set_yticks([])
    place = axes.get_yaxis_transform() + ScaledTranslation(-ROW_NAME_PAD_PT / 72, 0,
                                                           axes.figure.dpi_scale_trans)
    for row, name in enumerate(names):
        axes.text(0, row, name, transform=place, ha="right", va="center_baseline",
                  fontsize=size, color=palette.muted, clip_on=False)


LABEL_SIZES = (BASE_SIZE, BASE_SIZE - 1, BASE_SIZE - 2)   # Gantt row names, never smaller


def _fit_labels(names: list[str], width_pt: float, pitch_pt: float) -> tuple[float, list[str]]:
    """(size, names wrapped to `width_pt`): the largest size at which every name fits the
    lines its row's `pitch_pt` gives; the smallest size otherwise. No word is dropped."""
    for size in LABEL_SIZES:
        lines = max(1, int(pitch_pt // (size * 1.25)))
        wrapped = [fit.wrap(name, width_pt, size) for name in names]
        if all(len(w) <= lines for w in wrapped):
            break
    return size, ["\n".join(w) for w in wrapped]


def _draw_doughnut(chart: Chart, axes: Axes, lang: str, palette: Palette) -> None:
    series = chart.series[0]
    values = [v or 0.0 for v in series.values]
    total = sum(values) or 1
    colours = [palette.series(i) for i in range(len(values))]
    wedges, _ = axes.pie(values, colors=colours, startangle=90, counterclock=False,
                         wedgeprops={"width": 0.38 if chart.kind == "doughnut" else 1,
                                     "edgecolor": "white", "linewidth": 1.2})
    for wedge, value in zip(wedges, values, strict=True):
        if value / total < 0.04:
            continue
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        radius = 0.81 if chart.kind == "doughnut" else 0.65
        colour = "white" if _dark(wedge.get_facecolor()) else palette.text
        axes.text(radius * math.cos(angle), radius * math.sin(angle),
                  format_percent(value / total, lang), ha="center", va="center",
                  fontsize=BASE_SIZE, color=colour)
    axes.legend(wedges, [prepare(c, lang) for c in chart.categories], frameon=False,
                loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=BASE_SIZE)
    axes.set_aspect("equal")


def _day_number(day: dt.date) -> float:
    number: float = mdates.date2num(day)  # type: ignore[no-untyped-call]  # matplotlib: unannotated
    return number


def _figure(axes: Axes) -> MplFigure:
    figure = axes.figure
    assert isinstance(figure, MplFigure)  # every chart has a figure of its own
    return figure


def _titles(axes: Axes, chart: Chart, lang: str) -> None:
    if chart.x_title:
        axes.set_xlabel(prepare(chart.x_title, lang))
    if chart.y_title:
        axes.set_ylabel(prepare(chart.y_title, lang))


_DRAW = {"bar": _draw_bar, "line": _draw_line, "scatter": _draw_scatter,
         "heatmap": _draw_heatmap, "gantt": _draw_gantt, "doughnut": _draw_doughnut}
