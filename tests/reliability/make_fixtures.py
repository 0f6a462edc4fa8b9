"""Build the files of the bad-input catalogue from a valid engagement.

`tests/fixtures/bad_inputs/catalogue.yaml` says, for each case, how a valid
engagement is broken (or made odd) and what the consultant must then read.
This module turns a case into a real file: it edits the engagement data first
(`data`: valid edits, for either format), writes it as the consultant's YAML or
as the intake workbook, then breaks the file the way a person would (`edits`:
a cell typed in Excel, a sheet deleted, a password set, a PDF saved under the
wrong name).

Files are built at test time, into a temporary folder; to look at them in
Excel or LibreOffice, write them all out:

    python -m tests.reliability.make_fixtures /some/folder
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string

from playbook.intake import write_intake_template
from playbook.model import Engagement
from tests.factories import minimal_engagement_dict
from tests.intake.helpers import column_of, dump_yaml

CATALOGUE = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs" / "catalogue.yaml"
PREFIX_MARK = " [...]"  # an expected line ending so is matched on what comes before


@dataclass(frozen=True)
class Case:
    """One entry of the catalogue (see the header of catalogue.yaml)."""

    id: str
    format: str  # "xlsx" | "yaml"
    story: str
    data: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] | None = None  # None: the file is accepted
    warnings: list[str] | None = None  # None: not checked (rejections only)
    values: dict[str, Any] = field(default_factory=dict)
    render: dict[str, Any] | None = None

    @property
    def accepted(self) -> bool:
        return self.errors is None

    @property
    def filename(self) -> str:
        return f"{self.id}.{self.format}"


def load_catalogue(path: Path = CATALOGUE) -> list[Case]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(**entry) for entry in raw["cases"]]
    ids = [case.id for case in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate case ids in {path.name}: {duplicates}")
    return cases


def line_matches(expected: str, actual: str) -> bool:
    """Exact match, or prefix match for an expected line ending with ' [...]'."""
    if expected.endswith(PREFIX_MARK):
        return actual.startswith(expected[: -len(PREFIX_MARK)])
    return expected == actual


# -- values ---------------------------------------------------------------------

_SENTENCE = (
    "Les conseillers notent chaque appel dans le nouvel outil, puis le responsable "
    "d'agence relit les demandes ouvertes avec eux chaque lundi matin. "
)


def long_text(length: int) -> str:
    """Deterministic prose of exactly `length` characters (a pasted interview note)."""
    text = (_SENTENCE * (length // len(_SENTENCE) + 1))[:length]
    return text[:-1] + "." if length > 1 else text


def resolve(value: Any) -> Any:
    """Catalogue shorthands: `{long_text: 10000}`."""
    if isinstance(value, dict) and set(value) == {"long_text"}:
        return long_text(int(value["long_text"]))
    return value


# -- paths into the engagement data (populations[1].headcount) ------------------

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    return [int(index) if index else key for key, index in _PART.findall(path)]


def get_path(data: Any, path: str) -> Any:
    for part in parse_path(path):
        data = data[part]
    return data


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    parts = parse_path(path)
    for part in parts[:-1]:
        data = data[part]
    return data, parts[-1]


# -- data edits (both formats) ----------------------------------------------------

_POPULATION_FIELDS = (("impacts", "population"), ("resistances", "population"))


def _set(data: dict, path: str, value: Any) -> None:
    parent, key = _parent(data, path)
    parent[key] = resolve(value)


def _delete(data: dict, path: str) -> None:
    parent, key = _parent(data, path)
    del parent[key]


def _rename_key(data: dict, path: str, to: str) -> None:
    parent, key = _parent(data, path)
    parent[to] = parent.pop(key)


def _append(data: dict, path: str, value: Any) -> None:
    get_path(data, path).append(resolve(value))


def _rename_population(data: dict, old: str, new: str) -> None:
    """Rename a population everywhere it is cited, as a consistent consultant would."""
    new = resolve(new)
    for population in data["populations"]:
        if population["name"] == old:
            population["name"] = new
        population["shifts_tasks_to"] = [
            new if name == old else name for name in population.get("shifts_tasks_to", [])
        ]
    for table, column in _POPULATION_FIELDS:
        for row in data.get(table, []):
            if row[column] == old:
                row[column] = new
    for lot in data["lots"]:
        lot["populations"] = [new if name == old else name for name in lot["populations"]]


_LEVELS = ("staff", "team_leader", "manager", "executive")
_COMFORT = ("low", "medium", "high")
_BUY_IN = ("enthusiastic", "favourable", "neutral", "reluctant", "resistant")
_DIMENSIONS = ("job", "tool", "culture", "organisation", "skills", "performance")
_REGIONS = ("Nord", "Sud", "Est", "Ouest", "Centre", "Outre-mer")


def _many_populations(data: dict, count: int) -> None:
    """`count` populations, every one impacted and in a lot: a national network."""
    populations, impacts = [], []
    for i in range(count):
        name = f"Agence {i + 1:03d} - conseillers"
        populations.append(
            {
                "name": name,
                "function": "Relation client",
                "level": _LEVELS[i % len(_LEVELS)],
                "territory": _REGIONS[i % len(_REGIONS)],
                "headcount": 3 + (i * 7) % 40,
                "crm_user": i % 9 != 0,
                "it_comfort": _COMFORT[i % len(_COMFORT)],
                "buy_in": _BUY_IN[i % len(_BUY_IN)],
            }
        )
        impacts.append(
            {
                "population": name,
                "dimension": _DIMENSIONS[i % len(_DIMENSIONS)],
                "intensity": 1 + i % 3,
            }
        )
    data["populations"] = populations
    data["territories"] = [{"name": region} for region in dict.fromkeys(_REGIONS)]
    data["impacts"] = impacts
    data["resistances"] = [
        {**resistance, "population": populations[0]["name"]}
        for resistance in data.get("resistances", [])
    ]
    half = count // 2 or 1
    names = [p["name"] for p in populations]
    data["lots"][0]["populations"] = names[:half]
    data["lots"][1]["populations"] = names[half:] or names[:1]


DATA_OPS: dict[str, Callable[..., None]] = {
    "set": _set,
    "delete": _delete,
    "rename_key": _rename_key,
    "append": _append,
    "rename_population": _rename_population,
    "many_populations": _many_populations,
}


def _apply(ops: dict[str, Callable[..., None]], target: Any, edits: list[dict[str, Any]]) -> None:
    for edit in edits:
        arguments = dict(edit)
        name = arguments.pop("op")
        if name not in ops:
            raise ValueError(f"unknown edit {name!r}; expected one of {sorted(ops)}")
        ops[name](target, **arguments)


def engagement_data(case: Case) -> dict[str, Any]:
    data = minimal_engagement_dict()
    _apply(DATA_OPS, data, case.data)
    return data


# -- whole-file contents -------------------------------------------------------------


@cache
def pdf_bytes() -> bytes:
    """A real one-page PDF (a report saved where the workbook should have been)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3))
    figure.text(0.1, 0.5, "Steering committee report")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf")
    return buffer.getvalue()


