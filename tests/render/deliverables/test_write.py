"""Writing a deliverable with a firm's adapted method (`--method DIR`): both files
speak its words, and its renamed segments keep their paragraphs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from pptx import Presentation as open_pptx

from playbook.analysis.engine import analyse
from playbook.intake import load_engagement
from playbook.method import load_method
from playbook.method.loader import DEFAULT_DIR
from playbook.render.deliverables import impact_diagnosis, write

from .conftest import EXAMPLES, TEMPLATES, flat

FIRM_PAGE = "Feuillet"
FIRM_CONTINUED = "(suite du cabinet)"


def adapted_method(folder: Path):
    """The bundled method with the writers' own words changed, as a firm would."""
    shutil.copytree(DEFAULT_DIR, folder)
    labels = folder / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^  continued: \{fr: "[^"]*"', f'  continued: {{fr: "{FIRM_CONTINUED}"', text)
    text = re.sub(r'(?m)^  page: \{fr: "[^"]*"', f'  page: {{fr: "{FIRM_PAGE}"', text)
    labels.write_text(text, encoding="utf-8")
    return load_method(folder)


@pytest.fixture(scope="module")
def firm_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("firm")
    method = adapted_method(root / "method")
    analysis = analyse(load_engagement(EXAMPLES / "mutuelle_horizon.yaml"), method, "fr")
    paths = write("change_plan", analysis, root / "out", TEMPLATES)
    return open_docx(paths["docx"]), open_pptx(paths["pptx"])


def test_the_word_footer_uses_the_firms_word_for_page(firm_files):
    document, _ = firm_files
    footers = " ".join(p.text for s in document.sections for p in s.footer.paragraphs)
    assert FIRM_PAGE in footers
    assert "Page" not in footers


def test_a_slide_continued_over_several_slides_uses_the_firms_word_for_continued(firm_files):
    _, deck = firm_files
    titles = [flat(s.shapes.title.text) for s in deck.slides if s.shapes.title is not None]
    continued = [t for t in titles if t.endswith(FIRM_CONTINUED)]
    assert continued, titles
    assert not any(t.endswith("(suite)") for t in titles)


def test_a_firm_renaming_its_segments_keeps_the_paragraphs_that_name_allies_and_priorities(tmp_path):
    folder = tmp_path / "method"
    shutil.copytree(DEFAULT_DIR, folder)
    dimensions = folder / "dimensions.yaml"
    text = dimensions.read_text(encoding="utf-8")
    text = text.replace("code: lean_on", "code: ambassadors").replace("code: convince_first", "code: treat_first")
    dimensions.write_text(text, encoding="utf-8")
    engagement = load_engagement(EXAMPLES / "mutuelle_horizon.yaml")
    bundled = analyse(engagement, load_method(), "fr")
    renamed = analyse(engagement, load_method(folder), "fr")
    assert set(renamed.diagnosis.segments["segment"]) & {"ambassadors", "treat_first"}
    assert impact_diagnosis.key_messages(renamed) == impact_diagnosis.key_messages(bundled)
    assert [s.text for s in impact_diagnosis.next_steps(renamed)] == [
        s.text for s in impact_diagnosis.next_steps(bundled)]
