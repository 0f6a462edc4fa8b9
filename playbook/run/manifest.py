"""`manifest.json`: what produced the files in a client folder, provably.

A consultant must be able to say, months later, which intake file, which
method version and which playbook version produced a deck. Written last, so a
folder with a manifest is a folder whose run finished.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
SCHEMA = 1
# A manifest records a few dozen files; anything far larger is not one (a link
# to /dev/zero, a log renamed) and is never read whole.
MAX_MANIFEST_BYTES = 4 << 20


def sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class DeliverableRecord:
    """One deliverable of the folder: its files (name → sha256) and how long it took."""

    notebook: str
    files: dict[str, str]
    seconds: float
    engagement_sha256: str
    method_version: str
    generated_at: str
    # Digests of what the files were produced from (see run.freshness); empty in
    # records written before incremental runs, which are therefore never current.
    inputs: dict[str, str] = field(default_factory=dict)
    # The consultant's edited versions runs kept before replacing the files
    # (see run.edits): file, where it was kept, its digest, when.
    edited: list[dict[str, str]] = field(default_factory=list)
    # The steering pack: the date of the COPIL it was made for, and the dated
    # copies of every committee so far (see run.committees).
    committee: str = ""
    committees: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The consultant's edits carried into these files (see run.carry): per file,
    # how many were carried, the conflicts listed, the generated passages changed.
    carried: list[dict[str, Any]] = field(default_factory=list)
    # Each file's size, modification time and inode once in place: a file that
    # still has them is not read again to be found intact (see run.freshness).
    stats: dict[str, list[int]] = field(default_factory=dict)
    # What the reconciliation gate found in the files (see render.reconcile): each
    # an invariant, where and what; empty when the deliverable's figures agree.
    discrepancies: list[dict[str, str]] = field(default_factory=list)
    # Copies named for the client's inbox (see run.inbox): each copy's file (in
    # its folder), the file it copies, its digest as written and its state
    # ("written", or "edited": the consultant's, left as it is).
    inbox: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Manifest:
    client: str
    language: str
    engagement: dict[str, str]
    playbook_version: str
    method_version: str
    engine: str
    versions: dict[str, str]
    generated_at: str
    deliverables: dict[str, DeliverableRecord] = field(default_factory=dict)
    schema: int = SCHEMA
    # The method's points to look at of the analysis the run rendered (code,
    # message, subject, severity, audience), for the console's summary; None in
    # manifests written before they were recorded.
    warnings: list[dict[str, str]] | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        """A manifest read back (e.g. from a Dask worker's files); ValueError if not one."""
        try:
            data = json.loads(text)
            records = {n: DeliverableRecord(**r) for n, r in data.pop("deliverables").items()}
            return cls(**data, deliverables=records)
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a playbook manifest: {error}") from None


def read(path: str | Path) -> dict[str, Any]:
    """The JSON object of the manifest at `path`: a regular file, bounded in size.

    OSError when it cannot be read as such, ValueError when it is not a JSON object.
    """
    from ..files import read_regular

    data = json.loads(read_regular(path, MAX_MANIFEST_BYTES).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a playbook manifest")
    return data


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def versions() -> dict[str, str]:
    import papermill

    from .. import __version__

    return {
        "python": platform.python_version(),
        "papermill": papermill.__version__,
        "playbook": __version__,
    }


def previous(folder: Path) -> dict[str, DeliverableRecord]:
    """Deliverables recorded by an earlier run whose files are all still there.

    A run limited with `--only` keeps the other deliverables' records, so the
    manifest always describes every deliverable of the folder.
    """
    path = folder / MANIFEST
    try:
        data = read(path)
        records = {name: DeliverableRecord(**raw) for name, raw in data["deliverables"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # unreadable or not ours: nothing is known of the folder
    return {
        name: record
        for name, record in records.items()
        if all(_own_file(file) and (folder / file).is_file() for file in record.files)
    }


def _own_file(name: str) -> bool:
    """A file name a run writes into its folder: never a path (`../x`, `/etc/x`),
    so an edited manifest cannot make a run vouch for a file elsewhere."""
    return bool(name) and Path(name).name == name and name not in (".", "..") and "\\" not in name
