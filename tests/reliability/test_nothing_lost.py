"""Nothing lost: a consultant's files are never replaced without being asked.

A filled intake workbook is weeks of interviews. `intake-template` replaces
an existing file only with `--force`, never writes over its `--from` source,
and writes with the permissions every other output gets.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.intake import load_engagement
from tests.run.helpers import write_engagement


@pytest.fixture
def source(tmp_path) -> Path:
    return write_engagement(tmp_path, "engagement.yaml", client="Acme")


def test_an_existing_workbook_is_not_replaced_without_force(tmp_path, capsys) -> None:
    filled = tmp_path / "acme.xlsx"
    filled.write_bytes(b"weeks of interviews")

    status = main(["intake-template", str(filled)])

    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"{filled} already exists; nothing was written. Add --force to replace it"
    )
    assert filled.read_bytes() == b"weeks of interviews"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.xlsx"]


def test_the_refusal_speaks_french_when_asked(tmp_path, capsys) -> None:
    filled = tmp_path / "acme.xlsx"
    filled.write_bytes(b"weeks of interviews")

    assert main(["intake-template", str(filled), "--lang", "fr"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{filled} existe déjà ; rien n'a été écrit. Ajoutez --force pour le remplacer"
    )


def test_force_replaces_an_existing_workbook(tmp_path, source) -> None:
    target = tmp_path / "acme.xlsx"
    target.write_bytes(b"an old blank workbook")

    assert main(["intake-template", str(target), "--from", str(source), "--force"]) == 0
    assert load_engagement(target).engagement.client == "Acme"


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_the_from_file_is_never_written_over(tmp_path, capsys, force) -> None:
    workbook = tmp_path / "acme.xlsx"
    assert main(["intake-template", str(workbook)]) == 0
    before = workbook.read_bytes()
    capsys.readouterr()

    status = main(["intake-template", str(workbook), "--from", str(workbook), *force])

    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"{workbook} is the --from file itself: writing the workbook there would destroy it; "
        "nothing was written. Choose another file name"
    )
    assert workbook.read_bytes() == before


def test_a_yaml_name_is_refused_so_the_yaml_is_never_replaced_by_workbook_bytes(
    tmp_path, source, capsys
) -> None:
    before = source.read_bytes()

    status = main(["intake-template", str(source), "--from", str(source), "--force"])

    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"{source}: the intake workbook is an Excel file: give it a name ending in .xlsx"
    )
    assert source.read_bytes() == before


def test_a_folder_is_refused_as_the_workbook(tmp_path, capsys) -> None:
    folder = tmp_path / "workbooks.xlsx"
    folder.mkdir()

    assert main(["intake-template", str(folder)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{folder} is a folder; nothing was written. Give the workbook's file name"
    )
    assert list(folder.iterdir()) == []


def test_the_workbook_gets_the_permissions_of_the_umask(tmp_path) -> None:
    previous = os.umask(0o022)
    try:
        assert main(["intake-template", str(tmp_path / "shared.xlsx")]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "shared.xlsx").stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.xlsx"]


def test_a_workbook_under_a_file_is_refused_with_a_message(tmp_path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"not a folder")

    status = main(["intake-template", str(notes / "acme.xlsx")])

    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"{notes / 'acme.xlsx'}: {notes} is a file, not a folder; nothing was written"
    )
    assert notes.read_bytes() == b"not a folder"
