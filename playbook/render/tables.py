"""Format-independent table decisions shared by the Word and PowerPoint writers."""

from __future__ import annotations

import math
import re

from . import fit
from .ir import Table
from .typography import format_number, prepare

EMU_PER_PT = 12700
FILL_STEPS = 60        # the width beyond the columns' floors is handed out in this many steps
LOOKAHEAD = 10         # steps a column may take at once (a short column gains a line per few)

_BREAKS = fit.BREAKS  # a line never breaks at a non-breaking space

# A number, percentage or amount as a consultant types it: "1 234", "45 %", "€12,500", "3,5 j".
_NUMERIC = re.compile(r"^[-−+]?[€$£]?\s?[\d\u00a0\u202f ,.]*\d[\d\u00a0\u202f ,.]*"
                      r"\s?(%|€|k€|M€|pts?|j|h|d)?$")


def cell_text(value: object, lang: str) -> str:
    """A cell as text: numbers in the language's format, text sanitised and typeset."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return prepare(str(value), lang)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 0 if value.is_integer() else 1)
    return prepare(value, lang)


_NO_VALUE = ("", "-", "–", "—")  # a field a card leaves out rather than print as a dash


def record(table: Table) -> Table | None:
    """A table of one row read as the record it is: each column a line, "label | value",
    under a header naming the record (its first column and value). A one-row table on a
    slide is a strip a reader scans sideways for one fact; as a card it reads down.
    None when the table is no such record (more rows, fewer than three columns, or
    nothing but its first cell filled)."""
    if len(table.rows) != 1 or len(table.columns) < 3:
        return None
    row = table.rows[0]
    fills = table.cell_fills[0] if table.cell_fills else [None] * len(row)
    kept = [i for i in range(1, len(row)) if str(row[i] if row[i] is not None else "").strip() not in _NO_VALUE]
    if not kept:
        return None
    name = "" if row[0] is None else str(row[0])  # a record is named by its first cell, a label
    return Table([table.columns[0], name], [[table.columns[i], row[i]] for i in kept],
                 caption=table.caption, align=["left", "left"],
                 cell_fills=[[None, fills[i]] for i in kept] if table.cell_fills else None)


def column_alignments(table: Table, texts: list[list[str]]) -> list[str]:
    """Given alignments, else right for columns whose filled cells are all numeric."""
    result: list[str] = []
    for column in range(len(table.columns)):
        given = table.align[column] if table.align else None
        if given:
            result.append(given)
            continue
        filled = [(row[column], text[column]) for row, text in zip(table.rows, texts, strict=True)
                  if text[column]]
        numeric = filled and all(
            (isinstance(v, int | float) and not isinstance(v, bool)) or _NUMERIC.match(t)
            for v, t in filled)
        result.append("right" if numeric else "left")
    return result


def column_widths(table: Table, header: list[str], texts: list[list[str]], total: int,
                  size_pt: float, padding: int) -> list[int]:
    """Column widths (EMU) summing to `total`, computed from what the columns hold.

    No column is narrower than its longest word at `size_pt` (in bold in the
    header, whose words wrap at their spaces) plus `padding` (both cell
    margins, EMU): a word is never broken inside. The rest of the width goes,
    step by step, to the column where it saves the most lines, so long-text
    columns (a reason, a comment) take the room in proportion to their text
    and the rows are as short as the page allows. What is left once every cell
    fits on one line is shared in proportion to `table.widths` when given (a
    heat map's equal value columns), else to each column's widest cell.
    """
    floor = [padding + max(_widest(_words(name), size_pt, True),
                           _widest([w for row in texts for w in _words(row[c])], size_pt, False))
             for c, name in enumerate(header)]
    if sum(floor) >= total:  # not even the longest words fit: share the width as they need
        return _rounded([width * total / sum(floor) for width in floor], total)
    # a column whose widest cell is narrower than an even share (a date, a format, a
    # figure) is kept on one line, its header wrapping if need be; the long-text
    # columns share the rest
    natural = [padding + EMU_PER_PT + _widest([row[c] for row in texts], size_pt, False, lines=True)
               for c in range(len(header))]
    one_line = [max(f, n) if n <= total / len(header) else f
                for f, n in zip(floor, natural, strict=True)]
    if sum(one_line) < total:
        floor = one_line
    return _rounded(_fill(table, header, texts, floor, total, size_pt, padding), total)


def _words(text: str) -> list[str]:
    """What a line never breaks: words between spaces, tabs and line breaks (a
    non-breaking space, as in « 18 mai 2027 » or « 45 % », joins its words)."""
    return _BREAKS.split(text.strip()) if text.strip() else []


def _widest(words: list[str], size_pt: float, bold: bool, lines: bool = False) -> float:
    """EMU the widest of `words` (with `lines`: of the lines of texts) needs."""
    if lines:
        words = [line for text in words for line in text.split("\n")]
    return max((fit.text_width(w, size_pt, bold) for w in words), default=0) * fit.SAFETY * EMU_PER_PT


def _fill(table: Table, header: list[str], texts: list[list[str]], floor: list[float], total: int,
          size_pt: float, padding: int) -> list[float]:
    """From the floors, hand out the rest of `total` in steps to the column whose
    widening shortens the table most (rows' heights in lines, then all cells' lines)."""
    columns = len(floor)
    cells = [[header[c], *(row[c] for row in texts)] for c in range(columns)]
    step = (total - sum(floor)) / FILL_STEPS
    steps = [0] * columns
    # per column and step: each cell's lines, their sum, and the width from which
    # one of them may change (every count holds from its width up to its bound)
    cache: dict[tuple[int, int], tuple[list[int], int, float]] = {}
    # from the width its widest paragraph takes, a cell is a line per paragraph
    one_line = [[fit.one_line(text or " ", size_pt, bold=r == 0) for r, text in enumerate(column)]
                for column in cells]
    # per cell, the last count made: (from the width, until the width, lines)
    counted: dict[tuple[int, int], tuple[float, float, int]] = {}

    def usable(column: int, k: int) -> float:
        return (floor[column] + k * step - padding) / EMU_PER_PT

    def lines(column: int, k: int) -> tuple[list[int], int, float]:
        known = cache.get((column, k))
        if known is not None:
            return known
        width = usable(column, k)
        found: list[int] = []
        until = math.inf
        for r, (text, (widest, paragraphs)) in enumerate(zip(cells[column], one_line[column],
                                                              strict=True)):
            if widest <= width and width > 0:
                found.append(paragraphs)
                continue
            last = counted.get((column, r))
            if last is None or not last[0] <= width < last[1]:
                count, bound = fit.lines_and_bound(text or " ", width, size_pt, bold=r == 0)
                counted[column, r] = last = (width, bound, count)
            found.append(last[2])
            until = min(until, last[1])
        cache[column, k] = known = (found, sum(found), until)
        return known

    left = FILL_STEPS
    while left:
        current = [lines(c, steps[c]) for c in range(columns)]
        rows = [sorted(row, reverse=True) for row in zip(*(own for own, _, _ in current), strict=True)]
        height = sum(row[0] for row in rows)
        weight = columns * len(rows) + 1
        best, best_gain = None, 0.0
        for column in range(columns):
            own, own_cells, until = current[column]
            # each row's height without this column: its tallest other cell
            others = [row[0] if mine != row[0] else (row[1] if len(row) > 1 else 0)
                      for row, mine in zip(rows, own, strict=True)]
            for k in range(1, min(LOOKAHEAD, left) + 1):
                if usable(column, steps[column] + k) < until:
                    continue  # no cell of the column gains a line yet: nothing saved
                trial, trial_cells, _ = lines(column, steps[column] + k)
                if trial == own:
                    continue
                saved_rows = height - sum(map(max, trial, others))
                gain = (saved_rows * weight + own_cells - trial_cells) / k
                if gain > best_gain:
                    best, best_gain = (column, k), gain
        if best is None:
            break  # nothing wraps any more
        steps[best[0]] += best[1]
        left -= best[1]
    widths = [floor[c] + steps[c] * step for c in range(columns)]
    if left:  # every cell fits: the rest as asked, else in proportion to the widest cells
        shares = list(table.widths) if table.widths else [
            1 + max(fit.text_width(line, size_pt, bold=r == 0)
                    for r, text in enumerate(col) for line in text.split("\n"))
            for col in cells]
        widths = _proportional(shares, widths, total)
    return widths


def _proportional(weights: list[float], floor: list[float], total: int) -> list[float]:
    """`weights` scaled to `total`, raising columns below their floor and taking the
    room from the others in proportion."""
    fixed: set[int] = set()
    while True:
        free = total - sum(floor[c] for c in fixed)
        flexible = sum(w for c, w in enumerate(weights) if c not in fixed)
        widths = [floor[c] if c in fixed else w * free / flexible for c, w in enumerate(weights)]
        short = [c for c, width in enumerate(widths) if c not in fixed and width < floor[c]]
        if not short:
            return widths
        fixed.update(short)


def _rounded(widths: list[float], total: int) -> list[int]:
    result = [int(width) for width in widths]
    result[-1] += total - sum(result)
    return result

