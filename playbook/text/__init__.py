"""Text in either language, in one place: typography (French spacing, dates,
numbers) and coded messages (a code and parameters, worded from data).

The lowest layer of the package: every other layer may use it; it uses none.
No other layer branches on the language: what differs between French and
English is said here (or in the catalogues' data).
"""

from .language import CODE_LANGUAGE, others, speaks_codes
from .messages import Message, render
from .typography import (
    LOCALES,
    NBSP,
    NNBSP,
    check_lang,
    colon,
    excel_percent,
    format_currency,
    format_date,
    format_month,
    format_number,
    format_percent,
    format_span_start,
    plain_digits,
    quoted,
    semicolon,
    short_date,
    typeset,
    with_percent,
)

__all__ = [
    "CODE_LANGUAGE", "LOCALES", "NBSP", "NNBSP", "Message", "check_lang", "colon", "excel_percent",
    "format_currency", "format_date", "format_month", "format_span_start", "format_number", "format_percent", "others",
    "plain_digits", "quoted", "render", "semicolon", "short_date", "speaks_codes", "typeset",
    "with_percent",
]
