"""A notebook run by hand (JupyterLab) writes straight into the client folder: an
edited deliverable there is kept first, as a run keeps it, and what it writes is
what the next run reads as the playbook's own; a file without the playbook's
identities is never read as "every passage deleted"."""

from __future__ import annotations

import docx
import pptx

from playbook.run.carry import GENERATED_DIR, deck, word
from playbook.run.execute import run_engagement
from playbook.run.manifest import sha256
from playbook.workbench import open_engagement, write_deliverable

from .helpers import docx_text

CLIENT = "Coopérative Laitière du Val"
EDIT = "Paragraphe ajouté par l'associée."


def _edit(path):
    document = docx.Document(str(path))
    document.add_paragraph(EDIT)
    document.save(str(path))
    return sha256(path)


def kept_files(folder):
    history = folder / "history"
    return sorted(p.name for p in history.iterdir() if p.is_file()) if history.is_dir() else []


def test_a_notebook_run_by_hand_keeps_the_edited_file_it_replaces(
    engagement, out_dir, notebooks, capsys
):
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    folder = out_dir / CLIENT / "fr"
    digest = _edit(folder / "framing_note.docx")

    write_deliverable("framing_note", open_engagement(engagement), folder)

    [kept] = kept_files(folder)
    assert sha256(folder / "history" / kept) == digest and kept.endswith(".edited.docx")
    said = " ".join(capsys.readouterr().out.split())
    assert "framing_note.docx a été modifié depuis que le playbook l'a écrit" in said
    assert f"history/{kept}" in said
    assert EDIT not in docx_text(folder / "framing_note.docx")
    # what it wrote carries the identities, and is the base of the next carry
    assert word.identified(docx.Document(str(folder / "framing_note.docx")))
    assert list(deck.identities(folder / "framing_note.pptx"))
    for name in ("framing_note.docx", "framing_note.pptx"):
        assert sha256(folder / GENERATED_DIR / name) == sha256(folder / name)

    write_deliverable("framing_note", open_engagement(engagement), folder)  # again, unedited
    assert kept_files(folder) == [kept]
    result = run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks,
                            force=True)
    assert result.kept_edits == [] and result.reviews == []  # the playbook's own file
    assert kept_files(folder) == [kept]


def test_edits_made_after_a_notebook_run_by_hand_are_carried_by_the_next_run(
    engagement, out_dir, notebooks
):
    folder = out_dir / CLIENT / "fr"
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    write_deliverable("framing_note", open_engagement(engagement), folder)
    _edit(folder / "framing_note.docx")

    result = run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks,
                            force=True)

    assert EDIT in docx_text(folder / "framing_note.docx")
    [review] = [r for r in result.reviews if r.file == "framing_note.docx"]
    assert review.error == "" and [c["kind"] for c in review.carried] == ["added"]


def test_a_file_without_the_playbook_s_identities_is_kept_never_gutted(
    engagement, out_dir, notebooks
):
    """Written by an older notebook run by hand, or by a tool that drops bookmarks:
    nothing can be matched, so nothing is carried, and the new file is whole."""
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    folder = out_dir / CLIENT / "fr"
    plain = docx.Document()
    plain.add_paragraph("Population 1: 120")
    plain.add_paragraph(EDIT)
    plain.save(str(folder / "framing_note.docx"))
    slides = pptx.Presentation()
    slides.slides.add_slide(slides.slide_layouts[1]).shapes.title.text = "Sans identité"
    slides.save(str(folder / "framing_note.pptx"))

    result = run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks,
                            force=True)

    errors = {r.file: r.error for r in result.reviews}
    assert "ne porte aucune des marques" in errors["framing_note.docx"]
    assert "ne porte aucune des marques" in errors["framing_note.pptx"]
    text = docx_text(folder / "framing_note.docx")
    assert "Population 1: 120" in text and "Population 2: 35" in text and EDIT not in text
    assert any(EDIT in docx_text(folder / "history" / name)
               for name in kept_files(folder) if name.endswith(".docx"))
