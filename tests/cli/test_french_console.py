"""A French consultant's mistakes get French answers, from every command.

The errors `run`, `batch` and `check-templates` give before any engagement is
read follow the consultant's language (`PLAYBOOK_LANG`): no English sentence
reaches a French console (the README's French walkthrough checks the
successful path the same way).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from playbook.run.report import _size
from tests.test_readme import ENGLISH

REPOSITORY = Path(__file__).resolve().parents[2]
FRENCH_EXAMPLE = REPOSITORY / "playbook" / "examples" / "mutuelle_horizon.yaml"


def _french(text: str) -> list[str]:
    """The lines of `text` holding an English word (paths set aside)."""
    return [line for line in text.splitlines()
            if ENGLISH.search(" ".join(w for w in line.split() if "/" not in w))]


@pytest.fixture
def french(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYBOOK_LANG", "fr")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("argv, said", [
    (["batch", "aucun*.yaml"], "aucun fichier d'engagement ne correspond à 'aucun*.yaml'"),
    (["batch", "absent.yaml"], "fichier d'engagement introuvable : absent.yaml"),
    (["run", str(FRENCH_EXAMPLE), "--only", "note"], "livrable inconnu 'note'"),
    (["run", str(FRENCH_EXAMPLE), "--since", "absent.json"], "--since absent.json : fichier introuvable"),
])
def test_run_and_batch_errors_speak_french(french, capsys, argv, said) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err
    assert _french(err) == []


def test_check_templates_problems_speak_french(french, capsys) -> None:
    broken = french / "firm"
    broken.mkdir()
    (broken / "house.docx").write_bytes(b"not a zip")
    assert main(["check-templates", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "house.docx : fichier Office illisible" in err
    assert "house.pptx : fichier introuvable dans" in err
    assert _french(err) == []


def test_a_template_missing_a_style_and_a_layout_is_said_in_french(french, capsys) -> None:
    import shutil

    from docx import Document
    from pptx import Presentation

    firm = french / "firm"
    shutil.copytree(REPOSITORY / "templates", firm)
    document = Document(str(firm / "house.docx"))
    document.styles["Caption"].delete()
    document.save(str(firm / "house.docx"))
    deck = Presentation(str(firm / "house.pptx"))
    layouts = deck.slide_layouts
    layouts.remove(next(layout for layout in layouts if layout.name == "Two Content"))
    deck.save(str(firm / "house.pptx"))
    assert main(["check-templates", str(firm)]) == 2
    err = capsys.readouterr().err
    assert "le style « Caption » manque" in err
    assert "la disposition « Two Content » manque" in err
    assert _french(err) == []


def test_file_sizes_in_french_units(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"x" * 146_330)
    assert _size(path, "fr") == "142,9 Ko"
    assert _size(path, "en") == "142.9 KB"
