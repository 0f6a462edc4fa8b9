"""What a deliverable notebook calls: open an engagement, analyse it, write files.

Notebooks stay thin (parameters, teaching markdown, review tables, one call
here); the same functions serve the command line, the batch and the
benchmark's direct path, so a notebook and a script cannot drift apart.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis.change_plan import most_occurrences, possible_action_ids
from .analysis.engine import Analysis, analysed
from .errors import Problem
from .intake import IntakeReport, load_engagement
from .intake.assemble import PlanIds, PlanNames
from .method import load_method
from .model import Engagement

if TYPE_CHECKING:
    import datetime as dt

    from .model import ActionRecord

_CACHE: dict[tuple[str, str, str, str], Analysis] = {}
# The engagement a run already read, by (file, content digest, method folder).
_ENGAGEMENTS: dict[tuple[str, str, str], Engagement] = {}

# The source checkout holding the package, the bundled examples, the house
# templates and `outputs/`. An installed wheel has no such folder: the package
# sits in site-packages, where nothing a consultant writes belongs.
REPOSITORY = Path(__file__).resolve().parents[1]


def _checkout() -> bool:
    return (REPOSITORY / "pyproject.toml").is_file()


def from_repository(path: str | Path) -> Path:
    """A path a notebook was given, found whatever folder Jupyter started in.

    Absolute paths, and relative ones that exist from the working folder, are
    kept; any other relative path is read from the repository, so
    "playbook/examples/mutuelle_horizon.yaml" or "templates" mean the same file
    to a notebook opened from `notebooks/`, the repository or elsewhere. An
    installed playbook reads its shipped files from the package and leaves every
    other path (an output folder) in the working folder, never in site-packages.
    """
    given = Path(path).expanduser()
    if given.is_absolute() or given.exists():
        return given
    if _checkout() or given.parts[:1] == ("playbook",):  # the package's own files (examples)
        return REPOSITORY / given
    if given.parts[:1] in (("templates",), ("notebooks",)):
        from .resources import resource_dir

        return resource_dir(given.parts[0]).joinpath(*given.parts[1:])
    return given  # installed: anything else is the consultant's, from the working folder


def interactive_output(analysis: Analysis) -> Path:
    """`outputs/<client>/<lang>/` in the repository (in the working folder when
    the playbook is installed rather than checked out): where a notebook run by
    hand writes, one folder per client and language as the command line does."""
    from .files import inside, unique_name

    root = (REPOSITORY if _checkout() else Path.cwd()) / "outputs"
    return inside(root, root / unique_name(analysis.engagement.client) / analysis.lang)


def open_engagement(engagement_path: str | Path, lang: str = "", method_dir: str = "") -> Analysis:
    """Load, validate and analyse one engagement in `lang` ("" = its own language).

    The result is cached per process on the file's content, so the five
    notebooks of one client analyse it once, and an edited workbook is re-read.
    """
    path = from_repository(engagement_path)
    method_dir = str(from_repository(method_dir)) if method_dir else ""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    key = (str(path.resolve()), digest, lang or "", method_dir or "")
    if key not in _CACHE:
        engagement = _ENGAGEMENTS.get(key[:2] + key[3:]) or load_engagement(
            path, method_dir=method_dir or None, plan_ids=plan_ids(method_dir or None))
        method = load_method(method_dir or None)
        _CACHE.clear()  # one client per process: never keep another client's data around
        analysis = analysed(engagement, method, lang or None)
        check_action_ids(path, analysis, method_dir or None)
        _CACHE[key] = analysis
    from .review.present import show_as_report

    show_as_report(_CACHE[key])  # tables read as in the report, in the engagement's language
    return _CACHE[key]


def remember_engagement(engagement_path: str | Path, signature: tuple[int, int, int],
                        engagement: Engagement, method_dir: str | Path | None = None) -> None:
    """The engagement a run read from `engagement_path` when the file had `signature`
    (size, time, inode): the run's notebooks open it without parsing the file again.
    Kept only while the file still has that signature once its bytes are hashed."""
    path = Path(engagement_path).resolve()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _ENGAGEMENTS.clear()  # one client per process
    status = os.stat(path)
    if (status.st_size, status.st_mtime_ns, status.st_ino) == signature:
        _ENGAGEMENTS[(str(path), digest, str(method_dir or ""))] = engagement


def check_action_ids(path: str | Path, analysis: Analysis, method_dir: str | Path | None = None,
                     lang: str | None = None) -> None:
    """Refuse an engagement whose `action_status` names an action id its plan
    does not have: the status would be ignored and the action shown late. The
    file is read again with the plan's ids, so the error is located (sheet, row,
    column) with the id most likely meant, as every intake error is."""
    from .intake import read_intake

    known = analysis.change_plan.actions["id"].astype(str).tolist()
    if all(not record.id or record.id in known for record in analysis.engagement.action_status):
        return
    read_intake(path, lang=lang, method_dir=method_dir, action_ids=known)  # raises IntakeError


# A floor for how many times one action recurs in a plan the file's errors could
# change: a four-weekly lever over two years.
_OCCURRENCES = 26


def plan_ids(method_dir: str | Path | None = None) -> PlanIds:
    """How the intake checks the `action_status` ids of a file read with errors,
    so that they are reported in the same round as every other problem (see
    `intake.assemble.PlanIds`). `names` None: the candidate's plan is the file's
    own, and every id it lacks is unknown. Otherwise an error elsewhere may
    change the plan, and an id is unknown only when no plan of the file's
    populations and lots can have it (with twice the occurrences the candidate
    plans); the others are checked once the file reads without error."""

    def check(candidate: Engagement, given: list[str], names: PlanNames | None
              ) -> tuple[list[str], set[str]]:
        method = load_method(str(method_dir) if method_dir else None)
        wanted = {code.upper() for code in given}
        try:
            engagement = Engagement.model_validate(candidate.model_dump())
            actions = analysed(engagement, method, engagement.language).change_plan.actions
        except Exception:  # noqa: BLE001 - rows rejected elsewhere may leave it unplannable
            if names is None:
                raise
            actions = None
        planned = actions["id"].astype(str).tolist() if actions is not None else []
        unknown = wanted - set(planned)
        if names is None or not unknown:
            return planned, unknown
        most = max(_OCCURRENCES, 2 * most_occurrences(actions) if actions is not None else 0)
        possible = possible_action_ids([lever.id for lever in method.levers.levers], *names,
                                       occurrences=most, lengths={len(code) - 1 for code in unknown})
        return planned, unknown - possible

    return check


def unmatched_rows(report: IntakeReport, analysis: Analysis, lang: str) -> list[Problem]:
    """A located warning per dated `action_status` row that matches no planned
    occurrence (see `analysis.action_sheet.unmatched_records`): its status would
    be silently ignored. Says what it did not match and the nearest planned date."""
    from .analysis.action_sheet import unmatched_records
    from .text import render
    from .text.typography import short_date

    engagement = report.engagement
    found = []
    for index, nearest in unmatched_records(engagement, analysis.change_plan.actions):
        record = engagement.action_status[index]
        assert record.planned is not None  # only dated records are matched
        where = report.action_rows[index] if index < len(report.action_rows) else ""
        near = (render("intake.unmatched_action_row.nearest", lang, date=short_date(nearest, lang))
                if nearest else render("intake.unmatched_action_row.none", lang))
        found.append(Problem(
            file=report.file, where=where, severity="warning",
            message=render("intake.unmatched_action_row", lang, lever=record.lever,
                           population=record.population
                           or render("intake.unmatched_action_row.everyone", lang),
                           date=short_date(record.planned, lang), nearest=near)))
    return found


def planned_actions(path: str | Path, engagement: Engagement, lang: str,
                    method_dir: str | Path | None = None) -> tuple[list[ActionRecord], list[str]]:
    """The rows of the `action_status` sheet pre-filled from the plan of the
    engagement read from `path` (see `analysis.action_sheet`), in `lang`, and the
    plan's action ids. An id the file records that the plan does not have is
    refused first, located in the file as it stands."""
    from .analysis.action_sheet import action_sheet

    analysis = analysed(engagement, load_method(str(method_dir) if method_dir else None), lang)
    check_action_ids(path, analysis, method_dir)
    actions = analysis.change_plan.actions
    rows = action_sheet(engagement, actions, analysis.as_of)
    return rows, actions["id"].astype(str).tolist()


def shown_path(path: str | Path) -> str:
    """A written file as the consultant finds it: relative to the repository (a
    checkout) or the working folder, `outputs/<client>/<lang>/x.docx`; only its
    name when it lies elsewhere, so no folder of this machine is revealed."""
    path = Path(path).resolve()
    for root in ((REPOSITORY,) if _checkout() else ()) + (Path.cwd().resolve(),):
        if root in path.parents:
            return path.relative_to(root).as_posix()
    return path.name


class WrittenFiles(dict[str, Path]):
    """The files a deliverable wrote (kind → path), shown by their names only.

    A notebook displays what it wrote, where the consultant will find it; the
    executed notebook and its review copy travel with the deliverables, so they
    must not reveal the folders of the machine that produced them (see `shown_path`).
    """

    def __repr__(self) -> str:
        return ", ".join(shown_path(path) for path in self.values())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's (unannotated) printer
        printer.text(repr(self))


def write_deliverable(name: str, analysis: Analysis, output_dir: str | Path = "",
                      templates_dir: str | Path | None = None) -> WrittenFiles:
    """Write the Word and PowerPoint files of one deliverable; return their paths.

    An empty `output_dir` means `outputs/<client>/<lang>/` (see `interactive_output`).
    """
    from .render.deliverables import write

    folder = from_repository(output_dir) if output_dir else interactive_output(analysis)
    templates = from_repository(templates_dir) if templates_dir else None
    # By hand (JupyterLab), into a client folder: the consultant's edited files are
    # kept first, as a run keeps them (a run's own notebooks write into its staging).
    guarded = not output_dir or (folder / "manifest.json").is_file()
    names = [f"{name}.docx", f"{name}.pptx"]
    if guarded:
        from .run.edits import keep_before_writing

        for line in keep_before_writing(folder, names, analysis.lang):
            print(line)
    written = WrittenFiles(write(name, analysis, folder, templates))
    if guarded:
        from .run.edits import identify_written

        identify_written(folder, names)
    return written


def render_all(engagement_path: str | Path, output_dir: str | Path, lang: str = "",
               templates_dir: str | Path | None = None, method_dir: str = "",
               only: list[str] | None = None) -> dict[str, dict[str, Path]]:
    """Every deliverable of one engagement, without notebooks (the direct path)."""
    from .render.deliverables import DELIVERABLES

    analysis = open_engagement(engagement_path, lang, method_dir)
    return {
        name: write_deliverable(name, for_deliverable(name, analysis, method_dir=method_dir),
                                output_dir, templates_dir)
        for name in (only or DELIVERABLES)
    }


def for_deliverable(name: str, analysis: Analysis, as_of: str = "", since: str = "",
                    method_dir: str = "") -> Analysis:
    """The analysis deliverable `name` renders, prepared as its notebook prepares
    it: the steering pack's carries its committee, computed once for the pack's
    note, deck and key messages."""
    if name == "steering":
        return prepare_copil(analysis, as_of, since, method_dir)
    return analysis


def prepare_copil(analysis: Analysis, as_of: str = "", since: str = "", method_dir: str = ""
                  ) -> Analysis:
    """The analysis carrying the steering committee of `as_of` (ISO date; "" =
    the latest measurement), compared with the committee before it when `since`
    names one (an earlier engagement file, or a previous run's `manifest.json`,
    whose recorded committees give its date; "" = no committee on record)."""
    import datetime as dt

    from .analysis.committee import Previous, steered
    from .errors import PlaybookError

    try:
        day = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise PlaybookError(_say("run.as_of.bad", value=as_of)) from None
    previous = None
    if since:
        from .analysis.copil import default_as_of

        before = day or default_as_of(analysis.engagement)
        path = from_repository(since)
        old = previous_engagement(path, analysis.engagement.client, before)
        method = load_method(str(from_repository(method_dir)) if method_dir else None)
        previous = Previous(_previous_date(path, old, before, analysis), analysed(old, method, analysis.lang))
    return steered(analysis, day, previous)


def _previous_date(since: Path, old: Engagement, before: dt.date, analysis: Analysis) -> dt.date:
    """The date of the committee `since` stands for: the latest its manifest
    records before `before`; for an engagement file, the committee it was
    prepared for (its latest measurement or as-of date), else one cadence back."""
    import datetime as dt

    from .analysis.copil import default_as_of
    from .run.committees import recorded_committees

    if since.suffix.lower() == ".json":
        dates = sorted(d for d in recorded_committees(since.parent) if d < before.isoformat())
        if dates:
            return dt.date.fromisoformat(dates[-1])
    day = default_as_of(old)
    if day < before:
        return day
    return before - dt.timedelta(weeks=analysis.engagement.governance.copil_every_weeks)


def previous_engagement(since: str | Path, client: str,
                        before: dt.date | None = None) -> Engagement:
    """The engagement as it stood at the previous COPIL (the latest before the
    date `before`), refused unless it is `client`'s own: another client's names
    must never reach this client's pack."""
    from .errors import PlaybookError

    old = load_engagement(previous_engagement_file(since, client, before))
    if old.client != client:
        raise PlaybookError(_say("run.since.other_client", since=since, other=old.client,
                                 client=client))
    return old


