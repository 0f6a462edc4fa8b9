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


def test_layout_findings_speak_french(french, capsys) -> None:
    """Every kind of layout finding, as `check-layout` (and `run --check-layout`)
    prints it on a French console; its English record is unchanged."""
    import typer

    from playbook.cli.render import report_layout
    from playbook.render.layout_check import Finding, _Said

    said = [
        ("outside", _Said("outside", text="«Lot 1»")),
        ("overlap", _Said("overlap", first="«Lot 1»", second="«Lot 2»")),
        ("truncated", _Said("truncated", text="«Conseillers…»")),
        ("single_row", _Said("table_row", rows=1)),
        ("single_row", _Said("table_rows", rows=0)),
        ("word_budget", _Said("word_budget", words=92, budget=70)),
        ("near_empty", _Said("near_empty", words=4)),
        ("single_row", _Said("slide_row")),
        ("numbering", _Said("numbering", shown="1, 3", count=2)),
    ]
    findings = [Finding(Path("plan.pptx"), 3, kind, message) for kind, message in said]
    assert str(findings[5]) == "plan.pptx: page 3: word_budget: 92 words of visible body text (budget 70)"
    with pytest.raises(typer.Exit):
        report_layout(findings, french, "fr")
    err = capsys.readouterr().err
    assert "plan.pptx : page 3 : trop de mots : 92 mots de texte visible (au plus 70)" in err
    assert _french(err) == []
