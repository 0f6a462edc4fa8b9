"""Small pieces the reason sentences are assembled with: counts of people,
lists of population names, enumerated labels inside a sentence. The words come
from the method data (`brakes.yaml` phrases, `vocabulary.yaml`); the typography
from `playbook.text`.
"""

from __future__ import annotations

from typing import Any

from ..method import Method
from ..text.typography import format_number, inline, unquote

__all__ = ["inline", "names", "people", "quoted", "term", "unquote"]


def people(method: Method, count: int, lang: str) -> str:
    """A headcount as the deliverables write it: "120 pers." / "120 people"."""
    return method.brakes.phrases.people.in_(lang, n=format_number(count, lang))


def quoted(method: Method, name: str, lang: str) -> str:
    phrases = method.brakes.phrases
    return f"{phrases.quote_open.in_(lang)}{name}{phrases.quote_close.in_(lang)}"


def names(method: Method, items: list[str], lang: str) -> str:
    """["A", "B", "C"] → « A », « B » et « C » / “A”, “B” and “C”."""
    marked = [quoted(method, item, lang) for item in items]
    if len(marked) <= 1:
        return "".join(marked)
    conjunction = method.brakes.phrases.and_.in_(lang)
    return f"{', '.join(marked[:-1])} {conjunction} {marked[-1]}"


def term(method: Method, vocabulary: str, code: Any, lang: str) -> str:
    return inline(method.term(vocabulary, code, lang))
