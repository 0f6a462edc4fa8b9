"""The template's colours, read from its theme, so charts follow a firm's template.

Native PowerPoint charts take theme colours by themselves; Word figures are
images drawn by matplotlib, so their colours are read from the Word template's
theme (accent1..accent6, dk1, dk2). A firm that swaps the templates gets charts
in its own colours without touching code.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class Palette:
    accents: tuple[str, ...]   # "#RRGGBB", series colours in order
    text: str                  # body text
    title: str                 # titles, the main accent
    muted: str = "#5F6B73"     # axes, captions, gridlines labels
    light: str = "#EEF3F5"     # light fills

    def series(self, index: int) -> str:
        return self.accents[index % len(self.accents)]


HOUSE = Palette(accents=("#0E4D64", "#E3A72F", "#4F9DB5", "#8A969E", "#A8D0DB", "#B5533C"),
                text="#262F36", title="#0E4D64")


def palette_from_template(path: str | Path) -> Palette:
    """The palette of a .docx or .pptx theme; the house palette if it has no theme."""
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
            return "#" + rgb.get("val")
        system = node.find(f"{_A}sysClr")
        return "#" + system.get("lastClr", default[1:]) if system is not None else default

    accents = tuple(colour(f"accent{i}", HOUSE.accents[i - 1]) for i in range(1, 7))
    return Palette(accents=accents, text=colour("dk1", HOUSE.text), title=colour("dk2", HOUSE.title),
                   light=colour("lt2", HOUSE.light))
