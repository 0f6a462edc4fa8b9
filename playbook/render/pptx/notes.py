"""Speaker notes pages, made as PowerPoint makes them, once per deck rather than per slide.

python-pptx makes a slide's notes page by cloning the notes master's
placeholders and by listing every part of the package to number it: both
grow with the deck, and a deck of forty slides with notes spent more on its
notes pages than on its tables. The first page is made by python-pptx; the
next ones are copies of its fresh placeholders, numbered as python-pptx
numbers them (the highest free number up to one past the pages made), so the
file is the same.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart

if TYPE_CHECKING:
    from pptx.opc.package import Part
    from pptx.oxml.slide import CT_NotesSlide
    from pptx.slide import NotesSlide, Slide
    from pptx.text.text import TextFrame

PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class NotesPages:
    """The notes pages of one presentation being written."""

    def __init__(self) -> None:
        self._blank: CT_NotesSlide | None = None  # the first page's placeholders, before any text
        self._master: Part | None = None
        self._partnames: set[str] = set()

    def text_frame(self, slide: Slide) -> TextFrame:
        """The notes text frame of `slide`, its notes page made if it has none."""
        part = slide.part
        if part.has_notes_slide:
            return _notes_frame(slide.notes_slide)
        if self._blank is None:
            notes = slide.notes_slide  # python-pptx: the master's placeholders cloned
            self._blank = copy.deepcopy(notes._element)
            self._master = notes.part.part_related_by(RT.NOTES_MASTER)
            prefix = PARTNAME.split("%d")[0]
            self._partnames = {str(p.partname) for p in part.package.iter_parts()
                               if str(p.partname).startswith(prefix)}
            return _notes_frame(notes)
        assert self._master is not None  # found with the first page
        notes_part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE, part.package,
                                    copy.deepcopy(self._blank))
        notes_part.relate_to(self._master, RT.NOTES_MASTER)
        notes_part.relate_to(part, RT.SLIDE)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        return _notes_frame(slide.notes_slide)

    def _next_partname(self) -> PackURI:
        # python-pptx's rule (`OpcPackage.next_partname`) on the names already given
        for number in range(len(self._partnames) + 1, 0, -1):
            candidate = PARTNAME % number
            if candidate not in self._partnames:
                self._partnames.add(candidate)
                return PackURI(candidate)
        raise AssertionError("no free notes page name")  # pragma: no cover


def _notes_frame(notes: NotesSlide) -> TextFrame:
    frame = notes.notes_text_frame
    if frame is None:  # a notes master without a body placeholder
        raise ValueError("the template's notes master has no body placeholder for speaker notes")
    return frame
