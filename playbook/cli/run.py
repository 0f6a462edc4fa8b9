"""`playbook run` and `playbook batch`: produce the deliverables of one or many clients."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ..text import colon, render
from ..text.language import choose_language
from . import app
from .render import checked_language

if TYPE_CHECKING:
    from rich.console import Console

    from ..run.execute import RunResult


ONLY_HELP = "help.run.only"
AS_OF_HELP = "help.run.as_of"
SINCE_HELP = "help.run.since"
LANG_HELP = "help.run.lang"
FORCE_HELP = "help.run.force"
OUT_HELP = "help.run.out"


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


@app.command("run", help="help.run")
def run_command(
    engagement: Annotated[Path, typer.Argument(help="help.run.file", metavar="FILE")],
    only: Annotated[list[str] | None, typer.Option("--only", metavar="NAME…", help=ONLY_HELP)] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help=LANG_HELP)] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help=OUT_HELP)] = Path("outputs"),
    templates: Annotated[Path | None, typer.Option("--templates", metavar="DIR", help="help.run.templates")] = None,
    method: Annotated[Path | None, typer.Option("--method", metavar="DIR", help="help.run.method")] = None,
    kernel: Annotated[bool, typer.Option("--kernel", help="help.run.kernel")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP)] = None,
    since: Annotated[Path | None, typer.Option("--since", metavar="FILE", help=SINCE_HELP)] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", help="help.run.jobs")] = None,
    notebooks: Annotated[Path | None, typer.Option("--notebooks", hidden=True)] = None,
    check_layout: Annotated[bool, typer.Option("--check-layout", help="help.run.check_layout")] = False,
) -> None:
    """Produce one client's deliverables: Word, PowerPoint, executed notebook, HTML review copy."""
    from ..errors import RunError
    from ..run.execute import run_engagement
    from ..run.progress import RunProgress
    from ..run.report import counts_line, files_table, inbox_lines, kept_edits_lines
    from ..run.wording import say
    from .summary import print_method_warnings

    console = _console()
    told = checked_language(lang) if lang is not None else None
    as_of = option_date(as_of, "--as-of", told)
    try:
        # None: the run speaks its own language (the engagement's, or --lang).
        with RunProgress(console, told, label=f"{engagement.name}…") as progress:
            result = run_engagement(
                engagement, out, lang=told, only=only, templates_dir=templates,
                method_dir=method, notebooks_dir=notebooks, progress=progress, kernel=kernel,
                as_of=as_of, since=since, force=force, jobs=jobs,
            )
    except RunError as error:
        shown = choose_language(told, _language_of(engagement))
        _console(stderr=True).print(f"[red]{escape(say('error', shown))}[/red]{colon(shown)}"
                                    f"{escape(str(error))}", soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(files_table(result, result.language))
    console.print(counts_line(len(result.up_to_date), len(result.rendered), result.language),
                  highlight=False)
    for line in kept_edits_lines(result.kept_edits, result.language, result.reviews):
        console.print(line, soft_wrap=True, markup=False, style="yellow")
    for line in inbox_lines(result.inbox, result.language):
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    print_method_warnings(console, engagement, result.language, method, result.manifest)
    if result.compared_with:
        console.print(compared_line(result.compared_with, result.language), highlight=False,
                      soft_wrap=True, markup=False)
    if result.discrepancies:
        console.print(say("discrepancies", result.language, count=len(result.discrepancies)),
                      highlight=False)
        for line in result.discrepancies:
            console.print(f"  – {escape(line)}", highlight=False, soft_wrap=True)
    if check_layout:
        _check_layout(result, console)


def compared_line(compared_with: str, lang: str) -> str:
    """Which committee the steering pack's "since the last committee" reads: a
    recorded committee's date (as the consultant reads dates), or the file `--since` named."""
    import datetime as dt

    from ..run.wording import say
    from ..text.typography import format_date

    try:
        day = dt.date.fromisoformat(compared_with)
    except ValueError:
        return say("compared_with_file", lang, committee=compared_with)
    return say("compared_with", lang, committee=format_date(day, lang))


def option_date(value: str | None, option: str, lang: str | None = None) -> str | None:
    """A date option as consultants type it (31/12/2026, 2026-12-31, 31.12.2026),
    as an ISO date; exit 2 with the accepted forms otherwise."""
    if value is None or not value.strip():
        return None
    from ..errors import PlaybookError
    from ..intake.values import coerce_date  # the intake's reader: only for a date given

    try:
        return coerce_date(value.strip()).isoformat()
    except (ValueError, TypeError):
        raise PlaybookError(render("cli.bad_date", choose_language(lang), option=option,
                                   value=value)) from None


def _language_of(engagement: Path) -> str | None:
    """The engagement's language for a message after a failed run (it was read before)."""
    from ..intake import load_engagement

    try:
        return load_engagement(engagement).language
    except Exception:  # unreadable now: the message is still worth showing
        return None


def _check_layout(result: RunResult, console: Console) -> None:
    """The layout check of the files a run wrote, or a note saying why it was not done."""
    from ..render.layout_check import check_files, libreoffice_available
    from .render import LayoutProgress, report_layout

    lang = result.language
    if not libreoffice_available():
        console.print(f"[yellow]{escape(render('cli.layout.no_libreoffice', lang))}[/yellow]",
                      soft_wrap=True)
        return
    with LayoutProgress(len(result.files), lang) as progress:
        findings = check_files(result.files, on_file=progress)
    report_layout(findings, Path(result.folder), lang)


@app.command("batch", help="help.batch")
def batch_command(
    engagements: Annotated[list[str], typer.Argument(help="help.batch.files", metavar="FILES")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", help="help.batch.jobs")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help=OUT_HELP)] = Path("outputs"),
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help=LANG_HELP)] = None,
    only: Annotated[list[str] | None, typer.Option("--only", metavar="NAME…", help=ONLY_HELP)] = None,
    templates: Annotated[Path | None, typer.Option("--templates", metavar="DIR", help="help.run.templates")] = None,
    method: Annotated[Path | None, typer.Option("--method", metavar="DIR", help="help.run.method")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="help.batch.dask")] = None,
    kernel: Annotated[bool, typer.Option("--kernel", help="help.batch.kernel")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP)] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
    notebooks: Annotated[Path | None, typer.Option("--notebooks", hidden=True)] = None,
) -> None:
    """Produce the deliverables of many clients in parallel; a summary at the end.

    Exit status 0 only if every client succeeded. `batch-summary.json` in the
    output folder lists every client, its folder or its error.
    """
    from ..run.batch import find_engagements, run_batch
    from ..run.progress import BatchProgress
    from ..run.report import batch_table, counts_line, inbox_lines, kept_edits_lines

    console = _console()
    told = checked_language(lang) if lang is not None else None
    shown = choose_language(told)  # many clients: the consultant's language, not one client's
    as_of = option_date(as_of, "--as-of", shown)
    total = len(find_engagements(engagements))
    with BatchProgress(console, total, shown) as progress:
        result = run_batch(
            engagements, out, jobs=jobs, lang=told, only=only, templates_dir=templates,
            method_dir=method, notebooks_dir=notebooks, progress=progress, dask_address=dask,
            kernel=kernel, force=force, as_of=as_of,
        )
    console.print(batch_table(result, shown))
    console.print(
        counts_line(result.deliverables_current, result.deliverables_rendered, shown),
        highlight=False,
    )
    for report in result.clients:
        for line in kept_edits_lines(report.kept_edits, shown, report.carried):
            console.print(f"{report.client}: {line}" if not line.startswith(" ") else line,
                          soft_wrap=True, markup=False, style="yellow")
        for line in inbox_lines([c for c in report.inbox if c["state"] != "written"], shown):
            console.print(f"{report.client}: {line}", soft_wrap=True, markup=False, style="yellow")
    console.print(render("cli.batch.summary", shown, path=Path(out) / "batch-summary.json"),
                  soft_wrap=True, markup=False)
    if result.failed:
        raise typer.Exit(1)
