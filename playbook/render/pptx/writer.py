"""Write a `Deck` into the house PowerPoint template: `write_pptx(deck, path, template_dir)`.

Layout rules a partner would otherwise fix by hand the night before:

- Slides use the template's layouts by name (`Cover`, `Section`, `Title and
  Content`, `Two Content`, `Title Only`, `Closing`); a missing one is an error.
- Nothing is cut and no text overflows its shape: heights are estimated from
  the font metrics and the shape widths (`fitting`); text first shrinks down to
  a floor size, then continues on further slides titled "(suite)". Tables
  shrink to a readable floor (12 pt), never below: a longer table continues on
  further slides, and a row taller than a slide continues in the next one's
  first row. Message cards keep five to a slide only when all fit whole.
- Charts are native and editable; a heat map is a coloured native table.
- Every string goes through `typography.prepare` (sanitised, typeset for the
  deck's language) and carries the deck's language for the spell checker.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import SlidePart
from pptx.shapes.shapetree import SlideShapeFactory, _SlidePlaceholderFactory
from pptx.util import Emu, Pt

if TYPE_CHECKING:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.placeholder import SlidePlaceholder
    from pptx.slide import Slide as PptxSlide
    from pptx.text.text import _Paragraph

from ...files import atomic_path
from ..charts import heatmap_table
from ..finish import finish
from ..ir import (
    BulletItem,
    BulletLike,
    BulletSlide,
    Chart,
    ChartSlide,
    ClosingSlide,
    CoverSlide,
    Deck,
    KeyMessagesSlide,
    SectionSlide,
    Slide,
    Table,
    TableSlide,
    TwoContentSlide,
)
from ..labels import Labels, default_labels
from ..maps import key_table
from ..palette import palette_from_template, text_on
from ..tables import cell_text, column_alignments, column_widths, record
from ..templates import PPTX_NAME, default_template_dir, load_pptx_template
from ..typography import format_date, prepare
from ..words import NOTES_BUDGET, WORD_BUDGET, count_words, total_words, within_budget
from .charts import add_native_chart, flat_shape, map_numbered
from .fitting import (
    BODY_SIZES,
    CARD_SIZES,
    CARDS_PER_SLIDE,
    TABLE_STYLES,
    TITLE_LINE,
    RowStyle,
    filled_pad,
    fit_bullets,
    fit_cards,
    footer_fit,
    keep_details,
    lines_height,
    paginate,
    row_height,
    split_tall_rows,
)
from .geometry import (
    CAPTION_SIZE,
    CARD_ACCENT_PT,
    CARD_BADGE_LEFT_PT,
    CARD_BADGE_PT,
    CARD_BADGE_SIZE,
    CARD_GAP_PT,
    CARD_PAD_Y_PT,
    CARD_TEXT_LEFT_PT,
    CARD_TEXT_RIGHT_PT,
    CELL_MARGIN_X,
    EMU_PER_PT,
    MAP_KEY_GAP_PT,
    MAP_KEY_SHARE,
    Box,
    pt,
)
from .notes import NotesPages
from .xml import (
    LANGUAGE_TAGS,
    A,
    insets,
    no_bullet,
    run_size,
    solid_fill,
    title_size,
    write_runs,
    zero_insets,
)

_ANCHORS = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.BOTTOM: "b", MSO_ANCHOR.MIDDLE: "ctr"}
_ALGN = {"left": "l", "right": "r", "center": "ctr"}
_CELL_MARGIN = str(int(CELL_MARGIN_X))  # a cell's left and right insets, as the XML says them


def write_pptx(deck: Deck, path: str | Path, template_dir: str | Path | None = None,
               labels: Labels | None = None) -> Path:
    """Render `deck` to `path` (written atomically) in the template of `template_dir`."""
    writer = _DeckWriter(deck, Path(template_dir) if template_dir else default_template_dir(),
                         labels or default_labels())
    for slide in deck.slides:
        writer.add(slide)
    return writer.save(Path(path))




@dataclass
class _TableLayout:
    """A table ready to draw: prepared cells, sizes, column widths and row pages."""

    header: list[str]
    rows: list[list[str]]
    size: int
    pad: float                         # points above and below each cell's text
    widths: list[int]
    heights: list[float]               # points; index 0 is the header
    pages: list[list[int]]             # data row indexes per slide
    align: list[str]
    fills: list[list[str | None]] | None
    grouped: int = 0                   # leading columns naming a group, said once a page


_SideLayout = _TableLayout | tuple[int, list[list[BulletItem]]]  # a table, or (size, pages)


class _DeckWriter:
    def __init__(self, deck: Deck, template_dir: Path, labels: Labels) -> None:
        self.deck = deck
        self.lang = deck.lang
        self.labels = labels
        self.presentation = load_pptx_template(template_dir)
        self.palette = palette_from_template(template_dir / PPTX_NAME)
        self.layouts = {layout.name: layout for layout in self.presentation.slide_layouts}
        self.confidentiality = deck.confidentiality or labels.text("render.confidential", deck.lang)
        self._boxes: dict[tuple[str, PP_PLACEHOLDER, int], Box] = {}
        self._titles: dict[str, tuple[float, float, list[int]]] = {}
        self._footers: dict[str, list[etree._Element]] = {}
        # per layout, its first slide as it was made, before its title: the next ones' copy
        self._prototypes: dict[str, etree._Element] = {}
        # per layout, where a new slide's title and text placeholders are (`_placeholder_places`)
        self._placeholders: dict[str, tuple[int | None, list[int]]] = {}
        self._notes = NotesPages()
        self.content = self._placeholder_box("Title and Content", PP_PLACEHOLDER.BODY)

    # ------------------------------------------------------------------ plumbing

    def text(self, value: object) -> str:
        return prepare(value, self.lang)

    def continued(self, title: str) -> str:
        """"Title (continued)": said once, even of a slide already continued."""
        mark = self.labels.text('render.continued', self.lang)
        return title if title.endswith(mark) else f"{title} {mark}"

    def _placeholder_box(self, layout_name: str, kind: PP_PLACEHOLDER, index: int = 0) -> Box:
        key = (layout_name, kind, index)
        if key not in self._boxes:  # layouts do not change while a deck is written
            shapes = [ph for ph in self.layouts[layout_name].placeholders  # type: ignore[misc]
                      if ph.placeholder_format.type == kind]  # (pptx types __iter__ as an attribute)
            shapes.sort(key=lambda ph: ph.left)
            ph = shapes[index]
            left, right = insets(ph)
            self._boxes[key] = Box(ph.left + left, ph.top, ph.width - left - right, ph.height)
        box = self._boxes[key]
        return Box(box.x, box.y, box.w, box.h)

    def new_slide(self, layout_name: str, title: str, notes: str = "",
                  extra_notes: Iterable[str] = ()) -> PptxSlide:
        slide = self._add_slide(layout_name)
        if title:
            self._set_title(slide, layout_name, self.text(title))
        note_parts = [self.text(notes)] if notes else []
        note_parts.extend(extra_notes)
        if note_parts:
            # reason first, within what a presenter reads out; the rest is in the report
            note_parts = [within_budget("\n\n".join(note_parts), NOTES_BUDGET)[0]]
            self._notes.text_frame(slide).text = "\n\n".join(note_parts)
        return slide

    def _add_slide(self, layout_name: str) -> PptxSlide:
        """A new slide of the layout with the layout's placeholders, as python-pptx's
        `Slides.add_slide` makes it, and its footer. The first slide of a layout is
        made so; the next ones are copies of it as it then was (python-pptx reads the
        placeholders from the layout's XML again and numbers each shape by searching
        the slide at every slide)."""
        layout = self.layouts[layout_name]
        slides = self.presentation.slides
        prototype = self._prototypes.get(layout_name)
        if prototype is None:
            r_id, slide = slides.part.add_slide(layout)
            shapes = slide.shapes
            for sp in (ph.element for ph in layout.iter_cloneable_placeholders()):
                shape_id = shapes._next_shape_id
                shapes._spTree.add_placeholder(
                    shape_id, shapes._next_ph_name(sp.ph_type, shape_id, sp.ph_orient),
                    sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx)
            for element in self._footer(layout_name):
                shapes._spTree.append(copy.deepcopy(element))
            self._prototypes[layout_name] = copy.deepcopy(slide._element)
            self._placeholders[layout_name] = _placeholder_places(slide)
        else:
            # python-pptx's `PresentationPart.add_slide`, on a copy of the first slide
            presentation = slides.part
            part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package,
                             copy.deepcopy(prototype))
            part.relate_to(layout.part, RT.SLIDE_LAYOUT)
            r_id, slide = presentation.relate_to(part, RT.SLIDE), part.slide
        slides._sldIdLst.add_sldId(r_id)
        new: PptxSlide = slide
        return new

    def _set_title(self, slide: PptxSlide, layout: str, title: str) -> None:
        """Put `title` on `slide` (of layout `layout`) at the largest template size that fits it."""
        place = self._placeholders[layout][0]
        if place is None:
            raise ValueError(f"the template's layout {layout!r} has no title")
        placeholder = cast("Shape", SlideShapeFactory(slide.shapes._spTree[place], slide.shapes))
        if layout not in self._titles:  # the title's room and sizes, once per layout
            left, right = insets(placeholder)
            base = title_size(placeholder)
            self._titles[layout] = (
                (placeholder.width - left - right) / EMU_PER_PT, placeholder.height / EMU_PER_PT,
                [base - 2 * step for step in range(6) if base - 2 * step >= min(20, base)])
        width, height, sizes = self._titles[layout]
        # the largest size that holds the title in its two lines; a title longer than
        # that wraps to a third line at the smallest size rather than lose words
        size = next((candidate for candidate in sizes
                     if lines_height(title, width, candidate, True, TITLE_LINE) <= height),
                    sizes[-1])
        frame = placeholder.text_frame
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.word_wrap = True
        self._runs(frame.paragraphs[0], title, size)

    def _footer(self, layout_name: str) -> list[etree._Element]:
        """The layout's footer and slide number, filled, to copy onto each slide of the
        layout (PowerPoint does not copy them by itself). Prepared once per layout."""
        if layout_name in self._footers:
            return self._footers[layout_name]
        footer_parts = [part for part in (self.text(self.deck.client), self.text(self.deck.title),
                                          self.text(self.confidentiality)) if part]
        elements = []
        for ph in self.layouts[layout_name].placeholders:  # type: ignore[misc]  # as above
            kind = ph.placeholder_format.type
            if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            element = copy.deepcopy(ph._element)
            elements.append(element)
            if kind == PP_PLACEHOLDER.FOOTER:
                left, right = insets(ph)
                width = (ph.width - left - right) / EMU_PER_PT
                size, text = footer_fit(footer_parts, width, run_size(ph) or 9)
                assert element.txBody is not None  # a footer placeholder holds its text
                paragraphs = element.txBody.p_lst
                for p in paragraphs[1:]:
                    p.getparent().remove(p)
                write_runs(paragraphs[0], text, LANGUAGE_TAGS[self.lang], size)
        self._footers[layout_name] = elements
        return elements

    def _runs(self, paragraph: _Paragraph, text: str, size: float | None, bold: bool | None = None,
              colour: str | None = None, italic: bool | None = None) -> None:
        """Write `text` (with **bold** markers) into `paragraph` as runs."""
        write_runs(paragraph._p, text, LANGUAGE_TAGS[self.lang], size, bold, colour, italic)

    def _body_placeholder(self, slide: PptxSlide, layout: str, index: int = 0) -> SlidePlaceholder:
        """The slide's `index`-th text placeholder (a subtitle first, then left to right),
        found where its layout's first slide had it: taken before any is removed."""
        place = self._placeholders[layout][1][index]
        placeholder: SlidePlaceholder = _SlidePlaceholderFactory(slide.shapes._spTree[place],
                                                                 slide.placeholders)
        return placeholder

    def save(self, path: Path) -> Path:
        props = self.presentation.core_properties
        props.title = self.text(self.deck.title)
        props.subject = self.text(self.deck.client)
        props.author = self.text(self.deck.author)
        props.last_modified_by = self.text(self.deck.author)
        props.comments = ""
        props.language = LANGUAGE_TAGS[self.lang]
        finish("pptx", self.presentation)
        with atomic_path(path) as tmp:
            self.presentation.save(str(tmp))
        return path

    # ------------------------------------------------------------------ slides

    def add(self, slide: Slide) -> None:
        # each handler takes the kind of slide it is keyed by
        handlers: dict[type, Callable[[Any], None]] = {
            CoverSlide: self._cover, SectionSlide: self._section, BulletSlide: self._bullets,
            TwoContentSlide: self._two_content, TableSlide: self._table_slide,
            ChartSlide: self._chart, KeyMessagesSlide: self._key_messages,
            ClosingSlide: self._closing,
        }
        handler = handlers.get(type(slide))
        if handler is None:
            raise TypeError(f"not a slide: {slide!r}")
        handler(slide)

    def _cover(self, cover: CoverSlide) -> None:
        slide = self.new_slide("Cover", cover.title or self.deck.title, cover.notes)
        subtitle, details_box = (self._body_placeholder(slide, "Cover", 0),
                                 self._body_placeholder(slide, "Cover", 1))
        self._fill_plain(subtitle, self.text(cover.subtitle or self.deck.subtitle))
        details = [self.text(self.deck.client)]
        if self.deck.date:
            details.append(format_date(self.deck.date, self.lang))
        lines = [" — ".join(d for d in details if d), self.text(self.confidentiality)]
        self._fill_plain(details_box, "\n".join(x for x in lines if x))

    def _section(self, section: SectionSlide) -> None:
        slide = self.new_slide("Section", section.title, section.notes)
        self._fill_plain(self._body_placeholder(slide, "Section"), self.text(section.subtitle))

    def _fill_plain(self, placeholder: SlidePlaceholder, text: str) -> None:
        """Unbulleted text in a placeholder, shrunk to fit; the placeholder goes when empty."""
        if not text:
            placeholder._element.getparent().remove(placeholder._element)
            return
        left, right = insets(placeholder)
        width = (placeholder.width - left - right) / EMU_PER_PT
        base = run_size(placeholder) or 18
        size = base
        while size > 10 and lines_height(text, width, size) > placeholder.height / EMU_PER_PT:
            size -= 1
        frame = placeholder.text_frame
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.word_wrap = True
        for number, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            self._runs(paragraph, line, size if size != base else None)

    def _bullets(self, bullet_slide: BulletSlide) -> None:
        self._bullet_pages("Title and Content", bullet_slide.title, bullet_slide.bullets,
                           bullet_slide.notes, bullet_slide.slides)

    def _closing(self, closing: ClosingSlide) -> None:
        if closing.bullets:
            self._bullet_pages("Closing", closing.title, closing.bullets, closing.notes)
        else:
            slide = self.new_slide("Closing", closing.title, closing.notes)
            body = self._body_placeholder(slide, "Closing")
            body._element.getparent().remove(body._element)

    def _bullet_pages(self, layout: str, title: str, bullets: list[BulletLike],
                      notes: str, slides: int | None = None) -> None:
        items = self._items(bullets)
        box = self._placeholder_box(layout, PP_PLACEHOLDER.BODY)
        items = keep_details(items, box, BODY_SIZES, WORD_BUDGET, slides)
        size, pages = fit_bullets(items, box, BODY_SIZES, budget=WORD_BUDGET)
        for number, page in enumerate(pages):
            # the notes go with the slide that opens the series, said once
            slide = self.new_slide(layout, title if number == 0 else self.continued(title),
                                   notes if number == 0 else "")
            self._write_bullets(self._body_placeholder(slide, layout), page, size)

    def _items(self, bullets: list[BulletLike]) -> list[BulletItem]:
        items = []
        for bullet in bullets:
            item = bullet if isinstance(bullet, BulletItem) else BulletItem(str(bullet))
            items.append(BulletItem(self.text(item.text), max(0, min(2, item.level)), item.optional))
        return items

    def _write_bullets(self, placeholder: SlidePlaceholder, items: list[BulletItem], size: int,
                       heading: str = "") -> None:
        frame = placeholder.text_frame
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.word_wrap = True
        first = True
        if heading:
            paragraph = frame.paragraphs[0]
            no_bullet(paragraph)
            self._runs(paragraph, heading, size, bold=True, colour=self.palette.title)
            first = False
        for item in items:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            paragraph.level = item.level
            self._runs(paragraph, item.text, size - 2 * item.level)

    def _two_content(self, two: TwoContentSlide) -> None:
        boxes = [self._placeholder_box("Two Content", PP_PLACEHOLDER.BODY, i) for i in (0, 1)]
        columns = ((two.left, self.text(two.left_title), boxes[0]),
                   (two.right, self.text(two.right_title), boxes[1]))
        budgets = self._shared_budget([self._side_words(side, heading)
                                       for side, heading, _box in columns])
        sides: list[tuple[str, _SideLayout, Box]] = []
        layout: _SideLayout
        for (side, heading, box), budget in zip(columns, budgets, strict=True):
            if isinstance(side, Table):
                table_box = Box(box.x, box.y, box.w, box.h)
                if heading:
                    shift = Emu(int(Pt(16 * 1.2 + 6)))
                    table_box = Box(box.x, box.y + shift, box.w, box.h - shift)
                # a table's heading is repeated above each of its parts
                layout = self._layout_table(side, table_box, budget=None if budget is None
                                            else budget - count_words(heading))
                sides.append((heading, layout, table_box))
            else:
                items = self._items(side)
                size, pages = fit_bullets(items, box, (16, 15, 14), heading=heading,
                                          budget=budget)
                sides.append((heading, (size, pages), box))
        count = max(len(s[1].pages) if isinstance(s[1], _TableLayout) else len(s[1][1])
                    for s in sides)
        for number in range(count):
            title = two.title if number == 0 else self.continued(two.title)
            slide = self.new_slide("Two Content", title, two.notes if number == 0 else "")
            # both placeholders first: removing one would shift the other's index
            placeholders = [self._body_placeholder(slide, "Two Content", index) for index in (0, 1)]
            for placeholder, (heading, layout, box) in zip(placeholders, sides, strict=True):
                if isinstance(layout, _TableLayout):
                    placeholder._element.getparent().remove(placeholder._element)
                    if number < len(layout.pages):
                        if heading:
                            self._text_box(slide, Box(box.x, box.y - Emu(int(Pt(16 * 1.2 + 6))),
                                                       box.w, Emu(int(Pt(16 * 1.2)))),
                                           heading, 16, bold=True, colour=self.palette.title)
                        self._draw_table(slide, layout, layout.pages[number], box)
                else:
                    size, pages = layout
                    if number < len(pages):
                        self._write_bullets(placeholder, pages[number], size,
                                            heading if number == 0 else "")
                    else:
                        placeholder._element.getparent().remove(placeholder._element)

    def _side_words(self, side: Table | list[BulletLike], heading: str) -> int:
        """Visible words of one column of a two-column slide, as written."""
        if isinstance(side, Table):
            cells = [self.text(c) for c in side.columns]
            cells += [cell_text(v, self.lang) for row in side.rows for v in row]
        else:
            cells = [item.text for item in self._items(side)]
        return count_words(heading) + total_words(cells)

    @staticmethod
    def _shared_budget(words: list[int]) -> list[int | None]:
        """Each column's share of the slide's word budget, in proportion to its words;
        no limit when both fit together."""
        total = sum(words)
        if total <= WORD_BUDGET:
            return [None] * len(words)
        return [WORD_BUDGET * count // total for count in words]

    def _table_slide(self, table_slide: TableSlide) -> None:
        self._paged_table(table_slide.title, table_slide.table, table_slide.notes,
                          self.text(table_slide.table.caption), table_slide.reference)

    def _paged_table(self, title: str, table: Table, notes: str, caption: str,
                     reference: bool = False) -> None:
        """The table over as few slides as it needs: a presented slide keeps to the
        word budget, a reference page (appendix) is filled to the room it has. A table
        of one row is drawn as the record it is (`tables.record`): label and value,
        line by line."""
        table = record(table) or table
        box = Box(*self.content.tuple())
        if caption:
            box.h -= Emu(int(Pt(CAPTION_SIZE * 1.2 + 8)))
        budget = None if reference else WORD_BUDGET - count_words(caption)
        layout = self._layout_table(table, box, budget=budget)
        for number, page in enumerate(layout.pages):
            slide = self.new_slide("Title Only", title if number == 0 else self.continued(title),
                                   notes if number == 0 else "")
            shape = self._draw_table(slide, layout, page, box)
            if caption:
                top = shape.top + Emu(int(Pt(sum(layout.heights[i + 1] for i in page)
                                             + layout.heights[0] + 6)))
                self._text_box(slide, Box(box.x, top, box.w, Emu(int(Pt(CAPTION_SIZE * 1.3)))),
                               caption, CAPTION_SIZE, italic=True, colour=self.palette.muted)

    def _chart(self, chart_slide: ChartSlide) -> None:
        chart = chart_slide.chart
        caption = self.text(chart_slide.caption)
        if chart.kind == "heatmap":
            table = heatmap_table(chart, self.lang, self.palette)
            self._paged_table(chart_slide.title, table, chart_slide.notes, caption,
                              chart_slide.reference)
            return
        slide = self.new_slide("Title Only", chart_slide.title, chart_slide.notes)
        box = Box(*self.content.tuple())
        if caption:
            box.h -= Emu(int(Pt(CAPTION_SIZE * 1.2 + 8)))
        key = None
        if chart.kind in ("scatter", "bubble") and map_numbered(chart, box.tuple(), self.lang):
            chart = replace(chart, numbered=True)
            key, box = self._map_key(slide, chart, box)
        add_native_chart(slide.shapes, chart, box.tuple(), self.lang, self.palette, self.labels)
        if caption:
            self._text_box(slide, Box(box.x, box.y + box.h + Emu(int(Pt(6))), box.w,
                                       Emu(int(Pt(CAPTION_SIZE * 1.3)))),
                           caption, CAPTION_SIZE, italic=True, colour=self.palette.muted)
        if key is not None:  # too long to stand beside the map: on the slides after it
            self._paged_table(self.continued(chart_slide.title), key, "", "")

    def _map_key(self, slide: PptxSlide, chart: Chart, box: Box) -> tuple[Table | None, Box]:
        """The key of a numbered map beside it, the map narrowed to make room; when the
        key does not fit there, the map keeps its width and the key is returned."""
        key = key_table(chart, self.palette, self.labels.text("render.number", self.lang))
        gap = Emu(int(Pt(MAP_KEY_GAP_PT)))
        side = Box(box.x + int(box.w * (1 - MAP_KEY_SHARE)) + gap, box.y,
                   int(box.w * MAP_KEY_SHARE) - gap, box.h)
        layout = self._layout_table(key, side)
        if len(layout.pages) > 1:
            return key, box
        self._draw_table(slide, layout, layout.pages[0], side)
        return None, Box(box.x, box.y, int(box.w * (1 - MAP_KEY_SHARE)), box.h)

    def _key_messages(self, key: KeyMessagesSlide) -> None:
        """Numbered message cards, as many per slide as fit whole (at most five), numbered
        on across continuation slides."""
        messages = [self.text(m) for m in key.items]
        box = self.content
        text_w = (box.w - pt(CARD_BADGE_PT + CARD_TEXT_LEFT_PT + CARD_TEXT_RIGHT_PT)) / EMU_PER_PT
        per_page, size = 1, CARD_SIZES[-1]
        for candidate in range(min(CARDS_PER_SLIDE, max(len(messages), 1)), 0, -1):
            pages = _balanced(messages, candidate)
            fitted = [fit_cards(page, text_w, self._card_height(len(page)) / EMU_PER_PT
                                - 2 * CARD_PAD_Y_PT) for page in pages]
            if all(fitted) or candidate == 1:
                per_page = candidate
                size = min((f for f in fitted if f), default=CARD_SIZES[-1])
                break
        first = 1
        for number, page in enumerate(_balanced(messages, per_page)):
            slide = self.new_slide("Title Only", key.title if number == 0 else
                                   self.continued(key.title), key.notes if number == 0 else "")
            card_h = self._card_height(len(page))
            for index, message in enumerate(page):
                top = int(box.y + index * (card_h + pt(CARD_GAP_PT)))
                self._card(slide, top, card_h, first + index, message, size, text_w)
            first += len(page)

    def _card_height(self, count: int) -> int:
        """Height of one card when `count` share the slide; a lone card is not a slab."""
        box, gap = self.content, pt(CARD_GAP_PT)
        count = max(count, 1)
        full_page = (box.h - gap * (CARDS_PER_SLIDE - 1)) / CARDS_PER_SLIDE
        return int(min(full_page * 1.6, (box.h - gap * (count - 1)) / count))

    def _card(self, slide: PptxSlide, top: int, card_h: int, number: int, message: str, size: int,
              text_w: float) -> None:
        box, badge = self.content, pt(CARD_BADGE_PT)
        card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.x), Emu(top), Emu(box.w),
                                      Emu(card_h))
        flat_shape(card, self.palette.light)
        accent = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.x), Emu(top),
                                        Emu(pt(CARD_ACCENT_PT)), Emu(card_h))
        flat_shape(accent, self.palette.title)
        circle = slide.shapes.add_shape(MSO_SHAPE.OVAL, Emu(box.x + pt(CARD_BADGE_LEFT_PT)),
                                        Emu(int(top + (card_h - badge) / 2)), Emu(badge),
                                        Emu(badge))
        flat_shape(circle, self.palette.title)
        frame = circle.text_frame
        zero_insets(frame)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        self._runs(paragraph, str(number), CARD_BADGE_SIZE, bold=True, colour="#FFFFFF")
        self._text_box(slide, Box(box.x + badge + pt(CARD_TEXT_LEFT_PT), top + pt(CARD_PAD_Y_PT),
                                  int(text_w * EMU_PER_PT), card_h - pt(2 * CARD_PAD_Y_PT)),
                       message, size, anchor=MSO_ANCHOR.MIDDLE)

    # ------------------------------------------------------------------ tables


    def _layout_table(self, table: Table, box: Box, styles: Sequence[RowStyle] = TABLE_STYLES,
                      budget: float | None = None) -> _TableLayout:
        """The table in the loosest style (`RowStyle`) that fits one slide; else split
        over slides at the densest, then drawn in the loosest style that takes no more
        of them, so each page is as full as the rows allow. Given a word `budget`, each
        slide's part (header included) keeps to it too (see `paginate`).

        The columns are sized once for the whole table at the size it is drawn in, and
        each row measured in those widths: every page of a paged table has the same
        columns, and a row is as tall as its text needs at that size, no taller."""
        header = [self.text(c) for c in table.columns]
        raw = [[cell_text(v, self.lang) for v in row] for row in table.rows]
        align = column_alignments(table, raw)
        available = box.h_pt
        limit = math.inf if budget is None else budget - total_words(header)
        sized: dict[int, list[int]] = {}

        def widths(size: int) -> list[int]:
            if size not in sized:
                sized[size] = column_widths(table, header, raw, box.w, size, 2 * CELL_MARGIN_X)
            return sized[size]

        def measure(style: RowStyle, rows: list[list[str]]) -> list[float]:
            at = widths(style.size)
            heights = [row_height(header, at, style.size, bold=True, pad=style.pad)]
            heights += [row_height(row, at, style.size, pad=style.pad) for row in rows]
            return heights

        def words(rows: list[list[str]]) -> list[int]:
            return [total_words(row) for row in rows]

        def over(pages: list[list[int]], rows: list[list[str]]) -> int:
            return sum(sum(total_words(rows[i]) for i in page) > limit for page in pages)

        def laid(style: RowStyle, rows: list[list[str]], heights: list[float],
                 pages: list[list[int]], fills: list[list[str | None]] | None) -> _TableLayout:
            # a table over several slides: its rows breathe to fill the pages they take
            pad = filled_pad(pages, heights, available, style.pad)
            heights = [height + 2 * (pad - style.pad) for height in heights]
            return _TableLayout(header, rows, style.size, pad, widths(style.size), heights,
                                pages, align, fills, table.grouped)

        if sum(words(raw)) <= limit:
            for style in styles:
                heights = measure(style, raw)
                if sum(heights) <= available:
                    return laid(style, raw, heights, [list(range(len(raw)))], table.cell_fills)
        # in the densest style, a row taller than a slide continues on the next one
        dense = styles[-1]
        header_height = measure(dense, [])[0]
        rows, fills = split_tall_rows(raw, table.cell_fills, widths(dense.size), dense.size,
                                      available - header_height, dense.pad)
        heights = measure(dense, rows)
        budget_rows = None if budget is None else limit
        pages = paginate(heights[1:], available - heights[0], words(rows), budget_rows)
        for style in styles[:-1]:  # a looser style when it takes no more slides
            looser = measure(style, raw)
            if max(looser[1:], default=0) > available - looser[0]:
                continue
            candidate = paginate(looser[1:], available - looser[0], words(raw), budget_rows)
            if len(candidate) <= len(pages) and over(candidate, raw) <= over(pages, rows):
                return laid(style, raw, looser, candidate, table.cell_fills)
        return laid(dense, rows, heights, pages, fills)

    def _draw_table(self, slide: PptxSlide, layout: _TableLayout, page: list[int],
                    box: Box) -> GraphicFrame:
        rows = len(page) + 1
        height = int(Pt(sum(layout.heights[i + 1] for i in page) + layout.heights[0]))
        shape = slide.shapes.add_table(rows, len(layout.header), Emu(box.x), Emu(box.y),
                                       Emu(box.w), Emu(height))
        table = shape.table
        table.first_row, table.horz_banding = True, False
        tbl = table._tbl
        # the table python-pptx made, read and set on its XML: its proxies find each
        # element again at every access, for every cell
        for column, width in zip(tbl.tblGrid.findall(f"{A}gridCol"), layout.widths, strict=True):
            column.set("w", str(int(width)))
        trs = tbl.findall(f"{A}tr")
        trs[0].set("h", str(int(Pt(layout.heights[0]))))
        for tr, r in zip(trs[1:], page, strict=True):
            tr.set("h", str(int(Pt(layout.heights[r + 1]))))
        palette = self.palette
        for c, tc in enumerate(trs[0].findall(f"{A}tc")):
            self._cell(tc, layout.header[c], layout.size, layout.pad, layout.align[c],
                       palette.title, text_on(palette.title, palette.text), bold=True)
        for i, r in enumerate(page, 1):
            above = layout.rows[page[i - 2]] if i > 1 else None
            for c, (tc, text) in enumerate(zip(trs[i].findall(f"{A}tc"), layout.rows[r],
                                               strict=True)):
                if above is not None and c < layout.grouped and above[:c + 1] == layout.rows[r][:c + 1]:
                    text = ""  # the group the row above names, said once on the slide
                fill = palette.fill(layout.fills[r][c]) if layout.fills else None
                background = fill or ("#FFFFFF" if i % 2 else palette.light)
                self._cell(tc, text, layout.size, layout.pad, layout.align[c],
                           background, text_on(background, palette.text))
        return shape

    def _cell(self, tc: etree._Element, text: str, size: int, pad: float, align: str, fill: str,
              colour: str, bold: bool = False) -> None:
        """Fill table cell element `tc`: background, margins (`pad` points above and
        below), anchor, aligned runs."""
        # a new cell holds its properties, body and first paragraph (python-pptx's
        # CT_TableCell.new): found directly, not through python-pptx's proxies
        tc_pr = tc.find(f"{A}tcPr")
        if tc_pr is None:
            tc_pr = tc.get_or_add_tcPr()
        margin = str(int(Pt(pad)))
        tc_pr.set("marL", _CELL_MARGIN)
        tc_pr.set("marR", _CELL_MARGIN)
        tc_pr.set("marT", margin)
        tc_pr.set("marB", margin)
        tc_pr.set("anchor", _ANCHORS[MSO_ANCHOR.BOTTOM if bold else MSO_ANCHOR.MIDDLE])
        solid_fill(tc_pr, fill)
        body = tc.find(f"{A}txBody")
        if body is None:
            body = tc.get_or_add_txBody()
        body.find(f"{A}bodyPr").set("wrap", "square")
        first = body.find(f"{A}p")
        for number, line in enumerate(text.split("\n")):
            p = first if number == 0 else etree.SubElement(body, f"{A}p")
            p_pr = p.find(f"{A}pPr")
            if p_pr is None:  # before the runs, where the schema wants it
                p_pr = etree.Element(f"{A}pPr")
                p.insert(0, p_pr)
            p_pr.set("algn", _ALGN[align])
            write_runs(p, line, LANGUAGE_TAGS[self.lang], size, bold or None, colour)

    def _text_box(self, slide: PptxSlide, box: Box, text: str, size: float, bold: bool | None = None,
                  italic: bool | None = None, colour: str | None = None,
                  anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> Shape:
        shape = slide.shapes.add_textbox(*box.tuple())
        # the text frame as python-pptx's proxies set it (wrapped, not autofitted,
        # anchored, no insets), written directly: a deck has a text box per card
        body = shape._element.txBody
        assert body is not None  # a new text box holds its text body
        body_pr = body.find(f"{A}bodyPr")
        for autofit in list(body_pr):
            body_pr.remove(autofit)
        etree.SubElement(body_pr, f"{A}noAutofit")
        body_pr.set("wrap", "square")
        body_pr.set("anchor", _ANCHORS[anchor])
        for side in ("lIns", "rIns", "tIns", "bIns"):
            body_pr.set(side, "0")
        first = body.find(f"{A}p")
        for number, line in enumerate(text.split("\n")):
            p = first if number == 0 else etree.SubElement(body, f"{A}p")
            write_runs(p, line, LANGUAGE_TAGS[self.lang], size, bold, colour or self.palette.text,
                       italic)
        return shape


# --------------------------------------------------------------------------- XML






# --------------------------------------------------------------------------- measuring


def _placeholder_places(slide: PptxSlide) -> tuple[int | None, list[int]]:
    """Where a new slide of its layout holds its title and its text placeholders (a
    subtitle first, then left to right), as positions in its shape tree: the same on
    every slide of the layout, found once (a placeholder's type and position are read
    through python-pptx's inheritance from the layout, at every access)."""
    tree = list(slide.shapes._spTree)
    title = slide.shapes.title
    bodies = [ph for ph in slide.placeholders
              if ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT,
                                                PP_PLACEHOLDER.SUBTITLE)]
    bodies.sort(key=lambda ph: (ph.placeholder_format.type != PP_PLACEHOLDER.SUBTITLE, ph.left))
    return (None if title is None else tree.index(title._element),
            [tree.index(ph._element) for ph in bodies])


def _balanced(items: list[str], per_page: int) -> list[list[str]]:
    """`items` in pages of at most `per_page`, as even as possible (5 + 1 becomes 3 + 3)."""
    if not items:
        return [[]]
    count = math.ceil(len(items) / per_page)
    size = math.ceil(len(items) / count)
    return [items[i:i + size] for i in range(0, len(items), size)]
