"""Copies of the deliverables named for a client's inbox (`delivery.yaml`).

The stable names (`framing_note.docx`) stay the canonical files: the guard of
edited files, the carrying of edits and the incremental runs work on them.
When the firm turns the option on, each run also leaves a copy of each
deliverable named as the client reads it, "Note de cadrage – Mutuelle Horizon
– 2027-02-15.docx", in a folder of its own (`envoi/`, `to-send/`), so the
consultant attaches it as it is.

The copy is made at commit, from the file just put in place (its carried edits
and identities included), moved into place with the rest of the run, and
recorded in `manifest.json` with its digest (`inbox` of the deliverable). A
copy whose bytes are no longer those recorded (or that no manifest knows) is
the consultant's: it is never replaced nor removed, and the run says so. An
earlier copy the consultant did not edit (an earlier date) is removed when a
newer copy of the same deliverable is written, so the folder holds what is to
be sent now.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import manifest as manifest_module

if TYPE_CHECKING:
    from ..method.loader import Method

WRITTEN, EDITED = "written", "edited"


@dataclass(frozen=True)
class InboxCopy:
    """What a run did with one copy for the client's inbox."""

    file: str  # relative to the client folder: "envoi/Note de cadrage – … .docx"
    of: str  # the deliverable's file it copies: "framing_note.docx"
    state: str  # WRITTEN, or EDITED: the consultant's edited copy, left as it is

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "of": self.of, "state": self.state}


def copy_name(pattern: str, client: str, day: str, suffix: str) -> str:
    """The file name of a copy: `pattern` filled, made safe on every system.

    In the client's name a separator ("Dupont/Durand") becomes "-" and the
    other characters no file name takes (: ? * " < >) are left out, so the
    name still reads as the client's."""
    from ..files import safe_name

    name = re.sub(r"[/\\|]", "-", client)
    name = re.sub(r'[\x00-\x1f\x7f<>:"?*]', " ", name)
    stem = pattern.format(client=safe_name(" ".join(name.split()), 60), date=day)
    return safe_name(stem, 120) + suffix


def planned(method: Method, deliverable: str, documents: list[str], client: str, lang: str,
            day: dt.date | str) -> list[dict[str, str]]:
    """The copies a deliverable's documents get, as the manifest records them before
    commit (digest empty); none when the firm's method does not ask for them."""
    inbox = method.delivery.inbox
    pattern = inbox.names.get(deliverable)
    if not inbox.enabled or pattern is None:
        return []
    folder = getattr(inbox.folder, lang)
    text = getattr(pattern, lang)
    day = day.isoformat() if isinstance(day, dt.date) else str(day)
    return [
        {"file": f"{folder}/{copy_name(text, client, day, Path(name).suffix)}", "of": name,
         "sha256": "", "state": ""}
        for name in documents
    ]


def _own_copy(relative: str) -> bool:
    """A copy's name as a run writes it: one plain folder, one plain file name, so a
    hand-edited manifest never makes a run replace or remove a file elsewhere."""
    parts = relative.split("/")
    return (len(parts) == 2 and "\\" not in relative
            and all(part not in ("", ".", "..") and not part.startswith(".") for part in parts))


def _recorded(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The copies the folder's manifest records, per deliverable."""
    try:
        records = manifest_module.read(folder / manifest_module.MANIFEST)["deliverables"]
        return {str(name): [e for e in record.get("inbox", []) if isinstance(e, dict)]
                for name, record in records.items() if isinstance(record, dict)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _edited(path: Path, digest: str) -> bool:
    """A file at `path` that is not the copy the playbook wrote with `digest`."""
    if path.is_symlink():
        return True
    if not path.exists():
        return False
    return not digest or not path.is_file() or manifest_module.sha256(path) != digest


@dataclass
class Staged:
    """The copies a commit moves into place, the earlier ones it removes, and what it says."""

    moves: list[str]
    removals: list[Path]
    copies: list[InboxCopy]


def stage(folder: Path, staging: Path, manifest: manifest_module.Manifest) -> Staged:
    """Stage the copies this run's records plan (from the staged files), fill in
    their digests, and decide what becomes of the copies earlier runs wrote."""
    recorded = _recorded(folder)
    staged = Staged([], [], [])
    for name, record in manifest.deliverables.items():
        before = {str(e.get("file", "")): e for e in recorded.get(name, [])}
        entries = []
        for entry in record.inbox:
            relative, of = entry["file"], entry["of"]
            if not _own_copy(relative) or not (staging / of).is_file():
                continue
            earlier = before.get(relative, {})
            if _edited(folder / relative, str(earlier.get("sha256", ""))):
                entries.append({**entry, "sha256": str(earlier.get("sha256", "")), "state": EDITED})
                staged.copies.append(InboxCopy(relative, of, EDITED))
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staging / of, target)
            entries.append({**entry, "sha256": manifest_module.sha256(target), "state": WRITTEN})
            staged.moves.append(relative)
            staged.copies.append(InboxCopy(relative, of, WRITTEN))
        planned_now = {e["file"] for e in record.inbox}
        for relative, earlier in before.items():
            path = folder / relative
            if relative in planned_now or not _own_copy(relative):
                continue
            if not (path.exists() or path.is_symlink()):
                continue  # moved or deleted by the consultant: forgotten
            if _edited(path, str(earlier.get("sha256", ""))):
                entries.append({**earlier, "state": EDITED})
                if earlier.get("state") != EDITED:  # said once, when first found edited
                    staged.copies.append(InboxCopy(relative, str(earlier.get("of", "")), EDITED))
            else:
                staged.removals.append(path)  # superseded by this run's copy
        record.inbox = entries
    return staged


def sync(staging: Path, moves: list[str]) -> None:
    for relative in moves:
        with open(staging / relative, "rb") as handle:
            os.fsync(handle.fileno())
