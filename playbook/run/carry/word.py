"""Word reports: a stable identity for every generated paragraph, and the
consultant's edits carried from the previous report into the new one.

Identity. Each generated paragraph gets a bookmark (`pb_<digest>`), which Word
and LibreOffice keep through editing. The digest is of a key made from what the
paragraph shows: the headings it sits under (their generated text, so a section
about a population keeps its key when another population is added before it),
its style and its rank in that section; a table cell adds the table's rank,
its row label (first cell) and column header. Nothing else in the file changes.

Carrying (three files: the report as generated last time, as the consultant
left it, as generated now). For every identified paragraph the consultant
changed: if the generated text under it is the same now, their paragraph
replaces the new one (their wording and formatting); if it changed, the new
text stays and their version is put beside it as a Word comment, and a
conflict is listed. A paragraph they deleted is deleted again when its text
did not change. Paragraphs they added are inserted after the paragraph they
followed; their comments are put back on the same paragraphs.
"""

from __future__ import annotations

import copy
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.rel import _Relationship
    from docx.oxml.xmlchemy import BaseOxmlElement as Element
    from docx.parts.story import StoryPart

# Words a message for the consultant: `say(code, **values)`.
Say = Callable[..., str]
# What carrying records of one passage: kind, where, before, yours, now.
Item = dict[str, str]

PREFIX = "pb_"
AUTHOR = "playbook"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_P, _W_TBL, _W_T = qn("w:p"), qn("w:tbl"), qn("w:t")
_BOOKMARK_START, _BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_COMMENT_MARKS = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"))
_R_EMBED, _R_ID = qn("r:embed"), qn("r:id")
# Names read for every paragraph and cell of a report (qn builds them on each call).
_W_ID, _W_NAME, _W_VAL = qn("w:id"), qn("w:name"), qn("w:val")
_W_PPR, _W_TR, _W_TC = qn("w:pPr"), qn("w:tr"), qn("w:tc")
# Read for every paragraph and cell of a report: compiled once (lxml's `find` parses
# its path on every call, and makes an object for every element on the way).
_STYLE_ID_OF = etree.XPath("string(w:pPr/w:pStyle/@w:val)", namespaces={"w": _W})
_W_STYLE, _W_STYLE_ID, _W_NAME_TAG = qn("w:style"), qn("w:styleId"), qn("w:name")


class NoIdentities(Exception):
    """The edited file carries none of the identities of the generated passages:
    nothing in it can be matched, so carrying would read every passage as deleted."""


@dataclass
class Outcome:
    """What carrying the edits of one file did (see run.carry.Review)."""

    carried: list[Item] = field(default_factory=list)
    conflicts: list[Item] = field(default_factory=list)
    changed: list[Item] = field(default_factory=list)  # generated text changed under a passage


def text_of(element: Element) -> str:
    return "".join(t.text or "" for t in element.iter(_W_T))


def _key_digest(key: str) -> str:
    return PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _style_names(document: Document) -> dict[str, str]:
    """Style id -> the style's name as python-docx gives it ("Heading 1"), read from
    the styles part's XML."""
    from docx.styles import BabelFish

    return {style.get(_W_STYLE_ID): BabelFish.internal2ui(name.get(_W_VAL))
            for style in document.styles.element.iterchildren(_W_STYLE)
            if (name := style.find(_W_NAME_TAG)) is not None}


def _style(paragraph: Element, names: dict[str, str]) -> str:
    style_id: str = _STYLE_ID_OF(paragraph)  # "" when the paragraph names no style
    return names.get(style_id, style_id or "Normal")


def _heading_level(style: str) -> int:
    if style.startswith("Heading ") and style[8:].isdigit():
        return int(style[8:])
    return 0


