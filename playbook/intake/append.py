"""Append imported measurements to an engagement file, safely.

The consultant's file is theirs: a workbook keeps its other sheets, formats and
dropdowns (rows are added at the end of the measurement sheets), a YAML file
keeps its comments and layout (items are added at the end of their list). The
result is read back with the ordinary intake before it replaces the file, so a
bad import changes nothing; the file as it was is kept beside it as
`<name>.previous.<ext>`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from pydantic import BaseModel

from ..errors import IntakeError, PlaybookError
from ..files import atomic_path, atomic_write_bytes
from .headers import column_code, column_header, sheet_code, sheet_title
from .schema import SHEETS_BY_NAME
from .xlsx_writer import _put


def previous_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.previous{path.suffix}")


def versions_dir(path: Path) -> Path:
    """`<name>.versions/` beside the engagement: every version an import replaced.

    A folder, so `batch` on the engagements' folder never takes a kept version
    for another client file, and every earlier state stays findable (a run's
    manifest names the version it read by its digest)."""
    return path.with_name(f"{path.stem}.versions")


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
        try:
            load_engagement(candidate, lang=lang)
        except IntakeError as error:  # the original stays as it was; name it, not the candidate
            raise replace(error, path=str(path), problems=[
                replace(p, file=str(path)) for p in error.problems]) from None
        _keep_version(path, original)
        if _starts_a_committee(path, records):
            atomic_write_bytes(previous_path(path), original)
    return previous_path(path)


def _latest(dates: list[Any]) -> Any:
    return max(dates, default=None)


def _starts_a_committee(path: Path, records: dict[str, list[BaseModel]]) -> bool:
    """Whether the file as it stands is the state of the previous committee.

    A second import for the same committee (the survey after the usage export)
    must not replace the previous committee's state with the first import's
    result: `.previous` is replaced only when the import brings a later period
    than the file already holds."""
    from . import load_engagement

    if not previous_path(path).is_file():
        return True
    current = load_engagement(path)
    held = _latest([*(r.date for r in current.kpi_readings),
                    *(r.date for r in current.pulse_results)])
    brought = _latest([getattr(r, "date", None) for rows in records.values() for r in rows
                       if getattr(r, "date", None) is not None])
    return held is None or brought is None or brought > held


def _keep_version(path: Path, original: bytes) -> Path:
    """`original` kept in `versions_dir(path)`, named by its time and digest."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    digest = hashlib.sha256(original).hexdigest()[:8]
    return atomic_write_bytes(versions_dir(path) / f"{path.stem}.{stamp}-{digest}{path.suffix}",
                              original)


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
    head = re.compile(rf"^{re.escape(key)}:\s*(\[\s*\]|null|~)?\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if head.match(line)), None)
    written = re.compile(rf"^{re.escape(key)}\s*:")
    if start is None and any(written.match(line) for line in lines):
        # The list is written inline (`key: [{...}, {...}]`): rewritten one item a line.
        return _flow_to_block(lines, key, flow)
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


def _flow_to_block(lines: list[str], key: str, new: list[str]) -> str:
    from ..safe_yaml import load

    start = next(i for i, line in enumerate(lines) if re.match(rf"^{re.escape(key)}\s*:", line))
    top_key = re.compile(r"^[A-Za-z_\"'][^:]*:(\s|$)")  # the next top-level key ends the list
    end = next((i for i in range(start + 1, len(lines)) if top_key.match(lines[i])), len(lines))
    existing = (load("\n".join(lines)) or {}).get(key) or []
    if not isinstance(existing, list):
        return "\n".join(lines) + "\n"  # not a list: the intake says so, located
    items = [yaml.safe_dump(item, default_flow_style=True, allow_unicode=True, sort_keys=False,
                            width=10**6).strip() for item in existing]
    block = [f"{key}:", *(f"  - {item}" for item in [*items, *new])]
    return "\n".join([*lines[:start], *block, *lines[end:]]) + "\n"


def _first_item(lines: list[str], start: int) -> int:
    return next((i for i in range(start + 1, len(lines)) if _ITEM.match(lines[i])), -1)


# --------------------------------------------------------------------------- workbook


def _append_xlsx(path: Path, out: Path, records: dict[str, list[BaseModel]], lang: str) -> None:
    macros = path.suffix.lower() == ".xlsm"
    book = load_workbook(path, keep_vba=macros)
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
    if macros:
        _check_macros_kept(path, out)


_MACRO_PART = re.compile(r"(?i)^xl/vba[^/]*\.bin$")
_MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def _check_macros_kept(original: Path, result: Path) -> None:
    """Refuse (before the file is replaced) a result that lost the workbook's
    macros: a client's .xlsm must come out of an import with its VBA, whole."""
    import zipfile

    with zipfile.ZipFile(original) as before, zipfile.ZipFile(result) as after:
        kept = set(after.namelist())
        lost = [n for n in before.namelist() if _MACRO_PART.match(n)
                and (n not in kept or after.read(n) != before.read(n))]
        typed = _MACRO_TYPE in after.read("[Content_Types].xml").decode("utf-8", "replace")
    if lost or not typed:
        raise PlaybookError(
            f"{original}: the import would not keep this workbook's macros "
            f"({', '.join(lost) or 'its macro-enabled type'}); nothing was changed. "
            "Record the measurements in Excel, or import into a copy saved as .xlsx")
