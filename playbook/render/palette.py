"""The template's colours, read from its theme, so charts follow a firm's template.

The one red/amber/green of every deliverable lives here too: builders name a
status (`rag_fill("amber")`), writers draw the template's colour for it.

Native PowerPoint charts take theme colours by themselves; Word figures are
images drawn by matplotlib, so their colours are read from the Word template's
theme (accent1..accent6, dk1, dk2). A firm that swaps the templates gets charts
in its own colours without touching code.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")


def hex_colour(value: str) -> str:
    """`value` ("RRGGBB" or "#RRGGBB", any case) as "#RRGGBB"; ValueError otherwise.

    Builders write colours both ways (Word and PowerPoint XML use bare hex,
    matplotlib and CSS want "#"): every writer normalises through here.
    """
    match = _HEX.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not a colour {value!r}: expected RRGGBB or #RRGGBB")
    return "#" + match.group(1).upper()


def is_dark(colour: str) -> bool:
    """Whether white text reads better than dark text on `colour` ("RRGGBB" or "#RRGGBB")."""
    rgb = hex_colour(colour)
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b < 0.55


def text_on(fill: str, dark_text: str) -> str:
    """The text colour readable on `fill`: white on dark fills, `dark_text` otherwise."""
    return "#FFFFFF" if is_dark(fill) else dark_text


HIGHLIGHT = 1   # the accent kept for a Gantt chart's milestones


def lane_slot(index: int) -> int:
    """The palette slot of the `index`-th lane of a Gantt chart: every accent but the
    highlight. Builders colour what lanes stand for (pillars) through it in every chart,
    so a pillar has one colour in bars and in timelines."""
    return index if index < HIGHLIGHT else index + 1


RAG = ("green", "amber", "red")
RAG_PREFIX = "rag:"            # a table cell fill named "rag:amber" takes the template's amber
HOUSE_RAG = ("#C8E6C9", "#FFE0A3", "#F4B6AE")   # light fills: dark text reads on all three


def rag_fill(status: str) -> str:
    """The fill name of a red/amber/green status ("green" -> "rag:green"), for table cells.

    Builders name the status; each writer draws it in its template's colour, so
    every deliverable of a firm shows one red, one amber and one green.
    """
    if status not in RAG:
        raise ValueError(f"not a RAG status {status!r}; expected one of {RAG}")
    return RAG_PREFIX + status


@dataclass(frozen=True)
class Palette:
    accents: tuple[str, ...]   # "#RRGGBB", series colours in order
    text: str                  # body text
    title: str                 # titles, the main accent
    muted: str = "#5F6B73"     # axes, captions, gridlines labels
    light: str = "#EEF3F5"     # light fills
    rag: tuple[str, str, str] = HOUSE_RAG   # green, amber, red

    def series(self, index: int) -> str:
        return self.accents[index % len(self.accents)]

    def fill(self, value: str | None) -> str | None:
        """A cell fill as "#RRGGBB": named RAG fills resolved, colours as they are."""
        if value and value.startswith(RAG_PREFIX):
            return self.rag[RAG.index(value[len(RAG_PREFIX):])]
        return value


HOUSE = Palette(accents=("#0E4D64", "#E3A72F", "#4F9DB5", "#8A969E", "#A8D0DB", "#B5533C"),
                text="#262F36", title="#0E4D64")


def palette_from_template(path: str | Path) -> Palette:
    """The palette of a .docx or .pptx theme; the house palette if it has no theme.

    Read once per file version (path, size, modification time) in a process.
    """
    file = Path(path)
    try:
        stat = file.stat()
    except OSError:
        return HOUSE
    return _read_palette(str(file.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _read_palette(path: str, _size: int, _mtime: int) -> Palette:
    try:
        with zipfile.ZipFile(path) as archive:
            name = next((n for n in archive.namelist()
                         if n.startswith(("word/theme/", "ppt/theme/")) and n.endswith(".xml")),
                        None)
            if name is None:
                return HOUSE
            root = etree.fromstring(archive.read(name))
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return HOUSE
    scheme = root.find(f".//{_A}clrScheme")
    if scheme is None:
        return HOUSE

    def colour(slot: str, default: str) -> str:
        node = scheme.find(f"{_A}{slot}")
        if node is None:
            return default
        rgb = node.find(f"{_A}srgbClr")
        if rgb is not None:
            return hex_colour(rgb.get("val", default))
        system = node.find(f"{_A}sysClr")
        return hex_colour(system.get("lastClr", default)) if system is not None else default

    accents = tuple(colour(f"accent{i}", HOUSE.accents[i - 1]) for i in range(1, 7))
    return Palette(accents=accents, text=colour("dk1", HOUSE.text), title=colour("dk2", HOUSE.title),
                   light=colour("lt2", HOUSE.light), rag=_rag(root))


def _rag(theme: etree._Element) -> tuple[str, str, str]:
    """The theme's custom colours named "RAG Green", "RAG Amber", "RAG Red" (any case),
    each defaulting to the house one: a firm sets its RAG once, in its template."""
    named: dict[str, str] = {}
    for node in theme.iter(f"{_A}custClr"):
        rgb = node.find(f"{_A}srgbClr")
        if rgb is not None:
            named[(node.get("name") or "").strip().lower()] = hex_colour(rgb.get("val", ""))
    first, second, third = (named.get(f"rag {status}", default)
                            for status, default in zip(RAG, HOUSE_RAG, strict=True))
    return first, second, third
