"""PowerPoint decks: a stable identity for every generated slide, shape and table
cell, and the consultant's edits carried from the previous deck into the new one.

Identity. Each shape of a generated slide is named `<its name> pb:<slide>.<shape>`
(PowerPoint keeps shape names through editing; LibreOffice renames placeholders,
whose identities `reidentify` gives back from the order and kind of the slides
and placeholders). The slide part is
a digest of its layout, its title with the figures taken out (so "11
populations" and "12 populations" are the same slide) and its rank among such
slides; the shape part, of its placeholder index or its kind and rank.

Carrying (base = the deck as generated last time, edited = as the consultant
left it, new = as generated now). A shape's text, a table cell or a slide's
notes the consultant changed is carried into the new deck when the generated
text under it did not change; when it did, the new text stays, the consultant's
version goes into the slide's notes, and a conflict is listed. A slide they
deleted is deleted again when its generated text did not change. Slides they
added are copied after the slide they followed; shapes they added to a slide
are copied onto it.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree
from pptx.oxml.ns import qn

from .word import Item, NoIdentities, Outcome, as_read_back

if TYPE_CHECKING:
    from lxml.etree import _Element as Element
    from pptx.opc.package import Part, _Relationship
    from pptx.parts.slide import BaseSlidePart
    from pptx.presentation import Presentation
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

_MARK = re.compile(r" ?pb:([0-9a-f]{12})\.([0-9a-f]{8})$")
_FIGURES = re.compile(r"[\d\s\u00a0\u202f.,:%€+\-–]+")
_R_ATTRIBUTES = (qn("r:embed"), qn("r:id"), qn("r:link"))
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"

Say = Callable[..., str]
# A shape is read by what it has (`has_text_frame`, `has_table`, `is_placeholder`):
# python-pptx types each kind of shape on its own class, so any shape is Any here.
Shape = Any


def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def _title(slide: Slide) -> str:
    title = slide.shapes.title
    return title.text_frame.text if title is not None and title.has_text_frame else ""


def stamp(path: Path) -> None:
    """Name every shape of the generated deck `path` by its identity."""
    import pptx

    if stamped(path):  # stamped already, as written (see `stamp_presentation`)
        return
    deck = pptx.Presentation(str(path))
    stamp_presentation(deck)
    deck.save(str(path))


def stamped(path: Path) -> bool:
    """Whether every slide of the deck `path` names its shapes by identity, read
    from the slides' parts alone (the whole package is not opened)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            slides = [n for n in package.namelist()
                      if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
            return bool(slides) and all(
                _STAMPED_NAME.search(package.read(n)) is not None for n in slides)
    except (OSError, zipfile.BadZipFile):
        return False


_STAMPED_NAME = re.compile(rb' name="[^"]* pb:[0-9a-f]{12}\.[0-9a-f]{8}"')


# A slide's shapes as python-pptx's shape tree lists them, and what it reads of one:
# its name, its placeholder (`ph`) and, for a graphic frame, what the frame holds.
_SHAPE_TAGS = tuple(qn(f"p:{tag}") for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic",
                                                "contentPart"))
