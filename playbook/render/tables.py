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


def column_widths(table: Table, header: list[str], texts: list[list[str]], total: int) -> list[int]:
    """Column widths summing to `total`: the given proportions, else from typical lengths.

    The automatic rule weighs each column by the length of its 80th-percentile
    cell (capped, so one long comment does not starve the other columns) and
    never narrower than the longest word of its header.
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
    widths = [int(weight * scale) for weight in weights]
    widths[-1] += total - sum(widths)
    return widths
