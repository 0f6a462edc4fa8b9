"""Run one client's deliverable notebooks with papermill, atomically.

The contract a consultant relies on: either every requested deliverable of the
run is moved into the client folder, with a manifest written last, or nothing
in that folder changes (a failed notebook is kept aside under `failed/` for
diagnosis). Notebooks write into a hidden staging folder inside the client
folder (same file system, so moving files into place is an atomic rename).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import WHOLE_RUN, PlaybookError, RunError
from ..files import atomic_write_bytes
from ..text import colon, render
from ..text.system import system_said
from . import manifest as manifest_module
from .carry import identified_as_written
from .commit import FAILED_DIR, Terminated, commit, signals
from .committees import STEERING, committee_date
from .folders import check_output, claim, client_folder, new_staging, remove_stale_staging
from .progress import Event
from .registry import Deliverable, deliverables, notebooks_dir

LANGUAGES = ("fr", "en")
KERNEL_ENGINE = "kernel"
WARM_ENGINE = "warm"

if TYPE_CHECKING:
    from ..intake.assemble import PlanIds, PlanNames
    from ..model import Engagement
    from ..render.reconcile import Discrepancy
    from .carry import FileReview
    from .edits import KeptEdit
    from .inbox import InboxCopy

Progress = Callable[[Event], None]


@dataclass
class RunResult:
    """What a client run wrote: the folder, its files and the time each deliverable took."""

    client: str
    language: str
    folder: Path
    files: list[Path]
    manifest: Path
    seconds: dict[str, float] = field(default_factory=dict)
    engine: str = WARM_ENGINE
    up_to_date: list[str] = field(default_factory=list)
    # The consultant's edited files kept under history/ before being replaced (run.edits).
    kept_edits: list[KeptEdit] = field(default_factory=list)
    # What carrying the consultant's edits into the new files did (run.carry).
    reviews: list[FileReview] = field(default_factory=list)
    # What the reconciliation gate found in the files this run wrote, one line each.
    discrepancies: list[str] = field(default_factory=list)
    # The committee the steering pack compared with ("since the last committee"):
    # its date, or the engagement file `--since` named; "" when none.
    compared_with: str = ""
    # The copies named for the client's inbox, written or left as edited (run.inbox).
    inbox: list[InboxCopy] = field(default_factory=list)
    # The processes that shared the client's deliverables with its own (run.split).
    helpers: list[int] = field(default_factory=list)

    @property
    def rendered(self) -> list[str]:
        """Deliverables produced by this run (the others were current already)."""
        return list(self.seconds)


@dataclass(frozen=True)
class Job:
    """Everything one client's run needs; picklable, so it can cross processes."""

    engagement_path: str
    out_dir: str
    lang: str | None = None
    only: tuple[str, ...] | None = None
    templates_dir: str | None = None
    method_dir: str | None = None
    notebooks_dir: str | None = None
    engine: str = WARM_ENGINE
    as_of: str | None = None  # the COPIL's date (ISO), for the notebooks that take one
    since: str | None = None  # the previous COPIL's engagement file or manifest
    force: bool = False  # render even the deliverables that are current
    # How many processes may render this client's deliverables at once (run.split):
    # more than one when cores would otherwise idle (one client, a batch's tail).
    workers: int = 1


