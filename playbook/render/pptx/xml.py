"""Raw DrawingML for the deck writer: runs, fills, insets and inherited sizes.

Built as XML directly where python-pptx's proxies are slow (thousands of table
cells) or do not reach (insets and sizes inherited from a layout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from pptx.util import Emu

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.text.text import TextFrame, _Paragraph

from ..palette import hex_colour
from ..text import bold_runs

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}   # the spell checker's language per run
DEFAULT_INSET = 91440                           # PowerPoint's 0.1 inch text inset
TITLE_SIZE = 26                                 # when the template does not say


def write_runs(p: etree._Element, text: str, lang: str, size: float | None, bold: bool | None = None,
                colour: str | None = None, italic: bool | None = None) -> None:
    """Replace the runs of paragraph element `p` with `text` (with **bold** markers).

    Built as XML directly: python-pptx's font proxies cost more than the rest of
    a deck's writing put together, for thousands of table cells.
    """
    for child in list(p):
        if child.tag != f"{A}pPr":
            p.remove(child)
    for part, strong in bold_runs(text):
        r = etree.SubElement(p, f"{A}r")
        r_pr = etree.SubElement(r, f"{A}rPr", lang=lang)
        if size:
            r_pr.set("sz", str(round(size * 100)))
        if strong or bold is not None:
            r_pr.set("b", "1" if strong or bold else "0")
        if italic is not None:
            r_pr.set("i", "1" if italic else "0")
        if colour:
            solid_fill(r_pr, colour)
        etree.SubElement(r, f"{A}t")
        r.text = part  # python-pptx escapes what XML cannot hold
    if not bold_runs(text):
        # an empty line is as tall as its end mark: with an empty run instead, LibreOffice
        # gives an empty table cell the default 18 pt, and its row outgrows its height
        end = etree.SubElement(p, f"{A}endParaRPr", lang=lang)
        if size:
            end.set("sz", str(round(size * 100)))


def solid_fill(parent: etree._Element, colour: str) -> None:
    """A solid fill of `colour` as `parent`'s first child (where the schema wants fills)."""
    fill = etree.Element(f"{A}solidFill")
    etree.SubElement(fill, f"{A}srgbClr", val=hex_colour(colour)[1:])
    parent.insert(0, fill)


def insets(shape: BaseShape) -> tuple[int, int]:
    """Left and right text insets of a shape (EMU), following the layout when unset."""
    body = shape._element.find(f".//{A}bodyPr")
    values = []
    for attribute in ("lIns", "rIns"):
        value = body.get(attribute) if body is not None else None
        if value is None and hasattr(shape, "_base_placeholder"):
            base = shape._base_placeholder
            if base is not None:
                return insets(base)
        values.append(int(value) if value is not None else DEFAULT_INSET)
    return values[0], values[1]


def title_size(placeholder: BaseShape) -> int:
    return run_size(placeholder) or TITLE_SIZE


def run_size(shape: BaseShape) -> int | None:
    """The first-level font size a placeholder inherits from its layout's list style."""
    node: BaseShape | None = shape
    while node is not None:
        found = node._element.xpath(".//a:lstStyle/a:lvl1pPr/a:defRPr/@sz")
        if found:
            return int(found[0]) // 100
        node = getattr(node, "_base_placeholder", None)
    return None


def no_bullet(paragraph: _Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    etree.SubElement(ppr, f"{A}buNone")


def zero_insets(frame: TextFrame) -> None:
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
