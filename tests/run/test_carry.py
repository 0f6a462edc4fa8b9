"""The consultant's edits carried into the next version of a real framing note and
its deck: every edit whose generated text did not change is in the new file, every
other is a listed conflict with both versions kept, nothing the consultant wrote
is lost. Edits are made with python-docx / python-pptx (as Word and PowerPoint
save) and once through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pptx
import pytest
import yaml
from pptx.util import Inches

from playbook.run.carry import deck, word
from playbook.text import render

EXAMPLE = Path(__file__).resolve().parents[2] / "playbook" / "examples" / "mutuelle_horizon.yaml"
SITUATION = "Mutuelle Horizon protège 420 000 personnes"
NEW_SITUATION = "Mutuelle Horizon protège désormais 431 000 personnes avec 58 agences."


def say(code, **values):
    return render(f"edits.{code}", "fr", **values)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The framing note as generated before and after the engagement moved on."""
    from playbook.run.direct import produce

    folder = tmp_path_factory.mktemp("carry")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["engagement"]["current_situation"] = NEW_SITUATION
    changed = folder / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    versions = {}
    for name, source in (("before", EXAMPLE), ("after", changed)):
        out = folder / name
        produce("framing_note", source, output_dir=out)
        for suffix in (".docx", ".pptx"):
            word_or_deck = word if suffix == ".docx" else deck
            word_or_deck.stamp(out / f"framing_note{suffix}")
        versions[name] = out
    return versions


def files(generated, tmp_path, suffix):
    base, mine, new = (tmp_path / f"{n}{suffix}" for n in ("base", "mine", "new"))
    shutil.copyfile(generated["before"] / f"framing_note{suffix}", base)
    shutil.copyfile(base, mine)
    shutil.copyfile(generated["after"] / f"framing_note{suffix}", new)
    return base, mine, new


def paragraph(document, start):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def edit_report(path):
    """A paragraph, a table cell, an added paragraph, a deleted one, a comment, a conflict."""
    document = docx.Document(str(path))
    strategy = paragraph(document, "Le plan stratégique")
    for run in strategy.runs[1:]:
        run.text = ""
    strategy.runs[0].text = "Horizon 2030 : la relation avant le contrat (texte revu)."
    paragraph(document, SITUATION).runs[0].text = "Mutuelle Horizon (revu) : "
    cell = document.tables[0].rows[1].cells[1].paragraphs[0]
    for run in cell.runs[1:]:
        run.text = ""
    cell.runs[0].text = "Objectif CRM reformulé par l'associée"
    added = paragraph(document, "Le dossier d’investissement").insert_paragraph_before(
        "Paragraphe ajouté par l'associée avant le dossier d'investissement.")
    added.style = strategy.style
    budget = paragraph(document, "Le dossier d’investissement")
    budget._element.getparent().remove(budget._element)
    document.add_comment(strategy.runs[0], text="Valider avec le sponsor", author="Associée",
                         initials="AS")
    document.save(str(path))


def check_report(new_path, outcome):
    new = docx.Document(str(new_path))
    texts = [p.text for p in new.paragraphs]
    assert "Horizon 2030 : la relation avant le contrat (texte revu)." in texts
    assert not any(t.startswith("Le plan stratégique") for t in texts)
    assert "Objectif CRM reformulé par l'associée" == new.tables[0].rows[1].cells[1].text
    added = texts.index("Paragraphe ajouté par l'associée avant le dossier d'investissement.")
    assert texts[added - 1] == "Dossier d’investissement"  # the heading it followed
    assert not any(t.startswith("Le dossier d’investissement") for t in texts)
    # The conflict: the new generated text, and the consultant's version beside it.
    assert NEW_SITUATION in texts
    comments = {c.text: c.author for c in new.comments}
    assert comments["Valider avec le sponsor"] == "Associée"
    assert any("Mutuelle Horizon (revu)" in text for text in comments)
    kinds = sorted(item["kind"] for item in outcome.carried)
    assert kinds == ["added", "comment", "deleted", "edited", "edited"]
    assert [c["kind"] for c in outcome.conflicts] == ["edited_changed"]
    assert outcome.conflicts[0]["now"] == NEW_SITUATION
    assert outcome.conflicts[0]["yours"].startswith("Mutuelle Horizon (revu) : ")
    assert any(c["now"] == NEW_SITUATION for c in outcome.changed)


def test_report_edits_saved_by_python_docx_are_carried(generated, tmp_path):
    base, mine, new = files(generated, tmp_path, ".docx")
    edit_report(mine)
    check_report(new, word.carry(base, mine, new, say))


def _slide(presentation, start):
    return next(s for s in presentation.slides
                if s.shapes.title is not None and s.shapes.title.text.startswith(start))


TEAM = "Équipe transdisciplinaire et utilisateurs clés"  # an appendix slide the associate deletes


