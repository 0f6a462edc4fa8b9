"""Many clients at once: one forked process per client, N at a time.

The parent warms itself once (imports, templates, method), then forks a fresh
process per client: clients share nothing, each
returns its memory when done, and one client's failure is just that client's
line in the summary. `--dask ADDRESS` sends the same per-client job to a Dask
cluster instead (see `playbook.run.cluster`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import json
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PlaybookError
from ..files import atomic_write_text
from ..text import render
from ..text.language import choose_language
from .execute import Job, Parsed, make_job, parse
from .folders import check_output
from .isolation import ClientProcess, Outcome, prepare_parent

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .carry import FileReview
    from .split import SpareCores

SUMMARY = "batch-summary.json"
ENGAGEMENT_SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass
class ClientReport:
    """One line of the batch summary."""

    engagement: str
    status: str  # "succeeded" | "failed"
    seconds: float
    client: str = ""
    language: str = ""
    folder: str = ""
    files: list[str] = field(default_factory=list)
    error: dict[str, str] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    retried: bool = False  # started again after a cluster worker died running it
    # The consultant's edited files kept under history/ before being replaced (run.edits).
    kept_edits: list[dict[str, str]] = field(default_factory=list)
    # Per file whose edits were carried into the new version: counts and conflicts.
    carried: list[dict[str, Any]] = field(default_factory=list)
    # The copies named for the client's inbox, written or left as edited (run.inbox).
    inbox: list[dict[str, str]] = field(default_factory=list)
    # The processes that shared the client's deliverables with its own (run.split):
    # those it started with and those forked on cores freed by clients that ended.
    helpers: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "succeeded"


@dataclass
class BatchResult:
    clients: list[ClientReport]
    seconds: float
    jobs: int
    executor: str

    @property
    def succeeded(self) -> list[ClientReport]:
        return [c for c in self.clients if c.ok]

    @property
    def failed(self) -> list[ClientReport]:
        return [c for c in self.clients if not c.ok]

    @property
    def deliverables_current(self) -> int:
        return sum(len(c.up_to_date) for c in self.clients)

    @property
    def deliverables_rendered(self) -> int:
        return sum(len(c.rendered) for c in self.clients)

    def to_json(self) -> str:
        data = {
            "seconds": round(self.seconds, 3),
            "jobs": self.jobs,
            "executor": self.executor,
            "succeeded": len(self.succeeded),
            "failed": len(self.failed),
            "deliverables_rendered": self.deliverables_rendered,
            "deliverables_up_to_date": self.deliverables_current,
            "retried": [c.engagement for c in self.clients if c.retried],
            "clients": [asdict(c) for c in self.clients],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def find_engagements(patterns: Iterable[str | Path]) -> list[Path]:
    """Engagement files named by paths, folders (their .yaml/.yml/.xlsx) or globs.

    Hidden files, Excel lock files (`~$client.xlsx`) and, in a folder or a
    glob, the versions `measure import` keeps beside an engagement
    (`client.previous.xlsx`) are skipped; each file appears once, in the order given.
    """
    found: dict[Path, None] = {}
    for pattern in patterns:
        text = str(pattern)
        # A file or folder that exists is itself, even with "[" in its name.
        is_glob = glob.has_magic(text) and not os.path.lexists(text)
        matches = sorted(glob.glob(text)) if is_glob else [text]
        if not matches:
            raise PlaybookError(_say("run.batch.no_match", pattern=text))
        for match in map(Path, matches):
            if match.is_dir():
                candidates = sorted(p for p in match.iterdir() if p.suffix.lower() in ENGAGEMENT_SUFFIXES)
            elif match.is_file():
                candidates = [match]
            elif match.exists():
                raise PlaybookError(_say("run.batch.not_regular", path=match))
            else:
                raise PlaybookError(_say("run.batch.not_found", path=match))
            for path in candidates:
                if path.name.startswith((".", "~$")):
                    continue
                if (match.is_dir() or is_glob) and _kept_version(path):
                    continue
                found.setdefault(path.resolve(), None)
    if not found:
        raise PlaybookError(_say("run.batch.none_found", where=", ".join(map(str, patterns))))
    return list(found)


def _say(key: str, **values: object) -> str:
    """A message said before any engagement is read: in the consultant's language."""
    return render(key, choose_language(), **values)


