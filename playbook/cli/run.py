"""`playbook run` and `playbook batch`: produce the deliverables of one or many clients."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..registry import DELIVERABLES
from . import app

ONLY_HELP = ("Produce only these deliverables, one or several after the flag: "
             f"{', '.join(DELIVERABLES)}.")
AS_OF_HELP = "Date of the COPIL the steering pack is prepared for (2027-07-26); default: the latest measurement."
SINCE_HELP = "The engagement file of the previous COPIL, or that run's manifest.json: the steering pack then says what changed in the engagement."
LANG_HELP = "Language of the deliverables and of the messages (fr or en); default: the engagement's."
FORCE_HELP = "Render every deliverable, even those whose inputs did not change since the last run."
OUT_HELP = "Output folder; one sub-folder per client and language."


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


@app.command("run")
def run_command(
    engagement: Annotated[Path, typer.Argument(help="The engagement file (.xlsx or .yaml).", metavar="FILE")],
    only: Annotated[list[str] | None, typer.Option("--only", metavar="NAME…", help=ONLY_HELP)] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help=LANG_HELP)] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help=OUT_HELP)] = Path("outputs"),
    templates: Annotated[Path | None, typer.Option("--templates", metavar="DIR", help="Folder of the firm's Word/PowerPoint templates.")] = None,
    method: Annotated[Path | None, typer.Option("--method", metavar="DIR", help="Folder of an adapted method (default: the bundled one).")] = None,
    kernel: Annotated[bool, typer.Option("--kernel", help="Run each notebook in a fresh Jupyter kernel (slower; the papermill default).")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP)] = None,
    since: Annotated[Path | None, typer.Option("--since", metavar="FILE", help=SINCE_HELP)] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
    notebooks: Annotated[Path | None, typer.Option("--notebooks", hidden=True)] = None,
    check_layout: Annotated[bool, typer.Option("--check-layout", help="Then render the files with LibreOffice (when installed) and report layout problems; exit 1 on any.")] = False,
) -> None:
    """Produce one client's deliverables: Word, PowerPoint, executed notebook, HTML review copy."""
    from ..errors import RunError
    from ..run.execute import run_engagement
    from ..run.progress import RunProgress
    from ..run.report import counts_line, files_table
    from ..run.wording import console_language, say

    console = _console()
    shown = console_language(lang)
    try:
        with RunProgress(console, shown) as progress:
            result = run_engagement(
                engagement, out, lang=lang, only=only, templates_dir=templates,
                method_dir=method, notebooks_dir=notebooks, progress=progress, kernel=kernel,
                as_of=as_of, since=since,
                force=force,
            )
    except RunError as error:
        label = say("error", shown or _language_of(engagement))
        _console(stderr=True).print(f"[red]{label}:[/red] {escape(str(error))}", soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(files_table(result, shown))
    console.print(counts_line(len(result.up_to_date), len(result.rendered), shown or result.language),
                  highlight=False)
    if result.discrepancies:
        console.print(say("discrepancies", shown or result.language, count=len(result.discrepancies)),
                      highlight=False)
        for line in result.discrepancies:
            console.print(f"  – {escape(line)}", highlight=False, soft_wrap=True)
    if check_layout:
        _check_layout(result, console)


def _language_of(engagement: Path) -> str:
    """The engagement's language for a message after a failed run (it was read before)."""
    from ..intake import load_engagement

    try:
        return load_engagement(engagement).language
    except Exception:  # unreadable now: the message is still worth showing
        return "en"


def _check_layout(result, console) -> None:
    """The layout check of the files a run wrote, or a note saying why it was not done."""
    from ..render.layout_check import check_files, libreoffice_available
    from .render import report_layout

    if not libreoffice_available():
        console.print("[yellow]warning:[/yellow] LibreOffice is not installed: layout not checked",
                      soft_wrap=True)
        return
    report_layout(check_files(result.files), Path(result.folder))


@app.command("batch")
def batch_command(
    engagements: Annotated[list[str], typer.Argument(help="Engagement files, folders of them, or globs.", metavar="FILES")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", help="Clients run at once (default: the number of cores).")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help=OUT_HELP)] = Path("outputs"),
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help=LANG_HELP)] = None,
    only: Annotated[list[str] | None, typer.Option("--only", metavar="NAME…", help=ONLY_HELP)] = None,
    templates: Annotated[Path | None, typer.Option("--templates", metavar="DIR", help="Folder of the firm's Word/PowerPoint templates.")] = None,
    method: Annotated[Path | None, typer.Option("--method", metavar="DIR", help="Folder of an adapted method (default: the bundled one).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Address of a Dask scheduler to run the clients on (tcp://host:8786).")] = None,
    kernel: Annotated[bool, typer.Option("--kernel", help="Run each notebook in a fresh Jupyter kernel (slower).")] = False,
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
    from ..run.report import batch_table, counts_line
    from ..run.wording import console_language

    console = _console()
    total = len(find_engagements(engagements))
    with BatchProgress(console, total) as progress:
        result = run_batch(
            engagements, out, jobs=jobs, lang=lang, only=only, templates_dir=templates,
            method_dir=method, notebooks_dir=notebooks, progress=progress, dask_address=dask,
            kernel=kernel, force=force, as_of=as_of,
        )
    console.print(batch_table(result))
    console.print(
        counts_line(result.deliverables_current, result.deliverables_rendered,
                    console_language(lang) or "en"),
        highlight=False,
    )
    console.print(f"summary: {Path(out) / 'batch-summary.json'}", soft_wrap=True, markup=False)
    if result.failed:
        raise typer.Exit(1)
