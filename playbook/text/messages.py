"""Coded messages: a stable code and its parameters, shown in either language.

Code that finds a problem says *what* it found (`Message("consistency.unknown_lot",
{"name": "Lot 3"})`); the words live in `data/messages.yaml`, one entry per code
with its English and French sentence. Rewording a message there rewords it in
both languages at once, and a test can compare codes instead of sentences.
A parameter may itself be a `Message` (a term, a row): it is shown in the same
language as the sentence around it. A whole-number parameter `n` also gives
`{s_n}`, "s" or nothing as the language's plural rule says of it, so a sentence
agrees with its count ("15 autres", "1 problème") instead of writing "autre(s)".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .. import safe_yaml
from .grammar import is_singular

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Message:
    """A message as found: its code and parameters, not yet in any language."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str, **overrides: Any) -> str:
        """The sentence in `lang`; `overrides` replace parameters (e.g. a row
        number by where that row really is in the consultant's file)."""
        return render(self.code, lang, **{**self.params, **overrides})


def render(code: str, lang: str, **params: Any) -> str:
    """The message `code` in `lang` (English when `lang` is unknown)."""
    sentences = catalogue().get(code)
    if sentences is None:
        raise KeyError(f"no message {code!r} in {_SOURCE}")
    template = sentences.get(lang, sentences["en"])
    shown = {k: v.text(lang) if isinstance(v, Message) else v for k, v in params.items()}
    for name, value in params.items():
        count = _count(value)
        if count is not None:
            shown.setdefault(f"s_{name}", "" if is_singular(count, lang) else "s")
    return template.format(**shown)


def _count(value: object) -> float | None:
    """`value` as a number a plural agrees with, or None (a name, a date...)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


_SOURCE = "playbook/text/data/messages.yaml"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every coded message: code -> {"en": ..., "fr": ...}."""
    data = safe_yaml.load(files("playbook.text").joinpath("data/messages.yaml").read_bytes())
    if not isinstance(data, dict):
        raise ValueError(f"{_SOURCE}: expected a mapping of codes to sentences")
    checked: dict[str, dict[str, str]] = {}
    for code, sentences in data.items():
        if not isinstance(sentences, dict) or set(sentences) != set(LANGUAGES):
            raise ValueError(f"{_SOURCE}: {code!r} needs exactly an 'en' and a 'fr' sentence")
        checked[str(code)] = {str(lang): str(text) for lang, text in sentences.items()}
    return checked
