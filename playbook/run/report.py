"""Tables shown at the end of a run or a batch: what was written, what failed.

Client names, paths and error messages are user text: they go into the tables
as `Text`, never as markup, so "Acme [/] Holdings" is shown, not interpreted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from .batch import BatchResult
    from .carry import FileReview
    from .edits import KeptEdit
    from .execute import RunResult
    from .inbox import InboxCopy

# Size units as each language writes them (octets in French).
_UNITS = {"en": ("B", "KB", "MB"), "fr": ("o", "Ko", "Mo")}


def _size(path: str | Path, lang: str = "en") -> str:
    from .wording import seconds as one_decimal  # tenths in the language's decimal mark

    size: float = os.path.getsize(path)
    units = _UNITS.get(lang, _UNITS["en"])
    for index, unit in enumerate(units):
        if size < 1024 or index == len(units) - 1:
            return f"{size:.0f} {unit}" if index == 0 else f"{one_decimal(size, lang)} {unit}"
        size /= 1024
    return ""


def files_table(result: RunResult, lang: str | None = None) -> Table:
    """Files written by one client's run, per deliverable, with sizes and times.

    Headers speak `lang`, by default the run's own language.
    """
    from rich.table import Table
    from rich.text import Text

    from .wording import say
    from .wording import seconds as shown_seconds

    lang = lang or result.language
    table = Table(
        title=Text(f"{result.client} ({result.language})"), caption=Text(str(result.folder))
    )
    table.add_column(say("deliverable", lang))
    table.add_column(say("files", lang))
    table.add_column(say("size", lang), justify="right")
    table.add_column(say("time", lang), justify="right")
    times = {name: say("up_to_date", lang) for name in result.up_to_date}
    times.update({name: f"{shown_seconds(s, lang)} s" for name, s in result.seconds.items()})
    for name, time in times.items():
        files = [p for p in result.files if p.name.rsplit(".", 1)[0] == name]
        table.add_row(
            name,
            "\n".join(p.name for p in files),
            "\n".join(_size(p, lang) for p in files),
            time,
        )
    table.add_row("", result.manifest.name, _size(result.manifest, lang), "")
    return table


def batch_table(result: BatchResult, lang: str = "en") -> Table:
    """One line per client: status, time, folder or the reason it failed."""
    from rich.table import Table
    from rich.text import Text

    from ..text import render
    from .wording import seconds

    def word(key: str, **values: object) -> str:
        return render(f"cli.batch.{key}", lang, **values)

    table = Table(
        title=Text(word("title", succeeded=len(result.succeeded), failed=len(result.failed),
                        seconds=seconds(result.seconds, lang), jobs=result.jobs,
                        executor=result.executor))
    )
    table.add_column(word("client"))
    table.add_column(word("status"))
    table.add_column(render("run.time", lang), justify="right")
    table.add_column(word("folder_or_error"), overflow="fold")
    for report in result.clients:
        name = Text(report.client or os.path.basename(report.engagement))
        time = f"{seconds(report.seconds, lang)} s"
        again = word("retried") if report.retried else ""
        if report.ok:
            table.add_row(name, f"[green]{word('succeeded')}[/green]{again}", time,
                          Text(report.folder))
        else:
            table.add_row(name, f"[red]{word('failed')}[/red]{again}", time,
                          Text(report.error["message"]))
    return table


def counts_line(current: int, rendered: int, lang: str = "en") -> str:
    """"3 up to date, 2 rendered": what a run kept and what it produced."""
    from .wording import say

    return say("counts", lang, current=current, rendered=rendered)


def kept_edits_lines(kept: Iterable[KeptEdit | dict[str, str]], lang: str = "en",
                     reviews: Iterable[FileReview | dict[str, Any]] = ()) -> list[str]:
    """What happened to each edited deliverable a run kept aside, and to its edits.

    `kept` holds `run.edits.KeptEdit`s or their dictionaries (a batch summary's);
    `reviews`, the `run.carry.FileReview`s (or dictionaries) of the files whose
    edits were carried into the new version.
    """
    from .wording import say

    carried: dict[str, dict[str, Any]] = {}
    for review in reviews:
        item: dict[str, Any] = review if isinstance(review, dict) else {
            "file": review.file, **review.counts(), "error": review.error}
        carried[item["file"]] = item
    lines: list[str] = []
    for edit in kept:
        item = edit if isinstance(edit, dict) else edit.to_dict()
        lines.append(say("edited_kept", lang, file=item["file"], kept=item["kept"]))
        if item["file"] not in carried:
            lines.append("  " + say("edited_fate", lang, file=item["file"]))
    for name, item in carried.items():
        if item.get("error"):
            lines.append(say("edits_not_carried", lang, file=name, error=item["error"]))
        else:
            stem = name.rsplit(".", 1)[0]
            lines.append(say("edits_carried", lang, file=name, carried=item["carried"],
                             conflicts=item["conflicts"], changed=item["changed"],
                             review=f"{stem}.edits.html"))
    return lines


def inbox_lines(copies: Iterable[InboxCopy | dict[str, str]], lang: str = "en") -> list[str]:
    """The copies named for the client's inbox: written, or the consultant's edited
    copy left as it is (`copies` holds `run.inbox.InboxCopy`s or their dictionaries)."""
    from .wording import say

    lines: list[str] = []
    for copy in copies:
        item = copy if isinstance(copy, dict) else copy.to_dict()
        key = "inbox_written" if item["state"] == "written" else "inbox_edited"
        lines.append(say(key, lang, file=item["file"], stable=item["of"]))
    return lines