def run_engagement(
    engagement_path: str | Path,
    out_dir: str | Path,
    lang: str | None = None,
    only: list[str] | tuple[str, ...] | None = None,
    templates_dir: str | Path | None = None,
    method_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    progress: Progress | None = None,
    *,
    kernel: bool = False,
    as_of: str | None = None,
    since: str | Path | None = None,
    force: bool = False,
    jobs: int | None = None,
) -> RunResult:
    """Produce one client's deliverables into `out_dir/<client>/<lang>/`.

    Runs in a process forked from this (warmed) one, so nothing a notebook does
    leaks into the caller. `kernel=True` uses papermill's ordinary engine, a
    fresh Jupyter kernel per notebook. Deliverables whose inputs did not change
    since the folder's last run are kept as they are (`force=True` renders them
    anyway); when all are current no process is started at all. The deliverables
    are shared by up to `jobs` processes (default: one per core, as `batch`). Raises `IntakeError` (bad engagement,
    nothing written) or `RunError` (a notebook failed; previous outputs intact).
    """
    from .isolation import run_isolated

    job = make_job(
        engagement_path, out_dir, lang, only, templates_dir, method_dir, notebooks_dir, kernel,
        force, as_of=as_of, since=since,
    )
    if jobs != 1:
        from .batch import default_jobs

        job = dataclasses.replace(job, workers=max(1, jobs or default_jobs()))
    # Read the file before warming the engines: a bad workbook is refused in a
    # second, not after the heavy imports (the analysis is imported only to check
    # the `action_status` ids of a file with errors, with them). The client's
    # process, forked from this one, uses this reading.
    parsed = parse(job.engagement_path, job.method_dir, _plan_ids(job.method_dir))
    engagement = parsed.engagement
    if job.since:  # another client's file or manifest: refused before anything is written
        from ..workbench import previous_engagement

        previous_engagement(job.since, engagement.client)
    check_output(job.out_dir, job.lang or engagement.language)
    try:
        current = already_current(job, engagement)
    except PlaybookError:
        raise  # e.g. a folder another client owns: the user's to fix
    except Exception:  # noqa: BLE001 - the client's own run meets it and reports it
        current = None
    if current is not None:
        if progress is not None:
            total = len(current.up_to_date)
            for index, name in enumerate(current.up_to_date):
                progress(Event("current", current.client, name, index, total, lang=current.language))
        return current
    return run_isolated(job, progress, parsed)


def _say(key: str, **values: object) -> str:
    """A message said before any engagement is read: in the consultant's language."""
    from ..text import render
    from ..text.language import choose_language

    return render(key, choose_language(), **values)


def make_job(
    engagement_path: str | Path,
    out_dir: str | Path,
    lang: str | None = None,
    only: list[str] | tuple[str, ...] | None = None,
    templates_dir: str | Path | None = None,
    method_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    kernel: bool = False,
    force: bool = False,
    *,
    as_of: str | dt.date | None = None,
    since: str | Path | None = None,
) -> Job:
    if lang not in (None, "", *LANGUAGES):
        raise PlaybookError(_say("run.unknown_language", value=lang, known=", ".join(LANGUAGES)))
    if as_of:
        try:
            dt.date.fromisoformat(str(as_of))
        except ValueError:
            raise PlaybookError(_say("run.as_of.bad", value=as_of)) from None
    if since and not Path(since).is_file():
        from ..workbench import previous_engagement_file

        previous_engagement_file(since)  # says why: not found, a folder, a device

    def resolved(path: str | Path) -> str:
        return str(Path(path).resolve())

    def absolute(path: str | Path | None) -> str | None:
        return resolved(path) if path else None

    return Job(
        engagement_path=resolved(engagement_path),
        out_dir=resolved(out_dir),
        lang=lang or None,
        only=tuple(only) if only else None,
        templates_dir=absolute(templates_dir),
        method_dir=absolute(method_dir),
        notebooks_dir=absolute(notebooks_dir),
        engine=KERNEL_ENGINE if kernel else WARM_ENGINE,
        as_of=str(as_of) if as_of else None,
        since=absolute(since),
        force=bool(force),
    )


def _plan_ids(method_dir: str | None) -> PlanIds:
    """`workbench.plan_ids`, imported (with the analysis) only when called."""

    def check(candidate: Engagement, given: list[str], names: PlanNames | None
              ) -> tuple[list[str], set[str]]:
        from ..workbench import plan_ids

        return plan_ids(method_dir)(candidate, given, names)

    return check


@dataclass(frozen=True)
class Parsed:
    """An engagement file as a process read it: its signature (size, time, inode)
    then, and the engagement. A client forked from that process reads it from
    memory instead of parsing the file again, while the file keeps that signature."""

    signature: tuple[int, int, int]
    engagement: Engagement

    def still(self, path: str) -> Engagement | None:
        from .freshness import signature

        try:
            return self.engagement if signature(path) == self.signature else None
        except OSError:
            return None


