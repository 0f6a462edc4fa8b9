"""Shared fixtures of the rendering tests: the house templates and rendered specimens."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.render import write_docx, write_pptx
from playbook.render.specimen import specimen_deck, specimen_document

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="session")
def templates() -> Path:
    return TEMPLATES


@pytest.fixture(scope="session")
def specimen_docx(tmp_path_factory) -> Path:
    return write_docx(specimen_document("fr"), tmp_path_factory.mktemp("docx") / "note.docx",
                      TEMPLATES)


@pytest.fixture(scope="session")
def specimen_pptx(tmp_path_factory) -> Path:
    return write_pptx(specimen_deck("fr"), tmp_path_factory.mktemp("pptx") / "deck.pptx",
                      TEMPLATES)
