"""The method's points to look at after `run` come from the run's own manifest.

The run records the warnings of the analysis it rendered; the console's summary
reads them there, so it neither analyses the engagement a second time nor can
name warnings of another state of the file than the deliverables show.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from playbook.analysis.engine import analysed, method_warnings
from playbook.cli import main
from playbook.intake import load_engagement
from playbook.method import load_method

REPOSITORY = Path(__file__).resolve().parents[2]
FRENCH_EXAMPLE = REPOSITORY / "playbook" / "examples" / "mutuelle_horizon.yaml"


def test_the_summary_after_run_is_the_manifest_s(tmp_path: Path, monkeypatch, capsys) -> None:
    engagement = tmp_path / "mutuelle.yaml"
    shutil.copy(FRENCH_EXAMPLE, engagement)
    monkeypatch.setenv("PLAYBOOK_LANG", "fr")
    out = tmp_path / "out"
    argv = ["run", str(engagement), "--out", str(out), "--only", "framing_note"]
    assert main(argv) == 0
    first = capsys.readouterr().out

    manifest = json.loads((out / "Mutuelle Horizon" / "fr" / "manifest.json").read_text("utf-8"))
    loaded = load_engagement(engagement)
    expected = method_warnings(analysed(loaded, load_method(), "fr"))
    assert [w["message"] for w in manifest["warnings"]] == [w.message for w in expected]
    assert expected and "Points de méthode à regarder (" in first

    # Run again (everything current): the summary is read, never computed.
    def no_analysis(*args, **kwargs):
        raise AssertionError("the summary analysed the engagement again")

    monkeypatch.setattr("playbook.workbench.open_engagement", no_analysis)
    assert main(argv) == 0
    again = capsys.readouterr().out
    summary = again[again.index("Points de méthode à regarder ("):]
    assert summary == first[first.index("Points de méthode à regarder ("):]


@pytest.mark.parametrize("recorded", [None, []])
def test_a_manifest_without_warnings_falls_back_or_says_none(tmp_path: Path, recorded,
                                                             capsys) -> None:
    from rich.console import Console

    from playbook.cli.summary import print_method_warnings

    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"client": "x", "warnings": recorded}), encoding="utf-8")
    console = Console(highlight=False, force_terminal=False)
    print_method_warnings(console, FRENCH_EXAMPLE, "fr", None, manifest)
    out = capsys.readouterr().out
    if recorded is None:  # a manifest of an older run: computed from the engagement
        assert "Points de méthode à regarder (" in out
    else:
        assert out.strip() == "Points de méthode à regarder : aucun"