def parse(path: str, method_dir: str | None, plan_ids: PlanIds | None = None) -> Parsed:
    """`load_engagement`, remembering the file's signature before reading it."""
    from ..intake import load_engagement
    from .freshness import signature

    try:
        before = signature(path)
    except OSError:  # missing or unreadable: the intake's reading says so, located, exit 2
        before = (-1, -1, -1)  # matches no file: never reused
    return Parsed(before, load_engagement(path, method_dir=method_dir, plan_ids=plan_ids))


def run_here(job: Job, progress: Progress | None = None, parsed: Parsed | None = None
             ) -> RunResult:
    """Run `job` in this process. Callers wanting isolation fork first (see isolation).

    `parsed`: the engagement as the parent read it, used while the file is unchanged.
    """
    from ..workbench import plan_ids, remember_engagement

    emit = progress or (lambda event: None)
    engagement = parsed.still(job.engagement_path) if parsed is not None else None
    if parsed is None or engagement is None:
        parsed = parse(job.engagement_path, job.method_dir,  # IntakeError: nothing written
                       plan_ids(job.method_dir))
        engagement = parsed.engagement
    # The notebooks open the same file: they take this reading instead of parsing it again.
    remember_engagement(job.engagement_path, parsed.signature, engagement, job.method_dir)
    try:
        return _run_planned(job, engagement, emit)
    except PlaybookError:
        raise
    except Exception as error:  # disk full (the user's to fix), or a bug: said so
        raise _as_run_error(error, job, engagement.client,
                            job.lang or engagement.language) from None


def _run_planned(job: Job, engagement: Engagement, emit: Progress) -> RunResult:
    plan = plan_run(job, engagement)
    client, lang, folder = plan.client, plan.lang, plan.folder
    total = len(plan.chosen)
    for index, name in enumerate(plan.current):
        emit(Event("current", client, name, index, total, lang=lang))
    if not plan.to_render:
        return plan.result(job)
    _check_action_ids(job, engagement, lang)
    job, compared_with = _with_previous_committee(job, plan)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(folder)

    chosen = plan.to_render
    staging = new_staging(folder)
    cwd = notebooks_dir(job.notebooks_dir)
    if str(cwd) not in sys.path:  # a kernel started there could import helper modules
        sys.path.insert(0, str(cwd))
    try:
        seconds: dict[str, float] = {}
        found: dict[str, list[Discrepancy]] = {}
        helpers: list[int] = []
        with identified_as_written():
            _produce_all(job, plan, staging, cwd, emit, seconds, found, helpers)
        record = _manifest(job, engagement, plan, staging, seconds, found)
        names = [name for d in chosen for name in produced_files(d)]
        kept: list[KeptEdit] = []
        reviews: list[FileReview] = []
        copies: list[InboxCopy] = []
        files = commit(folder, staging, names, record, [d.name for d in chosen], kept, reviews,
                       copies)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RunResult(
        client=client,
        language=lang,
        folder=folder,
        files=[*plan.current_files(), *files],
        manifest=folder / manifest_module.MANIFEST,
        seconds=seconds,
        engine=job.engine,
        up_to_date=list(plan.current),
        kept_edits=kept,
        reviews=reviews,
        discrepancies=[d.said(lang) for name in found for d in found[name]],
        compared_with=compared_with,
        inbox=copies,
        helpers=helpers,
    )


def _produce_all(job: Job, plan: RunPlan, staging: Path, cwd: Path, emit: Progress,
                 seconds: dict[str, float], found: dict[str, list[Discrepancy]],
                 helpers: list[int]) -> None:
    """Run the notebooks of the deliverables to render into `staging`: one after the
    other, or shared with helper processes (`split`) when the job has more than one
    or its batch may free cores while it runs (their pids go to `helpers`)."""
    from .split import offered

    client, lang, total = plan.client, plan.lang, len(plan.chosen)
    chosen = plan.to_render
    first = len(plan.current)
    if (job.workers > 1 or offered() is not None) and len(chosen) > 1:
        helpers.extend(_share(job, plan, staging, cwd, emit, seconds))
        for deliverable in chosen:  # read in the order a single process would have
            found[deliverable.name] = _collect_discrepancies(staging, deliverable.name, lang)
        return
    for index, deliverable in enumerate(chosen, start=first):
        emit(Event("started", client, deliverable.name, index, total, lang=lang))
        start = time.perf_counter()
        try:
            _produce(deliverable, job, lang, staging, plan.folder, client, cwd)
        except RunError:
            emit(Event("failed", client, deliverable.name, index, total,
                        time.perf_counter() - start, lang))
            raise
        seconds[deliverable.name] = round(time.perf_counter() - start, 3)
        found[deliverable.name] = _collect_discrepancies(staging, deliverable.name, lang)
        emit(Event("done", client, deliverable.name, index, total, seconds[deliverable.name],
                   lang))


