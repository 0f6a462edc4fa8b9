"""The consultant's edits are never overwritten: an edited deliverable is kept first.

A deliverable is a first draft that the consultant and the partner edit in Word
and PowerPoint. When a run is about to replace one, its bytes are compared with
the digest `manifest.json` recorded when the playbook wrote it; a file that
differs (or that no manifest knows) is the consultant's, and a copy goes to
`history/<name>.<date>.edited.<ext>` before anything moves. The copy is never
overwritten: a second edited version the same day gets `.edited-2`, and so on.
A deleted file is simply rendered again.

This runs inside `run.commit`, the one place every run moves its files into a
client folder (a local run, `--force`, `batch`, the Dask write-back), so no path
can skip it; the check is made at that moment, so an edit saved while the run
was rendering is kept too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import manifest as manifest_module

HISTORY_DIR = "history"
# The files a consultant edits; the executed notebook and the HTML copy are the
# audit trail, rewritten from scratch by every run.
EDITABLE_SUFFIXES = (".docx", ".pptx")


@dataclass(frozen=True)
class KeptEdit:
    """An edited deliverable kept before a run replaced it."""

    file: str  # its name in the client folder
    kept: str  # where its edited version now is, relative to the client folder
    sha256: str
    at: str  # when it was kept (UTC, ISO)

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "kept": self.kept, "sha256": self.sha256, "at": self.at}


def _recorded(folder: Path) -> dict[str, Any]:
    """The deliverable records of the folder's manifest as written, whatever is on disk."""
    try:
        data = manifest_module.read(folder / manifest_module.MANIFEST)
        records = data["deliverables"]
        return records if isinstance(records, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def recorded_digests(folder: Path) -> dict[str, str]:
    """Every file the folder's manifest records, with the digest it was written with
    (the dated copies of the steering pack included, see run.committees)."""
    digests: dict[str, str] = {}
    for record in _recorded(folder).values():
        try:
            digests.update({str(n): str(d) for n, d in record["files"].items()})
            for entry in record.get("committees", {}).values():
                digests.update({str(n): str(d) for n, d in entry.get("sha256", {}).items()})
        except (KeyError, TypeError, AttributeError):
            continue
    return digests


def recorded_history(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Per deliverable, the edited versions earlier runs kept (from the manifest)."""
    history = {}
    for name, record in _recorded(folder).items():
        edited = record.get("edited") if isinstance(record, dict) else None
        if isinstance(edited, list):
            history[str(name)] = [e for e in edited if isinstance(e, dict)]
    return history


def edited_files(folder: Path, names: Iterable[str]) -> list[tuple[str, str]]:
    """(name, digest) of the editable `names` present in `folder` that are not as written.

    A file no readable manifest records counts as edited: nothing proves it is
    the playbook's own, so it is kept rather than lost. A file that is its
    generated base (`history/.generated/<name>`, what the playbook last wrote
    there, a notebook run by hand included) is the playbook's own.
    """
    from .carry import GENERATED_DIR

    recorded = recorded_digests(folder)
    found = []
    for name in names:
        path = folder / name
        if Path(name).suffix.lower() not in EDITABLE_SUFFIXES or not path.is_file():
            continue
        digest = manifest_module.sha256(path)
        if recorded.get(name) == digest:
            continue
        base = folder / GENERATED_DIR / name
        if "/" not in name and base.is_file() and not base.is_symlink() and (
                manifest_module.sha256(base) == digest):
            continue
        found.append((name, digest))
    return found


def keep_edited(folder: Path, names: Iterable[str], today: dt.date | None = None) -> list[KeptEdit]:
    """Copy every edited file among `names` into `folder/history/`; what was kept."""
    day = (today or dt.date.today()).isoformat()
    at = manifest_module.now()
    kept = []
    for name, digest in edited_files(folder, names):
        destination = _copy_new(folder / name, folder / HISTORY_DIR, _history_stems(name, day))
        kept.append(KeptEdit(name, destination.relative_to(folder).as_posix(), digest, at))
    return kept


def _history_stems(name: str, day: str) -> Iterator[str]:
    stem, ext = os.path.splitext(name)
    yield f"{stem}.{day}.edited{ext}"
    counter = 2
    while True:
        yield f"{stem}.{day}.edited-{counter}{ext}"
        counter += 1


def _copy_new(source: Path, directory: Path, candidates: Iterable[str]) -> Path:
    """Copy `source` under the first of `candidates` not taken in `directory`.

    The copy is made complete under a temporary name, then linked to its final
    name, which fails rather than replace a file that exists: an earlier kept
    version is never overwritten, even by a run in another process.
    """
    from ..errors import PlaybookError
    from ..files import TEMP_PREFIX
    from ..text import render
    from .wording import folder_language

    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise PlaybookError(render("run.folder.not_history", folder_language(directory.parent),
                                   path=directory, file=source.name))
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f"{TEMP_PREFIX}{os.getpid()}-{source.name}"
    shutil.copyfile(source, temporary)
    try:
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        for candidate in candidates:
            destination = directory / candidate
            try:
                _link_or_copy(temporary, destination)
            except FileExistsError:
                continue
            return destination
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    raise AssertionError("unreachable: the candidates never end")


def _link_or_copy(source: Path, destination: Path) -> None:
    """A new name for `source`; FileExistsError if `destination` exists.

    A hard link where the disk has them; elsewhere (some network shares) an
    exclusive create, which refuses an existing name just the same.
    """
    try:
        os.link(source, destination)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(descriptor, "wb") as target, open(source, "rb") as origin:
        shutil.copyfileobj(origin, target)
        target.flush()
        os.fsync(target.fileno())


def record_kept(records: Mapping[str, manifest_module.DeliverableRecord],
                history: Mapping[str, list[dict[str, str]]], kept: list[KeptEdit]) -> None:
    """Add each kept version to its deliverable's record, after the earlier ones.

    `history` maps deliverable names to the versions earlier runs kept
    (`recorded_history`): the record of a deliverable rendered again carries on.
    """
    for name, record in records.items():
        earlier = list(history.get(name, []))
        mine = [k.to_dict() for k in kept if k.file in record.files]
        if earlier or mine:
            record.edited = [*earlier, *mine]


def keep_before_writing(folder: Path, names: list[str], lang: str) -> list[str]:
    """A notebook run by hand writes straight into the client folder (not through
    a run's commit): keep the edited files it is about to replace, as a run does;
    what to tell the consultant, one line each."""
    from .wording import say

    lines = []
    for edit in keep_edited(folder, names):
        lines.append(say("edited_kept", lang, file=edit.file, kept=edit.kept))
        lines.append(say("edited_fate", lang, file=edit.file))
    return lines


def identify_written(folder: Path, names: list[str]) -> None:
    """Give the files a notebook run by hand just wrote their identities, and make
    them the generated base of the next carry: the next run reads them as the
    playbook's own, and carries the edits made to them afterwards."""
    from ..files import atomic_write_bytes
    from .carry import GENERATED_DIR, deck, word

    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        (word if path.suffix.lower() == ".docx" else deck).stamp(path)
        atomic_write_bytes(folder / GENERATED_DIR / name, path.read_bytes())
