"""Write the consultant's intake workbook, empty or filled from an engagement.

The workbook is built from the schema: a README sheet, one sheet per table or
record, bold frozen headers with bilingual comments, dropdowns for every
enumerated or yes/no column (long lists on a hidden `lists` sheet), number
checks, dates formatted as dates. Filled from an engagement, it reads back into
an equal engagement: that is how the example workbooks are produced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..files import atomic_path
from ..model import Engagement
from . import messages as msg
from .headers import column_header, sheet_code, sheet_title
from .schema import SHEETS, SHEETS_BY_NAME, Column, Sheet, snake_case, vocabularies
from .vocabulary import choices, label, shown

ROWS = 1000  # rows of a table sheet covered by dropdowns and checks
_INLINE_LIMIT = 255  # Excel's limit on an inline list formula

_REQUIRED_FILL = PatternFill("solid", fgColor="1F4E79")
_OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="FFFFFF")
_OPTIONAL_FONT = Font(bold=True, color="1F4E79")
_TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
_SECTION_FONT = Font(bold=True, size=11, color="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")

_YES_NO = {"en": ("yes", "no"), "fr": ("oui", "non")}
_DATE_FORMAT = {"en": "yyyy-mm-dd", "fr": "dd/mm/yyyy"}
_WIDTHS = {"name": 24, "text": 48, "names": 34, "date": 13, "bool": 11, "int": 12, "float": 12}

# key -> language -> a label, or the lines and rows of a README part (Any: read as each is)
_TEXT: dict[str, dict[str, Any]] = {
    "title": {
        "en": "CRM change management: intake workbook",
        "fr": "Accompagnement du changement CRM : classeur de recueil",
    },
    "client": {"en": "Client: {client}", "fr": "Client : {client}"},
    "how": {"en": "How to fill this workbook", "fr": "Comment remplir ce classeur"},
    "rules": {
        "en": [
            "One sheet per table, one row per record; row 1 holds the column names: do not rename them.",
            "Sheets 'engagement' and 'training' hold one value per row: fill column B.",
            "Dark headers are required; light headers are optional (an empty cell takes the default).",
            "Point at a header to read what the column means; dropdowns list the allowed codes (the French labels are accepted too).",
            "Several names in one cell: separate them with ';' or line breaks.",
            "Yes/no columns accept yes/no, oui/non, true/false, 1/0, x or empty (the default).",
            "Dates: Excel dates, or text such as 2026-03-15, 15/03/2026, 15 mars 2026 or 15 March 2026.",
            "Names are keys: a population, a lot or a persona must be written the same way everywhere.",
            "Check the workbook at any time with: playbook validate <this file>",
        ],
        "fr": [
            "Une feuille par tableau, une ligne par enregistrement ; la ligne 1 porte les noms de colonnes : ne pas les renommer.",
            "Les feuilles 'engagement' et 'training' portent une valeur par ligne : remplir la colonne B.",
            "En-têtes foncés : obligatoires ; en-têtes clairs : facultatifs (une cellule vide prend la valeur par défaut).",
            "Survoler un en-tête pour lire le sens de la colonne ; les listes déroulantes proposent les libellés admis (les codes anglais sont acceptés aussi).",
            "Plusieurs noms dans une cellule : les séparer par « ; » ou des retours à la ligne.",
            "Les colonnes oui/non acceptent oui/non, yes/no, vrai/faux, 1/0, x ou vide (valeur par défaut).",
            "Dates : dates Excel, ou texte tel que 15/03/2026, 2026-03-15 ou 15 mars 2026.",
            "Les noms sont des clés : une population, un lot ou un persona s'écrit partout de la même façon.",
            "Vérifier le classeur à tout moment avec : playbook validate <ce fichier>",
        ],
    },
    "sheets": {"en": "Sheets", "fr": "Feuilles"},
    "scale": {
        "en": "Impact intensity scale (sheet 'impacts')",
        "fr": "Échelle d'intensité des impacts (feuille 'impacts')",
    },
    "scale_rows": {
        "en": [
            ("0", "No change for this population on this dimension."),
            ("1", "Low: a few habits change; a short briefing is enough."),
            ("2", "Medium: daily work changes noticeably; training and support are needed."),
            (
                "3",
                "High: the job, tool or culture changes deeply; expect resistance, plan strong support.",
            ),
        ],
        "fr": [
            ("0", "Aucun changement pour cette population sur cette dimension."),
            ("1", "Faible : quelques habitudes changent ; une information suffit."),
            (
                "2",
                "Moyen : le quotidien change nettement ; formation et accompagnement nécessaires.",
            ),
            (
                "3",
                "Fort : le métier, l'outil ou la culture changent en profondeur ; résistances probables, accompagnement fort.",
            ),
        ],
    },
    "values": {
        "en": "Allowed values (codes to type or pick, or their labels)",
        "fr": "Valeurs admises (libellé à choisir, ou son code)",
    },
    "values_header": {
        "en": ("List", "Code", "Meaning", "Used in"),
        "fr": ("Liste", "Code", "Signification", "Utilisée dans"),
    },
    "record_header": {
        "en": ("field", "value", "description"),
        "fr": ("champ", "valeur", "description"),
    },
    "required": {"en": "Required", "fr": "Obligatoire"},
    "optional": {"en": "Optional, default: {default}", "fr": "Facultatif, par défaut : {default}"},
    "invalid_title": {"en": "Value not accepted", "fr": "Valeur non admise"},
}


def write_intake_template(
    out_path: str | Path, engagement: Engagement | None = None, lang: str = "en"
) -> Path:
    """Write the intake workbook to `out_path` (atomically) and return its path."""
    if lang not in ("en", "fr"):
        raise ValueError(f"unsupported language {lang!r}")
    book = Workbook()
    readme = book.active
    readme.title = "README"
    lists = _Lists(book)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet_title(sheet.name, lang))
        if sheet.shape == "table":
            _write_table(ws, sheet, _records(engagement, sheet), lang, lists)
        else:
            _write_record(ws, sheet, engagement, lang, lists)
    _write_readme(readme, engagement, lang)
    for ws in book.worksheets:
        _fit_to_page_width(ws)
    book.move_sheet(lists.ws, offset=len(book.sheetnames))
    book.properties.title = _TEXT["title"][lang]
    book.properties.creator = "playbook"
    return _save_atomically(book, Path(out_path))


def _fit_to_page_width(ws: Worksheet) -> None:
    """Printed or exported to PDF, each sheet is one page wide, in landscape."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _save_atomically(book: Workbook, out: Path) -> Path:
    """Never leave a half-written workbook where a consultant expects a good one.

    Written like every other output (`atomic_path`): complete or not at all,
    with the permissions the umask gives an ordinary file.
    """
    with atomic_path(out) as tmp:
        book.save(tmp)
    return out


