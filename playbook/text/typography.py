"""Language-aware typography, the one place for it: French spacing, dates,
numbers, percentages, money, and the punctuation of plain-text messages.

A French deliverable with "Objectifs: 45%" instead of "Objectifs : 45 %" or a
colon orphaned at the start of a line looks careless to a French reader. The
rules follow the Imprimerie nationale: a no-break space before ":" and "%" and
inside « », a narrow no-break space before ; ! ? and as the thousands separator.
Number and date formats come from CLDR through Babel, not from hand-written
tables.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency as _babel_currency
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

NBSP = "\u00a0"      # no-break space
NNBSP = "\u202f"     # narrow no-break space
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# Formatted figures and dates kept per process: a client's six deliverables, and
# the reconciliation reading them, print the same few hundred values thousands
# of times, and CLDR formatting is the slow part of printing one.
_FORMATTED = 1 << 14

# A space (or none) between a word (or a closing **bold** marker) and ; ! ? -> narrow
# no-break space. Not when the mark is glued inside a token such as a URL query ("?id=").
_TIGHT = re.compile(r"(?<=[\w\)\]»%€”’*])[ \u00a0]?([;!?])(?=\s|$|[»)\]!?])")
# ":" after a word -> no-break space, except in times (10:30), ratios (3:1), URLs.
_COLON = re.compile(r"(?<=[\w\)\]»%€”’*])[ \u00a0\u202f]?:(?=\s|$)")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")
_PERCENT = re.compile(r"(?<=\d)[ \u202f]?%")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def check_lang(lang: str) -> str:
    """`lang` itself when the typography knows it; a clear error otherwise."""
    if lang not in LOCALES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(LOCALES)}")
    return lang


def typeset(text: str, lang: str) -> str:
    """Apply the typographic rules of `lang` to already sanitised text."""
    check_lang(lang)
    text = _APOSTROPHE.sub("’", text)
    text = inner_quotes(text)
    if lang != "fr":
        return text
    text = _TIGHT.sub(NNBSP + r"\1", text)
    text = _COLON.sub(NBSP + ":", text)
    text = _PERCENT.sub(NBSP + "%", text)
    text = _OPEN_GUILLEMET.sub("«" + NBSP, text)
    text = _CLOSE_GUILLEMET.sub(NBSP + "»", text)
    return text


_LEVELS = {"«": ("»", "“", "”"), "“": ("”", "‘", "’")}


def inner_quotes(text: str) -> str:
    """A quotation inside another takes the second level of marks, as a printer sets
    it: « frein « fliqué » » → « frein “fliqué” », “a “b” c” → “a ‘b’ c”. A label
    quoted inside a sentence that quotes it again reads as one quotation."""
    if not any(mark in text for mark in _LEVELS):
        return text
    out: list[str] = []
    stack: list[str] = []           # the opening marks in force
    inner: list[bool] = []          # whether each was turned into a second-level mark
    for char in text:
        if char in _LEVELS:
            nested = bool(stack) and stack[-1] == char
            stack.append(char)
            inner.append(nested)
            if nested:
                out.append(_LEVELS[char][1])
                continue
        elif stack and char == _LEVELS[stack[-1]][0]:
            opening, nested = stack.pop(), inner.pop()
            if nested:
                while out and out[-1] in " \u00a0\u202f":
                    out.pop()
                out.append(_LEVELS[opening][2])
                continue
        out.append(char)
    result = "".join(out)
    return re.sub("([“‘])[ \u00a0\u202f]+", r"\1", result)


def colon(lang: str) -> str:
    """The separator before an explanation in plain text (a terminal, a log):
    " : " in French (the space a terminal shows), ": " in English."""
    return " : " if lang == "fr" else ": "


def semicolon(lang: str) -> str:
    """The separator between two clauses in plain text: " ; " / "; "."""
    return " ; " if lang == "fr" else "; "


def with_percent(figure: str, lang: str) -> str:
    """A figure already formatted, as a percentage: '46 %' (no-break space) / '46%'."""
    return f"{figure}{NBSP}%" if lang == "fr" else f"{figure}%"


def quoted(text: str, lang: str) -> str:
    """'« text »' / '“text”': a name or a value cited in a sentence."""
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def short_date(value: dt.date, lang: str) -> str:
    """The date as a spreadsheet cell shows it: '15/03/2027' / '2027-03-15'."""
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()


def plain_digits(digits: str, lang: str) -> str:
    """Printed digits without their grouping, with a '.' decimal point, ready for
    `float` ('1 234,5' in French, '1,234.5' in English -> '1234.5')."""
    digits = "".join(ch for ch in digits if ch not in f" {NBSP}{NNBSP}")
    if lang == "fr":
        return digits.replace(".", "").replace(",", ".")
    return digits.replace(",", "")


def excel_percent(value_format: str, lang: str) -> str:
    """An Excel number format as the language writes it: French puts a no-break
    space before '%' ('0%' -> '0" "%')."""
    if lang == "fr" and value_format.endswith("%") and '"' not in value_format:
        return value_format[:-1] + f'"{NBSP}"%'
    return value_format


@lru_cache(maxsize=_FORMATTED, typed=True)
def format_date(value: dt.date, lang: str) -> str:
    """'15 mars 2027' / '15 March 2027'; French writes the first day '1er'."""
    check_lang(lang)
    text = _babel_date(value, "d MMMM y", locale=LOCALES[lang])
    if lang == "fr" and value.day == 1:
        text = "1er" + text[1:]
    return text


@lru_cache(maxsize=_FORMATTED, typed=True)
def format_span_start(start: dt.date, end: dt.date, lang: str) -> str:
    """The first date of a span as the span says it, without what the last date
    repeats: '18' (du 18 au 19 novembre 2027), '28 November' (28 November to
    3 December 2027), the whole date across years."""
    check_lang(lang)
    if start.year != end.year:
        return format_date(start, lang)
    text = _babel_date(start, "d" if start.month == end.month else "d MMMM", locale=LOCALES[lang])
    if lang == "fr" and start.day == 1:
        text = "1er" + text[1:]
    return text


@lru_cache(maxsize=_FORMATTED, typed=True)
def format_month(value: dt.date, lang: str) -> str:
    """'mars 2027' / 'March 2027' (plans and calendars)."""
    check_lang(lang)
    return _babel_date(value, "LLLL y", locale=LOCALES[lang])


@lru_cache(maxsize=_FORMATTED, typed=True)
def format_number(value: float | int | Decimal, lang: str, decimals: int = 0) -> str:
    """'1 234,5' (narrow no-break space) / '1,234.5', with exactly `decimals` decimals."""
    check_lang(lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _babel_decimal(value, format=pattern, locale=LOCALES[lang])


@lru_cache(maxsize=_FORMATTED, typed=True)
def format_percent(ratio: float, lang: str, decimals: int = 0) -> str:
    """A ratio as a percentage: 0.456 -> '46 %' (no-break space) / '46%'."""
    check_lang(lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    pattern += NBSP + "%" if lang == "fr" else "%"
    return _babel_percent(ratio, format=pattern, locale=LOCALES[lang])


@lru_cache(maxsize=_FORMATTED, typed=True)
def format_currency(amount: float | int | Decimal, lang: str, currency: str = "EUR",
                    decimals: int = 0) -> str:
    """'12 500 €' / '€12,500' (whole units by default: budgets are not cents)."""
    check_lang(lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    pattern = f"{pattern}\u00a0¤" if lang == "fr" else f"¤{pattern}"
    return _babel_currency(amount, currency, format=pattern, locale=LOCALES[lang],
                           currency_digits=False)


_QUOTES = {"«": "»", "“": "”", '"': '"', "'": "'"}


def unquote(text: str) -> str:
    """Drop the quotation marks around a whole quotation, so the template's own
    marks are not doubled: « « … » » → « … »."""
    text = text.strip()
    close = _QUOTES.get(text[:1])
    if close and len(text) > 1 and text.endswith(close):
        inner = text[1:-1].strip()
        if text[:1] not in inner:  # one quotation, not two quoted fragments
            return inner
    return text


def inline(label: str) -> str:
    """A label used mid-sentence: first letter lowered, acronyms kept."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label
