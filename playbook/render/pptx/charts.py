"""Native, editable PowerPoint charts from a `Chart` spec.

A consultant edits charts in the deck the night before a steering committee:
they must be real PowerPoint charts with their data sheet, never pictures.

- bar / stacked / horizontal / line / doughnut / pie: the chart types of the same name.
- scatter / bubble (impact × buy-in map): one series per group, each point
  labelled with its name; the axes cross at the quadrant split so they draw the
  quadrant lines, tick labels stay at the edges; the plot area is pinned so the
  quadrant names sit in its corners as text boxes grouped with the chart.
- gantt: a stacked horizontal bar chart whose first series (the start date as a
  date serial) is invisible, one series per lane for durations, one for
  milestones; the value axis shows dates. The chart has no legend of its own
  (LibreOffice ignores the deletion of a legend entry, so the invisible series
  would show): lanes are named in a small legend of coloured keys and text
  boxes below the chart, grouped as one shape.
- data labels contrast with what they sit on: inside a stacked segment, white
  on a dark fill and dark on a light one; outside a bar, the text colour.
- heatmap: drawn by the deck writer as a coloured native table (see
  `charts.heatmap_table`), which reads better than any chart type.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from lxml import etree
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_DATA_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from ...text import excel_percent
from .. import fit, maps
from ..ir import Chart, Task
from ..months import month_ticks
from ..palette import HIGHLIGHT, HOUSE, Palette, is_dark, lane_slot, text_on
from ..typography import prepare

if TYPE_CHECKING:
    from pptx.chart.axis import ValueAxis, _BaseAxis
    from pptx.chart.chart import Chart as NativeChart
    from pptx.chart.data import Categories
    from pptx.chart.plot import _BasePlot
    from pptx.chart.point import Point as NativePoint
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.group import GroupShape
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

    from ..labels import Labels

    Lane = tuple[str, list[float | None], str]  # name, durations per task, colour
    EmuBox = tuple[int, int, int, int]  # x, y, cx, cy in EMU

FONT_SIZE = 12
PLOT_AREA = (0.07, 0.03, 0.9, 0.76)  # inner plot area of quadrant maps, as chart fractions
BUBBLE_PT = 34      # the largest bubble of a map, in points: bubbles sharing a cell stay apart
MARKER_PT = 10      # a scatter marker's size
_CATEGORY_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_bar": XL_CHART_TYPE.COLUMN_STACKED,
    "barh": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked_barh": XL_CHART_TYPE.BAR_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "pie": XL_CHART_TYPE.PIE,
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A slide's or a group's shape tree, read as Any: python-pptx annotates `add_chart` as
# returning the chart (it returns its graphic frame) and its positions as `Length`,
# where the plain EMU ints computed here are what it takes.
Shapes = Any
# Month labels in the deck's language whatever the viewer's locale (Excel locale codes).
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def native_format(value_format: str, lang: str) -> str:
    """The Excel number format as the language writes it: French puts a space before "%"."""
    return excel_percent(value_format, lang)


def add_native_chart(shapes: Shapes, chart: Chart, box: EmuBox, lang: str,
                     palette: Palette = HOUSE, labels: Labels | None = None) -> GraphicFrame:
    """Add `chart` to `shapes` inside `box` (x, y, cx, cy in EMU); return the graphic frame."""
    if chart.kind == "heatmap":
        raise ValueError("a heat map is rendered as a native table, not a chart")
    chart = chart.in_reading_order()
    if chart.kind in ("scatter", "bubble"):
        if chart.quadrants:  # chart and quadrant names move together
            with _group(shapes) as group:
                frame = _xy_chart(group.shapes, chart, box, lang, palette)
        else:
            frame = _xy_chart(shapes, chart, box, lang, palette)
    elif chart.kind == "gantt":
        lanes = _gantt_lanes(chart, lang, palette, labels)
        if chart.legend and len(lanes) > 1:
            x, y, width, height = box
            legend_h = _text_legend_height([name for name, _, _ in lanes], width)
            box = (x, y, width, height - legend_h)
            # one group, so the legend moves as a whole; the chart stays a slide-level shape
            with _group(shapes, "Legend") as legend:
                _text_legend(legend.shapes,
                             [(name, colour) for name, _, colour in lanes],
                             (x, y + height - legend_h, width, legend_h), palette)
        frame = _gantt_chart(shapes, chart, box, lang, palette, lanes)
    else:
        frame = _category_chart(shapes, chart, box, lang, palette)
    native = frame.chart
    native.font.size = Pt(FONT_SIZE)
    native.font.color.rgb = _rgb(palette.text)
    if chart.title:
        native.has_title = True
        native.chart_title.text_frame.text = prepare(chart.title, lang)
        native.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(FONT_SIZE + 2)
        native.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    else:
        native.has_title = False  # also stops PowerPoint's automatic single-series title
    return frame


@contextlib.contextmanager
def _group(shapes: Shapes, name: str | None = None) -> Iterator[GroupShape]:
    """A group shape whose position and size are worked out once its shapes are all in:
    python-pptx works them out again from every member at each addition, which made a
    Gantt's row names and month lines cost in the square of their number."""
    group = shapes.add_group_shape()
    if name is not None:
        group.name = name
    members = group.shapes
    members._recalculate_extents = lambda: None
    try:
        yield group
    finally:
        del members._recalculate_extents
        if len(members):  # as python-pptx leaves a group nothing was added to
            group._element.recalculate_extents()


