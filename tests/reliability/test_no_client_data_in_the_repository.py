"""Client data never lands in files the repository tracks.

A consultant following the README in a checkout creates workbooks, exports,
kept versions and output folders in it: git must ignore every one of them. The
committed notebooks are the method's, not a client's: their parameters name
the bundled examples only.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")


def _ignored(paths: list[str]) -> set[str]:
    done = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, check=False,
                          input="\n".join(paths), capture_output=True, text=True)
    return set(done.stdout.split())


def _files_the_readme_has_a_consultant_create() -> list[str]:
    text = README.read_text(encoding="utf-8")
    made = re.findall(r"playbook intake-template (\S+\.xlsx)", text)
    for workbook in set(made):
        stem = Path(workbook).stem
        made += [f"{stem}.previous.xlsx", f"{stem}.versions/{stem}.20271129T101500-0a1b2c3d.xlsx"]
    return sorted(set(made))


def test_every_file_the_readme_has_a_consultant_create_is_ignored():
    made = _files_the_readme_has_a_consultant_create()
    assert "my-client.xlsx" in made and "northwind.previous.xlsx" in made
    others = ["client.yaml", "usage-export.csv", "answers/alice.yaml", "review/specimen.docx",
              "outputs/Acme/fr/framing_note.docx", "engagements/acme.xlsx", "acme.xlsm"]

    assert _ignored(made + others) == set(made + others)


def test_the_repositorys_own_files_are_not_ignored():
    own = ["playbook/examples/northwind_b2b.yaml", "playbook/examples/northwind_usage_export.csv",
           "templates/house.docx", "notebooks/03_impact_diagnosis.ipynb", "pyproject.toml"]

    assert _ignored(own) == set()


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").rglob("*.ipynb")), ids=lambda p: p.stem)
def test_a_committed_notebook_names_only_bundled_examples(path):
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    parameters = ast.parse("".join(cells[0]["source"]))
    for statement in parameters.body:
        value = ast.literal_eval(statement.value)  # type: ignore[attr-defined]
        name = statement.targets[0].id  # type: ignore[attr-defined]
        if name.endswith("_path") and value:
            assert str(value).startswith("playbook/examples/"), f"{name} = {value!r}"
