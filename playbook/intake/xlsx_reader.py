"""Read the intake workbook (.xlsx) into located entries.

The workbook is opened twice: once for the values Excel saved (`data_only=True`,
not read-only, because merged ranges are only known to the full reader) and
once for the formulas, so that a formula whose result was never saved is
reported instead of being read as an empty cell.

Only the cells the file holds are ever visited, never the rectangle its
recorded dimension claims: one stray cell at row 1,048,576 costs one cell, not
a million rows (the full reader keeps cells sparse; `ws.cell()` or
`iter_rows()` would create every cell of the rectangle).
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape
from openpyxl.worksheet.worksheet import Worksheet

from ..model.types import normalise_name
from . import messages as msg
from .headers import column_code, column_header, sheet_code, sheet_title
from .schema import Column, Sheet
from .source import BROKEN, Cell, Entry, Source
from .values import coerce_code, is_empty

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
REQUIRED_TABLES = ("populations", "lots")
KEY_HEADERS = {"field", "champ", "key", "clé", "cle"}


def header_key(value: Any) -> str:
    """How a header or key cell is matched: trimmed, lower case, spaces as '_'."""
    text = normalise_name(unicodedata.normalize("NFC", str(value))).casefold()
    return text.replace(" ", "_")


def sniff(path: Path, lang: str) -> str | None:
    """Why `path` cannot be an .xlsx workbook, judged from its first bytes."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        return msg.text("empty_file", lang)
    if head.startswith(b"%PDF"):
        return msg.text("pdf", lang)
    if head.startswith(_OLE):
        return msg.text("encrypted", lang)
    if not head.startswith(_ZIP):
        return msg.text("not_xlsx", lang)
    return None


