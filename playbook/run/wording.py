"""What a run says on the console, in French and English.

The console speaks the engagement's language unless the consultant chose one
(`--lang`, or `PLAYBOOK_LANG` for every command); deliverable names stay the
codes `--only` accepts, so what is read can be typed back.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..text import render
from ..text.language import choose_language
from ..text.typography import format_number

LANGUAGES = ("fr", "en")



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
    """The console message `run.<key>` (playbook/text/data/messages.yaml) in `lang`."""
    return render(f"run.{key}", lang if lang in LANGUAGES else "en", **values)


def folder_language(folder: Path) -> str:
    """The language of a message about the client folder `folder`: the run's,
    which names it (`<out>/<client>/<lang>`); else the consultant's (`--lang`,
    `PLAYBOOK_LANG`, the system's)."""
    return folder.name if folder.name in LANGUAGES else choose_language()
