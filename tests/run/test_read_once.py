"""A client's run reads its engagement once: the reading of the process that
started it (the batch's parent, `playbook run`) serves its own process and its
notebooks, as long as the file is the one that was read."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import playbook.intake
import playbook.workbench
from playbook.run.execute import Job, Parsed, RunResult, make_job, parse
from playbook.run.isolation import ClientProcess
from playbook.workbench import open_engagement, remember_engagement

from .helpers import docx_text, write_engagement

ONLY = ["framing_note"]


def _counting(monkeypatch, log: Path) -> Callable[[], list[str]]:
    """Count the engagements parsed, in this process and in those it forks."""
    real = playbook.intake.load_engagement

    def counted(path, *args, **kwargs):
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{path}\n")
        return real(path, *args, **kwargs)

    for module in (playbook.intake, playbook.workbench):  # the run's, the notebooks'
        monkeypatch.setattr(module, "load_engagement", counted)
    return lambda: log.read_text(encoding="utf-8").split() if log.is_file() else []


def _run_forked(job: Job, reading: Parsed) -> RunResult:
    """The client's run in a process forked from this one, given the reading."""
    child = ClientProcess(job, parsed=reading)
    while child.receive():
        pass
    return child.result().unwrap()


def _edit(path, old: str, new: str) -> None:
    """An edit with a later modification time, as a consultant's save has."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def test_a_client_run_takes_the_reading_it_is_given(tmp_path, notebooks, monkeypatch):
    engagement = write_engagement(tmp_path, client="Client Lu Une Fois")
    job = make_job(engagement, tmp_path / "out", only=ONLY, notebooks_dir=notebooks)
    reading = parse(job.engagement_path, None)
    loaded = _counting(monkeypatch, tmp_path / "parsed.log")

    result = _run_forked(job, reading)

    assert loaded() == []
    assert result.client == "Client Lu Une Fois"
    assert result.rendered == ONLY


def test_an_engagement_saved_since_it_was_read_is_read_again(tmp_path, notebooks, monkeypatch):
    engagement = write_engagement(tmp_path, client="Client Avant")
    job = make_job(engagement, tmp_path / "out", only=ONLY, notebooks_dir=notebooks)
    reading = parse(job.engagement_path, None)
    _edit(engagement, "Client Avant", "Client Après")
    loaded = _counting(monkeypatch, tmp_path / "parsed.log")

    result = _run_forked(job, reading)

    assert loaded() == [job.engagement_path]
    assert result.client == "Client Après"
    assert "framing_note - Client Après" in docx_text(result.folder / "framing_note.docx")


def test_a_notebook_opens_the_engagement_its_run_read(tmp_path, monkeypatch):
    engagement = write_engagement(tmp_path, client="Client Ouvert")
    reading = parse(str(engagement), None)
    remember_engagement(engagement, reading.signature, reading.engagement)
    loaded = _counting(monkeypatch, tmp_path / "parsed.log")

    analysis = open_engagement(engagement)
    assert loaded() == []
    assert analysis.engagement is reading.engagement

    _edit(engagement, "Client Ouvert", "Client Modifié")
    analysis = open_engagement(engagement)
    assert loaded() == [str(engagement)]
    assert analysis.engagement.client == "Client Modifié"