class XlsxSource(Source):
    def __init__(self, path: Path, lang: str = "en"):
        super().__init__(file=str(path), lang=lang)
        where = msg.text("the_file", lang)
        reason = sniff(path, lang)
        if reason is None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
                    self.values = load_workbook(path, data_only=True)
                    self.formulas = load_workbook(path, data_only=False)
            except Exception:  # a zip that is not a workbook (a .docx renamed, a truncated file)
                reason = msg.text("not_xlsx", lang)
        if reason is not None:
            self.problem(where, reason)
            raise msg.LocalizedIntakeError(self.file, self.problems, lang=self.lang)
        # Tabs by the sheet they hold: its code, or its name in either language.
        self._sheets = {sheet_code(ws.title): ws for ws in self.values.worksheets}

    def close(self) -> None:
        self.values.close()
        self.formulas.close()

    def language_hint(self) -> str | None:
        ws = self._sheets.get("engagement")
        if ws is None:
            return None
        for row in _rows(ws):
            key, value = _value(ws, row, 1), _value(ws, row, 2)
            if (key is not None and not is_empty(value)
                    and column_code("engagement", ("language",), str(key)) == "language"):
                from .vocabulary import aliases

                try:  # the code, or its label in either language ("Français")
                    return coerce_code(value, ["fr", "en"], aliases("language", ("fr", "en")))
                except ValueError:
                    return None
        return None

    def sheet_where(self, sheet: Sheet) -> str:
        return msg.xlsx_where(self.lang, self._title(sheet))

    def _title(self, sheet: Sheet) -> str:
        """The tab as the consultant sees it (or would, were it there)."""
        ws = self._sheets.get(sheet.name)
        return ws.title if ws is not None else sheet_title(sheet.name, self.lang)

    def _column(self, sheet: Sheet, header: object) -> str:
        return column_code(sheet.name, tuple(sheet.column_names), str(header))

    # -- sheets ---------------------------------------------------------------

    def entries(self, sheet: Sheet) -> list[Entry] | None:
        ws = self._sheets.get(sheet.name)
        if ws is None:
            needed = sheet.name in REQUIRED_TABLES or any(c.required for c in sheet.columns)
            self.problem(
                msg.xlsx_where(self.lang, self._title(sheet)),
                msg.text(
                    "missing_sheet" if needed else "missing_optional_sheet",
                    self.lang,
                    sheet=self._title(sheet),
                ),
                severity="error" if needed else "warning",
            )
            return None
        broken = self._broken_cells(ws, sheet)
        if sheet.shape == "table":
            return self._table(ws, sheet, broken)
        return [self._record(ws, sheet, broken)]

    def _broken_cells(self, ws: Worksheet, sheet: Sheet) -> set[tuple[int, int]]:
        """Cells already reported: merged ranges, Excel errors, formulas with no value."""
        broken: set[tuple[int, int]] = set()
        for merged in ws.merged_cells.ranges:
            self.problem(
                self._cell_where(ws, sheet, merged.min_row, merged.min_col),
                msg.text("merged", self.lang, cells=merged.coord),
            )
            for row, col in merged.cells:
                broken.add((row, col))
        for cell in _cells(self.formulas[ws.title]):
            if cell.data_type != "f":
                continue
            if _value(ws, cell.row, cell.column) is None and (cell.row, cell.column) not in broken:
                broken.add((cell.row, cell.column))
                self.problem(
                    self._cell_where(ws, sheet, cell.row, cell.column),
                    msg.text("formula_no_value", self.lang),
                    cell.value,
                )
        for cell in _cells(ws):
            if cell.data_type == "e" and (cell.row, cell.column) not in broken:
                broken.add((cell.row, cell.column))
                self.problem(
                    self._cell_where(ws, sheet, cell.row, cell.column),
                    msg.text("excel_error", self.lang),
                    cell.value,
                )
        return broken

    def _cell_where(self, ws: Worksheet, sheet: Sheet, row: int, col: int) -> str:
        header = _value(ws, 1, col) if sheet.shape == "table" else _value(ws, row, 1)
        name = normalise_name(str(header)) if header is not None else ""
        return msg.xlsx_where(self.lang, self._title(sheet), row, get_column_letter(col), name)

    def _cell(self, ws: Worksheet, row: int, col: int, broken: set[tuple[int, int]]) -> Cell:
        if (row, col) in broken:
            return Cell(BROKEN)
        cell = ws._cells.get((row, col))
        if cell is None:
            return Cell(None)
        value = cell.value
        if isinstance(value, str) and "_x" in value:
            value = unescape(value)  # Excel saves a pasted control character as "_x000B_"
        return Cell(value, percent_format="%" in (cell.number_format or ""))

    def _table(self, ws: Worksheet, sheet: Sheet, broken: set[tuple[int, int]]) -> list[Entry]:
        columns = self._header(ws, sheet)
        if columns is None:
            return []
        absent = frozenset(c.name for c in sheet.columns if c.required and c.name not in columns)

        def locator(row: int) -> Callable[[str | None, int | None], str]:
            def locate(column: str | None, item: int | None) -> str:
                if column is None:
                    return msg.xlsx_where(self.lang, self._title(sheet), row)
                if column in columns:
                    return msg.xlsx_where(
                        self.lang, self._title(sheet), row, get_column_letter(columns[column]),
                        normalise_name(str(_value(ws, 1, columns[column]))),
                    )
                return msg.xlsx_where(self.lang, self._title(sheet), row, name=column)

            return locate

        entries: list[Entry] = []
        for row in sorted({*_rows(ws), *(r for r, _ in broken)} - {1}):
            cells = {name: self._cell(ws, row, col, broken) for name, col in columns.items()}
            if all(c.value is not BROKEN and is_empty(c.value) for c in cells.values()):
                continue  # empty rows are layout, not records
            entries.append(Entry(cells, msg.row_label(self.lang, row), locator(row), absent))
        return entries

    def _header(self, ws: Worksheet, sheet: Sheet) -> dict[str, int] | None:
        """Column name -> column index, reporting missing, unknown and repeated names."""
        known = set(sheet.column_names)
        columns: dict[str, int] = {}
        for col in sorted(c.column for c in _cells(ws) if c.row == 1):
            value = _value(ws, 1, col)
            if is_empty(value):
                continue
            key = self._column(sheet, value)
            where = msg.xlsx_where(
                self.lang, self._title(sheet), 1, get_column_letter(col), normalise_name(str(value))
            )
            if key not in known:
                self.problem(
                    where,
                    msg.text("unknown_column", self.lang, column=str(value)),
                    severity="warning",
                )
            elif key in columns:
                self.problem(where, msg.text("duplicate_column", self.lang, column=key))
            else:
                columns[key] = col
        if not columns:
            self.problem(msg.xlsx_where(self.lang, self._title(sheet), 1), msg.text("no_header", self.lang))
            return None
        expected = ", ".join(column_header(sheet.name, c, self.lang) for c in sheet.column_names)
        optional = []
        for column in sheet.columns:
            if column.name in columns:
                continue
            if not column.required:
                optional.append(column)
                continue
            self.problem(
                msg.xlsx_where(self.lang, self._title(sheet), 1),
                msg.text("missing_column", self.lang,
                         column=column_header(sheet.name, column.name, self.lang)),
                expected=expected,
            )
        self._defaults_used(msg.xlsx_where(self.lang, self._title(sheet), 1), sheet, optional,
                            "column", expected=expected)
        return columns

    def _defaults_used(self, where: str, sheet: Sheet, optional: list[Column], kind: str,
                       expected: str = "") -> None:
        """One warning for the optional columns or rows a sheet lacks, however many.

        A workbook made by an earlier version lacks every field added since: one
        line per field would bury the warnings that matter.
        """
        if not optional:
            return
        if len(optional) == 1:
            column = optional[0]
            text = msg.text(f"missing_optional_{'column' if kind == 'column' else 'key'}", self.lang,
                            column=column_header(sheet.name, column.name, self.lang),
                            default=msg.format_default(column, self.lang))
        else:
            items = "; ".join(msg.text("default_item", self.lang,
                                       column=column_header(sheet.name, c.name, self.lang),
                                       default=msg.format_default(c, self.lang))
                              for c in optional)
            text = msg.text(f"missing_optional_{'columns' if kind == 'column' else 'keys'}",
                            self.lang, count=len(optional), items=items)
        self.problem(where, text, expected=expected, severity="warning")

    def _record(self, ws: Worksheet, sheet: Sheet, broken: set[tuple[int, int]]) -> Entry:
        known = set(sheet.column_names)
        rows: dict[str, int] = {}
        for row in _rows(ws):
            raw = _value(ws, row, 1)
            if is_empty(raw) or (row, 1) in broken:
                continue
            if header_key(raw) in KEY_HEADERS and row == 1:
                continue
            key = self._column(sheet, raw)
            where = msg.xlsx_where(self.lang, self._title(sheet), row, "A", normalise_name(str(raw)))
            if key not in known:
                self.problem(
                    where, msg.text("unknown_key", self.lang, column=str(raw)), severity="warning"
                )
            elif key in rows:
                self.problem(where, msg.text("duplicate_key", self.lang, column=key))
            else:
                rows[key] = row
        absent = set()
        optional = []
        for column in sheet.columns:
            if column.name in rows:
                continue
            if not column.required:
                optional.append(column)
                continue
            self.problem(
                msg.xlsx_where(self.lang, self._title(sheet),
                               name=column_header(sheet.name, column.name, self.lang)),
                msg.text("missing_key", self.lang,
                         column=column_header(sheet.name, column.name, self.lang)),
            )
            absent.add(column.name)
        self._defaults_used(msg.xlsx_where(self.lang, self._title(sheet)), sheet, optional, "row")

        def locate(column: str | None, item: int | None) -> str:
            if column in rows:
                return msg.xlsx_where(self.lang, self._title(sheet), rows[column], "B",
                                      normalise_name(str(_value(ws, rows[column], 1))))
            return msg.xlsx_where(self.lang, self._title(sheet), name=column or "")

        cells = {name: self._cell(ws, row, 2, broken) for name, row in rows.items()}
        return Entry(cells, msg.xlsx_where(self.lang, self._title(sheet)), locate, frozenset(absent))


# -- the cells the file holds ---------------------------------------------------------
# `Worksheet._cells` is the full reader's sparse store, {(row, column): cell}. It is
# private, but it is the only way to visit what the file holds without creating
# the cells of the whole rectangle its dimension claims.


def _cells(ws: Worksheet) -> list[Any]:  # openpyxl cells (openpyxl is unannotated)
    return list(ws._cells.values())


def _value(ws: Worksheet, row: int, col: int) -> Any:
    cell = ws._cells.get((row, col))
    return None if cell is None else cell.value


def _rows(ws: Worksheet) -> list[int]:
    """The rows holding at least one value, in order."""
    return sorted({cell.row for cell in _cells(ws) if cell.value is not None})
