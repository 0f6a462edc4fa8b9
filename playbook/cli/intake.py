"""`playbook validate` and `playbook intake-template`: the consultant's intake loop.

Problems travel as `IntakeError` (stderr, exit 2, via `playbook.cli.main`); a
valid file gets a short summary so the consultant sees what was understood.
"""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..text.typography import colon
from . import app


class Lang(StrEnum):
    fr = "fr"
    en = "en"


_SUMMARY = {
    "title": {"en": "{file}: valid", "fr": "{file} : valide"},
    "client": {"en": "Client: {client}", "fr": "Client : {client}"},
    "populations": {
        "en": "Populations: {count} ({non_users} not using the CRM), {headcount} people",
        "fr": "Populations : {count} (dont {non_users} hors utilisateurs du CRM), {headcount} personnes",
    },
    "lots": {"en": "Lots", "fr": "Lots"},
    "go_live": {"en": "go-live {date}", "fr": "mise en production le {date}"},
    "warnings": {"en": "Warnings: {count}", "fr": "Avertissements : {count}"},
    "written": {
        "en": "Intake workbook written: {path}",
        "fr": "Classeur de recueil écrit : {path}",
    },
    "not_xlsx": {
        "en": "{path}: the intake workbook is an Excel file: give it a name ending in .xlsx",
        "fr": "{path} : le classeur de recueil est un fichier Excel : donnez-lui un nom en .xlsx",
    },
    "is_source": {
        "en": "{path} is the --from file itself: writing the workbook there would destroy it; "
        "nothing was written. Choose another file name",
        "fr": "{path} est le fichier --from lui-même : y écrire le classeur le détruirait ; "
        "rien n'a été écrit. Choisissez un autre nom de fichier",
    },
    "is_folder": {
        "en": "{path} is a folder; nothing was written. Give the workbook's file name",
        "fr": "{path} est un dossier ; rien n'a été écrit. Donnez le nom du fichier du classeur",
    },
    "under_file": {
        "en": "{path}: {file} is a file, not a folder; nothing was written",
        "fr": "{path} : {file} est un fichier, pas un dossier ; rien n'a été écrit",
    },
    "cannot_write": {
        "en": "{path}: cannot be written ({reason}); nothing was written",
        "fr": "{path} : écriture impossible ({reason}) ; rien n'a été écrit",
    },
    "exists": {
        "en": "{path} already exists; nothing was written. Add --force to replace it",
        "fr": "{path} existe déjà ; rien n'a été écrit. Ajoutez --force pour le remplacer",
    },
}


def _date(day: dt.date, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def _t(key: str, lang: str, **values: object) -> str:
    return _SUMMARY[key][lang].format(**values)


@app.command()
def validate(
    path: Annotated[Path, typer.Argument(help="Engagement file: .xlsx workbook or .yaml.", metavar="FILE")],
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", metavar="fr|en", help="Language of the messages (default: the engagement's)."),
    ] = None,
) -> None:
    """Check an engagement file and list every problem, located; exit 2 on errors."""
    from ..intake import read_intake
    from ..run.wording import console_language

    chosen = console_language(lang.value if lang else None)
    report = read_intake(path, lang=chosen)
    engagement = report.engagement
    shown = chosen or engagement.language
    console = Console(highlight=False)
    populations = engagement.populations
    lines = [
        _t("title", shown, file=path),
        _t("client", shown, client=engagement.client),
        _t(
            "populations",
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
        _t("warnings", shown, count=len(report.warnings)),
        *(
            f"  - {warning.where}{' : ' if shown == 'fr' else ': '}{warning.message}"
            for warning in report.warnings
        ),
    ]
    if not console.is_terminal:
        typer.echo("\n".join(lines))
        return
    # On a terminal: the same lines, with colour; user text is escaped (a "[" in a name).
    warnings_at = len(lines) - len(report.warnings) - 1
    console.print(f"[bold green]✔ {escape(lines[0])}[/]")
    for line in lines[1:warnings_at]:
        console.print(escape(line))
    style = "yellow" if report.warnings else "green"
    console.print(f"[{style}]{escape(lines[warnings_at])}[/]")
    for line in lines[warnings_at + 1 :]:
        console.print(f"[yellow]{escape(line)}[/]")


@app.command("intake-template")
def intake_template(
    out: Annotated[Path, typer.Argument(help="Workbook to write (.xlsx).", metavar="OUT.xlsx")],
    source: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE", help="Fill the workbook from this engagement (.yaml or .xlsx)."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", metavar="fr|en", help="Language of the workbook (default: the engagement's, else en)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the workbook if it already exists.")
    ] = False,
) -> None:
    """Write the intake workbook, empty or filled from an engagement file."""
    from ..intake import load_engagement, write_intake_template

    _check_destination(out, source, force, lang.value if lang else "en")
    engagement = load_engagement(source, lang=lang.value if lang else None) if source else None
    chosen = lang.value if lang else (engagement.language if engagement else "en")
    try:
        written = write_intake_template(out, engagement, lang=chosen)
    except OSError as error:  # a file where a folder should be, a read-only folder, a full disk
        from ..errors import PlaybookError

        raise PlaybookError(
            _t("cannot_write", chosen, path=out, reason=error.strerror or error)
        ) from None
    typer.echo(_t("written", chosen, path=written))


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
