"""How much a slide shows: a steering committee reads about eighty words of body
text per slide, the rest goes to the speaker notes, the appendix or the report.

Words are counted as the layout check counts them (table cells and text boxes,
not the title or the footer), so a deck built within these budgets passes it.
The builders decide *what* to leave out (a column, a population, a field);
these helpers only say how much fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ...analysis import Analysis
from ..ir import BulletItem, BulletLike, BulletSlide, Table, TableSlide
from ..words import WORD_BUDGET, count_words
from . import common as c

BUDGET = WORD_BUDGET

T = TypeVar("T")


def words(*texts: Any) -> int:
    """Words a reader reads in `texts` (bullet items count by their text)."""
    return sum(count_words(x.text if isinstance(x, BulletItem) else str(x)) for x in texts)


def leading(items: Sequence[T], cost: Callable[[T], int], budget: int = BUDGET, spent: int = 0,
            at_least: int = 1) -> list[T]:
    """The leading `items` that fit in what is left of `budget` once `spent` words
    are on the slide (never fewer than `at_least`: a slide says something)."""
    kept: list[T] = []
    for item in items:
        spent += cost(item)
        if spent > budget and len(kept) >= at_least:
            break
        kept.append(item)
    return kept


def pages(table: Table, budget: int = BUDGET) -> list[Table]:
    """The table's rows over as few tables as keep each within `budget` words with
    its header, rows spread evenly, the fuller pages last: a continued page
    holding a single row is what a reader least expects. A row over budget on
    its own is a page of its own."""
    header = words(*table.columns, table.caption or "")  # the caption is drawn under each page
    costs = [words(*row) for row in table.rows]
    count = 1
    while count < len(costs) and not all(header + sum(part) <= budget
                                         for part in _spread(costs, count)):
        count += 1
    tables, start = [], 0
    for part in _spread(costs, count):
        stop = start + len(part)
        tables.append(Table(table.columns, table.rows[start:stop], caption=table.caption,
                            widths=table.widths, align=table.align,
                            cell_fills=table.cell_fills[start:stop] if table.cell_fills else None))
        start = stop
    return tables


def _spread(costs: list[int], count: int) -> list[list[int]]:
    size, extra = divmod(len(costs), count)
    parts, start = [], 0
    for index in range(count):
        stop = start + size + (1 if index >= count - extra else 0)
        parts.append(costs[start:stop])
        start = stop
    return parts


def table_slides(analysis: Analysis, title: str, table: Table, notes: str = "") -> list[TableSlide]:
    """The table as one slide: the PowerPoint writer continues it on "(suite)" /
    "(continued)" slides where it passes the budget, counting as the layout check does."""
    return [TableSlide(title, table, notes=notes)]


def rows_within(table: Table, budget: int = BUDGET) -> int:
    """How many leading rows of `table` fit in `budget` words with its header (at least one)."""
    return len(leading(table.rows, lambda row: words(*row), budget,
                       spent=words(*table.columns, table.caption or "")))


def bullet_slides(analysis: Analysis, title: str, items: Sequence[BulletLike],
                  notes: str = "") -> list[BulletSlide]:
    """Whole bullets on as many slides as keep each within budget, later ones continued."""
    groups, rest = [], list(items)
    while rest:
        groups.append(leading(rest, words))
        rest = rest[len(groups[-1]):]
    return [BulletSlide(title if index == 0 else f"{title} {c.text(analysis, 'render.continued')}",
                        group, notes=notes)
            for index, group in enumerate(groups)]


def lines(items: Iterable[str]) -> str:
    """Speaker notes: one item per line, empty items left out."""
    return "\n".join(item for item in items if item and item.strip())
