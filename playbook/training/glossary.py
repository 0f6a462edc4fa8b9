"""The method's vocabulary, French and English, with one-line definitions.

Kept as method data (`labels.glossary.yaml`, top-level key `glossary`), read
through the method's labels, so an adapted method folder carries its own
glossary into the notebook and the handbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import MethodError
from ..method import load_method
from ..text import check_lang

PREFIX = "glossary."


@dataclass(frozen=True)
class GlossaryEntry:
    code: str
    term_fr: str
    term_en: str
    definition_fr: str
    definition_en: str

    def term(self, lang: str) -> str:
        return str(getattr(self, f"term_{check_lang(lang)}"))

    def definition(self, lang: str) -> str:
        return str(getattr(self, f"definition_{check_lang(lang)}"))


def glossary(method: Any = None) -> list[GlossaryEntry]:
    """Every entry, in the order of the data file."""
    method = method or load_method()
    codes = list(dict.fromkeys(
        key[len(PREFIX):].rsplit(".", 1)[0]
        for key in method.labels.keys() if key.startswith(PREFIX)
    ))
    entries = []
    for code in codes:
        try:
            entries.append(GlossaryEntry(
                code,
                method.text(f"{PREFIX}{code}.term", "fr"), method.text(f"{PREFIX}{code}.term", "en"),
                method.text(f"{PREFIX}{code}.definition", "fr"),
                method.text(f"{PREFIX}{code}.definition", "en"),
            ))
        except MethodError as exc:
            raise MethodError(f"glossary entry {code!r} needs a term and a definition: {exc}") from exc
    return entries


def glossary_table(method: Any = None, lang: str = "en") -> pd.DataFrame:
    """The glossary as a table: the term in both languages, the definition in `lang`."""
    method = method or load_method()
    columns = [method.text(f"handbook.glossary.columns.{c}", lang)
               for c in ("term_fr", "term_en", "definition")]
    rows = [[e.term_fr, e.term_en, e.definition(lang)] for e in glossary(method)]
    return pd.DataFrame(rows, columns=columns)