def _kept_version(path: Path) -> bool:
    """`client.previous.xlsx` beside `client.xlsx`: the version `measure import`
    kept for the next COPIL's `--since`, not another engagement to run."""
    stem = path.stem
    return stem.endswith(".previous") and path.with_name(
        stem.removesuffix(".previous") + path.suffix).is_file()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_batch(
    engagements: Iterable[str | Path],
    out_dir: str | Path,
    jobs: int | None = None,
    lang: str | None = None,
    only: list[str] | tuple[str, ...] | None = None,
    templates_dir: str | Path | None = None,
    method_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    progress: Callable[[ClientReport, int], None] | None = None,
    dask_address: str | None = None,
    *,
    kernel: bool = False,
    force: bool = False,
    as_of: str | None = None,
) -> BatchResult:
    """Produce every client's deliverables; never stops on a client's failure.

    `progress(report, total)` is called as each client finishes. The summary
    is also written to `out_dir/batch-summary.json`. A client whose
    deliverables are all current (see `run.freshness`) is reported at once,
    without a process or a notebook; `force=True` renders everything.
    """
    from .registry import deliverables

    start = time.perf_counter()
    deliverables(only, notebooks_dir)  # a typo in --only stops the batch before it starts
    check_output(out_dir)
    paths = find_engagements(engagements)
    job_list = [
        make_job(path, out_dir, lang, only, templates_dir, method_dir, notebooks_dir, kernel,
                 force, as_of=as_of)
        for path in paths
    ]
    jobs = max(1, jobs or default_jobs())
    notify = progress or (lambda report, total: None)
    if jobs > 1 and not dask_address and expects_work(job_list):
        decision = decided_while_warming(job_list)
    else:
        decision = decide(job_list)
    for report in [*decision.refused, *decision.current]:
        notify(report, len(job_list))
    reports = [*decision.refused, *decision.current]
    to_run = decision.to_run
    executor = f"dask {dask_address}" if dask_address else "local"
    if to_run and dask_address:
        from .cluster import run_on_cluster

        reports += run_on_cluster(to_run, dask_address, lambda r: notify(r, len(job_list)))
    elif to_run:
        reports += _run_local(to_run, jobs, lambda r: notify(r, len(job_list)), decision.parsed)
    order = {job.engagement_path: i for i, job in enumerate(job_list)}
    reports.sort(key=lambda r: order[r.engagement])
    reports = fail_merged(reports)
    result = BatchResult(reports, time.perf_counter() - start, jobs, executor)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    atomic_write_text(Path(out_dir) / SUMMARY, result.to_json())
    return result


@dataclass
class Decision:
    """What a batch does with each engagement, decided before any client runs:
    refused (two engagements, one folder), current (reported at once), or to run,
    with the engagements the decision parsed (the clients' processes reuse them)."""

    refused: list[ClientReport]
    current: list[ClientReport]
    to_run: list[Job]
    parsed: dict[str, Parsed]


def decide(job_list: list[Job]) -> Decision:
    """Read what must be read of the engagements, then refuse the engagements sharing
    a folder and report those whose deliverables are all current."""
    parsed: dict[str, Parsed] = {}
    read = _read_engagements(job_list, parsed)
    refused = shared_folders(job_list, read)
    refused_paths = {r.engagement for r in refused}
    current, to_run = _current_clients(
        [j for j in job_list if j.engagement_path not in refused_paths], read
    )
    running = {job.engagement_path for job in to_run}
    return Decision(refused, current, to_run,
                    {path: reading for path, reading in parsed.items() if path in running})


def expects_work(job_list: list[Job]) -> bool:
    """Whether the batch will likely run a client: forced, or an engagement is new
    or changed since the previous batch into the folder (a look at each file's
    size, time and inode, nothing read). Other changes (the playbook, the method,
    a deleted output) are found by `decide` all the same."""
    if not job_list:
        return False
    if any(job.force for job in job_list):
        return True
    known = known_engagements(job_list[0].out_dir)
    return not all(known.unchanged(job.engagement_path) for job in job_list)