# -- cells ------------------------------------------------------------------------


def _cell_value(column: Column, value: Any, lang: str) -> Any:
    value = getattr(value, "value", value)  # enum -> code
    if value is None or value == "" or value == []:
        return None
    if column.kind == "enum" and isinstance(value, str):
        return shown(column.vocabulary_key, value, lang)  # the dropdown's own wording
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if isinstance(value, list):
        # Names never hold line breaks (they are normalised), so a break always splits safely.
        separator = "\n" if any(";" in name for name in value) else "; "
        return separator.join(value)
    return value


def _put(ws: Worksheet, row: int, col: int, column: Column, value: Any, lang: str) -> None:
    cell = ws.cell(row, col)
    cell.value = _cell_value(column, value, lang)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text such as "=> better service", not a formula
    if column.kind == "date":
        cell.number_format = _DATE_FORMAT[lang]
    elif column.is_share:
        cell.number_format = "0%"
    if column.kind in ("text", "names"):
        cell.alignment = _WRAP
    else:
        cell.alignment = _TOP


def _comment(column: Column, lang: str) -> Comment:
    status = (
        _TEXT["required"][lang]
        if column.required
        else _TEXT["optional"][lang].format(default=msg.format_default(column, lang))
    )
    text = (
        f"{column.name}\n"
        f"EN: {column.help_en}\n"
        f"FR: {column.help_fr}\n"
        f"{status}. {msg.expected(column, lang)[:1].upper()}{msg.expected(column, lang)[1:]}."
    )
    comment = Comment(text, "playbook")
    comment.width = 320
    comment.height = 60 + 16 * (text.count("\n") + len(text) // 45)
    return comment


# -- validation -------------------------------------------------------------------


class _Lists:
    """The hidden sheet that holds the lists too long for an inline dropdown (the
    workbook's own when it has one), and the tabs dropdowns point at."""

    def __init__(self, book: Workbook):
        self.columns: dict[str, str] = {}
        self.tabs = {sheet_code(title): title for title in book.sheetnames}
        if "lists" in book.sheetnames:  # a workbook written before: its lists are kept
            self.ws = book["lists"]
            for cell in self.ws[1]:
                if cell.value:
                    letter = cell.column_letter
                    last = max((c.row for c in self.ws[letter] if c.value not in (None, "")),
                               default=1)
                    self.columns[str(cell.value)] = f"lists!${letter}$2:${letter}${last}"
            return
        self.ws = book.create_sheet("lists")
        self.ws.sheet_state = "hidden"

    def tab(self, sheet: str, lang: str) -> str:
        """The tab of `sheet`: as the workbook names it, else in `lang`."""
        return self.tabs.get(sheet) or sheet_title(sheet, lang)

    def reference(self, key: str, values: list[str]) -> str:
        if key not in self.columns:
            col = len(self.columns) + 1
            self.ws.cell(1, col, key).font = Font(bold=True)
            for i, value in enumerate(values, start=2):
                cell = self.ws.cell(i, col, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # a name such as "=Nord", not a formula
            letter = get_column_letter(col)
            self.columns[key] = f"lists!${letter}$2:${letter}${len(values) + 1}"
        return self.columns[key]


def _validation(column: Column, lang: str, lists: _Lists) -> DataValidation | None:
    error = msg.expected(column, lang)
    if column.kind == "enum":
        offered = choices(column.vocabulary_key, column.codes, lang)
        inline = '"' + ",".join(offered) + '"'
        formula = (
            inline
            if len(inline) <= _INLINE_LIMIT and not any("," in c or '"' in c for c in offered)
            else lists.reference(column.vocabulary_key, offered)
        )
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    elif column.kind == "bool":
        validation = DataValidation(
            type="list", formula1='"' + ",".join(_YES_NO[lang]) + '"', allow_blank=True
        )
    elif column.references and column.kind == "name":
        # Pick a name already typed in the referenced sheet; a warning, not a stop,
        # so a row can be filled before its population is.
        formula = f"{quote_sheetname(lists.tab(column.references, lang))}!$A$2:$A${ROWS}"
        validation = DataValidation(
            type="list", formula1=formula, allow_blank=True, errorStyle="warning"
        )
    elif column.kind in ("int", "float"):
        kind = "whole" if column.kind == "int" else "decimal"
        low = column.gt if column.gt is not None else column.ge
        if low is not None and column.le is not None:
            validation = DataValidation(
                type=kind, operator="between", formula1=_num(low), formula2=_num(column.le)
            )
        elif column.gt is not None:
            validation = DataValidation(type=kind, operator="greaterThan", formula1=_num(column.gt))
        elif column.ge is not None:
            validation = DataValidation(
                type=kind, operator="greaterThanOrEqual", formula1=_num(column.ge)
            )
        else:
            return None
        validation.allow_blank = True
    else:
        return None
    validation.showErrorMessage = True
    validation.errorTitle = _TEXT["invalid_title"][lang]
    validation.error = error[:255]
    return validation


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# -- sheets -------------------------------------------------------------------------


def _records(engagement: Engagement | None, sheet: Sheet) -> list[Any]:
    if engagement is None:
        return []
    value: Any = engagement
    for part in sheet.path:
        value = getattr(value, part)
    return list(value)


def _header(ws: Worksheet, row: int, col: int, value: str, column: Column, lang: str) -> None:
    cell = ws.cell(row, col, value)
    cell.font = _REQUIRED_FONT if column.required else _OPTIONAL_FONT
    cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
    cell.alignment = Alignment(vertical="center")
    cell.comment = _comment(column, lang)


def _width(column: Column, lang: str, header: str = "") -> int:
    if column.kind == "enum":
        base = max(len(c) for c in choices(column.vocabulary_key, column.codes, lang)) + 5
    else:
        base = _WIDTHS[column.kind]
    return max(base, len(header or column.name) + 4)


def replace_table(book: Workbook, name: str, records: list[Any], lang: str) -> Worksheet:
    """Table sheet `name` of an existing workbook written anew with `records`, in
    the template's layout (headers, help, dropdowns), at its place among the tabs
    and under its own tab name; every other sheet is left as it was."""
    sheet = SHEETS_BY_NAME[name]
    lists = _Lists(book)
    title = lists.tab(name, lang)
    if title == name != sheet_title(name, "fr"):
        lang = "en"  # a workbook made in English keeps English headers and dropdowns
    order = [s.name for s in SHEETS]
    if title in book.sheetnames:
        index = book.sheetnames.index(title)
        del book[title]
    else:  # after the sheets that come before it in the template, before `lists`
        before = {lists.tabs[s] for s in order[: order.index(name)] if s in lists.tabs}
        index = max((i + 1 for i, t in enumerate(book.sheetnames) if t in before),
                    default=len(book.sheetnames))
    ws = book.create_sheet(title, index)
    _write_table(ws, sheet, records, lang, lists)
    _fit_to_page_width(ws)
    return ws


def _write_table(
    ws: Worksheet, sheet: Sheet, records: list[Any], lang: str, lists: _Lists
) -> None:
    for col, column in enumerate(sheet.columns, start=1):
        header = column_header(sheet.name, column.name, lang)
        _header(ws, 1, col, header, column, lang)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = _width(column, lang, header)
        validation = _validation(column, lang, lists)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{ROWS}")
    for row, record in enumerate(records, start=2):
        for col, column in enumerate(sheet.columns, start=1):
            _put(ws, row, col, column, getattr(record, column.path[-1]), lang)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}1"


def _record_value(engagement: Engagement | None, column: Column, lang: str) -> Any:
    if engagement is None:
        if column.name == "language":
            return lang
        if column.kind in ("text", "name", "names"):
            return None  # an empty cell takes the default, in the deliverables' language
        return column.default
    value: Any = engagement
    for part in column.path:
        value = getattr(value, part)
    return value


def _write_record(
    ws: Worksheet, sheet: Sheet, engagement: Engagement | None, lang: str, lists: _Lists
) -> None:
    for col, title in enumerate(_TEXT["record_header"][lang], start=1):
        cell = ws.cell(1, col, title)
        cell.font = _REQUIRED_FONT
        cell.fill = _REQUIRED_FILL
    for row, column in enumerate(sheet.columns, start=2):
        _header(ws, row, 1, column_header(sheet.name, column.name, lang), column, lang)
        _put(ws, row, 2, column, _record_value(engagement, column, lang), lang)
        help_cell = ws.cell(row, 3, column.help(lang))
        help_cell.alignment = _WRAP
        validation = _validation(column, lang, lists)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"B{row}")
    ws.column_dimensions["A"].width = max(
        len(column_header(sheet.name, c.name, lang)) for c in sheet.columns) + 4
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = "B2"


