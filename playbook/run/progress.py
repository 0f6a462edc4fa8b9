"""Progress of runs, as events, and how a terminal shows them.

Clients run in other processes; they report plain `Event`s and the parent
decides how to show them: rich live displays on a terminal, one plain line per
event otherwise (CI logs, redirected output), so logs stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """A deliverable of a client started, finished or failed."""

    kind: str  # "started" | "done" | "failed"
    client: str
    deliverable: str
    index: int
    total: int
    seconds: float = 0.0


class RunProgress:
    """Shows one client's deliverables as they are produced.

    On a terminal: a rich progress bar naming the deliverable being produced.
    Elsewhere: one plain line per deliverable started and finished.
    """

    def __init__(self, console) -> None:
        self.console = console
        self._bar = None
        self._task = None

    def __enter__(self) -> RunProgress:
        if self.console.is_terminal:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def __call__(self, event: Event) -> None:
        if self._bar is not None:
            if self._task is None:
                self._task = self._bar.add_task(event.client, total=event.total)
            if event.kind == "started":
                self._bar.update(self._task, description=f"{event.client}: {event.deliverable}")
            else:
                self._bar.update(self._task, advance=1)
            return
        position = f"[{event.index + 1}/{event.total}]"
        if event.kind == "started":
            self.console.print(f"{position} {event.client}: {event.deliverable}...", highlight=False)
        else:
            self.console.print(
                f"{position} {event.client}: {event.deliverable} {event.kind} "
                f"({event.seconds:.1f} s)", highlight=False,
            )
