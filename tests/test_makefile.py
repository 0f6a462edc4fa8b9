"""`make lab` as a consultant or a container starts it: options passed through,
root allowed (Jupyter refuses root without being told)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def _dry_run(*args: str) -> str:
    # -o: the environment counts as installed, so only the lab command is shown.
    # Outside any make (`make test` runs this suite: its variables must not leak in).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    done = subprocess.run(["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "lab",
                           *args], cwd=REPOSITORY, capture_output=True, text=True, check=True,
                          env=env)
    return done.stdout.strip().splitlines()[-1]


def test_make_lab_passes_lab_args_to_jupyter() -> None:
    command = _dry_run('LAB_ARGS=--port 8890 --no-browser')

    assert command.startswith(".venv/bin/jupyter lab ")
    assert "--port 8890 --no-browser" in command
    assert command.endswith(" notebooks")


def test_make_lab_allows_root_only_when_run_as_root() -> None:
    command = _dry_run()

    assert ("--allow-root" in command) == (os.geteuid() == 0)
