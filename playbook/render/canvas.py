"""The Agg canvas the Word charts are drawn on: matplotlib's, with text drawn for less.

matplotlib 3.11 draws text glyph by glyph, and for every glyph rebuilds the
same rotation matrix with numpy and a throw-away graphics context: a quarter
of a chart's drawing. This renderer computes the matrix once per string and
makes the same FreeType and Agg calls with the same values, so the pixels are
those of matplotlib's own renderer (a test compares them). Laying a text out,
matplotlib also finds its font and reads two of its tables again, each of the
five times a tick label is measured, and looks the font up again for every text
it draws: the renderer gives those heights, computed as matplotlib does, once
per font and size, and keeps the fonts it found. On any other matplotlib the
renderer is matplotlib's own.
"""

from __future__ import annotations

import math
from typing import Any, cast

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import FT2Font, RenderMode

# The glyph-by-glyph drawing this mirrors (matplotlib's RendererAgg.draw_text and
# _draw_text_glyphs_and_boxes, 3.11)
MIRRORED = (matplotlib.__version__.startswith("3.11.")
            and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
            and all(hasattr(FT2Font, name) for name in ("_layout", "_set_transform", "_render_glyph")))


FontHeights = tuple[float | None, float | None, float | None]


class ChartRenderer(RendererAgg):
    """Agg, with plain text drawn as matplotlib does, its rotation computed once."""

    def __init__(self, width: int, height: int, dpi: float) -> None:
        super().__init__(width, height, dpi)  # type: ignore[no-untyped-call]  # matplotlib: unannotated
        # per renderer, so per figure: drawn in one rc context, its fonts do not change
        self._heights: dict[FontProperties, FontHeights] = {}
        self._fonts: dict[FontProperties, Any] = {}  # the font files of each font asked for

    def _prepare_font(self, font_prop: FontProperties) -> FT2Font:
        """matplotlib's: the font of `font_prop`, cleared, at its size; found once."""
        if not MIRRORED:
            font: FT2Font = super()._prepare_font(font_prop)  # type: ignore[no-untyped-call]
            return font
        files = self._fonts.get(font_prop)
        if files is None:
            files = self._fonts[font_prop.copy()] = fontManager._find_fonts_by_props(font_prop)
        font = get_font(files)
        font.clear()
        font.set_size(font_prop.get_size_in_points(), self.dpi)
        return font

    def _get_font_height_metrics(self, prop: FontProperties) -> FontHeights:
        """(ascent, descent, line gap) in pixels of the font of `prop`, as matplotlib's
        `Text._get_layout` reads them (None: matplotlib measures instead)."""
        if not MIRRORED:
            return None, None, None
        heights = self._heights.get(prop)
        if heights is None:
            heights = self._heights[prop.copy()] = _font_heights(prop, self.dpi)
        return heights

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: bool | str = False, mtext: Any = None) -> None:
        if ismath or not MIRRORED:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]
            return
        font: Any = self._prepare_font(prop)  # private FreeType calls below
        load_flags = get_hinting_flag()  # type: ignore[no-untyped-call]
        items = font._layout(
            s, flags=load_flags,
            features=mtext.get_fontfeatures() if mtext is not None else None,
            language=mtext.get_language() if mtext is not None else None)
        size = prop.get_size_in_points()
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        # matplotlib's expression, for a glyph neither slanted nor extended
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[1, 0], [0, 1]]).round().astype(int)
        antialiased = gc.get_antialiased()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        height = self.height
        for item in items:  # y is downwards, FreeType's and the glyph's offsets upwards
            dx, dy, glyph_font = item.x, item.y, cast(Any, item.ft_object)
            glyph_font.set_size(size, self.dpi)
            glyph_font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)),
                                               round(0x40 * (height - y + dx * sin + dy * cos))])
            bitmap = glyph_font._render_glyph(item.glyph_index, load_flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xff
            self._renderer.draw_text_image(buffer, bitmap.left,
                                           int(height) - bitmap.top + buffer.shape[0], 0, gc)


def _font_heights(prop: FontProperties, dpi: float) -> FontHeights:
    """matplotlib's own computation (`Text._get_layout`, 3.11), term for term."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    possible = [("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                ("hhea", "lineGap", "ascent", "descent")]
    for table_name, linegap_key, ascent_key, descent_key in possible:
        table = font.get_sfnt_table(table_name)  # type: ignore[call-overload]
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]  # type: ignore[index]
        scale = 1 / units_per_em * fontsize * dpi / 72
        return (table[ascent_key] * scale, -table[descent_key] * scale,
                table[linegap_key] * scale)
    return None, None, None


class ChartCanvas(FigureCanvasAgg):
    """A figure's Agg canvas drawing with `ChartRenderer`."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:  # as matplotlib's: one renderer per size
            self.renderer = ChartRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        renderer: RendererAgg = self.renderer
        return renderer
