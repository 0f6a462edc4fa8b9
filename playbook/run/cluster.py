"""The batch on a Dask cluster: the same per-client job, run where Dask puts it.

A Dask worker is a long-lived process, so on the worker each client still runs
in a process forked for it (`run_isolated`): nothing leaks from one client to
the next. The worker runs into a scratch folder and returns the files as bytes;
this side moves them into the real client folder the same way a local run does
(`run.commit`: staging folder, fsync, signals held, manifest last), so a cluster
needs no shared disk.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..files import atomic_write_bytes
from .commit import FAILED_DIR, commit
from .execute import Job
from .folders import claim, client_folder, new_staging, remove_stale_staging
from .manifest import MANIFEST, Manifest


def remote_client_job(job: Job) -> dict:
    """Runs on a Dask worker: the client's run, its files returned as bytes."""
    from dataclasses import replace

    from .batch import report_of
    from .isolation import ClientProcess, prepare_parent

    scratch = Path(tempfile.mkdtemp(prefix="playbook-"))
    try:
        prepare_parent(job)
        child = ClientProcess(replace(job, out_dir=str(scratch)))
        while child.receive():
            pass
        outcome = child.result()
        outcome.job = job
        files = {
            str(p.relative_to(scratch)): p.read_bytes()
            for p in scratch.rglob("*") if p.is_file()
        }
        return {"report": report_of(outcome), "files": files, "scratch": str(scratch)}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_on_cluster(jobs: list[Job], address: str, notify) -> list:
    """Submit every client to the scheduler at `address`; write results as they come."""
    from distributed import Client, as_completed

    reports = []
    with Client(address) as client:
        futures = {client.submit(remote_client_job, job, pure=False): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                payload = future.result()
                report = _write_back(job, payload)
            except Exception as error:  # noqa: BLE001 - the worker died, or the write failed
                from .batch import ClientReport

                report = ClientReport(
                    engagement=job.engagement_path, status="failed", seconds=0.0,
                    error={"type": type(error).__name__, "message": str(error)},
                )
            reports.append(report)
            notify(report)
    return reports


def _write_back(job: Job, payload: dict):
    """Move a worker's files into this side's output folder, atomically, manifest last."""
    from .batch import review_summary

    report, files, scratch = payload["report"], payload["files"], payload["scratch"]
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
        kept: list = []
        reviews: list = []
        commit(folder, staging, names, manifest, report.rendered, kept, reviews)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.folder = str(folder)
    report.kept_edits = [k.to_dict() for k in kept]
    report.carried = [review_summary(r) for r in reviews]
    return report

