"""The method's points to look at, in a few lines after `run` and `validate`.

The documents carry every warning of the analysis with its reason; the console
names the first few so the consultant knows, before opening anything, that the
map has no key user or that a territory has no sponsor. The warnings are the
analysis's own (`MethodWarning`), never recomputed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from ..text import render

if TYPE_CHECKING:
    from ..analysis.engine import Analysis
    from ..analysis.records import MethodWarning

SHOWN = 5
# The end of a warning's first sentence: a full stop before a capital, not an
# abbreviation such as "pers. impactées".
_FIRST_SENTENCE = re.compile(r"(?<=[\w)\]»%])\.\s+(?=[A-ZÀ-ÖØ-Þ«])")


def headline(message: str) -> str:
    """The first sentence of a warning: the documents give the rest and the reason."""
    return _FIRST_SENTENCE.split(message.strip(), maxsplit=1)[0].rstrip(".") + "."


def method_warnings(analysis: Analysis) -> list[MethodWarning]:
    """Every warning of the analysis, once each, warnings before notes."""
    from ..analysis.engine import method_warnings as collected

    return collected(analysis)


def print_warnings(console: Console, warnings: Sequence[MethodWarning], lang: str) -> None:
    """The summary: a title with the count, the first `SHOWN`, how many more."""
    if not warnings:
        console.print(render("cli.warnings.none", lang), markup=False, highlight=False)
        return
    console.print(f"[yellow]{escape(render('cli.warnings.title', lang, count=len(warnings)))}[/]",
                  highlight=False)
    for warning in warnings[:SHOWN]:
        console.print(f"  - {escape(headline(warning.message))}", highlight=False,
                      soft_wrap=True)
    if len(warnings) > SHOWN:
        console.print(render("cli.warnings.more", lang, count=len(warnings) - SHOWN),
                      markup=False, highlight=False)


def print_method_warnings(console: Console, engagement: Path, lang: str, method: Path | None = None,
                          manifest: Path | None = None) -> None:
    """The warnings of the engagement's analysis in `lang` (the run's language):
    those the run recorded in its `manifest` (the analysis it rendered), else,
    for a folder a run wrote before manifests held them, computed here."""
    recorded = _recorded(manifest) if manifest is not None else None
    if recorded is not None:
        print_warnings(console, recorded, lang)
        return
    from ..workbench import open_engagement

    if console.is_terminal:  # the analysis takes seconds: say so while it runs
        with console.status(escape(render("cli.warnings.reading", lang))):
            analysis = open_engagement(Path(engagement).resolve(), lang, str(method or ""))
    else:
        analysis = open_engagement(Path(engagement).resolve(), lang, str(method or ""))
    print_warnings(console, method_warnings(analysis), lang)


def _recorded(manifest: Path) -> list[MethodWarning] | None:
    """The warnings a run's manifest records (None: it records none, or is unreadable)."""
    from ..analysis.records import MethodWarning
    from ..run import manifest as manifest_module

    try:
        raw = manifest_module.read(manifest).get("warnings")
        if raw is None:
            return None
        return [MethodWarning(**item) for item in raw]
    except (OSError, ValueError, TypeError):
        return None
