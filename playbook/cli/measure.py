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
from . import app

measure_app = typer.Typer(help="Measurements after go-live (step 5, run and steer).",
                          no_args_is_help=True, add_completion=False)
app.add_typer(measure_app, name="measure")


class Kind(StrEnum):
    usage = "usage"
    survey = "survey"


@measure_app.command("import")
def import_command(
    engagement: Annotated[Path, typer.Argument(help="The engagement file (.xlsx or .yaml) to add to.", metavar="ENGAGEMENT")],
    file: Annotated[Path, typer.Argument(help="The export: CSV or .xlsx.", metavar="FILE")],
    kind: Annotated[Kind, typer.Option("--kind", help="usage: CRM usage export per user; survey: pulse survey, one row per respondent.")],
) -> None:
    """Aggregate an export into the engagement's measurements (every bad row located; exit 2)."""
    from ..intake import load_engagement
    from ..intake.append import append_measurements
    from ..intake.measure_import import import_survey, import_usage, not_yet_recorded
    from ..method import load_method

    current = load_engagement(engagement)
    lang = current.language
    if kind is Kind.usage:
        imported = import_usage(file, current)
    else:
        imported = import_survey(file, current, load_method().copil.pulse.min_group)
    imported = not_yet_recorded(imported, current, file)  # the same export twice: no double
    console = Console(highlight=False)
    if not imported.kpi_readings and not imported.pulse_results:
        for note in imported.notes:
            console.print(escape(render("measure.note", lang, note=note)), soft_wrap=True)
        console.print(escape(render("measure.nothing_new", lang, file=engagement)), soft_wrap=True)
        return
    kept = append_measurements(engagement, {"kpi_readings": imported.kpi_readings,
                                            "pulse_results": imported.pulse_results}, lang)
    console.print(escape(render("measure.added", lang, file=engagement,
                                readings=len(imported.kpi_readings),
                                pulses=len(imported.pulse_results))))
    for note in imported.notes:
        console.print(escape(render("measure.note", lang, note=note)), soft_wrap=True)
    console.print(escape(render("measure.kept", lang, path=kept)), soft_wrap=True)
