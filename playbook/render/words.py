"""The word budget of a slide, counted one way by the writer that keeps to it and
by the layout check that verifies it.

A steering committee reads a slide in the time the presenter speaks to it:
about 80 words of body text (title, footer and slide number aside); the rest
belongs in the speaker notes or the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD_BUDGET = 80  # visible body words per slide

# a word is a run of letters or digits, elisions and hyphenations kept whole
# ("l’ancrage", "back-office"); punctuation, "**" bold markers and lone
# dashes are not words
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(text: str) -> int:
    """Visible words of `text` as a reader counts them."""
    return len(_WORD.findall(text))


def total_words(texts: Iterable[str]) -> int:
    return sum(count_words(text) for text in texts)


NOTES_BUDGET = 150  # words of speaker notes a presenter reads out for one slide
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_LIST_NUMBER = re.compile(r"\s*\d+[.)]")  # "5." opening a numbered line: not a sentence of its own


def within_budget(text: str, budget: int = NOTES_BUDGET) -> tuple[str, bool]:
    """`text` kept to `budget` words by whole lines, then whole sentences, in order
    (what comes first is what matters: the reason); and whether anything was left out."""
    kept: list[str] = []
    used = 0
    for line in text.split("\n"):
        words = count_words(line)
        if used + words <= budget:
            kept.append(line)
            used += words
            continue
        sentences = []
        for sentence in _SENTENCE.split(line):
            words = count_words(sentence)
            if used + words > budget:
                break
            sentences.append(sentence)
            used += words
        if sentences and _LIST_NUMBER.fullmatch(sentences[0]):  # "5." alone: the line's number
            sentences = sentences[1:]
        if sentences and not line.lstrip().startswith(("–", "-", "•")):
            kept.append(" ".join(sentences))
        while kept and kept[-1].rstrip().endswith(":"):  # a heading whose list was left out
            kept.pop()
        return "\n".join(kept).strip(), True
    return text, False
