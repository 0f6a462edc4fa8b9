"""The fictional exercise cases: valid engagements, distinct from the examples.

Each case is an engagement YAML file in `cases/`, read by the same intake as a
real engagement, so a case can never drift from what the engine accepts. The
file is written in English; its French side lives in `cases/text/<case>.yaml`:
the case's title, the briefing (the interview notes a trainee works from) in
both languages, and every text of the case file a consultant reads (names of
populations and lots, functions, evidence...) with its French version. Codes,
numbers and dates are not text: the engine reasons on the same facts in both
languages, so the reference diagnosis and the grading do not depend on it.

A briefing never types a count the case holds: it names the fact,
`{headcount:Team supervisors}` (digits) or `{mandatory_fields:Contact-centre
advisers:words}` ("twelve", "douze"), the population by its name in the case
file, so the notes a trainee reads and the feedback they get give one number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import Field

from .. import safe_yaml
from ..errors import PlaybookError
from ..intake import load_engagement
from ..method.dimensions import Bilingual, Strict
from ..model import Engagement
from ..model.enums import Language
from ..text import typeset

CASES_DIR = Path(__file__).parent / "cases"
TEXTS_DIR = CASES_DIR / "text"
CASES_LANGUAGE = "en"  # the language the case files are written in; others are translations


class CaseText(Strict):
    """A case's words in both languages (`cases/text/<case>.yaml`)."""

    title: Bilingual
    briefing: Bilingual = Field(description="Interview notes, paragraphs separated by a blank line.")
    texts: list[Bilingual] = Field(description="Every text of the case file, English and French.")
    names: list[str] = Field(default_factory=list,
                             description="Proper names, the same in both languages.")

    def translations(self, lang: str) -> dict[str, str]:
        """English text of the case file -> its version in `lang`, typeset for it."""
        return {t.en: typeset(t.in_(lang), lang) for t in self.texts}

    def paragraphs(self, lang: str) -> list[str]:
        # Join the wrapped lines first: typesetting puts no-break spaces a later split would eat.
        return [typeset(" ".join(p.split()), lang)
                for p in self.briefing.in_(lang).split("\n\n") if p.strip()]


def case_names() -> list[str]:
    """Names of the bundled cases, sorted (file stems)."""
    return sorted(path.stem for path in CASES_DIR.glob("*.yaml"))


def case_path(name: str, lang: str | None = None) -> Path:
    """The file of the bundled case `name`; an unknown name is refused in `lang`
    (default: the consultant's language), with the bundled cases."""
    path = CASES_DIR / f"{name}.yaml"
    if not path.is_file():
        from ..text import render
        from ..text.language import choose_language

        raise PlaybookError(render("training.case_unknown", choose_language(lang), case=name,
                                   cases=", ".join(case_names())))
    return path


@cache
def case_text(name: str) -> CaseText:
    """The bilingual words of a bundled case."""
    case_path(name)
    path = TEXTS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise PlaybookError(f"exercise case {name!r} has no texts file {path.name} in {TEXTS_DIR.name}/")
    try:
        text = CaseText.model_validate(safe_yaml.load_file(path))
    except ValueError as exc:
        raise PlaybookError(f"{TEXTS_DIR.name}/{path.name}: {exc}") from exc
    engagement = load_engagement(case_path(name))
    briefing = {lang: fill_facts(text.briefing.in_(lang), engagement, lang, f"{TEXTS_DIR.name}/{path.name}")
                for lang in ("fr", "en")}
    return text.model_copy(update={"briefing": Bilingual(**briefing)})


# Facts a briefing may quote, per population of the case file.
FACT_FIELDS = ("headcount", "mandatory_fields", "new_hires_per_year")
_FACT = re.compile(r"\{(" + "|".join(FACT_FIELDS) + r"):([^:{}]+)(:words)?\}")
_WORDS = {
    "en": ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
           "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split(),
    "fr": ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
           "quinze seize dix-sept dix-huit dix-neuf vingt").split(),
}


def fill_facts(text: str, engagement: Engagement, lang: str, where: str) -> str:
    """`text` with each `{field:population}` replaced by the case's value."""
    def value(match: re.Match[str]) -> str:
        field, name, words = match.group(1), match.group(2).strip(), match.group(3)
        population = next((p for p in engagement.populations if p.name == name), None)
        number = getattr(population, field, None) if population else None
        if not isinstance(number, int):
            raise PlaybookError(f"{where}: {match.group(0)} names no {field} of a population "
                                "of the case file")
        return _WORDS[lang][number] if words and number < len(_WORDS[lang]) else str(number)

    return _FACT.sub(value, text)


def bundled_case(name_or_path: str | Path) -> str | None:
    """The name of the bundled case `name_or_path` designates (a name, or a path
    into `cases/`), or None for any other engagement file."""
    path = Path(name_or_path)
    if not path.suffix:
        return str(name_or_path)
    return path.stem if path.resolve().parent == CASES_DIR.resolve() else None


def load_case(name_or_path: str | Path, lang: str = "en") -> Engagement:
    """A bundled case by name ("contact_centre"), or any engagement file by path.

    A bundled case is given in `lang`: its texts translated, its facts unchanged.
    """
    name = bundled_case(name_or_path)
    engagement = load_engagement(case_path(name) if name else name_or_path)
    if lang == CASES_LANGUAGE or name is None:
        return engagement
    data = translate(engagement.model_dump(), case_text(name).translations(lang))
    data["engagement"]["language"] = Language(lang)
    return Engagement.model_validate(data)


def translate(node: Any, table: Mapping[str, str]) -> Any:
    """`node` with every text value found in `table` replaced; codes (enums) untouched."""
    if isinstance(node, Mapping):
        return {table.get(k, k) if isinstance(k, str) else k: translate(v, table)
                for k, v in node.items()}
    if isinstance(node, list | tuple):
        return type(node)(translate(v, table) for v in node)
    if isinstance(node, str) and not isinstance(node, Enum):
        return table.get(node, node)
    return node


def population_aliases(name: str, lang: str) -> dict[str, str]:
    """Population names of the other language -> the name in `lang`, so an
    answer typed with the English names is graded the same in a French run."""
    table = case_text(name).translations("fr")
    populations = [p.name for p in load_engagement(case_path(name)).populations]
    if lang == CASES_LANGUAGE:  # the names as written: the translated ones lead back to them
        return {table[en]: en for en in populations if en in table}
    return {en: table[en] for en in populations if en in table}
