"""The answer workbook of an exercise: what a trainee fills in Excel, what `training check` reads.

One sheet per question of the exercise (the populations mapped, the brakes
seen, the two risks, the levers on Understand / Want / Be able), after a sheet
of instructions that names the trainee and the case. Brakes, levers, pillars
and risk levels are picked from dropdowns listing the method's labels (a
visible reference sheet gives each one's meaning), so a trainee never types a
code. Populations are the trainee's own words: which ones to map is the
exercise, so the workbook does not list the case's.

Reading accepts the sheets and labels in either language. A value the
dropdowns would have refused (pasted, or typed in a spreadsheet that ignores
validation) is a located problem: file, sheet, row, column and what was
expected, every problem of the file at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..files import atomic_path
from ..method import Method
from ..method.brakes import RISK_KINDS
from ..method.levers import PILLARS
from ..text import others, render
from .answer import Vocabulary, fold
from .cases import case_text

# Rows offered for answers on each sheet (a case has a handful of populations).
ROWS = 60
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_TITLE_FONT = Font(bold=True, size=14, color="1F4E79")

# sheet code -> its column codes, in order
SHEETS: dict[str, tuple[str, ...]] = {
    "populations": ("population",),
    "brakes": ("population", "brake"),
    "risks": ("population", *RISK_KINDS),
    "levers": ("population", "pillar", "lever"),
}


def _t(key: str, lang: str, **values: Any) -> str:
    return render(f"answer_book.{key}", lang, **values)


def sheet_title(code: str, lang: str) -> str:
    return _t(f"sheets.{code}", lang)


def column_title(code: str, lang: str, method: Method) -> str:
    if code in RISK_KINDS:
        return method.brakes.risk(code).label.in_(lang)
    return _t(f"columns.{code}", lang)


def is_answer_workbook(sheetnames: list[str]) -> bool:
    """Whether a workbook is an answer workbook (its instructions sheet, in either language)."""
    return any(sheet_title("instructions", lang) in sheetnames for lang in ("fr", "en"))


@dataclass(frozen=True)
class Choices:
    """The labels each dropdown offers, in one language."""

    brakes: list[tuple[str, str]]  # label, description
    pillars: list[str]
    levers: list[tuple[str, str, str]]  # pillar label, label, description
    levels: list[str]

    @classmethod
    def of(cls, method: Method, lang: str) -> Choices:
        pillars = method.levers.pillars
        return cls(
            brakes=[(b.label.in_(lang), b.description.in_(lang)) for b in method.brakes.brakes],
            pillars=[pillars[p].label.in_(lang) for p in PILLARS],
            levers=[(pillars[lever.pillar].label.in_(lang), lever.label.in_(lang),
                     lever.description.in_(lang))
                    for lever in method.levers.levers if lever.scope == "population"],
            levels=[method.text(f"training.risk_levels.{n}", lang) for n in range(4)],
        )


# -------------------------------------------------------------------- writing


def write_answer_workbook(case: str, out_path: str | Path, lang: str, method: Method) -> Path:
    """The blank answer workbook of bundled case `case`, in `lang`, written atomically."""
    book = Workbook()
    choices = Choices.of(method, lang)
    intro = book.active
    assert intro is not None
    intro.title = sheet_title("instructions", lang)
    _instructions(intro, case, lang)
    reference = _reference_sheet(book, choices, lang)
    populations = f"{quote_sheetname(sheet_title('populations', lang))}!$A$2:$A${ROWS + 1}"
    lists: dict[str, str] = {
        "brake": _range(reference, "A", len(choices.brakes)),
        "pillar": _range(reference, "D", len(choices.pillars)),
        "lever": _range(reference, "F", len(choices.levers)),
        **{kind: _range(reference, "I", len(choices.levels)) for kind in RISK_KINDS},
    }
    for code, columns in SHEETS.items():
        ws = book.create_sheet(sheet_title(code, lang))
        for index, column in enumerate(columns, 1):
            cell = ws.cell(1, index, column_title(column, lang, method))
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            ws.column_dimensions[get_column_letter(index)].width = 34 if column != "pillar" else 16
            letter = get_column_letter(index)
            if column == "population" and code != "populations":
                # the trainee's own populations; a warning only, so a row may come first
                _validate(ws, letter, populations, lang, "population", stop=False)
            elif column in lists:
                _validate(ws, letter, lists[column], lang, column)
        ws.freeze_panes = "A2"
    book.move_sheet(reference, offset=len(book.sheetnames))
    for sheet in book.worksheets:  # printed or exported, each sheet one page wide
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    book.properties.title = _t("title", lang, case=case_text(case).title.in_(lang))
    book.properties.creator = "playbook"
    out = Path(out_path)
    with atomic_path(out) as tmp:
        book.save(tmp)
    return out


def _instructions(ws: Worksheet, case: str, lang: str) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    ws.cell(1, 1, _t("title", lang, case=case_text(case).title.in_(lang))).font = _TITLE_FONT
    for row, (key, value) in enumerate(
            [("trainee", None), ("case", case_text(case).title.in_(lang)), ("case_code", case)], 3):
        ws.cell(row, 1, _t(f"fields.{key}", lang)).font = Font(bold=True)
        cell = ws.cell(row, 2, value)
        if key == "trainee":
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
    for row, key in enumerate(("how", "populations", "brakes", "risks", "levers", "reference",
                               "send"), 7):
        text = _t(f"help.{key}", lang)
        cell = ws.cell(row, 1 if key == "how" else 2, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if key == "how":
            cell.font = Font(bold=True)
        else:  # spreadsheets do not all grow a wrapped row: give it its lines
            ws.row_dimensions[row].height = 15 * (1 + len(text) // 95)


def _reference_sheet(book: Workbook, choices: Choices, lang: str) -> Worksheet:
    """Every label a dropdown offers, with what it means (the dropdowns point here)."""
    ws = book.create_sheet(sheet_title("reference", lang))
    heads = {"A": "brake", "B": "description", "D": "pillar", "E": "pillar_of",
             "F": "lever", "G": "description", "I": "level"}
    for letter, key in heads.items():
        cell = ws[f"{letter}1"]
        cell.value = _t(f"reference.{key}", lang)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for row, (label, description) in enumerate(choices.brakes, 2):
        ws[f"A{row}"], ws[f"B{row}"] = label, description
    for row, label in enumerate(choices.pillars, 2):
        ws[f"D{row}"] = label
    for row, (pillar, label, description) in enumerate(choices.levers, 2):
        ws[f"E{row}"], ws[f"F{row}"], ws[f"G{row}"] = pillar, label, description
    for row, label in enumerate(choices.levels, 2):
        ws[f"I{row}"] = label
    for letter, width in {"A": 30, "B": 60, "D": 14, "E": 14, "F": 36, "G": 60, "I": 12}.items():
        ws.column_dimensions[letter].width = width
    for column in ("B", "G"):
        for cell in ws[column]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    return ws


def _range(ws: Worksheet, letter: str, count: int) -> str:
    return f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${count + 1}"


def _validate(ws: Worksheet, letter: str, formula: str, lang: str, column: str,
              stop: bool = True) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                errorStyle="stop" if stop else "warning")
    validation.showErrorMessage = True
    validation.errorTitle = _t("invalid_title", lang)
    validation.error = _t(f"invalid.{column}", lang)[:255]
    ws.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{ROWS + 1}")


# -------------------------------------------------------------------- reading


class _Reader:
    """Reads one answer workbook, collecting every located problem."""

    def __init__(self, path: Path, method: Method, lang: str):
        self.path, self.method, self.lang = path, method, lang
        self.vocab = Vocabulary(method)
        self.problems: list[str] = []
        self.book_lang = lang  # the workbook's own language, for the names of its sheets and lists

    def problem(self, sheet: str, row: int, column: int, found: Any, expected: str) -> None:
        code = next((c for c in SHEETS if sheet in {sheet_title(c, lang) for lang in ("fr", "en")}),
                    "populations")
        header = column_title(SHEETS[code][column - 1], self.lang, self.method)
        self.problems.append(_t(
            "problem", self.lang, file=self.path, sheet=sheet, row=row,
            column=f"{get_column_letter(column)} ({header})",
            found=found if found not in (None, "") else _t("empty", self.lang), expected=expected))

    def sheet(self, book: Any, code: str) -> tuple[str, list[tuple[Any, ...]]] | None:
        for lang in (self.lang, *others(self.lang)):
            title = sheet_title(code, lang)
            if title in book.sheetnames:
                if code == "instructions":
                    self.book_lang = lang
                rows = list(book[title].iter_rows(values_only=True))
                return title, rows
        self.problems.append(_t("missing_sheet", self.lang, file=self.path,
                                sheet=sheet_title(code, self.lang)))
        return None

    def headers(self, title: str, code: str, header: tuple[Any, ...]) -> bool:
        """Whether the header row holds the sheet's columns (either language), else a problem."""
        ok = True
        for index, column in enumerate(SHEETS[code], 1):
            found = header[index - 1] if len(header) >= index else None
            allowed = {fold(column_title(column, lang, self.method)) for lang in ("fr", "en")}
            if fold(str(found or "")) not in allowed:
                self.problem(title, 1, index, found if found is not None else "",
                             _t("expected_header", self.lang,
                                header=column_title(column, self.lang, self.method)))
                ok = False
        return ok

    def read(self) -> dict[str, Any]:
        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise ValueError(_t("unreadable", self.lang)) from None
        try:
            return self._read(book)
        finally:
            book.close()

    def _read(self, book: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"trainee": None, "case": None, "populations": [],
                                "brakes": {}, "risks": {}, "levers": {}}
        intro = self.sheet(book, "instructions")
        if intro is not None:
            fields = {fold(_t(f"fields.{k}", lang)): k for k in ("trainee", "case_code")
                      for lang in ("fr", "en")}
            for row in intro[1]:
                if row and len(row) > 1 and fold(str(row[0] or "")) in fields:
                    value = row[1]
                    data[{"trainee": "trainee", "case_code": "case"}[fields[fold(str(row[0]))]]] = (
                        str(value).strip() if value not in (None, "") else None)
        for code in SHEETS:
            found = self.sheet(book, code)
            if found is None:
                continue
            title, rows = found
            if not rows or not self.headers(title, code, rows[0]):
                continue
            for number, row in enumerate(rows[1:], 2):
                cells = [str(c).strip() if c is not None else "" for c in row]
                cells += [""] * (len(SHEETS[code]) - len(cells))
                if any(cells[:len(SHEETS[code])]):
                    self.row(data, code, title, number, cells)
        return data

    def row(self, data: dict[str, Any], code: str, title: str, number: int,
            cells: list[str]) -> None:
        population = cells[0]
        if not population:
            self.problem(title, number, 1, "", _t("expected_population", self.lang))
            return
        if population not in data["populations"]:
            data["populations"].append(population)
        if code == "brakes":
            brake = self.pick(title, number, 2, cells[1], self.vocab.brake, "brake")
            if brake:
                data["brakes"].setdefault(population, []).append(brake)
        elif code == "risks":
            for index, kind in enumerate(RISK_KINDS, 2):
                if cells[index - 1]:
                    level = self.vocab.level(cells[index - 1])
                    if level is None:
                        self.problem(title, number, index, cells[index - 1],
                                     _t("expected.level", self.lang,
                                        labels=", ".join(Choices.of(self.method, self.book_lang).levels)))
                    else:
                        data["risks"].setdefault(population, {})[kind] = level
        elif code == "levers":
            pillar = self.pick(title, number, 2, cells[1], self.vocab.pillar, "pillar")
            lever = self.pick(title, number, 3, cells[2], self.vocab.lever, "lever")
            if lever:
                pillar = pillar or self.method.levers.lever(lever).pillar
                pillars = data["levers"].setdefault(population, {})
                pillars.setdefault(pillar, []).append(lever)

    def pick(self, title: str, number: int, column: int, text: str,
             resolve: Callable[[str], str | None],
             kind: str) -> str | None:
        """The code a cell's label stands for; a problem when it stands for none."""
        if not text:
            if kind != "pillar":
                self.problem(title, number, column, "", _t(f"expected.{kind}", self.lang,
                                                           sheet=sheet_title("reference", self.book_lang)))
            return None
        code = resolve(text)
        if code is None:
            self.problem(title, number, column, text, _t(f"expected.{kind}", self.lang,
                                                         sheet=sheet_title("reference", self.book_lang)))
        return code


class WorkbookProblems(ValueError):
    """Every problem of one answer workbook, located."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_answer_workbook(path: str | Path, method: Method, lang: str = "en") -> dict[str, Any]:
    """trainee, case and the answer's four parts, in codes; `WorkbookProblems` lists
    every value the workbook's dropdowns would have refused."""
    reader = _Reader(Path(path), method, lang)
    data = reader.read()
    if reader.problems:
        raise WorkbookProblems(reader.problems)
    return data
