"""Write a `Document` into the house Word template: `write_docx(document, path, template_dir)`.

What the reader gets: a cover page (title, subtitle, client, date,
confidentiality), then the blocks in the template's styles, found by name;
real Word tables in the template's table style with a repeated header row and
rows that never split across pages; numeric columns right-aligned; heat-map
cells shaded; figures as crisp images at the text width with their captions;
the client's name and the confidentiality label in every page header, page
numbers in the footer. Every string is sanitised and typeset for the
document's language, which is also set for the spell checker.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt, RGBColor

from ..files import atomic_path
from . import fit
from .charts import figure_height, is_dark, render_png
from .ir import (
    BulletItem,
    Bullets,
    Document,
    Figure,
    Heading,
    KeyMessages,
    PageBreak,
    Paragraph,
    Table,
)
from .labels import Labels, default_labels
from .palette import palette_from_template
from .tables import cell_text, column_alignments, column_widths, longest_words
from .templates import DOCX_NAME, default_template_dir, load_docx_template
from .text import bold_runs
from .typography import format_date, prepare

_PARAGRAPH_STYLES = {"body": "Normal", "quote": "Quote", "caption": "Caption",
                     "key_message": "Key Message"}
_LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER}


def write_docx(document: Document, path: str | Path, template_dir: str | Path | None = None,
               labels: Labels | None = None) -> Path:
    """Render `document` to `path` (written atomically) in the template of `template_dir`."""
    directory = Path(template_dir) if template_dir else default_template_dir()
    writer = _DocxWriter(document, directory, labels or default_labels())
    writer.cover()
    for block in document.blocks:
        writer.add(block)
    return writer.save(Path(path))


class _DocxWriter:
    def __init__(self, document: Document, template_dir: Path, labels: Labels):
        self.source = document
        self.lang = document.lang
        self.labels = labels
        self.doc = load_docx_template(template_dir)
        self.palette = palette_from_template(template_dir / DOCX_NAME)
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        section = self.doc.sections[-1]
        self.text_width = section.page_width - section.left_margin - section.right_margin
        self.confidentiality = self.text(
            document.confidentiality or labels.text("render.confidential", self.lang))
        self._set_language()
        self._fill_header_footer()

    def text(self, value: object) -> str:
        return prepare(value, self.lang)

    # ------------------------------------------------------------------ frame

    def _set_language(self) -> None:
        """The document's proofing language, so Word spell-checks French as French."""
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        if rpr is None:
            return
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{_LANG_TAGS[self.lang]}" '
                             f'w:eastAsia="{_LANG_TAGS[self.lang]}" w:bidi="ar-SA"/>'))

    def _fill_header_footer(self) -> None:
        values = {"{client}": self.text(self.source.client),
                  "{confidentiality}": self.confidentiality,
                  "{title}": self.text(self.source.title),
                  "{page}": self.labels.text("render.page", self.lang)}
        for section in self.doc.sections:
            for part in (section.header, section.footer, section.first_page_header,
                         section.first_page_footer, section.even_page_header,
                         section.even_page_footer):
                if part.is_linked_to_previous:
                    continue
                paragraphs = list(part.paragraphs)
                for table in part.tables:
                    paragraphs += [p for row in table.rows for c in row.cells for p in c.paragraphs]
                for paragraph in paragraphs:
                    _replace_tokens(paragraph, values)

    def cover(self) -> None:
        source = self.source
        self.doc.add_paragraph(self.text(source.title), style="Cover Title")
        if source.subtitle:
            self.doc.add_paragraph(self.text(source.subtitle), style="Cover Subtitle")
        details = [self.text(source.client)]
        if source.date:
            details.append(format_date(source.date, self.lang))
        details.append(self.confidentiality)
        last = None
        for line in filter(None, details):
            last = self.doc.add_paragraph(line, style="Cover Details")
        if last is not None:
            last.add_run().add_break(WD_BREAK.PAGE)

    def save(self, path: Path) -> Path:
        props = self.doc.core_properties
        props.title = self.text(self.source.title)
        props.subject = self.text(self.source.client)
        props.author = self.text(self.source.author)
        props.last_modified_by = self.text(self.source.author)
        props.comments = ""
        props.language = _LANG_TAGS[self.lang]
        with atomic_path(path) as tmp:
            self.doc.save(str(tmp))
        return path

    # ------------------------------------------------------------------ blocks

    def add(self, block) -> None:
        handler = {Heading: self._heading, Paragraph: self._paragraph, Bullets: self._bullets,
                   Table: self._table, Figure: self._figure, KeyMessages: self._key_messages,
                   PageBreak: self._page_break}.get(type(block))
        if handler is None:
            raise TypeError(f"not a document block: {block!r}")
        handler(block)

    def _write(self, text: str, style: str):
        paragraph = self.doc.add_paragraph(style=self.doc.styles[style])
        for part, strong in bold_runs(self.text(text)):
            run = paragraph.add_run(part)
            if strong:
                run.bold = True
        return paragraph

    def _heading(self, heading: Heading) -> None:
        self._write(heading.text, f"Heading {heading.level}")

    def _paragraph(self, paragraph: Paragraph) -> None:
        self._write(paragraph.text, _PARAGRAPH_STYLES[paragraph.style])

    def _bullets(self, bullets: Bullets) -> None:
        base = "List Number" if bullets.numbered else "List Bullet"
        names = {s.name for s in self.doc.styles}
        num_id = self._restart_numbering(base) if bullets.numbered else None
        paragraph = None
        for bullet in bullets.items:
            item = bullet if isinstance(bullet, BulletItem) else BulletItem(str(bullet))
            level = max(0, min(2, item.level))
            style = base if level == 0 or f"{base} {level + 1}" not in names else (
                f"{base} {level + 1}")
            paragraph = self._write(item.text, style)
            if num_id is not None and level == 0:
                _set_num(paragraph, num_id, 0)
        if paragraph is not None:  # a list ends with the body's spacing, not the items'
            paragraph.paragraph_format.space_after = self.doc.styles["Normal"].paragraph_format.space_after

    def _restart_numbering(self, style_name: str) -> int | None:
        """A new numbering instance restarting at 1, so each numbered list counts from 1."""
        style = self.doc.styles[style_name]
        num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        current = numbering.num_having_numId(num_pr.numId.val)
        abstract = current.abstractNumId.val
        num = numbering.add_num(abstract)
        num.append(parse_xml(f'<w:lvlOverride {nsdecls("w")} w:ilvl="0">'
                             f'<w:startOverride w:val="1"/></w:lvlOverride>'))
        return num.numId

    def _key_messages(self, block: KeyMessages) -> None:
        if block.title:
            self._write(block.title, "Heading 3")
        paragraph = None
        for item in block.items:
            paragraph = self._write(item, "Key Message")
            paragraph.paragraph_format.space_after = Pt(5)
        if paragraph is not None:
            # the box's bottom padding, then the body's spacing below the box
            paragraph.paragraph_format.space_after = Pt(4)
            spacer = self.doc.add_paragraph(style=self.doc.styles["Normal"])
            spacer.paragraph_format.space_after = Pt(2)
            spacer.paragraph_format.line_spacing = 0.5

    def _page_break(self, _: PageBreak) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _figure(self, figure: Figure) -> None:
        width_in = self.text_width / 914400
        height_in = min(figure_height(figure.chart, width_in), 8.0)
        png = render_png(figure.chart, self.lang, width_in, self.palette, height_in)
        paragraph = self.doc.add_paragraph(style=self.doc.styles["Normal"])
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = 0
        paragraph.add_run().add_picture(io.BytesIO(png), width=Emu(self.text_width))
        if figure.caption:
            self._write(figure.caption, "Caption")

    def _table(self, table: Table) -> None:
        if table.caption:
            caption = self._write(table.caption, "Caption")
            caption.paragraph_format.keep_with_next = True
        texts = [[cell_text(v, self.lang) for v in row] for row in table.rows]
        header = [self.text(c) for c in table.columns]
        align = column_alignments(table, texts)
        minimum = [int((fit.text_width(word, 9, bold=True) * fit.SAFETY + 11) * 12700)
                   for word in longest_words(header, texts)]
        widths = column_widths(table, header, texts, self.text_width, minimum)
        word_table = self.doc.add_table(rows=len(texts) + 1, cols=len(header))
        word_table.style = self.doc.styles["Playbook Table"]
        word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
        word_table.autofit = False
        _fixed_layout(word_table, widths)
        for r, row in enumerate(word_table.rows):
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
            if r == 0:
                tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
            values = header if r == 0 else texts[r - 1]
            for c, cell in enumerate(row.cells):
                cell.width = widths[c]
                paragraph = cell.paragraphs[0]
                paragraph.style = self.doc.styles["Table Text"]
                paragraph.alignment = _ALIGN[align[c]]
                fill = table.cell_fills[r - 1][c] if r and table.cell_fills else None
                if r == 0:  # direct formatting: paragraph styles would override the table's
                    fill = self.palette.title
                for part, strong in bold_runs(values[c]):
                    run = paragraph.add_run(part)
                    if strong or r == 0:
                        run.bold = True
                    if fill and is_dark(fill):
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                if fill:
                    cell._tc.get_or_add_tcPr().append(parse_xml(
                        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                        f'w:fill="{fill.lstrip("#").upper()}"/>'))
        # breathing space after the table, before the next block
        spacer = self.doc.add_paragraph(style=self.doc.styles["Normal"])
        spacer.paragraph_format.space_after = 0



def _replace_tokens(paragraph, values: dict[str, str]) -> None:
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


def _set_num(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id



def _fixed_layout(table, widths: list[int]) -> None:
    """Fixed column widths (twips in the grid), so Word and LibreOffice agree."""
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = parse_xml(f'<w:tblW {nsdecls("w")}/>')
        tbl_pr.append(width)
    width.set(qn("w:w"), str(sum(widths) // 635))
    width.set(qn("w:type"), "dxa")
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(value // 635))
