"""`playbook lab ENGAGEMENT`: the client's own copy of the notebooks, at the
working folder, without touching the repository's notebooks (no browser here:
the copy and the command line are what is checked)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from playbook.cli import main
from playbook.cli.lab import client_notebooks, lab_command_line
from playbook.resources import resource_dir

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "playbook" / "examples" / "mutuelle_horizon.yaml"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.ipynb")}


def _parameters(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return next("".join(c["source"]) for c in cells
                if "parameters" in c.get("metadata", {}).get("tags", []))


def test_the_client_gets_its_own_notebooks_pointing_at_its_workbook(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "client.yaml")
    before = _digests(resource_dir("notebooks"))

    folder, made = client_notebooks(tmp_path / "client.yaml", tmp_path)

    assert folder == tmp_path / "outputs" / "Mutuelle Horizon" / "notebooks"
    assert sorted(p.name for p in made) == sorted(before)
    parameters = _parameters(folder / "03_impact_diagnosis.ipynb")
    assert 'engagement_path = "../../../client.yaml"' in parameters
    assert (folder / "../../../client.yaml").resolve() == (tmp_path / "client.yaml").resolve()
    assert _digests(resource_dir("notebooks")) == before  # the repository's are untouched


def test_a_copy_already_worked_in_is_kept(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "client.yaml")
    folder, _ = client_notebooks(tmp_path / "client.yaml", tmp_path)
    mine = folder / "04_change_plan.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8").replace("Change plan", "Mon plan"),
                    encoding="utf-8")

    _, made = client_notebooks(tmp_path / "client.yaml", tmp_path)

    assert made == []
    assert "Mon plan" in mine.read_text(encoding="utf-8")


def test_the_lab_opens_at_the_working_folder_on_the_copy(tmp_path: Path) -> None:
    opened = tmp_path / "outputs" / "Mutuelle Horizon" / "notebooks"

    line = lab_command_line(tmp_path, opened, ["--no-browser", "--port", "8890"])

    assert line[1] == "lab"
    assert f"--ServerApp.root_dir={tmp_path}" in line
    assert "--LabApp.default_url=/lab/tree/outputs/Mutuelle Horizon/notebooks" in line
    assert line[-3:] == ["--no-browser", "--port", "8890"]
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_the_command_says_where_the_copy_is_in_french(tmp_path: Path, monkeypatch,
                                                      capsys) -> None:
    shutil.copy(EXAMPLE, tmp_path / "client.yaml")
    monkeypatch.chdir(tmp_path)
    started = []
    monkeypatch.setattr("subprocess.call", lambda line: started.append(line) or 0)

    assert main(["lab", "client.yaml", "--no-browser"]) == 0

    out = capsys.readouterr().out
    assert "6 carnets copiés pour cet engagement dans outputs/Mutuelle Horizon/notebooks" in out
    assert started and started[0][-1] == "--no-browser"


def test_the_write_cell_shows_where_the_files_are(tmp_path: Path, monkeypatch) -> None:
    from playbook.workbench import WrittenFiles

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("playbook.workbench._checkout", lambda: False)
    inside = tmp_path / "outputs" / "Acme" / "fr" / "change_plan.docx"
    elsewhere = Path("/srv/share/Acme/fr/change_plan.pptx")

    shown = repr(WrittenFiles({"docx": inside, "pptx": elsewhere}))

    assert shown == "outputs/Acme/fr/change_plan.docx, change_plan.pptx"