# ------------------------------------------------------------ the chart's own workbook

class _TextStaysText:
    """The workbook a chart embeds ("Edit data" in PowerPoint) holds names typed
    by a client: a population called "=HYPERLINK(...)" is text, never a formula."""

    @contextlib.contextmanager
    def _open_worksheet(self, xlsx_file: IO[bytes]) -> Iterator[tuple[Workbook, Worksheet]]:
        from xlsxwriter import Workbook

        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _CategoryWriter(_TextStaysText, CategoryWorkbookWriter):
    pass


class _XyWriter(_TextStaysText, XyWorkbookWriter):
    pass


class _CategoryData(CategoryChartData):
    @property
    def _workbook_writer(self) -> _CategoryWriter:
        return _CategoryWriter(self)  # type: ignore[no-untyped-call]  # python-pptx: unannotated


class _XyData(XyChartData):
    @property
    def _workbook_writer(self) -> _XyWriter:
        return _XyWriter(self)  # type: ignore[no-untyped-call]  # python-pptx: unannotated


def _category_data(number_format: str) -> Any:
    """Chart data whose workbook keeps text as text; Any: python-pptx leaves its chart
    data classes unannotated."""
    return _CategoryData(number_format=number_format)  # type: ignore[no-untyped-call]


# --------------------------------------------------------------------------- category charts


def _category_chart(shapes: Shapes, chart: Chart, box: EmuBox, lang: str,
                    palette: Palette) -> GraphicFrame:
    data = _category_data(chart.value_format)
    data.categories = [prepare(c, lang) for c in chart.categories]
    for series in chart.series:
        data.add_series(prepare(series.name, lang), series.values, chart.value_format)
    frame: GraphicFrame = shapes.add_chart(_CATEGORY_TYPES[chart.kind], *box, data)
    native = frame.chart
    if chart.kind in ("doughnut", "pie"):
        plot = native.plots[0]
        plot.vary_by_categories = True
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = native_format("0%", lang)
        labels.number_format_is_linked = False
        labels.show_percentage, labels.show_value = True, False
        labels.font.size = Pt(FONT_SIZE)
        for index, point in enumerate(plot.series[0].points):
            point_colour = palette.series(index)
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(point_colour)
            point.format.line.color.rgb = _WHITE
            label = point.data_label
            label.font.size = Pt(FONT_SIZE)
            label.font.color.rgb = _WHITE if is_dark(point_colour) else _rgb(
                palette.text)
            _show_percent(label._get_or_add_dLbl(), native_format("0%", lang))
        native.has_legend = True
        native.legend.position = XL_LEGEND_POSITION.RIGHT
        native.legend.include_in_layout = False
        return frame

    plot = native.plots[0]
    plot.gap_width = 60 if chart.kind.startswith("stacked") else 80
    if not chart.kind.startswith("stacked") and chart.kind != "line":
        plot.overlap = -10
    for index, series in enumerate(plot.series):
        colour = _rgb(_series_colour(chart, index, palette))
        if chart.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.25)
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 6
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if chart.show_values:
        _value_labels(plot, chart, lang, palette)
    if chart.kind in ("barh", "stacked_barh"):
        native.category_axis.reverse_order = True  # first category at the top, as read
        _value_axis_at_last_category(native)
    _style_axes(native, chart, lang, palette)
    if chart.kind not in ("barh", "stacked_barh"):
        _readable_categories(native.category_axis, data.categories, box[2] / 12700)
    _legend(native, len(chart.series) > 1 and chart.legend)
    return frame


SLANT = -2700000   # category labels at -45 degrees (in 60,000ths of a degree)


