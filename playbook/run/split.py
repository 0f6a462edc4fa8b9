"""One client's deliverables shared by several processes, when cores are free.

A refresh after one edit, `playbook run` of one client and the tail of a batch
have fewer clients than cores: the client's process then forks helpers that
take the next deliverable to render from a shared counter, as it does itself,
and write into the same staging folder. A client started while every core had
a client gets its helpers later, from the cores its batch frees once no client
is left to start (`SpareCores`): between two deliverables it takes a freed
core, if any, and forks a helper on it. The client's process alone writes the
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import RunError
from .commit import Terminated, signals

Work = Callable[[int], None]  # produce the deliverable of this index into staging


class SpareCores:
    """Cores a batch has freed and no client is left to take: a count shared by the
    batch's processes (a semaphore, inherited through fork).

    The batch's parent gives a core when a client ends and none waits to start;
    a running client takes one between two deliverables for a helper, and gives
    it back when that helper ends.
    """

    def __init__(self) -> None:
        self._free = multiprocessing.Semaphore(0)

    def give(self, cores: int = 1) -> None:
        for _ in range(cores):
            self._free.release()

    def take(self) -> bool:
        """One core if one is free now; never waits."""
        return bool(self._free.acquire(block=False))


# The batch's spare cores while its clients run (`offering`), inherited by the
# clients it forks; None in any other run.
_offered: SpareCores | None = None


@contextlib.contextmanager
def offering(spare: SpareCores | None) -> Iterator[None]:
    """Clients forked inside this block take helpers from `spare` (see `offered`)."""
    global _offered
    before, _offered = _offered, spare
    try:
        yield
    finally:
        _offered = before


def offered() -> SpareCores | None:
    """The spare cores of the batch this process is a client of, if any."""
    return _offered


@dataclass
class Shared:
    """What the processes sharing a client's deliverables report, by index, and the
    helpers' process ids (those forked at the start and those forked later on a
    spare core)."""

    seconds: dict[int, float] = field(default_factory=dict)
    errors: dict[int, BaseException] = field(default_factory=dict)
    started: list[int] = field(default_factory=list)
    helpers: list[int] = field(default_factory=list)


def share(count: int, processes: int, work: Work,
          on_started: Callable[[int], None], on_done: Callable[[int, float], None],
          describe: Callable[[BaseException], tuple[type[BaseException], dict[str, Any] | None,
                                                     tuple[str, ...]]],
          order: list[int] | None = None, spare: SpareCores | None = None) -> Shared:
    """Produce deliverables 0..count-1 with this process and `processes - 1` helpers,
    taken in `order` (default: by index; the longest first ends the run sooner).
    Before taking each deliverable, a core taken from `spare` adds a helper while
    at least two deliverables are left (one for this process, one for it).

    Returns each index's seconds and the helpers' pids. Raises the error of the
    first deliverable (in index order) that failed, after every helper has stopped.
    """
    order = list(order) if order is not None else list(range(count))
    if sorted(order) != list(range(count)):
        raise ValueError(f"order {order} is not a permutation of {count} deliverables")
    taken = multiprocessing.Value("i", 0)
    queue = _Queue(taken, order)
    shared = Shared()
    helpers: list[_Helper] = []
    try:
        for _ in range(max(0, min(processes, count) - 1)):
            helpers.append(_Helper(queue, work, describe))
        while True:
            _enlist(spare, queue, helpers, work, describe)
            if (index := queue.take()) is None:
                break
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
    shared.helpers = [helper.pid for helper in helpers]
    return shared


def _enlist(spare: SpareCores | None, queue: _Queue, helpers: list[_Helper], work: Work,
            describe: Callable[[BaseException], tuple[type[BaseException],
                                                      dict[str, Any] | None, tuple[str, ...]]]
            ) -> None:
    """A helper on each core `spare` has free, while it would find a deliverable:
    this process takes the next one itself."""
    while spare is not None and queue.left() >= 2 and spare.take():
        helpers.append(_Helper(queue, work, describe, core=spare))


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

    def left(self) -> int:
        with self.taken.get_lock():
            return len(self.order) - int(self.taken.value)


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
    """A process forked from the client's, producing deliverables until none is left;
    on a spare `core` of the batch, given back when it ends."""

    def __init__(self, queue: _Queue, work: Work,
                 describe: Callable[[BaseException], tuple[type[BaseException],
                                                           dict[str, Any] | None,
                                                           tuple[str, ...]]],
                 core: SpareCores | None = None) -> None:
        from .isolation import fork_piped

        client = os.getpid()
        self.core = core
        try:
            self.pid, self.connection = fork_piped(  # it never returns into the client's run
                lambda sender: _help(client, queue, work, describe, sender))
        except BaseException:
            self._give_back()
            raise
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
        self._give_back()

    def _give_back(self) -> None:
        if self.core is not None:
            self.core.give()
            self.core = None

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
