"""Each client runs in a process forked from a warm parent.

Forking after the heavy imports gives every client a ready interpreter at no
cost, and a process of its own: a notebook that sets a global, an environment
variable or the working directory affects its client only, and the memory it
used goes back to the system when it ends. Errors cross the process boundary
as their fields, not as pickled exceptions (dataclass exceptions do not
unpickle), and are raised again, identical, in the parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..errors import WHOLE_RUN, PlaybookError, RunError
from ..text import render
from .commit import Terminated, signals
from .execute import Job, Parsed, Progress, RunResult, run_here
from .progress import Event
from .registry import deliverables

_PR_SET_PDEATHSIG = 1


@dataclass
class Outcome:
    """What a client process sends back: a result, or an error as its class and fields."""

    job: Job
    result: RunResult | None = None
    error_type: type[BaseException] | None = None
    error_fields: dict[str, Any] | None = None
    error_args: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.result is not None

    def error(self) -> BaseException | None:
        if self.error_type is None:
            return None
        if self.error_fields is not None:
            return self.error_type(**self.error_fields)
        return self.error_type(*self.error_args)

    def unwrap(self) -> RunResult:
        error = self.error()
        if error is not None:
            raise error
        assert self.result is not None
        return self.result


def prepare_parent(job: Job, until: Callable[[], bool] | None = None) -> bool:
    """Warm this process for `job`'s notebooks (a no-op for what is already done);
    False when `until` stopped it first (see `warm.warm_up`)."""
    from .warm import warm_up

    try:
        notebooks = [d.notebook for d in deliverables(job.only, job.notebooks_dir)]
    except PlaybookError:
        notebooks = []  # reported by the run itself
    return warm_up(notebooks, job.method_dir, job.templates_dir, until)


def client_job(job: Job, parent_pid: int | None = None, progress: Progress | None = None,
               parsed: Parsed | None = None) -> Outcome:
    """Body of a client process: run the job, return an `Outcome` (never raises).
    `parsed`: the engagement as the parent read it (see `execute.Parsed`)."""
    import time

    start = time.perf_counter()
    _die_with_parent(parent_pid)
    signals.install(parent_pid)
    try:
        result = run_here(job, progress, parsed)
        return Outcome(job, result=result, seconds=time.perf_counter() - start)
    except Terminated:
        os._exit(128 + signal.SIGTERM)
    except BaseException as error:  # noqa: BLE001 - everything must reach the parent
        outcome = Outcome(job, seconds=time.perf_counter() - start)
        outcome.error_type, outcome.error_fields, outcome.error_args = _describe(error, job)
        return outcome


def _describe(error: BaseException, job: Job
              ) -> tuple[type[BaseException], dict[str, Any] | None, tuple[str, ...]]:
    if isinstance(error, PlaybookError) and dataclasses.is_dataclass(error):
        fields = {f.name: getattr(error, f.name) for f in dataclasses.fields(error)}
        return type(error), fields, ()
    if isinstance(error, PlaybookError):
        return type(error), None, tuple(str(a) for a in error.args)
    # A bug, not a notebook failure: keep its traceback readable in the message.
    detail = "".join(traceback.format_exception_only(type(error), error)).strip()
    lang = _language(job)
    fields = {"client": os.path.basename(job.engagement_path), "deliverable": WHOLE_RUN,
              "reason": render("run.failure.internal", lang, detail=detail), "lang": lang}
    return RunError, fields, ()


def _language(job: Job) -> str:
    """The language of a failure said without the engagement's own reading: the
    run's (`--lang`), else the consultant's."""
    from ..text.language import choose_language

    return job.lang or choose_language()


def _die_with_parent(parent_pid: int | None) -> None:
    """Ask Linux to send SIGTERM when the parent dies, so no orphan commits files."""
    if parent_pid is None:
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # other systems: the check before committing still applies
    if os.getppid() != parent_pid:
        os._exit(128 + signal.SIGTERM)


def _child_main(job: Job, parent_pid: int, connection: Connection, events: bool,
                parsed: Parsed | None) -> None:
    def forward(event: Event) -> None:
        connection.send(("event", event))

    outcome = client_job(job, parent_pid, forward if events else None, parsed)
    connection.send(("outcome", outcome))
    connection.close()


def fork_piped(child: Callable[[Connection], None]) -> tuple[int, Connection]:
    """Fork a process that runs `child` with the sending end of a pipe, then
    exits (0 when `child` returned, 1 otherwise) without ever returning into
    the caller's code. Returns its pid and the receiving end."""
    connection, sender = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            connection.close()
            child(sender)
            status = 0
        finally:
            os._exit(status)
    sender.close()
    return pid, connection


class ClientProcess:
    """A client's run in a process forked from this one (from the calling thread).

    A plain `os.fork` from the calling (main) thread: forking from a helper
    thread is what makes fork unsafe (hence not a `ProcessPoolExecutor`, which
    refuses fork with one task per process), and `multiprocessing.Process`
    refuses to start from a daemon process such as a Dask worker.
    """

    def __init__(self, job: Job, events: bool = False, parsed: Parsed | None = None) -> None:
        self.job = job
        parent = os.getpid()
        self.pid, self.connection = fork_piped(
            lambda sender: _child_main(job, parent, sender, events, parsed))
        self.outcome: Outcome | None = None
        self.exitcode: int | None = None

    def receive(self, progress: Progress | None = None) -> bool:
        """Handle one message; False once the child has ended."""
        try:
            kind, payload = self.connection.recv()
        except EOFError:
            self.connection.close()
            self._join()
            return False
        if kind == "event" and progress is not None:
            progress(payload)
        elif kind == "outcome":
            self.outcome = payload
        return True

    def _join(self, timeout: float | None = None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.exitcode is None:
            pid, status = os.waitpid(self.pid, 0 if deadline is None else os.WNOHANG)
            if pid:
                self.exitcode = os.waitstatus_to_exitcode(status)
                continue
            assert deadline is not None  # only the non-blocking wait returns no pid
            if time.monotonic() > deadline:
                return
            time.sleep(0.02)

    def stop(self) -> None:
        """Ask the child to stop; it removes its staging folder before leaving."""
        if self.exitcode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            self._join(10)
        self.connection.close()

    def result(self) -> Outcome:
        if self.outcome is not None:
            return self.outcome
        return Outcome(
            self.job,
            error_type=RunError,
            error_fields={
                "client": os.path.basename(self.job.engagement_path),
                "deliverable": WHOLE_RUN,
                "reason": render("run.failure.stopped", _language(self.job),
                                 status=self.exitcode),
                "lang": _language(self.job),
            },
        )


def run_isolated(job: Job, progress: Progress | None = None, parsed: Parsed | None = None
                 ) -> RunResult:
    """Run one client in a forked child, relaying its progress events."""
    prepare_parent(job)
    child = ClientProcess(job, events=True, parsed=parsed)
    try:
        while child.receive(progress):
            pass
    except BaseException:
        child.stop()
        raise
    return child.result().unwrap()
