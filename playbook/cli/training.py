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


@app.command("handbook")
def handbook(
    lang: Annotated[str, typer.Option("--lang", metavar="fr|en", help="Language of the handbook: fr or en.")] = "fr",
    method: Annotated[Path | None, typer.Option(
        "--method", metavar="DIR", help="Folder of an adapted method (default: the bundled method).")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder to write the handbook into.")] = Path("outputs"),
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="Folder of the house templates (default: the bundled ones).")] = None,
    facilitator: Annotated[bool, typer.Option(
        "--facilitator", help="Write instead the facilitator guide of each exercise: objectives, timing, debrief points, model answer.")] = False,
) -> None:
    """Write the method handbook as Word and HTML (steps, brakes, levers, criteria, KPIs, training, glossary)."""
    from ..errors import PlaybookError
    from ..training import write_handbook

    if lang not in ("fr", "en"):
        raise PlaybookError(f"--lang must be fr or en, not {lang!r}")
    if facilitator:
        from ..training.facilitator import write_facilitator_guides

        for path in write_facilitator_guides(out, lang, templates):
            typer.echo(str(path))
        return
    paths = write_handbook(out, lang, method, templates)
    for path in paths.values():
        typer.echo(str(path))


training_app = PlaybookApp(cls=PlainGroup, no_args_is_help=True, add_completion=False,
                           help="Training new consultants: check a cohort's practice answers.")
app.add_typer(training_app, name="training")


@training_app.command("check")
def training_check(
    answers: Annotated[list[Path], typer.Argument(
        metavar="ANSWERS", help="Answer files, one per trainee (.yaml or .xlsx).")],
    case: Annotated[str | None, typer.Option(
        "--case", metavar="NAME", help="Exercise case of the files that name none (contact_centre...).")] = None,
    lang: Annotated[str, typer.Option("--lang", metavar="fr|en", help="Language of the feedback and report.")] = "en",
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for the cohort report.")] = Path("outputs/cohort"),
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="Folder of the house templates (default: the bundled ones).")] = None,
    cases: Annotated[Path | None, typer.Option(
        "--cases", metavar="DIR", help="Folder of the trainer's own cases (engagement files named <case>.yaml); "
        "an answer names its case, never a file.")] = None,
) -> None:
    """Grade every trainee's answer; write the cohort report (Word) and the scores (CSV)."""
    from ..errors import PlaybookError
    from ..training.cohort import check_cohort, write_cohort_report

    if lang not in ("fr", "en"):
        raise PlaybookError(f"--lang must be fr or en, not {lang!r}")
    cohort = check_cohort(answers, case, lang, cases_dir=cases)
    colon = " : " if lang == "fr" else ": "
    for graded in sorted(cohort.graded, key=lambda g: g.trainee):
        typer.echo(f"{graded.trainee}{colon}{round(graded.feedback.score * 100)}/100")
    for path in write_cohort_report(cohort, out, templates).values():
        typer.echo(str(path))
