"""Build the house templates `house.docx` and `house.pptx` from code.

Run from the repository root:

    .venv/bin/python templates/build_templates.py [OUTPUT_DIR]

The templates are committed as binaries (a firm replaces them with its own,
keeping the style and layout names checked by `playbook check-templates`); this
script makes the house style reproducible and reviewable. It starts from the
blank documents shipped with python-docx and python-pptx and rewrites styles,
theme, slide master and layouts explicitly, so nothing of the default look leaks
into a client deliverable.

House style: sober consulting look, one deep-teal accent and one amber
highlight, Arial (metric-compatible with Liberation Sans, so LibreOffice lays
text out exactly as Word and PowerPoint do).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as PPTX_RT
from pptx.util import Emu, Inches

FONT = "Arial"
TEAL = "0E4D64"      # accent: titles, table headers, chart series 1
AMBER = "E3A72F"     # highlight: rules, key figures, milestones
INK = "262F36"       # body text
GREY = "5F6B73"      # secondary text, captions, footers
RULE = "C9D3D8"      # hairlines
MIST = "EEF3F5"      # light fills: table banding, key messages
ACCENTS = (TEAL, AMBER, "4F9DB5", "8A969E", "A8D0DB", "B5533C")

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


# --------------------------------------------------------------------------- theme


def theme_xml(theme: bytes) -> bytes:
    """The Office theme with the house colours and Arial as heading and body font."""
    root = etree.fromstring(theme)
    ns = {"a": A_NS}
    scheme = root.find(".//a:clrScheme", ns)
    scheme.set("name", "Playbook House")
    colours = {"dk1": INK, "lt1": "FFFFFF", "dk2": TEAL, "lt2": MIST,
               **{f"accent{i + 1}": c for i, c in enumerate(ACCENTS)},
               "hlink": TEAL, "folHlink": GREY}
    for name, value in colours.items():
        slot = scheme.find(f"a:{name}", ns)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A_NS}}}srgbClr", val=value)
    fonts = root.find(".//a:fontScheme", ns)
    fonts.set("name", "Playbook House")
    for latin in fonts.iterfind("./*/a:latin", ns):
        latin.set("typeface", FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- Word


def _fonts(style, size: float, colour: str = INK, bold: bool | None = None,
           italic: bool | None = None) -> None:
    """Explicit font on a style, dropping theme-font references that would win over it."""
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
                            f'w:cs="{FONT}" w:eastAsia="{FONT}"/>'))
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor.from_string(colour)
    style.font.bold = bold
    style.font.italic = italic


def _spacing(style, before: float = 0, after: float = 6, line: float | None = None,
             keep_next: bool = False) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    fmt.keep_with_next = keep_next


def _borders(style, **sides: tuple[int, str, int]) -> None:
    """Paragraph borders: side=(size in eighths of a point, colour, space in points)."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    inner = "".join(f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{colour}"/>'
                    for side, (size, colour, space) in sides.items())
    if inner:
        ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}>{inner}</w:pBdr>'))
    _reorder_ppr(ppr)


def _shading(style, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))
    _reorder_ppr(ppr)


_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"]