def previous_engagement_file(since: str | Path, client: str | None = None,
                             before: dt.date | None = None) -> Path:
    """The engagement file `since` names: the file itself, or for a run's
    `manifest.json` the engagement of the latest committee it records before
    the date `before` (the folder's dated steering history, see
    run.committees), else the engagement it recorded, found by its content (the
    file at the recorded path, the `.previous` copy an import kept beside it, or
    any version kept in `<name>.versions/`).
    A manifest naming a client other than `client` is refused outright."""
    from .errors import PlaybookError
    from .run import manifest as manifest_module
    from .run.committees import engagement_before

    path = Path(since)
    if not path.exists():
        raise PlaybookError(_say("run.since.not_found", since=since))
    if not path.is_file():
        raise PlaybookError(_say("run.since.not_regular", since=since))
    if path.suffix.lower() != ".json":
        return path
    try:
        data = manifest_module.read(path)
        recorded, named = data["engagement"], data.get("client")
        source, digest = Path(recorded["path"]), recorded["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        raise PlaybookError(_say("run.since.not_manifest", since=since)) from None
    if client is not None and isinstance(named, str) and named != client:
        raise PlaybookError(_say("run.since.other_client_manifest", since=since, other=named,
                                 client=client))
    recorded_committee = engagement_before(path, before)
    if recorded_committee is not None:
        return recorded_committee
    versions = source.with_name(f"{source.stem}.versions")  # what imports replaced
    kept = sorted(versions.glob(f"*{source.suffix}"), reverse=True) if versions.is_dir() else []
    for candidate in (source, source.with_name(f"{source.stem}.previous{source.suffix}"), *kept):
        if candidate.is_file() and manifest_module.sha256(candidate) == digest:
            return candidate
    raise PlaybookError(_say("run.since.changed", since=since, source=source))


def _say(key: str, **values: object) -> str:
    """A message of the command line in the consultant's language (`PLAYBOOK_LANG`,
    the system locale): these are said before any engagement is read."""
    from .text import render
    from .text.language import choose_language

    return render(key, choose_language(), **values)
