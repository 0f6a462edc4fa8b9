"""The texts the method is taken from, cited by name rather than by number.

Catalogues keep a text's code (`seeds: ["004"]`) as a stable key; a reader
sees "Parent et Mitève, s. d." and finds the full reference in the handbook's
bibliography. The list is method data (`sources.yaml`), so a firm that adds
its own sources cites them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import safe_yaml
from ..errors import MethodError
from ..text import render, semicolon
from .loader import DEFAULT_DIR


@dataclass(frozen=True)
class Source:
    code: str
    title: str
    author: str
    year: int | None
    note: dict[str, str]
    cite: dict[str, str]

    def reference(self, lang: str) -> str:
        """The bibliography entry: author, year, title, note — as the text gives them."""
        author = self.author or render("sources.no_author", lang)
        year = str(self.year) if self.year else render("sources.no_date", lang)
        return f"{author} ({year}). {self.title}. {self.note[lang]}."


@cache
def load_sources(directory: str | None = None) -> dict[str, Source]:
    path = Path(directory or DEFAULT_DIR) / "sources.yaml"
    if not path.is_file():
        path = DEFAULT_DIR / "sources.yaml"  # an adapted method without its own list
    data = safe_yaml.load_file(path)
    sources = {}
    for code, entry in (data or {}).items():
        try:
            sources[str(code)] = Source(str(code), entry["title"], entry.get("author") or "",
                                        entry.get("year"), entry["note"], entry["cite"])
        except (KeyError, TypeError) as exc:
            raise MethodError(f"{path}: source {code!r} lacks {exc}") from None
    return sources


def cite(codes: list[str], lang: str) -> str:
    """"Parent et Mitève, s. d. ; Synolia, 2020" for ["004", "002"]; unknown codes as given."""
    sources = load_sources()
    names = [sources[c].cite[lang] if c in sources else c for c in dict.fromkeys(codes)]
    return semicolon(lang).join(names)
