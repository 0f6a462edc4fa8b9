"""Rendering: deliverables described as an intermediate representation (`ir`),
written into the house Word and PowerPoint templates.

    from playbook.render import Document, Heading, Paragraph, write_docx
    write_docx(Document(title="Note de cadrage", client="…", blocks=[…]), "note.docx")

The writers know nothing of the method or of notebooks: they lay out what they
are given, in the template's styles and layouts (found by name, never guessed).
"""

from .docx import write_docx
from .ir import (
    Block,
    BulletItem,
    Bullets,
    BulletSlide,
    Chart,
    ChartSlide,
    ClosingSlide,
    CoverSlide,
    Deck,
    Document,
    Figure,
    Heading,
    KeyMessages,
    KeyMessagesSlide,
    PageBreak,
    Paragraph,
    Point,
    Quadrants,
    SectionSlide,
    Series,
    Slide,
    Table,
    TableSlide,
    Task,
    TwoContentSlide,
)
from .pptx import write_pptx
from .templates import check_templates, default_template_dir

__all__ = [
    "Block", "BulletItem", "BulletSlide", "Bullets", "Chart", "ChartSlide", "ClosingSlide",
    "CoverSlide", "Deck", "Document", "Figure", "Heading", "KeyMessages", "KeyMessagesSlide",
    "PageBreak", "Paragraph", "Point", "Quadrants", "SectionSlide", "Series", "Slide", "Table",
    "TableSlide", "Task", "TwoContentSlide", "check_templates", "default_template_dir",
    "write_docx", "write_pptx",
]