def edit_deck(path):
    """A slide title, a speaker note, a table cell; a slide added, one deleted, a text box
    deleted; a conflict."""
    presentation = pptx.Presentation(str(path))
    objectives = _slide(presentation, "5 objectifs CRM")
    objectives.shapes.title.text = "Cinq objectifs, tous mesurés (titre revu)"
    table = next(s for s in objectives.shapes if s.has_table).table
    table.cell(1, 1).text = "Cellule revue"
    governance = _slide(presentation, "Hélène Marchal porte le projet")
    governance.notes_slide.notes_text_frame.text = "Insister sur la présence du sponsor."
    context = _slide(presentation, "Pour Mutuelle Horizon")
    body = next(s for s in context.shapes if s.has_text_frame and SITUATION in s.text_frame.text)
    body.text_frame.text = "Le contexte, dit autrement par l'associée."
    summary = _slide(presentation, "Synthèse")
    box = next(s for s in summary.shapes if s.has_text_frame and s.text_frame.text.startswith("Déploiement"))
    box._element.getparent().remove(box._element)
    layout = next(x for x in presentation.slide_layouts if x.name == "Title Only")
    added = presentation.slides.add_slide(layout)
    added.shapes.title.text = "Diapositive ajoutée par l'associée"
    added.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1)).text_frame.text = (
        "Point d'attention du partenaire")
    slides = presentation.slides._sldIdLst
    entry = slides[-1]
    slides.remove(entry)
    position = list(presentation.slides).index(governance)
    slides.insert(position + 1, entry)
    team = [s for s in presentation.slides
            if s.shapes.title is not None and s.shapes.title.text == TEAM][0]
    for entry in list(slides):
        if presentation.part.related_part(entry.rId) is team.part:
            presentation.part.drop_rel(entry.rId)
            slides.remove(entry)
    presentation.save(str(path))


def check_deck(new_path, outcome):
    presentation = pptx.Presentation(str(new_path))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in presentation.slides]
    assert "Cinq objectifs, tous mesurés (titre revu)" in titles
    objectives = _slide(presentation, "Cinq objectifs")
    assert next(s for s in objectives.shapes if s.has_table).table.cell(1, 1).text == "Cellule revue"
    governance = _slide(presentation, "Hélène Marchal porte le projet")
    assert governance.notes_slide.notes_text_frame.text == "Insister sur la présence du sponsor."
    added = titles.index("Diapositive ajoutée par l'associée")
    assert titles[added - 1].startswith("Hélène Marchal porte le projet")
    texts = [s.text_frame.text for s in presentation.slides[added].shapes if s.has_text_frame]
    assert "Point d'attention du partenaire" in texts
    assert TEAM not in titles
    context = _slide(presentation, "Pour Mutuelle Horizon")
    assert any(NEW_SITUATION in s.text_frame.text for s in context.shapes if s.has_text_frame)
    assert "Le contexte, dit autrement par l'associée." in context.notes_slide.notes_text_frame.text
    summary = _slide(presentation, "Synthèse")
    assert not any(s.text_frame.text.startswith("Déploiement") for s in summary.shapes if s.has_text_frame)
    assert sorted(c["kind"] for c in outcome.conflicts) == ["text_changed"]
    kinds = sorted(item["kind"] for item in outcome.carried)
    assert kinds == ["notes_edited", "shape_deleted", "slide_added", "slide_deleted", "text_edited",
                     "text_edited"]


def test_deck_edits_saved_by_python_pptx_are_carried(generated, tmp_path):
    base, mine, new = files(generated, tmp_path, ".pptx")
    edit_deck(mine)
    check_deck(new, deck.carry(base, mine, new, say))


def _through_libreoffice(path: Path, tmp_path: Path) -> None:
    """Open and save `path` with LibreOffice, in its own format (the `libreoffice`
    mark: skipped on a machine without it, a failure in CI)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    out = tmp_path / "lo"
    out.mkdir()
    filters = {".docx": "docx:MS Word 2007 XML", ".pptx": "pptx:Impress MS PowerPoint 2007 XML"}
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", filters[path.suffix], "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=300,
    )
    shutil.copyfile(out / path.name, path)


@pytest.mark.libreoffice
def test_report_edits_saved_by_libreoffice_are_carried(generated, tmp_path):
    base, mine, new = files(generated, tmp_path, ".docx")
    edit_report(mine)
    _through_libreoffice(mine, tmp_path)
    outcome = word.carry(base, mine, new, say)
    texts = [p.text for p in docx.Document(str(new)).paragraphs]
    assert "Horizon 2030 : la relation avant le contrat (texte revu)." in texts
    assert "Paragraphe ajouté par l'associée avant le dossier d'investissement." in texts
    assert not any(t.startswith("Le dossier d’investissement") for t in texts)
    assert NEW_SITUATION in texts
    assert [c["kind"] for c in outcome.conflicts] == ["edited_changed"]
    assert "Valider avec le sponsor" in [c.text for c in docx.Document(str(new)).comments]


@pytest.mark.libreoffice
def test_deck_edits_saved_by_libreoffice_are_carried(generated, tmp_path):
    """A deck saved by Impress keeps the shapes' names the edits are found by."""
    base, mine, new = files(generated, tmp_path, ".pptx")
    edit_deck(mine)
    _through_libreoffice(mine, tmp_path)
    outcome = deck.carry(base, mine, new, say)
    check_deck(new, outcome)  # as when PowerPoint saved it
