"""`playbook lab [ENGAGEMENT]`: JupyterLab on one engagement, at the working folder.

The lab opens at the folder the consultant works in, so the workbook and
`outputs/` are in its file browser. With an engagement, it works on that
client's own copy of the deliverable notebooks, `outputs/<client>/notebooks/`,
whose parameters name the engagement: the repository's notebooks are never
changed (nor saved with a client's data in them). A copy the consultant has
already worked in is kept as it is.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..text import render
from ..text.language import choose_language
from . import app


def client_notebooks(engagement_path: Path, root: Path) -> tuple[Path, list[Path]]:
    """The engagement's copy of the deliverable notebooks under `root/outputs/`,
    made where missing; its folder and the copies made now."""
    from ..files import unique_name
    from ..intake import load_engagement
    from ..resources import resource_dir

    engagement = load_engagement(engagement_path)
    folder = root / "outputs" / unique_name(engagement.client) / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for source in sorted(resource_dir("notebooks").glob("*.ipynb")):
        target = folder / source.name
        if target.exists():
            continue  # the consultant's own work in this copy is theirs
        notebook = json.loads(source.read_text(encoding="utf-8"))
        _fill_parameters(notebook, os.path.relpath(engagement_path.resolve(), folder.resolve()))
        partial = target.with_name(f".{target.name}.partial")
        partial.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n",
                           encoding="utf-8")
        partial.replace(target)
        made.append(target)
    return folder, made


def _fill_parameters(notebook: dict[str, Any], engagement: str) -> None:
    """Point the cell tagged `parameters` at `engagement` (relative to the copy)."""
    for cell in notebook.get("cells", []):
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        lines = "".join(cell["source"]).splitlines(keepends=True)
        for index, line in enumerate(lines):
            if line.startswith("engagement_path"):
                lines[index] = (f"engagement_path = {json.dumps(engagement, ensure_ascii=False)}"
                                "  # this client's workbook, from this folder\n")
        cell["source"] = lines
        return


def lab_command_line(root: Path, opened: Path | None, extra: list[str]) -> list[str]:
    """The JupyterLab command: the working folder as its root, opened on `opened`."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    line = [jupyter, "lab", f"--ServerApp.root_dir={root}"]
    if opened is not None:
        line.append(f"--LabApp.default_url=/lab/tree/{opened.relative_to(root).as_posix()}")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        line.append("--allow-root")  # as in a container: Jupyter refuses root unless told
    return line + extra


@app.command("lab", help="help.lab", context_settings={
    "allow_extra_args": True, "ignore_unknown_options": True})
def lab_command(
    ctx: typer.Context,
    engagement: Annotated[Path | None, typer.Argument(help="help.lab.engagement",
                                                       metavar="ENGAGEMENT")] = None,
) -> None:
    """Open JupyterLab at the working folder, on one engagement's copy of the notebooks."""
    import subprocess

    root = Path.cwd()
    opened = None
    if engagement is not None:
        from ..intake import load_engagement

        lang = choose_language(None, load_engagement(engagement).language)
        opened, made = client_notebooks(engagement, root)
        shown = opened.relative_to(root)
        key = "cli.lab.copied" if made else "cli.lab.kept"
        typer.echo(render(key, lang, folder=shown, count=len(made)))
    line = lab_command_line(root, opened, list(ctx.args))
    raise typer.Exit(subprocess.call(line))
