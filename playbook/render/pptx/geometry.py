"""Named geometry of the deck writer: units, boxes, margins, the message cards' parts.

Every length the writer draws with has a name here, in points or EMU, so a
layout change is one edit and reads as what it means.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Emu, Length, Pt

EMU_PER_PT = 12700
CELL_MARGIN_X, CELL_MARGIN_Y = Pt(5), Pt(3)   # table cell insets
LEVEL_INDENT_PT = 18                          # the master's bullet indentation per level
SPACE_BEFORE_PT = (9, 4, 3)                   # the master's spacing before each bullet level
CAPTION_SIZE = 11                             # chart and table captions under the content
CAPTION_GAP_PT = 6                            # between the content and its caption
SIDE_HEADING_SIZE = 16                        # a Two Content column's heading
SIDE_HEADING_GAP_PT = 6                       # between that heading and its table
CARD_GAP_PT = 12                              # between two key-message cards
CARD_BADGE_PT = 34                            # the numbered circle of a card
CARD_BADGE_LEFT_PT = 16                       # card edge to circle
CARD_TEXT_LEFT_PT = 30                        # card edge + circle's width to text
CARD_TEXT_RIGHT_PT = 16                       # text to the card's right edge
CARD_PAD_Y_PT = 7                             # text above and below in a card
CARD_ACCENT_PT = 4                            # the coloured bar at a card's left edge
CARD_BADGE_SIZE = 16                          # the number in the circle
MAP_KEY_SHARE = 0.36                          # of a numbered map's width, for its key beside it
MAP_KEY_GAP_PT = 12                           # between the map and its key


def pt(points: float) -> int:
    """`points` in EMU, as python-pptx wants positions."""
    return int(Pt(points))


@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def w_pt(self) -> float:
        return self.w / EMU_PER_PT

    @property
    def h_pt(self) -> float:
        return self.h / EMU_PER_PT

    def tuple(self) -> tuple[Length, Length, Length, Length]:
        return (Emu(self.x), Emu(self.y), Emu(self.w), Emu(self.h))
