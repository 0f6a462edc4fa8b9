"""Format-independent table decisions shared by the Word and PowerPoint writers."""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import NamedTuple

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
    floor = [padding + max(_widest([name], size_pt, True),
                           _widest([row[c] for row in texts], size_pt, False))
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


def _widest(texts: list[str], size_pt: float, bold: bool, lines: bool = False) -> float:
    """EMU the widest word of `texts` (with `lines`: their widest line) needs."""
    widest = _widest_line if lines else _widest_word
    return max((widest(text, bold) for text in texts), default=0) * size_pt * fit.SAFETY * EMU_PER_PT


# A text's widest word or line in em, the same at every size: a table's widths are
# computed at each size a deck tries, from the same cells as its report's.
@lru_cache(maxsize=1 << 14)
def _widest_word(text: str, bold: bool) -> float:
    return max((fit.text_width(word, 1, bold) for word in _words(text)), default=0)


@lru_cache(maxsize=1 << 14)
def _widest_line(text: str, bold: bool) -> float:
    return max(fit.text_width(line, 1, bold) for line in text.split("\n"))


def _fill(table: Table, header: list[str], texts: list[list[str]], floor: list[float], total: int,
          size_pt: float, padding: int) -> list[float]:
    """From the floors, hand out the rest of `total` in steps to the column whose
    widening shortens the table most (rows' heights in lines, then all cells' lines)."""
    cells = [[header[c], *(row[c] for row in texts)] for c in range(len(floor))]
    search = _WidthSearch(cells, floor, (total - sum(floor)) / FILL_STEPS, size_pt, padding)
    left = search.run()
    widths = [floor[c] + search.steps[c] * search.step for c in range(len(floor))]
    if left:  # every cell fits: the rest as asked, else in proportion to the widest cells
        shares = list(table.widths) if table.widths else [
            1 + max(fit.text_width(line, size_pt, bold=r == 0)
                    for r, text in enumerate(col) for line in text.split("\n"))
            for col in cells]
        widths = _proportional(shares, widths, total)
    return widths


class _Counts(NamedTuple):
    """A column's cells at one width: their lines, the widths up to which those hold,
    the lines' sum and the least of those widths (below it, no cell changes)."""

    lines: tuple[int, ...]     # tuples of numbers: the garbage collector stops tracking them
    bounds: tuple[float, ...]
    total: int
    until: float


class _WidthSearch:
    """The step-by-step search of `_fill`, over `cells` (per column, header first).

    Each row is as tall as its tallest cell, and widening a column changes a few of
    its cells only: a trial is kept as the rows it changes, each row's two tallest
    cells are kept up to date, and a column's best widening stands until the column
    moves or a row it changes changes height. What the search decides is that of
    weighing every trial of every column again at each step."""

    def __init__(self, cells: list[list[str]], floor: list[float], step: float, size_pt: float,
                 padding: int) -> None:
        self.cells, self.floor, self.step = cells, floor, step
        self.size_pt, self.padding = size_pt, padding
        self.columns = len(cells)
        self.steps = [0] * self.columns
        # from the width its widest paragraph takes, a cell is a line per paragraph
        self.one_line = [[fit.one_line(text or " ", size_pt, bold=r == 0)
                          for r, text in enumerate(column)] for column in cells]
        self.counted: dict[tuple[int, int], _Counts] = {}   # per (column, step)
        self.counted_steps: list[list[int]] = [[] for _ in cells]
        # per (column, from step, to step): the rows the move changes (a tuple of
        # numbers, which the garbage collector stops tracking: a search keeps thousands)
        self.changes: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self.current = [self.lines(c, 0) for c in range(self.columns)]
        rows = len(cells[0])
        self.tallest = [0] * rows   # per row: its tallest cell's lines
        self.second = [0] * rows    # per row: the tallest once the tallest's column is left out
        for r in range(rows):
            self.rank(r)
        self.weight = self.columns * rows + 1   # a row's line outweighs every cell's

    def usable(self, column: int, k: int) -> float:
        return (self.floor[column] + k * self.step - self.padding) / EMU_PER_PT

    def count(self, column: int, r: int, width: float) -> tuple[int, float]:
        """A cell's lines at `width` and the width up to which that count holds."""
        widest, paragraphs = self.one_line[column][r]
        if widest <= width and width > 0:
            return paragraphs, math.inf
        return fit.lines_and_bound(self.cells[column][r] or " ", width, self.size_pt, bold=r == 0)

    def lines(self, column: int, k: int) -> _Counts:
        """The column's cells at step `k`: from the widest step counted below it, only
        the cells whose count ends before its width are counted again."""
        known = self.counted.get((column, k))
        if known is not None:
            return known
        width = self.usable(column, k)
        done = self.counted_steps[column]
        below = bisect.bisect(done, k)
        if below:
            known = self.counted[column, done[below - 1]]
            if known.until <= width:
                found, bounds = list(known.lines), list(known.bounds)
                for r, bound in enumerate(bounds):
                    if bound <= width:
                        found[r], bounds[r] = self.count(column, r, width)
                known = _Counts(tuple(found), tuple(bounds), sum(found), min(bounds))
        else:
            found, bounds = [], []
            for r in range(len(self.cells[column])):
                lines, bound = self.count(column, r, width)
                found.append(lines)
                bounds.append(bound)
            known = _Counts(tuple(found), tuple(bounds), sum(found), min(bounds))
        done.insert(below, k)
        self.counted[column, k] = known
        return known

    def rank(self, r: int) -> bool:
        """Rank row `r`'s cells again; whether its two tallest changed."""
        first = runner = 0
        for counts in self.current:
            value = counts.lines[r]
            if value > first:
                first, runner = value, first
            elif value > runner:
                runner = value
        if (self.tallest[r], self.second[r]) == (first, runner):
            return False
        self.tallest[r], self.second[r] = first, runner
        return True

    def changed(self, column: int, start: int, end: int) -> tuple[int, ...]:
        key = (column, start, end)
        known = self.changes.get(key)
        if known is None:
            own, trial = self.current[column].lines, self.lines(column, end).lines
            self.changes[key] = known = () if trial is own else tuple(
                r for r, (old, new) in enumerate(zip(own, trial, strict=True)) if new != old)
        return known

    def weigh(self, column: int, left: int) -> tuple[tuple[float, int] | None, set[int]]:
        """The column's best widening within `left` steps, as (gain, steps), and the
        rows its trials change, on whose heights the gains depend."""
        start, current = self.steps[column], self.current[column]
        best: tuple[float, int] | None = None
        rows: set[int] = set()
        for k in range(1, min(LOOKAHEAD, left) + 1):
            if self.usable(column, start + k) < current.until:
                continue  # no cell of the column gains a line yet: nothing saved
            moved = self.changed(column, start, start + k)
            if not moved:
                continue
            trial = self.lines(column, start + k)
            # a changed row is then as tall as the taller of its new cell and the
            # others' tallest (the runner-up when this column held the row's height)
            saved_rows = 0
            for r in moved:
                rows.add(r)
                top, new = self.tallest[r], trial.lines[r]
                others = top if current.lines[r] != top else self.second[r]
                saved_rows += top - (new if new > others else others)
            gain = (saved_rows * self.weight + current.total - trial.total) / k
            if gain > (best[0] if best else 0.0):
                best = (gain, k)
        return best, rows

    def run(self) -> int:
        """Hand out the steps; the steps left once nothing wraps any more."""
        weighed = [self.weigh(c, FILL_STEPS) for c in range(self.columns)]
        left = FILL_STEPS
        while left:
            chosen, chosen_gain = None, 0.0
            for column, (best, _) in enumerate(weighed):
                if best is not None and best[0] > chosen_gain:
                    chosen, chosen_gain = (column, best[1]), best[0]
            if chosen is None:
                break
            column, k = chosen
            moved = self.changed(column, self.steps[column], self.steps[column] + k)
            self.steps[column] += k
            left -= k
            self.current[column] = self.lines(column, self.steps[column])
            ranked = {r for r in moved if self.rank(r)}
            for other in range(self.columns):
                # fewer steps left than a column may take: every column weighs again
                if other == column or left < LOOKAHEAD or not ranked.isdisjoint(weighed[other][1]):
                    weighed[other] = self.weigh(other, left)
        return left


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

