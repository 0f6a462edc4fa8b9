"""Shared field types: text is normalised once, at the edge, so every later
comparison (names used as keys, duplicates, cross-references) is reliable."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u200b\u2060\ufeff]+")
# Control characters that are not spaces (a pasted bell, a stray DEL): invisible,
# so a name holding one would look equal to another yet never match it.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def normalise_name(value: str) -> str:
    """NFC, every kind of space (non-breaking ones included) collapsed, trimmed,
    invisible control characters dropped.

    Names are keys: "Conseillers\u00a0agence " and "Conseillers agence" are the
    same population for a consultant, so they must be for the model too.
    """
    value = unicodedata.normalize("NFC", _CONTROLS.sub("", value))
    return _SPACES.sub(" ", value).strip()


def normalise_text(value: str) -> str:
    """NFC and trimmed; inner line breaks kept (they are paragraphs).

    A vertical tab or form feed is how text pasted from Word carries a manual
    line break: it becomes a line break, not a character a writer must drop.
    """
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\x0b", "\n").replace("\x0c", "\n")
    return value.strip()


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


# Every text field has a maximum length, checked when the engagement is read.
# A name is a key, a table cell, a slide title and part of a folder name: 120
# characters is a long client or population name, never a paste gone wrong
# (Word's document properties stop at 255). A text holds a long interview note
# (Excel's cell stops at 32,767); past 20,000 characters it is a pasted report
# that no deliverable can lay out.
MAX_NAME = 120
MAX_TEXT = 20_000


def _at_most(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long",
                "{length} characters, at most {limit}",
                {"length": len(value), "limit": limit},
            )
        return value

    return AfterValidator(check)


Name = Annotated[
    str, AfterValidator(normalise_name), AfterValidator(_non_empty), _at_most(MAX_NAME)
]
Text = Annotated[str, AfterValidator(normalise_text), _at_most(MAX_TEXT)]
# A name that may stay empty where empty means something ("all populations"),
# so that a dumped engagement validates again.
OptionalName = Annotated[str, AfterValidator(normalise_name), _at_most(MAX_NAME)]
Headcount = Annotated[int, Field(gt=0)]
Intensity = Annotated[int, Field(ge=0, le=3)]
Share = Annotated[float, Field(ge=0, le=1)]


class Record(BaseModel):
    """Base of every model record: unknown fields are errors, not silently lost."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False)