def _share(job: Job, plan: RunPlan, staging: Path, cwd: Path, emit: Progress,
           seconds: dict[str, float]) -> list[int]:
    """The deliverables to render, shared by `job.workers` processes and those the
    batch's spare cores add (see `split`); returns the helpers' pids. The analysis
    is computed first, here, so the helpers forked next inherit it."""
    from ..workbench import open_engagement
    from .isolation import _describe
    from .split import offered, share

    client, lang, total, first = plan.client, plan.lang, len(plan.chosen), len(plan.current)
    chosen = plan.to_render
    if job.engine != KERNEL_ENGINE:  # a kernel's notebooks analyse in their own process
        open_engagement(job.engagement_path, lang, job.method_dir or "")

    def work(index: int) -> None:
        _produce(chosen[index], job, lang, staging, plan.folder, client, cwd)

    def started(index: int) -> None:
        emit(Event("started", client, chosen[index].name, first + index, total, lang=lang))

    def done(index: int, spent: float) -> None:
        emit(Event("done", client, chosen[index].name, first + index, total, spent, lang))

    def describe(error: BaseException) -> tuple[type[BaseException], dict[str, object] | None,
                                                tuple[str, ...]]:
        return _describe(_as_run_error(error, job, client, lang), job)

    try:
        shared = share(len(chosen), job.workers, work, started, done, describe,
                       _longest_first(plan.folder, [d.name for d in chosen]), offered())
    except RunError as error:
        failed = next((i for i, d in enumerate(chosen) if d.name == error.deliverable), 0)
        emit(Event("failed", client, chosen[failed].name, first + failed, total, lang=lang))
        raise
    for index, deliverable in enumerate(chosen):
        seconds[deliverable.name] = shared.seconds[index]
    return shared.helpers


def _longest_first(folder: Path, names: list[str]) -> list[int]:
    """The deliverables' positions, the longest first by the seconds the folder's
    manifest records (the processes then end close together); as given when
    any is unknown."""
    records = manifest_module.previous(folder)
    if not all(name in records for name in names):
        return list(range(len(names)))
    return sorted(range(len(names)), key=lambda i: -records[names[i]].seconds)


def _as_run_error(error: BaseException, job: Job, client: str, lang: str) -> BaseException:
    """`error` as `run_here` reports it: a playbook error as it is, a disk error
    as the user's to fix, anything else as a bug under the client's own name."""
    if isinstance(error, PlaybookError):
        return error
    if isinstance(error, OSError):
        return RunError(
            client=client, deliverable=WHOLE_RUN, lang=lang,
            reason=render("run.failure.io", lang, where=error.filename or job.out_dir,
                          detail=system_said(error, lang)),
        )
    detail = "".join(traceback.format_exception_only(type(error), error)).strip()
    return RunError(client=client, deliverable=WHOLE_RUN, lang=lang,
                    reason=render("run.failure.internal", lang, detail=detail))


def _with_previous_committee(job: Job, plan: RunPlan) -> tuple[Job, str]:
    """The job comparing its steering pack with the committee before it: the one
    `--since` names, else the latest the client folder records (its manifest);
    and what the run summary calls that committee."""
    from .committees import compared_committee, recorded_previous

    if not plan.committee:
        return job, ""  # no steering pack rendered
    if job.since:
        return job, compared_committee(job.since, plan.committee) or Path(job.since).name
    found = recorded_previous(plan.folder, plan.committee)
    if found is None:
        return job, ""
    manifest, day = found
    return dataclasses.replace(job, since=str(manifest)), day


