"""The machine set up as the README says is the machine CI tests on: the same
system packages, LibreOffice Calc included (the intake workbook opens in it),
and a setup that shows its progress instead of minutes of silence."""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def _apt_packages(text: str) -> set[str]:
    found = re.search(r"apt-get install ([^`\n>]+)", text)
    assert found, "no apt-get install line"
    return {word for word in found.group(1).split() if not word.startswith("-")}


def test_ci_installs_exactly_the_readme_system_packages() -> None:
    readme = _apt_packages((REPOSITORY / "README.md").read_text(encoding="utf-8"))
    ci = _apt_packages((REPOSITORY / ".ci" / "run").read_text(encoding="utf-8"))

    assert readme == ci
    assert "libreoffice-calc-nogui" in readme


def test_setup_shows_pip_progress() -> None:
    makefile = (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]

    assert installs
    assert not any("--quiet" in line or " -q" in line for line in installs)
