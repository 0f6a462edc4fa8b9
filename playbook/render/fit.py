"""Estimate how much room text needs, so no slide text overflows its shape.

PowerPoint does not lay text out when a file is written, and a shrink-on-
overflow flag is only honoured once someone edits the slide: the writer must
know beforehand whether text fits. Widths are measured with the real glyph
metrics of Liberation Sans, which is metric-compatible with Arial (the house
font), so the estimate matches what PowerPoint and LibreOffice draw; a small
safety margin absorbs kerning and renderer differences. The font files ship
with the package; were one missing, an average-width estimate (deliberately
pessimistic) is used and a `MetricsMissing` warning says so.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

LINE_HEIGHT = 1.2        # line pitch as a multiple of the font size (single spacing)
SAFETY = 1.03            # widths are inflated by this factor before wrapping
_FALLBACK_EM = 0.56      # average glyph width in em when no font metrics are available


# Shipped with the package (SIL Open Font Licence, see fonts/OFL.txt): found by
# path, never through a font cache that may predate the fonts of the machine.
FONTS_DIR = Path(__file__).parent / "fonts"
FONT_FILES = {False: FONTS_DIR / "LiberationSans-Regular.ttf",
              True: FONTS_DIR / "LiberationSans-Bold.ttf"}


class MetricsMissing(UserWarning):
    """Text is measured without the font's metrics: layouts may differ."""


@lru_cache(maxsize=4)
def _font(bold: bool) -> FreeTypeFont | None:
    from PIL import ImageFont

    path = FONT_FILES[bold]
    try:
        return ImageFont.truetype(str(path), 100)
    except OSError:
        # Never silently: a layout measured on averages differs from the real one.
        warnings.warn(f"font file {path.name} is missing from the playbook's package; text is "
                      "measured on an average width, so layouts may differ (reinstall the "
                      "playbook)", MetricsMissing, stacklevel=2)
        return None


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of `text` in points at `size_pt`."""
    return _em_width(text, bold) * size_pt


@lru_cache(maxsize=1 << 16)
def _em_width(text: str, bold: bool) -> float:
    """Width of `text` in em. Cached: a deck measures the same words at every
    candidate font size, for every table cell and bullet."""
    font = _font(bold)
    if font is None:
        return len(text) * _FALLBACK_EM * (1.08 if bold else 1.0)
    return font.getlength(text) / 100


def count_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Lines `text` takes once word-wrapped in `width_pt` (explicit breaks respected)."""
    return lines_and_bound(text, width_pt, size_pt, bold)[0]


def lines_and_bound(text: str, width_pt: float, size_pt: float, bold: bool = False
                    ) -> tuple[int, float]:
    """(`count_lines`, the width under which the count stays the same). Wrapping
    decides, word after word, whether the next word fits the line: at any width
    from `width_pt` up to the narrowest room a refused word needed, every decision
    is the same, so a table's width search counts a cell again only past it.
    A word longer than the line is broken by the width itself: no bound then."""
    if width_pt <= 0:
        raise ValueError("width must be positive")
    space = _em_width(" ", bold) * size_pt * SAFETY
    total = 0
    bound = math.inf
    for widths, natural in _paragraph_widths(text, bold, size_pt):
        if natural <= width_pt:  # the paragraph holds on one line: no word to place
            total += 1
            continue
        bound = min(bound, natural)
        lines, used = 1, 0.0
        for width in widths:
            needed = width if used == 0 else used + space + width
            if needed <= width_pt:
                used = needed
                continue
            bound = min(bound, needed)
            if used > 0:
                lines += 1
            # a word longer than the line is broken across lines
            extra = max(0, math.ceil(width / width_pt) - 1)
            if width > width_pt:
                bound = width_pt
            lines += extra
            used = width - extra * width_pt
        total += lines
    return total, bound


def one_line(text: str, size_pt: float, bold: bool = False) -> tuple[float, int]:
    """(the width `text`'s widest paragraph takes on one line, its paragraphs): from
    that width on, `count_lines` counts one line per paragraph."""
    return _one_line(text, bold, size_pt)


@lru_cache(maxsize=1 << 14)
def _one_line(text: str, bold: bool, size_pt: float) -> tuple[float, int]:
    paragraphs = _paragraph_widths(text, bold, size_pt)
    return max(natural for _, natural in paragraphs), len(paragraphs)


@lru_cache(maxsize=1 << 14)
def _paragraph_widths(text: str, bold: bool, size_pt: float
                      ) -> tuple[tuple[tuple[float, ...], float], ...]:
    """Each paragraph's word widths at `size_pt` and its width on one line, added
    up as `count_lines` places them: a table's width search counts the same cell
    at sixty widths, most of which hold it on one line."""
    space = _em_width(" ", bold) * size_pt * SAFETY
    result = []
    for words in _paragraph_ems(text, bold):
        widths = tuple(em * size_pt * SAFETY for em in words)
        used = 0.0
        for width in widths:
            used = width if used == 0 else used + space + width
        result.append((widths, used))
    return tuple(result)


# Where a line may break: any white space but the non-breaking ones (« 45 % »,
# « 18 mai 2027 », a figure space), which renderers never break at.
BREAKS = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def words(text: str) -> list[str]:
    """The words of one paragraph, as a renderer may break the line between them."""
    return [word for word in BREAKS.split(text) if word]


@lru_cache(maxsize=1 << 14)
def _paragraph_ems(text: str, bold: bool) -> tuple[tuple[float, ...], ...]:
    """The em widths of the words of each paragraph of `text`: a table's widths
    are tried column by column, step by step, and each try counts the same
    cells' lines again at another width."""
    return tuple(tuple(_em_width(word, bold) for word in words(raw))
                 for raw in text.split("\n") or [""])


def wrap(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """`text` word-wrapped into lines of at most `width_pt` (as `count_lines` counts them).

    A word longer than a line is broken between characters, as renderers do.
    """
    if width_pt <= 0:
        raise ValueError("width must be positive")
    space = text_width(" ", size_pt, bold) * SAFETY
    lines: list[str] = []
    for raw in text.split("\n") or [""]:
        current, used = "", 0.0
        for word in words(raw):
            width = text_width(word, size_pt, bold) * SAFETY
            if current and used + space + width <= width_pt:
                current, used = f"{current} {word}", used + space + width
                continue
            if current:
                lines.append(current)
            while width > width_pt:  # a word wider than the line: cut between characters
                cut = max(1, next((n for n in range(len(word), 0, -1)
                                   if text_width(word[:n], size_pt, bold) * SAFETY <= width_pt), 1))
                lines.append(word[:cut])
                word = word[cut:]
                width = text_width(word, size_pt, bold) * SAFETY
            current, used = word, width
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Para:
    """A paragraph to measure: text, size, indentation and spacing before it (points)."""

    text: str
    size: float
    indent: float = 0.0
    space_before: float = 0.0
    bold: bool = False


def block_height(paragraphs: list[Para], width_pt: float, line_height: float = LINE_HEIGHT) -> float:
    """Height in points of paragraphs stacked in a frame `width_pt` wide.

    The spacing before the first paragraph is ignored, as PowerPoint does.
    """
    height = 0.0
    for number, para in enumerate(paragraphs):
        lines = count_lines(para.text, width_pt - para.indent, para.size, para.bold)
        height += lines * para.size * line_height
        if number:
            height += para.space_before
    return height
