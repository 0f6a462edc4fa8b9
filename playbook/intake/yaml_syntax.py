"""A YAML syntax error told in plain words: what to do, where, in whose language.

PyYAML's messages ("mapping values are not allowed in this context") describe
the parser, not the file. A consultant most often meets a handful of cases —
a value holding « : » (French spacing puts a space after it), a tab, a quote
left open, a line out of line — and each gets the fix in words, located by
line and column, with the line itself shown.
"""

from __future__ import annotations

import re

import yaml

from ..text import render

_LANGUAGE = re.compile(r"^\s*language\s*:\s*['\"]?(fr|en)\b", re.IGNORECASE | re.MULTILINE)


def guess_language(text: str) -> str | None:
    """The engagement's `language:` when a line says it plainly, even in a broken file."""
    match = _LANGUAGE.search(text)
    return match.group(1).lower() if match else None


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    shown = lines[number].strip() if 0 <= number < len(lines) else ""
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _case(exc: yaml.YAMLError, text: str) -> tuple[str, yaml.Mark | None]:
    """The message code for what went wrong, and the mark to show (line, column)."""
    problem = (getattr(exc, "problem", None) or "").lower()
    context = (getattr(exc, "context", None) or "").lower()
    mark = getattr(exc, "problem_mark", None)
    lines = text.splitlines()
    at = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    char = at[mark.column] if mark is not None and mark.column < len(at) else ""
    if "mapping values are not allowed" in problem:
        return "yaml.colon_in_value", mark
    if "cannot start any token" in problem:
        return ("yaml.tab" if char == "\t" or "\\t" in problem else "yaml.reserved_start"), mark
    if "quoted scalar" in context:
        return "yaml.unclosed_quote", getattr(exc, "context_mark", None) or mark
    if "undefined alias" in problem or "alias" in context:
        return "yaml.reserved_start", mark
    if "flow sequence" in context or "flow mapping" in context:
        return "yaml.unclosed_bracket", getattr(exc, "context_mark", None) or mark
    if re.search(r":\s*(['\"]).*\1.*\1", at):
        return "yaml.quote_inside_quotes", mark
    if "expected key" in problem or "'-' indicator" in problem or "block end" in problem:
        return "yaml.indentation", mark
    if "could not find expected ':'" in problem:
        return "yaml.missing_colon", mark
    return "yaml.other", mark


def explain(exc: yaml.YAMLError, text: str, lang: str) -> tuple[str, str, str]:
    """(where, message, line shown) for a syntax error in `text`."""
    code, mark = _case(exc, text)
    if mark is None:
        where = render("yaml.where_unknown", lang)
        shown = ""
    else:
        where = render("yaml.where", lang, line=mark.line + 1, column=mark.column + 1)
        shown = _line(text, mark.line)
    detail = getattr(exc, "problem", None) or str(exc)
    char = ""
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    return where, render(code, lang, detail=detail, char=char), shown
