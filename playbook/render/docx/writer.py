"""Write a `Document` into the house Word template: `write_docx(document, path, template_dir)`.

What the reader gets: a cover page (title, subtitle, client, date,
confidentiality), then the blocks in the template's styles, found by name;
real Word tables in the template's table style with a repeated header row,
columns as wide as their content asks (a long reason beside many columns goes on
a full-width line under its row), long rows allowed to break across pages and
the last row never alone on a page;
numeric columns right-aligned; heat-map cells shaded; figures as crisp images at the text width with their captions;
the client's name and the confidentiality label in every page header, page
numbers in the footer. Every string is sanitised and typeset for the
document's language, which is also set for the spell checker.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph as DocxParagraph

from ...files import atomic_path
from .. import fit
from ..charts import document_height, figure_numbered, render_png
from ..finish import finish
from ..ir import (
    Block,
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
from ..labels import Labels, default_labels
from ..maps import key_table
from ..palette import is_dark, palette_from_template
from ..tables import cell_text, column_alignments, column_widths
from ..templates import DOCX_NAME, default_template_dir, load_docx_template, text_width
from ..typography import format_date, prepare
from .xml import add_runs, cell_xml, replace_tokens, row_xml, set_num, styled_p, sub, table_element

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.styles import CT_Style
    from docx.shared import Length
    from lxml import etree

_T = TypeVar("_T")

_PARAGRAPH_STYLES = {"body": "Normal", "quote": "Quote", "caption": "Caption",
                     "key_message": "Key Message"}
_LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}
_JC = {"left": "left", "right": "right", "center": "center"}   # w:jc values
_EMU_PER_TWIP = 635
TABLE_TEXT_PT = 9          # the template's Table Text size
CELL_MARGIN_PT = 5.4       # Word's default left and right cell margins
OPENING_KEPT_CHARS = 300   # a section's opening sentence up to this length moves with what follows
ROW_KEPT_LINES = 6         # rows up to this many lines never break across pages
LAST_ROW_KEPT_LINES = 40   # the last row moves whole to the next page up to this height
SMALL_TABLE_ROWS = 5       # a table of this many short rows or fewer stays on one page
DETAIL_MIN_COLUMNS = 4     # a long-text column beside this many columns or more, narrower
DETAIL_SHARE = 0.35        # than this share of the table and taller than this many lines
DETAIL_LINES = 12          # in a row, becomes a full-width line under each row
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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
    def __init__(self, document: Document, template_dir: Path, labels: Labels) -> None:
        self.source = document
        self.lang = document.lang
        self.labels = labels
        self.doc = load_docx_template(template_dir)
        self.palette = palette_from_template(template_dir / DOCX_NAME)
        self.styles = _Styles(self.doc)
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self._end = body.find(qn("w:sectPr"))  # new blocks go before the final section
        self._previous: object = None  # the block written last
        self._opening: DocxParagraph | None = None  # a section's opening kept with what follows
        self._opening_level = 0  # the level of the heading that opening belongs to
        self.text_width = text_width(self.doc)
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
                    replace_tokens(paragraph, values)

    def cover(self) -> None:
        source = self.source
        self._write(source.title, "Cover Title", markers=False)
        if source.subtitle:
            self._write(source.subtitle, "Cover Subtitle", markers=False)
        details = [self.text(source.client)]
        if source.date:
            details.append(format_date(source.date, self.lang))
        details.append(self.confidentiality)
        last = None
        for line in filter(None, details):
            last = self._write(line, "Cover Details", markers=False)
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
        finish("docx", self.doc)
        with atomic_path(path) as tmp:
            self.doc.save(str(tmp))
        return path

    # ------------------------------------------------------------------ blocks

    def add(self, block: Block) -> None:
        # each handler takes the kind of block it is keyed by
        handlers: dict[type, Callable[[Any], None]] = {Heading: self._heading, Paragraph: self._paragraph, Bullets: self._bullets,
                   Table: self._table, Figure: self._figure, KeyMessages: self._key_messages,
                   PageBreak: self._page_break}
        handler = handlers.get(type(block))
        if handler is None:
            raise TypeError(f"not a document block: {block!r}")
        if isinstance(block, Heading) and isinstance(self._previous, Paragraph) and not (
                self._opening is not None and block.level > self._opening_level):
            # a paragraph ending a section (a note, a caption, a section that is only
            # its opening) is not kept with the next heading: chained to the next
            # section's heading, intro and figure, it would move as one block and
            # leave the page before it half empty. Only an opening introducing its
            # first sub-heading stays with it.
            self._last_paragraph().paragraph_format.keep_with_next = False
        self._opening = None
        handler(block)
        self._previous = block

    def _new_paragraph(self, style: str) -> DocxParagraph:
        """An empty paragraph in `style`, appended to the body (before the final section)."""
        p = styled_p(self.styles.id(style))
        self._append(p)
        return DocxParagraph(p, self.doc._body)

    def _last_paragraph(self) -> DocxParagraph:
        """The body's last written paragraph."""
        last = self._end.getprevious() if self._end is not None else self.doc.element.body[-1]
        return DocxParagraph(last, self.doc._body)

    def _keep_previous_with_next(self) -> None:
        """The paragraph that introduces a figure or table moves with it to the next
        page, rather than ending a page above white space (its heading follows).
        Only a paragraph introduces: a caption, a table or a list before a figure or
        a table ends what came before, and kept with it would chain both into one block."""
        if not isinstance(self._previous, Paragraph):
            return
        previous = self._end.getprevious() if self._end is not None else self.doc.element.body[-1]
        if previous is not None and previous.tag == qn("w:p"):
            DocxParagraph(previous, self.doc._body).paragraph_format.keep_with_next = True

    def _append(self, element: etree._Element) -> None:
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.doc.element.body.append(element)

    def _write(self, text: str, style: str, markers: bool = True) -> DocxParagraph:
        paragraph = self._new_paragraph(style)
        add_runs(paragraph._p, self.text(text), markers=markers)
        return paragraph

    def _heading(self, heading: Heading) -> None:
        # never alone at a page foot, whatever the firm's template says of its headings
        _keep_whole_with_next(self._write(heading.text, f"Heading {heading.level}"))

    def _paragraph(self, paragraph: Paragraph) -> None:
        written = self._write(paragraph.text, _PARAGRAPH_STYLES[paragraph.style])
        opening = isinstance(self._previous, Heading) and len(paragraph.text) <= OPENING_KEPT_CHARS
        if paragraph.style in ("quote", "caption") or paragraph.text.rstrip().endswith(":") or opening:
            # a quotation, a caption, a sentence ending on a colon or a section's short
            # opening stays whole, and with what it introduces: never at a page foot
            # with its list, table or figure overleaf
            _keep_whole_with_next(written)
            if opening:
                # an opening followed by its section's first sub-heading introduces it:
                # it stays kept with it, never alone at a page foot
                self._opening = written
                self._opening_level = self._previous.level if isinstance(self._previous, Heading) else 0

    def _bullets(self, bullets: Bullets) -> None:
        base = "List Number" if bullets.numbered else "List Bullet"
        num_id = self._restart_numbering(base) if bullets.numbered else None
        paragraph = None
        last = len(bullets.items) - 1
        for index, bullet in enumerate(bullets.items):
            item = bullet if isinstance(bullet, BulletItem) else BulletItem(str(bullet))
            level = max(0, min(2, item.level))
            style = base if level == 0 or f"{base} {level + 1}" not in self.styles else (
                f"{base} {level + 1}")
            if paragraph is not None and (bullets.together or index == last):
                # the last item never alone at the top of a page, as a table's last row
                paragraph.paragraph_format.keep_with_next = True
            paragraph = self._write(item.text, style)
            if bullets.together:
                paragraph.paragraph_format.keep_together = True
            if num_id is not None and level == 0:
                set_num(paragraph, num_id, 0)
        if paragraph is not None:  # a list ends with the body's spacing, not the items'
            paragraph.paragraph_format.space_after = self.styles.space_after("Normal")

    def _restart_numbering(self, style_name: str) -> int | None:
        """A new numbering instance restarting at 1, so each numbered list counts from 1."""
        element = self.styles.element(style_name)
        # (python-docx declares an element's children as descriptors: mypy reads ZeroOrOne)
        num_pr = element.pPr.numPr if element.pPr is not None else None  # type: ignore[attr-defined]
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        current = numbering.num_having_numId(num_pr.numId.val)
        abstract = current.abstractNumId.val
        num = numbering.add_num(abstract)
        num.append(parse_xml(f'<w:lvlOverride {nsdecls("w")} w:ilvl="0">'
                             f'<w:startOverride w:val="1"/></w:lvlOverride>'))
        num_id: int = num.numId
        return num_id

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
            spacer = self._new_paragraph("Normal")
            spacer.paragraph_format.space_after = Pt(2)
            spacer.paragraph_format.line_spacing = 0.5

    def _page_break(self, _: PageBreak) -> None:
        self._new_paragraph("Normal").add_run().add_break(WD_BREAK.PAGE)

    def _figure(self, figure: Figure) -> None:
        self._keep_previous_with_next()
        width_in = self.text_width / 914400
        chart, height_in = figure.chart, document_height(figure.chart, width_in)
        numbered = chart.kind in ("scatter", "bubble") and figure_numbered(
            chart, self.lang, width_in, height_in)
        if numbered:
            chart = replace(chart, numbered=True)
        png = render_png(chart, self.lang, width_in, self.palette, height_in)
        paragraph = self._new_paragraph("Normal")
        # a picture stays with its caption, and with nothing after it: kept with the
        # next heading or the key of its markers, the block heading, intro, picture,
        # caption, key would be taller than what remains of most pages
        paragraph.paragraph_format.keep_with_next = bool(figure.caption)
        paragraph.paragraph_format.space_after = 0
        paragraph.add_run().add_picture(io.BytesIO(png), width=Emu(self.text_width))
        if figure.caption:
            self._write(figure.caption, "Caption").paragraph_format.keep_with_next = False
        if numbered:  # the names of the numbered markers
            self._table(key_table(chart, self.palette, self.labels.text("render.number", self.lang)),
                        introduced=False)

    def _table(self, table: Table, introduced: bool = True) -> None:
        if introduced:  # the key of a figure's markers is not: see _figure
            self._keep_previous_with_next()
        if table.caption:
            caption = self._write(table.caption, "Caption")
            caption.paragraph_format.keep_with_next = True
        texts = [[cell_text(v, self.lang) for v in row] for row in table.rows]
        header = [self.text(c) for c in table.columns]
        align = column_alignments(table, texts)
        columns = list(range(len(header)))
        widths = self._widths(table, header, texts, columns)
        detail = _detail_column(table, texts, widths)
        if detail is not None:  # the long text goes to a full-width line under its row
            columns.remove(detail)
            widths = self._widths(table, header, texts, columns)
        text_style = self.styles.id("Table Text")
        # each row: its cells as (text, column; None for a detail line), and its source row
        rows: list[tuple[list[tuple[str, int | None]], int | None]] = [
            ([(header[c], c) for c in columns], None)]
        for r, values in enumerate(texts):
            rows.append(([(values[c], c) for c in columns], r))
            if detail is not None and values[detail]:
                label = cell_text(f"**{table.columns[detail]}**: {table.rows[r][detail]}", self.lang)
                rows.append(([(label, None)], r))
        width: Callable[[int | None], int] = lambda c: widths[columns.index(c)] if c is not None else sum(widths)  # noqa: E731
        whole, kept = _row_keeps([_row_lines([text for text, _ in cells],
                                             [width(c) for _, c in cells]) for cells, _ in rows])
        written: list[str] = []
        for index, (cells, source) in enumerate(rows):
            # a row stays with its detail line
            keep = kept[index] or (index + 1 < len(rows) and rows[index + 1][0][0][1] is None)
            row: list[str] = []
            for text, c in cells:
                # header: direct formatting, as paragraph styles would override the table's
                fill = self.palette.title if index == 0 else (
                    self.palette.fill(table.cell_fills[source][c])
                    if table.cell_fills and c is not None and source is not None else None)
                row.append(cell_xml(
                    text, width(c), text_style, _JC[align[c]] if c is not None else "left",
                    span=len(widths) if c is None else None,
                    fill=fill.lstrip("#").upper() if fill else None, keep=keep, bold=index == 0,
                    colour="FFFFFF" if fill and is_dark(fill) else None))
            written.append(row_xml(row, whole[index], header=index == 0))
        tbl = table_element(self.styles.id("Playbook Table"), widths, written)
        self._append(tbl)
        # breathing space after the table, before the next block
        spacer = self._new_paragraph("Normal")
        spacer.paragraph_format.space_after = 0

    def _widths(self, table: Table, header: list[str], texts: list[list[str]],
                columns: list[int]) -> list[int]:
        """Widths in twips of `columns` of the table, from their content."""
        def pick(cells: Sequence[_T]) -> list[_T]:
            return [cells[c] for c in columns]

        part = Table(pick(table.columns), [pick(row) for row in table.rows],
                     widths=pick(table.widths) if table.widths else None)
        return [w // _EMU_PER_TWIP for w in column_widths(
            part, pick(header), [pick(row) for row in texts], self.text_width, TABLE_TEXT_PT,
            int(Pt(2 * CELL_MARGIN_PT)))]


