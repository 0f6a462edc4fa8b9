"""Agreement and display rules the wording of both languages depends on.

Sentences themselves live in the label catalogues, in both forms when they
count something (`key.one` / `key.other`); these functions only decide which
form a count takes and how a figure is shown, so no builder guesses French
plurals with a suffix or prints a sum to the cent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any


def _half_up(value: float) -> int:
    """42.5 → 43 (as a reader rounds), not Python's 42 (round half to even)."""
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


def is_singular(count: float, lang: str) -> bool:
    """French puts 0 and 1 (anything below 2) in the singular: « 0 action », « 1 a
    quelque chose à perdre »; English only 1: "0 actions", "1 action". The rule is
    the language's own, from CLDR (Babel)."""
    form: str = _plural_rule(lang)(abs(count))
    return form == "one"


@lru_cache(maxsize=4)
def _plural_rule(lang: str) -> Callable[[float], str]:
    from babel import Locale

    from .typography import LOCALES

    return Locale.parse(LOCALES.get(lang, "en_GB")).plural_form


def plural_form(count: float, lang: str) -> str:
    """'one' or 'other': the catalogue form that agrees with `count`."""
    return "one" if is_singular(count, lang) else "other"


def rounded_days(value: float) -> tuple[float, int]:
    """Days for display, with their decimals: whole days (124.9 → 125), except a
    figure under ten that is a half day (2.5), where rounding would misstate it."""
    value = float(value)
    if abs(value) < 10 and _half_up(value * 2) % 2:
        return _half_up(value * 2) / 2, 1
    return float(_half_up(value)), 0


def rounded_money(amount: float) -> float:
    """No false precision: to the nearest 100 below 10 000, the nearest 1 000 above
    (544 810 → 545 000)."""
    step = 100 if abs(amount) < 10_000 else 1_000
    return float(_half_up(float(amount) / step) * step)


def rounded_parts(parts: list[float], total: float | None = None) -> list[float]:
    """Parts rounded like their total (`rounded_money`'s step for the total) so that
    they still add up to it: the largest remainders take the rounding difference.
    544 810 = 431 700 + 86 800 + 26 310 → 432 000 + 87 000 + 26 000 = 545 000."""
    whole = float(sum(parts) if total is None else total)
    step = 100 if abs(whole) < 10_000 else 1_000
    target = rounded_money(whole)
    floors = [math.floor(p / step) * step for p in parts]
    missing = round((target - sum(floors)) / step)
    order = sorted(range(len(parts)), key=lambda i: floors[i] - parts[i])  # largest remainder first
    for i in order[:max(0, missing)]:
        floors[i] += step
    return [float(f) for f in floors]


def with_detail(label: str, detail: str) -> str:
    """"Sponsor (direction générale)" + "Hélène Marchal" → "Sponsor (direction
    générale, Hélène Marchal)": one pair of parentheses, never two in a row."""
    label, detail = label.strip(), detail.strip()
    if not detail:
        return label
    if label.endswith(")") and "(" in label:
        return f"{label[:-1]}, {detail})"
    return f"{label} ({detail})"


def capitalise(text: str) -> str:
    """First letter in capitals, accents kept (« à partir » → « À partir »), the
    rest untouched (acronyms, names)."""
    return text[:1].upper() + text[1:]


def after_colon(text: str, names: Iterable[str] = ()) -> str:
    """A sentence joined after a colon starts in lower case, in French as in
    English ("Lot 1 : utilisateurs clés…"), unless it opens on a name (one of
    `names`: a population, a lot) or an acronym ("CRM"), which keep their capitals."""
    if any(name and text.startswith(name) for name in names):
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


# "de" before a vowel sound is elided in French: "d'avril 2027", "d'Amiens". The
# catalogue's own words are written correctly; only a value put after "de" can
# break the rule, so only "de {value}" is elided. A silent or aspirated h is
# left alone: the difference is in the dictionary, not the spelling.
_ELIDED = re.compile(r"\b([Dd])e \{(\w+)\}")
_VOWEL_SOUND = re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


# "{done|est réalisée|sont réalisées}": the form that agrees with the value `done`;
# a form may hold fields of its own ("{total|La population est|Les {total} populations sont}")
_FORM = r"((?:[^{}|]|\{\w+\})*)"
_AGREEING = re.compile(rf"\{{(\w+)\|{_FORM}\|{_FORM}\}}")


def unfold_forms(template: str) -> str:
    """`template` with each agreeing choice laid out as plain text and fields
    ("{n|lot|{n} lots}" → "{n} lot {n} lots"), for code that lists its fields."""
    return _AGREEING.sub(lambda m: f"{{{m.group(1)}}} {m.group(2)} {m.group(3)}", template)


def count_of(value: Any, lang: str) -> float | None:
    """The number a filled value shows ("1", "1 234", "2,5", 3), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    digits = re.sub(r"[^\d,.\-]", "", str(value))
    digits = digits.replace(",", ".") if lang == "fr" else digits.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


def agree(template: str, lang: str, values: dict[str, Any]) -> str:
    """`template` with each "{name|singular|plural}" replaced by the form that agrees
    with the count `name` holds, by the language's plural rule (French: 0 and 1
    singular), so a sentence with several counts agrees with each of them."""
    def choose(match: re.Match[str]) -> str:
        count = count_of(values.get(match.group(1), ""), lang)
        singular = count is not None and is_singular(count, lang)
        return match.group(2) if singular else match.group(3)

    return _AGREEING.sub(choose, template)


def fill(template: str, lang: str, **values: Any) -> str:
    """`template` with its `{name}` fields filled, French "de" elided before a
    value that starts with a vowel ("de {start}" + "avril 2027" → "d'avril 2027"),
    and each "{name|singular|plural}" agreeing with the count `name`."""
    if "|" in template:
        template = agree(template, lang, values)
    if lang == "fr" and "de {" in template.lower():
        def elide(match: re.Match[str]) -> str:
            value = str(values.get(match.group(2), ""))
            if _VOWEL_SOUND.match(value):
                return f"{match.group(1)}'{{{match.group(2)}}}"
            return match.group(0)

        template = _ELIDED.sub(elide, template)
    return template.format(**values)