def _warnings(job: Job, engagement: Engagement, lang: str) -> list[dict[str, str]]:
    """The method's warnings of the analysis the notebooks rendered: the one this
    process computed for them (kept per content by `analysed`; a kernel engine's
    notebooks ran elsewhere, and it is computed here once)."""
    from dataclasses import asdict

    from ..analysis.engine import analysed, method_warnings
    from ..method import load_method

    analysis = analysed(engagement, load_method(job.method_dir), lang)
    return [asdict(warning) for warning in method_warnings(analysis)]


def _check_action_ids(job: Job, engagement: Engagement, lang: str) -> None:
    """An `action_status` row naming an id the plan does not have is refused,
    located, before any notebook runs (the analysis is the one the notebooks
    then reuse, computed once per content)."""
    if not any(record.id for record in engagement.action_status):
        return
    from ..analysis.engine import analysed
    from ..method import load_method
    from ..workbench import check_action_ids

    analysis = analysed(engagement, load_method(job.method_dir), lang)
    check_action_ids(job.engagement_path, analysis, job.method_dir)


def _collect_discrepancies(staging: Path, name: str, lang: str = "en") -> list[Discrepancy]:
    """The reconciliation report the notebook left beside its files, taken out of
    the files to commit (it goes to the manifest)."""
    from ..render.reconcile import REPORT, Discrepancy, read_report

    path = staging / REPORT.format(name=name)
    try:
        return read_report(path)
    except (ValueError, TypeError):  # unreadable: said, not lost
        return [Discrepancy("report", name, path.name, render("reconcile.unreadable", lang))]
    finally:
        path.unlink(missing_ok=True)


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's `parameters` cell."""
    import json

    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"])
            return set(re.findall(r"^([A-Za-z_]\w*)\s*=", source, flags=re.M))
    return set()


@dataclass
class RunPlan:
    """What a run will render and what it keeps, decided before any notebook runs."""

    client: str
    lang: str
    folder: Path
    method_version: str
    chosen: list[Deliverable]
    inputs: dict[str, dict[str, str]]
    current: list[str]
    committee: str = ""  # the date of the COPIL the steering pack is for (run.committees)

    @property
    def to_render(self) -> list[Deliverable]:
        return [d for d in self.chosen if d.name not in self.current]

    def current_files(self) -> list[Path]:
        return [
            self.folder / name
            for d in self.chosen if d.name in self.current
            for name in produced_files(d)
        ]

    def result(self, job: Job) -> RunResult:
        """The result of a run that had nothing to render."""
        return RunResult(
            client=self.client, language=self.lang, folder=self.folder,
            files=self.current_files(), manifest=self.folder / manifest_module.MANIFEST,
            engine=job.engine, up_to_date=list(self.current),
        )


def plan_run(job: Job, engagement: Engagement) -> RunPlan:
    """Which of the job's deliverables are current in the client folder (see freshness)."""
    from ..method import load_method
    from . import freshness

    chosen = deliverables(job.only, job.notebooks_dir)  # refuses unknown names first
    method = load_method(job.method_dir)
    lang = job.lang or engagement.language
    folder = client_folder(job.out_dir, engagement.client, lang)
    claim(folder, engagement.client)  # another client's files are neither current nor replaced
    as_of = _as_of(engagement)
    inputs = {
        d.name: freshness.deliverable_inputs(
            engagement_path=job.engagement_path, notebook=d.notebook, lang=lang,
            method_version=method.version, templates_dir=job.templates_dir,
            parameters=_value_parameters(job, lang, d.notebook), as_of=as_of,
        )
        for d in chosen
    }
    current: list[str] = []
    if not job.force and folder.is_dir():
        records = manifest_module.previous(folder)
        try:
            current = [
                d.name for d in chosen
                if freshness.is_current(folder, d.name, produced_files(d), inputs[d.name], records)
            ]
        except Exception:  # noqa: BLE001 - not knowing what is current only costs a render
            current = []
    committee = ""
    if any(d.name == STEERING and d.name not in current for d in chosen):
        committee = committee_date(engagement, job.as_of)
    return RunPlan(engagement.client, lang, folder, method.version, chosen, inputs, current,
                   committee)


