"""Putting a run's files in place, and the stop signals that must not interrupt it.

Every run ends the same way, whether its notebooks ran here or on a Dask worker
whose files came back as bytes: the files wait in a staging folder inside the
client folder (same file system, so a move is an atomic rename), the manifest
keeps the records of the deliverables this run did not touch, everything is
flushed to disk, then moved into place with stop signals held, the manifest
last. A folder with a manifest is therefore a folder whose run finished, and an
interrupted run leaves the previous files whole.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from ..files import atomic_write_text
from . import manifest as manifest_module
from .freshness import signature

if TYPE_CHECKING:
    from .carry import FileReview
    from .edits import KeptEdit
    from .inbox import InboxCopy

FAILED_DIR = "failed"
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Terminated(BaseException):
    """The run was asked to stop (SIGTERM, SIGINT, parent gone): clean up and leave."""


class StopSignals:
    """How a client process reacts to being asked to stop, in one place.

    A stop signal raises `Terminated` wherever the run is (its staging folder is
    removed on the way out), except while files move into place: there it is
    held and acts right after. A client whose parent is gone commits nothing.
    """

    def __init__(self) -> None:
        self.requested = False
        self.parent_pid: int | None = None

    def install(self, parent_pid: int | None = None) -> None:
        """In a client process: turn SIGTERM/SIGINT/SIGHUP into a clean `Terminated`."""
        self.parent_pid = parent_pid

        def handler(signum: int, frame: FrameType | None) -> None:
            self.requested = True
            raise Terminated()

        for signum in STOP_SIGNALS:
            signal.signal(signum, handler)

    def parent_gone(self) -> bool:
        return self.parent_pid is not None and os.getppid() != self.parent_pid

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold stop signals while files move into place; they act right after."""
        try:
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        except (AttributeError, ValueError):  # not the main thread, or no such call
            yield
            return
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


signals = StopSignals()


def deliverable_order(records: Iterable[str]) -> list[str]:
    """Deliverable names in the method's order, unknown ones after."""
    from .registry import DELIVERABLES

    names = list(records)
    return [n for n in DELIVERABLES if n in names] + [n for n in names if n not in DELIVERABLES]


def with_previous_records(folder: Path, manifest: manifest_module.Manifest) -> manifest_module.Manifest:
    """`manifest` plus the folder's records of deliverables this run did not produce.

    A run limited with `--only` (or one that found the others current) keeps
    them, so the manifest always describes every deliverable of the folder.
    """
    records = manifest_module.previous(folder)
    records.update(manifest.deliverables)
    manifest.deliverables = {name: records[name] for name in deliverable_order(records)}
    return manifest


def _own_folder(folder: Path, directory: Path) -> None:
    """Create `directory` inside `folder`, refusing a link that would lead elsewhere."""
    from ..errors import PlaybookError
    from ..text import render
    from .wording import folder_language

    for part in [directory, *directory.parents]:
        if part == folder:
            break
        if part.is_symlink() or (part.exists() and not part.is_dir()):
            raise PlaybookError(render("run.folder.not_own", folder_language(folder), path=part))
    directory.mkdir(parents=True, exist_ok=True)


def commit(
    folder: Path,
    staging: Path,
    names: list[str],
    manifest: manifest_module.Manifest,
    produced: Iterable[str],
    kept: list[KeptEdit] | None = None,
    reviews: list[FileReview] | None = None,
    copies: list[InboxCopy] | None = None,
) -> list[Path]:
    """Move the staged `names` into `folder`, then the manifest, without being interrupted.

    `produced` names the deliverables whose kept failed notebooks (`failed/`)
    this success makes obsolete. A file the consultant edited since the last
    run is first kept under `history/` (see run.edits), and the deliverable's
    record in the manifest says so; `kept` (a list) receives what was kept.
    The copies named for the client's inbox (run.inbox) are made from the files
    as they go into place; `copies` receives what became of each.
    """
    from .carry import prepare, stale_reviews
    from .committees import keep_committee, recorded_committees
    from .edits import keep_edited, record_kept, recorded_history
    from .inbox import stage as stage_inbox
    from .inbox import sync as sync_inbox

    if signals.parent_gone():
        raise Terminated()  # whoever asked for the run is gone: change nothing
    produced = list(produced)
    # The consultant's edits carried into the new files, which get their identities.
    carried, found = prepare(folder, staging, names, manifest)
    if reviews is not None:
        reviews.extend(found)
    dated = [
        name
        for record in manifest.deliverables.values()
        for name in keep_committee(folder, staging, record, manifest.engagement.get("path"),
                                   recorded_committees(folder))
    ]
    guarded = [*names, *dated]  # the bases of the next carry are the playbook's own
    dated += carried
    stale = [p for p in stale_reviews(folder, manifest, produced) if p.name not in carried]
    # Copies for the client's inbox, of the files as they go into place; an edited one stays.
    inbox = stage_inbox(folder, staging, manifest)
    if copies is not None:
        copies.extend(inbox.copies)
    # The consultant's edited files are copied aside before anything replaces them.
    history = recorded_history(folder)
    edited = keep_edited(folder, guarded)
    record_kept(manifest.deliverables, history, edited)
    if kept is not None:
        kept.extend(edited)
    manifest = with_previous_records(folder, manifest)
    for name in produced:  # a move keeps size, time and inode: their stats once in place
        record = manifest.deliverables.get(name)
        if record is not None:
            record.stats = {file: list(signature(staging / file)) for file in record.files
                            if (staging / file).is_file()}
    atomic_write_text(staging / manifest_module.MANIFEST, manifest.to_json())
    for name in [*names, *dated, manifest_module.MANIFEST]:
        with open(staging / name, "rb") as handle:
            os.fsync(handle.fileno())
    sync_inbox(staging, inbox.moves)
    for name in [*dated, *inbox.moves]:
        _own_folder(folder, (folder / name).parent)
    written: list[Path] = []
    with signals.deferred():
        for name in names:
            os.replace(staging / name, folder / name)
            written.append(folder / name)
        for name in dated:  # dated steering packs, bases of the next carry, review pages
            os.replace(staging / name, folder / name)
        for path in inbox.removals:  # earlier copies as written, superseded by this run's
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for name in inbox.moves:
            os.replace(staging / name, folder / name)
        for path in stale:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        os.replace(staging / manifest_module.MANIFEST, folder / manifest_module.MANIFEST)
        for deliverable in produced:
            with contextlib.suppress(FileNotFoundError):
                (folder / FAILED_DIR / f"{deliverable}.ipynb").unlink()
        with contextlib.suppress(OSError):
            (folder / FAILED_DIR).rmdir()  # only when empty
    return written
