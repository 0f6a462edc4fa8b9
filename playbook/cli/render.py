"""`playbook check-templates` and `playbook render-specimen`: the template loop.

A firm that replaces the house templates checks them (every style and layout
the writers need, named precisely when missing), then renders the specimen and
looks at it before any client deliverable is produced.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated

import typer

from ..text import render
from ..text.language import choose_language
from . import app

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..render.ir import Lang
    from ..render.layout_check import Finding


@app.command("check-templates", help="help.check_templates")
def check_templates_command(
    directory: Annotated[Path | None, typer.Argument(
        metavar="DIR", help="help.check_templates.dir",
    )] = None,
) -> None:
    """Check that the Word and PowerPoint templates have every style and layout needed."""
    from ..render.templates import check_templates, default_template_dir

    lang = choose_language()
    folder = directory or default_template_dir()
    problems = check_templates(folder, lang)
    if problems:
        typer.echo(render("cli.templates.problems", lang, folder=folder, count=len(problems)),
                   err=True)
        for problem in problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(2)
    typer.echo(render("cli.templates.ok", lang, folder=folder))


@app.command("render-specimen", help="help.specimen")
def render_specimen_command(
    output: Annotated[Path, typer.Argument(help="help.specimen.dir", metavar="DIR")],
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="help.specimen.templates")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="fr|en", help="help.specimen.lang")] = None,
) -> None:
    """Render a specimen report and deck exercising every block, slide and chart kind."""
    from ..render import write_docx, write_pptx
    from ..render.specimen import specimen_deck, specimen_document
    from ..render.templates import default_template_dir

    lang = checked_language(lang)
    folder = templates or default_template_dir()
    docx = write_docx(specimen_document(lang), output / "specimen.docx", folder)
    pptx = write_pptx(specimen_deck(lang), output / "specimen.pptx", folder)
    typer.echo(render("cli.wrote", lang, path=docx))
    typer.echo(render("cli.wrote", lang, path=pptx))


@app.command("check-layout", help="help.check_layout")
def check_layout_command(
    directory: Annotated[Path, typer.Argument(help="help.check_layout.dir")],
) -> None:
    """Render every Word and PowerPoint file with LibreOffice and report layout problems.

    Prints each finding with its file and page; exit status 1 when there is any.
    """
    from ..errors import PlaybookError
    from ..render.layout_check import check_files, layout_sources

    lang = choose_language()
    if not directory.is_dir():  # "layout OK" would claim a check that never happened
        raise PlaybookError(render("cli.layout.no_folder", lang, folder=directory))
    sources = layout_sources(directory)
    with LayoutProgress(len(sources), lang) as progress:
        findings = check_files(sources, on_file=progress)
    report_layout(findings, directory, lang)


def checked_language(told: str | None) -> Lang:
    """`--lang` when it names a language, else the common rule; exit 2 on a typo."""
    from ..errors import PlaybookError

    if told is not None and told not in ("fr", "en"):
        raise PlaybookError(render("cli.bad_lang", choose_language(), value=told))
    return "fr" if choose_language(told) == "fr" else "en"  # the rule gives one of the two


class LayoutProgress:
    """A sign of life while LibreOffice renders: files checked out of all, and the
    time spent (a bar on a terminal, one line per file elsewhere)."""

    def __init__(self, total: int, lang: str) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False)
        self.total, self.lang, self.index = total, lang, 0
        self._bar: Progress | None = None

    def __enter__(self) -> LayoutProgress:
        if self.console.is_terminal and self.total:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 TimeElapsedColumn(), console=self.console, transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task(render(
                "cli.layout.checking", self.lang, index=0, total=self.total, file="LibreOffice"),
                total=self.total)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def __call__(self, path: Path) -> None:
        self.index += 1
        line = render("cli.layout.checking", self.lang, index=self.index, total=self.total,
                      file=path.name)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=line)
        else:
            self.console.print(line, markup=False, soft_wrap=True)


def report_layout(findings: list[Finding], directory: Path, lang: str | None = None) -> None:
    """Print layout findings (stderr) or an all-clear line; exit 1 when there are findings."""
    lang = lang or choose_language()
    if not findings:
        typer.echo(render("cli.layout.ok", lang, folder=directory))
        return
    for finding in findings:
        typer.echo(finding.text(lang), err=True)
    typer.echo(render("cli.layout.findings", lang, folder=directory, count=len(findings)),
               err=True)
    raise typer.Exit(1)


@app.command("check-text", help="help.check_text")
def check_text_command(
    directory: Annotated[Path, typer.Argument(help="help.check_text.dir")],
) -> None:
    """Read every generated file for what must not reach a client.

    Placeholders, notes to the consultant, internal codes, raw values, nested
    quotes, French words in an English file, repeated sentences, speaker notes
    over 150 words. Prints each finding with its file and place; exit status 1
    when there is any.
    """
    from ..render.text_check import check_text

    lang = choose_language()
    findings = check_text(directory)
    if not findings:
        typer.echo(render("cli.text.ok", lang, folder=directory))
        return
    for finding in findings:
        typer.echo(finding.text(lang), err=True)
    typer.echo(render("cli.text.findings", lang, folder=directory, count=len(findings)), err=True)
    raise typer.Exit(1)
