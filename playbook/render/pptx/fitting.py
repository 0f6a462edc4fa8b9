"""How much text fits where on a slide: bullets, titles, message cards and table rows.

Heights come from the font metrics (`render.fit`) and the shapes' widths, so
the writer decides before writing whether text fits, shrinks (never below the
template's floor sizes) or continues on the next slide.
"""

from __future__ import annotations

import math

from .. import fit
from ..ir import BulletItem
from ..text import plain
from .geometry import (
    CELL_MARGIN_X,
    CELL_MARGIN_Y,
    EMU_PER_PT,
    LEVEL_INDENT_PT,
    SPACE_BEFORE_PT,
    Box,
)

BODY_SIZES = (18, 17, 16, 15, 14)          # bullets shrink down to 14 pt, then continue
TITLE_SIZES = (26, 24, 22, 20)             # action titles, two lines at most before 20 pt
TITLE_LINE = 1.14                          # the master title's 95 % line spacing
TABLE_FLOOR_PT = 12                        # read from the back of a meeting room: never smaller
TABLE_SIZES = (14, 13, TABLE_FLOOR_PT)     # a table shrinks to the floor to fit one slide...
TABLE_PAGE_SIZE = TABLE_FLOOR_PT           # ...else its rows are split over slides
CARDS_PER_SLIDE = 5


def lines_height(text: str, width: float, size: float, bold: bool = False,
                  line: float = fit.LINE_HEIGHT) -> float:
    return fit.count_lines(plain(text), width, size, bold) * size * line


def paras(items: list[BulletItem], size: int, heading: str = "") -> list[fit.Para]:
    paras = [fit.Para(heading, size, 0, 0, True)] if heading else []
    for item in items:
        paras.append(fit.Para(plain(item.text), size - 2 * item.level,
                              LEVEL_INDENT_PT * (item.level + 1),
                              SPACE_BEFORE_PT[min(item.level, 2)]))
    return paras


def fit_bullets(items: list[BulletItem], box: Box, sizes, heading: str = ""):
    """(font size, pages of items): shrink to the floor size, then split into pages."""
    for size in sizes:
        if fit.block_height(paras(items, size, heading), box.w_pt) <= box.h_pt:
            return size, [items]
    size = sizes[-1]
    pages: list[list[BulletItem]] = [[]]
    for item in items:
        candidate = pages[-1] + [item]
        head = heading if len(pages) == 1 else ""
        if pages[-1] and fit.block_height(paras(candidate, size, head), box.w_pt) > box.h_pt:
            pages.append([item])
        else:
            pages[-1] = candidate
    # a single bullet taller than the box continues on the next slide, never cut
    out: list[list[BulletItem]] = []
    for page in pages:
        if len(page) == 1 and fit.block_height(paras(page, size), box.w_pt) > box.h_pt:
            level = page[0].level

            def fits(text: str, level: int = level) -> bool:
                return fit.block_height(paras([BulletItem(text, level)], size),
                                        box.w_pt) <= box.h_pt

            out += [[BulletItem(text, level)] for text in _split_words(page[0].text, fits)]
        else:
            out.append(page)
    return size, out


def _split_words(text: str, fits) -> list[str]:
    """`text` in consecutive pieces of whole words, each as long as `fits` allows.

    A **bold** span cut between two pieces is closed and reopened, so both read bold.
    """
    pieces: list[str] = []
    words = text.split()
    while words:
        count = 1
        while count < len(words) and fits(" ".join(words[:count + 1])):
            count += 1
        piece, words = " ".join(words[:count]), words[count:]
        if piece.count("**") % 2 and words:
            piece += "**"
            words[0] = "**" + words[0]
        pieces.append(piece)
    return pieces


CARD_SIZES = (20, 18, 16, 15, 14)          # key-message cards never go below 14 pt


def fit_cards(messages: list[str], width: float, height: float) -> int | None:
    """The largest card size at which every message fits its card; None if none does."""
    for size in CARD_SIZES:
        if all(lines_height(m, width, size) <= height for m in messages):
            return size
    return None


def footer_fit(parts: list[str], width: float, size: float) -> tuple[float | None, str]:
    """(size, text) of a one-line footer: its parts at the template size when they fit
    (size None: inherited), else smaller down to 7 pt, else without the middle part."""
    for candidate in (parts, [parts[0], parts[-1]] if len(parts) > 2 else parts):
        text = " · ".join(candidate)
        for step in range(0, int((size - 7) * 2) + 1):
            smaller = size - step / 2
            if fit.count_lines(text, width, smaller) <= 1:
                return (None if step == 0 else smaller), text
    return 7, " · ".join(parts[-1:])


def split_tall_rows(rows: list[list[str]], fills: list[list[str | None]] | None,
                    widths: list[int], size: int, available: float):
    """(rows, fills) where a row taller than `available` points continues in further rows.

    Nothing is cut: each cell's wrapped lines are dealt out to as many rows as
    needed, the cells' fills repeated, so the row reads on across slides.
    """
    line = size * fit.LINE_HEIGHT
    per_row = max(1, int((available - 2 * CELL_MARGIN_Y / EMU_PER_PT) // line))
    out_rows: list[list[str]] = []
    out_fills: list[list[str | None]] = []
    for index, row in enumerate(rows):
        fill = fills[index] if fills else [None] * len(row)
        if row_height(row, widths, size) <= available:
            out_rows.append(row)
            out_fills.append(fill)
            continue
        wrapped = [fit.wrap(text, (w - 2 * CELL_MARGIN_X) / EMU_PER_PT, size)
                   for text, w in zip(row, widths, strict=True)]
        pieces = math.ceil(max(len(lines) for lines in wrapped) / per_row)
        for piece in range(pieces):
            out_rows.append([" ".join(lines[piece * per_row:(piece + 1) * per_row])
                             for lines in wrapped])
            out_fills.append(fill)
    return out_rows, (out_fills if fills else None)


def row_height(cells: list[str], widths: list[int], size: int, bold: bool = False) -> float:
    lines = max(fit.count_lines(text or " ", (w - 2 * CELL_MARGIN_X) / EMU_PER_PT, size, bold)
                for text, w in zip(cells, widths, strict=True))
    return lines * size * fit.LINE_HEIGHT + 2 * CELL_MARGIN_Y / EMU_PER_PT


def paginate(heights: list[float], available: float) -> list[list[int]]:
    """Rows split into pages that fit, balanced so the last slide is not a stub."""
    def greedy(cap: int) -> list[list[int]]:
        pages: list[list[int]] = [[]]
        used = 0.0
        for index, height in enumerate(heights):
            if pages[-1] and (used + height > available or len(pages[-1]) >= cap):
                pages.append([])
                used = 0.0
            pages[-1].append(index)
            used += height
        return pages

    pages = greedy(len(heights))
    balanced = greedy(math.ceil(len(heights) / len(pages)))
    return balanced if len(balanced) == len(pages) else pages
