"""Text in either language, in one place: typography (French spacing, dates,
numbers) and coded messages (a code and parameters, worded from data).

The lowest layer of the package: every other layer may use it; it uses none.
"""

from .messages import Message, render
from .typography import (
    LOCALES,
    NBSP,
    NNBSP,
    check_lang,
    colon,
    format_currency,
    format_date,
    format_month,
    format_number,
    format_percent,
    semicolon,
    typeset,
)

__all__ = [
    "LOCALES", "NBSP", "NNBSP", "Message", "check_lang", "colon", "format_currency",
    "format_date", "format_month", "format_number", "format_percent", "render", "semicolon",
    "typeset",
]
