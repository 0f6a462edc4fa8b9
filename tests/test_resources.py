"""The playbook as a client's IT installs it: a wheel, in a fresh environment,
run from a folder that is not the repository. The notebooks, templates and
method data travel inside the package; nothing is looked up in the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from docx import Document as open_docx
from pptx import Presentation as open_pptx

from playbook.registry import REGISTRY
from playbook.resources import SHIPPED, resource_dir

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "playbook", "notebooks", "templates")


def test_every_deliverable_of_the_registry_has_its_notebook_and_its_builders():
    for entry in REGISTRY:
        assert (resource_dir("notebooks") / entry.notebook).is_file(), entry.notebook
        builders = entry.builders()
        assert callable(builders.build_document) and callable(builders.build_deck), entry.name


def test_the_shipped_folders_hold_what_the_wheel_ships():
    for name, patterns in SHIPPED.items():
        assert any(f for pattern in patterns for f in resource_dir(name).glob(pattern)), name


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_environment_runs_a_deliverable_outside_the_repository(tmp_path):
    source = tmp_path / "playbook-source"
    source.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints"))
        else:
            shutil.copy2(origin, source / name)
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp_path / "dist", source,
         cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("playbook-*.whl")

    # A fresh environment with the wheel alone; its dependencies are borrowed
    # from this one (a plain path entry, so this environment's own editable
    # playbook is not seen), which spares downloading them again.
    fresh = tmp_path / "fresh"
    _run(sys.executable, "-m", "venv", "--without-pip", fresh, cwd=tmp_path)
    python = fresh / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel,
         cwd=tmp_path)
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=tmp_path).strip())
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = Path(_run(python, "-c", "import playbook; print(playbook.__file__)", cwd=tmp_path).strip())
    assert installed.is_relative_to(fresh), installed

    work = tmp_path / "consultant"
    work.mkdir()
    engagement = shutil.copy2(installed.parent / "examples" / "northwind_b2b.yaml", work)
    env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    _run(fresh / "bin" / "playbook", "run", engagement, "--only", "framing_note", "--out", "out",
         cwd=work, env=env)

    # history/ keeps the file as generated, as the base that carries edits forward
    (docx,) = (p for p in (work / "out").rglob("framing_note.docx") if "history" not in p.parts)
    (pptx,) = (p for p in (work / "out").rglob("framing_note.pptx") if "history" not in p.parts)
    assert "Northwind" in " ".join(p.text for p in open_docx(docx).paragraphs)
    assert len(open_pptx(pptx).slides) > 3
    executed = (docx.parent / "framing_note.ipynb").read_text(encoding="utf-8")
    assert str(ROOT) not in executed, "the run must not have used the repository's files"