def _replace_bytes(path: Path, content: str) -> None:
    contents = {"empty": lambda: b"", "pdf": pdf_bytes}
    path.write_bytes(contents[content]())


def _encrypt(path: Path, password: str) -> None:
    """Protect the workbook with a password, as Excel's File > Info > Protect does."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(path.read_bytes())
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt(password, encrypted)
    path.write_bytes(encrypted.getvalue())


# -- workbook edits --------------------------------------------------------------------


def _cell_value(value: Any) -> Any:
    value = resolve(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())  # what Excel stores for a date
    return value


def _set_cell(book: Workbook, sheet: str, row: int, column: str, value: Any) -> None:
    """`column` names a header, or is a column letter ("XFD") beyond the headers."""
    ws = book[sheet]
    try:
        index = column_of(ws, column)
    except KeyError:
        if not re.fullmatch(r"[A-Z]{1,3}", column):
            raise
        index = column_index_from_string(column)
    ws.cell(row, index).value = _cell_value(value)


def _set_field(book: Workbook, sheet: str, field: str, value: Any) -> None:
    ws = book[sheet]
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == field:
            ws.cell(row, 2).value = _cell_value(value)
            return
    raise KeyError(field)


def _delete_sheet(book: Workbook, sheet: str) -> None:
    book.remove(book[sheet])


def _rename_header(book: Workbook, sheet: str, column: str, to: str) -> None:
    ws = book[sheet]
    ws.cell(1, column_of(ws, column)).value = to


def _delete_column(book: Workbook, sheet: str, column: str) -> None:
    ws = book[sheet]
    ws.delete_cols(column_of(ws, column))


def _add_column(book: Workbook, sheet: str, header: str, values: list[Any]) -> None:
    ws = book[sheet]
    col = max(cell.column for cell in ws[1] if cell.value is not None) + 1
    ws.cell(1, col).value = header
    for offset, value in enumerate(values):
        ws.cell(2 + offset, col).value = _cell_value(value)


def _append_row(book: Workbook, sheet: str, values: dict[str, Any]) -> None:
    ws = book[sheet]
    row = max(cell.row for cell in ws["A"] if cell.value is not None) + 1
    for column, value in values.items():
        ws.cell(row, column_of(ws, column)).value = _cell_value(value)


def _clear_rows(book: Workbook, sheet: str) -> None:
    ws = book[sheet]
    ws.delete_rows(2, ws.max_row)


def _merge(book: Workbook, sheet: str, cells: str) -> None:
    book[sheet].merge_cells(cells)


WORKBOOK_OPS: dict[str, Callable[..., None]] = {
    "set_cell": _set_cell,
    "set_field": _set_field,
    "delete_sheet": _delete_sheet,
    "rename_header": _rename_header,
    "delete_column": _delete_column,
    "add_column": _add_column,
    "append_row": _append_row,
    "clear_rows": _clear_rows,
    "merge": _merge,
}
FILE_OPS: dict[str, Callable[..., None]] = {"replace_bytes": _replace_bytes, "encrypt": _encrypt}


def _replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} not found in {path.name}")
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- building a case ---------------------------------------------------------------------


@cache
def _workbook_bytes(data_json: str) -> bytes:
    """The intake workbook of an engagement, written once per distinct engagement."""
    engagement = Engagement.model_validate(json.loads(data_json))
    with tempfile.TemporaryDirectory(prefix="playbook-bad-inputs-") as folder:
        path = write_intake_template(Path(folder) / "base.xlsx", engagement, lang="en")
        return Path(path).read_bytes()


def build(case: Case, folder: Path) -> Path:
    """Write `case`'s file into `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    data = engagement_data(case)
    if case.format == "yaml":
        path.write_text(dump_yaml(data), encoding="utf-8")
        text_ops = {"replace_text": _replace_text, **FILE_OPS}
        for edit in case.edits:
            arguments = dict(edit)
            text_ops[arguments.pop("op")](path, **arguments)
        return path
    if case.format != "xlsx":
        raise ValueError(f"{case.id}: unknown format {case.format!r}")
    path.write_bytes(_workbook_bytes(json.dumps(data, sort_keys=True, default=str)))
    cell_edits = [e for e in case.edits if e["op"] in WORKBOOK_OPS]
    if cell_edits:
        book = load_workbook(path)
        _apply(WORKBOOK_OPS, book, cell_edits)
        book.save(path)
    for edit in case.edits:
        if edit["op"] in FILE_OPS:
            arguments = dict(edit)
            FILE_OPS[arguments.pop("op")](path, **arguments)
        elif edit["op"] not in WORKBOOK_OPS:
            raise ValueError(f"{case.id}: unknown edit {edit['op']!r}")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tests.reliability.make_fixtures OUTPUT_FOLDER", file=sys.stderr)
        return 2
    folder = Path(args[0])
    for case in load_catalogue():
        print(build(case, folder))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