def decided_while_warming(job_list: list[Job]) -> Decision:
    """`decide`, taken by a process forked for it while this one warms up for the
    clients (their imports, shell and templates, see `run.warm`): engagements to
    read (a first batch into a folder, many edited) are read on the other core
    instead of before the warm-up.

    Warming stops as soon as the decision arrives, and goes on only if a client is
    to run. Whatever goes wrong in the deciding process (it died, its answer could
    not cross), the decision is taken again here, where an error says itself.
    """
    from .isolation import _die_with_parent, fork_piped

    def send_decision(sender: Connection) -> None:
        _die_with_parent(parent)
        with contextlib.suppress(Exception):  # taken again by the parent
            sender.send(decide(job_list))

    parent = os.getpid()
    pid, connection = fork_piped(send_decision)
    try:
        prepare_parent(job_list[0], until=connection.poll)
        try:
            decision: Decision | None = connection.recv()
        except EOFError:
            decision = None
    finally:
        connection.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)  # already ended but for an interruption here
        os.waitpid(pid, 0)
    return decision if decision is not None else decide(job_list)


def _read_engagements(job_list: list[Job], parsed: dict[str, Parsed] | None = None
                      ) -> dict[str, Any]:
    """What the parent must know of each engagement before forking: its client,
    language and as-of date.

    Read from the file only when it changed since the previous batch into the
    same folder (size, time or inode, see `known_engagements`): a refresh of
    forty clients where one file was edited parses one file. A file that cannot
    be read maps to None: its client's own run reports it, with its location.
    The files parsed go to `parsed`: the client's process, forked from this one,
    uses that reading instead of parsing the file again.
    """
    if not job_list:
        return {}
    known = known_engagements(job_list[0].out_dir)
    read: dict[str, Any] = {}
    for job in job_list:
        path = job.engagement_path
        try:
            facts = known.get(path)
            if facts is None:
                # As the client's run reads it, but its `action_status` ids are checked
                # there, against the plan (`execute._check_action_ids`), not here.
                reading = parse(path, job.method_dir)
                facts = known.add(path, reading.engagement)
                if parsed is not None:
                    parsed[path] = reading
            read[path] = facts
        except Exception:  # noqa: BLE001 - the client's run reports it, located
            read[path] = None
    known.save()
    return read


@dataclass(frozen=True)
class EngagementFacts:
    """What the parent uses of an engagement (as an `Engagement` has them)."""

    client: str
    language: str
    as_of: date | None = None


KNOWN = ".playbook-engagements.json"
_SETTLED_NS = 2 * 10**9  # a file changed in the last two seconds may change again unseen


