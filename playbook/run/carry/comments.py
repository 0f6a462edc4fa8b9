"""PowerPoint comments carried from the edited deck onto the same slides of the new one.

python-pptx has no comments API, so the work is at the level of parts and
relationships, as PowerPoint stores them:

- modern comments (PowerPoint 365): a part per slide (`ppt/comments/modernComment_….xml`,
  related from the slide), the authors in `ppt/authors.xml` (related from the
  presentation). Each comment is anchored by monikers: the slide's id and creation
  id (`pc:sldMk`), and for a comment on a shape, the shape's id and creation id
  (`ac:spMk`…). Those ids are the edited deck's: they are given the new slide's and
  the new shape's (found by its identity), or, for a shape no longer generated,
  the comment is anchored on the slide itself.
- legacy comments: a part per slide (`ppt/comments/comment1.xml`), the authors in
  `ppt/commentAuthors.xml`; a comment names its author by number and is placed by
  a position on the slide. Authors are merged by name, and each comment takes the
  next index of its author.

Replies, dates and statuses travel with each comment, untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from pptx.opc.package import OpcPackage, Part
    from pptx.opc.packuri import PackURI
    from pptx.presentation import Presentation
    from pptx.slide import Slide

    from .deck import Shape

# lxml ships no type information: its elements (`etree._Element`) are read as Any.

MODERN = "http://schemas.microsoft.com/office/2018/10/relationships/comments"
MODERN_AUTHORS = "http://schemas.microsoft.com/office/2018/10/relationships/authors"
LEGACY = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
LEGACY_AUTHORS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors"

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_A16 = "http://schemas.microsoft.com/office/drawing/2014/main"
_PC = "http://schemas.microsoft.com/office/powerpoint/2013/main/command"
_SLIDE_CREATION_EXT = "{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"
_SHAPE_CREATION_EXT = "{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"
_COMMENT_REL_EXT = "{6950BFC3-D8DA-4A85-94F7-54DA5524770B}"
_SHAPE_MONIKERS = ("spMk", "graphicFrameMk", "picMk", "grpSpMk", "cxnSpMk")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element, body: str) -> str:
    """The comment's own text (its replies aside)."""
    for child in element:
        if _local(child) == body:
            return "\n".join("".join(t.text or "" for t in p.iter(f"{{{_A}}}t"))
                             for p in child.iter(f"{{{_A}}}p"))
        if _local(child) == "text":  # a legacy comment: plain text
            return child.text or ""
    return ""


class Comment:
    """One comment of the edited deck: its element, its text and its author's name."""

    def __init__(self, element: etree._Element, kind: str, author: str) -> None:
        self.element = element
        self.kind = kind  # "modern" or "legacy"
        self.author = author
        self.text = _text(element, "txBody")


def slide_comments(deck: Presentation, slide: Slide) -> list[Comment]:
    """The comments on `slide` of `deck`, modern and legacy, in their order."""
    modern_authors = _modern_authors(deck)
    legacy_authors = _legacy_authors(deck)
    found: list[Comment] = []
    for relationship in slide.part.rels.values():
        if relationship.is_external or relationship.reltype not in (MODERN, LEGACY):
            continue
        root = etree.fromstring(relationship.target_part.blob)
        for element in root:
            if _local(element) != "cm":
                continue
            if relationship.reltype == MODERN:
                name = modern_authors.get(element.get("authorId", ""), {}).get("name", "")
                found.append(Comment(element, "modern", name))
            else:
                name = legacy_authors.get(element.get("authorId", ""), {}).get("name", "")
                found.append(Comment(element, "legacy", name))
    return found


def _authors_part(deck: Presentation, reltype: str) -> Part | None:
    for relationship in deck.part.rels.values():
        if relationship.reltype == reltype and not relationship.is_external:
            return relationship.target_part
    return None


def _modern_authors(deck: Presentation) -> dict[str, dict[str, str]]:
    part = _authors_part(deck, MODERN_AUTHORS)
    if part is None:
        return {}
    return {a.get("id", ""): dict(a.attrib) for a in etree.fromstring(part.blob)
            if _local(a) == "author"}


def _legacy_authors(deck: Presentation) -> dict[str, dict[str, str]]:
    part = _authors_part(deck, LEGACY_AUTHORS)
    if part is None:
        return {}
    return {a.get("id", ""): dict(a.attrib) for a in etree.fromstring(part.blob)
            if _local(a) == "cmAuthor"}


