"""Raw WordprocessingML for the Word writer: paragraphs, runs, tables, numbering.

Built as XML directly: python-docx's proxies resolve styles and fonts on every
call, which made thousands of table cells most of a report's writing time. A
table is written as one string and parsed once: an element per cell property,
paragraph and run made its writing the most of a report's after its charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import element_class_lookup
from lxml import etree

from ..text import bold_runs

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph as DocxParagraph

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """A child element `tag` ("w:name") with `w:`-qualified attributes."""
    return etree.SubElement(parent, qn(tag), {qn(f"w:{k}"): v for k, v in attributes.items()})


qn = lru_cache(maxsize=256)(qn)  # a table writes the same few names thousands of times
quoteattr = lru_cache(maxsize=256)(quoteattr)  # and the same few styles, colours and alignments


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


def runs_xml(text: str, bold: bool = False, colour: str | None = None) -> str:
    """`text` as the runs `add_runs` writes (**bold** markers as bold runs), in XML."""
    out: list[str] = []
    for part, strong in bold_runs(text):
        out.append("<w:r>")
        if strong or bold or colour:
            out.append("<w:rPr>")
            if strong or bold:
                out.append("<w:b/>")
            if colour:
                out.append(f"<w:color w:val={quoteattr(colour)}/>")
            out.append("</w:rPr>")
        # tabs and line breaks as python-docx writes them: w:tab, w:br, text between
        for piece, mark in _run_pieces(part):
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                out.append(f"<w:t{space}>{escape(piece)}</w:t>")
            if mark:
                out.append(mark)
        out.append("</w:r>")
    return "".join(out)


def _run_pieces(text: str) -> list[tuple[str, str]]:
    """(text, the mark after it: "<w:tab/>", "<w:br/>" or "") pieces of a run's text."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return [(text, "")]
    pieces: list[tuple[str, str]] = []
    start = 0
    for index, char in enumerate(text):
        if char in "\t\r\n":
            pieces.append((text[start:index], "<w:tab/>" if char == "\t" else "<w:br/>"))
            start = index + 1
    pieces.append((text[start:], ""))
    return pieces


def cell_xml(text: str, width: int, style_id: str | None, align: str, *, span: int | None = None,
             fill: str | None = None, keep: bool = False, bold: bool = False,
             colour: str | None = None) -> str:
    """A table cell `width` twips wide holding one paragraph of `text`, in XML."""
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span is not None:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill={quoteattr(fill)}/>')
    style = "" if style_id is None else f"<w:pStyle w:val={quoteattr(style_id)}/>"
    keep_next = "<w:keepNext/>" if keep else ""
    return (f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p><w:pPr>{style}{keep_next}"
            f"<w:jc w:val={quoteattr(align)}/></w:pPr>{runs_xml(text, bold, colour)}</w:p></w:tc>")


def row_xml(cells: Sequence[str], whole: bool, header: bool) -> str:
    """A table row of `cells` (XML), kept on one page if `whole`, repeated if `header`."""
    props = ("<w:cantSplit/>" if whole else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table_element(style_id: str | None, widths: list[int], rows: Sequence[str] = ()) -> etree._Element:
    """A table in `style_id` with fixed column widths (twips), so Word and
    LibreOffice agree on them, holding `rows` (`row_xml`)."""
    style = "" if not style_id else f"<w:tblStyle w:val={quoteattr(style_id)}/>"
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" '
           'w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
           f'w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    return etree.fromstring(xml, _PARSER)


# python-docx's element classes, and every character kept (its own parser drops
# whitespace-only text)
_PARSER = etree.XMLParser(resolve_entities=False)
_PARSER.set_element_class_lookup(element_class_lookup)


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