class KnownEngagements:
    """The engagements a batch into `out_dir` read, by path, with their signature
    (size, modification time, inode), digest, client, language and as-of date.

    An entry serves while the file keeps its signature; its digest then also
    serves the freshness check (`freshness.remember`), so an unchanged engagement
    is neither parsed nor read. Entries are written only for files unchanged for
    two seconds, so an edit made right after a run cannot share its time.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / KNOWN
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False

    def unchanged(self, path: str) -> bool:
        """Known, with the signature it has now."""
        from .freshness import signature

        entry = self.entries.get(path)
        try:
            return entry is not None and list(signature(path)) == entry["stat"]
        except OSError:  # gone since: reading it says so, located
            return False

    def get(self, path: str) -> EngagementFacts | None:
        from .freshness import remember

        if not self.unchanged(path):
            return None
        entry = self.entries[path]
        remember(path, entry["stat"], entry["sha256"])
        as_of = date.fromisoformat(entry["as_of"]) if entry["as_of"] else None
        return EngagementFacts(entry["client"], entry["language"], as_of)

    def add(self, path: str, engagement: Any) -> Any:
        from .execute import _as_of
        from .freshness import known_digest, signature

        stat = list(signature(path))
        if time.time_ns() - stat[1] > _SETTLED_NS:
            as_of = _as_of(engagement)
            self.entries[path] = {
                "stat": stat, "sha256": known_digest(path), "client": engagement.client,
                "language": engagement.language, "as_of": as_of.isoformat() if as_of else "",
            }
            self.changed = True
        return engagement

    def save(self) -> None:
        if not self.changed and self.path.is_file():
            return
        with contextlib.suppress(OSError):  # a cache: a read-only folder only costs time
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, json.dumps(self.entries, ensure_ascii=False) + "\n")


def known_engagements(out_dir: str | Path) -> KnownEngagements:
    known = KnownEngagements(Path(out_dir))
    try:
        entries = json.loads(known.path.read_text(encoding="utf-8"))
        if isinstance(entries, dict):
            known.entries = {k: v for k, v in entries.items() if _valid_entry(v)}
    except (OSError, ValueError):
        pass  # none yet, or unreadable: every engagement is read
    return known


def _valid_entry(entry: Any) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("stat"), list)
            and all(isinstance(entry.get(k), str)
                    for k in ("sha256", "client", "language", "as_of")))


def _current_clients(
    job_list: list[Job], read: dict[str, Any]
) -> tuple[list[ClientReport], list[Job]]:
    """Split the clients into those whose deliverables are all current and the rest.

    Deciding here, in the parent, means a refresh where one engagement of forty
    changed forks one process, not forty. A file that cannot be read is left to
    its client's own run, which reports it with its location.
    """
    from .execute import already_current

    reports: list[ClientReport] = []
    to_run: list[Job] = []
    for job in job_list:
        start = time.perf_counter()
        engagement = read.get(job.engagement_path)
        try:
            current = None if job.force or engagement is None else already_current(job, engagement)
        except Exception:  # noqa: BLE001 - the client's run reports it, located
            current = None
        if current is None:
            to_run.append(job)
        else:
            reports.append(report_of(Outcome(job, result=current,
                                             seconds=time.perf_counter() - start)))
    return reports, to_run


def shared_folders(job_list: list[Job], read: dict[str, Any]) -> list[ClientReport]:
    """Failed reports for every engagement whose client folder another one would also write.

    Distinct clients always get distinct folders (`unique_name`), so this is
    the same client, in the same language, described by two files. Such
    engagements are not run at all: whichever finished last would silently
    replace the other's files. Unreadable engagements are left to their own
    run, which reports them.
    """
    from .folders import client_folder

    groups: dict[str, list[tuple[Job, str, Path]]] = {}
    for job in job_list:
        engagement = read.get(job.engagement_path)
        if engagement is None:
            continue
        folder = client_folder(job.out_dir, engagement.client, job.lang or engagement.language)
        groups.setdefault(str(folder), []).append((job, engagement.client, folder))
    reports = []
    for members in groups.values():
        if len(members) < 2:
            continue
        for job, client, folder in members:
            others = ", ".join(
                f"{other!r} ({os.path.basename(j.engagement_path)})"
                for j, other, _ in members if j is not job
            )
            message = render("run.batch.same_folder", choose_language(job.lang),
                             client=f"{client!r} ({os.path.basename(job.engagement_path)})",
                             others=others, folder=folder)
            reports.append(ClientReport(
                engagement=job.engagement_path, status="failed", seconds=0.0, client=client,
                error={"kind": "shared folder", "type": "SharedFolder", "message": message},
            ))
    return reports


def _run_local(job_list: list[Job], jobs: int, notify: Callable[[ClientReport], None],
               parsed: dict[str, Parsed] | None = None) -> list[ClientReport]:
    """At most `jobs` client processes at a time, each forked from this warm process
    (with the engagement as this process read it, when it did: `parsed`).

    Once no client is left to start, the cores of each client that ends go to
    the clients still running (`split.SpareCores`): the batch's last clients do
    not leave a core idle while they finish.
    """
    from .split import SpareCores, offering

    prepare_parent(job_list[0])
    spare = SpareCores() if jobs > 1 else None
    with offering(spare):
        return _schedule(job_list, jobs, notify, parsed or {}, spare)


def _schedule(job_list: list[Job], jobs: int, notify: Callable[[ClientReport], None],
              parsed: dict[str, Parsed], spare: SpareCores | None) -> list[ClientReport]:
    from multiprocessing.connection import wait

    waiting = list(reversed(job_list))
    running: dict[object, ClientProcess] = {}
    busy: dict[object, int] = {}  # the processes each running client may use
    reports: list[ClientReport] = []
    try:
        while waiting or running:
            while waiting and sum(busy.values()) < jobs:
                job = waiting.pop()
                workers = shared_workers(jobs, sum(busy.values()), len(waiting))
                job = dataclasses.replace(job, workers=workers)
                child = ClientProcess(job, parsed=parsed.get(job.engagement_path))
                running[child.connection] = child
                busy[child.connection] = workers
            ready = wait([child.connection for child in running.values()], timeout=0.5)
            if not ready and hasattr(notify, "tick"):
                notify.tick()  # the elapsed time moves on while the first clients run
            for connection in ready:
                child = running[connection]
                if not child.receive():
                    del running[connection]
                    freed = busy.pop(connection)
                    if spare is not None and not waiting:
                        spare.give(freed)
                    report = report_of(child.result())
                    reports.append(report)
                    notify(report)
    except BaseException:
        for child in running.values():
            child.stop()
        raise
    return reports


def shared_workers(jobs: int, busy: int, waiting: int) -> int:
    """The processes a client starting now may use: one, plus the cores that would
    otherwise idle because fewer clients than free cores are left (`waiting`
    after it; `busy`: the processes already running). Its helpers share its
    deliverables (run.split): a refresh after one edit, or a batch's last
    clients, use every core."""
    return 1 + max(0, jobs - busy - 1 - waiting)


def report_of(outcome: Outcome) -> ClientReport:
    """The summary line of a client from what its process returned."""
    if outcome.ok:
        result = outcome.result
        assert result is not None  # what `ok` means
        return ClientReport(
            engagement=outcome.job.engagement_path, status="succeeded",
            seconds=round(outcome.seconds, 3), client=result.client, language=result.language,
            folder=str(result.folder), files=[p.name for p in result.files],
            rendered=result.rendered, up_to_date=list(result.up_to_date),
            kept_edits=[k.to_dict() for k in result.kept_edits],
            carried=[review_summary(r) for r in result.reviews],
            inbox=[c.to_dict() for c in result.inbox],
            helpers=list(result.helpers),
        )
    from ..errors import IntakeError, RunError

    error = outcome.error()
    kind = (
        "invalid engagement" if isinstance(error, IntakeError)
        else "notebook failed" if isinstance(error, RunError)
        else "error"
    )
    details = {"kind": kind, "type": type(error).__name__, "message": str(error)}
    for name in ("client", "deliverable", "cell", "reason", "notebook"):
        value = getattr(error, name, "")
        if isinstance(value, str) and value:
            details[name] = value
    return ClientReport(
        engagement=outcome.job.engagement_path, status="failed", seconds=round(outcome.seconds, 3),
        client=details.get("client", ""), error=details,
    )


def review_summary(review: FileReview) -> dict[str, Any]:
    """A file's carried edits as the batch summary lists them."""
    return {"file": review.file, **review.counts(), "error": review.error,
            "conflicts_list": review.conflicts}


