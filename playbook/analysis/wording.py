"""Small, language-aware pieces the reason sentences are assembled with:
counts of people, lists of population names, enumerated labels inside a
sentence. The words themselves come from the method data (`brakes.yaml`
phrases, `vocabulary.yaml`); only typography lives here.
"""

from __future__ import annotations

from typing import Any

NARROW_NBSP = "\u202f"  # French thousands separator


def number(value: int, lang: str) -> str:
    """1200 → "1 200" (fr, narrow no-break space) or "1,200" (en)."""
    text = f"{value:,}"
    return text.replace(",", NARROW_NBSP) if lang == "fr" else text


def people(method: Any, count: int, lang: str) -> str:
    """A headcount as the deliverables write it: "120 pers." / "120 people"."""
    return method.brakes.phrases.people.in_(lang, n=number(count, lang))


def quoted(method: Any, name: str, lang: str) -> str:
    phrases = method.brakes.phrases
    return f"{phrases.quote_open.in_(lang)}{name}{phrases.quote_close.in_(lang)}"


def names(method: Any, items: list[str], lang: str) -> str:
    """["A", "B", "C"] → « A », « B » et « C » / “A”, “B” and “C”."""
    marked = [quoted(method, item, lang) for item in items]
    if len(marked) <= 1:
        return "".join(marked)
    conjunction = method.brakes.phrases.and_.in_(lang)
    return f"{', '.join(marked[:-1])} {conjunction} {marked[-1]}"


_QUOTES = {"«": "»", "“": "”", '"': '"', "'": "'"}


def unquote(text: str) -> str:
    """Drop the quotation marks around a whole quotation, so the template's own
    marks are not doubled: « « … » » → « … »."""
    text = text.strip()
    close = _QUOTES.get(text[:1])
    if close and len(text) > 1 and text.endswith(close):
        inner = text[1:-1].strip()
        if text[:1] not in inner:  # one quotation, not two quoted fragments
            return inner
    return text


def inline(label: str) -> str:
    """A vocabulary label used mid-sentence: first letter lowered, acronyms kept."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def term(method: Any, vocabulary: str, code: Any, lang: str) -> str:
    return inline(method.term(vocabulary, code, lang))
