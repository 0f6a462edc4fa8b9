"""How much text fits where on a slide: bullets, titles, message cards and table rows.

Heights come from the font metrics (`render.fit`) and the shapes' widths, so
the writer decides before writing whether text fits, shrinks (never below the
template's floor sizes) or continues on the next slide.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .. import fit
from ..ir import BulletItem
from ..text import plain
from ..words import count_words
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
CELL_PAD_PT = CELL_MARGIN_Y / EMU_PER_PT   # a table cell's inset above and below its text
TIGHT_PAD_PT = 1.5                         # ...tightened before a table takes another slide


@dataclass(frozen=True)
class RowStyle:
    """A table's font size and the inset above and below each cell's text."""

    size: int
    pad: float = CELL_PAD_PT


# Loosest first: a table takes the first style that holds it on one slide; a longer
# one is paged at the last (densest) and then drawn at the loosest style that takes
# no more slides, so its pages are as full and as readable as its rows allow.
TABLE_STYLES = (RowStyle(14), RowStyle(13), RowStyle(TABLE_FLOOR_PT),
                RowStyle(TABLE_FLOOR_PT, TIGHT_PAD_PT))
FILLED_PAD_PT = 2 * CELL_PAD_PT            # the inset a paged table's rows may grow to
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


def fit_bullets(items: list[BulletItem], box: Box, sizes: Sequence[int], heading: str = "",
                budget: int | None = None) -> tuple[int, list[list[BulletItem]]]:
    """(font size, pages of items): the largest size that takes no more slides than
    the floor size does.

    A page holds what fits the box and, given a word `budget`, at most that many
    visible words (the heading's included); a bullet taller than the box or
    wordier than the budget continues on the next slide, never cut.
    """
    floor = _bullet_pages(items, box, sizes[-1], heading, budget)
    for size in sizes[:-1]:
        pages = _bullet_pages(items, box, size, heading, budget)
        if len(pages) <= len(floor):
            return size, pages
    return sizes[-1], floor


def keep_details(items: list[BulletItem], box: Box, sizes: Sequence[int], budget: int | None = None,
                 slides: int | None = None) -> list[BulletItem]:
    """`items` with those of their optional details, in order, that keep the bullets
    on the slides the others take (or on `slides`, when more): a detail never
    opens a slide of its own nor pushes a bullet onto one (the notes say it)."""
    if not any(item.optional for item in items):
        return items
    required = [item for item in items if not item.optional]
    cap = max(slides or 0, len(fit_bullets(required, box, sizes, budget=budget)[1]))
    kept: set[int] = set()
    for index, item in enumerate(items):
        if not item.optional:
            continue
        trial = [x for n, x in enumerate(items) if not x.optional or n in kept or n == index]
        if len(fit_bullets(trial, box, sizes, budget=budget)[1]) <= cap:
            kept.add(index)
    return [BulletItem(x.text, x.level) for n, x in enumerate(items) if not x.optional or n in kept]


def _bullet_pages(items: list[BulletItem], box: Box, size: int, heading: str,
                  budget: int | None) -> list[list[BulletItem]]:
    limit = budget if budget is not None else math.inf

    def fits(page: list[BulletItem], head: str) -> bool:
        return (count_words(head) + sum(count_words(i.text) for i in page) <= limit
                and fit.block_height(paras(page, size, head), box.w_pt) <= box.h_pt)

    said = [count_words(item.text) for item in items]

    def greedy(cap: int, word_cap: float = math.inf) -> list[list[BulletItem]]:
        pages: list[list[BulletItem]] = [[]]
        spent = 0
        for item, words in zip(items, said, strict=True):
            candidate = pages[-1] + [item]
            head = heading if len(pages) == 1 else ""
            if pages[-1] and (len(pages[-1]) >= cap or spent + words > word_cap
                              or not fits(candidate, head)):
                # a bullet's detail never opens a slide without the bullet it details
                parent = ([pages[-1].pop()] if item.level > 0 and len(pages[-1]) > 1
                          and pages[-1][-1].level < item.level else [])
                pages.append([*parent, item])
                spent = sum(count_words(p.text) for p in parent)
            else:
                pages[-1] = candidate
            spent += words
        return pages

    pages = greedy(len(items))
    if len(pages) > 1:  # spread evenly when that takes no more slides: no stub at the end
        for balanced in (greedy(len(items), math.ceil(sum(said) / len(pages))),
                         greedy(math.ceil(len(items) / len(pages)))):
            if len(balanced) == len(pages):
                pages = balanced
                break
    out: list[list[BulletItem]] = []
    for number, page in enumerate(pages):
        head = heading if number == 0 else ""
        if len(page) == 1 and not fits(page, head):
            level = page[0].level

            def piece_fits(text: str, level: int = level, head: str = head) -> bool:
                return fits([BulletItem(text, level)], head)

            out += [[BulletItem(text, level)] for text in _split_words(page[0].text, piece_fits)]
        else:
            out.append(page)
    # a split bullet's last piece shares its slide with the bullets after it when they fit
    merged: list[list[BulletItem]] = []
    for page in out:
        if merged and fits(merged[-1] + page, heading if len(merged) == 1 else ""):
            merged[-1] = merged[-1] + page
        else:
            merged.append(page)
    return merged


def _split_words(text: str, fits: Callable[[str], bool]) -> list[str]:
    """`text` in consecutive pieces of whole words that each `fits`, as even as the
    fewest pieces allow (a nine-word tail alone on a slide reads as a leftover).

    A **bold** span cut between two pieces is closed and reopened, so both read bold.
    """
    pieces = _greedy_words(text, fits)
    if len(pieces) > 1:  # as even as the same number of slides allows: no stub at the end
        cap = math.ceil(len(text.split()) / len(pieces))
        even = _greedy_words(text, lambda piece: len(piece.split()) <= cap and fits(piece))
        pieces = even if len(even) == len(pieces) else pieces
    return pieces


def _greedy_words(text: str, fits: Callable[[str], bool]) -> list[str]:
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
                    widths: list[int], size: int, available: float, pad: float = CELL_PAD_PT,
                    ) -> tuple[list[list[str]], list[list[str | None]] | None]:
    """(rows, fills) where a row taller than `available` points continues in further rows.

    Nothing is cut: each cell's wrapped lines are dealt out to as many rows as
    needed, the cells' fills repeated, so the row reads on across slides.
    """
    line = size * fit.LINE_HEIGHT
    per_row = max(1, int((available - 2 * pad) // line))
    out_rows: list[list[str]] = []
    out_fills: list[list[str | None]] = []
    for index, row in enumerate(rows):
        fill: list[str | None] = fills[index] if fills else [None] * len(row)
        if row_height(row, widths, size, pad=pad) <= available:
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


def row_height(cells: list[str], widths: list[int], size: int, bold: bool = False,
               pad: float = CELL_PAD_PT) -> float:
    """Points a table row takes: its tallest cell's lines and the insets `pad` above
    and below."""
    lines = max(fit.count_lines(text or " ", (w - 2 * CELL_MARGIN_X) / EMU_PER_PT, size, bold)
                for text, w in zip(cells, widths, strict=True))
    return lines * size * fit.LINE_HEIGHT + 2 * pad


def filled_pad(pages: list[list[int]], heights: list[float], available: float,
               pad: float) -> float:
    """The inset above and below each cell (at least `pad`, at most `FILLED_PAD_PT`)
    at which the rows of a table paged over slides fill their pages: the same on
    every page, so the fullest page is filled and none overflows (`heights`: the
    header's then each row's at `pad`)."""
    if len(pages) < 2:
        return pad
    extra = min((available - heights[0] - sum(heights[i + 1] for i in page)) / (2 * (len(page) + 1))
                for page in pages)
    return max(pad, min(pad + extra, max(pad, FILLED_PAD_PT)))


def paginate(heights: list[float], available: float, words: list[int] | None = None,
             budget: float | None = None) -> list[list[int]]:
    """Rows split into pages that fit `available` points and, given a `budget`, hold at
    most that many words (`words[i]` of row i).

    Choices, in order: no page of a lone row when the table takes several (a
    continuation of one row reads as a leftover); as few pages over the word
    budget as can be (rows too wordy to pair within it keep their height-based
    pages rather than splinter); as few pages as can be; then rows spread evenly,
    so the last slide is not a stub. A row taller than the page (see
    `split_tall_rows`) still gets a page of its own.
    """
    count = len(heights)
    if not count:
        return [[]]
    words = words if words is not None else [0] * count
    limit = budget if budget is not None else math.inf
    # best[j]: the cost and start of the last page of the best split of rows [0, j)
    best: list[tuple[tuple[float, ...], int]] = [((0, 0, 0, 0.0, 0), 0)] + [((math.inf,), 0)] * count
    for start in range(count):
        if best[start][0][0] == math.inf:
            continue
        height = said = 0.0
        for end in range(start + 1, count + 1):
            height += heights[end - 1]
            said += words[end - 1]
            rows = end - start
            if rows > 1 and height > available:
                break
            lone = rows == 1 and not (start == 0 and end == count)
            over = max(0.0, said - limit)
            page = (int(lone), int(over > 0), 1, over, rows * rows)
            cost = tuple(a + b for a, b in zip(best[start][0], page, strict=True))
            if cost < best[end][0]:
                best[end] = (cost, start)
    pages: list[list[int]] = []
    end = count
    while end:
        start = best[end][1]
        pages.insert(0, list(range(start, end)))
        end = start
    return pages
