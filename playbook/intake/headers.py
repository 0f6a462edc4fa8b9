"""The workbook's sheet and column names in the workbook's language.

A French workbook is French down to its tabs and headers ("Populations",
"effectif", "adhésion"); its codes stay what the model and the YAML files use.
Names are data (`data/headers.yaml`); the reader takes the code or the name of
either language back to the code, whatever the workbook's language, so a
workbook made in one language and completed in the other still reads.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

from ..text import speaks_codes
from .vocabulary import folded


@cache
def _names() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(files("playbook.intake").joinpath("data/headers.yaml")
                          .read_text(encoding="utf-8"))
    return {part: dict(data.get(part) or {}) for part in ("sheets", "columns", "overrides")}


def sheet_title(sheet: str, lang: str) -> str:
    """The tab of `sheet` in a `lang` workbook: 'populations' -> 'Populations'."""
    return sheet if speaks_codes(lang) else _names()["sheets"].get(sheet, sheet)


def column_header(sheet: str, column: str, lang: str) -> str:
    """The header of `column` in `sheet` of a `lang` workbook: 'headcount' -> 'effectif'."""
    if speaks_codes(lang):
        return column
    names = _names()
    return names["overrides"].get(f"{sheet}.{column}", names["columns"].get(column, column))


@cache
def _sheet_codes() -> dict[str, str]:
    found = {folded(title): code for code, title in _names()["sheets"].items()}
    found.update({folded(code): code for code in _names()["sheets"]})
    return found


def sheet_code(title: str) -> str:
    """The sheet a tab holds, from its code or its name in either language."""
    return _sheet_codes().get(folded(title), folded(title))


@cache
def _column_codes(sheet: str, columns: tuple[str, ...]) -> dict[str, str]:
    found = {folded(column_header(sheet, c, "fr")): c for c in columns}
    found.update({folded(c): c for c in columns})  # a code keeps its own spelling first
    return found


def column_code(sheet: str, columns: tuple[str, ...], header: str) -> str:
    """The column a header names in `sheet` (code or either language's name);
    the folded header itself when it names none (reported as unknown)."""
    return _column_codes(sheet, columns).get(folded(header), folded(header))
