"""`playbook validate` and `playbook intake-template`: the consultant's intake loop.

Problems travel as `IntakeError` (stderr, exit 2, via `playbook.cli.main`); a
valid file gets a short summary so the consultant sees what was understood.
"""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..text import render, short_date
from ..text.language import choose_language
from ..text.typography import colon
from . import app
from .summary import method_warnings, print_warnings

if TYPE_CHECKING:
    from ..analysis.records import MethodWarning
    from ..errors import Problem
    from ..intake import IntakeReport
    from ..model import Engagement


class Lang(StrEnum):
    fr = "fr"
    en = "en"




def _date(day: dt.date, lang: str) -> str:
    return short_date(day, lang)


def _t(key: str, lang: str, **values: object) -> str:
    """The console message `cli.validate.<key>` or `cli.template.<key>` in `lang`."""
    group = "validate" if key in _VALIDATE else "template"
    return render(f"cli.{group}.{key}", lang, **values)


_VALIDATE = ("title", "client", "populations", "populations_all_users", "lots", "go_live", "warnings")


@app.command(help="help.validate")
def validate(
    path: Annotated[Path, typer.Argument(help="help.validate.file", metavar="FILE")],
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", metavar="fr|en", help="help.validate.lang"),
    ] = None,
) -> None:
    """Check an engagement file and list every problem, located; exit 2 on errors."""
    from ..intake import read_intake
    from ..workbench import plan_ids

    chosen = lang.value if lang else None
    report = read_intake(path, lang=chosen, plan_ids=plan_ids())
    engagement = report.engagement
    shown = choose_language(chosen, engagement.language)
    console = Console(highlight=False)
    if console.is_terminal:  # the analysis takes seconds: say so while it runs
        with console.status(escape(render("cli.warnings.reading", shown))):
            method_points, unmatched = _method_warnings(path, report, shown, chosen)
    else:
        method_points, unmatched = _method_warnings(path, report, shown, chosen)
    warnings = [*report.warnings, *unmatched]
    populations = engagement.populations
    lines = [
        _t("title", shown, file=path),
        _t("client", shown, client=engagement.client),
        # "0 not using the CRM" says nothing: the aside is left out when none is.
        _t(
            "populations" if any(not p.crm_user for p in populations) else "populations_all_users",
            shown,
            count=len(populations),
            non_users=sum(not p.crm_user for p in populations),
            headcount=sum(p.headcount for p in populations),
        ),
        _t("lots", shown) + colon(shown).rstrip(),
        *(
            f"  - {lot.name}{colon(shown)}{_t('go_live', shown, date=_date(lot.go_live, shown))}"
            for lot in sorted(engagement.lots, key=lambda lot: lot.go_live)
        ),
        _t("warnings", shown, count=len(warnings)),
        *(
            f"  - {warning.where}{colon(shown)}{warning.message}"
            for warning in warnings
        ),
    ]
    if not console.is_terminal:
        typer.echo("\n".join(lines))
        print_warnings(console, method_points, shown)
        return
    # On a terminal: the same lines, with colour; user text is escaped (a "[" in a name).
    warnings_at = len(lines) - len(warnings) - 1
    console.print(f"[bold green]✔ {escape(lines[0])}[/]")
    for line in lines[1:warnings_at]:
        console.print(escape(line))
    style = "yellow" if warnings else "green"
    console.print(f"[{style}]{escape(lines[warnings_at])}[/]")
    for line in lines[warnings_at + 1 :]:
        console.print(f"[yellow]{escape(line)}[/]")
    print_warnings(console, method_points, shown)


def _method_warnings(path: Path, report: IntakeReport, lang: str, told: str | None = None
                     ) -> tuple[list[MethodWarning], list[Problem]]:
    """What the method's analysis asks the consultant to look at (the documents say
    why), and the dated `action_status` rows that match no planned action (located
    warnings); an `action_status` id the plan does not have is an error, located."""
    from ..analysis.engine import analysed
    from ..method import load_method
    from ..workbench import check_action_ids, unmatched_rows

    analysis = analysed(report.engagement, load_method(), lang)
    check_action_ids(path, analysis, lang=told)
    return method_warnings(analysis), unmatched_rows(report, analysis, lang)


@app.command("intake-template", help="help.template")
def intake_template(
    out: Annotated[Path, typer.Argument(help="help.template.out", metavar="OUT.xlsx")],
    source: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE", help="help.template.from"),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", metavar="fr|en", help="help.template.lang"
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="help.template.force")
    ] = False,
) -> None:
    """Write the intake workbook, empty or filled from an engagement file."""
    from ..intake import load_engagement, write_intake_template

    told = lang.value if lang else None
    _check_destination(out, source, force, choose_language(told))
    if source is not None:
        from ..workbench import plan_ids

        engagement = load_engagement(source, lang=told, plan_ids=plan_ids())
    else:
        engagement = None
    chosen = choose_language(told, engagement.language if engagement else None)
    read = engagement
    if source is not None and engagement is not None:
        engagement = _with_planned_actions(source, engagement, chosen)
    try:
        written = write_intake_template(out, engagement, lang=chosen)
    except OSError as error:  # a file where a folder should be, a read-only folder, a full disk
        from ..errors import PlaybookError
        from ..text.system import system_said

        raise PlaybookError(
            _t("cannot_write", chosen, path=out, reason=system_said(error, chosen))
        ) from None
    typer.echo(_t("written", chosen, path=written))
    if read is not None:
        _unmatched_rows(written, read, chosen)


def _unmatched_rows(written: Path, source: Engagement, lang: str) -> None:
    """The rows kept from the `--from` file whose date the plan has no occurrence
    on, one by one, located in the workbook written: their status applies to
    nothing until the date is corrected (the plan is the one just computed)."""
    from ..analysis.engine import analysed
    from ..intake import read_intake
    from ..method import load_method
    from ..workbench import unmatched_rows

    if not any(record.planned for record in source.action_status):
        return
    analysis = analysed(source, load_method(), lang)
    for problem in unmatched_rows(read_intake(written, lang=lang), analysis, lang):
        typer.echo(f"  - {problem.where}{colon(lang)}{problem.message}")


def _with_planned_actions(source: Path, engagement: Engagement, lang: str) -> Engagement:
    """The engagement with its `action_status` listing every planned action (id,
    wording in `lang`, owner, date, what was recorded): the consultant only picks
    a status. The plan takes seconds: said on a terminal while it runs."""
    from ..workbench import planned_actions

    console = Console(highlight=False)
    if console.is_terminal:
        with console.status(escape(_t("planning", lang))):
            rows, _ = planned_actions(source, engagement, lang)
    else:
        rows, _ = planned_actions(source, engagement, lang)
    return engagement.model_copy(update={"action_status": rows})


def _check_destination(out: Path, source: Path | None, force: bool, lang: str) -> None:
    """Refuse, before reading anything, a destination that would lose a file.

    A filled workbook is weeks of interviews: it is replaced only on request,
    and the `--from` file is never replaced at all (not even with --force).
    """
    from ..errors import PlaybookError

    def refuse(key: str) -> PlaybookError:
        return PlaybookError(_t(key, lang, path=out))

    if out.is_dir():
        raise refuse("is_folder")
    parent = out.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise PlaybookError(_t("under_file", lang, path=out, file=parent))
    if out.suffix.lower() != ".xlsx":
        raise refuse("not_xlsx")
    if source is not None and out.exists() and source.exists() and os.path.samefile(out, source):
        raise refuse("is_source")
    if out.exists() and not force:
        raise refuse("exists")