def _readable_categories(axis: _BaseAxis, categories: Categories, width_pt: float) -> None:
    """Every category labelled, slanted when side by side they would run into one another
    (a monthly load over a year and a half)."""
    _every_label(axis)
    names = [str(c.label) for c in categories]
    room = width_pt * 0.85 / max(len(names), 1)
    if max((fit.text_width(name, FONT_SIZE - 1) for name in names), default=0) + 4 > room:
        axis.tick_labels.font.size = Pt(FONT_SIZE - 2)
        body = axis._element.get_or_add_txPr().find(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr")
        body.set("rot", str(SLANT))
        body.set("vert", "horz")


def _series_colour(chart: Chart, index: int, palette: Palette) -> str:
    """The colour the series names (what it stands for: a pillar), else its order's."""
    named = chart.series[index].colour
    return palette.series(index if named is None else named)


def _value_labels(plot: _BasePlot, chart: Chart, lang: str, palette: Palette) -> None:
    """Value labels set on every series, in a colour that reads on what is behind them.

    Inside a stacked segment a label sits on the series' fill: white on dark
    fills, the text colour on light ones. Beside a bar or above a line point it
    sits on the slide's background. Each series carries its own settings, as
    renderers differ in how they inherit the chart-wide ones.
    """
    fmt = native_format(chart.value_format, lang)
    number_format = f"{fmt};-{fmt};;"  # no label on empty stacked segments
    inside = chart.kind.startswith("stacked")
    position = (XL_DATA_LABEL_POSITION.CENTER if inside else
                XL_DATA_LABEL_POSITION.ABOVE if chart.kind == "line" else
                XL_DATA_LABEL_POSITION.OUTSIDE_END)
    plot.has_data_labels = True
    for target, index in [(plot, None), *((series, n) for n, series in enumerate(plot.series))]:
        labels = target.data_labels
        labels.number_format = number_format
        labels.number_format_is_linked = False
        labels.position = position
        labels.show_value = True
        labels.font.size = Pt(FONT_SIZE - 1)
        colour = palette.text if index is None or not inside else text_on(
            _series_colour(chart, index, palette), palette.text)
        labels.font.color.rgb = _rgb(colour)


def _style_axes(native: NativeChart, chart: Chart, lang: str, palette: Palette) -> None:
    category, value = native.category_axis, native.value_axis
    for axis in (category, value):
        axis.major_tick_mark = XL_TICK_MARK.NONE
        axis.minor_tick_mark = XL_TICK_MARK.NONE
        axis.tick_labels.font.size = Pt(FONT_SIZE - 1)
        axis.tick_labels.font.color.rgb = _rgb(palette.muted)
        axis.format.line.color.rgb = _rgb("#C9D3D8")
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = _rgb("#E1E6E9")
    value.major_gridlines.format.line.width = Pt(0.75)
    value.tick_labels.number_format = native_format(chart.value_format, lang)
    value.tick_labels.number_format_is_linked = False
    value.format.line.fill.background()
    if chart.y_range:
        value.minimum_scale, value.maximum_scale = chart.y_range
    # x is the horizontal axis, as in the Word figures: the value axis of a bar
    # chart drawn sideways, the category axis otherwise
    sideways = chart.kind in ("barh", "stacked_barh")
    _axis_title(value if sideways else category, chart.x_title, lang, palette)
    _axis_title(category if sideways else value, chart.y_title, lang, palette)


def _axis_title(axis: _BaseAxis, text: str, lang: str, palette: Palette) -> None:
    if not text:
        return
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = prepare(text, lang)
    font = frame.paragraphs[0].runs[0].font
    font.size, font.bold = Pt(FONT_SIZE - 1), False
    font.color.rgb = _rgb(palette.muted)


def _legend(native: NativeChart, show: bool) -> None:
    native.has_legend = show
    if show:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(FONT_SIZE - 1)


# --------------------------------------------------------------------------- scatter / bubble


def map_plot(chart: Chart, box: EmuBox) -> maps.Plot:
    """The plot a map gets in `box` (EMU): its size in points and its whole-step ranges."""
    x_range = chart.x_range or _padded([p.x for p in chart.points])
    y_range = chart.y_range or _padded([p.y for p in chart.points])
    _, _, width, height = box
    px, py, pw, ph = PLOT_AREA
    return maps.Plot(width / 12700 * pw, height / 12700 * ph,
                     maps.whole_range(*x_range, _map_step(chart, x_range)),
                     maps.whole_range(*y_range, _map_step(chart, y_range)))


def _map_step(chart: Chart, axis_range: tuple[float, float]) -> float:
    """The tick step of a map's axis: whole levels on a quadrant map (its axes are
    scales: impact 0 to 3, buy-in -2 to +2), a round step otherwise."""
    step = _nice_step(axis_range[1] - axis_range[0])
    return max(step, 1.0) if chart.quadrants else step


def _marker_sizes(chart: Chart) -> list[int]:
    """Each marker's diameter in points (whole points, as the file stores them)."""
    return [max(2, min(72, round(d))) for d in maps.diameters(chart, BUBBLE_PT, MARKER_PT)]


def map_numbered(chart: Chart, box: EmuBox, lang: str) -> bool:
    """Whether the map drawn in `box` numbers its markers (names would collide)."""
    return maps.is_numbered(chart, map_plot(chart, box), _marker_sizes(chart), FONT_SIZE - 1,
                            FONT_SIZE, lambda text: prepare(text, lang))


def _xy_chart(shapes: Shapes, chart: Chart, box: EmuBox, lang: str,
              palette: Palette) -> GraphicFrame:
    """A scatter chart; a bubble map too, each point's marker sized by its bubble: marker
    sizes are points on the slide, which every renderer honours (LibreOffice ignores a
    bubble chart's scale), so the map is drawn as its layout was checked."""
    numbered = map_numbered(chart, box, lang)
    data: Any = _XyData()  # type: ignore[no-untyped-call]  # python-pptx: unannotated
    slots = maps.group_slots(chart)
    numbers = {id(p): n for n, p in enumerate(chart.points, 1)}
    members = {g: [(p, size) for p, size in zip(chart.points, _marker_sizes(chart), strict=True)
                   if p.group == g] for g in slots}
    # Series in palette order: renderers stack later series over earlier ones, and a
    # group's legend entry comes where its colour does in every language.
    groups = sorted(slots, key=lambda g: slots[g])
    for group in groups:
        series = data.add_series(prepare(group, lang) or prepare(chart.title, lang) or "—")
        for point, _ in members[group]:
            series.add_data_point(point.x, point.y)
    frame: GraphicFrame = shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, *box, data)
    native = frame.chart
    _same_point_count(native)
    plot = native.plots[0]
    for index, group in enumerate(groups):
        series = plot.series[index]
        fill = palette.series(slots[group])
        series.format.line.fill.background()  # points only, no connecting line
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = MARKER_PT
        for point_index, (point, size) in enumerate(members[group]):
            native_point = series.points[point_index]
            marker = native_point.marker
            marker.style = XL_MARKER_STYLE.CIRCLE
            marker.size = size
            marker.format.fill.solid()
            marker.format.fill.fore_color.rgb = _rgb(fill)
            marker.format.line.color.rgb = _WHITE
            native_point.format.line.fill.background()
            if numbered:  # the number on its marker, the name in the key
                _point_label(native_point, str(numbers[id(point)]), XL_DATA_LABEL_POSITION.CENTER,
                             text_on(fill, palette.text), FONT_SIZE - 1, bold=True)
            else:
                _point_label(native_point, prepare(point.label, lang),
                             _LABEL_POSITIONS[point.label_side], palette.text, FONT_SIZE - 1)
        series.marker.format.fill.solid()  # the legend's key
        series.marker.format.fill.fore_color.rgb = _rgb(fill)
        series.marker.format.line.color.rgb = _WHITE
    x_axis, y_axis = native.category_axis, native.value_axis
    for axis in (x_axis, y_axis):
        axis.major_tick_mark = XL_TICK_MARK.NONE
        axis.has_major_gridlines = False
        axis.tick_labels.font.size = Pt(FONT_SIZE - 1)
        axis.tick_labels.font.color.rgb = _rgb(palette.muted)
        axis.format.line.color.rgb = _rgb(palette.muted)
        axis.tick_labels.number_format = "0"
        axis.tick_labels.number_format_is_linked = False
    if chart.quadrants:
        # The axes cross at the split: they draw the quadrant lines; labels stay outside.
        y_axis.crosses_at = chart.quadrants.y_split
        x_axis.crosses_at = chart.quadrants.x_split
        x_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        y_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    _axis_title(x_axis, chart.x_title, lang, palette)
    _axis_title(y_axis, chart.y_title, lang, palette)
    for axis, axis_range in ((x_axis, chart.x_range or _padded([p.x for p in chart.points])),
                             (y_axis, chart.y_range or _padded([p.y for p in chart.points]))):
        _whole_step_axis(axis, *axis_range, _map_step(chart, axis_range))
    _legend(native, chart.legend and len(groups) > 1)
    if chart.quadrants:
        _plot_layout(native, PLOT_AREA)
        _quadrant_names(shapes, chart, box, lang, palette)
    return frame


