"""Reading the intake workbook: what a consultant gets wrong is reported, located.

Every broken variant starts from a valid workbook (the minimal engagement of
`tests/factories.py`, written by the template writer) and breaks one thing the
way a consultant would in Excel. `playbook validate` must exit with status 2
and name the exact sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from playbook.cli import main
from playbook.errors import IntakeError
from playbook.intake import load_engagement, read_intake

from .helpers import column_of, edit_workbook, set_cell, set_field


def _delete_sheet(name: str) -> Callable[[Path], None]:
    return lambda path: edit_workbook(path, lambda book: book.remove(book[name]))


def _rename_header(sheet: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(book: Workbook) -> None:
        ws = book[sheet]
        ws.cell(1, column_of(ws, old), new)

    return lambda path: edit_workbook(path, edit)


def _merge(sheet: str, cells: str) -> Callable[[Path], None]:
    return lambda path: edit_workbook(path, lambda book: book[sheet].merge_cells(cells))


def _delete_field_row(sheet: str, field: str) -> Callable[[Path], None]:
    def edit(book: Workbook) -> None:
        ws = book[sheet]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == field)
        ws.delete_rows(row)

    return lambda path: edit_workbook(path, edit)


# (case, how the workbook is broken, where the problem must be reported, what it says)
BROKEN: list[tuple[str, Callable[[Path], object], str, str]] = [
    (
        "headcount in words",
        lambda p: set_cell(p, "populations", 3, "headcount", "douze"),
        "sheet 'populations', row 3, column E (headcount)",
        "not a whole number (found 'douze'); expected a whole number > 0",
    ),
    (
        "zero headcount",
        lambda p: set_cell(p, "populations", 2, "headcount", 0),
        "sheet 'populations', row 2, column E (headcount)",
        "value out of range (found 0); expected a whole number > 0",
    ),
    (
        "negative headcount",
        lambda p: set_cell(p, "populations", 4, "headcount", -5),
        "sheet 'populations', row 4, column E (headcount)",
        "value out of range (found -5)",
    ),
    (
        "value outside the dropdown",
        lambda p: set_cell(p, "populations", 2, "buy_in", "hostile"),
        "sheet 'populations', row 2, column H (buy_in)",
        "value not in the list (found 'hostile'); expected one of: enthusiastic, favourable, neutral, reluctant, resistant",
    ),
    (
        "yes/no column with other text",
        lambda p: set_cell(p, "populations", 3, "crm_user", "sometimes"),
        "sheet 'populations', row 3, column F (crm_user)",
        "not a yes/no value (found 'sometimes')",
    ),
    (
        "duplicate population name",
        lambda p: set_cell(p, "populations", 4, "name", "agency advisers"),
        "sheet 'populations', row 4, column A (name)",
        "duplicate population name (already used in row 2)",
    ),
    (
        "impact on an unknown population",
        lambda p: set_cell(p, "impacts", 3, "population", "Call centre"),
        "sheet 'impacts', row 3, column A (population)",
        "unknown population 'Call centre'",
    ),
    (
        "lot naming an unknown population",
        lambda p: set_cell(p, "lots", 3, "populations", "Agency advisers; Drivers"),
        "sheet 'lots', row 3, column C (populations)",
        "unknown population 'Drivers'",
    ),
    (
        "go-live before kickoff",
        lambda p: set_cell(p, "lots", 2, "go_live", dt.datetime(2025, 12, 1)),
        "sheet 'lots', row 2, column F (go_live)",
        "go-live must come after the kickoff (2026-01-12)",
    ),
    (
        "date in words that is no date",
        lambda p: set_field(p, "engagement", "kickoff", "early January"),
        "sheet 'engagement', row 6, column B (kickoff)",
        "not a date (found 'early January'); expected a date such as 2026-03-15 or 15/03/2026",
    ),
    (
        "COPIL cadence of zero weeks",
        lambda p: set_field(p, "engagement", "copil_every_weeks", 0),
        "sheet 'engagement', row 24, column B (copil_every_weeks)",
        "value out of range (found 0); expected a whole number from 1 to 12",
    ),
    (
        "required field left empty",
        lambda p: set_field(p, "engagement", "client", "   "),
        "sheet 'engagement', row 2, column B (client)",
        "required value is missing",
    ),
    (
        "required field row deleted",
        _delete_field_row("engagement", "kickoff"),
        "sheet 'engagement' (kickoff)",
        "the row 'kickoff' is missing",
    ),
    (
        "missing sheet",
        _delete_sheet("populations"),
        "sheet 'populations'",
        "sheet 'populations' is missing",
    ),
    (
        "renamed column",
        _rename_header("populations", "headcount", "head count (people)"),
        "sheet 'populations', row 1",
        "column 'headcount' is missing",
    ),
    (
        "formula without a saved result",
        lambda p: set_cell(p, "populations", 2, "headcount", "=SUM(10,2)"),
        "sheet 'populations', row 2, column E (headcount)",
        "formula with no saved result",
    ),
    (
        "merged cells",
        _merge("populations", "D2:D3"),
        "sheet 'populations', row 2, column D (territory)",
        "merged cells D2:D3",
    ),
    (
        "blackout ending before it starts",
        lambda p: edit_workbook(p, _blackout_backwards),
        "sheet 'blackouts', row 2",
        "blackout ends before it starts",
    ),
]


def _blackout_backwards(book: Workbook) -> None:
    ws = book["blackouts"]
    ws.append([dt.date(2026, 8, 20), dt.date(2026, 8, 1), "Summer"])


@pytest.mark.parametrize(
    ("case", "break_it", "where", "message"), BROKEN, ids=[c[0] for c in BROKEN]
)
def test_a_broken_workbook_is_refused_with_the_exact_place(
    valid_xlsx: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    break_it,
    where: str,
    message: str,
) -> None:
    break_it(valid_xlsx)

    status = main(["validate", str(valid_xlsx)])

    err = capsys.readouterr().err
    assert status == 2
    assert f"  - {where}: {message}" in err, err


def test_the_valid_base_workbook_is_accepted(valid_xlsx: Path, minimal_engagement) -> None:
    assert load_engagement(valid_xlsx) == minimal_engagement


def test_three_independent_errors_are_reported_together(valid_xlsx: Path) -> None:
    set_cell(valid_xlsx, "populations", 3, "headcount", "douze")
    set_cell(valid_xlsx, "impacts", 4, "dimension", "mood")
    set_field(valid_xlsx, "engagement", "kickoff", "someday")

    with pytest.raises(IntakeError) as caught:
        load_engagement(valid_xlsx)

    assert [p.where for p in caught.value.errors] == [
        "sheet 'engagement', row 6, column B (kickoff)",
        "sheet 'populations', row 3, column E (headcount)",
        "sheet 'impacts', row 4, column B (dimension)",
    ]


def test_a_rejected_population_does_not_make_its_impacts_errors_too(valid_xlsx: Path) -> None:
    set_cell(valid_xlsx, "populations", 4, "headcount", "douze")  # Back-office assistants

    with pytest.raises(IntakeError) as caught:
        load_engagement(valid_xlsx)

    assert len(caught.value.errors) == 1, caught.value


def test_an_unknown_extra_column_is_a_warning_not_an_error(valid_xlsx: Path) -> None:
    set_cell(valid_xlsx, "populations", 1, "name", "name")  # keep the header
    edit_workbook(valid_xlsx, lambda book: book["populations"].cell(1, 30, "notes from HR"))

    report = read_intake(valid_xlsx)

    assert [(w.where, w.message) for w in report.warnings] == [
        (
            "sheet 'populations', row 1, column AD (notes from HR)",
            "unknown column 'notes from HR': ignored",
        )
    ]


def test_a_renamed_column_is_named_both_as_unknown_and_as_missing(valid_xlsx: Path) -> None:
    _rename_header("populations", "headcount", "staff count")(valid_xlsx)

    with pytest.raises(IntakeError) as caught:
        load_engagement(valid_xlsx)

    problems = [(p.severity, p.where, p.message) for p in caught.value.problems]
    assert (
        "warning",
        "sheet 'populations', row 1, column E (staff count)",
        "unknown column 'staff count': ignored",
    ) in problems
    assert ("error", "sheet 'populations', row 1", "column 'headcount' is missing") in problems
    assert len(caught.value.errors) == 1  # not once more per row


def test_names_with_non_breaking_and_trailing_spaces_are_the_same_names(valid_xlsx: Path) -> None:
    set_cell(valid_xlsx, "populations", 2, "name", "  Agency\u00a0advisers\u202f")
    set_cell(valid_xlsx, "impacts", 2, "population", "Agency  advisers ")

    engagement = load_engagement(valid_xlsx)

    assert engagement.populations[0].name == "Agency advisers"
    assert engagement.impacts[0].population == "Agency advisers"


def test_dates_typed_as_french_or_iso_text_are_read(valid_xlsx: Path) -> None:
    set_field(valid_xlsx, "engagement", "kickoff", "12 janvier 2026")
    set_cell(valid_xlsx, "lots", 2, "design_start", "2026-02-02")
    set_cell(valid_xlsx, "lots", 2, "acceptance_start", "06/04/2026")
    set_cell(valid_xlsx, "lots", 2, "go_live", "18 May 2026")

    engagement = load_engagement(valid_xlsx)

    assert engagement.engagement.kickoff == dt.date(2026, 1, 12)
    lot = engagement.lots[0]
    assert (lot.design_start, lot.acceptance_start, lot.go_live) == (
        dt.date(2026, 2, 2),
        dt.date(2026, 4, 6),
        dt.date(2026, 5, 18),
    )


def test_empty_rows_between_records_are_ignored(valid_xlsx: Path, minimal_engagement) -> None:
    edit_workbook(valid_xlsx, lambda book: book["populations"].insert_rows(3, amount=2))

    assert load_engagement(valid_xlsx).populations == minimal_engagement.populations


def test_consultant_spellings_of_yes_no_numbers_and_codes_are_accepted(valid_xlsx: Path) -> None:
    set_cell(valid_xlsx, "populations", 2, "crm_user", "oui")
    set_cell(valid_xlsx, "populations", 2, "shares_data_across_departments", "x")
    set_cell(valid_xlsx, "populations", 2, "headcount", "1\u00a0200")
    set_cell(valid_xlsx, "populations", 2, "level", "Team leader")

    population = load_engagement(valid_xlsx).populations[0]

    assert population.crm_user is True
    assert population.shares_data_across_departments is True
    assert population.headcount == 1200
    assert population.level.value == "team_leader"


def test_a_formula_with_a_saved_result_is_read_as_its_value(valid_xlsx: Path) -> None:
    # A workbook saved by Excel keeps both the formula and its result; openpyxl
    # cannot compute, so the saved result is simulated on the value the reader sees.
    set_cell(valid_xlsx, "populations", 2, "headcount", 48)
    assert load_engagement(valid_xlsx).populations[0].headcount == 48


def test_messages_follow_the_engagement_language(valid_xlsx: Path) -> None:
    set_field(valid_xlsx, "engagement", "language", "fr")
    set_cell(valid_xlsx, "populations", 3, "headcount", "douze")

    with pytest.raises(IntakeError) as caught:
        load_engagement(valid_xlsx)

    text = str(caught.value)
    assert "feuille 'populations', ligne 3, colonne E (headcount) : pas un nombre entier" in text
    assert "attendu : un nombre entier > 0" in text


@pytest.mark.parametrize(("country", "said"), [
    ("ZZ", "code pays inconnu (attendu : un code ISO 3166 tel que FR, GB, DE, ou une région telle "
           "que GB-ENG, FR-57 ; trouvé 'ZZ')"),
    ("FR-999", "région '999' inconnue pour FR (connues : 57,"),
])
def test_an_unknown_country_or_region_is_said_in_the_engagement_language(
        valid_xlsx: Path, country: str, said: str) -> None:
    set_field(valid_xlsx, "engagement", "language", "fr")
    set_field(valid_xlsx, "engagement", "country", country)

    with pytest.raises(IntakeError) as caught:
        load_engagement(valid_xlsx)

    (problem,) = caught.value.problems
    assert said in problem.message and "unknown" not in problem.message


# -- files that are not workbooks --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "the file is empty"),
        (
            "report.xlsx",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            "this file is a PDF, not an Excel workbook",
        ),
        (
            "locked.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            "the workbook is password-protected",
        ),
        ("notes.xlsx", b"Population;Headcount\nSales;12\n", "not an Excel workbook (.xlsx)"),
        ("truncated.xlsx", b"PK\x03\x04" + b"\0" * 64, "not an Excel workbook (.xlsx)"),
        ("engagement.csv", b"a,b\n", "unsupported file type '.csv'"),
        ("engagement.xls", b"\xd0\xcf\x11\xe0", "old Excel format (.xls)"),
    ],
)
def test_a_file_that_is_not_a_workbook_gets_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    status = main(["validate", str(path)])

    err = capsys.readouterr().err
    assert status == 2
    assert f"  - file: {message}" in err
    assert "Traceback" not in err


def test_a_missing_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere.xlsx")]) == 2
    assert "file: file not found" in capsys.readouterr().err


def test_a_workbook_older_than_its_optional_rows_gets_one_warning_per_sheet(valid_xlsx: Path) -> None:
    """A workbook made before three budget fields existed: one warning names all three.

    One line per absent field would bury, under the fields added since, the
    warnings a consultant must act on.
    """
    for field in ("external_days", "external_day_rate", "material_cost"):
        _delete_field_row("engagement", field)(valid_xlsx)
    problems = read_intake(valid_xlsx, lang="en").warnings
    about = [p for p in problems if "external_day" in p.message or "material_cost" in p.message]
    assert len(about) == 1
    assert about[0].severity == "warning"
    assert about[0].message.startswith("3 rows are missing: their defaults are used (")
    for field in ("external_days", "external_day_rate", "material_cost"):
        assert repr(field) in about[0].message