def already_current(job: Job, engagement: Engagement) -> RunResult | None:
    """The run's result when every deliverable asked for is current, else None."""
    plan = plan_run(job, engagement)
    return None if plan.to_render else plan.result(job)


def _as_of(engagement: Engagement) -> dt.date | None:
    """The engagement's "as of" date when it records one (else the run's day counts)."""
    for holder in (engagement, getattr(engagement, "engagement", None)):
        value: dt.date | None = getattr(holder, "as_of", None)
        if value is not None:
            return value
    return None


def notebook_parameters(job: Job, lang: str, output_dir: Path, notebook: Path | None = None
                        ) -> dict[str, str]:
    """The parameters papermill injects into a deliverable notebook: every
    notebook's, and step 5's (`as_of`, `since`) for the notebooks declaring them."""
    parameters = {
        "engagement_path": job.engagement_path,
        "lang": lang,
        "output_dir": str(output_dir),
        "templates_dir": job.templates_dir or "",
        "method_dir": job.method_dir or "",
    }
    declared = declared_parameters(notebook) if notebook is not None else set()
    for name, value in (("as_of", job.as_of), ("since", job.since)):
        if name in declared:
            parameters[name] = value or ""
    return parameters


# Parameters naming files or folders: their content is an input, not their path.
_PATH_PARAMETERS = ("engagement_path", "output_dir", "templates_dir", "method_dir")


def _value_parameters(job: Job, lang: str, notebook: Path | None = None) -> dict[str, str]:
    parameters = notebook_parameters(job, lang, Path(), notebook)
    if parameters.get("since"):  # the previous COPIL's file counts by its content
        parameters["since"] = manifest_module.sha256(parameters["since"])
    return {k: v for k, v in parameters.items() if k not in _PATH_PARAMETERS}


def produced_files(deliverable: Deliverable) -> list[str]:
    """The four files a deliverable leaves in the client folder."""
    return [*deliverable.documents(), f"{deliverable.name}.ipynb", f"{deliverable.name}.html"]


def _produce(
    deliverable: Deliverable, job: Job, lang: str, staging: Path, folder: Path, client: str,
    cwd: Path,
) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .engines import ENGINE_NAME, register
    from .html import review_html

    register()
    executed = staging / f"{deliverable.name}.ipynb"
    parameters = notebook_parameters(job, lang, staging, deliverable.notebook)
    try:
        notebook = papermill.execute_notebook(
            _literal_path(deliverable.notebook),
            _literal_path(executed),
            parameters=parameters,
            engine_name=None if job.engine == KERNEL_ENGINE else ENGINE_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(cwd),
        )
    except PapermillExecutionError as error:
        if signals.requested:
            raise Terminated() from None
        kept = _keep_failed(executed, folder, deliverable.name)
        raise RunError(
            client=client,
            deliverable=deliverable.name,
            cell=_describe_cell(executed, error.cell_index, error.source, lang),
            reason=f"{error.ename}: {error.evalue}",
            notebook=kept,
            lang=lang,
        ) from None
    except Exception as error:  # kernel died, unreadable notebook...
        if signals.requested:
            raise Terminated() from None
        kept = _keep_failed(executed, folder, deliverable.name) if executed.is_file() else ""
        raise RunError(
            client=client,
            deliverable=deliverable.name,
            reason=f"{type(error).__name__}: {error}",
            notebook=kept,
            lang=lang,
        ) from None

    missing = [name for name in deliverable.documents() if not (staging / name).is_file()]
    if missing:
        raise RunError(
            client=client,
            deliverable=deliverable.name,
            reason=render("run.failure.no_output", lang, names=", ".join(missing)),
            notebook=_keep_failed(executed, folder, deliverable.name),
            lang=lang,
        )
    (staging / f"{deliverable.name}.html").write_text(
        review_html(notebook, f"{client} · {_title(deliverable.name, lang, job)}", lang),
        encoding="utf-8")


def _title(name: str, lang: str, job: Job) -> str:
    """The deliverable's name as its cover gives it ("Note de cadrage"), for the review
    copy's title; its code when the method has no title for it."""
    from ..method import load_method

    method = load_method(job.method_dir)
    key = f"{name}.title"
    return method.text(key, lang) if method.labels.has(key) else name


