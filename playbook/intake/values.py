"""Turn what a consultant typed into the value a column expects.

Cells arrive as whatever Excel or YAML made of them: a real date or the text
"15 mars 2026", a number or "1 200", True or "oui" or "x". Each `coerce_*`
returns the typed value or raises `Invalid`; the caller locates the problem.
Emptiness is decided before coercion (`is_empty`): an empty cell means "use
the default", never a value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from openpyxl.utils.datetime import from_excel

from ..model.types import normalise_name, normalise_text
from .schema import Column


class Invalid(ValueError):
    """The value cannot be read as the column's type."""


_SPACE_CHARS = "\u00a0\u202f\u2007\u2009 "

TRUE = {"yes", "y", "oui", "o", "true", "vrai", "1", "x", "✓", "✔"}
FALSE = {"no", "n", "non", "false", "faux", "0"}

_MONTHS = {
    # French
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    # English
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DAY_MONTH_NAME = re.compile(
    r"^(?:[a-z]+\.?,?\s+)?(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$"
)
_MONTH_NAME_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return normalise_name(value) == ""
    if isinstance(value, (list, tuple)):
        return all(is_empty(v) for v in value)
    return False


def coerce(column: Column, value: Any, *, percent_format: bool = False) -> Any:
    """The value of `column` read from `value` (never empty: see `is_empty`)."""
    kind = column.kind
    if kind == "name":
        return _text(value, name=True)
    if kind == "text":
        return _text(value, name=False)
    if kind == "names":
        return coerce_names(value)
    if kind == "int":
        return coerce_int(value)
    if kind == "float":
        return coerce_float(value, share=column.is_share, percent_format=percent_format)
    if kind == "bool":
        return coerce_bool(value)
    if kind == "date":
        return coerce_date(value)
    if kind == "enum":
        from .vocabulary import aliases

        return coerce_code(value, column.codes, aliases(column.vocabulary_key, tuple(column.codes)))
    raise AssertionError(kind)


def _text(value: Any, *, name: bool) -> str:
    if isinstance(value, bool):
        raise Invalid(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if isinstance(value, (list, dict)):
        raise Invalid(value)
    text = str(value)
    return normalise_name(text) if name else normalise_text(text)


def coerce_names(value: Any) -> list[str]:
    """A list of names: a YAML list, or one cell split on ';' and line breaks."""
    items = (
        value
        if isinstance(value, (list, tuple))
        else re.split(r"[;\n\r]", _text(value, name=False))
    )
    names = [_text(item, name=True) for item in items if not is_empty(item)]
    if not names:
        raise Invalid(value)
    return names


def _number_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value)
    for char in _SPACE_CHARS:
        text = text.replace(char, "")
    return text.strip()


def coerce_int(value: Any) -> int:
    if isinstance(value, bool):
        raise Invalid(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise Invalid(value)
    if isinstance(value, str):
        text = _number_text(value)
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d+[.,]0+", text):
            return int(re.split(r"[.,]", text)[0])
    raise Invalid(value)


def coerce_float(value: Any, *, share: bool = False, percent_format: bool = False) -> float:
    """A number; '3,5' and '1 200' read the French way; '25%' is 0.25 for a share.

    A cell formatted as a percentage holds 0.5 for "50%": for a column counted
    in percent (an allocation of 0-100) that is 50, for a share it stays 0.5.
    """
    if isinstance(value, bool):
        raise Invalid(value)
    if isinstance(value, (int, float)):
        number = float(value)
        return number * 100 if percent_format and not share else number
    if isinstance(value, str):
        text = _number_text(value)
        percent = text.endswith("%")
        text = text.rstrip("%")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            number = float(text)
            return number / 100 if percent and share else number
    raise Invalid(value)


def coerce_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = normalise_name(value).casefold()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
    raise Invalid(value)


def _plain(text: str) -> str:
    """Lower case without accents, for month names ('Février' -> 'fevrier')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def coerce_date(value: Any) -> dt.date:
    """Real dates, Excel serial numbers, ISO, day-first numeric and written dates.

    Numeric dates are always read day first (15/03/2026): month-first dates are
    not accepted, because 03/04/2026 would be silently ambiguous.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial range
            serial_day: dt.date = from_excel(value).date()  # openpyxl: unannotated
            return serial_day
        raise Invalid(value)
    if not isinstance(value, str):
        raise Invalid(value)
    text = _plain(normalise_name(value))
    try:
        if match := _ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _DAY_FIRST.match(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _DAY_MONTH_NAME.match(text):
            day_text, month_name, year_text = match.groups()
            if month_name in _MONTHS:
                return dt.date(int(year_text), _MONTHS[month_name], int(day_text))
        if match := _MONTH_NAME_DAY.match(text):
            month_name, day_text, year_text = match.groups()
            if month_name in _MONTHS:
                return dt.date(int(year_text), _MONTHS[month_name], int(day_text))
    except ValueError:  # 31/02/2026
        pass
    raise Invalid(value)


def coerce_code(value: Any, codes: list[str], labels: dict[str, str] | None = None) -> str:
    """An enumerated code; case, spaces and hyphens forgiven ('Team leader').

    `labels` maps folded labels (either language, see `vocabulary.aliases`) to
    codes: 'Favorable' or 'réticent' in a French workbook read as their codes.
    """
    raw = getattr(value, "value", value)
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise Invalid(value)
    text = re.sub(r"[\s\-]+", "_", normalise_name(str(raw)).casefold())
    if text in codes:
        return text
    if labels:
        from .vocabulary import folded

        code = labels.get(folded(normalise_name(str(raw))))
        if code is not None:
            return code
    raise Invalid(value)
