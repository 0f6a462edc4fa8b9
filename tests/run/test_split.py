"""One client's deliverables shared by several processes: each written once, the
same files as one process writes, and a failure anywhere commits nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from playbook.errors import RunError
from playbook.run.batch import shared_workers
from playbook.run.execute import make_job, run_engagement
from playbook.run.isolation import _describe
from playbook.run.split import SpareCores, share

from .helpers import docx_text, listing, pptx_text, write_engagement

CLIENT = "Coopérative Laitière du Val"


def _describer(tmp_path: Path):
    job = make_job(tmp_path / "client.yaml", tmp_path / "out", lang="en")
    return lambda error: _describe(error, job)


def test_every_deliverable_is_produced_once_by_one_of_the_processes(tmp_path):
    def work(index: int) -> None:
        time.sleep(0.2)  # long enough for the helper to take its share
        with open(tmp_path / f"{index}.pid", "x") as file:  # "x": a second writer fails
            file.write(str(os.getpid()))

    started: list[int] = []
    done: list[int] = []
    shared = share(6, 2, work, started.append, lambda i, s: done.append(i), _describer(tmp_path))

    assert sorted(shared.seconds) == sorted(started) == sorted(done) == list(range(6))
    assert all(s >= 0.2 for s in shared.seconds.values())
    writers = {(tmp_path / f"{i}.pid").read_text() for i in range(6)}
    assert writers == {str(os.getpid()), *map(str, shared.helpers)}
    assert len(shared.helpers) == 1


def _pid_writer(tmp_path: Path, seconds: float = 0.2):
    def work(index: int) -> None:
        time.sleep(seconds)
        (tmp_path / f"{index}.pid").write_text(str(os.getpid()))
    return work


def test_a_core_freed_while_the_client_runs_gets_a_helper_between_two_deliverables(tmp_path):
    spare = SpareCores()
    done: list[int] = []

    def free_a_core_after_the_first(index: int, seconds: float) -> None:
        done.append(index)
        if len(done) == 1:
            spare.give()  # as a batch's parent does when another client ends

    shared = share(6, 1, _pid_writer(tmp_path), lambda i: None, free_a_core_after_the_first,
                   _describer(tmp_path), spare=spare)

    assert len(shared.helpers) == 1 and sorted(shared.seconds) == list(range(6))
    writers = [int((tmp_path / f"{i}.pid").read_text()) for i in range(6)]
    assert writers[0] == os.getpid()  # the first, before the core was freed
    assert shared.helpers[0] in writers[1:]
    with pytest.raises(ChildProcessError):  # the helper has ended and was reaped
        os.waitpid(shared.helpers[0], os.WNOHANG)
    assert spare.take() and not spare.take()  # its core given back, once


def test_a_freed_core_is_left_alone_when_the_client_takes_the_last_deliverable_itself(tmp_path):
    spare = SpareCores()

    def free_a_core_before_the_last(index: int, seconds: float) -> None:
        if index == 1:
            spare.give()

    shared = share(3, 1, _pid_writer(tmp_path, 0.01), lambda i: None, free_a_core_before_the_last,
                   _describer(tmp_path), spare=spare)

    assert shared.helpers == []
    assert {(tmp_path / f"{i}.pid").read_text() for i in range(3)} == {str(os.getpid())}
    assert spare.take()  # still free for another client


def test_the_first_failing_deliverable_is_reported_after_every_helper_ended(tmp_path):
    parent = os.getpid()

    def work(index: int) -> None:
        (tmp_path / f"{index}.pid").write_text(str(os.getpid()))
        time.sleep(0.1)
        if index in (1, 4):
            raise RunError(client=CLIENT, deliverable=f"d{index}", reason=f"broken {index}")

    with pytest.raises(RunError) as raised:
        share(6, 3, work, lambda i: None, lambda i, s: None, _describer(tmp_path))
    assert (raised.value.deliverable, raised.value.reason) == ("d1", "broken 1")
    helpers = {int(p.read_text()) for p in tmp_path.glob("*.pid")} - {parent}
    assert helpers  # the helpers took deliverables of their own
    for pid in helpers:  # none left running or unreaped (other tests' processes aside)
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_helpers_bug_is_said_as_the_run_says_it(tmp_path):
    parent = os.getpid()

    def work(index: int) -> None:
        time.sleep(0.1)
        if os.getpid() != parent:
            raise KeyError("lost")

    with pytest.raises(RunError) as raised:
        share(4, 2, work, lambda i: None, lambda i, s: None, _describer(tmp_path))
    assert "KeyError" in raised.value.reason and "Traceback" not in str(raised.value)


@pytest.mark.parametrize(("jobs", "busy", "waiting", "expected"), [
    (2, 0, 0, 2),  # one client left, two cores: both for it
    (2, 0, 1, 1),  # two clients: one core each
    (4, 0, 2, 2),  # three clients on four cores: the first takes the spare one
    (4, 2, 1, 1),
    (2, 1, 0, 1),  # the last client of a batch while another still runs
    (1, 0, 0, 1),
])
def test_a_client_takes_the_cores_no_other_client_will(jobs, busy, waiting, expected):
    assert shared_workers(jobs, busy, waiting) == expected


def test_shared_deliverables_are_the_files_one_process_writes(tmp_path, notebooks):
    engagement = write_engagement(tmp_path)
    one = run_engagement(engagement, tmp_path / "one", notebooks_dir=notebooks, jobs=1)
    two = run_engagement(engagement, tmp_path / "two", notebooks_dir=notebooks, jobs=2)

    assert [p.name for p in two.files] == [p.name for p in one.files]
    assert list(two.seconds) == list(one.seconds)  # the manifest in the deliverables' order
    for name in (p.name for p in one.files):
        if name.endswith(".docx"):
            assert docx_text(two.folder / name) == docx_text(one.folder / name)
        elif name.endswith(".pptx"):
            assert pptx_text(two.folder / name) == pptx_text(one.folder / name)


def test_a_failure_in_a_shared_run_keeps_the_previous_outputs_whole(tmp_path, notebooks):
    out_dir = tmp_path / "out"
    run_engagement(write_engagement(tmp_path), out_dir, notebooks_dir=notebooks, jobs=2)
    folder = out_dir / CLIENT / "fr"
    before = listing(folder)

    failing = write_engagement(tmp_path, "failing.yaml", sector="fixture: fail target_vision")
    with pytest.raises(RunError) as raised:
        run_engagement(failing, out_dir, notebooks_dir=notebooks, jobs=2)

    assert (raised.value.client, raised.value.deliverable) == (CLIENT, "target_vision")
    after = listing(folder)
    assert after.pop("failed/target_vision.ipynb")
    assert after == before  # neither the deliverables that succeeded nor the manifest moved


def test_deliverables_are_taken_in_the_order_given_the_longest_first(tmp_path):
    started: list[int] = []
    share(4, 1, lambda i: None, started.append, lambda i, s: None, _describer(tmp_path),
          order=[2, 0, 3, 1])
    assert started == [2, 0, 3, 1]
    with pytest.raises(ValueError):
        share(4, 1, lambda i: None, started.append, lambda i, s: None, _describer(tmp_path),
              order=[0, 0, 1, 2])
