"""`playbook handbook`: the method handbook, printed from the method data.

A firm that adapted its catalogues points `--method` at its copy and prints
its own handbook; the Word file uses the house template (or `--templates`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app


@app.command("handbook")
def handbook(
    lang: Annotated[str, typer.Option("--lang", metavar="fr|en", help="Language of the handbook: fr or en.")] = "fr",
    method: Annotated[Path | None, typer.Option(
        "--method", metavar="DIR", help="Folder of an adapted method (default: the bundled method).")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder to write the handbook into.")] = Path("outputs"),
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="Folder of the house templates (default: the bundled ones).")] = None,
) -> None:
    """Write the method handbook as Word and HTML (steps, brakes, levers, criteria, KPIs, training, glossary)."""
    from ..errors import PlaybookError
    from ..training import write_handbook

    if lang not in ("fr", "en"):
        raise PlaybookError(f"--lang must be fr or en, not {lang!r}")
    paths = write_handbook(out, lang, method, templates)
    for path in paths.values():
        typer.echo(str(path))
