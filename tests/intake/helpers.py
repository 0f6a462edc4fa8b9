"""Helpers of the intake tests: write YAML, edit a workbook as a consultant would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def column_of(ws: Worksheet, name: str) -> int:
    for cell in ws[1]:
        if cell.value == name:
            return cell.column
    raise KeyError(name)


def edit_workbook(path: Path, edit: Callable[[Workbook], None]) -> Path:
    """Open `path` as a consultant's Excel would, apply `edit`, save it back."""
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def set_cell(path: Path, sheet: str, row: int, column: str, value: Any) -> Path:
    def edit(book: Workbook) -> None:
        ws = book[sheet]
        ws.cell(row, column_of(ws, column), value)

    return edit_workbook(path, edit)


def set_field(path: Path, sheet: str, field: str, value: Any) -> Path:
    """Set the value (column B) of a row of a record sheet (`engagement`, `training`)."""

    def edit(book: Workbook) -> None:
        ws = book[sheet]
        for row in range(1, ws.max_row + 1):
            if ws.cell(row, 1).value == field:
                ws.cell(row, 2, value)
                return
        raise KeyError(field)

    return edit_workbook(path, edit)
