"""Raw WordprocessingML for the Word writer: paragraphs, runs, tables, numbering.

Built as XML directly: python-docx's proxies resolve styles and fonts on every
call, which made thousands of table cells most of a report's writing time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ..text import bold_runs

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph as DocxParagraph

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """A child element `tag` ("w:name") with `w:`-qualified attributes."""
    return etree.SubElement(parent, qn(tag), {qn(f"w:{k}"): v for k, v in attributes.items()})


qn = lru_cache(maxsize=256)(qn)  # a table writes the same few names thousands of times


def styled_p(style_id: str | None) -> etree._Element:
    p = OxmlElement("w:p")
    if style_id is not None:
        sub(sub(p, "w:pPr"), "w:pStyle", val=style_id)
    return p


def add_runs(p: etree._Element, text: str, bold: bool = False, colour: str | None = None,
              markers: bool = True) -> None:
    """`text` as runs of paragraph element `p`; **bold** markers become bold runs."""
    for part, strong in (bold_runs(text) if markers else [(text, False)]):
        r = sub(p, "w:r")
        if strong or bold or colour:
            r_pr = sub(r, "w:rPr")
            if strong or bold:
                sub(r_pr, "w:b")
            if colour:
                sub(r_pr, "w:color", val=colour)
        if "\t" in part or "\n" in part or "\r" in part:
            r.text = part  # python-docx turns tabs and line breaks into w:tab and w:br
        else:
            t = sub(r, "w:t")
            t.text = part
            if part != part.strip():
                t.set(XML_SPACE, "preserve")


def table_element(style_id: str | None, widths: list[int]) -> etree._Element:
    """An empty table in `style_id` with fixed column widths (twips), so Word and
    LibreOffice agree on them."""
    tbl = OxmlElement("w:tbl")
    tbl_pr = sub(tbl, "w:tblPr")
    if style_id:
        sub(tbl_pr, "w:tblStyle", val=style_id)
    sub(tbl_pr, "w:tblW", w=str(sum(widths)), type="dxa")
    sub(tbl_pr, "w:jc", val="left")
    sub(tbl_pr, "w:tblLayout", type="fixed")
    sub(tbl_pr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
         lastColumn="0", noHBand="0", noVBand="1")
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", w=str(width))
    return tbl


def replace_tokens(paragraph: DocxParagraph, values: dict[str, str]) -> None:
    for run in paragraph.runs:
        for token, value in values.items():
            if token in run.text:
                run.text = run.text.replace(token, value)
    text = paragraph.text
    if any(token in text for token in values):  # a token split across runs by Word
        runs = [r for r in paragraph.runs if r._r.find(qn("w:t")) is not None]
        merged = "".join(r.text for r in runs)
        for token, value in values.items():
            merged = merged.replace(token, value)
        runs[0].text = merged
        for run in runs[1:]:
            run._r.getparent().remove(run._r)


def set_num(paragraph: DocxParagraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
