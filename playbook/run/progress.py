"""Progress of runs, as events, and how a terminal shows them.

Clients run in other processes; they report plain `Event`s and the parent
decides how to show them: rich live displays on a terminal, one plain line per
event otherwise (CI logs, redirected output), so logs stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from .batch import ClientReport


@dataclass(frozen=True)
class Event:
    """A deliverable of a client started, finished or failed."""

    kind: str  # "started" | "done" | "failed" | "current" (kept: nothing it depends on changed)
    client: str
    deliverable: str
    index: int
    total: int
    seconds: float = 0.0
    lang: str = "en"  # the language of the run, which the console speaks by default


class RunProgress:
    """Shows one client's deliverables as they are produced.

    On a terminal: a rich progress bar naming the deliverable being produced.
    Elsewhere: one plain line per deliverable started and finished.
    """

    def __init__(self, console: Console, lang: str | None = None, label: str = "") -> None:
        self.console = console
        self.lang = lang  # None: the run's own language, learnt from its first event
        self.label = label  # shown from the first second, while the run gets ready
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> RunProgress:
        if self.console.is_terminal:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self._bar.__enter__()
            if self.label:  # reading the file and warming up take seconds: show them
                self._task = self._bar.add_task(escape(self.label), total=None)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def __call__(self, event: Event) -> None:
        from .wording import say, seconds

        lang = self.lang or event.lang
        if self._bar is not None:
            if self._task is None:
                self._task = self._bar.add_task(escape(event.client), total=event.total)
            elif self._bar.tasks[0].total is None:
                self._bar.update(self._task, total=event.total)
            if event.kind == "started":
                self._bar.update(self._task, description=escape(say(
                    "started", lang, client=event.client, deliverable=event.deliverable)))
            else:
                self._bar.update(self._task, advance=1)
            return
        position = f"[{event.index + 1}/{event.total}]"
        text = say(event.kind, lang, client=event.client, deliverable=event.deliverable,
                   seconds=seconds(event.seconds, lang))
        self.console.print(f"{position} {text}", highlight=False, markup=False)


class BatchProgress:
    """Clients done, failed and remaining, and an estimate of the time left.

    On a terminal: a rich bar, refreshed by the caller's thread only (no
    display thread runs while client processes are being forked). Elsewhere:
    one plain line per finished client.
    """

    def __init__(self, console: Console, total: int, lang: str = "en") -> None:
        import time

        self.console = console
        self.total = total
        self.lang = lang
        self.done = 0
        self.failed = 0
        self._start = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            # Shown from the first second with the elapsed time, refreshed by the
            # caller's `tick` while the first clients run (see the class docstring).
            self._bar = Progress(
                TextColumn(escape(self._say("clients"))), BarColumn(),
                TextColumn("{task.description}"), TimeElapsedColumn(), TimeRemainingColumn(),
                console=self.console, auto_refresh=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self._counts(), total=self.total)
            self._bar.refresh()
        else:
            self.console.print(self._say("starting", total=self.total), highlight=False,
                               markup=False)
        return self

    def _say(self, key: str, **values: object) -> str:
        from ..text import render

        return render(f"cli.batch.{key}", self.lang, **values)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def _counts(self) -> str:
        remaining = self.total - self.done - self.failed
        return self._say("counts", done=self.done, failed=self.failed, remaining=remaining)

    def _time_left(self) -> str:
        import time

        finished = self.done + self.failed
        if not finished or finished == self.total:
            return ""
        left = (time.monotonic() - self._start) / finished * (self.total - finished)
        return self._say("time_left", seconds=f"{left:.0f}")

    def tick(self) -> None:
        """Redraw the bar (its elapsed time) while waiting for a client to finish."""
        if self._bar is not None:
            self._bar.refresh()

    def __call__(self, report: ClientReport, total: int | None = None) -> None:
        if report.ok:
            self.done += 1
        else:
            self.failed += 1
        if self._bar is not None:
            assert self._task is not None  # added with the bar
            self._bar.update(self._task, advance=1, description=self._counts())
            self._bar.refresh()
            return
        name = report.client or report.engagement
        from ..text.typography import colon, semicolon
        from .wording import seconds

        status = self._say("client_done" if report.ok else "client_failed")
        self.console.print(
            f"[{self.done + self.failed}/{self.total}] {name}{colon(self.lang)}{status} "
            f"({seconds(report.seconds, self.lang)} s){semicolon(self.lang)}"
            f"{self._counts()}{self._time_left()}",
            highlight=False, soft_wrap=True, markup=False,
        )
