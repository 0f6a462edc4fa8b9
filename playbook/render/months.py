"""Month ticks of a time axis, shared by the Word figures and the native decks'
Gantt charts: a tick on the first day of a month, never mid-month, labelled
with the month in the language ("févr. 2027", "Feb 2027")."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_date

from . import fit
from .typography import LOCALES

MONTH_STEPS = (1, 2, 3, 6, 12)


def month_ticks(first: dt.date, last: dt.date, axis_pt: float, lang: str,
                size: float = 7.5) -> tuple[dict[dt.date, str], bool]:
    """Month ticks between `first` and `last` that fit `axis_pt` side by side.

    Every month when there is room, else every 2, 3, 6 or 12 months, aligned on
    the calendar (quarters, half-years) so a reader finds them natural; month
    names in the language ("févr. 2027", "Feb 2027"). Returns {first day: label}
    and whether labels must be slanted (only when even one a year collides).
    """
    locale = LOCALES[lang]
    months = []
    day = dt.date(first.year, first.month, 1)
    if day < first:
        day = _next_month(day)
    while day <= last:
        months.append(day)
        day = _next_month(day)
    for step in MONTH_STEPS:
        chosen = [m for m in months if (m.month - 1) % step == 0] or months[:1]
        labels = {m: babel_date(m, "MMM y", locale=locale) for m in chosen}
        widest = max((fit.text_width(text, size) for text in labels.values()), default=0)
        if len(chosen) * (widest + size) <= axis_pt:
            return labels, False
    return labels, True


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
