"""A trainee's practice diagnosis, as typed in an exercise notebook.

Trainees write a plain dict, in the words they think in, not in codes:

    answer = {
        "populations": ["Field brokers", "Policy administration"],
        "brakes": {"Field brokers": ["feeling watched"]},
        "risks": {"Policy administration": {"rejection": "high", "misuse": "low"}},
        "levers": {"Policy administration": {
            "understand": ["benefits_storytelling"], "want": ["Job shadowing"], "be_able": []}},
    }

Brakes, levers, pillars, risk kinds and levels may be given by code or by
their label in either language (case and accents ignored), so a French
trainee may write "Vouloir" and "dévoiement". Population names are matched
against the case's map leniently (see `match_population`). Anything that
matches nothing is kept, not rejected: the check explains it as feedback.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from ..errors import PlaybookError
from ..method.brakes import RISK_KINDS
from ..method.labels import LANGUAGES

if TYPE_CHECKING:
    from ..method.levers import Pillar
from ..method.levers import PILLARS
from ..text import render

LEVEL_WORDS = {"none": 0, "low": 1, "medium": 2, "high": 3}

# Pillar synonyms a trainee may type besides the catalogue's labels.
_PILLAR_WORDS = {"comprendre": "understand", "vouloir": "want", "pouvoir": "be_able",
                 "be able": "be_able", "able": "be_able"}


class AnswerError(PlaybookError):
    """The answer is not shaped as the exercise asks (a list where a dict is expected...)."""


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to compare what trainees type."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Answer:
    """A normalised answer: codes where the catalogue has them, names as typed otherwise."""

    populations: list[str] = field(default_factory=list)
    brakes: dict[str, list[str]] = field(default_factory=dict)
    risks: dict[str, dict[str, Any]] = field(default_factory=dict)
    levers: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | Answer, lang: str = "en") -> Answer:
        """The answer as typed; a shape that is not the exercise's is an `AnswerError` in `lang`."""
        if isinstance(raw, Answer):
            return raw
        if not isinstance(raw, Mapping):
            raise AnswerError(render("answer.not_a_dict", lang))
        unknown = set(raw) - {"populations", "brakes", "risks", "levers"}
        if unknown:
            raise AnswerError(render("answer.unknown_keys", lang, keys=sorted(unknown)))

        def listed(value: Any, where: str) -> list[Any]:
            return _list(value, where, lang)

        def mapped(value: Any, where: str) -> Mapping[str, Any]:
            return _mapping(value, where, lang)

        return cls(
            populations=[str(p) for p in listed(raw.get("populations", []), "populations")],
            brakes={str(p): [str(b) for b in listed(v, f"brakes[{p!r}]")]
                    for p, v in mapped(raw.get("brakes", {}), "brakes").items()},
            risks={str(p): dict(mapped(v, f"risks[{p!r}]"))
                   for p, v in mapped(raw.get("risks", {}), "risks").items()},
            levers={str(p): {str(k): [str(x) for x in listed(v, f"levers[{p!r}][{k!r}]")]
                             for k, v in mapped(pillars, f"levers[{p!r}]").items()}
                    for p, pillars in mapped(raw.get("levers", {}), "levers").items()},
        )


def _list(value: Any, where: str, lang: str = "en") -> list[Any]:
    if isinstance(value, str) or not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise AnswerError(render("answer.expected_list", lang, where=where, value=repr(value)))
    return list(value)


def _mapping(value: Any, where: str, lang: str = "en") -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AnswerError(render("answer.expected_dict", lang, where=where, value=repr(value)))
    return value


class Vocabulary:
    """What trainees may type, resolved to the method's codes, for one method."""

    def __init__(self, method: Any):
        self.method = method
        self.brakes = _index((b.code.value, b.label) for b in method.brakes.brakes)
        for code in self.brakes.copy().values():
            for lang in LANGUAGES:
                self.brakes.setdefault(fold(method.term("brake", code, lang)), code)
        self.levers = _index((lever.id, lever.label) for lever in method.levers.levers)
        self.pillars = _index((code, info.label) for code, info in method.levers.pillars.items())
        self.pillars.update({fold(k): v for k, v in _PILLAR_WORDS.items()})
        self.risks = _index((r.code, r.label) for r in method.brakes.risks)

    def brake(self, text: str) -> str | None:
        return self.brakes.get(fold(text))

    def lever(self, text: str) -> str | None:
        return self.levers.get(fold(text))

    def pillar(self, text: str) -> Pillar | None:
        # a code of the method's pillars, by construction of `self.pillars`
        return cast("Pillar | None", self.pillars.get(fold(text)))

    def risk(self, text: str) -> str | None:
        return self.risks.get(fold(text))

    def level(self, value: Any) -> int | None:
        """0–3 from an int or a word (none/low/medium/high, or the vocabulary's labels)."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float) and 0 <= value <= 3 and int(value) == value:
            return int(value)
        words = dict(LEVEL_WORDS)
        for code, number in LEVEL_WORDS.items():
            for lang in LANGUAGES:
                key = f"training.risk_levels.{number}"
                words.setdefault(fold(self.method.text(key, lang)), number)
                if code != "none":
                    words.setdefault(fold(self.method.term("level", code, lang)), number)
        return words.get(fold(str(value)))


def _index(entries: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """fold(code), fold(label fr), fold(label en) → code."""
    index: dict[str, str] = {}
    for code, label in entries:
        index[fold(code)] = code
        for lang in LANGUAGES:
            index.setdefault(fold(label.in_(lang)), code)
    return index


def match_population(name: str, known: list[str]) -> str | None:
    """The case population a trainee meant by `name`, or None.

    Exact (folded) match first; then a name whose words all appear in one
    population's name only ("back office" → "Back-office clerks"); then a
    close spelling. Ambiguous guesses return None: better to ask than to
    credit the wrong population.
    """
    folded = {fold(k): k for k in known}
    key = fold(name)
    if key in folded:
        return folded[key]
    words = set(key.split())
    if words:
        containing = [k for f, k in folded.items() if words <= set(f.split())]
        if len(containing) == 1:
            return containing[0]
    close = difflib.get_close_matches(key, list(folded), n=2, cutoff=0.85)
    if len(close) == 1:
        return folded[close[0]]
    return None


def closest_population(name: str, known: list[str]) -> str | None:
    """A loose suggestion for a name that matched nothing ("did you mean...")."""
    folded = {fold(k): k for k in known}
    close = difflib.get_close_matches(fold(name), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


__all__ = ["Answer", "AnswerError", "PILLARS", "RISK_KINDS", "Vocabulary", "fold",
           "match_population", "closest_population"]
