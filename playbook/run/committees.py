"""What each steering committee saw: the steering pack kept per COPIL date.

The steering pack is rendered again before every fortnightly COPIL, at its usual
name (`steering.pptx`, `steering.docx`). Each run also keeps it under the
committee's date, `steering/<date>.pptx` and `.docx`, with the engagement file
as it stood that day (`steering/<date>.engagement.<ext>`), and the manifest
records them. So months later the folder still shows what each COPIL was shown,
and `--since manifest.json` finds the engagement of the previous COPIL in that
recorded history rather than in a side file. A run without `--since` compares
with the latest committee the folder records before its own (`recorded_previous`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import atomic_write_bytes
from . import manifest as manifest_module

if TYPE_CHECKING:
    from ..model import Engagement

STEERING = "steering"
COMMITTEES_DIR = "steering"


def committee_date(engagement: Engagement, as_of: str | None) -> str:
    """The date of the COPIL a run prepares: `--as-of`, else the pack's own default."""
    from ..analysis.copil import default_as_of

    return str(as_of) if as_of else default_as_of(engagement).isoformat()


def keep_committee(folder: Path, staging: Path, record: manifest_module.DeliverableRecord,
                   engagement_path: str | None, history: Mapping[str, dict[str, Any]]) -> list[str]:
    """Stage the dated copies of the steering pack `record` describes, and record them.

    The copies are written into `staging` under `steering/` and listed in the
    record (`committees`, after the earlier committees of `history`, each copy
    with its digest); the caller moves the returned names into place with the
    rest of the run.
    """
    day = record.committee
    if not day:
        return []
    entry: dict[str, Any] = {"sha256": {}}
    staged: list[str] = []

    def stage(relative: str, data: bytes, key: str) -> None:
        atomic_write_bytes(staging / relative, data)
        entry[key] = relative
        entry["sha256"][relative] = manifest_module.sha256(staging / relative)
        staged.append(relative)

    for name in record.files:
        stem, ext = os.path.splitext(name)
        if stem == STEERING and ext in (".docx", ".pptx"):
            stage(f"{COMMITTEES_DIR}/{day}{ext}", (staging / name).read_bytes(), ext[1:])
    if engagement_path and Path(engagement_path).is_file():
        suffix = Path(engagement_path).suffix.lower()
        stage(f"{COMMITTEES_DIR}/{day}.engagement{suffix}", Path(engagement_path).read_bytes(),
              "engagement")
    record.committees = {**history, day: entry}
    return staged


def recorded_committees(folder: Path) -> dict[str, dict[str, Any]]:
    """The committees the folder's manifest records for the steering pack, by date."""
    try:
        data = manifest_module.read(folder / manifest_module.MANIFEST)
        committees = data["deliverables"][STEERING].get("committees", {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    return {str(k): v for k, v in committees.items() if isinstance(v, dict)} if isinstance(
        committees, dict) else {}


def engagement_before(manifest_path: Path, day: dt.date | None) -> Path | None:
    """The engagement file of the latest committee the manifest records before `day`.

    None when the manifest records no committee before that date (or its copy
    is gone, or no longer the recorded content).
    """
    folder = manifest_path.parent
    committees = recorded_committees(folder)
    dates = sorted(d for d in committees if day is None or d < day.isoformat())
    for date in reversed(dates):
        entry = committees[date]
        relative = str(entry.get("engagement", ""))
        if Path(relative).parent != Path(COMMITTEES_DIR) or "\\" in relative:
            continue  # a hand-edited manifest never leads out of the folder's history
        copy = folder / relative
        if copy.is_symlink() or copy.parent.is_symlink():
            continue
        digests = entry["sha256"] if isinstance(entry.get("sha256"), dict) else {}
        if relative and copy.is_file() and manifest_module.sha256(copy) == digests.get(relative):
            return copy
    return None


def recorded_previous(folder: Path, day: str) -> tuple[Path, str] | None:
    """The folder's manifest and the date of the latest committee it records
    before `day`, when that committee's engagement copy is intact: the committee
    a run without `--since` compares with (None: no committee on record before)."""
    dates = sorted(d for d in recorded_committees(folder) if d < day)
    if not dates:
        return None
    manifest = folder / manifest_module.MANIFEST
    try:
        copy = engagement_before(manifest, dt.date.fromisoformat(day))
    except ValueError:
        return None
    if copy is None or not copy.name.startswith(f"{dates[-1]}."):
        return None  # the latest committee's copy is gone or altered: nothing sure to compare with
    return manifest, dates[-1]


def compared_committee(since: str | None, day: str) -> str:
    """The date of the committee a `--since` manifest stands for before `day` (''
    for an engagement file: its committee is read from its content)."""
    if not since or Path(since).suffix.lower() != ".json":
        return ""
    dates = sorted(d for d in recorded_committees(Path(since).parent) if d < day)
    return dates[-1] if dates else ""
