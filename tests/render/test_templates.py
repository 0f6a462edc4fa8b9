"""The house templates are complete, and an incomplete one is named precisely."""

from __future__ import annotations

import shutil

import pytest
from docx import Document as open_docx
from pptx import Presentation

from playbook.cli import main
from playbook.errors import TemplateError
from playbook.render.templates import (
    REQUIRED_DOCX_STYLES,
    REQUIRED_PPTX_LAYOUTS,
    check_templates,
    load_docx_template,
    load_pptx_template,
)


def test_the_house_templates_are_complete(templates):
    assert check_templates(templates) == []


def test_the_house_deck_template_is_widescreen_with_exactly_the_named_layouts(templates):
    presentation = Presentation(str(templates / "house.pptx"))
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    assert len(presentation.slides) == 0
    assert [layout.name for layout in presentation.slide_layouts] == list(REQUIRED_PPTX_LAYOUTS)


def test_content_placeholders_never_overlap_the_title(templates):
    presentation = Presentation(str(templates / "house.pptx"))
    for layout in presentation.slide_layouts:
        title = next((ph for ph in layout.placeholders
                      if ph.placeholder_format.type in (1, 3)), None)
        for ph in layout.placeholders:
            if title is None or ph.placeholder_format.idx in (0, 11, 12):
                continue
            assert ph.top >= title.top + title.height, (layout.name, ph.name)
            assert ph.top + ph.height <= presentation.slide_height


def test_the_house_report_template_is_a4_with_every_style(templates):
    document = open_docx(str(templates / "house.docx"))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    names = {style.name for style in document.styles}
    assert set(REQUIRED_DOCX_STYLES) <= names
    assert len(document.paragraphs) == 0, "the template body must be empty"


@pytest.fixture
def broken(tmp_path, templates):
    """A copy of the house templates without one layout and two styles."""
    shutil.copy(templates / "house.pptx", tmp_path / "house.pptx")
    shutil.copy(templates / "house.docx", tmp_path / "house.docx")
    presentation = Presentation(str(tmp_path / "house.pptx"))
    layout = next(lay for lay in presentation.slide_layouts if lay.name == "Two Content")
    presentation.slide_layouts.remove(layout)
    presentation.save(str(tmp_path / "house.pptx"))
    document = open_docx(str(tmp_path / "house.docx"))
    for name in ("Caption", "Key Message"):
        style = document.styles[name]
        style.element.getparent().remove(style.element)
    document.save(str(tmp_path / "house.docx"))
    return tmp_path


def test_check_templates_names_exactly_what_is_missing(broken):
    assert sorted(check_templates(broken)) == sorted([
        "house.docx: style 'Caption' is missing",
        "house.docx: style 'Key Message' is missing",
        "house.pptx: layout 'Two Content' is missing",
    ])


def test_a_layout_without_its_placeholders_is_reported(tmp_path, templates):
    shutil.copy(templates / "house.docx", tmp_path / "house.docx")
    presentation = Presentation(str(templates / "house.pptx"))
    layout = next(lay for lay in presentation.slide_layouts if lay.name == "Two Content")
    right = sorted((ph for ph in layout.placeholders if ph.placeholder_format.idx in (1, 2)),
                   key=lambda ph: ph.left)[1]
    right._element.getparent().remove(right._element)
    presentation.save(str(tmp_path / "house.pptx"))
    assert check_templates(tmp_path) == [
        "house.pptx: layout 'Two Content' has 1 body placeholder, expected 2"]


def test_loading_an_incomplete_template_fails_listing_every_missing_piece(broken):
    with pytest.raises(TemplateError) as error:
        load_pptx_template(broken)
    assert "layout 'Two Content' is missing" in str(error.value)
    with pytest.raises(TemplateError) as error:
        load_docx_template(broken)
    assert "'Caption'" in str(error.value) and "'Key Message'" in str(error.value)


def test_cli_check_templates_prints_ok_or_the_problems_with_exit_2(broken, templates, capsys):
    assert main(["check-templates", str(templates)]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["check-templates", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "layout 'Two Content' is missing" in err
    assert "style 'Caption' is missing" in err


def test_cli_check_templates_defaults_to_the_repository_templates(capsys):
    assert main(["check-templates"]) == 0
    assert "OK" in capsys.readouterr().out


def test_each_load_is_a_fresh_copy_that_writing_cannot_alter(templates):
    first = load_docx_template(templates)
    first.add_paragraph("brouillon")
    first.styles["Normal"].font.size = None
    again = load_docx_template(templates)
    assert "brouillon" not in [p.text for p in again.paragraphs]
    deck = load_pptx_template(templates)
    deck.slides.add_slide(deck.slide_layouts[0])
    assert len(load_pptx_template(templates).slides) == 0


def test_a_template_edited_between_two_renders_is_read_again(tmp_path, templates):
    shutil.copy(templates / "house.docx", tmp_path / "house.docx")
    shutil.copy(templates / "house.pptx", tmp_path / "house.pptx")
    assert load_docx_template(tmp_path).styles["Key Message"] is not None
    document = open_docx(str(tmp_path / "house.docx"))
    style = document.styles["Key Message"]
    style.element.getparent().remove(style.element)
    document.save(str(tmp_path / "house.docx"))
    with pytest.raises(TemplateError, match="Key Message"):
        load_docx_template(tmp_path)
