"""Colours: one form for every writer, and text that reads on any fill."""

from __future__ import annotations

import pytest

from playbook.render.palette import HOUSE, hex_colour, is_dark, palette_from_template, text_on


@pytest.mark.parametrize("given", ["0E4D64", "#0E4D64", "0e4d64", " #0e4d64 "])
def test_a_colour_is_accepted_with_or_without_its_hash(given):
    assert hex_colour(given) == "#0E4D64"


@pytest.mark.parametrize("given", ["blue", "#12345", "12345G", "", None])
def test_a_malformed_colour_is_refused_with_the_expected_forms(given):
    with pytest.raises(ValueError, match="RRGGBB or #RRGGBB"):
        hex_colour(given)


def test_text_is_white_on_dark_fills_and_dark_on_light_ones():
    assert is_dark("0E4D64") and is_dark("#0E4D64")
    assert text_on("0E4D64", HOUSE.text) == "#FFFFFF"
    assert text_on("#EEF3F5", HOUSE.text) == HOUSE.text
    assert text_on("E3A72F", HOUSE.text) == HOUSE.text  # the highlight is light enough


def test_the_template_theme_gives_the_chart_colours(templates):
    palette = palette_from_template(templates / "house.docx")
    assert palette.title.startswith("#") and len(palette.title) == 7
    assert len(palette.accents) == 6
    assert palette_from_template(templates / "absent.docx") == HOUSE


def test_a_status_fill_is_named_and_drawn_in_the_templates_one_red_amber_green(tmp_path,
                                                                               templates):
    from docx import Document as open_docx
    from pptx import Presentation

    from playbook.render import Deck, Document, Table, TableSlide, write_docx, write_pptx
    from playbook.render.palette import rag_fill

    table = Table(["Critère", "État"], [["Adoption", "vert"], ["Qualité", "orange"]],
                  cell_fills=[[None, rag_fill("green")], [None, rag_fill("amber")]])
    palette = palette_from_template(templates / "house.pptx")
    green, amber, _red = (c.lstrip("#").upper() for c in palette.rag)
    docx = write_docx(Document("Note", blocks=[table]), tmp_path / "n.docx", templates)
    xml = open_docx(str(docx)).tables[0]._tbl.xml
    assert f'w:fill="{green}"' in xml and f'w:fill="{amber}"' in xml
    pptx = write_pptx(Deck("Plan", slides=[TableSlide("Critères", table)]), tmp_path / "d.pptx",
                      templates)
    shape = next(s for s in Presentation(str(pptx)).slides[0].shapes if s.has_table)
    assert f'val="{green}"' in shape._element.xml and f'val="{amber}"' in shape._element.xml
    with pytest.raises(ValueError):
        rag_fill("orange")


def test_a_firm_sets_its_red_amber_green_in_its_theme_custom_colours():
    from lxml import etree

    from playbook.render.palette import HOUSE_RAG, _rag

    theme = etree.fromstring(
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:custClrLst><a:custClr name="RAG Amber"><a:srgbClr val="ffbf00"/></a:custClr>'
        '</a:custClrLst></a:theme>')
    assert _rag(theme) == (HOUSE_RAG[0], "#FFBF00", HOUSE_RAG[2])
