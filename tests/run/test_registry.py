"""The deliverable registry: the method's order, `--only`, and clear refusals."""

import pytest

from playbook.errors import PlaybookError
from playbook.run.registry import DEFAULT_NOTEBOOKS_DIR, deliverables


def test_deliverables_come_in_the_order_of_the_method(notebooks):
    names = [d.name for d in deliverables(directory=notebooks)]
    assert names == ["framing_note", "target_vision", "impact_diagnosis", "change_plan", "training_plan",
                     "steering"]


def test_only_keeps_the_method_order_whatever_the_order_asked(notebooks):
    chosen = deliverables(["training_plan", "framing_note"], directory=notebooks)
    assert [d.name for d in chosen] == ["framing_note", "training_plan"]
    assert chosen[0].notebook == notebooks / "01_framing_note.ipynb"
    assert chosen[0].documents() == ["framing_note.docx", "framing_note.pptx"]


def test_an_unknown_deliverable_is_refused_with_the_known_ones(notebooks):
    with pytest.raises(PlaybookError, match="'framing'; known: framing_note"):
        deliverables(["framing"], directory=notebooks)


def test_a_missing_notebook_is_reported_by_path(tmp_path):
    with pytest.raises(PlaybookError, match="01_framing_note.ipynb"):
        deliverables(["framing_note"], directory=tmp_path)


def test_the_default_notebooks_folder_is_the_repository_notebooks_folder():
    assert DEFAULT_NOTEBOOKS_DIR.name == "notebooks"
    assert (DEFAULT_NOTEBOOKS_DIR.parent / "playbook" / "run" / "registry.py").is_file()
