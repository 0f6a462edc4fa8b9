"""The rules both writers follow to draw a map (scatter or bubble chart): colours,
bubble sizes, whole-step axes, and whether names fit beside the markers.

A map names its points beside their markers only when no name runs into
another name, a marker or a quadrant name, on the plot the writer actually
draws (its size in points, its axis ranges). Otherwise every marker carries a
number and a key lists the numbers with the names: a table in the Word report,
beside the map or on the next slide in the deck. The same geometry decides for
both writers, so what they draw is what was checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import fit
from .ir import Cell, Chart, Table
from .palette import Palette

MIN_SHARE = 0.2        # the smallest bubble's area as a share of the largest: room for a number
LABEL_GAP_PT = 3       # between a marker's edge and its name
QUADRANT_PAD_PT = 6    # between the plot's corner and a quadrant name
MAX_NAME_SHARE = 0.3   # a name wider than this share of the plot does not go beside a marker


@dataclass(frozen=True)
class Plot:
    """Where a writer draws the map: the plot's size in points and its axis ranges."""

    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def at(self, x: float, y: float) -> tuple[float, float]:
        """A data point's position in points from the plot's top-left corner."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x - x0) / (x1 - x0) * self.width, (y1 - y) / (y1 - y0) * self.height


Box = tuple[float, float, float, float]   # left, top, right, bottom (points)


def group_slots(chart: Chart) -> dict[str, int]:
    """Each group's palette slot: the one its points name (a segment keeps its colour in
    every language), else its order of appearance."""
    slots: dict[str, int] = {}
    for point in chart.points:
        if point.group not in slots:
            slots[point.group] = point.colour if point.colour is not None else len(slots)
    return slots


def bubble_sizes(chart: Chart) -> list[float]:
    """Bubble sizes, the smallest at a fifth of the largest's area: every bubble is
    seen and holds its number."""
    largest = max((p.size or 0) for p in chart.points) or 1
    return [max(p.size or 0, largest * MIN_SHARE) for p in chart.points]


def whole_range(low: float, high: float, step: float = 1) -> tuple[float, float]:
    """An axis range widened to whole steps below (renderers put the first tick at the
    minimum) and to just short of the next whole step above (no tick there)."""
    floor = math.floor(low / step + 1e-9) * step
    on_step = abs(high / step - round(high / step)) < 1e-9
    return floor, high if on_step else math.ceil(high / step) * step - step / 1000


def diameters(chart: Chart, largest_pt: float, marker_pt: float) -> list[float]:
    """Each marker's diameter in points: bubbles by area, the largest `largest_pt`."""
    if chart.kind != "bubble":
        return [marker_pt] * len(chart.points)
    sizes = bubble_sizes(chart)
    top = max(sizes) or 1
    return [largest_pt * math.sqrt(size / top) for size in sizes]


@dataclass(frozen=True)
class QuadrantName:
    """A quadrant's name as drawn: its lines, its box in the plot, its corner."""

    lines: list[str]
    box: Box
    right: bool
    bottom: bool


def quadrant_names(chart: Chart, plot: Plot, size_pt: float,
                   lang_text: Callable[[str], str]) -> list[QuadrantName]:
    """Each quadrant's name in its corner of the plot, wrapped to its quadrant's width
    (a narrow quadrant gets its name on two lines rather than across the split)."""
    q = chart.quadrants
    if q is None:
        return []
    split, _ = plot.at(q.x_split, q.y_split)
    line = size_pt * fit.LINE_HEIGHT
    pad = QUADRANT_PAD_PT
    result = []
    for name, right, bottom in ((q.top_left, False, False), (q.top_right, True, False),
                                (q.bottom_left, False, True), (q.bottom_right, True, True)):
        room = max((plot.width - split if right else split) - 2 * pad, size_pt * 4)
        lines = fit.wrap(lang_text(name), room, size_pt)
        width = max(fit.text_width(text, size_pt) * fit.SAFETY for text in lines)
        height = line * len(lines)
        left = plot.width - pad - width if right else pad
        top = plot.height - pad - height if bottom else pad
        result.append(QuadrantName(lines, (left, top, left + width, top + height), right, bottom))
    return result


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def names_fit(chart: Chart, plot: Plot, sizes_pt: Sequence[float], font_pt: float,
              reserved: list[Box], lang_text: Callable[[str], str]) -> bool:
    """Whether every name fits beside its marker (on its `label_side`), inside the plot,
    clear of every other name, marker and `reserved` box (quadrant names)."""
    line = font_pt * fit.LINE_HEIGHT
    markers, labels = [], []
    for point, size in zip(chart.points, sizes_pt, strict=True):
        x, y = plot.at(point.x, point.y)
        radius = size / 2
        markers.append((x - radius, y - radius, x + radius, y + radius))
        width = fit.text_width(lang_text(point.label), font_pt) * fit.SAFETY
        if width > plot.width * MAX_NAME_SHARE:
            return False
        if point.label_side == "left":
            left = x - radius - LABEL_GAP_PT - width
        else:
            left = x + radius + LABEL_GAP_PT
        labels.append((left, y - line / 2, left + width, y + line / 2))
    for index, label in enumerate(labels):
        if label[0] < 0 or label[1] < 0 or label[2] > plot.width or label[3] > plot.height:
            return False
        others = [*labels[index + 1:], *reserved,
                  *(m for n, m in enumerate(markers) if n != index)]
        if any(_overlap(label, other) for other in others):
            return False
    return True


def numbers_fit(chart: Chart, plot: Plot, font_pt: float, reserved: list[Box]) -> bool:
    """Whether the numbers, centred on their markers, stay clear of one another and of
    the `reserved` boxes."""
    line = font_pt * fit.LINE_HEIGHT
    boxes = []
    for number, point in enumerate(chart.points, 1):
        x, y = plot.at(point.x, point.y)
        half = fit.text_width(str(number), font_pt, bold=True) / 2 + 1
        boxes.append((x - half, y - line / 2, x + half, y + line / 2))
    return not any(_overlap(box, other) for index, box in enumerate(boxes)
                   for other in [*boxes[index + 1:], *reserved])


def is_numbered(chart: Chart, plot: Plot, sizes_pt: Sequence[float], font_pt: float,
                quadrant_pt: float, lang_text: Callable[[str], str]) -> bool:
    """Whether the map numbers its markers (with a key) rather than naming them."""
    if chart.numbered is not None:
        return chart.numbered
    reserved = [name.box for name in quadrant_names(chart, plot, quadrant_pt, lang_text)]
    return not names_fit(chart, plot, sizes_pt, font_pt, reserved, lang_text)


def key_table(chart: Chart, palette: Palette, number_title: str) -> Table:
    """The key of a numbered map: number (on its group's colour) and name, in number order."""
    slots = group_slots(chart)
    rows: list[list[Cell]] = [[str(number), point.label]
                              for number, point in enumerate(chart.points, 1)]
    fills = [[palette.series(slots[point.group]), None] for point in chart.points]
    return Table([number_title, chart.key_title], rows, widths=[0.6, 6],
                 align=["center", "left"], cell_fills=fills)