def _reorder_ppr(ppr) -> None:
    """Word rejects pPr children out of schema order: sort them."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        ppr.remove(child)
        ppr.append(child)


def _paragraph_style(document, name: str, base: str = "Normal"):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if name != base else None
    style.quick_style = True
    return style


def _table_style(document) -> None:
    """'Playbook Table': hairline rows, shaded teal header, light banding."""
    cell_margins = ('<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
                    '</w:tblCellMar>')
    xml = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="PlaybookTable">
  <w:name w:val="Playbook Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:color w:val="{INK}"/>
    <w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="{TEAL}"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{TEAL}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
    </w:tblBorders>
    {cell_margins}
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{TEAL}"/>
      <w:vAlign w:val="bottom"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band2Horz">
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{MIST}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""
    document.styles.element.append(parse_xml(xml))


def _field_runs(instruction: str) -> str:
    """A complex field (begin / instruction / separate / placeholder / end)."""
    rpr = f'<w:rPr><w:color w:val="{GREY}"/><w:sz w:val="16"/></w:rPr>'
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{rpr}<w:t>1</w:t></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


def _header_footer(document) -> None:
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    section.different_first_page_header_footer = True  # the cover page stays clean

    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run("{client}")
    header.add_run("\t")
    header.add_run("{confidentiality}")

    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("{title}")
    footer.add_run("\t")
    footer.add_run("{page}")
    footer.add_run(" ")
    for run in parse_xml(f'<w:p {nsdecls("w")}>{_field_runs("PAGE")}</w:p>'):
        footer._p.append(run)


def build_docx(path: Path) -> None:
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.3)
    section.left_margin = section.right_margin = Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.1), Cm(1.0)

    styles = document.styles
    normal = styles["Normal"]
    _fonts(normal, 10.5)
    _spacing(normal, after=6, line=1.15)

    for name, size, colour, bold, before, after in (
        ("Heading 1", 16, TEAL, True, 18, 8),
        ("Heading 2", 13, TEAL, True, 14, 6),
        ("Heading 3", 11, INK, True, 10, 4),
    ):
        style = _paragraph_style(document, name)
        _fonts(style, size, colour, bold=bold, italic=False)
        _spacing(style, before, after, line=1.0, keep_next=True)
        style.paragraph_format.keep_together = True

    title = _paragraph_style(document, "Title")
    _fonts(title, 24, TEAL, bold=True)
    _spacing(title, 0, 4, line=1.0)
    _borders(title)
    subtitle = _paragraph_style(document, "Subtitle")
    _fonts(subtitle, 13, GREY, bold=False, italic=False)
    _spacing(subtitle, 0, 12, line=1.0)

    caption = _paragraph_style(document, "Caption")
    _fonts(caption, 8.5, GREY, bold=False, italic=True)
    _spacing(caption, 4, 12, line=1.0)

    quote = _paragraph_style(document, "Quote")
    _fonts(quote, 10.5, GREY, bold=False, italic=True)
    _spacing(quote, 6, 10)
    quote.paragraph_format.left_indent = Cm(0.6)
    quote.paragraph_format.right_indent = Cm(0.6)
    _borders(quote, left=(18, AMBER, 8))

    for name in ("List Bullet", "List Number"):
        style = _paragraph_style(document, name)
        _spacing(style, 0, 3, line=1.15)

    cover_title = _paragraph_style(document, "Cover Title")
    _fonts(cover_title, 30, TEAL, bold=True)
    _spacing(cover_title, 150, 10, line=1.0)
    cover_subtitle = _paragraph_style(document, "Cover Subtitle")
    _fonts(cover_subtitle, 15, GREY)
    _spacing(cover_subtitle, 0, 36, line=1.1)
    _borders(cover_subtitle, bottom=(24, AMBER, 14))
    cover_details = _paragraph_style(document, "Cover Details")
    _fonts(cover_details, 11, INK)
    _spacing(cover_details, 0, 3, line=1.1)

    key = _paragraph_style(document, "Key Message")
    _fonts(key, 10.5, INK, bold=False)
    _spacing(key, 2, 2, line=1.15)
    key.paragraph_format.left_indent = Cm(0.35)
    key.paragraph_format.right_indent = Cm(0.2)
    _borders(key, left=(24, TEAL, 8), top=(2, MIST, 4), bottom=(2, MIST, 4), right=(2, MIST, 4))
    _shading(key, MIST)

    table_text = _paragraph_style(document, "Table Text")
    _fonts(table_text, 9, INK)
    _spacing(table_text, 0, 0, line=1.0)

    for name in ("Header", "Footer"):
        style = _paragraph_style(document, name)
        _fonts(style, 8, GREY)
        _spacing(style, 0, 0, line=1.0)
        for tabs in style.element.pPr.findall(qn("w:tabs")):  # Letter-size stops of the default
            style.element.pPr.remove(tabs)
    _borders(styles["Header"], bottom=(4, RULE, 4))

    _table_style(document)
    _header_footer(document)

    package = document.part.package
    _drop_thumbnail(package.rels, DOCX_RT.THUMBNAIL)
    theme = next(p for p in package.iter_parts() if p.partname.endswith("theme1.xml"))
    theme._blob = theme_xml(theme.blob)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = "Playbook house style", "", ""
    props.comments = "House template of the playbook deliverables (Word)."
    document.save(str(path))


# --------------------------------------------------------------------------- PowerPoint

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSDECL = f'xmlns:a="{A_NS}" xmlns:p="{P_NS}"'
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, exactly 16:9
MARGIN = Inches(0.6)
CONTENT_W = SLIDE_W - 2 * MARGIN

# Geometry shared by every content layout: title band, content area, footer band.
TITLE_BOX = (MARGIN, Inches(0.4), CONTENT_W, Inches(0.95))
RULE_BOX = (MARGIN, Inches(1.42), Inches(0.9), Inches(0.05))
BODY_BOX = (MARGIN, Inches(1.65), CONTENT_W, Inches(4.95))
GAP = Inches(0.45)
HALF_W = (CONTENT_W - GAP) // 2
FOOTER_Y, FOOTER_H = Inches(6.93), Inches(0.32)
FOOTER_BOX = (MARGIN, FOOTER_Y, Inches(9.5), FOOTER_H)
NUMBER_BOX = (SLIDE_W - MARGIN - Inches(1.2), FOOTER_Y, Inches(1.2), FOOTER_H)


def _xfrm(box) -> str:
    x, y, w, h = (int(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _colour(value: str) -> str:
    if value in {"bg1", "tx1", "tx2", "bg2", "accent1", "accent2"}:
        return f'<a:solidFill><a:schemeClr val="{value}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{value}"/></a:solidFill>'


def _placeholder(shape_id: int, name: str, ph: str, box, *, anchor: str = "t",
                 size: int | None = None, colour: str | None = None, bold: bool | None = None,
                 align: str = "l", bullets: bool = True, prompt: str = "",
                 field: str = "", bullet_colour: str | None = None) -> str:
    """A placeholder `<p:sp>` with explicit geometry and, when given, its own text style."""
    defrpr_attrs = ""
    if size:
        defrpr_attrs += f' sz="{size * 100}"'
    if bold is not None:
        defrpr_attrs += f' b="{int(bold)}"'
    fill = _colour(colour) if colour else ""
    bullet = "" if bullets else "<a:buNone/>"
    if bullet_colour:
        bullet = f'<a:buClr><a:srgbClr val="{bullet_colour}"/></a:buClr>' + bullet
    indent = "" if bullets else ' marL="0" indent="0"'
    lst = (f'<a:lstStyle><a:lvl1pPr algn="{align}"{indent}>{bullet}'
           f'<a:defRPr{defrpr_attrs}>{fill}</a:defRPr></a:lvl1pPr></a:lstStyle>')
    if field:
        paragraph = (f'<a:p><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="{field}">'
                     f'<a:rPr lang="fr-FR"/><a:t>‹#›</a:t></a:fld></a:p>')
    elif prompt:
        paragraph = f'<a:p><a:r><a:rPr lang="fr-FR"/><a:t>{prompt}</a:t></a:r></a:p>'
    else:
        paragraph = '<a:p><a:endParaRPr lang="fr-FR"/></a:p>'
    return f"""
