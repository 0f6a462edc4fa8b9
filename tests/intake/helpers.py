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


def tab(book: Workbook, sheet: str) -> Worksheet:
    """The tab holding `sheet` (a code), whatever the workbook's language."""
    from playbook.intake.headers import sheet_code

    for ws in book.worksheets:
        if sheet_code(ws.title) == sheet:
            return ws
    raise KeyError(sheet)


def column_of(ws: Worksheet, name: str) -> int:
    """The column whose header is `name` (a code) or its French name."""
    from playbook.intake.headers import column_code

    for cell in ws[1]:
        if cell.value == name or (
                cell.value and column_code(sheet_code_of(ws), (name,), str(cell.value)) == name):
            return cell.column
    raise KeyError(name)


def sheet_code_of(ws: Worksheet) -> str:
    from playbook.intake.headers import sheet_code

    return sheet_code(ws.title)


def edit_workbook(path: Path, edit: Callable[[Workbook], None]) -> Path:
    """Open `path` as a consultant's Excel would, apply `edit`, save it back."""
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def set_cell(path: Path, sheet: str, row: int, column: str, value: Any) -> Path:
    def edit(book: Workbook) -> None:
        ws = tab(book, sheet)
        ws.cell(row, column_of(ws, column), value)

    return edit_workbook(path, edit)


def set_field(path: Path, sheet: str, field: str, value: Any) -> Path:
    """Set the value (column B) of a row of a record sheet (`engagement`, `training`)."""

    def edit(book: Workbook) -> None:
        from playbook.intake.headers import column_code

        ws = tab(book, sheet)
        for row in range(1, ws.max_row + 1):
            header = ws.cell(row, 1).value
            if header == field or (header and column_code(sheet, (field,), str(header)) == field):
                ws.cell(row, 2, value)
                return
        raise KeyError(field)

    return edit_workbook(path, edit)
