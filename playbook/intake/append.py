"""Append imported measurements to an engagement file, safely.

The consultant's file is theirs: a workbook keeps its other sheets, formats and
dropdowns (rows are added at the end of the measurement sheets), a YAML file
keeps its comments and layout (items are added at the end of their list). The
result is read back with the ordinary intake before it replaces the file, so a
bad import changes nothing; the file as it was is kept beside it as
`<name>.previous.<ext>`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from pydantic import BaseModel

from ..files import atomic_path, atomic_write_bytes
from .headers import column_code, column_header, sheet_code, sheet_title
from .schema import SHEETS_BY_NAME
from .xlsx_writer import _put


def previous_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.previous{path.suffix}")


def append_measurements(path: str | Path, records: dict[str, list[BaseModel]], lang: str = "en"
                        ) -> Path:
    """Add `records` (sheet name -> model records) to the engagement file at
    `path`; return where the previous version was kept. Raises `IntakeError`
    (file untouched) when the result would not be a valid engagement."""
    from . import load_engagement

    path = Path(path)
    records = {sheet: rows for sheet, rows in records.items() if rows}
    original = path.read_bytes()
    with atomic_path(path) as candidate:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            _append_xlsx(path, candidate, records, lang)
        else:
            text = original.decode("utf-8-sig")
            for sheet, rows in records.items():
                text = append_yaml_items(text, sheet, [_plain(r) for r in rows])
            candidate.write_text(text, encoding="utf-8")
        load_engagement(candidate, lang=lang)  # IntakeError: the original stays as it was
        backup = atomic_write_bytes(previous_path(path), original)
    return Path(backup)


def _plain(record: BaseModel) -> dict[str, Any]:
    """The record as the YAML files write it: every field, dates as dates."""
    return record.model_dump(mode="python")


# --------------------------------------------------------------------------- YAML

_ITEM = re.compile(r"^(\s*)- ")


def append_yaml_items(text: str, key: str, items: list[dict[str, Any]]) -> str:
    """`text` with `items` added at the end of the top-level list `key` (the
    list is created at the end of the file when absent)."""
    lines = text.splitlines()
    flow = [yaml.safe_dump(item, default_flow_style=True, allow_unicode=True, sort_keys=False,
                           width=10**6).strip() for item in items]
    head = re.compile(rf"^{re.escape(key)}:\s*(\[\s*\])?\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if head.match(line)), None)
    if start is None:
        block = ["", f"{key}:", *(f"  - {item}" for item in flow)]
        return "\n".join([*lines, *block]) + "\n"
    lines[start] = f"{key}:"
    indent, last_content = "  ", start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line[0].isspace() and not line.startswith(("-", "#")):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            last_content = i
            match = _ITEM.match(line)
            if match and i == _first_item(lines, start):
                indent = match.group(1)
    new = [f"{indent}- {item}" for item in flow]
    return "\n".join([*lines[: last_content + 1], *new, *lines[last_content + 1 :]]) + "\n"


def _first_item(lines: list[str], start: int) -> int:
    return next((i for i in range(start + 1, len(lines)) if _ITEM.match(lines[i])), -1)


# --------------------------------------------------------------------------- workbook


def _append_xlsx(path: Path, out: Path, records: dict[str, list[BaseModel]], lang: str) -> None:
    book = load_workbook(path)
    for name, rows in records.items():
        sheet = SHEETS_BY_NAME[name]
        # The tab and headers by what they name, in either language (see `headers`).
        tabs = {sheet_code(title): title for title in book.sheetnames}
        if name in tabs:
            ws = book[tabs[name]]
        else:  # a workbook made before the measurement sheets existed
            ws = book.create_sheet(sheet_title(name, lang))
            for col, column in enumerate(sheet.columns, start=1):
                ws.cell(1, col, column_header(name, column.name, lang))
        codes = tuple(sheet.column_names)
        header = {column_code(name, codes, str(c.value)): c.column for c in ws[1] if c.value}
        last = max((r for r in range(1, ws.max_row + 1)
                    if any(ws.cell(r, c).value not in (None, "") for c in header.values())),
                   default=1)
        for offset, record in enumerate(rows, start=1):
            for column in sheet.columns:
                if column.name in header:
                    _put(ws, last + offset, header[column.name], column,
                         getattr(record, column.path[-1]), lang)
    book.save(out)