_P_NAMESPACES = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
                 "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_CNVPR = etree.XPath("./*[1]/p:cNvPr", namespaces=_P_NAMESPACES)
_PLACEHOLDER = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=_P_NAMESPACES)
_GRAPHIC_DATA = etree.XPath("string(./a:graphic/a:graphicData/@uri)", namespaces=_P_NAMESPACES)
_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
_SP, _GRAPHIC_FRAME = qn("p:sp"), qn("p:graphicFrame")


def stamp_presentation(deck: Presentation) -> None:
    """Name every shape of a generated deck by its identity, before it is saved.

    The shapes are read and renamed on the slides' XML (what python-pptx's shape
    objects read, without building one object per shape)."""
    for slide, slide_id in zip(deck.slides, _slide_keys(deck), strict=True):
        ranks: Counter[str] = Counter()
        for shape in slide.element.cSld.spTree.iterchildren(*_SHAPE_TAGS):
            properties = _CNVPR(shape)[0]
            role = _digest(_element_role(shape, ranks), 8)
            name = _MARK.sub("", properties.get("name", ""))
            properties.set("name", f"{name} pb:{slide_id}.{role}")
    as_read_back(deck.part.package)


def _element_role(shape: Element, ranks: Counter[str]) -> str:
    """A shape's role on its slide: a placeholder by its index, any other shape by
    its kind (table, text, other) and its rank among the slide's shapes of that kind."""
    placeholder = _PLACEHOLDER(shape)
    if placeholder:
        return f"ph{int(placeholder[0].get('idx', '0'))}"
    if shape.tag == _GRAPHIC_FRAME and _GRAPHIC_DATA(shape) == _TABLE:
        kind = "table"
    else:
        kind = "text" if shape.tag == _SP else "other"  # python-pptx: only `p:sp` has a text frame
    rank = ranks[kind]
    ranks[kind] += 1
    return f"{kind}#{rank}"


def _slide_keys(deck: Presentation) -> list[str]:
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for slide in deck.slides:
        stem = " ".join(_FIGURES.sub(" ", _title(slide)).split())
        key = f"{slide.slide_layout.name}|{stem}"
        keys.append(_digest(f"{key}#{seen[key]}", 12))
        seen[key] += 1
    return keys


def _identity(shape: Shape) -> tuple[str, str] | None:
    match = _MARK.search(shape.name or "")
    return (match.group(1), match.group(2)) if match else None


def slides_by_identity(deck: Presentation) -> dict[str, Slide]:
    found: dict[str, Slide] = {}
    for slide in deck.slides:
        identity = _slide_identity(slide)
        if identity and identity not in found:
            found[identity] = slide
    return found


def _slide_identity(slide: Slide) -> str | None:
    for shape in slide.shapes:
        identity = _identity(shape)
        if identity:
            return identity[0]
    return None


def _shapes(slide: Slide) -> dict[str, Shape]:
    return {identity[1]: shape for shape in slide.shapes if (identity := _identity(shape))}


def _notes(slide: Slide) -> str:
    return _notes_frame(slide).text if slide.has_notes_slide else ""


def _notes_frame(slide: Slide) -> TextFrame:
    frame = slide.notes_slide.notes_text_frame
    if frame is None:  # a notes page the consultant stripped of its text placeholder
        raise ValueError(f"slide {slide.slide_id}: its notes page has no text placeholder")
    return frame


def _cells(shape: Shape) -> dict[str, Any]:
    """Table cells by row label (first cell) and column header, with occurrences."""
    from .word import _occurrences

    table = shape.table
    rows = list(table.rows)
    if not rows:
        return {}
    headers = _occurrences([c.text_frame.text.strip() for c in rows[0].cells])
    labels = _occurrences([row.cells[0].text_frame.text.strip() for row in rows])
    return {
        f"{label}|{header}": cell
        for row, label in zip(rows, labels, strict=True)
        for cell, header in zip(row.cells, headers, strict=False)
    }


def _shape_text(shape: Shape) -> str:
    if shape.has_text_frame:
        return str(shape.text_frame.text)
    if shape.has_table:
        return "\n".join(c.text_frame.text for c in _cells(shape).values())
    return str(shape.name)


def _slide_text(slide: Slide) -> list[str]:
    texts: list[str] = []
    shape: Shape
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        elif shape.has_table:
            texts += [c.text_frame.text for c in _cells(shape).values()]
    return [*texts, _notes(slide)]


def carry(base_path: Path, edited_path: Path, new_path: Path, say: Say) -> Outcome:
    """Carry the consultant's edits (base -> edited) into the new deck, saved in place.

    `say(code, **values)` words the notes left for the consultant.
    """
    import pptx

    base, edited, new = (pptx.Presentation(str(p)) for p in (base_path, edited_path, new_path))
    reidentify(base, edited)
    if slides_by_identity(base) and not slides_by_identity(edited):
        raise NoIdentities(edited_path.name)
    labels = {
        identity: f"{number}. {_title(slide)}".strip()
        for number, slide in enumerate(base.slides, 1)
        if (identity := _slide_identity(slide))
    }
    merge = _Merge(base, edited, new, labels, say)
    merge.run()
    new.save(str(new_path))
    return merge.outcome


# ----------------------------------------------------------------- identities lost


def reidentify(base: Presentation, edited: Presentation) -> None:
    """Give back, in memory, the identities a tool dropped from the edited deck.

    LibreOffice renames every placeholder ("PlaceHolder 1") when it saves a deck,
    so a slide holding only placeholders loses its identity, and a title or body
    its own; other shapes keep their names. Slides without identity are paired
    with the base's slides missing from the edited deck, in order: same title
    (figures aside), or, between two such pairs, the slide in the same place
    whose text is mostly the same (a title the consultant reworded). On a paired
    slide each unnamed placeholder takes the identity of the base's placeholder
    of its kind (title, subtitle, body...) in order. A slide the consultant
    added stays unpaired, so it is carried as added."""
    from difflib import SequenceMatcher

    base_slides, edited_slides = list(base.slides), list(edited.slides)
    by_identity = slides_by_identity(base)
    known = {identity for slide in edited_slides if (identity := _slide_identity(slide))}
    pairs = [(by_identity[identity], slide) for slide in edited_slides
             if (identity := _slide_identity(slide)) in by_identity]
    free_base = [slide for slide in base_slides if _slide_identity(slide) not in known]
    free_edited = [slide for slide in edited_slides if _slide_identity(slide) is None]
    if not free_edited:
        for before, mine in pairs:
            _name_placeholders(before, mine)
        return
    matcher = SequenceMatcher(a=[_stem(s) for s in free_base], b=[_stem(s) for s in free_edited],
                              autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for before, mine in zip(free_base[a0:a1], free_edited[b0:b1], strict=False):
            if tag == "equal" or (tag == "replace" and _alike(before, mine)):
                pairs.append((before, mine))
    for before, mine in pairs:
        _name_placeholders(before, mine)


def _stem(slide: Slide) -> str:
    return " ".join(_FIGURES.sub(" ", _title(slide)).split())


def _alike(before: Slide, mine: Slide) -> bool:
    """Mostly the same words: a reworded title or body, not another slide."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, "\n".join(_slide_text(before)).split(),
                           "\n".join(_slide_text(mine)).split()).ratio() >= 0.6


def _placeholder_kind(shape: Shape) -> str:
    from pptx.enum.shapes import PP_PLACEHOLDER

    kind = shape.placeholder_format.type
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        return "title"
    if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
        return "body"
    return str(kind)


def _numbering(shape: Shape) -> bool:
    """The slide number: its text is the application's, never the consultant's edit."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    return bool(shape.is_placeholder
                and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)


def _name_placeholders(before: Slide, mine: Slide) -> None:
    present = set(_shapes(mine))
    wanted: dict[str, list[tuple[str, str]]] = {}
    for shape in before.shapes:
        identity = _identity(shape)
        if shape.is_placeholder and identity and identity[1] not in present:
            wanted.setdefault(_placeholder_kind(shape), []).append(identity)
    for shape in mine.shapes:
        if shape.is_placeholder and _identity(shape) is None:
            queue = wanted.get(_placeholder_kind(shape))
            if queue:
                slide_id, role = queue.pop(0)
                shape.name = f"{shape.name} pb:{slide_id}.{role}"


class _Merge:
    def __init__(self, base: Presentation, edited: Presentation, new: Presentation,
                 labels: dict[str, str], say: Say) -> None:
        self.base_deck, self.edited_deck, self.new_deck = base, edited, new
        self.base = slides_by_identity(base)
        self.edited = slides_by_identity(edited)
        self.new = slides_by_identity(new)
        self.labels = labels
        self.say = say
        self.outcome = Outcome()
        self.notes: dict[Part, list[str]] = {}  # new slide's part -> consultant versions to add
        self.copies: dict[Part, Slide] = {}  # an added slide's part -> its copy in the new deck

    def run(self) -> None:
        for identity, before in self.base.items():
            self._slide(identity, before)
        self._added_slides()
        self._comments()
        for slide in self.new_deck.slides:
            extra = self.notes.get(slide.part)
            if extra:
                frame = slide.notes_slide.notes_text_frame
                frame.text = "\n\n".join(filter(None, [frame.text, *extra]))

    def _item(self, identity: str, kind: str, before: str, yours: str, now: str) -> Item:
        return {"kind": kind, "where": self.labels.get(identity, ""), "before": before,
                "yours": yours, "now": now}

    def _slide(self, identity: str, before: Slide) -> None:
        mine, new = self.edited.get(identity), self.new.get(identity)
        if new is not None and _slide_text(new) != _slide_text(before):
            self.outcome.changed.append(self._item(
                identity, "slide", "\n".join(_slide_text(before)), "", "\n".join(_slide_text(new))))
        if mine is None:
            if new is None:
                return
            item = self._item(identity, "", _title(before), "", _title(new))
            if _slide_text(new) == _slide_text(before):
                _delete_slide(self.new_deck, new)
                del self.new[identity]
                self.outcome.carried.append({**item, "kind": "slide_deleted"})
            else:
                self.notes.setdefault(new.part, []).append(self.say("deleted_changed"))
                self.outcome.conflicts.append({**item, "kind": "slide_deleted_changed"})
            return
        if new is None:
            if _slide_text(mine) != _slide_text(before):
                self.outcome.conflicts.append(self._item(
                    identity, "slide_gone", "\n".join(_slide_text(before)),
                    "\n".join(_slide_text(mine)), ""))
            return
        self._shapes(identity, before, mine, new)
        self._notes(identity, before, mine, new)

    def _shapes(self, identity: str, before: Slide, mine: Slide, new: Slide) -> None:
        base_shapes, my_shapes, new_shapes = _shapes(before), _shapes(mine), _shapes(new)
        shape: Shape
        for role, shape in base_shapes.items():
            if _numbering(shape):
                continue  # a field the application fills (LibreOffice writes the number)
            theirs, ours = my_shapes.get(role), new_shapes.get(role)
            if ours is not None and theirs is None:
                self._shape_deleted(identity, shape, ours, new)
                continue
            if ours is None or theirs is None:
                continue
            if shape.has_text_frame and theirs.has_text_frame and ours.has_text_frame:
                self._text(identity, shape.text_frame, theirs.text_frame, ours.text_frame, new)
            elif shape.has_table and theirs.has_table and ours.has_table:
                self._table(identity, shape, theirs, ours, new)
        for shape in mine.shapes:  # shapes the consultant added to the slide
            if _identity(shape) is None:
                if _copy_shape(shape, mine, new):
                    self.outcome.carried.append(self._item(
                        identity, "shape_added", "", shape.text_frame.text if shape.has_text_frame
                        else shape.name, ""))
                else:
                    self.outcome.conflicts.append(self._item(
                        identity, "chart_not_carried", "", shape.name, ""))

    def _shape_deleted(self, identity: str, before: Shape, new: Shape, new_slide: Slide) -> None:
        """A shape the consultant deleted: deleted again unless its generated text changed."""
        was, now = _shape_text(before), _shape_text(new)
        item = self._item(identity, "", was, "", now)
        if was == now:
            new._element.getparent().remove(new._element)
            self.outcome.carried.append({**item, "kind": "shape_deleted"})
        else:
            self.notes.setdefault(new_slide.part, []).append(self.say("deleted_changed"))
            self.outcome.conflicts.append({**item, "kind": "shape_deleted_changed"})

    def _text(self, identity: str, before: TextFrame, mine: TextFrame, new: TextFrame,
              new_slide: Slide) -> None:
        was, yours, now = before.text, mine.text, new.text
        if yours == was:
            return
        item = self._item(identity, "", was, yours, now)
        if now == was:
            _replace_body(new, mine)
            self.outcome.carried.append({**item, "kind": "text_edited"})
        else:
            self.notes.setdefault(new_slide.part, []).append(self.say("yours", text=yours))
            self.outcome.conflicts.append({**item, "kind": "text_changed"})

    def _table(self, identity: str, before: Shape, mine: Shape, new: Shape, new_slide: Slide
               ) -> None:
        base_cells, my_cells, new_cells = _cells(before), _cells(mine), _cells(new)
        for key, cell in base_cells.items():
            theirs, ours = my_cells.get(key), new_cells.get(key)
            if theirs is not None and ours is not None:
                self._text(identity, cell.text_frame, theirs.text_frame, ours.text_frame, new_slide)

    def _notes(self, identity: str, before: Slide, mine: Slide, new: Slide) -> None:
        was, yours, now = _notes(before), _notes(mine), _notes(new)
        if yours == was:
            return
        item = self._item(identity, "", was, yours, now)
        if now == was:
            _replace_body(_notes_frame(new), _notes_frame(mine))
            self.outcome.carried.append({**item, "kind": "notes_edited"})
        else:
            self.notes.setdefault(new.part, []).append(self.say("yours", text=yours))
            self.outcome.conflicts.append({**item, "kind": "notes_changed"})

    def _added_slides(self) -> None:
        """Slides the consultant added, after the slide they followed."""
        after: Slide | None = None  # the new deck's slide the next added slide goes after
        for slide in self.edited_deck.slides:
            identity = _slide_identity(slide)
            if identity is not None:
                after = self.new.get(identity, after)
                continue
            copied, dropped = _copy_slide(slide, self.new_deck, after)
            self.copies[slide.part] = copied
            self.notes.setdefault(copied.part, [])
            after = copied
            title = _title(slide)
            self.outcome.carried.append({"kind": "slide_added", "where": "", "before": "",
                                         "yours": title, "now": ""})
            if dropped:
                self.outcome.conflicts.append({"kind": "chart_not_carried",
                                               "where": title, "before": "", "yours": "", "now": ""})

    def _comments(self) -> None:
        """Each comment of the edited deck, on the same slide of the new deck; a comment
        on a slide no longer generated goes to the notes of the slide before it, and is
        listed as a conflict."""
        from .comments import Placer, slide_comments

        placer = Placer(self.edited_deck, self.new_deck)
        previous: Slide | None = None  # the new deck's slide for the last edited slide that has one
        for slide in self.edited_deck.slides:
            identity = _slide_identity(slide)
            target = self.copies.get(slide.part) if identity is None else self.new.get(identity)
            comments = slide_comments(self.edited_deck, slide)
            where = self.labels.get(identity, "") if identity else _title(slide)
            if target is not None:
                placer.place(comments, slide, target, _shapes)
                previous = target
                self.outcome.carried += [
                    {"kind": "comment", "where": where, "before": "", "yours": c.text, "now": ""}
                    for c in comments]
                continue
            for comment in comments:
                if previous is not None:
                    self.notes.setdefault(previous.part, []).append(self.say(
                        "comment_gone", title=_title(slide), text=comment.text))
                self.outcome.conflicts.append({
                    "kind": "comment_slide_gone", "where": where, "before": _title(slide),
                    "yours": comment.text, "now": ""})


def _replace_body(target_frame: TextFrame, source_frame: TextFrame) -> None:
    """The text of `target_frame` becomes `source_frame`'s, paragraphs and formatting."""
    target, source = target_frame._txBody, source_frame._txBody
    for paragraph in target.findall(qn("a:p")):
        target.remove(paragraph)
    for paragraph in source.findall(qn("a:p")):
        target.append(copy.deepcopy(paragraph))


def _delete_slide(deck: Presentation, slide: Slide) -> None:
    slides = deck.slides._sldIdLst
    for entry in list(slides):
        if deck.part.related_part(entry.rId) is slide.part:
            deck.part.drop_rel(entry.rId)
            slides.remove(entry)
            return


def _copy_shape(shape: Shape, source_slide: Slide, target_slide: Slide) -> bool:
    """Copy `shape` onto `target_slide`, its pictures and links re-attached; False for a chart."""
    element = copy.deepcopy(shape._element)
    if any(node.get("uri") == _CHART for node in element.iter(qn("a:graphicData"))):
        return False
    for node in element.iter():
        for attribute in _R_ATTRIBUTES:
            rid = node.get(attribute)
            if rid and rid in source_slide.part.rels:
                node.set(attribute, _relate(source_slide.part.rels[rid], target_slide.part))
    target_slide.shapes._spTree.append(element)
    return True


def _relate(relationship: _Relationship, target_part: BaseSlidePart) -> str:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    if relationship.is_external:
        return target_part.relate_to(relationship.target_ref, relationship.reltype, is_external=True)
    if relationship.reltype == RT.IMAGE:
        rid: str  # python-pptx leaves the pair's types unannotated
        _, rid = target_part.get_or_add_image_part(io.BytesIO(relationship.target_part.blob))
        return rid
    return target_part.relate_to(relationship.target_part, relationship.reltype)


def _copy_slide(slide: Slide, deck: Presentation, after: Slide | None) -> tuple[Slide, bool]:
    """A copy of `slide` in `deck`, placed after the slide `after` (None: at the end)."""
    layouts = {layout.name: layout for layout in deck.slide_layouts}
    layout = layouts.get(slide.slide_layout.name, deck.slide_layouts[len(deck.slide_layouts) - 1])
    copied = deck.slides.add_slide(layout)
    _unique_partname(deck, copied)
    for shape in list(copied.shapes):
        shape._element.getparent().remove(shape._element)
    dropped = False
    for shape in slide.shapes:
        dropped |= not _copy_shape(shape, slide, copied)
    if slide.has_notes_slide and _notes(slide):
        copied.notes_slide.notes_text_frame.text = _notes(slide)
    slides = deck.slides._sldIdLst
    entry = slides[-1]
    if after is not None:
        for position, other in enumerate(slides):
            if deck.part.related_part(other.rId) is after.part:
                slides.remove(entry)
                slides.insert(position + 1, entry)
                break
    return copied, dropped


def _unique_partname(deck: Presentation, slide: Slide) -> None:
    """python-pptx names a new slide by the count of slides, which a deleted slide
    makes a name already taken: give it the first free one."""
    from pptx.opc.packuri import PackURI

    taken = {str(part.partname) for part in deck.part.package.iter_parts() if part is not slide.part}
    number = 1
    while f"/ppt/slides/slide{number}.xml" in taken:
        number += 1
    slide.part.partname = PackURI(f"/ppt/slides/slide{number}.xml")


def identities(path: Path) -> Iterator[str]:
    """The slide identities of a deck, in order (for tests and the review)."""
    import pptx

    for slide in pptx.Presentation(str(path)).slides:
        identity = _slide_identity(slide)
        if identity:
            yield identity