def _keep_whole_with_next(paragraph: DocxParagraph) -> None:
    """A paragraph just written kept whole and with the next one (w:keepNext, w:keepLines).

    Written directly after its style, where the schema puts them: python-docx
    looks each one's place up among every property a paragraph may have."""
    properties = paragraph._p.get_or_add_pPr()
    if all(child.tag == qn("w:pStyle") for child in properties):
        sub(properties, "w:keepNext")
        sub(properties, "w:keepLines")
    else:
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True


def _detail_column(table: Table, texts: list[list[str]], widths: list[int]) -> int | None:
    """The column of long text that its table leaves too narrow (a reason beside six
    columns of facts), to be written as a full-width line under each row; else None."""
    if len(widths) < DETAIL_MIN_COLUMNS or not texts:
        return None
    column = max(range(len(widths)), key=lambda c: sum(len(row[c]) for row in texts))
    if table.cell_fills and any(fills[column] for fills in table.cell_fills):
        return None  # a shaded column keeps its place
    tallest = max(fit.count_lines(row[column] or " ", widths[column] / 20 - 2 * CELL_MARGIN_PT,
                                  TABLE_TEXT_PT) for row in texts)
    narrow = widths[column] < DETAIL_SHARE * sum(widths)
    return column if narrow and tallest > DETAIL_LINES else None


