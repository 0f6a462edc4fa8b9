"""The Agg canvas the Word charts are drawn on: matplotlib's, with text drawn for less.

matplotlib 3.11 draws text glyph by glyph, and for every glyph rebuilds the
same rotation matrix with numpy and a throw-away graphics context: a quarter
of a chart's drawing. This renderer computes the matrix once per string and
makes the same FreeType and Agg calls with the same values, so the pixels are
those of matplotlib's own renderer (a test compares them). On any other
matplotlib the renderer is matplotlib's own.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font, RenderMode

# The glyph-by-glyph drawing this mirrors (matplotlib's RendererAgg.draw_text and
# _draw_text_glyphs_and_boxes, 3.11)
MIRRORED = (matplotlib.__version__.startswith("3.11.")
            and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
            and all(hasattr(FT2Font, name) for name in ("_layout", "_set_transform", "_render_glyph")))


class ChartRenderer(RendererAgg):
    """Agg, with plain text drawn as matplotlib does, its rotation computed once."""

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: bool | str = False, mtext: Any = None) -> None:
        if ismath or not MIRRORED:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]
            return
        font = self._prepare_font(prop)  # type: ignore[no-untyped-call]
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
            dx, dy, glyph_font = item.x, item.y, item.ft_object
            glyph_font.set_size(size, self.dpi)
            glyph_font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)),
                                               round(0x40 * (height - y + dx * sin + dy * cos))])
            bitmap = glyph_font._render_glyph(item.glyph_index, load_flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xff
            self._renderer.draw_text_image(buffer, bitmap.left,
                                           int(height) - bitmap.top + buffer.shape[0], 0, gc)


class ChartCanvas(FigureCanvasAgg):
    """A figure's Agg canvas drawing with `ChartRenderer`."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:  # as matplotlib's: one renderer per size
            self.renderer = ChartRenderer(width, height, self.figure.dpi)  # type: ignore[no-untyped-call]  # matplotlib: unannotated
            self._lastKey = key
        renderer: RendererAgg = self.renderer
        return renderer
