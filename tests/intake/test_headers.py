"""A French workbook is French down to its tabs and headers, and either
language's names read back as the same columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from playbook.intake import load_engagement, write_intake_template
from playbook.intake.headers import _names, column_header, sheet_title
from playbook.intake.schema import SHEETS
from playbook.intake.vocabulary import folded

REPOSITORY = Path(__file__).resolve().parents[2]
FRENCH_EXAMPLE = REPOSITORY / "playbook" / "examples" / "mutuelle_horizon.yaml"


def test_every_sheet_and_column_has_a_french_name_of_its_own() -> None:
    assert set(_names()["sheets"]) == {sheet.name for sheet in SHEETS}
    for sheet in SHEETS:
        names = [folded(column_header(sheet.name, c, "fr")) for c in sheet.column_names]
        assert all(c in _names()["columns"] for c in sheet.column_names), sheet.name
        assert len(set(names)) == len(names), sheet.name  # no two columns share a name
        for column, name in zip(sheet.column_names, names, strict=True):
            assert name not in set(sheet.column_names) - {column}, (sheet.name, column)
    titles = [sheet_title(s.name, "fr") for s in SHEETS]
    assert len(set(map(folded, titles))) == len(titles)
    assert all(len(title) <= 31 for title in titles)  # Excel's limit


def test_a_blank_french_workbook_is_french_with_no_english_pre_filled(tmp_path: Path) -> None:
    path = write_intake_template(tmp_path / "vide.xlsx", lang="fr")

    book = load_workbook(path)
    assert "Populations" in book.sheetnames and "Mission" in book.sheetnames
    assert "populations" not in book.sheetnames
    headers = [cell.value for cell in book["Populations"][1]]
    assert headers[:5] == ["nom", "fonction", "niveau hiérarchique", "territoire", "effectif"]
    values = {row[0]: row[1] for row in book["Mission"].iter_rows(min_row=2, values_only=True)}
    assert values["langue"] == "Français"
    assert values["confidentialité"] is None  # no "Confidential" to correct
    english = {"Confidential", "EUR", "yes", "no"}
    assert not english & {v for v in values.values() if isinstance(v, str)}


@pytest.fixture(scope="module")
def french_workbook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("headers")
    return write_intake_template(folder / "lemoine.xlsx", load_engagement(FRENCH_EXAMPLE),
                                 lang="fr")


def test_a_french_workbook_reads_back_as_the_engagement(french_workbook: Path) -> None:
    assert load_engagement(french_workbook) == load_engagement(FRENCH_EXAMPLE)


def test_english_codes_and_french_names_mix_in_one_workbook(french_workbook: Path,
                                                            tmp_path: Path) -> None:
    book = load_workbook(french_workbook)
    book["Indicateurs"].title = "kpis"  # a tab renamed to its code
    ws = book["Populations"]
    for cell in ws[1]:
        if cell.value == "effectif":
            cell.value = "Headcount"  # and a header typed in English
        if cell.value == "adhésion":
            cell.value = "ADHESION"  # or without its accent
    mixed = tmp_path / "mixed.xlsx"
    book.save(mixed)

    assert load_engagement(mixed) == load_engagement(FRENCH_EXAMPLE)


def test_an_error_names_the_tab_and_header_the_consultant_sees(french_workbook: Path,
                                                               tmp_path: Path) -> None:
    from playbook.errors import IntakeError

    book = load_workbook(french_workbook)
    ws = book["Populations"]
    column = [c.value for c in ws[1]].index("effectif") + 1
    ws.cell(2, column, "douze")
    broken = tmp_path / "broken.xlsx"
    book.save(broken)

    with pytest.raises(IntakeError) as caught:
        load_engagement(broken)
    assert "feuille 'Populations', ligne 2, colonne E (effectif)" in str(caught.value)
