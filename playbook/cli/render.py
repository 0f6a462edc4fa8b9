"""`playbook check-templates` and `playbook render-specimen`: the template loop.

A firm that replaces the house templates checks them (every style and layout
the writers need, named precisely when missing), then renders the specimen and
looks at it before any client deliverable is produced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app


@app.command("check-templates")
def check_templates_command(
    directory: Annotated[Path | None, typer.Argument(
        metavar="DIR", help="Folder holding house.docx and house.pptx (default: the playbook's templates/).",
    )] = None,
) -> None:
    """Check that the Word and PowerPoint templates have every style and layout needed."""
    from ..render.templates import check_templates, default_template_dir

    folder = directory or default_template_dir()
    problems = check_templates(folder)
    if problems:
        typer.echo(f"{folder}: {len(problems)} problem{'s' if len(problems) != 1 else ''}",
                   err=True)
        for problem in problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{folder}: OK (house.docx and house.pptx are usable)")


@app.command("render-specimen")
def render_specimen_command(
    output: Annotated[Path, typer.Argument(help="Folder to write specimen.docx and specimen.pptx.", metavar="DIR")],
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="Template folder (default: the playbook's templates/).")] = None,
    lang: Annotated[str, typer.Option("--lang", metavar="fr|en", help="Language of the typography: fr or en.")] = "fr",
) -> None:
    """Render a specimen report and deck exercising every block, slide and chart kind."""
    from ..render import write_docx, write_pptx
    from ..render.specimen import specimen_deck, specimen_document
    from ..render.templates import default_template_dir

    folder = templates or default_template_dir()
    docx = write_docx(specimen_document(lang), output / "specimen.docx", folder)
    pptx = write_pptx(specimen_deck(lang), output / "specimen.pptx", folder)
    typer.echo(f"wrote {docx}\nwrote {pptx}")


@app.command("check-layout")
def check_layout_command(
    directory: Annotated[Path, typer.Argument(help="Folder of generated .docx and .pptx files (searched recursively).")],
) -> None:
    """Render every Word and PowerPoint file with LibreOffice and report layout problems.

    Prints each finding with its file and page; exit status 1 when there is any.
    """
    from ..errors import PlaybookError
    from ..render.layout_check import check_layout

    if not directory.is_dir():  # "layout OK" would claim a check that never happened
        raise PlaybookError(f"{directory}: no such folder; give the folder of the generated files")
    report_layout(check_layout(directory), directory)


def report_layout(findings: list, directory: Path) -> None:
    """Print layout findings (stderr) or an all-clear line; exit 1 when there are findings."""
    if not findings:
        typer.echo(f"{directory}: layout OK")
        return
    for finding in findings:
        typer.echo(str(finding), err=True)
    count = len(findings)
    typer.echo(f"{directory}: {count} layout finding{'s' if count != 1 else ''}", err=True)
    raise typer.Exit(1)


@app.command("check-text")
def check_text_command(
    directory: Annotated[Path, typer.Argument(
        help="Folder of generated .docx, .pptx and .html files (searched recursively).")],
) -> None:
    """Read every generated file for what must not reach a client.

    Placeholders, notes to the consultant, internal codes, raw values, nested
    quotes, French words in an English file, repeated sentences, speaker notes
    over 150 words. Prints each finding with its file and place; exit status 1
    when there is any.
    """
    from ..render.text_check import check_text

    findings = check_text(directory)
    if not findings:
        typer.echo(f"{directory}: text OK")
        return
    for finding in findings:
        typer.echo(str(finding), err=True)
    count = len(findings)
    typer.echo(f"{directory}: {count} text finding{'s' if count != 1 else ''}", err=True)
    raise typer.Exit(1)
