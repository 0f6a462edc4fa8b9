"""Exceptions of the playbook: one base class, structured fields, readable text.

The CLI turns any `PlaybookError` into its `__str__` and exit status 2; nothing
else should ever reach a consultant as a raw traceback.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from typing import Any

# Echoed values are shortened: a pasted chapter, or a structure built by YAML
# aliases that would expand to millions of items, must not become the message.
_SHORT = reprlib.Repr()
_SHORT.maxstring = 80
_SHORT.maxother = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 4
_SHORT.maxlevel = 2
MAX_SHOWN = 100


def brief(text: str, limit: int = 60) -> str:
    """`text` itself when short, else its beginning and "...": a name quoted in a list."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any) -> str:
    """`repr(value)`, at most 100 characters, whatever `value` holds."""
    text = _SHORT.repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


class PlaybookError(Exception):
    """Base class of every error the playbook raises on purpose."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    `where` is human-readable ("sheet 'populations', row 7, column D (headcount)"
    or "populations[3].headcount"); `found` is the value read; `expected` says
    what would have been accepted.
    """

    file: str
    where: str
    message: str
    found: Any = None
    expected: str = ""
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        text = f"{self.file}: {self.where}: {self.message}"
        if self.found not in (None, ""):
            text += f" (found {shown(self.found)})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


@dataclass
class IntakeError(PlaybookError):
    """An engagement file could not be read: every problem, at once."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def __str__(self) -> str:
        errors = self.errors
        head = f"{self.path}: {len(errors)} problem{'s' if len(errors) != 1 else ''} found"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class MethodError(PlaybookError):
    """The method data (catalogues, labels) is missing or malformed."""


@dataclass
class TemplateError(PlaybookError):
    """A Word or PowerPoint template lacks a style or layout the renderers need."""

    template: str
    missing: list[str] = field(default_factory=list)
    detail: str = ""

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"template {self.template}: " + (self.detail or "not usable")
        if self.missing:
            text += "; missing: " + ", ".join(self.missing)
        return text


# The `deliverable` of a `RunError` when the run failed before or around its
# notebooks rather than in one of them.
WHOLE_RUN = "(run)"


@dataclass
class RunError(PlaybookError):
    """A deliverable notebook failed: which client, which deliverable, which
    cell; said in `lang`, the run's language (`reason` is given in it)."""

    client: str
    deliverable: str
    cell: str = ""
    reason: str = ""
    notebook: str = ""
    lang: str = "en"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        from .text import colon, render

        lang = self.lang
        deliverable = (render("run.failure.whole_run", lang) if self.deliverable == WHOLE_RUN
                       else self.deliverable)
        text = render("run.failure.head", lang, client=self.client, deliverable=deliverable)
        if self.cell:
            text += render("run.failure.cell", lang, cell=self.cell)
        if self.reason:
            text += f"{colon(lang)}{self.reason}"
        if self.notebook:
            text += render("run.failure.kept", lang, path=self.notebook)
        return text