def fail_merged(reports: list[ClientReport]) -> list[ClientReport]:
    """Fail clients that nonetheless ended in one folder (a disk that ignores case).

    `shared_folders` refuses what it can see before the run; two folder names
    differing only by case are one folder on some disks, and only the disk can
    tell. The folder then holds a mix: no client of it is reported succeeded.
    """
    by_folder: dict[tuple[int, int], list[ClientReport]] = {}
    for report in reports:
        if report.ok:
            try:
                stat = os.stat(report.folder)
            except OSError:
                continue
            by_folder.setdefault((stat.st_dev, stat.st_ino), []).append(report)
    merged = {id(r) for group in by_folder.values() if len(group) > 1 for r in group}
    result = []
    for report in reports:
        if id(report) not in merged:
            result.append(report)
            continue
        others = [
            r for g in by_folder.values() if any(r is report for r in g)
            for r in g if r is not report
        ]
        message = render("run.batch.same_folder_case", choose_language(),
                         client=repr(report.client),
                         others=", ".join(repr(o.client) for o in others), folder=report.folder)
        result.append(ClientReport(
            engagement=report.engagement, status="failed", seconds=report.seconds,
            client=report.client, language=report.language, folder=report.folder,
            error={"kind": "shared folder", "type": "SharedFolder", "message": message},
        ))
    return result
