"""One client's deliverables shared by several processes, when cores are free.

A refresh after one edit, `playbook run` of one client and the tail of a batch
have fewer clients than cores: the client's process then forks helpers that
take the next deliverable to render from a shared counter, as it does itself,
and write into the same staging folder. The client's process alone writes the
manifest and moves the files into place, after every helper has finished: a
helper's failure is the run's failure, and nothing is committed.

Helpers are forked after the analysis is computed, so no deliverable analyses
the engagement again; each deliverable's files depend only on its inputs, so
they are the same whichever process writes them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import RunError
from .commit import Terminated, signals

Work = Callable[[int], None]  # produce the deliverable of this index into staging


@dataclass
class Shared:
    """What the processes sharing a client's deliverables report, by index."""

    seconds: dict[int, float] = field(default_factory=dict)
    errors: dict[int, BaseException] = field(default_factory=dict)
    started: list[int] = field(default_factory=list)


def share(count: int, processes: int, work: Work,
          on_started: Callable[[int], None], on_done: Callable[[int, float], None],
          describe: Callable[[BaseException], tuple[type[BaseException], dict[str, Any] | None,
                                                     tuple[str, ...]]],
          order: list[int] | None = None) -> dict[int, float]:
    """Produce deliverables 0..count-1 with this process and `processes - 1` helpers,
    taken in `order` (default: by index; the longest first ends the run sooner).

    Returns each index's seconds. Raises the error of the first deliverable (in
    index order) that failed, after every helper has stopped.
    """
    order = list(order) if order is not None else list(range(count))
    if sorted(order) != list(range(count)):
        raise ValueError(f"order {order} is not a permutation of {count} deliverables")
    taken = multiprocessing.Value("i", 0)
    queue = _Queue(taken, order)
    helpers = [_Helper(queue, work, describe)
               for _ in range(max(0, min(processes, count) - 1))]
    shared = Shared()
    try:
        while (index := queue.take()) is not None:
            on_started(index)
            start = time.perf_counter()
            try:
                work(index)
            except RunError as error:
                shared.errors[index] = error
                queue.stop()
                break
            shared.seconds[index] = round(time.perf_counter() - start, 3)
            on_done(index, shared.seconds[index])
            _relay(helpers, shared, on_started, on_done, block=False)
        _relay(helpers, shared, on_started, on_done, block=True)
    except BaseException:
        for helper in helpers:
            helper.stop()
        raise
    if shared.errors:
        raise shared.errors[min(shared.errors)]
    return shared.seconds


@dataclass
class _Queue:
    """The deliverables still to take, in `order`, as a position shared by the processes."""

    taken: Any  # a multiprocessing.Value: how many were taken
    order: list[int]

    def take(self) -> int | None:
        with self.taken.get_lock():
            position = int(self.taken.value)
            if position >= len(self.order):
                return None
            self.taken.value = position + 1
            return self.order[position]

    def stop(self) -> None:
        with self.taken.get_lock():
            self.taken.value = len(self.order)


def _relay(helpers: list[_Helper], shared: Shared, on_started: Callable[[int], None],
           on_done: Callable[[int, float], None], block: bool) -> None:
    """Pass on what the helpers said; with `block`, until every helper has ended."""
    while any(h.open for h in helpers):
        ready = wait([h.connection for h in helpers if h.open], timeout=None if block else 0)
        if not ready:
            return
        for helper in helpers:
            if helper.open and helper.connection in ready:
                helper.receive(shared, on_started, on_done)


class _Helper:
    """A process forked from the client's, producing deliverables until none is left."""

    def __init__(self, queue: _Queue, work: Work,
                 describe: Callable[[BaseException], tuple[type[BaseException],
                                                           dict[str, Any] | None,
                                                           tuple[str, ...]]]) -> None:
        from .isolation import fork_piped

        client = os.getpid()
        self.pid, self.connection = fork_piped(  # the helper never returns into the client's run
            lambda sender: _help(client, queue, work, describe, sender))
        self.open = True

    def receive(self, shared: Shared, on_started: Callable[[int], None],
                on_done: Callable[[int, float], None]) -> None:
        try:
            kind, index, payload = self.connection.recv()
        except EOFError:
            self.connection.close()
            self.open = False
            self._reap()
            return
        if kind == "started":
            on_started(index)
        elif kind == "done":
            shared.seconds[index] = payload
            on_done(index, payload)
        else:  # "failed": the error as its class and fields (dataclass errors do not unpickle)
            error_type, fields, args = payload
            shared.errors[index] = error_type(**fields) if fields is not None else error_type(*args)

    def _reap(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)

    def stop(self) -> None:
        if not self.open:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        self.connection.close()
        self.open = False
        self._reap()


def _help(client: int, queue: _Queue, work: Work,
          describe: Callable[[BaseException], tuple[type[BaseException], dict[str, Any] | None,
                                                    tuple[str, ...]]],
          sender: Connection) -> None:
    from .isolation import _die_with_parent

    _die_with_parent(client)  # an orphan helper must not write on
    signals.install(client)
    try:
        while (index := queue.take()) is not None:
            sender.send(("started", index, None))
            start = time.perf_counter()
            try:
                work(index)
            except Terminated:
                raise
            except BaseException as error:  # noqa: BLE001 - the client's process reports it
                queue.stop()
                sender.send(("failed", index, describe(error)))
                return
            sender.send(("done", index, round(time.perf_counter() - start, 3)))
    except Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        sender.close()
