"""French and English labels of the enumerated codes, for the workbook and the guide.

The labels are method data (`playbook/method/data/vocabulary.yaml`) so that a
firm rewords them without touching code. A French workbook's dropdowns offer
the French labels ("Favorable", "Réticent"); the reader takes a code or a label
in either language back to its code, whatever the workbook's language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .. import safe_yaml
from ..method.labels import Catalogue
from ..method.loader import DEFAULT_DIR
from ..text import speaks_codes


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    return Catalogue.model_validate(safe_yaml.load_file(DEFAULT_DIR / "vocabulary.yaml"))


def label(vocabulary: str, code: str, lang: str) -> str:
    """`label('buy_in', 'resistant', 'fr')` -> 'Résistant'."""
    return _catalogue().get(f"{vocabulary}.{code}", lang)


def choices(vocabulary: str, codes: list[str], lang: str) -> list[str]:
    """What a dropdown of `lang`'s workbook offers: labels in French, codes in English."""
    if speaks_codes(lang):
        return list(codes)
    return [label(vocabulary, code, lang) for code in codes]


def shown(vocabulary: str, code: str, lang: str) -> str:
    """A code as a `lang` workbook's cell holds it (see `choices`)."""
    return code if speaks_codes(lang) else label(vocabulary, code, lang)


def folded(text: str) -> str:
    """Case, accents, spaces, hyphens and apostrophes set aside: 'Réticent' -> 'reticent'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’]+", "_", bare.strip())


@cache
def aliases(vocabulary: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Folded labels in both languages (and folded codes) -> code.

    A code keeps its own spelling first, so a label that folds to another code
    never takes it over.
    """
    found = {folded(code): code for code in codes}
    for lang in ("en", "fr"):
        for code in codes:
            found.setdefault(folded(label(vocabulary, code, lang)), code)
    return found