def _literal_path(path: Path) -> str:
    """`path` as papermill must see it: papermill formats paths with the
    parameters (`str.format`), so the braces of "Acme {Europe}" or
    "Clients {2026}" are doubled to come out unchanged."""
    return str(path).replace("{", "{{").replace("}", "}}")


def _describe_cell(executed: Path, cell_index: int, source: str, lang: str) -> str:
    """'3 (tag render)' or '3: `doc.save(path)`': the cell as the author numbers it
    (the word for a tag in `lang`).

    The number counts the cells of the notebook as written: the cell papermill
    injects with the parameters is not counted.
    """
    import nbformat

    number = cell_index + 1
    tags: list[str] = []
    try:
        # `cell_index` counts the cells before papermill added its error markers.
        cells = [
            # nbformat ships type information but leaves `read` unannotated.
            c for c in nbformat.read(executed, as_version=4).cells  # type: ignore[no-untyped-call]
            if "papermill-error-cell-tag" not in c.metadata.get("tags", [])
        ]
        number -= sum(
            1 for c in cells[:cell_index] if "injected-parameters" in c.metadata.get("tags", [])
        )
        tags = list(cells[cell_index].metadata.get("tags", []))
    except (OSError, ValueError, IndexError):
        pass
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    if len(first) > 70:
        first = first[:67] + "..."
    label = f"{number}"
    if tags:
        label += f" ({render('run.failure.tag', lang, tags=', '.join(tags))})"
    if first:
        label += f"{colon(lang)}`{first}`"
    return label


def _keep_failed(executed: Path, folder: Path, name: str) -> str:
    """The failed notebook kept under `failed/` (it holds the client's data):
    never through a link, which could lead out of the output folder; "" when
    not kept."""
    failed = folder / FAILED_DIR
    if failed.is_symlink() or (failed.exists() and not failed.is_dir()):
        return ""
    destination = failed / f"{name}.ipynb"
    if destination.is_symlink():
        destination.unlink()  # a link of ours to replace, never a file to write through
    atomic_write_bytes(destination, executed.read_bytes())
    return str(destination)


def _described_day(plan: RunPlan, name: str) -> str:
    """The date a deliverable describes: the COPIL's for the steering pack, else the
    run's as-of date (the engagement's, or the day of the run)."""
    if name == STEERING and plan.committee:
        return plan.committee
    return plan.inputs[name].get("as_of") or dt.date.today().isoformat()


def _manifest(job: Job, engagement: Engagement, plan: RunPlan, staging: Path,
              seconds: dict[str, float], found: dict[str, list[Discrepancy]] | None = None
              ) -> manifest_module.Manifest:
    """This run's manifest; the folder's other records are added at commit."""
    from ..method import load_method
    from .inbox import planned

    found = found or {}
    method = load_method(job.method_dir)
    engagement_sha = manifest_module.sha256(job.engagement_path)
    generated = manifest_module.now()
    records: dict[str, manifest_module.DeliverableRecord] = {}
    for deliverable in plan.to_render:
        records[deliverable.name] = manifest_module.DeliverableRecord(
            notebook=deliverable.notebook.name,
            files={f: manifest_module.sha256(staging / f) for f in produced_files(deliverable)},
            seconds=seconds[deliverable.name],
            engagement_sha256=engagement_sha,
            method_version=plan.method_version,
            generated_at=generated,
            inputs=plan.inputs[deliverable.name],
            committee=plan.committee if deliverable.name == STEERING else "",
            discrepancies=[d.as_dict() for d in found.get(deliverable.name, [])],
            inbox=planned(method, deliverable.name, deliverable.documents(), engagement.client,
                          plan.lang, _described_day(plan, deliverable.name)),
        )
    versions = manifest_module.versions()
    return manifest_module.Manifest(
        warnings=_warnings(job, engagement, plan.lang),
        client=engagement.client,
        language=plan.lang,
        engagement={"path": job.engagement_path, "sha256": engagement_sha},
        playbook_version=versions["playbook"],
        method_version=plan.method_version,
        engine=job.engine,
        versions=versions,
        generated_at=generated,
        deliverables=records,
    )