class Placer:
    """Puts comments of the edited deck on slides of the new deck."""

    def __init__(self, edited: Presentation, new: Presentation) -> None:
        self.edited, self.new = edited, new
        self.parts: dict[tuple[Part, str], Part] = {}  # (new slide part, kind) -> its part
        self.legacy_ids: dict[str, str] = {}  # edited author id -> new author id

    def place(self, comments: list[Comment], mine: Slide, target: Slide,
              shapes: Callable[[Slide], dict[str, Shape]]) -> None:
        """Put `comments` (on the edited slide `mine`) on the new slide `target`.

        `shapes(slide)` gives a slide's generated shapes by their identity role,
        to find the shape a comment is anchored on.
        """
        for comment in comments:
            element = copy.deepcopy(comment.element)
            if comment.kind == "modern":
                self._anchor(element, mine, target, shapes)
                self._append(target, "modern", element)
            else:
                self._legacy_author(element)
                self._append(target, "legacy", element)

    # -------------------------------------------------------------- modern

    def _anchor(self, element: etree._Element, mine: Slide, target: Slide,
                shapes: Callable[[Slide], dict[str, Shape]]) -> None:
        """The comment's monikers, made the new slide's and the new shape's."""
        slide_id, creation = str(target.slide_id), _slide_creation_id(target)
        roles = {str(shape.shape_id): role for role, shape in shapes(mine).items()}
        theirs = shapes(target)
        lost = False
        for moniker in list(element.iter()):
            name = _local(moniker)
            if name == "sldMk":
                wanted = moniker.get("cId")
                if creation is None and wanted not in (None, "", "0"):
                    _set_slide_creation_id(target, wanted)
                    creation = wanted
                moniker.set("sldId", slide_id)
                moniker.set("cId", creation or "0")
            elif name in _SHAPE_MONIKERS:
                role = roles.get(moniker.get("id", ""))
                if role is None:
                    continue  # a shape the consultant added: copied with its ids
                now = theirs.get(role)
                if now is None:
                    lost = True
                    continue
                moniker.set("id", str(now.shape_id))
                if moniker.get("creationId"):
                    moniker.set("creationId", _shape_creation_id(now, moniker.get("creationId")))
        if lost:
            _anchor_on_slide(element, slide_id, creation or "0")

    def _append(self, target: Slide, kind: str, element: etree._Element) -> None:
        part = self.parts.get((target.part, kind))
        if part is None:
            part = self._new_part(target, kind)
            self.parts[(target.part, kind)] = part
        root = etree.fromstring(part.blob)
        if kind == "modern":
            # a comment's id is unique in the deck: a repeated carry keeps one copy
            ids = {cm.get("id") for cm in root}
            if element.get("id") in ids:
                return
        root.append(element)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _new_part(self, target: Slide, kind: str) -> Part:
        from pptx.opc.package import Part

        package = self.new.part.package
        if kind == "modern":
            self._modern_authors()
            name, content_type = "/ppt/comments/modernComment%d.xml", (
                "application/vnd.ms-powerpoint.comments+xml")
            root = etree.Element(f"{{{_P188}}}cmLst", nsmap={"p188": _P188, "a": _A, "r": _R})
            reltype = MODERN
        else:
            self._legacy_authors_part()
            name, content_type = "/ppt/comments/comment%d.xml", (
                "application/vnd.openxmlformats-officedocument.presentationml.comments+xml")
            root = etree.Element(f"{{{_P}}}cmLst", nsmap={"p": _P, "a": _A, "r": _R})
            reltype = LEGACY
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(package.next_partname(name), content_type, package, blob)
        rid = target.part.relate_to(part, reltype)
        if kind == "modern":
            _link_modern_comments(target, rid)
        return part

    def _modern_authors(self) -> None:
        """The new deck's authors part, holding every author of the edited deck's."""
        theirs = _authors_part(self.edited, MODERN_AUTHORS)
        if theirs is None:
            return
        ours = _authors_part(self.new, MODERN_AUTHORS)
        if ours is None:
            from pptx.opc.package import Part

            package = self.new.part.package
            ours = Part(_free_name(package, "/ppt/authors.xml", "/ppt/authors%d.xml"),
                        theirs.content_type, package, theirs.blob)
            self.new.part.relate_to(ours, MODERN_AUTHORS)
            return
        root = etree.fromstring(ours.blob)
        known = {a.get("id") for a in root}
        for author in etree.fromstring(theirs.blob):
            if _local(author) == "author" and author.get("id") not in known:
                root.append(copy.deepcopy(author))
        ours._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # -------------------------------------------------------------- legacy

    def _legacy_authors_part(self) -> Part:
        part = _authors_part(self.new, LEGACY_AUTHORS)
        if part is None:
            from pptx.opc.package import Part

            package = self.new.part.package
            root = etree.Element(f"{{{_P}}}cmAuthorLst", nsmap={"p": _P, "a": _A, "r": _R})
            part = Part(_free_name(package, "/ppt/commentAuthors.xml", "/ppt/commentAuthors%d.xml"),
                        "application/vnd.openxmlformats-officedocument.presentationml."
                        "commentAuthors+xml", package,
                        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
            self.new.part.relate_to(part, LEGACY_AUTHORS)
        return part

    def _legacy_author(self, element: etree._Element) -> None:
        """The comment's author in the new deck's list (added by name), and its next index."""
        part = self._legacy_authors_part()
        root = etree.fromstring(part.blob)
        authors = [a for a in root if _local(a) == "cmAuthor"]
        mine = _legacy_authors(self.edited).get(element.get("authorId", ""), {})
        new_id = self.legacy_ids.get(element.get("authorId", ""))
        author = next((a for a in authors if a.get("id") == new_id), None) if new_id else None
        if author is None:
            author = next((a for a in authors if a.get("name") == mine.get("name")
                           and a.get("initials") == mine.get("initials")), None)
        if author is None:
            number = 1 + max((int(a.get("id", "0")) for a in authors
                              if a.get("id", "").isdigit()), default=-1)
            author = etree.SubElement(root, f"{{{_P}}}cmAuthor", {
                "id": str(number), "name": mine.get("name", ""), "initials": mine.get("initials", ""),
                "lastIdx": "0", "clrIdx": str(number % 8)})
        self.legacy_ids[element.get("authorId", "")] = author.get("id")
        index = int(author.get("lastIdx", "0") or 0) + 1
        author.set("lastIdx", str(index))
        element.set("authorId", author.get("id"))
        element.set("idx", str(index))
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _free_name(package: OpcPackage, name: str, numbered: str) -> PackURI:
    """The part name PowerPoint gives (some readers look for it), else a numbered one."""
    from pptx.opc.packuri import PackURI

    taken = {str(part.partname) for part in package.iter_parts()}
    return PackURI(name) if name not in taken else package.next_partname(numbered)


def _slide_creation_id(slide: Slide) -> str | None:
    found = slide._element.find(f".//{{{_P14}}}creationId")
    return found.get("val") if found is not None else None


def _extension_list(parent: etree._Element, namespace: str) -> etree._Element:
    """`parent`'s extension list (`p:extLst` or `a:extLst`), added last when missing."""
    tag = f"{{{namespace}}}extLst"
    found = parent.find(tag)
    if found is None:
        found = etree.SubElement(parent, tag)
    return found


def _set_slide_creation_id(slide: Slide, value: str) -> None:
    extensions = _extension_list(slide._element, _P)
    extension = etree.SubElement(extensions, f"{{{_P}}}ext", {"uri": _SLIDE_CREATION_EXT})
    etree.SubElement(extension, f"{{{_P14}}}creationId", {"val": value}, nsmap={"p14": _P14})


def _shape_creation_id(shape: Shape, wanted: str) -> str:
    """The new shape's creation id: its own, or `wanted` given to it when it has none."""
    properties = next(shape._element.iter(f"{{{_P}}}cNvPr"), None)
    if properties is None:
        return wanted
    found = properties.find(f".//{{{_A16}}}creationId")
    if found is not None and found.get("id"):
        return str(found.get("id"))
    extensions = _extension_list(properties, _A)
    extension = etree.SubElement(extensions, f"{{{_A}}}ext", {"uri": _SHAPE_CREATION_EXT})
    etree.SubElement(extension, f"{{{_A16}}}creationId", {"id": wanted}, nsmap={"a16": _A16})
    return wanted


def _anchor_on_slide(element: etree._Element, slide_id: str, creation: str) -> None:
    """Anchor the comment on its slide: its shape is no longer generated."""
    for child in list(element):
        if _local(child).endswith("MkLst"):
            element.remove(child)
    anchor = etree.Element(f"{{{_PC}}}sldMkLst", nsmap={"pc": _PC})
    etree.SubElement(anchor, f"{{{_PC}}}docMk")
    etree.SubElement(anchor, f"{{{_PC}}}sldMk", {"cId": creation, "sldId": slide_id})
    element.insert(0, anchor)


def _link_modern_comments(slide: Slide, rid: str) -> None:
    """The slide's own pointer to its comments part, as PowerPoint writes it."""
    extensions = _extension_list(slide._element, _P)
    for extension in extensions:
        if extension.get("uri") == _COMMENT_REL_EXT:
            extensions.remove(extension)
    extension = etree.SubElement(extensions, f"{{{_P}}}ext", {"uri": _COMMENT_REL_EXT})
    etree.SubElement(extension, f"{{{_P188}}}commentRel", {f"{{{_R}}}id": rid},
                     nsmap={"p188": _P188, "r": _R})
