"""The intake workbook a consultant fills: lossless, guided, and openable anywhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from playbook.intake import load_engagement, write_intake_template
from playbook.intake.schema import SHEETS
from playbook.model import Engagement

from .helpers import set_cell, tab

EXAMPLES = sorted((Path(__file__).parents[2] / "playbook" / "examples").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_yaml_to_workbook_to_model_is_lossless(
    tmp_path: Path, rich_engagement: Engagement, lang: str
) -> None:
    path = write_intake_template(tmp_path / "rich.xlsx", rich_engagement, lang=lang)

    assert load_engagement(path) == rich_engagement


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_example_engagements_survive_the_workbook(tmp_path: Path, example: Path) -> None:
    engagement = load_engagement(example)

    path = write_intake_template(
        tmp_path / f"{example.stem}.xlsx", engagement, lang=engagement.language
    )

    assert load_engagement(path) == engagement


def test_every_sheet_of_the_schema_is_written_with_its_columns(tmp_path: Path) -> None:
    book = load_workbook(write_intake_template(tmp_path / "blank.xlsx"))

    assert book.sheetnames == ["README", *(s.name for s in SHEETS), "lists"]
    assert book["lists"].sheet_state == "hidden"
    for sheet in SHEETS:
        ws = book[sheet.name]
        if sheet.shape == "table":
            assert [c.value for c in ws[1]] == sheet.column_names
            assert ws.freeze_panes == "A2"
            assert all(c.font.b for c in ws[1])
        else:
            assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == sheet.column_names


def _validations(ws) -> dict[str, str]:
    """Top-left cell of each validated range -> its formula."""
    found = {}
    for validation in ws.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord.split(":")[0]] = validation.formula1 or ""
    return found


def test_enumerated_and_yes_no_columns_have_dropdowns(tmp_path: Path) -> None:
    book = load_workbook(write_intake_template(tmp_path / "blank.xlsx", lang="fr"))

    populations = _validations(tab(book, "populations"))
    # A French workbook offers French labels; the reader takes them back to codes.
    assert populations["C2"] == '"Direction,Manager,Chef d\'équipe,Collaborateur"'  # level
    assert populations["F2"] == '"oui,non"'  # crm_user
    assert populations["H2"] == '"Enthousiaste,Favorable,Neutre,Réticent,Résistant"'  # buy_in
    impacts = _validations(tab(book, "impacts"))
    assert impacts["A2"] == "'Populations'!$A$2:$A$1000"  # pick an existing population
    assert impacts["B2"].startswith('"Métier et processus,Outil,Culture,')
    engagement = _validations(tab(book, "engagement"))
    assert engagement["B4"] == '"Français,Anglais"'  # language
    english = load_workbook(write_intake_template(tmp_path / "en.xlsx", lang="en"))
    assert _validations(english["populations"])["H2"] == (
        '"enthusiastic,favourable,neutral,reluctant,resistant"')
    for sheet in SHEETS:
        ws = tab(book, sheet.name)
        validated = _validations(ws)
        for index, column in enumerate(sheet.columns):
            if column.kind in ("enum", "bool"):
                cell = f"{chr(ord('A') + index)}2" if sheet.shape == "table" else f"B{index + 2}"
                assert cell in validated, f"{sheet.name}.{column.name} has no dropdown"


def test_headers_explain_their_column_in_both_languages(tmp_path: Path) -> None:
    ws = load_workbook(write_intake_template(tmp_path / "blank.xlsx"))["populations"]

    comment = ws["E1"].comment.text  # headcount
    assert "EN: Number of people." in comment
    assert "FR: Nombre de personnes." in comment
    assert "A whole number > 0" in comment


def test_dates_are_written_as_dates(tmp_path: Path, rich_engagement: Engagement) -> None:
    ws = tab(load_workbook(write_intake_template(tmp_path / "rich.xlsx", rich_engagement,
                                                 lang="fr")), "lots")

    assert ws["F2"].is_date
    assert ws["F2"].number_format == "dd/mm/yyyy"


def test_the_readme_lists_the_scale_and_the_allowed_values(tmp_path: Path) -> None:
    ws = load_workbook(write_intake_template(tmp_path / "blank.xlsx", lang="fr"))["README"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)

    assert "Échelle d'intensité des impacts" in text
    assert "Décloisonnement" in text and "desiloing" in text
    for sheet in SHEETS:
        assert sheet.help_fr in text


def test_a_blank_template_holds_the_defaults_of_single_records(tmp_path: Path) -> None:
    ws = tab(load_workbook(write_intake_template(tmp_path / "blank.xlsx", lang="fr")), "training")
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, ws.max_row + 1)}

    assert values["taille maximale d'un groupe"] == 10  # max_group_size
    assert values["part maximale absente"] == 0.25  # max_share_away


def test_writing_is_atomic_and_leaves_no_temporary_file(
    tmp_path: Path, minimal_engagement: Engagement
) -> None:
    target = tmp_path / "out" / "engagement.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"previous version")

    class Exploding(Engagement):
        @property
        def client(self) -> str:  # the README needs it: fail mid-way
            raise RuntimeError("disk full")

    broken = Exploding.model_validate(minimal_engagement.model_dump())
    with pytest.raises(RuntimeError):
        write_intake_template(target, broken)

    assert target.read_bytes() == b"previous version"
    assert list(target.parent.iterdir()) == [target]


def test_the_template_can_be_written_from_a_yaml_file(
    tmp_path: Path, minimal_engagement: Engagement
) -> None:
    source = tmp_path / "engagement.yaml"
    source.write_text(yaml.safe_dump(minimal_engagement.model_dump(mode="json")), encoding="utf-8")

    path = write_intake_template(tmp_path / "filled.xlsx", load_engagement(source))

    assert load_engagement(path) == minimal_engagement


@pytest.mark.libreoffice
def test_the_template_opens_in_libreoffice(tmp_path: Path, rich_engagement: Engagement) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed")
    workbook = write_intake_template(tmp_path / "rich.xlsx", rich_engagement, lang="fr")
    profile = tmp_path / "lo-profile"

    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "rich.pdf"
    assert pdf.is_file(), f"LibreOffice exited 0 but wrote no PDF: {result.stdout} {result.stderr}"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_french_workbook_shows_french_labels_and_reads_english_codes_too(
    tmp_path: Path, rich_engagement: Engagement
) -> None:
    path = write_intake_template(tmp_path / "fr.xlsx", rich_engagement, lang="fr")
    ws = tab(load_workbook(path), "populations")
    buy_in = [ws.cell(row, 8).value for row in range(2, 2 + len(rich_engagement.populations))]
    assert set(buy_in) <= {"Enthousiaste", "Favorable", "Neutre", "Réticent", "Résistant"}

    set_cell(path, "populations", 2, "buy_in", "resistant")  # an English code, typed over
    set_cell(path, "populations", 3, "buy_in", "favorable")  # the French spelling, no capital

    populations = load_engagement(path).populations
    assert populations[0].buy_in.value == "resistant"
    assert populations[1].buy_in.value == "favourable"
