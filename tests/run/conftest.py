"""Fixtures of the run tests: small fictional engagements and the fixture notebooks.

The fixture notebooks (tests/fixtures/notebooks) are steered by the
engagement's `sector`: "fixture: fail <deliverable>" makes that deliverable's
`render` cell raise, "fixture: sleep <deliverable>" makes it hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import write_engagement

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"


@pytest.fixture
def notebooks() -> Path:
    return NOTEBOOKS


@pytest.fixture
def engagement(tmp_path) -> Path:
    return write_engagement(tmp_path)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    return out
