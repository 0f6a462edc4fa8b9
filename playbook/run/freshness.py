"""Which deliverables of a client folder are still current, and which must be rendered.

A quarterly refresh of forty clients should not re-render the thirty-nine whose
engagement file did not change. A deliverable is current when everything it was
produced from is unchanged since the run recorded in `manifest.json`: the
engagement's content (bytes, so a file touched but not edited stays current), the
method data, the templates, the playbook's own code, the language, the notebook
and the run's other parameters, and when every file it left is still there, byte
for byte. Anything else (a missing or unreadable manifest, a record from an older
playbook without inputs, a deleted or edited output) means "render again": a
skipped deliverable is never a stale file presented as current.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import manifest as manifest_module

# Files of a folder that say nothing about its content.
_IGNORED_PARTS = ("__pycache__", ".ipynb_checkpoints")


def signature(path: str | Path) -> tuple[int, int, int]:
    """What says a file changed without reading it: size, modification time, inode."""
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, status.st_ino


# Digests of this process, by absolute path: (signature when hashed, sha256).
_DIGESTS: dict[str, tuple[tuple[int, int, int], str]] = {}


def known_digest(path: str | Path) -> str:
    """The sha256 of a file, read only when its size, time or inode changed since
    this process (or `remember`) last knew it: forty clients' refresh hashes the
    templates and notebooks once, not once per client and deliverable."""
    key = os.path.abspath(path)
    now = signature(key)
    found = _DIGESTS.get(key)
    if found is not None and found[0] == now:
        return found[1]
    digest = manifest_module.sha256(key)
    _DIGESTS[key] = (now, digest)
    return digest


def remember(path: str | Path, stat: tuple[int, int, int], digest: str) -> None:
    """A digest known from an earlier run, valid while the file keeps `stat`."""
    _DIGESTS[os.path.abspath(path)] = (tuple(stat), digest)  # type: ignore[assignment]


def folder_digest(folder: str | Path, suffixes: tuple[str, ...] | None = None) -> str:
    """One digest of every file below `folder` (names and bytes), in a stable order."""
    root = Path(folder)
    digest = hashlib.sha256()
    if not root.is_dir():
        return "missing"
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root)
        if any(part in _IGNORED_PARTS or part.startswith(".") for part in relative.parts):
            continue
        if suffixes is not None and path.suffix not in suffixes:
            continue
        digest.update(str(relative.as_posix()).encode() + b"\0")
        digest.update(known_digest(path).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The playbook's version and its code: an upgrade or a local fix renders again."""
    from .. import __version__
    from ..resources import PACKAGE

    return f"{__version__}+{folder_digest(PACKAGE, ('.py', '.yaml', '.yml', '.json'))}"


def _file_digest(path: str | Path) -> str:
    return known_digest(path)[:16]


def _templates_digest(templates_dir: str | None) -> str:
    # The house templates' folder as `render.templates.default_template_dir` finds
    # it, without importing the writers: a refresh with nothing to render needs none.
    from ..resources import resource_dir

    return folder_digest(templates_dir or resource_dir("templates"))


def deliverable_inputs(
    *,
    engagement_path: str,
    notebook: Path,
    lang: str,
    method_version: str,
    templates_dir: str | None,
    parameters: Mapping[str, Any],
    as_of: date | None,
) -> dict[str, str]:
    """Everything a deliverable's files depend on, as short digests.

    `parameters` are the notebook's parameters other than paths (those are
    covered by the digests of what they point at). Without an "as of" date in
    the engagement, the deliverables carry the day they were generated, so the
    day itself is an input: yesterday's cover is not current today.
    """
    return {
        "engagement": _file_digest(engagement_path),
        "method": method_version,
        "templates": _templates_digest(templates_dir),
        "playbook": code_digest(),
        "language": lang,
        "notebook": _file_digest(notebook),
        "parameters": hashlib.sha256(
            json.dumps(dict(parameters), sort_keys=True, default=str).encode()
        ).hexdigest()[:16],
        "as_of": (as_of or date.today()).isoformat(),
    }


def is_current(
    folder: Path,
    name: str,
    files: list[str],
    inputs: Mapping[str, str],
    records: Mapping[str, manifest_module.DeliverableRecord],
) -> bool:
    """True when the folder's record of `name` was made from `inputs` and its files are intact."""
    record = records.get(name)
    if record is None or not record.inputs or dict(record.inputs) != dict(inputs):
        return False
    if sorted(record.files) != sorted(files):
        return False
    for file, expected in record.files.items():
        path = folder / file
        try:
            if not path.is_file():
                return False
            # Untouched since the run recorded it (same size, time and inode):
            # its bytes are those recorded, without reading them.
            if list(signature(path)) == record.stats.get(file):
                continue
            if manifest_module.sha256(path) != expected:
                return False
        except OSError:
            return False
    return True