def _same_point_count(native: NativeChart) -> None:
    """Every series of a map declares as many points as the longest one (the rest blank).

    LibreOffice reads a scatter chart's rows from its first series: a group of one
    population drawn first beside a group of three lost its point in the render while
    PowerPoint showed it. Blank points draw nothing in either renderer.
    """
    counts: list[Any] = native._chartSpace.xpath(
        ".//c:ser/c:xVal//c:ptCount | .//c:ser/c:yVal//c:ptCount")
    longest = max((int(count.get("val")) for count in counts), default=0)
    for count in counts:
        count.set("val", str(longest))


def _padded(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1
    return (low - pad, high + pad)


def _whole_step_axis(axis: ValueAxis, low: float, high: float, step: float) -> None:
    """Ticks on round values, labels only on whole values of the data's range.

    PowerPoint and LibreOffice put the first tick at the axis minimum: a range
    padded for the bubbles (-0.5 to 3.5) would label -0.5, 0.5… rounded to
    "-1", "1", "2" under the wrong ticks. So the minimum goes down to a whole
    step (`maps.whole_range`; its label blanked by the number format, as are
    the labels beyond the data) and the maximum stops just short of the next
    whole step (no tick there): every label sits on its tick.
    """
    axis.major_unit = step
    first = math.ceil(low / step - 1e-9) * step
    axis.minimum_scale, axis.maximum_scale = maps.whole_range(low, high, step)
    digits = "0" if step >= 1 else "0.0"
    # A conditional section shows the absolute value: negatives get their own sign.
    axis.tick_labels.number_format = f'[<{first:g}]"";[<0]-{digits};{digits}'
    axis.tick_labels.number_format_is_linked = False


def _nice_step(span: float) -> float:
    """A tick step giving at most 6 labels: 0.5, 1, 2, 5, 10, 20…"""
    step = 10 ** math.floor(math.log10(span / 6)) if span > 0 else 1
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= 6:
            return step * factor
    return step * 10


def _plot_layout(native: NativeChart, area: tuple[float, float, float, float]) -> None:
    """Pin the inner plot area (fractions of the chart) so shapes can be placed over it."""
    plot_area = native._chartSpace.chart.plotArea
    for old in plot_area.findall(f"{{{_C}}}layout"):
        plot_area.remove(old)
    x, y, w, h = area
    layout = etree.fromstring(
        f'<c:layout xmlns:c="{_C}"><c:manualLayout><c:layoutTarget val="inner"/>'
        f'<c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{x}"/><c:y val="{y}"/>'
        f'<c:w val="{w}"/><c:h val="{h}"/></c:manualLayout></c:layout>')
    plot_area.insert(0, layout)


def _quadrant_names(shapes: Shapes, chart: Chart, box: EmuBox, lang: str, palette: Palette) -> None:
    """The four quadrant names in the corners of the pinned plot area, each within its
    quadrant (`maps.quadrant_names`)."""
    left, top, width, height = box
    px, py, _, _ = PLOT_AREA
    origin_x, origin_y = left + int(width * px), top + int(height * py)
    for name in maps.quadrant_names(chart, map_plot(chart, box), FONT_SIZE,
                                    lambda text: prepare(text, lang)):
        x0, y0, x1, y1 = name.box
        box_shape = shapes.add_textbox(origin_x + int(Pt(x0)), origin_y + int(Pt(y0)),
                                       int(Pt(x1 - x0)) + int(Pt(2)), int(Pt(y1 - y0)))
        box_shape.name = "Quadrant"
        frame = box_shape.text_frame
        frame.word_wrap = False   # lines already broken to the quadrant's width
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM if name.bottom else MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        for number, text in enumerate(name.lines):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.RIGHT if name.right else PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = text
            run.font.size, run.font.italic = Pt(FONT_SIZE), True
            run.font.color.rgb = _rgb(palette.muted)


_LABEL_POSITIONS = {"right": XL_DATA_LABEL_POSITION.RIGHT, "left": XL_DATA_LABEL_POSITION.LEFT}


def _point_label(point: NativePoint, text: str, position: XL_DATA_LABEL_POSITION, colour: str,
                 size: int, bold: bool = False) -> None:
    label = point.data_label
    label.has_text_frame = True
    label.text_frame.text = text
    run = label.text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour)
    label.position = position


