"""Slides within the deck's word budget (DELIVERABLE-STANDARD: about 80 visible
words, the rest in the notes or the report).

A table or a list longer than that is split over as many slides as it takes,
each within the budget, the later ones titled "(suite)" / "(continued)"; a
continued slide never carries a single row. A slide that shows only the head of
a ranking asks `rows_within` how many rows fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..ir import BulletItem, BulletLike, BulletSlide, Table, TableSlide
from ..layout_check import WORD_BUDGET_WORDS, visible_words
from . import common as c

WORDS = WORD_BUDGET_WORDS


def _row_words(row: Sequence[Any]) -> int:
    return sum(visible_words(str(cell)) for cell in row)


def _bullet_words(item: BulletLike) -> int:
    return visible_words(item.text if isinstance(item, BulletItem) else item)


def table_words(table: Table) -> int:
    return _row_words(table.columns) + sum(_row_words(row) for row in table.rows)


def rows_within(table: Table, budget: int = WORDS) -> int:
    """How many leading rows of `table` fit in `budget` words with the header (at least one)."""
    used = _row_words(table.columns)
    for count, row in enumerate(table.rows):
        used += _row_words(row)
        if used > budget:
            return max(count, 1)
    return len(table.rows)


def head(table: Table, count: int) -> Table:
    """The first `count` rows of `table` (fills included)."""
    return replace(table, rows=table.rows[:count],
                   cell_fills=table.cell_fills[:count] if table.cell_fills else None)


def _chunks(sizes: list[int], budget: int) -> list[list[int]]:
    """Indexes of `sizes` packed in order into groups within `budget` (a group holds
    at least one item); a last group of one item takes one from the group before."""
    groups: list[list[int]] = [[]]
    used = 0
    for index, size in enumerate(sizes):
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += size
    if len(groups) > 1 and len(groups[-1]) == 1 and len(groups[-2]) > 2:
        groups[-1].insert(0, groups[-2].pop())
    return [g for g in groups if g]


def split_table(table: Table, budget: int = WORDS) -> list[Table]:
    """`table` cut into tables of whole rows, each within `budget` words with its header."""
    room = budget - _row_words(table.columns)
    groups = _chunks([_row_words(row) for row in table.rows], room) or [[]]
    return [replace(table, rows=[table.rows[i] for i in group],
                    cell_fills=[table.cell_fills[i] for i in group] if table.cell_fills else None)
            for group in groups]


def _continued(analysis: Any, title: str, number: int) -> str:
    return title if number == 0 else f"{title} {c.text(analysis, 'render.continued')}"


def table_slides(analysis: Any, title: str, table: Table, notes: str = "") -> list[TableSlide]:
    """One slide per part of `table` within the budget, the later ones continued."""
    return [TableSlide(_continued(analysis, title, number), part, notes=notes)
            for number, part in enumerate(split_table(table))]


def bullet_slides(analysis: Any, title: str, items: Sequence[BulletLike],
                  notes: str = "") -> list[BulletSlide]:
    """One slide per group of whole bullets within the budget, the later ones continued."""
    groups = _chunks([_bullet_words(item) for item in items], WORDS)
    return [BulletSlide(_continued(analysis, title, number), [items[i] for i in group], notes=notes)
            for number, group in enumerate(groups)]
