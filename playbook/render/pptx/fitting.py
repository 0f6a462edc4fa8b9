"""How much text fits where on a slide: bullets, titles, message cards and table rows.

Heights come from the font metrics (`render.fit`) and the shapes' widths, so
the writer decides before writing whether text fits, shrinks (never below the
template's floor sizes) or continues on the next slide.
"""

from __future__ import annotations

import math

from .. import fit
from ..ir import BulletItem
from ..text import plain, shorten
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
TABLE_CELL_LINES = 4                       # longer cells are shortened (full text in notes)
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
    # a single bullet taller than the box is shortened rather than drawn outside it
    for page in pages:
        for index, item in enumerate(page):
            limit = len(item.text)
            while limit > 20 and fit.block_height(paras([item], size), box.w_pt) > box.h_pt:
                limit -= 20
                item = BulletItem(shorten(page[index].text, limit), item.level)
            page[index] = item
    return size, pages


def fit_cards(messages: list[str], width: float, height: float):
    """(size, messages as shown, messages shortened): cards shrink to 14 pt, then shorten."""
    for size in (20, 18, 16, 15, 14):
        if all(lines_height(m, width, size) <= height for m in messages):
            return size, messages, set()
    size, shown, full = 14, [], set()
    for message in messages:
        text = message
        while lines_height(text, width, size) > height and len(text) > 20:
            text = shorten(message, len(text) - 10)
        if text != message:
            full.add(message)
        shown.append(text)
    return size, shown, full


def fit_cell(text: str, width: float, size: int) -> str:
    """`text` shortened with "…" when it needs more than TABLE_CELL_LINES lines."""
    if fit.count_lines(text, width, size) <= TABLE_CELL_LINES:
        return text
    low, high = 1, len(text)
    while low < high:  # longest prefix that fits
        middle = (low + high + 1) // 2
        if fit.count_lines(shorten(text, middle), width, size) <= TABLE_CELL_LINES:
            low = middle
        else:
            high = middle - 1
    return shorten(text, max(low, 2))


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
