"""Helpers of the model's tests: read what pydantic refuses, build small records."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from playbook.model import Engagement
from tests.factories import minimal_engagement_dict

Loc = tuple[str | int, ...]


def refusals(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """(location, error type) of every error found in `data`; fails if `data` is valid."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(error["loc"]), error["type"]) for error in caught.value.errors()]


def messages(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """(location, message) of every error found in `data`; fails if `data` is valid."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(error["loc"]), error["msg"]) for error in caught.value.errors()]


def with_(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of `data` with some fields replaced."""
    return {**data, **changes}


def without(data: dict[str, Any], *fields: str) -> dict[str, Any]:
    """A copy of `data` with some fields left out."""
    return {key: value for key, value in data.items() if key not in fields}


def engagement(data: dict[str, Any] | None = None) -> Engagement:
    """The factory's small valid engagement, or `data` validated."""
    return Engagement.model_validate(minimal_engagement_dict() if data is None else data)
