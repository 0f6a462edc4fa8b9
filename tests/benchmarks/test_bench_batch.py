"""The benchmark records its results only when asked, and never a smoke run;
recording keeps the hand-written notes of benchmarks/README.md."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_batch.py"


def _module():
    spec = importlib.util.spec_from_file_location("bench_batch", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_smoke_run_refuses_to_record_its_table() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--write-readme"],
                          capture_output=True, text=True)

    assert done.returncode == 2
    assert "--write-readme records real runs only" in done.stderr


def test_recording_replaces_the_table_and_keeps_the_notes(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nold table\n\n## Reading the numbers\n\nNotes.\n",
                      encoding="utf-8")

    text = _module().readme_with_table("# Benchmarks\n\nnew table\n", readme)

    assert text == "# Benchmarks\n\nnew table\n\n## Reading the numbers\n\nNotes.\n"

