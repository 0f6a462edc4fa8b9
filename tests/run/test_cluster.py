"""The batch on a real Dask cluster: a scheduler and two workers started from the
command line, as separate processes, in a working folder of their own, forbidden
to read anything of the machine that starts the batch; one worker is killed
while it runs a client."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from playbook.run.batch import run_batch

from .helpers import wait_for, write_engagement

pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

ONLY = ["framing_note", "impact_diagnosis"]
DASK = str(Path(sys.executable).with_name("dask"))

# Loaded in each worker (`--preload`): opening or listing anything under the
# folders of PLAYBOOK_FORBIDDEN fails, and is written down for the test to see.
FORBID = '''
import os, sys
FORBIDDEN = tuple(p for p in os.environ["PLAYBOOK_FORBIDDEN"].split(os.pathsep) if p)
LOG = os.environ["PLAYBOOK_FORBIDDEN_LOG"]

def _hook(event, args):
    if event not in ("open", "os.listdir", "os.scandir") or not args:
        return
    path = args[0]
    if not isinstance(path, (str, bytes, os.PathLike)):
        return
    path = os.path.abspath(os.fsdecode(path))
    if path.startswith(FORBIDDEN):
        with open(LOG, "a") as log:
            log.write(path + "\\n")
        raise PermissionError(f"a worker read a path of the client machine: {path}")

sys.addaudithook(_hook)
'''


def _contents(data: bytes) -> dict[str, bytes]:
    """A docx or pptx's parts, without the one recording when it was written."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


@pytest.fixture
def cluster(tmp_path, notebooks):
    """`dask scheduler` and two `dask worker`s, as a user starts them (plus the
    test's guard), each worker in `worker/`, with its own temporary folder."""
    work = tmp_path / "worker"
    (work / "tmp").mkdir(parents=True)
    guard = work / "forbid.py"
    guard.write_text(FORBID, encoding="utf-8")
    log = work / "forbidden.log"
    environ = {**os.environ, "TMPDIR": str(work / "tmp"), "PLAYBOOK_FORBIDDEN_LOG": str(log),
               "PLAYBOOK_FORBIDDEN": os.pathsep.join([str(tmp_path / "client"), str(notebooks)])}
    scheduler_file = work / "scheduler.json"
    processes = [subprocess.Popen(
        [DASK, "scheduler", "--scheduler-file", str(scheduler_file), "--port", "0",
         "--no-dashboard"], cwd=work, env=environ,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        wait_for(scheduler_file.is_file, 60, "the scheduler")
        address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(2):
            processes.append(subprocess.Popen(
                [DASK, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                 "--local-directory", str(work), "--preload", str(guard)],
                cwd=work, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address) as client:
            client.wait_for_workers(2, timeout=120)
        yield address, processes[1:], log
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.mark.slow
def test_a_cluster_from_the_command_line_survives_a_worker_killed_mid_client(
        tmp_path, notebooks, cluster):
    address, workers, forbidden_log = cluster
    engagements = tmp_path / "client" / "engagements"
    engagements.mkdir(parents=True)
    paths = [write_engagement(engagements, f"{letter}.yaml", client=f"Client {letter.upper()}",
                              headcounts=(10 + i, 20))
             for i, letter in enumerate("abcd")]
    out, local = tmp_path / "client" / "out", tmp_path / "client" / "local"

    outcome: dict = {}
    batch = threading.Thread(target=lambda: outcome.setdefault("result", run_batch(
        paths, out, only=ONLY, notebooks_dir=notebooks, dask_address=address)))
    batch.start()
    # Kill a worker while it runs a client (a client runs in a process it forked).
    busy = wait_for(lambda: next((w for w in workers if psutil.Process(w.pid).children()), None),
                     300, "a worker running a client")
    busy.send_signal(signal.SIGKILL)
    batch.join(600)
    assert not batch.is_alive()
    result = outcome["result"]

    assert [c.status for c in result.clients] == ["succeeded"] * 4, result.to_json()
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert summary["retried"], "the killed worker's client is reported as retried"
    assert set(summary["retried"]) <= {str(p) for p in paths}
    assert not forbidden_log.exists(), forbidden_log.read_text()

    # The same files as a local run, and the same record of what they came from.
    run_batch(paths, local, only=ONLY, notebooks_dir=notebooks)
    for path in paths:
        client = json.loads((out / "batch-summary.json").read_text())["clients"][paths.index(path)]
        folder = Path(client["folder"])
        assert folder.parent.parent == out
        assert not [p for p in folder.iterdir() if p.name.startswith(".staging-")]
        mine = folder.relative_to(out)
        for name in ONLY:
            for suffix in (".docx", ".pptx"):
                assert _contents((out / mine / f"{name}{suffix}").read_bytes()) == _contents(
                    (local / mine / f"{name}{suffix}").read_bytes())
        cluster_manifest = json.loads((out / mine / "manifest.json").read_text(encoding="utf-8"))
        local_manifest = json.loads((local / mine / "manifest.json").read_text(encoding="utf-8"))
        assert cluster_manifest["engagement"] == local_manifest["engagement"]
        assert cluster_manifest["engagement"]["path"] == str(path)
        for name in ONLY:
            assert (cluster_manifest["deliverables"][name]["inputs"]
                    == local_manifest["deliverables"][name]["inputs"])

    # A local run over the cluster's output finds everything current.
    again = run_batch(paths, out, only=ONLY, notebooks_dir=notebooks)
    assert again.deliverables_rendered == 0
    assert again.deliverables_current == len(paths) * len(ONLY)
