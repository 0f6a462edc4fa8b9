"""What a reader hands to the assembly: located raw values, per sheet.

A reader (xlsx or YAML) knows where a value sits in its file; the assembly knows
what the value must be. `Entry.locate` is the bridge: any problem the assembly
finds (a bad cell, a pydantic error, a broken reference) is placed by asking
the entry where a column, or an item of a list column, came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from .schema import Sheet


class _Broken:
    """A cell whose problem the reader already reported (merged, formula...)."""

    def __repr__(self) -> str:
        return "BROKEN"


BROKEN = _Broken()


@dataclass
class Cell:
    value: Any
    percent_format: bool = False  # shown as a percentage in the workbook


@dataclass
class Entry:
    """One row of a table, or the single record of a record sheet."""

    cells: dict[str, Cell]  # column name -> cell, for the columns present
    label: str  # short: "row 7" / "populations[3]", cited by duplicate checks
    locate: Callable[[str | None, int | None], str]  # (column, list item) -> where
    absent: frozenset[str] = frozenset()  # columns missing from the sheet (reported)


@dataclass
class Source:
    """Base of the readers: the file, the message language, problems so far."""

    file: str
    lang: str = "en"
    problems: list[Problem] = field(default_factory=list)
    # What holds a table in this kind of file, as messages name it: a workbook's
    # "sheet", a YAML file's "key".
    container: str = "sheet"

    def problem(
        self,
        where: str,
        message: str,
        found: Any = None,
        expected: str = "",
        severity: str = "error",
    ) -> None:
        self.problems.append(Problem(self.file, where, message, found, expected, severity))

    def language_hint(self) -> str | None:  # pragma: no cover - overridden
        return None

    def entries(self, sheet: Sheet) -> list[Entry] | None:  # pragma: no cover - overridden
        """Entries of `sheet`, or None when the sheet is missing (already reported)."""
        raise NotImplementedError

    def sheet_where(self, sheet: Sheet) -> str:  # pragma: no cover - overridden
        raise NotImplementedError
