"""The batch on a Dask cluster: the same per-client job, run where Dask puts it.

Inputs travel with the job: the engagement's bytes go with each client, and
the firm's templates, method and notebook folders, when given, go by content
(`client.scatter`, keyed by their bytes), so each reaches a worker once and is
written there once, under its digest. A worker never reads a path of the
machine that started the batch, and a cluster needs no shared disk.

A Dask worker is a long-lived process, so on the worker each client still runs
in a process forked for it (`ClientProcess`): nothing leaks from one client to
the next. The worker runs into a scratch folder and returns the files as bytes;
this side moves them into the real client folder the same way a local run does
(`run.commit`: staging folder, fsync, signals held, manifest last), with the
manifest naming this side's engagement file: the input digests are the same as
a local run's, so the next run, local or on the cluster, finds them current.

A worker that dies mid-client loses nothing: its client is started again on
another worker (the scheduler reschedules it; a failure of the job itself is
retried once), its files are written here once, from the run that finished,
and the summary says it was retried.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import atomic_write_bytes
from ..text import render
from ..text.system import system_said
from .commit import FAILED_DIR, commit
from .execute import Job
from .folders import claim, client_folder, new_staging, remove_stale_staging
from .manifest import MANIFEST, Manifest

if TYPE_CHECKING:
    from distributed import Client, Future
    from distributed.scheduler import Scheduler

    from .batch import ClientReport
    from .carry import FileReview
    from .edits import KeptEdit
    from .inbox import InboxCopy

# Folders a job may name; each travels as its files, once per worker.
FOLDERS = ("templates_dir", "method_dir", "notebooks_dir")
# Files of a folder that are no part of it (the same ones `freshness` ignores).
_IGNORED_PARTS = ("__pycache__", ".ipynb_checkpoints")
RETRIES = 1  # a failure of the job itself (not of the client's run) is tried once more


@dataclass(frozen=True)
class Parcel:
    """A client's job with its inputs: what a worker needs, and nothing to read here."""

    job: Job  # as this side made it: its paths are this side's
    engagement: bytes
    since: bytes | None = None


def folder_files(folder: str | Path) -> dict[str, bytes]:
    """Every file of `folder` (relative POSIX name → bytes), hidden ones left out."""
    root = Path(folder)
    files: dict[str, bytes] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root)
        if any(part in _IGNORED_PARTS or part.startswith(".") for part in relative.parts):
            continue
        files[relative.as_posix()] = path.read_bytes()
    return files


def files_digest(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()


def _inputs_root() -> Path:
    return Path(tempfile.gettempdir()) / "playbook-inputs"


def materialise(files: dict[str, bytes]) -> Path:
    """The folder holding `files` on this worker, written once under their digest."""
    root = _inputs_root() / files_digest(files)[:32]
    if root.is_dir():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=root.parent))
    for name, data in files.items():
        target = building.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    try:
        os.rename(building, root)  # whole or not at all; another process may have won
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return root


def remote_client_job(parcel: Parcel, folders: dict[str, dict[str, bytes]]) -> dict[str, Any]:
    """Runs on a Dask worker: the client's run from the inputs it came with, its
    files returned as bytes."""
    from .batch import report_of
    from .isolation import ClientProcess, prepare_parent

    job = parcel.job
    scratch = Path(tempfile.mkdtemp(prefix="playbook-"))
    try:
        inputs = scratch / ".inputs"
        inputs.mkdir()
        engagement = inputs / Path(job.engagement_path).name
        engagement.write_bytes(parcel.engagement)
        here: dict[str, str] = {
            name: str(materialise(files)) for name, files in folders.items()
        }
        since = None
        if parcel.since is not None and job.since:
            since = inputs / ("previous-" + Path(job.since).name)
            since.write_bytes(parcel.since)
        local = replace(job, engagement_path=str(engagement), out_dir=str(scratch / "out"),
                        since=str(since) if since else None,
                        templates_dir=here.get("templates_dir", job.templates_dir),
                        method_dir=here.get("method_dir", job.method_dir),
                        notebooks_dir=here.get("notebooks_dir", job.notebooks_dir))
        prepare_parent(local)
        child = ClientProcess(local)
        while child.receive():
            pass
        outcome = child.result()
        outcome.job = job
        report = report_of(outcome)
        # Messages name this side's files, not the worker's copies.
        paths = {str(engagement): job.engagement_path,
                 **{here[name]: getattr(job, name) for name in here}}
        if since is not None:
            paths[str(since)] = job.since
        report.error = {k: _translated(v, paths) if k != "notebook" else v
                        for k, v in report.error.items()}
        out = scratch / "out"
        files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        return {"report": report, "files": files, "scratch": str(out), "worker": _worker()}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _translated(text: str, paths: dict[str, str]) -> str:
    for worker_path, own in paths.items():
        text = text.replace(worker_path, own)
    return text


def _worker() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return ""


def parcel_of(job: Job) -> Parcel:
    """The job with its engagement's bytes (and the previous COPIL's file, if any)."""
    since = Path(job.since).read_bytes() if job.since else None
    return Parcel(job, Path(job.engagement_path).read_bytes(), since)


