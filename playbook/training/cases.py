"""The fictional exercise cases: valid engagements, distinct from the examples.

Each case is an engagement YAML file in `cases/`, read by the same intake as a
real engagement, so a case can never drift from what the engine accepts. Its
briefing (the interview notes a trainee works from) lives in its exercise
notebook; the file holds the facts the engine diagnoses.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PlaybookError
from ..intake import load_engagement
from ..model import Engagement

CASES_DIR = Path(__file__).parent / "cases"


def case_names() -> list[str]:
    """Names of the bundled cases, sorted (file stems)."""
    return sorted(path.stem for path in CASES_DIR.glob("*.yaml"))


def case_path(name: str) -> Path:
    path = CASES_DIR / f"{name}.yaml"
    if not path.is_file():
        raise PlaybookError(f"no exercise case {name!r}; bundled cases: {', '.join(case_names())}")
    return path


def load_case(name_or_path: str | Path) -> Engagement:
    """A bundled case by name ("contact_centre"), or any engagement file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = case_path(str(name_or_path))
    return load_engagement(path)