def generated_keys(document: Document) -> Iterator[tuple[str, Element, str]]:
    """(key, paragraph element, label) of every paragraph of a generated report.

    `label` is a short human description of where the paragraph is (its
    section), for the review.
    """
    names = _style_names(document)
    path: list[str] = []
    ranks: Counter[str] = Counter()
    for child in document.element.body.iterchildren():
        if child.tag == _W_P:
            style = _style(child, names)
            level = _heading_level(style)
            if level:
                path = [*path[: level - 1], text_of(child).strip()]
                section = "/".join(path)
                yield f"{section}|heading", child, section
                continue
            section = "/".join(path)
            rank = ranks[f"{section}|{style}"]
            ranks[f"{section}|{style}"] += 1
            yield f"{section}|{style}#{rank}", child, section
        elif child.tag == _W_TBL:
            section = "/".join(path)
            rank = ranks[f"{section}|table"]
            ranks[f"{section}|table"] += 1
            yield from _table_keys(child, f"{section}|table#{rank}", section)


def _table_keys(table: Element, key: str, section: str) -> Iterator[tuple[str, Element, str]]:
    rows = [list(row.iterchildren(_W_TC)) for row in table.iterchildren(_W_TR)]
    if not rows:
        return
    headers = _occurrences([text_of(c).strip() for c in rows[0]])
    labels = _occurrences([text_of(cells[0]).strip() if cells else "" for cells in rows])
    for cells, label in zip(rows, labels, strict=True):
        for cell, header in zip(cells, headers, strict=False):
            for index, paragraph in enumerate(cell.iterchildren(_W_P)):
                yield f"{key}|{label}|{header}|{index}", paragraph, f"{section} · {label} · {header}"


def _occurrences(values: list[str]) -> list[str]:
    """Each value with its occurrence, so repeated labels stay distinct."""
    seen: Counter[str] = Counter()
    result: list[str] = []
    for value in values:
        result.append(f"{value}#{seen[value]}")
        seen[value] += 1
    return result


def stamp(path: Path) -> None:
    """Give every paragraph of the generated report `path` its bookmark."""
    import docx

    if stamped(path):  # stamped already, as written (see `stamp_document`)
        return
    document = docx.Document(str(path))
    if identified(document):  # stamped already (a cluster run stamps on the worker)
        return
    stamp_document(document)
    document.save(str(path))


