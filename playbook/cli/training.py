"""`playbook handbook`: the method handbook, printed from the method data.

A firm that adapted its catalogues points `--method` at its copy and prints
its own handbook; the Word file uses the house template (or `--templates`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .usage import PlainGroup, PlaybookApp


@app.command("handbook", help="help.handbook")
def handbook(
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help="help.handbook.lang")] = None,
    method: Annotated[Path | None, typer.Option(
        "--method", metavar="DIR", help="help.handbook.method")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="help.handbook.out")] = Path("outputs"),
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="help.templates_dir")] = None,
    facilitator: Annotated[bool, typer.Option(
        "--facilitator", help="help.handbook.facilitator")] = False,
) -> None:
    """Write the method handbook as Word and HTML (steps, brakes, levers, criteria, KPIs, training, glossary)."""
    from ..training import write_handbook
    from .render import checked_language

    lang = checked_language(lang)
    if facilitator:
        from ..training.facilitator import write_facilitator_guides

        for path in write_facilitator_guides(out, lang, templates):
            typer.echo(str(path))
        return
    paths = write_handbook(out, lang, method, templates)
    for path in paths.values():
        typer.echo(str(path))


training_app = PlaybookApp(cls=PlainGroup, no_args_is_help=True, add_completion=False,
                           help="help.training")
app.add_typer(training_app, name="training")


@training_app.command("check", help="help.training.check")
def training_check(
    answers: Annotated[list[Path], typer.Argument(
        metavar="ANSWERS", help="help.training.answers")],
    case: Annotated[str | None, typer.Option(
        "--case", metavar="NAME", help="help.training.case")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help="help.training.lang")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="help.training.out")] = Path("outputs/cohort"),
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="help.templates_dir")] = None,
    cases: Annotated[Path | None, typer.Option(
        "--cases", metavar="DIR", help="help.training.cases")] = None,
) -> None:
    """Grade every trainee's answer; write the cohort report, the scores and each trainee's feedback."""
    from ..text import render
    from ..training.cohort import check_cohort, write_cohort_report
    from .render import checked_language

    lang = checked_language(lang)
    cohort = check_cohort(answers, case, lang, cases_dir=cases)
    for graded in sorted(cohort.graded, key=lambda g: g.trainee):
        typer.echo(render("cli.training.score", lang, trainee=graded.trainee,
                          score=round(graded.feedback.score * 100)))
    for path in write_cohort_report(cohort, out, templates).values():
        typer.echo(str(path))


@training_app.command("prepare", help="help.training.prepare")
def training_prepare(
    cases: Annotated[list[str] | None, typer.Argument(
        metavar="CASE", help="help.training.prepare.cases", show_default=False)] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="fr|en", help="help.training.prepare.lang")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="help.training.prepare.out")] = Path(
        "outputs/training"),
) -> None:
    """Write each exercise's trainee copy (notebook, answer workbook) and trainer copy (model answer)."""
    from ..method import load_method
    from ..training.materials import prepare
    from .render import checked_language

    lang = checked_language(lang)
    for material in prepare(out, lang, load_method(), list(cases or [])):
        for path in (material.trainee_notebook, material.trainee_workbook, material.trainer_notebook):
            typer.echo(str(path))
