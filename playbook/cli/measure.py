"""`playbook measure import`: add a CRM usage export or a survey export to an
engagement's measurements, for the next COPIL pack.

The engagement file is changed in place, atomically, after the result was read
back as a valid engagement; its previous version is kept beside it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..text import render
from ..text.language import choose_language
from . import app
from .usage import PlainGroup, PlaybookApp

measure_app = PlaybookApp(cls=PlainGroup, help="help.measure",
                         no_args_is_help=True, add_completion=False)
app.add_typer(measure_app, name="measure")


class Kind(StrEnum):
    usage = "usage"
    survey = "survey"


@measure_app.command("import", help="help.measure.import")
def import_command(
    engagement: Annotated[Path, typer.Argument(help="help.measure.engagement", metavar="ENGAGEMENT")],
    file: Annotated[Path, typer.Argument(help="help.measure.file", metavar="FILE")],
    kind: Annotated[Kind, typer.Option("--kind", help="help.measure.kind")],
) -> None:
    """Aggregate an export into the engagement's measurements (every bad row located; exit 2)."""
    from ..intake import load_engagement
    from ..intake.append import append_measurements
    from ..intake.measure_import import import_survey, import_usage, not_yet_recorded
    from ..method import load_method

    console = Console(highlight=False)
    with console.status(escape(render("cli.measure.reading", choose_language(), file=file))):
        current = load_engagement(engagement)
        lang = choose_language(None, current.language)
        if kind is Kind.usage:
            imported = import_usage(file, current)
        else:
            imported = import_survey(file, current, load_method().copil.pulse.min_group)
        imported = not_yet_recorded(imported, current, file)  # the same export twice: no double
        if imported.kpi_readings or imported.pulse_results:
            kept = append_measurements(engagement, {"kpi_readings": list(imported.kpi_readings),
                                                    "pulse_results": list(imported.pulse_results)},
                                       lang)
    if not imported.kpi_readings and not imported.pulse_results:
        for note in imported.notes:
            console.print(escape(render("measure.note", lang, note=note.text(lang))), soft_wrap=True)
        console.print(escape(render("measure.nothing_new", lang, file=engagement)), soft_wrap=True)
        return
    console.print(escape(render("measure.added", lang, file=engagement,
                                readings=len(imported.kpi_readings),
                                pulses=len(imported.pulse_results))))
    for note in imported.notes:
        console.print(escape(render("measure.note", lang, note=note.text(lang))), soft_wrap=True)
    console.print(escape(render("measure.kept", lang, path=kept)), soft_wrap=True)
