""""Did you mean ...?" for a name that nearly matches a known one.

A consultant types "back office" for "Back office", "Equipe Nord" for
"Équipe Nord", "Conseilers" for "Conseillers": the same letters once case and
accents are set aside, or a letter or two apart. The closest known spelling is
offered; a name far from every known one gets no guess (a wrong guess misleads).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

# How alike two folded names must be (difflib ratio) to be offered: one or two
# letters apart in a name of ordinary length, not merely a shared word.
_CUTOFF = 0.8


def fold(name: str) -> str:
    """Case, accents and spacing set aside: the letters a consultant meant."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.replace("-", " ").replace("'", " ").split())


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name `name` was most likely meant to be, or None."""
    by_fold: dict[str, str] = {}
    for candidate in known:
        if candidate != name:
            by_fold.setdefault(fold(candidate), candidate)
    folded = fold(name)
    if folded in by_fold:
        return by_fold[folded]
    match = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=_CUTOFF)
    return by_fold[match[0]] if match else None