def _write_readme(ws: Worksheet, engagement: Engagement | None, lang: str) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 44
    ws.column_dimensions["D"].width = 44
    row = 1

    def long_text(text: str) -> None:
        """Text across B:D (the README is never read back, so merging is harmless)."""
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        cell = ws.cell(row, 2, text)
        cell.alignment = _WRAP
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 105)

    ws.cell(row, 1, _TEXT["title"][lang]).font = _TITLE_FONT
    if engagement is not None:
        row += 1
        ws.cell(row, 1, _TEXT["client"][lang].format(client=engagement.client))

    def section(title: str) -> None:
        nonlocal row
        row += 2
        ws.cell(row, 1, title).font = _SECTION_FONT

    section(_TEXT["how"][lang])
    for rule in _TEXT["rules"][lang]:
        row += 1
        ws.cell(row, 1, "•").alignment = Alignment(horizontal="right", vertical="top")
        long_text(rule)

    section(_TEXT["sheets"][lang])
    for sheet in SHEETS:
        row += 1
        name = ws.cell(row, 1, sheet_title(sheet.name, lang))
        name.font = Font(bold=True)
        name.alignment = _TOP
        long_text(sheet.help(lang))

    section(_TEXT["scale"][lang])
    for value, meaning in _TEXT["scale_rows"][lang]:
        row += 1
        ws.cell(row, 1, int(value)).alignment = Alignment(horizontal="left", vertical="top")
        long_text(meaning)

    section(_TEXT["values"][lang])
    row += 1
    for col, title in enumerate(_TEXT["values_header"][lang], start=1):
        ws.cell(row, col, title).font = Font(bold=True)
    for vocabulary in vocabularies():
        key = snake_case(vocabulary.__name__)
        used = ", ".join(
            f"{sheet_title(s.name, lang)}.{column_header(s.name, c.name, lang)}"
            for s in SHEETS for c in s.columns if c.vocabulary is vocabulary
        )
        for i, code in enumerate(vocabulary.codes()):
            row += 1
            if i == 0:
                ws.cell(row, 1, key).font = Font(bold=True)
                ws.cell(row, 4, used).alignment = _WRAP
            ws.cell(row, 2, code)
            ws.cell(row, 3, label(key, code, lang))
