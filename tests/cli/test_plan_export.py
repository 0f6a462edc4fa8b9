"""The plan's actions pre-filled in `action_status`: the consultant ticks, never types.

`intake-template --from` and `playbook plan export` list every planned action
(stable id, wording, owner, planned date) in the engagement's language, with a
status dropdown; a status picked on a row is read back on its id; an id the
plan does not have is a located error with the id meant; the other sheets of a
workbook and the other keys of a YAML file are never changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from playbook.analysis.engine import analysed
from playbook.cli import main
from playbook.intake import load_engagement
from playbook.method import load_method
from tests.intake.helpers import tab

REPOSITORY = Path(__file__).resolve().parents[2]
FRENCH_EXAMPLE = REPOSITORY / "playbook" / "examples" / "mutuelle_horizon.yaml"


def _actions(path: Path):
    engagement = load_engagement(path)
    return analysed(engagement, load_method(), engagement.language).change_plan.actions


def _rows(path: Path) -> list[dict]:
    ws = tab(load_workbook(path), "action_status")
    header = [cell.value for cell in ws[1]]
    return [dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=2, values_only=True)
            if any(value not in (None, "") for value in row)]


def _values(path: Path, skip: str) -> dict[str, list[tuple]]:
    """Every cell value of every sheet but `skip` (a tab title)."""
    book = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book if ws.title != skip}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "mutuelle.xlsx"
    assert main(["intake-template", str(out), "--from", str(FRENCH_EXAMPLE)]) == 0
    return out


def test_the_template_lists_every_planned_action_in_french(workbook: Path) -> None:
    ws = tab(load_workbook(workbook), "action_status")
    assert ws.title == "Suivi des actions"
    header = [cell.value for cell in ws[1]]
    assert header[:6] == ["identifiant", "action", "population", "responsable", "date prévue",
                          "statut"]
    plan = _actions(FRENCH_EXAMPLE)
    rows = [row for row in _rows(workbook) if row["identifiant"]]
    assert [row["identifiant"] for row in rows] == (
        plan.sort_values(["planned", "id"], kind="stable")["id"].tolist())
    by_id = plan.set_index("id")
    for row in rows:
        action = by_id.loc[row["identifiant"]]
        assert row["action"] == action["action"]
        assert row["date prévue"].date() == action["planned"].date()
        assert row["responsable"].startswith(action["owner_label"].split(" (")[0])
        assert not action["owner_name"] or action["owner_name"] in row["responsable"]
        assert row["levier"] == action["lever"]
    # The status is a dropdown of the French labels, over the rows to tick.
    status = header.index("statut") + 1
    letter = ws.cell(1, status).column_letter
    (dropdown,) = [v for v in ws.data_validations.dataValidation
                   if str(v.sqref).startswith(f"{letter}2:")]
    assert dropdown.formula1 == '"Réalisée,Annulée"'
    assert {row["statut"] for row in rows} <= {None, "Réalisée", "Annulée"}


def test_the_workbook_says_what_the_engagement_recorded(workbook: Path) -> None:
    before = _actions(FRENCH_EXAMPLE).set_index("id").sort_index()
    after = _actions(workbook).set_index("id").sort_index()
    assert after["status"].tolist() == before["status"].tolist()
    assert after["date"].tolist() == before["date"].tolist()


def test_a_status_ticked_on_an_id_is_read_back(workbook: Path, tmp_path: Path) -> None:
    plan = _actions(workbook)
    late = plan[plan["status"] == "late"].iloc[0]
    cancelled = plan[plan["status"] == "late"].iloc[1]
    edited = tmp_path / "ticked.xlsx"
    book = load_workbook(workbook)
    ws = tab(book, "action_status")
    status_column = [cell.value for cell in ws[1]].index("statut") + 1
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value == late["id"]:
            ws.cell(row, status_column, "Réalisée")
        if ws.cell(row, 1).value == cancelled["id"]:
            ws.cell(row, status_column, "annulée")
    book.save(edited)
    now = _actions(edited).set_index("id")
    assert now.loc[late["id"], "status"] == "done"
    assert now.loc[cancelled["id"], "status"] == "cancelled"
    assert now.loc[cancelled["id"], "effort_days"] == 0
    assert (now["status"] == "late").sum() == (plan["status"] == "late").sum() - 2


def _with_a_mistyped_id(workbook: Path):
    """A known action id, the same id with its last character mistyped, and the open workbook."""
    known = _rows(workbook)[3]["identifiant"]
    typo = known[:-1] + ("X" if known[-1] != "X" else "Y")
    book = load_workbook(workbook)
    return known, typo, book, tab(book, "action_status")


def test_an_unknown_id_is_a_located_error_with_the_id_meant(workbook: Path, tmp_path: Path,
                                                           capsys) -> None:
    known, typo, book, ws = _with_a_mistyped_id(workbook)
    edited = tmp_path / "typo.xlsx"
    ws.cell(5, 1, typo.lower())  # typed by hand, in lower case
    ws.cell(5, 6, "Réalisée")
    book.save(edited)
    capsys.readouterr()
    assert main(["validate", str(edited)]) == 2
    error = capsys.readouterr().err
    assert "Suivi des actions" in error and "ligne 5" in error and "identifiant" in error
    assert f"identifiant d'action inconnu '{typo}'" in error
    assert f"« {known} »" in error or f"'{known}'" in error or known in error.split("inconnu")[1]
    # plan export refuses the same file, untouched
    before = edited.read_bytes()
    assert main(["plan", "export", str(edited)]) == 2
    assert edited.read_bytes() == before
    assert not (tmp_path / "typo.versions").exists()


def test_plan_export_rewrites_only_the_action_sheet(workbook: Path, tmp_path: Path,
                                                    capsys) -> None:
    target = tmp_path / "client.xlsx"
    shutil.copy(workbook, target)
    book = load_workbook(target)
    ws = tab(book, "action_status")
    # An older sheet: the consultant's own rows, typed by lever, and no id column.
    ws.delete_rows(2, ws.max_row)
    ws.delete_cols(1, 2)
    header = [cell.value for cell in ws[1]]
    plan = _actions(FRENCH_EXAMPLE)
    one = plan[plan["population"] != "all"].iloc[0]
    row = {"population": one["population"], "date prévue": one["planned"].to_pydatetime(),
           "statut": "Annulée", "notes": "Reportée au lot 2", "levier": one["lever"]}
    for name, value in row.items():
        ws.cell(2, header.index(name) + 1, value)
    book.save(target)
    others = _values(target, ws.title)

    capsys.readouterr()
    assert main(["plan", "export", str(target)]) == 0
    said = capsys.readouterr().out
    assert f"les {len(plan)} actions prévues" in said and "version précédente conservée" in said
    assert len(list((tmp_path / "client.versions").iterdir())) == 1
    assert _values(target, ws.title) == others  # every other sheet as it was
    rows = _rows(target)
    mine = next(r for r in rows if r["identifiant"] == one["id"])
    assert (mine["statut"], mine["notes"]) == ("Annulée", "Reportée au lot 2")
    assert len([r for r in rows if r["identifiant"]]) == len(plan)
    # Exported again: the same sheet.
    assert main(["plan", "export", str(target)]) == 0
    assert _rows(target) == rows


def test_plan_export_of_a_yaml_file_keeps_its_other_lines(tmp_path: Path, capsys) -> None:
    target = tmp_path / "client.yaml"
    shutil.copy(FRENCH_EXAMPLE, target)
    original = target.read_text(encoding="utf-8").splitlines()
    start = original.index("action_status:")
    assert main(["plan", "export", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[:start] == original[:start]
    end = next(i for i in range(start + 1, len(original)) if original[i][:1].isalpha())
    assert lines[-(len(original) - end):] == original[end:]
    after = _actions(target).set_index("id").sort_index()
    before = _actions(FRENCH_EXAMPLE).set_index("id").sort_index()
    assert after["status"].tolist() == before["status"].tolist()
    assert all(record.id for record in load_engagement(target).action_status[: len(after)])


def test_a_workbook_made_in_english_keeps_english_headers(tmp_path: Path) -> None:
    target = tmp_path / "english.xlsx"
    assert main(["intake-template", str(target), "--from", str(FRENCH_EXAMPLE), "--lang", "en"]) == 0
    assert main(["plan", "export", str(target)]) == 0
    ws = tab(load_workbook(target), "action_status")
    assert ws.title == "action_status"
    assert [cell.value for cell in ws[1]][:6] == ["id", "action", "population", "owner", "planned",
                                                  "status"]
    statuses = {row[5] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert statuses <= {None, "done", "cancelled"} and "done" in statuses


def test_an_unknown_id_comes_in_the_same_round_as_a_bad_status(workbook: Path, tmp_path: Path,
                                                               capsys) -> None:
    known, typo, book, ws = _with_a_mistyped_id(workbook)
    edited = tmp_path / "two.xlsx"
    ws.cell(5, 1, typo)
    ws.cell(7, 6, "Fini")  # not in the dropdown
    book.save(edited)
    capsys.readouterr()

    assert main(["validate", str(edited)]) == 2

    error = capsys.readouterr().err
    assert "2 problèmes trouvés" in error
    assert "ligne 7, colonne F (statut)" in error and "'Fini'" in error
    assert "ligne 5, colonne A (identifiant)" in error
    assert f"identifiant d'action inconnu '{typo}'" in error and known in error


def test_dated_rows_matching_no_planned_action_are_located_in_french(workbook: Path,
                                                                     capsys) -> None:
    rows = _rows(workbook)
    stray = [(number, row) for number, row in enumerate(rows, start=2) if not row["identifiant"]
             and row["date prévue"] is not None]
    assert stray  # the example records some occurrences on dates the plan does not have
    capsys.readouterr()

    assert main(["validate", str(workbook)]) == 0

    out = capsys.readouterr().out
    assert f"Avertissements : {len(stray)}" in out
    for number, row in stray:
        line = next(line for line in out.splitlines()
                    if f"ligne {number}, colonne E (date prévue)" in line)
        assert f"aucune action {row['levier']} prévue pour {row['population']}" in line
        assert f"le {row['date prévue']:%d/%m/%Y}" in line
        assert "ce statut ne s'applique à aucune action" in line
        assert "le plan la prévoit le" in line or "le plan n'a pas cette action" in line
    assert "no planned" not in out and "applies to no action" not in out


def test_plan_export_says_which_kept_rows_match_nothing(workbook: Path, tmp_path: Path,
                                                        capsys) -> None:
    target = tmp_path / "again.xlsx"
    shutil.copy(workbook, target)
    capsys.readouterr()

    assert main(["plan", "export", str(target)]) == 0

    out = capsys.readouterr().out
    stray = [number for number, row in enumerate(_rows(target), start=2)
             if not row["identifiant"] and row["date prévue"] is not None]
    assert stray
    for number in stray:
        assert f"ligne {number}, colonne E (date prévue) : aucune action" in out


def _bad_date_and_unknown_id(workbook: Path, target: Path) -> tuple[str, str]:
    """`workbook` with a go-live no calendar has (lots, row 3, column F) and a
    misspelt action id (action_status, row 5, column A): two errors in two
    sheets, the second of an id the corrected plan will not have either."""
    known = _rows(workbook)[3]["identifiant"]
    typo = known[:-1] + ("X" if known[-1] != "X" else "Y")
    book = load_workbook(workbook)
    tab(book, "action_status").cell(5, 1, typo)
    tab(book, "lots").cell(3, 6, "31/02/2027")
    book.save(target)
    return known, typo


@pytest.mark.parametrize("command", ["validate", "run", "plan export", "intake-template --from",
                                     "notebook"])
def test_an_unknown_id_comes_in_the_same_round_as_a_bad_date_in_another_sheet(
        command: str, workbook: Path, tmp_path: Path, capsys) -> None:
    """`validate`, `run`, `plan export`, `intake-template --from` and a notebook
    opening the engagement each report both errors at once, located, in French
    (exit status 2), nothing written."""
    from playbook.errors import IntakeError
    from playbook.workbench import open_engagement

    edited = tmp_path / "deux-erreurs.xlsx"
    known, typo = _bad_date_and_unknown_id(workbook, edited)
    before = edited.read_bytes()
    out = tmp_path / "livrables"
    if command == "notebook":
        with pytest.raises(IntakeError) as raised:
            open_engagement(edited)
        error = str(raised.value)
    else:
        arguments = {"validate": ["validate", str(edited)],
                     "run": ["run", str(edited), "--out", str(out), "--only", "framing_note"],
                     "plan export": ["plan", "export", str(edited)],
                     "intake-template --from": ["intake-template", str(tmp_path / "nouveau.xlsx"),
                                                "--from", str(edited)]}[command]
        capsys.readouterr()
        assert main(arguments) == 2
        error = capsys.readouterr().err

    assert "2 problèmes trouvés" in error
    assert "feuille 'Lots', ligne 3, colonne F (mise en production)" in error and "31/02/2027" in error
    assert "feuille 'Suivi des actions', ligne 5, colonne A (identifiant)" in error
    assert f"identifiant d'action inconnu '{typo}'" in error and known in error  # did you mean
    assert edited.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deux-erreurs.xlsx"]


def test_intake_template_from_says_which_kept_rows_match_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "mutuelle.xlsx"
    capsys.readouterr()

    assert main(["intake-template", str(target), "--from", str(FRENCH_EXAMPLE)]) == 0

    out = capsys.readouterr().out
    stray = [number for number, row in enumerate(_rows(target), start=2)
             if not row["identifiant"] and row["date prévue"] is not None]
    assert stray
    for number in stray:  # located in the workbook just written, in its language
        assert f"feuille 'Suivi des actions', ligne {number}, colonne E (date prévue) : aucune action" \
            in out
    assert "no planned" not in out
