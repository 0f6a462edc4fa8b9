"""Format-independent table decisions shared by the Word and PowerPoint writers."""

from __future__ import annotations

import re

from .ir import Table
from .typography import format_number, prepare

# A number, percentage or amount as a consultant types it: "1 234", "45 %", "€12,500", "3,5 j".
_NUMERIC = re.compile(r"^[-−+]?[€$£]?\s?[\d\u00a0\u202f ,.]*\d[\d\u00a0\u202f ,.]*"
                      r"\s?(%|€|k€|M€|pts?|j|h|d)?$")


def cell_text(value: object, lang: str) -> str:
    """A cell as text: numbers in the language's format, text sanitised and typeset."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return prepare(str(value), lang)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 0 if value.is_integer() else 1)
    return prepare(value, lang)


def column_alignments(table: Table, texts: list[list[str]]) -> list[str]:
    """Given alignments, else right for columns whose filled cells are all numeric."""
    result = []
    for column in range(len(table.columns)):
        given = table.align[column] if table.align else None
        if given:
            result.append(given)
            continue
        filled = [(row[column], text[column]) for row, text in zip(table.rows, texts, strict=True)
                  if text[column]]
        numeric = filled and all(
            (isinstance(v, int | float) and not isinstance(v, bool)) or _NUMERIC.match(t)
            for v, t in filled)
        result.append("right" if numeric else "left")
    return result


def column_widths(table: Table, header: list[str], texts: list[list[str]], total: int,
                  minimum: list[int] | None = None) -> list[int]:
    """Column widths summing to `total`: the given proportions, else from typical lengths.

    The automatic rule weighs each column by the length of its 80th-percentile
    cell (capped, so one long comment does not starve the other columns) and
    never narrower than the longest word of its header. `minimum` (per column,
    same unit as `total`) then widens columns that would break a word in two,
    taking the room from the others in proportion.
    """
    if table.widths:
        weights = list(table.widths)
    else:
        weights = []
        for column, name in enumerate(header):
            lengths = sorted(len(row[column]) for row in texts) or [0]
            typical = lengths[int((len(lengths) - 1) * 0.8)]
            longest_word = max((len(word) for word in name.split()), default=4)
            weights.append(max(6, longest_word, min(typical, 60)) ** 0.85)
    scale = total / sum(weights)
    widths = [weight * scale for weight in weights]
    if minimum and sum(minimum) < total:
        fixed: set[int] = set()
        while True:
            short = [c for c in range(len(widths)) if c not in fixed and widths[c] < minimum[c]]
            if not short:
                break
            fixed.update(short)
            free = total - sum(minimum[c] for c in fixed)
            flexible = sum(weights[c] for c in range(len(widths)) if c not in fixed)
            widths = [minimum[c] if c in fixed else weights[c] * free / flexible
                      for c in range(len(widths))]
    result = [int(width) for width in widths]
    result[-1] += total - sum(result)
    return result


def longest_words(header: list[str], texts: list[list[str]]) -> list[str]:
    """The longest unbreakable word of each column (header included)."""
    words = []
    for column, name in enumerate(header):
        cells = [name, *(row[column] for row in texts)]
        words.append(max((w for cell in cells for w in cell.split()), key=len, default=""))
    return words


_CODE_CHARS = 3  # "R/A", "C", "–": a code read at a glance, not a word read in a sentence


def figure_grid(texts: list[list[str]]) -> bool:
    """Rows of a label then figures or short codes only (a heat map, a population ×
    pillar count, a RACI): read across and down as one picture, so a deck keeps
    it whole rather than split it to keep to the word budget."""
    return bool(texts) and len(texts[0]) > 1 and all(
        len(cell.strip()) <= _CODE_CHARS or _NUMERIC.match(cell)
        for row in texts for cell in row[1:])