<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>
  <p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>
  <p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>
  <p:txBody><a:bodyPr vert="horz" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="{anchor}">
    <a:normAutofit/></a:bodyPr>{lst}{paragraph}</p:txBody></p:sp>"""


def _rect(shape_id: int, name: str, box, colour: str) -> str:
    return f"""
<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>
  </p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
  {_colour(colour)}<a:ln><a:noFill/></a:ln></p:spPr>
  <p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fr-FR"/></a:p></p:txBody></p:sp>"""


def _footer_shapes(start_id: int, light: bool = False) -> list[str]:
    colour = "D5E3E8" if light else GREY
    return [
        _placeholder(start_id, "Footer", '<p:ph type="ftr" sz="quarter" idx="11"/>', FOOTER_BOX,
                     anchor="ctr", size=9, colour=colour, bullets=False),
        _placeholder(start_id + 1, "Slide Number", '<p:ph type="sldNum" sz="quarter" idx="12"/>',
                     NUMBER_BOX, anchor="ctr", size=9, colour=colour, align="r", bullets=False,
                     field="slidenum"),
    ]


def _title(shape_id: int, box=TITLE_BOX, **style) -> str:
    style.setdefault("anchor", "b")
    return _placeholder(shape_id, "Title", '<p:ph type="title"/>', box, bullets=False,
                        prompt="Titre", **style)