def _row_keeps(lines: list[int]) -> tuple[list[bool], list[bool]]:
    """Per row (header first): whether it may not break across pages, and whether
    it stays on the page of the row after it.

    A short row stays whole; a long one may break, except the last, whose tail
    would otherwise stand alone on a page. The header stays with the first two
    short rows and the row before the last with the last: no table starts on a
    page foot with its header alone or a single row under it, and no page holds
    a table's last row alone. A small table of short rows is not split at all.
    """
    last = len(lines) - 1
    whole = [count <= ROW_KEPT_LINES or (r == last and count <= LAST_ROW_KEPT_LINES)
             for r, count in enumerate(lines)]
    small = last <= SMALL_TABLE_ROWS and all(whole)
    kept = [r < last and (small or r == 0 or (r == 1 and whole[1] and whole[2]) or r == last - 1)
            for r in range(len(lines))]
    return whole, kept


def _row_lines(values: list[str], widths: list[int]) -> int:
    """Lines the tallest cell of a row takes (table text size, widths in twips)."""
    return max(fit.count_lines(value or " ", max(1.0, width / 20 - 2 * CELL_MARGIN_PT),
                               TABLE_TEXT_PT) for value, width in zip(values, widths, strict=True))


class _Styles:
    """The template's styles by name, read once per document.

    python-docx resolves a style name by scanning every style of the document,
    then scans again to check it is not the default, each time a paragraph's
    style is set: thousands of table cells made that most of the writing time.
    The writer sets style ids directly instead, looked up here.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._elements: dict[str, CT_Style] = {}
        for element in document.styles.element.style_lst:
            name = element.name_val
            if name is not None:
                self._elements.setdefault(BabelFish.internal2ui(name), element)

    def __contains__(self, name: str) -> bool:
        return name in self._elements

    def element(self, name: str) -> CT_Style:
        try:
            return self._elements[name]
        except KeyError:  # the template check names missing styles before writing starts
            raise KeyError(f"no style named {name!r} in the Word template") from None

    def id(self, name: str) -> str | None:
        """The style id to write; None for the default paragraph style (written as no style)."""
        element = self.element(name)
        if element.default and element.type == WD_STYLE_TYPE.PARAGRAPH:
            return None
        return element.styleId

    def space_after(self, name: str) -> Length | None:
        ppr = self.element(name).pPr
        spacing: Length | None = ppr.spacing_after if ppr is not None else None  # type: ignore[attr-defined]  # as above
        return spacing

