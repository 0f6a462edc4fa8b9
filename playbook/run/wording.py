"""What a run says on the console, in French and English.

The console speaks the engagement's language unless the consultant chose one
(`--lang`, or `PLAYBOOK_LANG` for every command); deliverable names stay the
codes `--only` accepts, so what is read can be typed back.
"""

from __future__ import annotations

import os

from ..text.typography import format_number

LANGUAGES = ("fr", "en")

_TEXT: dict[str, dict[str, str]] = {
    "started": {"en": "{client}: {deliverable}...", "fr": "{client} : {deliverable}…"},
    "done": {"en": "{client}: {deliverable} done ({seconds} s)",
             "fr": "{client} : {deliverable} terminé ({seconds} s)"},
    "failed": {"en": "{client}: {deliverable} failed ({seconds} s)",
               "fr": "{client} : {deliverable} en échec ({seconds} s)"},
    "current": {"en": "{client}: {deliverable} up to date", "fr": "{client} : {deliverable} à jour"},
    "up_to_date": {"en": "up to date", "fr": "à jour"},
    "counts": {"en": "{current} up to date, {rendered} rendered",
               "fr": "à jour\u00a0: {current}, produits\u00a0: {rendered}"},
    "deliverable": {"en": "deliverable", "fr": "livrable"},
    "files": {"en": "files", "fr": "fichiers"},
    "size": {"en": "size", "fr": "taille"},
    "time": {"en": "time", "fr": "durée"},
    "error": {"en": "error", "fr": "erreur"},
}


def console_language(chosen: str | None = None) -> str | None:
    """`chosen` (a `--lang`), else `PLAYBOOK_LANG` if it names a language, else None."""
    if chosen in LANGUAGES:
        return chosen
    env = os.environ.get("PLAYBOOK_LANG", "").strip().lower()[:2]
    return env if env in LANGUAGES else None


def seconds(value: float, lang: str) -> str:
    """3.25 -> "3,2" / "3.2": tenths, in the language's decimal mark."""
    return format_number(value, lang, decimals=1)


def say(key: str, lang: str, **values: object) -> str:
    return _TEXT[key][lang if lang in LANGUAGES else "en"].format(**values)
