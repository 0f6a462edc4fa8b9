"""Generated files open in LibreOffice: converted to PDF, with the expected page counts."""

from __future__ import annotations

import pytest

from playbook.render import Deck, Document, Heading, PageBreak, write_docx, write_pptx
from playbook.render.ir import BulletSlide, CoverSlide
from playbook.render.verify import ConversionError, convert_to_pdf, pdf_page_count

pytestmark = pytest.mark.libreoffice


def test_a_report_converts_with_one_page_per_break(tmp_path, templates):
    document = Document("Note de cadrage", client="Client Fictif SA",
                        blocks=[Heading("Contexte"), PageBreak(), Heading("Objectifs")])
    pdf = convert_to_pdf(write_docx(document, tmp_path / "note.docx", templates), tmp_path)
    assert pdf_page_count(pdf) == 3  # cover, context, objectives


def test_a_deck_converts_with_one_page_per_slide(tmp_path, templates):
    deck = Deck("Plan Change", client="Client Fictif SA",
                slides=[CoverSlide(), BulletSlide("Leviers", ["Comprendre", "Vouloir"])])
    pdf = convert_to_pdf(write_pptx(deck, tmp_path / "deck.pptx", templates), tmp_path)
    assert pdf_page_count(pdf) == 2


def test_the_specimen_deck_with_every_chart_kind_converts_completely(specimen_pptx, tmp_path):
    from pptx import Presentation

    slides = len(Presentation(str(specimen_pptx)).slides)
    assert pdf_page_count(convert_to_pdf(specimen_pptx, tmp_path)) == slides


def test_a_file_libreoffice_cannot_read_is_a_conversion_error(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConversionError):
        pdf_page_count(convert_to_pdf(broken, tmp_path / "out"))
