"""`playbook run` and `playbook batch`: produce the deliverables of one or many clients."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app

ONLY_HELP = "Produce only this deliverable (repeatable): framing_note, target_vision, impact_diagnosis, change_plan, training_plan."
LANG_HELP = "Language of the deliverables (fr or en); default: the engagement's."


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


@app.command("run")
def run_command(
    engagement: Annotated[Path, typer.Argument(help="The engagement file (.xlsx or .yaml).")],
    only: Annotated[list[str] | None, typer.Option("--only", help=ONLY_HELP)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP)] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder; one sub-folder per client and language.")] = Path("deliverables"),
    templates: Annotated[Path | None, typer.Option("--templates", help="Folder of the firm's Word/PowerPoint templates.")] = None,
    method: Annotated[Path | None, typer.Option("--method", help="Folder of an adapted method (default: the bundled one).")] = None,
    kernel: Annotated[bool, typer.Option("--kernel", help="Run each notebook in a fresh Jupyter kernel (slower; the papermill default).")] = False,
    notebooks: Annotated[Path | None, typer.Option("--notebooks", hidden=True)] = None,
    check_layout: Annotated[bool, typer.Option("--check-layout", help="Then render the files with LibreOffice (when installed) and report layout problems; exit 1 on any.")] = False,
) -> None:
    """Produce one client's deliverables: Word, PowerPoint, executed notebook, HTML review copy."""
    from ..errors import RunError
    from ..run.execute import run_engagement
    from ..run.progress import RunProgress
    from ..run.report import files_table

    console = _console()
    try:
        with RunProgress(console) as progress:
            result = run_engagement(
                engagement, out, lang=lang, only=only, templates_dir=templates,
                method_dir=method, notebooks_dir=notebooks, progress=progress, kernel=kernel,
            )
    except RunError as error:
        _console(stderr=True).print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(files_table(result))
    if check_layout:
        _check_layout(result, console)


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
    engagements: Annotated[list[str], typer.Argument(help="Engagement files, folders of them, or globs.")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Clients run at once (default: the number of cores).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder; one sub-folder per client and language.")] = Path("deliverables"),
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP)] = None,
    only: Annotated[list[str] | None, typer.Option("--only", help=ONLY_HELP)] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Folder of the firm's Word/PowerPoint templates.")] = None,
    method: Annotated[Path | None, typer.Option("--method", help="Folder of an adapted method (default: the bundled one).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="Address of a Dask scheduler to run the clients on (tcp://host:8786).")] = None,
    kernel: Annotated[bool, typer.Option("--kernel", help="Run each notebook in a fresh Jupyter kernel (slower).")] = False,
    notebooks: Annotated[Path | None, typer.Option("--notebooks", hidden=True)] = None,
) -> None:
    """Produce the deliverables of many clients in parallel; a summary at the end.

    Exit status 0 only if every client succeeded. `batch-summary.json` in the
    output folder lists every client, its folder or its error.
    """
    from ..run.batch import find_engagements, run_batch
    from ..run.progress import BatchProgress
    from ..run.report import batch_table

    console = _console()
    total = len(find_engagements(engagements))
    with BatchProgress(console, total) as progress:
        result = run_batch(
            engagements, out, jobs=jobs, lang=lang, only=only, templates_dir=templates,
            method_dir=method, notebooks_dir=notebooks, progress=progress, dask_address=dask,
            kernel=kernel,
        )
    console.print(batch_table(result))
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", soft_wrap=True)
    console.print(f"summary: {Path(out) / 'batch-summary.json'}", soft_wrap=True)
    if result.failed:
        raise typer.Exit(1)
