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
        _console(stderr=True).print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from None
    console.print(files_table(result))