def run_on_cluster(jobs: list[Job], address: str, notify: Callable[[ClientReport], None]
                   ) -> list[ClientReport]:
    """Submit every client to the scheduler at `address`; write results as they come."""
    from distributed import Client, as_completed

    from .batch import ClientReport

    reports: list[ClientReport] = []
    # distributed ships type information but leaves `Client` and `as_completed` unannotated.
    with Client(address) as client:  # type: ignore[no-untyped-call]
        shipped: dict[str, object] = {}  # folder → its files, scattered once

        def folders_of(job: Job) -> dict[str, object]:
            chosen: dict[str, object] = {}
            for name in FOLDERS:
                folder = getattr(job, name)
                if folder:
                    if folder not in shipped:
                        [shipped[folder]] = client.scatter([folder_files(folder)], hash=True)
                    chosen[name] = shipped[folder]
            return chosen

        futures: dict[Future[dict[str, Any]], Job] = {}
        for job in jobs:
            try:
                parcel = parcel_of(job)
            except OSError as error:  # gone since it was listed: that client's failure only
                report = ClientReport(
                    engagement=job.engagement_path, status="failed", seconds=0.0,
                    error={"kind": "error", "type": type(error).__name__,
                           "message": _unreadable(error, job)},
                )
                reports.append(report)
                notify(report)
                continue
            future = client.submit(remote_client_job, parcel, folders_of(job), pure=False,
                                   retries=RETRIES, key=f"playbook-client-{len(futures)}-"
                                   + hashlib.sha256(job.engagement_path.encode()).hexdigest()[:12])
            futures[future] = job
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            job = futures[future]
            retried = _attempts(client, future.key) > 1
            try:
                payload = future.result()
                report = _write_back(job, payload)
            except Exception as error:  # noqa: BLE001 - every attempt failed, or the write did
                report = ClientReport(
                    engagement=job.engagement_path, status="failed", seconds=0.0,
                    error={"kind": "error", "type": type(error).__name__, "message": str(error)},
                )
            report.retried = retried
            reports.append(report)
            notify(report)
            future.release()
    return reports


def _attempts(client: Client, key: str) -> int:
    """How many times the scheduler started the client's job: more than once when
    a worker died while running it (or the job itself failed and was retried)."""
    with contextlib.suppress(Exception):  # a scheduler that does not say: nothing to report
        # Unannotated in distributed, like `Client` (see run_on_cluster).
        return int(client.run_on_scheduler(_started, key))  # type: ignore[no-untyped-call]
    return 1


def _started(key: str, dask_scheduler: Scheduler | None = None) -> int:
    """Runs on the scheduler: 1 + the deaths of workers running task `key`
    (`suspicious`) + the job's own failures retried."""
    assert dask_scheduler is not None  # `run_on_scheduler` passes its scheduler
    task = dask_scheduler.tasks.get(key)
    if task is None:
        return 1
    return 1 + int(task.suspicious) + max(0, RETRIES - int(task.retries))


def _write_back(job: Job, payload: dict[str, Any]) -> ClientReport:
    """Move a worker's files into this side's output folder, atomically, manifest last."""
    from .batch import review_summary

    report: ClientReport = payload["report"]
    files, scratch = payload["files"], payload["scratch"]
    out = Path(job.out_dir)
    if not report.ok:
        kept = report.error.get("notebook", "")
        if kept.startswith(scratch):
            relative = os.path.relpath(kept, scratch)
            local = out / relative
            inside_out = client_folder(out, report.client, Path(relative).parent.parent.name)
            atomic_write_bytes(inside_out / FAILED_DIR / local.name, files[relative])
            report.error["message"] = report.error["message"].replace(kept, str(local))
            report.error["notebook"] = str(local)
        return report
    folder = client_folder(out, report.client, report.language)
    claim(folder, report.client)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(folder)
    staging = new_staging(folder)
    try:
        prefix = os.path.relpath(report.folder, scratch)
        names = list(report.files)
        for name in names:
            (staging / name).write_bytes(files[os.path.join(prefix, name)])
        manifest = Manifest.from_json(files[os.path.join(prefix, MANIFEST)])
        # The engagement this side gave (the worker read a copy of the same bytes).
        manifest.engagement = {**manifest.engagement, "path": job.engagement_path}
        edited: list[KeptEdit] = []
        reviews: list[FileReview] = []
        copies: list[InboxCopy] = []
        commit(folder, staging, names, manifest, report.rendered, edited, reviews, copies)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.folder = str(folder)
    report.kept_edits = [k.to_dict() for k in edited]
    report.carried = [review_summary(r) for r in reviews]
    report.inbox = [c.to_dict() for c in copies]
    return report


def _unreadable(error: OSError, job: Job) -> str:
    """A client's file gone before it could be sent, said in the batch's language."""
    from ..text.language import choose_language

    lang = choose_language(job.lang)
    return render("run.failure.unreadable", lang, where=error.filename,
                  detail=system_said(error, lang))
