"""The delivery catalogue (`delivery.yaml`): files named for a client's inbox.

The deliverables keep their stable names (`framing_note.docx`), which the
incremental runs, the edited-file guard and the carrying of edits rely on, and
which scripts and batch runs expect. A firm that sends the files as they come
out of the run can also ask for a copy of each named as its client reads it,
"Note de cadrage – Mutuelle Horizon – 2027-02-15.docx", in a folder of its own
(`envoi/`, `to-send/`). The names are patterns per deliverable and language,
filled with the client's name and the date the deliverable describes; a
deliverable without a pattern gets no copy. Off unless the firm turns it on.
"""

from __future__ import annotations

import string

from pydantic import Field, field_validator, model_validator

from .levers import Bilingual, Strict

PLACEHOLDERS = ("client", "date")
# Characters no file name may hold on Windows, macOS or a file share.
ILLEGAL = '<>:"/\\|?*'


def _placeholders(pattern: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]


class Inbox(Strict):
    enabled: bool = False
    folder: Bilingual = Field(description="The subfolder of the client folder holding the copies.")
    names: dict[str, Bilingual] = Field(
        default_factory=dict, description="Per deliverable, its copy's name without extension.")

    @field_validator("folder")
    @classmethod
    def _plain_folder(cls, value: Bilingual) -> Bilingual:
        for text in (value.fr, value.en):
            if any(c in ILLEGAL for c in text) or text.strip() in (".", "..") or text.startswith("."):
                raise ValueError(f"folder {text!r}: one plain folder name, without {ILLEGAL}")
        return value

    @field_validator("names")
    @classmethod
    def _patterns(cls, value: dict[str, Bilingual]) -> dict[str, Bilingual]:
        from ..registry import REGISTRY

        known = [entry.name for entry in REGISTRY]
        problems = [f"names: unknown deliverable {name!r} (known: {', '.join(known)})"
                    for name in value if name not in known]
        for name, pattern in value.items():
            for lang, text in (("fr", pattern.fr), ("en", pattern.en)):
                try:
                    fields = _placeholders(text)
                except ValueError as error:
                    problems.append(f"names.{name}.{lang}: {error}")
                    continue
                unknown = [f for f in fields if f not in PLACEHOLDERS]
                if unknown:
                    problems.append(f"names.{name}.{lang}: unknown placeholder {{{unknown[0]}}} "
                                    f"(known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
                if any(c in text for c in "/\\"):
                    problems.append(f"names.{name}.{lang}: a name, not a path (no / or \\)")
        if problems:
            raise ValueError("; ".join(problems))
        return value


class Catalogue(Strict):
    description: Bilingual
    inbox: Inbox

    @model_validator(mode="after")
    def _named_when_on(self) -> Catalogue:
        if self.inbox.enabled and not self.inbox.names:
            raise ValueError("inbox: enabled, but no deliverable has a name pattern")
        return self