def _body(shape_id: int, idx: int, box, name: str = "Content", **style) -> str:
    return _placeholder(shape_id, name, f'<p:ph type="body" idx="{idx}"/>', box,
                        prompt="Texte", **style)


def _layout_shapes() -> dict[str, tuple[str, list[str], str | None]]:
    """Layout name -> (layout type, shapes, background colour or None)."""
    left = (MARGIN, BODY_BOX[1], HALF_W, BODY_BOX[3])
    right = (MARGIN + HALF_W + GAP, BODY_BOX[1], HALF_W, BODY_BOX[3])
    content_frame = [_rect(20, "Title Rule", RULE_BOX, AMBER)]
    return {
        "Cover": ("title", [
            _rect(20, "Cover Band", (0, 0, Inches(0.35), SLIDE_H), AMBER),
            _placeholder(2, "Title", '<p:ph type="ctrTitle"/>',
                         (Inches(1.0), Inches(1.6), Inches(11.3), Inches(2.4)), anchor="b",
                         size=38, colour="bg1", bold=True, bullets=False, prompt="Titre"),
            _rect(21, "Cover Rule", (Inches(1.0), Inches(4.2), Inches(1.2), Inches(0.06)), AMBER),
            _placeholder(3, "Subtitle", '<p:ph type="subTitle" idx="1"/>',
                         (Inches(1.0), Inches(4.45), Inches(11.3), Inches(1.1)), size=20,
                         colour="D5E3E8", bold=False, bullets=False, prompt="Sous-titre"),
            _body(4, 13, (Inches(1.0), Inches(5.85), Inches(11.3), Inches(0.9)), "Details",
                  size=14, colour="bg1", bullets=False),
        ], TEAL),
        "Section": ("secHead", [
            _rect(20, "Section Band", (0, 0, Inches(0.35), SLIDE_H), TEAL),
            _title(2, (Inches(1.0), Inches(2.0), Inches(11.3), Inches(2.0)), size=34),
            _rect(21, "Section Rule", (Inches(1.0), Inches(4.2), Inches(1.2), Inches(0.06)), AMBER),
            _body(3, 1, (Inches(1.0), Inches(4.45), Inches(11.3), Inches(1.6)), size=18,
                  colour=GREY, bullets=False),
            *_footer_shapes(5),
        ], None),
        "Title and Content": ("obj", [
            _title(2), *content_frame, _body(3, 1, BODY_BOX), *_footer_shapes(5)], None),
        "Two Content": ("twoObj", [
            _title(2), *content_frame, _body(3, 1, left, "Left Content"),
            _body(4, 2, right, "Right Content"), *_footer_shapes(5)], None),
        "Title Only": ("titleOnly", [_title(2), *content_frame, *_footer_shapes(5)], None),
        "Closing": ("obj", [
            _rect(20, "Closing Band", (0, 0, Inches(0.35), SLIDE_H), AMBER),
            _title(2, (Inches(1.0), Inches(0.9), Inches(11.3), Inches(1.3)), size=32,
                   colour="bg1"),
            _rect(21, "Closing Rule", (Inches(1.0), Inches(2.4), Inches(1.2), Inches(0.06)), AMBER),
            _body(3, 1, (Inches(1.0), Inches(2.75), Inches(11.3), Inches(3.9)), size=18,
                  colour="bg1", bullet_colour=AMBER),
            *_footer_shapes(5, light=True),
        ], TEAL),
    }


