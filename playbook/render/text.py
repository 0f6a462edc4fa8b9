"""Text safety shared by every writer: the one sanitiser, shortening, bold runs.

Client text comes from Excel cells and YAML typed by consultants: it carries
stray control characters (a pasted vertical tab is enough to make Word refuse a
file), decomposed accents from macOS, and doubled spaces. Every string a writer
puts in a file goes through `sanitize` first (via `typography.prepare`).
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"

# Characters XML 1.0 forbids (tab, line feed and carriage return are allowed),
# plus lone surrogates and the two non-characters U+FFFE/U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t]{2,}")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def sanitize(text: object) -> str:
    """A string safe in any Office XML part: NFC, no invalid characters, tidy spaces.

    `None` becomes "" (an empty cell is not the word "None"); line breaks are
    normalised to "\\n"; runs of spaces collapse to one; ends are stripped.
    """
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _XML_INVALID.sub("", value)
    value = _SPACES.sub(" ", value)
    return "\n".join(line.strip() for line in value.split("\n")).strip()


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, ending with "…"."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.6:  # cut at a word when it does not waste too much room
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—\u00a0\u202f") + ELLIPSIS


def bold_runs(text: str) -> list[tuple[str, bool]]:
    """Split "**bold** plain" into [(text, is_bold)]; unmatched asterisks stay literal."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            runs.append((text[position:match.start()], False))
        runs.append((match.group(1), True))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return [run for run in runs if run[0]]


def plain(text: str) -> str:
    """`text` without its **bold** markers (for measuring and for notes)."""
    return "".join(part for part, _ in bold_runs(text))
