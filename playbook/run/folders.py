"""Client folders: one per exact client, and staging folders the playbook owns.

A client's deliverables live in `out/<client folder>/<lang>/`. The folder name
comes from `unique_name`, so two clients whose names fold to the same safe
name ("Acme/Corp", "Acme?Corp") still get two folders; and a folder whose
manifest names another client is refused outright (a case-insensitive disk, a
folder renamed by hand), so one client's run never merges into another's files.

Runs write into hidden staging folders beside the final files. Each holds a
marker file naming the process that made it: only folders carrying the marker
are ever removed as stale, never a folder a person happened to name alike.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from ..errors import PlaybookError
from ..files import inside, unique_name
from ..text import render
from ..text.language import choose_language
from . import manifest as manifest_module
from .wording import folder_language

STAGING_PREFIX = ".staging-"
STAGING_MARK = ".playbook-staging"


class ForeignFolderError(PlaybookError):
    """The client folder already holds another client's deliverables."""


class OutputFolderError(PlaybookError):
    """The output folder cannot hold deliverables: a file, or a folder not writable."""


def check_output(out_dir: str | Path, lang: str | None = None) -> None:
    """Refuse an `--out` that cannot be written, before anything is run or created.

    The nearest part of the path that exists must be a folder this process can
    write in (the rest is created by the run). Said in `lang` (the run's),
    else in the consultant's language.
    """
    out = Path(out_dir)
    existing = out.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputFolderError(render("run.folder.out_is_file", lang or choose_language(), out=out,
                                       existing=existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputFolderError(render("run.folder.out_read_only", lang or choose_language(), out=out,
                                       existing=existing))


def client_folder(out_dir: str | Path, client: str, lang: str) -> Path:
    """`out_dir/<unique client name>/<lang>`, refused if it would fall outside
    `out_dir` (a link to another folder): nothing is written through a link."""
    root = Path(out_dir).resolve()
    try:
        return inside(root, root / unique_name(client) / lang)
    except ValueError:
        folder = root / unique_name(client) / lang
        raise PlaybookError(render("run.folder.link_out", folder_language(folder), out=out_dir,
                                   folder=folder, client=client)) from None


def owner(folder: Path) -> str | None:
    """The client named by the manifest of `folder`, if it has a readable one."""
    try:
        data = manifest_module.read(folder / manifest_module.MANIFEST)
    except (OSError, ValueError):
        return None
    client = data.get("client") if isinstance(data, dict) else None
    return client if isinstance(client, str) else None


def claim(folder: Path, client: str) -> None:
    """Refuse `folder` (and its language siblings) if a manifest there names another client."""
    siblings = [folder]
    if folder.parent.is_dir():
        siblings += sorted(p for p in folder.parent.iterdir() if p.is_dir() and p != folder)
    for candidate in siblings:
        other = owner(candidate)
        if other is not None and other != client:
            raise ForeignFolderError(render(
                "run.folder.other_client", folder_language(folder), folder=candidate,
                other=other, manifest=manifest_module.MANIFEST, client=client))


def new_staging(folder: Path) -> Path:
    """A fresh staging folder inside `folder`, marked as the playbook's own."""
    staging = folder / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    (staging / STAGING_MARK).write_text(f"{os.getpid()}\n", encoding="utf-8")
    return staging


def remove_stale_staging(folder: Path) -> None:
    """Remove staging folders left by runs that were killed outright (SIGKILL).

    Only folders the playbook made (they hold its marker) and whose process is
    gone; anything else, whatever its name, is left alone.
    """
    for path in folder.glob(f"{STAGING_PREFIX}*"):
        if path.is_symlink() or not path.is_dir() or not (path / STAGING_MARK).is_file():
            continue
        pid = path.name[len(STAGING_PREFIX):].split("-")[0]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
