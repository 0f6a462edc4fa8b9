"""Which language the console speaks: one rule for every command.

1. `--lang`, when the command was given one (it is typed now, for this run);
2. the engagement's own language, when the command reads an engagement;
3. `PLAYBOOK_LANG` (`fr`, `en`, or a locale such as `fr_FR.UTF-8`);
4. the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX order);
5. English.

A French workbook is therefore answered in French whatever the machine, and a
consultant's machine set up in French speaks French before any engagement is
read (help pages, batch, templates).
"""

from __future__ import annotations

import os

LANGUAGES = ("fr", "en")
# The language whose words are the codes: sheet names, field names and vocabulary
# codes are English; the other languages show them translated.
CODE_LANGUAGE = "en"


def speaks_codes(lang: str) -> bool:
    """True when `lang` reads the codes as they are (no translation to look up)."""
    return lang == CODE_LANGUAGE


def others(lang: str) -> tuple[str, ...]:
    """The languages other than `lang`, in their usual order."""
    return tuple(other for other in LANGUAGES if other != lang)


def language_of(value: str | None) -> str | None:
    """'fr', 'fr_FR.UTF-8', 'FR' -> 'fr'; anything else (C, POSIX, de_DE) -> None."""
    code = (value or "").strip().lower()[:2]
    return code if code in LANGUAGES else None


def system_language() -> str | None:
    """The language of the system locale, when it is one the playbook speaks."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:  # the first variable set decides, as for every POSIX program
            return language_of(value)
    return None


def preferred_language() -> str | None:
    """`PLAYBOOK_LANG`, else the system locale; None when neither names a language."""
    return language_of(os.environ.get("PLAYBOOK_LANG")) or system_language()


def choose_language(chosen: str | None = None, engagement: str | None = None) -> str:
    """The console's language by the rule above (always a language)."""
    return (language_of(chosen) or language_of(engagement) or preferred_language()
            or "en")
