"""Problem messages of the intake, in the engagement's language.

Every sentence is a coded message of `playbook/text/data/messages.yaml`
(`intake.*`), in English and French; this module only puts them together: where
a problem is, what was found, what was expected. pydantic's own messages are
English; the ones a consultant will meet are mapped to coded messages here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import MAX_SHOWN, IntakeError, Problem, shown
from ..text import Message, render
from ..text.typography import colon, semicolon
from .schema import Column

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


def text(key: str, lang: str, **values: Any) -> str:
    """The intake message `intake.<key>` (playbook/text/data/messages.yaml) in `lang`."""
    return render(f"intake.{key}", lang, **values)


def _where(key: str, lang: str, **values: Any) -> str:
    return render(f"intake.where.{key}", lang, **values)


# -- locations -------------------------------------------------------------


def xlsx_where(
    lang: str, sheet: str, row: int | None = None, letter: str = "", name: str = ""
) -> str:
    """`sheet 'populations', row 7, column D (headcount)`."""
    parts = [_where("sheet", lang, sheet=sheet)]
    if row is not None:
        parts.append(_where("row", lang, row=row))
    if letter:
        parts.append(_where("column", lang, letter=letter, name=name))
    elif name:
        parts[-1] += f" ({name})"
    return ", ".join(parts)


def row_label(lang: str, row: int) -> str:
    return _where("row", lang, row=row)


def yaml_where(lang: str, path: tuple[str | int, ...], line: int | None) -> str:
    """`populations[3].headcount (line 42)`."""
    text_path = ""
    for part in path:
        text_path += f"[{part}]" if isinstance(part, int) else (f".{part}" if text_path else part)
    text_path = text_path or "(top)"
    if line is not None:
        text_path += f" ({_where('line', lang, line=line)})"
    return text_path


# -- what a column expects ----------------------------------------------------

def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def expected(column: Column, lang: str) -> str:
    """What `column` accepts, as a consultant would say it."""
    if column.kind == "enum":
        from .vocabulary import choices  # the dropdown's own wording (labels in French)

        offered = choices(column.vocabulary_key, column.codes, lang)
        return render("intake.expected.enum", lang, codes=", ".join(offered))
    if column.is_share:
        return render("intake.expected.share", lang)
    base = render(f"intake.expected.{column.kind}", lang)
    if column.kind in ("int", "float"):
        low = column.gt if column.gt is not None else column.ge
        if low is not None and column.le is not None:
            base += render("intake.expected.range", lang, lo=_number(low), hi=_number(column.le))
        elif column.gt is not None:
            base += f" > {_number(column.gt)}"
        elif column.ge is not None:
            base += f" ≥ {_number(column.ge)}"
        elif column.le is not None:
            base += f" ≤ {_number(column.le)}"
    return base


def format_default(column: Column, lang: str) -> str:
    value = getattr(column.default, "value", column.default)
    if value in (None, "", []):
        return render("intake.default.empty", lang)
    if isinstance(value, bool):
        return render("intake.default.yes" if value else "intake.default.no", lang)
    return str(value)


# -- pydantic and consistency messages -----------------------------------------

# pydantic's English text of the model's own validators -> their coded message
_VALUE_ERRORS = {
    "must not be empty": "intake.value.must_not_be_empty",
    "blackout ends before it starts": "intake.value.blackout_reversed",
    "a row names its action by its id or by its lever code": "intake.value.action_unnamed",
}


def pydantic_message(error: ErrorDetails, lang: str) -> str:
    kind = error["type"]
    if kind == "missing":
        return text("missing", lang)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return text("out_of_range", lang)
    if kind == "too_short":
        return text("too_short", lang)
    if kind == "too_long":
        return text("too_long", lang, **error["ctx"])
    if kind == "value_error":
        raised = error.get("ctx", {}).get("error")
        said = getattr(raised, "message", None)
        if isinstance(said, Message):  # worded in both languages
            return said.text(lang)
        detail = str(raised if raised is not None else error["msg"])
        code = _VALUE_ERRORS.get(detail)
        return render(code, lang) if code else detail
    return text("invalid", lang, detail=error["msg"])


# -- the error a consultant reads ------------------------------------------------

def show_value(value: Any) -> str:
    """A value as a consultant typed it: dates as dates, text quoted."""
    if hasattr(value, "isoformat"):
        iso: str = value.isoformat()
        return iso
    if isinstance(value, (str, list, tuple, dict, set, bytes)):
        return shown(value)  # shortened: never a pasted chapter or an expanded alias
    return str(value)[:MAX_SHOWN]


def format_problem(problem: Problem, lang: str) -> str:
    text = f"{problem.where}{colon(lang)}{problem.message}"
    if problem.found not in (None, ""):
        text += f" ({render('intake.report.found', lang, value=show_value(problem.found))})"
    if problem.expected:
        text += semicolon(lang) + render("intake.report.expected", lang, what=problem.expected)
    if problem.severity == "warning":
        text = f"{render('intake.report.warning', lang)}{colon(lang)}{text}"
    return text


@dataclass
class LocalizedIntakeError(IntakeError):
    """`IntakeError` told in the engagement's language, errors first, then warnings."""

    lang: str = "en"

    def __str__(self) -> str:
        lang = self.lang if self.lang in ("en", "fr") else "en"
        errors = self.errors
        count = len(errors)
        head = render("intake.report.head", lang, file=self.path, count=count,
                      s="s" if count != 1 else "")
        ordered = errors + [p for p in self.problems if p.severity != "error"]
        return "\n".join([head, *(f"  - {format_problem(p, lang)}" for p in ordered)])