# --------------------------------------------------------------------------- gantt


def _serial(day: dt.date) -> int:
    return (day - _EXCEL_EPOCH).days


def _gantt_lanes(chart: Chart, lang: str, palette: Palette, labels: Labels | None
                 ) -> list[Lane]:
    """(name, durations aligned with the sorted tasks, colour) per lane, then milestones.

    A lane takes the colour its tasks name (what the lane stands for, the same on
    every slide and in every language), else its order's; lane colours skip the
    highlight colour (the second accent), kept for milestones.
    """
    lanes = list(dict.fromkeys(t.lane for t in chart.tasks))
    tasks = _gantt_tasks(chart)
    shortest = _milestone_width(tasks)  # a one-day action is drawn as wide as a milestone
    result: list[Lane] = []
    for lane in lanes:
        values: list[float | None] = [None if t.milestone or t.lane != lane else max((t.end - t.start).days + 1,
                                                                   shortest)
                  for t in tasks]
        if any(v is not None for v in values):
            name = prepare(lane, lang) or (labels.text("render.tasks", lang) if labels else "—")
            result.append((name, values, palette.series(_lane_slot(chart, lane, len(result)))))
    if any(t.milestone for t in tasks):
        width = _milestone_width(tasks)
        name = labels.text("render.milestones", lang) if labels else "◆"
        result.append((name, [width if t.milestone else None for t in tasks],
                       palette.series(HIGHLIGHT)))
    return result


def _lane_slot(chart: Chart, lane: str, position: int) -> int:
    named = next((t.colour for t in chart.tasks if t.lane == lane and t.colour is not None), None)
    return named if named is not None else lane_slot(position)


def _gantt_tasks(chart: Chart) -> list[Task]:
    lanes = list(dict.fromkeys(t.lane for t in chart.tasks))
    return sorted(chart.tasks, key=lambda t: lanes.index(t.lane))  # stable within a lane


def _bar_lengths(lanes: Sequence[Lane]) -> list[float]:
    """Each task's drawn length in days (its lane's value)."""
    lengths = [0.0] * len(lanes[0][1]) if lanes else []
    for _, values, _ in lanes:
        lengths = [length + (value or 0) for length, value in zip(lengths, values, strict=True)]
    return lengths


def _every_label(axis: _BaseAxis) -> None:
    """Every category labelled: without it, renderers drop labels they find crowded."""
    ax = axis._element
    for old in ax.findall(f"{{{_C}}}tickLblSkip"):
        ax.remove(old)
    skip = ax.makeelement(f"{{{_C}}}tickLblSkip", {"val": "1"})
    # the schema wants it after lblOffset (or lblAlgn/auto/noMultiLvlLbl order): place it
    # before noMultiLvlLbl when present, else at the end
    anchor = ax.find(f"{{{_C}}}noMultiLvlLbl")
    if anchor is not None:
        anchor.addprevious(skip)
    else:
        ax.append(skip)


def _milestone_width(tasks: Sequence[Task]) -> int:
    """Days a milestone's bar spans: visible whatever the plan's length."""
    span = max(1, (max(t.end for t in tasks) - min(t.start for t in tasks)).days)
    return max(2, round(span * 0.012))