def _replace_tree(element, shapes: list[str], background: str | None) -> None:
    csld = element.find(f"{{{P_NS}}}cSld")
    for old in csld.findall(f"{{{P_NS}}}bg"):
        csld.remove(old)
    if background:
        csld.insert(0, etree.fromstring(
            f'<p:bg {NSDECL}><p:bgPr>{_colour(background)}<a:effectLst/></p:bgPr></p:bg>'))
    tree = csld.find(f"{{{P_NS}}}spTree")
    for child in list(tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        tree.remove(child)
    for xml in shapes:
        tree.append(etree.fromstring(xml))


def _text_styles() -> str:
    """Master text styles: action titles, three bullet levels, quiet other text."""
    def level(n: int, size: int, char: str, mar: int, before: int, colour: str) -> str:
        return (f'<a:lvl{n}pPr marL="{mar}" indent="-228600" algn="l" rtl="0">'
                f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
                f'<a:spcBef><a:spcPts val="{before * 100}"/></a:spcBef>'
                f'<a:buClr><a:srgbClr val="{colour}"/></a:buClr>'
                f'<a:buFont typeface="{FONT}"/><a:buChar char="{char}"/>'
                f'<a:defRPr sz="{size * 100}" kern="1200"><a:solidFill><a:schemeClr val="tx1"/>'
                f'</a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl{n}pPr>')
    body = "".join([
        level(1, 18, "•", 228600, 9, TEAL),
        level(2, 16, "–", 457200, 4, GREY),
        level(3, 14, "·", 685800, 3, GREY),
    ] + [level(n, 14, "·", 228600 * n, 3, GREY) for n in range(4, 10)])
    return f"""
<p:txStyles {NSDECL}>
  <p:titleStyle><a:lvl1pPr algn="l" rtl="0"><a:lnSpc><a:spcPct val="95000"/></a:lnSpc>
    <a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>
    <a:defRPr sz="2600" b="1" kern="1200"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>
    <a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle>
  <p:bodyStyle>{body}</p:bodyStyle>
  <p:otherStyle><a:lvl1pPr algn="l"><a:defRPr sz="1400"><a:solidFill><a:schemeClr val="tx1"/>
    </a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:otherStyle>
</p:txStyles>"""


def build_pptx(path: Path) -> None:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    master = presentation.slide_master

    # Master: title, body and footers at the house geometry, house text styles.
    _replace_tree(master._element, [
        _title(2), _body(3, 1, BODY_BOX, "Text"), *_footer_shapes(5),
    ], None)
    old_styles = master._element.find(f"{{{P_NS}}}txStyles")
    master._element.replace(old_styles, etree.fromstring(_text_styles()))

    keep = {"Title Slide": "Cover", "Section Header": "Section",
            "Title and Content": "Title and Content", "Two Content": "Two Content",
            "Title Only": "Title Only", "Blank": "Closing"}
    specs = _layout_shapes()
    for layout in list(presentation.slide_layouts):
        if layout.name not in keep:
            presentation.slide_layouts.remove(layout)
            continue
        name = keep[layout.name]
        kind, shapes, background = specs[name]
        layout._element.set("type", kind)
        layout._element.find(f"{{{P_NS}}}cSld").set("name", name)
        _replace_tree(layout._element, shapes, background)

    # Order the layouts as a consultant reads them in the layout gallery.
    id_list = master._element.find(f"{{{P_NS}}}sldLayoutIdLst")
    by_name = {}
    for entry in list(id_list):
        rel_id = entry.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        by_name[master.part.related_part(rel_id).slide_layout.name] = entry
        id_list.remove(entry)
    for name in ("Cover", "Section", "Title and Content", "Two Content", "Title Only", "Closing"):
        id_list.append(by_name[name])

    theme = master.part.part_related_by(PPTX_RT.THEME)
    theme._blob = theme_xml(theme.blob)
    _drop_thumbnail(presentation.part.package._rels, PPTX_RT.THUMBNAIL)
    props = presentation.core_properties
    props.title, props.author, props.last_modified_by = "Playbook house style", "", ""
    props.comments = "House template of the playbook deliverables (PowerPoint, 16:9)."
    presentation.save(str(path))


def _drop_thumbnail(rels, reltype: str) -> None:
    """python-docx/pptx ship their own thumbnail image: a house template must not."""
    store = getattr(rels, "_rels", rels)
    for rel_id, rel in list(store.items()):
        if rel.reltype == reltype:
            del store[rel_id]


# Every zip entry gets this time, so a rebuild is byte for byte the committed file
# (python-docx/pptx stamp entries with the current time).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible(path: Path) -> None:
    """Rewrite the Office zip at `path` with fixed entry times, same order and content."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    rebuilt = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    rebuilt.replace(path)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    build_docx(out / "house.docx")
    build_pptx(out / "house.pptx")
    for name in ("house.docx", "house.pptx"):
        reproducible(out / name)
    print(f"wrote {out / 'house.docx'} and {out / 'house.pptx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