def stamped(path: Path) -> bool:
    """Whether the report `path` has its identities, read from its text part alone
    (the whole package is not opened)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            return f'w:name="{PREFIX}'.encode() in package.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


# Found by libxml2, not node by node; compiled once for the dozens of parts of a package.
_EMPTY_TEXT = etree.XPath('//text()[.=""]')


def as_read_back(package: Any) -> None:
    """The package's XML as it is once saved and read back: an empty text is no
    text (`<a:t/>`, not `<a:t></a:t>`). A file identified as it is written is
    then the same, byte for byte, as one identified after being saved."""
    from lxml.etree import ElementBase

    # lxml's own text, under the properties python-docx and python-pptx give some
    # elements under the same name (a run's `text` is the text of its children).
    text = ElementBase.text
    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for empty in _EMPTY_TEXT(element):
            node = empty.getparent()
            if empty.is_text:
                text.__set__(node, None)
            else:
                node.tail = None


def stamp_document(document: Document) -> None:
    """Give every paragraph of a generated report its bookmark, before it is saved."""
    body = document.element.body
    first = 1 + max((int(b.get(_W_ID, "0")) for b in body.iter(_BOOKMARK_START)
                     if b.get(_W_ID, "0").isdigit()), default=0)
    named: dict[str, Element] = {}
    for key, paragraph, _ in generated_keys(document):
        named.setdefault(_key_digest(key), paragraph)
    marks = iter(_bookmarks(list(named), first))
    for paragraph in named.values():
        start, end = next(marks), next(marks)
        paragraph.insert(0 if next(paragraph.iterchildren(_W_PPR), None) is None else 1, start)
        paragraph.append(end)
    as_read_back(document.part.package)


def _bookmarks(names: list[str], first: int) -> list[Element]:
    """The start and end of a bookmark for each name, numbered from `first`, read
    from one piece of XML: lxml makes elements it parses much faster than elements
    made one by one, and moving them into the report keeps them as they are."""
    marks = "".join(f'<w:bookmarkStart w:id="{number}" w:name="{name}"/><w:bookmarkEnd w:id="{number}"/>'
                    for number, name in enumerate(names, first))
    return list(etree.fromstring(f'<w:marks xmlns:w="{_W}">{marks}</w:marks>'))


def identified(document: Document) -> dict[str, Element]:
    """Bookmark name -> the paragraph that starts it, for every `pb_` bookmark."""
    found: dict[str, Element] = {}
    for start in document.element.body.iter(_BOOKMARK_START):
        name = start.get(qn("w:name"), "")
        if name.startswith(PREFIX) and name not in found:
            paragraph = start.getparent()
            if paragraph is not None and paragraph.tag == _W_P:
                found[name] = paragraph
    return found


def _identity(paragraph: Element) -> str | None:
    for start in paragraph.iter(_BOOKMARK_START):
        name: str = start.get(qn("w:name"), "")
        if name.startswith(PREFIX):
            return name
    return None


def carry(base_path: Path, edited_path: Path, new_path: Path, say: Say) -> Outcome:
    """Carry the consultant's edits (base -> edited) into the new report, saved in place.

    `say(code, **values)` words the comments left for the consultant.
    """
    import docx

    base, edited, new = (docx.Document(str(p)) for p in (base_path, edited_path, new_path))
    if identified(base) and not identified(edited):
        raise NoIdentities(edited_path.name)
    labels = {_key_digest(key): label for key, _, label in generated_keys(base)}
    merge = _Merge(base, edited, new, labels, say)
    merge.run()
    new.save(str(new_path))
    return merge.outcome


class _Merge:
    def __init__(self, base: Document, edited: Document, new: Document, labels: dict[str, str],
                 say: Say) -> None:
        self.say = say
        self.base_doc, self.edited_doc, self.new_doc = base, edited, new
        self.base = {k: text_of(p) for k, p in identified(base).items()}
        self.edited = identified(edited)
        self.new = identified(new)
        self.labels = labels
        self.outcome = Outcome()
        # edited element -> its element in the new file (lxml elements, kept alive as keys)
        self.placed: dict[Element, Element | None] = {}
        self.comments: list[tuple[Element, str]] = []  # (new paragraph, comment text)

    def where(self, key: str) -> str:
        return self.labels.get(key, "")

    def run(self) -> None:
        for key, before in self.base.items():
            self._passage(key, before)
        self._added()
        self._carry_comments()
        for paragraph, text in self.comments:
            self._comment(paragraph, text, AUTHOR)

    def _passage(self, key: str, before: str) -> None:
        mine = self.edited.get(key)
        new = self.new.get(key)
        now = text_of(new) if new is not None else None
        if now is not None and now != before:
            self.outcome.changed.append(
                {"kind": "changed", "where": self.where(key), "before": before, "yours": "", "now": now})
        if mine is None:
            self._deleted(key, before, new, now)
            return
        self.placed[mine] = new
        yours = text_of(mine)
        if yours == before:
            return
        item = {"where": self.where(key), "before": before, "yours": yours, "now": now or ""}
        if now == before:
            assert new is not None  # its text is `now`
            copied = self._copy(mine)
            new.addprevious(copied)
            new.getparent().remove(new)
            self.placed[mine] = copied
            self.new[key] = copied
            self.outcome.carried.append({**item, "kind": "edited"})
        elif new is not None:
            self.comments.append((new, self.say("yours", text=yours)))
            self.outcome.conflicts.append({**item, "kind": "edited_changed"})
        else:
            anchor = self._anchor_before(mine)
            if anchor is not None:
                self.comments.append((anchor, self.say("gone", text=yours)))
            self.outcome.conflicts.append({**item, "kind": "edited_gone"})

    def _deleted(self, key: str, before: str, new: Element | None, now: str | None) -> None:
        if new is None:
            return
        assert now is not None  # the text of `new`
        item = {"where": self.where(key), "before": before, "yours": "", "now": now}
        if now == before and new.getparent() is not None and new.getparent().tag == qn("w:body"):
            new.getparent().remove(new)
            del self.new[key]
            self.outcome.carried.append({**item, "kind": "deleted"})
        elif now != before:
            self.comments.append((new, self.say("deleted_changed")))
            self.outcome.conflicts.append({**item, "kind": "deleted_changed"})
        else:
            self.outcome.conflicts.append({**item, "kind": "deleted_in_table"})

    def _added(self) -> None:
        """Top-level paragraphs and tables the consultant added, after what they followed."""
        body = self.edited_doc.element.body
        last_placed: Element | None = None
        for child in body.iterchildren():
            if child.tag not in (_W_P, _W_TBL):
                continue
            mapped = self.placed.get(child)
            if _identity(child) is not None or mapped is not None:
                last_placed = mapped if mapped is not None else last_placed
                continue
            if child.tag == _W_P and not text_of(child).strip():
                continue  # an empty line added for spacing
            copied = self._copy(child)
            if last_placed is not None and last_placed.getparent() is not None:
                last_placed.addnext(copied)
            else:
                self._append(copied)
            self.placed[child] = copied
            last_placed = copied
            self.outcome.carried.append(
                {"kind": "added", "where": "", "before": "", "yours": text_of(child), "now": ""})

    def _append(self, element: Element) -> None:
        body = self.new_doc.element.body
        properties = body.find(qn("w:sectPr"))
        if properties is not None:
            properties.addprevious(element)
        else:
            body.append(element)

    def _anchor_before(self, mine: Element) -> Element | None:
        """The new file's paragraph for the nearest identified paragraph before `mine`."""
        for previous in mine.itersiblings(preceding=True):
            placed = self.placed.get(previous)
            if placed is not None:
                return placed
        return None

    def _copy(self, element: Element) -> Element:
        """`element` from the edited file, ready for the new one: its images and
        links re-attached, its comment marks removed (comments are put back after)."""
        copied = copy.deepcopy(element)
        for mark in [e for e in copied.iter(*_COMMENT_MARKS)]:
            mark.getparent().remove(mark)
        for reference in list(copied.iter(qn("w:commentReference"))):
            run = reference.getparent()
            run.getparent().remove(run)
        source, target = self.edited_doc.part, self.new_doc.part
        for node in copied.iter():
            for attribute in (_R_EMBED, _R_ID):
                rid = node.get(attribute)
                if rid and rid in source.rels:
                    node.set(attribute, _relate(source.rels[rid], target))
        return copied

    def _carry_comments(self) -> None:
        """Each comment of the edited file, on the new file's paragraph it was on."""
        try:
            comments = {c.comment_id: c for c in self.edited_doc.comments}
        except Exception:  # noqa: BLE001 - a file without a comments part
            return
        anchored: dict[int, Element] = {}
        for paragraph in self.edited_doc.element.body.iter(_W_P):
            for start in paragraph.iter(qn("w:commentRangeStart"), qn("w:commentReference")):
                number = int(start.get(qn("w:id"), "-1"))
                anchored.setdefault(number, paragraph)
        for number, comment in comments.items():
            paragraph = anchored.get(number)
            target = self.placed.get(paragraph) if paragraph is not None else None
            if target is None and paragraph is not None:
                key = _identity(paragraph)
                target = self.new.get(key) if key else None
            if target is None and paragraph is not None:
                target = self._anchor_before(paragraph)
            text = comment.text
            if target is None:
                self.outcome.conflicts.append({"kind": "comment_lost", "where": "",
                                               "before": "", "yours": text, "now": ""})
                continue
            self._comment(target, text, comment.author or AUTHOR, comment.initials or "")
            self.outcome.carried.append({"kind": "comment", "where": "", "before": "",
                                         "yours": text, "now": text_of(target)})

    def _comment(self, element: Element, text: str, author: str, initials: str = "") -> None:
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, self.new_doc.part)
        runs = paragraph.runs or [paragraph.add_run("")]
        self.new_doc.add_comment(runs, text=text, author=author, initials=initials or "PB")


def _relate(relationship: _Relationship, target_part: StoryPart) -> str:
    """The id, in `target_part`, of what `relationship` points at (copied across)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    if relationship.is_external:
        return target_part.relate_to(relationship.target_ref, relationship.reltype, is_external=True)
    if relationship.reltype == RT.IMAGE:
        rid, _ = target_part.get_or_add_image(io.BytesIO(relationship.target_part.blob))
        return rid
    return target_part.relate_to(relationship.target_part, relationship.reltype)
