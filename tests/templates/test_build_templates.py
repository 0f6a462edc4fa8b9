"""`make templates` rebuilds the committed house templates byte for byte, so a
rebuild never leaves the repository modified and a changed byte means a changed style."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_rebuilding_the_house_templates_gives_the_committed_files(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(TEMPLATES / "build_templates.py"), str(tmp_path)],
                   check=True, capture_output=True)

    for name in ("house.docx", "house.pptx"):
        assert (tmp_path / name).read_bytes() == (TEMPLATES / name).read_bytes(), name
