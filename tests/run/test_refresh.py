"""A refresh costs what changed: the batch's parent reads an engagement, and
reads an output to check it, only when its size, time or inode changed since
the run that recorded it."""

from __future__ import annotations

import dataclasses
import os
import time

import playbook.intake
from playbook.run import batch as batch_module
from playbook.run import freshness
from playbook.run import manifest as manifest_module
from playbook.run.batch import expects_work, run_batch
from playbook.run.execute import make_job

from .helpers import write_engagement

ONLY = ["framing_note", "impact_diagnosis"]


def _settled(*paths) -> None:
    """As a file last saved a while ago (a refresh's engagements are)."""
    past = time.time() - 60
    for path in paths:
        os.utime(path, (past, past))


def _counting(monkeypatch):
    loaded, hashed = [], []
    real_load, real_hash = playbook.intake.load_engagement, manifest_module.sha256
    monkeypatch.setattr(playbook.intake, "load_engagement",
                        lambda path, *a, **k: loaded.append(str(path)) or real_load(path, *a, **k))
    monkeypatch.setattr(manifest_module, "sha256",
                        lambda path: hashed.append(str(path)) or real_hash(path))
    monkeypatch.setattr(freshness, "_DIGESTS", {})  # as a new process
    return loaded, hashed


def test_a_refresh_after_one_edit_reads_that_engagement_and_no_output(tmp_path, notebooks,
                                                                       monkeypatch):
    engagements = [write_engagement(tmp_path, f"{c}.yaml", client=f"Client {c.upper()}")
                   for c in "abc"]
    _settled(*engagements)
    out = tmp_path / "out"
    first = run_batch(engagements, out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    assert first.deliverables_rendered == 6

    loaded, hashed = _counting(monkeypatch)
    again = run_batch(engagements, out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    assert again.deliverables_current == 6 and again.deliverables_rendered == 0
    assert loaded == []  # nothing parsed
    assert not [p for p in hashed if p.startswith(str(out))]  # no output read
    assert not [p for p in hashed if p.endswith(".yaml")]  # no engagement read either

    edited = engagements[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("120", "121"), encoding="utf-8")
    _settled(edited)
    loaded.clear(), hashed.clear()
    refresh = run_batch(engagements, out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    assert [c.rendered for c in refresh.clients] == [[], ONLY, []]
    assert loaded == [str(edited)]  # in the parent; its own run reads it in its process
    assert not [p for p in hashed if p.startswith(str(out / "Client A"))]


def test_an_output_edited_in_place_is_read_and_rendered_again(tmp_path, notebooks, monkeypatch):
    engagement = write_engagement(tmp_path, "a.yaml", client="Client A")
    _settled(engagement)
    out = tmp_path / "out"
    run_batch([engagement], out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    report = out / "Client A" / "fr" / "framing_note.docx"
    data = bytearray(report.read_bytes())
    data[len(data) // 2] ^= 0xFF
    report.write_bytes(bytes(data))  # same size, new bytes and time

    loaded, hashed = _counting(monkeypatch)
    again = run_batch([engagement], out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    assert again.clients[0].rendered == ["framing_note"]
    assert str(report) in hashed


def test_an_engagement_replaced_by_another_of_the_same_size_and_time_is_read(
        tmp_path, notebooks, monkeypatch):
    """A file moved into place (a sync, a save by rename) has a new inode."""
    engagement = write_engagement(tmp_path, "a.yaml", client="Client A", headcounts=(120, 35))
    _settled(engagement)
    out = tmp_path / "out"
    run_batch([engagement], out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    stat = engagement.stat()
    other = write_engagement(tmp_path, "new.yaml", client="Client A", headcounts=(121, 35))
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert other.stat().st_size == stat.st_size
    os.replace(other, engagement)

    loaded, hashed = _counting(monkeypatch)
    again = run_batch([engagement], out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    assert loaded == [str(engagement)]
    assert again.clients[0].rendered == ONLY


def test_a_batch_expects_work_when_an_engagement_is_new_or_changed_or_forced(tmp_path, notebooks):
    engagements = [write_engagement(tmp_path, f"{c}.yaml", client=f"Client {c.upper()}")
                   for c in "ab"]
    _settled(*engagements)
    out = tmp_path / "out"
    jobs = [make_job(path, out, only=ONLY, notebooks_dir=notebooks) for path in engagements]
    assert expects_work(jobs)  # never read into this folder

    run_batch(engagements, out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    assert not expects_work(jobs)
    assert expects_work([dataclasses.replace(job, force=True) for job in jobs])
    engagements[0].write_text(engagements[0].read_text(encoding="utf-8").replace("120", "121"),
                              encoding="utf-8")
    _settled(engagements[0])
    assert expects_work(jobs)


def test_the_decision_taken_while_warming_is_the_one_taken_here(tmp_path, notebooks, monkeypatch):
    engagements = [write_engagement(tmp_path, f"{c}.yaml", client=f"Client {c.upper()}")
                   for c in "abc"]
    engagements.append(write_engagement(tmp_path, "twin.yaml", client="Client C"))
    _settled(*engagements)
    out = tmp_path / "out"
    run_batch(engagements[:1], out, jobs=1, only=ONLY, notebooks_dir=notebooks)
    jobs = [make_job(path, out, only=ONLY, notebooks_dir=notebooks) for path in engagements]
    deciders: list[int] = []
    real_decide = batch_module.decide

    def decide(job_list):
        deciders.append(os.getpid())
        return real_decide(job_list)

    monkeypatch.setattr(batch_module, "decide", decide)
    forked = batch_module.decided_while_warming(jobs)
    (out / batch_module.KNOWN).unlink()  # as the forked process found the folder
    here = real_decide(jobs)

    assert deciders == []  # taken in the forked process, nothing fell back to here
    assert [r.engagement for r in forked.current] == [str(engagements[0])]
    assert sorted(r.engagement for r in forked.refused) == sorted(map(str, engagements[2:]))
    assert forked.to_run == here.to_run == jobs[1:2]
    assert ({p: r.engagement for p, r in forked.parsed.items()}
            == {p: r.engagement for p, r in here.parsed.items()})


def test_a_decision_that_cannot_cross_is_taken_here(tmp_path, notebooks, monkeypatch):
    engagement = write_engagement(tmp_path)
    job = make_job(engagement, tmp_path / "out", only=ONLY, notebooks_dir=notebooks)
    parent = os.getpid()
    real_decide = batch_module.decide

    def dies_when_forked(job_list):
        if os.getpid() != parent:
            os._exit(3)
        return real_decide(job_list)

    monkeypatch.setattr(batch_module, "decide", dies_when_forked)
    decision = batch_module.decided_while_warming([job])
    assert decision.to_run == [job] and list(decision.parsed) == [job.engagement_path]
