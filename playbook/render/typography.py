"""The writers' entry point for text: sanitise, then typeset.

The typography itself (French spacing, dates, numbers) lives in
`playbook.text.typography`; its names are re-exported here for the writers.
"""

from __future__ import annotations

from functools import lru_cache

from ..text.typography import (
    LOCALES,
    NBSP,
    NNBSP,
    check_lang,
    format_currency,
    format_date,
    format_month,
    format_number,
    format_percent,
    typeset,
)
from .text import sanitize

__all__ = [
    "LOCALES", "NBSP", "NNBSP", "check_lang", "format_currency", "format_date", "format_month",
    "format_number", "format_percent", "prepare", "typeset",
]


def prepare(text: object, lang: str) -> str:
    """The single entry point of writers: sanitise, then typeset for `lang`."""
    if type(text) is str:
        return _prepared(text, lang)
    return typeset(sanitize(text), lang)


@lru_cache(maxsize=1 << 14)
def _prepared(text: str, lang: str) -> str:
    """`prepare` of a string, kept: a label, a name or a date is written in
    both files of a deliverable, in its tables' fitting and its notes."""
    return typeset(sanitize(text), lang)