def _gantt_chart(shapes: Shapes, chart: Chart, box: EmuBox, lang: str, palette: Palette,
                 lanes: Sequence[Lane]) -> GraphicFrame:
    tasks = _gantt_tasks(chart)
    milestone_width = _milestone_width(tasks)
    # A milestone's mark is centred on its day: it opens half its width earlier.
    first = min(t.start - dt.timedelta(days=milestone_width // 2 if t.milestone else 0) for t in tasks)
    data = _category_data("0")
    data.categories = [prepare(t.label, lang) for t in tasks]
    offsets = [_serial(t.start) - (milestone_width // 2 if t.milestone else 0) for t in tasks]
    data.add_series(" ", offsets, "dd/mm/yyyy")  # the invisible offset
    for name, values, _ in lanes:
        data.add_series(name, values, "0")
    frame: GraphicFrame = shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data)
    native = frame.chart
    plot = native.plots[0]
    plot.gap_width = 45
    plot.overlap = 100
    offset_series = plot.series[0]
    offset_series.format.fill.background()
    offset_series.format.line.fill.background()
    for series, (_, _, colour) in zip(list(plot.series)[1:], lanes, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
    category, value = native.category_axis, native.value_axis
    category.reverse_order = True
    category.major_tick_mark = XL_TICK_MARK.NONE
    category.tick_label_position = XL_TICK_LABEL_POSITION.NONE  # rows named beside the plot
    category.format.line.color.rgb = _rgb("#C9D3D8")
    # a chart title takes the top of the chart's frame: the plot starts below it
    title_pt = (FONT_SIZE + 2) * fit.LINE_HEIGHT + 10 if chart.title else 0
    plot = _row_labels(shapes, [prepare(t.label, lang) for t in tasks], box, native, palette,
                       title_pt)
    # The axis runs from the first day of the first bar's month (a milestone is
    # centred on its day) to a week past the last bar.
    earliest = first - dt.timedelta(days=milestone_width // 2 + 1)
    low = _serial(earliest.replace(day=1))
    high = max(offset + length for offset, length
               in zip(offsets, _bar_lengths(lanes), strict=True)) + 7
    value.minimum_scale, value.maximum_scale = low, high
    # Renderers tick a value axis every so many days from its minimum, which drifts off
    # the months: the months' gridlines and names are drawn by the deck, on each first day.
    value.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    value.major_tick_mark = XL_TICK_MARK.NONE
    value.has_major_gridlines = False
    value.format.line.fill.background()
    _no_fill(native)
    _month_grid(shapes, frame, box, plot, (low, high), lang, palette, title_pt)
    native.has_legend = False  # the lanes' legend is drawn beside the chart
    return frame


def _no_fill(native: NativeChart) -> None:
    """A transparent chart: the month grid drawn behind it shows through."""
    for parent, successor in ((native._chartSpace, "txPr"), (native._chartSpace.chart.plotArea, "")):
        for old in parent.findall(f"{{{_C}}}spPr"):
            parent.remove(old)
        sp_pr = etree.fromstring(f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}"><a:noFill/><a:ln><a:noFill/></a:ln>'
                                 '</c:spPr>')
        following = parent.find(f"{{{_C}}}{successor}") if successor else None
        if following is not None:
            following.addprevious(sp_pr)
        elif parent is native._chartSpace:
            parent.chart.addnext(sp_pr)
        else:
            parent.append(sp_pr)


def _month_grid(shapes: Shapes, frame: GraphicFrame, box: EmuBox, plot: tuple[float, float, float, float],
                scale: tuple[float, float], lang: str, palette: Palette, title_pt: float) -> None:
    """A gridline on the first day of each month shown, its name above it, drawn behind
    the chart (one group, placed before the chart's frame)."""
    low, high = scale
    first = _EXCEL_EPOCH + dt.timedelta(days=int(low))
    last = _EXCEL_EPOCH + dt.timedelta(days=int(high))
    ticks, _slanted = month_ticks(first, last, plot[2], lang, FONT_SIZE - 2)
    with _group(shapes, "Months") as group:
        _month_lines(group.shapes, ticks, box, plot, scale, palette, title_pt)
    frame._element.addprevious(group._element)  # behind the bars


def _month_lines(shapes: Shapes, ticks: dict[dt.date, str], box: EmuBox,
                 plot: tuple[float, float, float, float], scale: tuple[float, float],
                 palette: Palette, title_pt: float) -> None:
    """Each month's gridline and name, into `shapes` (the months' group)."""
    left, top, _width, _height = box
    plot_x, plot_top, plot_w, plot_h = plot
    low, high = scale
    size = FONT_SIZE - 2
    for day, name in ticks.items():
        x = plot_x + (_serial(day) - low) / (high - low) * plot_w
        line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, left + int(Pt(x)),
                                    top + int(Pt(plot_top)), left + int(Pt(x)),
                                    top + int(Pt(plot_top + plot_h)))
        line.name = "Month line"
        line.line.color.rgb = _rgb("#E1E6E9")
        line.line.width = Pt(0.75)
        label_w = fit.text_width(name, size) * fit.SAFETY + 4
        _label(shapes, (left + int(Pt(x - label_w / 2)),
                        top + int(Pt(title_pt + GANTT_DATES_PT - size * 1.6)),
                        int(Pt(label_w)), int(Pt(size * 1.4))),
               "Month", [name], size, palette.muted, align="ctr")


GANTT_DATES_PT = 24        # above a Gantt's plot: the month labels
GANTT_RIGHT_PT = 12        # right of the plot: room for the last month label
ROW_LABEL_GAP_PT = 8       # between a row's name and the plot
ROW_LABEL_SHARE = 0.36     # of the chart's width, at most, for the rows' names
ROW_LABEL_SIZES = (FONT_SIZE - 1, FONT_SIZE - 2, FONT_SIZE - 3)


def _row_labels(shapes: Shapes, names: list[str], box: EmuBox, native: NativeChart, palette: Palette,
                title_pt: float = 0) -> tuple[float, float, float, float]:
    """Every Gantt row named, in text boxes beside the pinned plot area.

    Renderers drop category labels they find crowded (LibreOffice every other
    one, whatever the file asks), so the rows' names are drawn by the deck: each
    centred on its row, wrapped to the names' column, in the largest size at
    which every name fits its row's height, every word kept.
    """
    left, top, width, height = box
    width_pt, height_pt = width / 12700, height / 12700
    plot_top = title_pt + GANTT_DATES_PT
    plot_h = height_pt - plot_top - 4
    pitch = plot_h / len(names)
    widest = max(fit.text_width(name, ROW_LABEL_SIZES[0]) * fit.SAFETY for name in names)
    column = min(widest + 2, width_pt * ROW_LABEL_SHARE)
    for size in ROW_LABEL_SIZES:
        wrapped = [fit.wrap(name, column, size) for name in names]
        if all(len(lines) * size * fit.LINE_HEIGHT <= pitch for lines in wrapped):
            break
    plot_x = column + ROW_LABEL_GAP_PT
    plot_w = width_pt - plot_x - GANTT_RIGHT_PT
    _plot_layout(native, (plot_x / width_pt, plot_top / height_pt, plot_w / width_pt,
                          plot_h / height_pt))
    with _group(shapes, "Row labels") as group:
        _row_label_boxes(group.shapes, wrapped, size, (left, top, column, plot_top, pitch), palette)
    return plot_x, plot_top, plot_w, plot_h


def _row_label_boxes(shapes: Shapes, wrapped: list[list[str]], size: int,
                     place: tuple[int, int, float, float, float], palette: Palette) -> None:
    """Each row's name, right-aligned and centred on its row, into `shapes` (a group)."""
    left, top, column, plot_top, pitch = place
    for row, lines in enumerate(wrapped):
        text_h = len(lines) * size * fit.LINE_HEIGHT
        centre = plot_top + (row + 0.5) * pitch
        # lines already broken to the column
        _label(shapes, (left, top + int(Pt(centre - text_h / 2)), int(Pt(column)), int(Pt(text_h))),
               "Row label", lines, size, palette.text, align="r", middle=True)


# --------------------------------------------------------------------------- text legend

_KEY_PT = 9           # side of a legend key square
_KEY_GAP_PT = 4       # between a key and its name
_ENTRY_GAP_PT = 16    # between two entries
_LEGEND_LINE_PT = FONT_SIZE * 1.2 + 6


def _legend_lines(names: list[str], width_pt: float) -> list[list[int]]:
    """Entry indexes per legend line, filled left to right within `width_pt`."""
    lines: list[list[int]] = [[]]
    used = 0.0
    for index, name in enumerate(names):
        needed = _entry_width(name)
        if lines[-1] and used + _ENTRY_GAP_PT + needed > width_pt:
            lines.append([])
            used = 0.0
        used += needed + (_ENTRY_GAP_PT if lines[-1] else 0)
        lines[-1].append(index)
    return lines


def _entry_width(name: str) -> float:
    return _KEY_PT + _KEY_GAP_PT + fit.text_width(name, FONT_SIZE - 1) * fit.SAFETY + 2


def _text_legend_height(names: list[str], width: int) -> int:
    return int(Pt(_LEGEND_LINE_PT * len(_legend_lines(names, width / 12700)) + 4))


def _text_legend(shapes: Shapes, entries: list[tuple[str, str]], box: EmuBox, palette: Palette) -> None:
    """A centred legend of coloured keys and names, as shapes (every renderer draws them)."""
    x, y, width, _ = box
    names = [name for name, _ in entries]
    for row, line in enumerate(_legend_lines(names, width / 12700)):
        total = sum(_entry_width(names[i]) for i in line) + _ENTRY_GAP_PT * (len(line) - 1)
        left = x + int(Pt((width / 12700 - total) / 2))
        top = y + int(Pt(4 + row * _LEGEND_LINE_PT))
        for index in line:
            name, colour = entries[index]
            key = shapes.add_shape(MSO_SHAPE.RECTANGLE, left,
                                   top + int(Pt((_LEGEND_LINE_PT - _KEY_PT) / 2)),
                                   int(Pt(_KEY_PT)), int(Pt(_KEY_PT)))
            key.name = "Legend key"
            flat_shape(key, colour)
            text_w = _entry_width(name) - _KEY_PT - _KEY_GAP_PT
            _label(shapes, (left + int(Pt(_KEY_PT + _KEY_GAP_PT)), top, int(Pt(text_w)),
                            int(Pt(_LEGEND_LINE_PT))),
                   "Legend", [name], FONT_SIZE - 1, palette.text, middle=True)
            left += int(Pt(_entry_width(name) + _ENTRY_GAP_PT))


# --------------------------------------------------------------------------- XML details


def _label(shapes: Shapes, box: EmuBox, name: str, lines: list[str], size: int, colour: str,
           align: str | None = None, middle: bool = False) -> None:
    """A text box named `name` of `lines` (a paragraph each, aligned `align`: "r", "ctr"),
    unwrapped, without insets, its text `size` points in `colour`, centred vertically
    when `middle`. Its text is written as python-pptx's text frame, paragraph and font
    proxies write it, directly (the proxies cost more than the box: a Gantt has dozens)."""
    label = shapes.add_textbox(*box)
    label.name = name
    body = label._element.txBody
    body_pr = body.find(f"{{{_A}}}bodyPr")
    for fit_element in list(body_pr):  # the new box's autofit, as `auto_size = NONE` does
        body_pr.remove(fit_element)
    etree.SubElement(body_pr, f"{{{_A}}}noAutofit")
    body_pr.set("wrap", "none")
    if middle:
        body_pr.set("anchor", "ctr")
    for side in ("lIns", "rIns", "tIns", "bIns"):
        body_pr.set(side, "0")
    paragraph = body.find(f"{{{_A}}}p")
    sz, rgb = str(Pt(size).centipoints), str(_rgb(colour))
    for number, text in enumerate(lines):
        p = paragraph if number == 0 else etree.SubElement(body, f"{{{_A}}}p")
        if align is not None:
            etree.SubElement(p, f"{{{_A}}}pPr", algn=align)
        r = etree.SubElement(p, f"{{{_A}}}r")
        r_pr = etree.SubElement(r, f"{{{_A}}}rPr", sz=sz)
        etree.SubElement(etree.SubElement(r_pr, f"{{{_A}}}solidFill"), f"{{{_A}}}srgbClr", val=rgb)
        etree.SubElement(r, f"{{{_A}}}t")
        r.text = text  # python-pptx's run escapes what XML cannot hold


def _show_percent(dlbl: etree._Element, number_format: str) -> None:
    """A point's own label shows the percentage (python-pptx only offers it per series)."""
    dlbl.find(f"{{{_C}}}showVal").set("val", "0")
    dlbl.find(f"{{{_C}}}showPercent").set("val", "1")
    if dlbl.find(f"{{{_C}}}numFmt") is None:
        number = etree.SubElement(dlbl, f"{{{_C}}}numFmt", formatCode=number_format,
                                  sourceLinked="0")
        dlbl.remove(number)
        anchor = dlbl.find(f"{{{_C}}}spPr")
        if anchor is None:
            anchor = dlbl.find(f"{{{_C}}}txPr")
        anchor.addprevious(number)


def _value_axis_at_last_category(native: NativeChart) -> None:
    """With categories reversed, keep the value axis at the bottom (it crosses at the last)."""
    value_axis = native.value_axis._element
    for old in value_axis.findall(f"{{{_C}}}crossesAt"):
        value_axis.remove(old)
    crosses = value_axis.find(f"{{{_C}}}crosses")
    if crosses is None:
        crosses = etree.SubElement(value_axis, f"{{{_C}}}crosses")
        value_axis.remove(crosses)
        value_axis.find(f"{{{_C}}}crossAx").addnext(crosses)
    crosses.set("val", "max")


def flat_shape(shape: Shape, colour: str) -> None:
    """A solid `colour` fill, no outline and no theme effect (shadow, glow, bevel).

    An empty effect list is not enough: LibreOffice still draws the theme's
    effect the shape style refers to, so the style reference goes.
    """
    sp_pr = shape._element.spPr
    if [child.tag for child in sp_pr] == _NEW_SHAPE:
        # a shape just added: the elements python-pptx's fill, line and shadow
        # proxies write, in their order, built directly (the proxies cost more than
        # the shape)
        fill = etree.SubElement(sp_pr, f"{{{_A}}}solidFill")
        etree.SubElement(fill, f"{{{_A}}}srgbClr", val=str(_rgb(colour)))
        etree.SubElement(etree.SubElement(sp_pr, f"{{{_A}}}ln"), f"{{{_A}}}noFill")
        etree.SubElement(sp_pr, f"{{{_A}}}effectLst")
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False
    style = shape._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        style.getparent().remove(style)


_NEW_SHAPE = [f"{{{_A}}}xfrm", f"{{{_A}}}prstGeom"]  # a new autoshape's properties


def _rgb(colour: str) -> RGBColor:
    rgb: RGBColor = RGBColor.from_string(  # type: ignore[no-untyped-call]  # python-pptx:
        colour.lstrip("#").upper())                   # unannotated
    return rgb


_WHITE = _rgb("#FFFFFF")
