"""Many clients at once: isolation between clients, the summary, and the same
files as one run per client."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import psutil
import pytest

from playbook.cli import main
from playbook.errors import PlaybookError
from playbook.run.batch import find_engagements, run_batch
from playbook.run.execute import run_engagement

from .helpers import docx_text, listing, pptx_text, wait_for, write_engagement

ONLY = ["framing_note", "impact_diagnosis"]
CLIENT = "Coopérative Laitière du Val"


@pytest.fixture
def clients(tmp_path):
    folder = tmp_path / "engagements"
    folder.mkdir()
    write_engagement(folder, "a.yaml", client="Client A", headcounts=(10, 20))
    write_engagement(folder, "b.yaml", client="Client B", sector="fixture: fail framing_note")
    write_engagement(folder, "c.yaml", client="Client C", language="en", headcounts=(7,))
    (folder / "d.yaml").write_text("engagement: {client: Incomplet}\n", encoding="utf-8")
    return folder


def test_one_clients_failure_never_stops_the_others(clients, tmp_path, notebooks):
    out = tmp_path / "out"
    result = run_batch([clients], out, jobs=2, only=ONLY, notebooks_dir=notebooks)

    status = {r.engagement.rsplit("/", 1)[-1]: r.status for r in result.clients}
    assert status == {"a.yaml": "succeeded", "b.yaml": "failed", "c.yaml": "succeeded",
                      "d.yaml": "failed"}
    failed_b = result.clients[1]
    assert failed_b.error["deliverable"] == "framing_note"
    assert "no lot planned for Client B" in failed_b.error["reason"]
    assert result.clients[3].error["kind"] == "invalid engagement"
    assert result.clients[1].error["kind"] == "notebook failed"
    assert (out / "Client A" / "fr" / "impact_diagnosis.pptx").is_file()
    assert (out / "Client C" / "en" / "framing_note.docx").is_file()
    assert not (out / "Client B" / "fr" / "framing_note.docx").exists()

    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert (summary["succeeded"], summary["failed"]) == (2, 2)
    assert [c["status"] for c in summary["clients"]] == ["succeeded", "failed", "succeeded", "failed"]
    assert summary["clients"][0]["folder"] == str(out / "Client A" / "fr")


def test_a_batch_writes_what_single_runs_write(clients, tmp_path, notebooks):
    batch_out, single_out = tmp_path / "batch", tmp_path / "single"
    run_batch([clients / "a.yaml", clients / "c.yaml"], batch_out, jobs=2, notebooks_dir=notebooks)
    for name in ("a.yaml", "c.yaml"):
        run_engagement(clients / name, single_out, notebooks_dir=notebooks)

    batch_files = listing(batch_out)
    batch_files.pop("batch-summary.json")
    batch_files.pop(".playbook-engagements.json")  # what the next batch need not read again
    single_files = listing(single_out)
    assert sorted(batch_files) == sorted(single_files)
    for name in batch_files:
        if name.endswith(".docx"):
            assert docx_text(batch_out / name) == docx_text(single_out / name)
        elif name.endswith(".pptx"):
            assert pptx_text(batch_out / name) == pptx_text(single_out / name)


def test_a_core_freed_by_a_client_that_ended_helps_the_last_client_still_running(
        clients, tmp_path, notebooks):
    out = tmp_path / "out"
    # Two clients on two cores: each starts with one process. The incomplete
    # engagement ends at once; its core then goes to client A, which forks a helper
    # on it between two of its deliverables.
    result = run_batch([clients / "a.yaml", clients / "d.yaml"], out, jobs=2,
                       notebooks_dir=notebooks)

    a, d = result.clients
    assert (a.status, d.status) == ("succeeded", "failed")
    assert len(a.helpers) == 1 and d.helpers == []
    assert len(a.rendered) == 6
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert summary["clients"][0]["helpers"] == a.helpers
    with pytest.raises(ProcessLookupError):  # ended with its client, nothing left behind
        os.kill(a.helpers[0], 0)


def test_stopping_a_batch_stops_the_helpers_of_its_last_client_and_commits_nothing(
        clients, tmp_path, notebooks):
    out = tmp_path / "out"
    hanging = write_engagement(tmp_path, "hanging.yaml", sector="fixture: sleep change_plan")
    command = [sys.executable, "-c", "import sys; from playbook.cli import main; sys.exit(main())",
               "batch", str(hanging), str(clients / "d.yaml"), "--jobs", "2", "--out", str(out),
               "--notebooks", str(notebooks)]
    batch = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    folder = out / CLIENT / "fr"
    try:
        # The incomplete engagement's core went to the hanging client: its helper
        # renders the deliverables after the one its process is stuck in.
        wait_for(lambda: any(folder.glob(".staging-*/steering.docx")), 60)
        processes = psutil.Process(batch.pid).children(recursive=True)
        assert len(processes) == 2  # the client and its helper
        batch.send_signal(signal.SIGTERM)
        batch.wait(10)
        gone, alive = psutil.wait_procs(processes, timeout=15)
        assert alive == []
    finally:
        batch.kill()
    assert not folder.exists() or not any(folder.iterdir())


def test_a_batch_on_one_core_never_forks_a_helper(clients, tmp_path, notebooks):
    result = run_batch([clients / "a.yaml", clients / "d.yaml"], tmp_path / "out", jobs=1,
                       only=ONLY, notebooks_dir=notebooks)
    assert [r.helpers for r in result.clients] == [[], []]


def test_clients_of_one_batch_see_nothing_of_each_other(tmp_path, notebooks):
    for letter in "ABCD":
        write_engagement(tmp_path, f"{letter}.yaml", client=f"Client {letter}")
    out = tmp_path / "out"
    run_batch([str(tmp_path / "*.yaml")], out, jobs=1, only=["framing_note", "target_vision"],
              notebooks_dir=notebooks)
    for letter in "ABCD":
        folder = out / f"Client {letter}" / "fr"
        assert "seen before: none / none" in docx_text(folder / "framing_note.docx")
        assert "namespace fresh: True" in docx_text(folder / "target_vision.docx")


def test_find_engagements_accepts_files_folders_and_globs_once_each(clients, tmp_path):
    (clients / "~$a.xlsx").write_bytes(b"")  # an Excel lock file
    (clients / ".hidden.yaml").write_text("", encoding="utf-8")
    found = find_engagements([clients, str(clients / "a.*"), clients / "b.yaml"])
    assert [p.name for p in found] == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    with pytest.raises(PlaybookError, match="no engagement file matches"):
        find_engagements([str(tmp_path / "*.xlsx")])


def test_the_batch_command_reports_plainly_and_exits_1_on_any_failure(clients, tmp_path, notebooks, capsys):
    out = tmp_path / "out"
    status = main(["batch", str(clients / "a.yaml"), str(clients / "b.yaml"), "--jobs", "2",
                   "--only", "framing_note", "--only", "impact_diagnosis",
                   "--out", str(out), "--notebooks", str(notebooks)])
    printed = capsys.readouterr().out
    assert status == 1
    assert "[2/2]" in printed and "0 remaining" in printed and "\x1b[" not in printed
    assert "1 succeeded, 1 failed" in printed
    assert (out / "batch-summary.json").is_file()


def test_the_batch_command_exits_0_when_every_client_succeeded(clients, tmp_path, notebooks, capsys):
    status = main(["batch", str(clients / "a.yaml"), "--only", "framing_note",
                   "--out", str(tmp_path / "out"), "--notebooks", str(notebooks)])
    assert status == 0
    assert "1 succeeded, 0 failed" in capsys.readouterr().out


def test_the_batch_runs_on_a_dask_cluster_with_the_same_files(clients, tmp_path, notebooks):
    distributed = pytest.importorskip("distributed")
    out, local = tmp_path / "dask", tmp_path / "local"
    engagements = [clients / "a.yaml", clients / "b.yaml"]
    with distributed.LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        result = run_batch(engagements, out, only=["framing_note"], notebooks_dir=notebooks,
                           dask_address=cluster.scheduler_address)
    run_batch(engagements, local, only=["framing_note"], notebooks_dir=notebooks)

    assert [r.status for r in result.clients] == ["succeeded", "failed"]
    assert result.executor.startswith("dask")
    dask_files, local_files = listing(out), listing(local)
    assert sorted(dask_files) == sorted(local_files)
    name = "Client A/fr/framing_note.docx"
    assert docx_text(out / name) == docx_text(local / name)
    manifest = json.loads((out / "Client A/fr/manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["deliverables"]) == ["framing_note"]
    assert not any(".staging-" in name for name in dask_files)
