"""A mistyped command line gets one line saying what is wrong, the usage, exit 2.

Never a traceback: the consultant learns what to type instead.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.cli.usage import expand_multiple

DELIVERABLES = ["framing_note", "impact_diagnosis", "change_plan"]


@pytest.mark.parametrize(
    ("argv", "message", "usage"),
    [
        (["validate"], "Missing argument 'FILE'", "Usage: playbook validate [OPTIONS] {FILE}"),
        (["runn", "x.yaml"], "No such command 'runn'. Did you mean 'run'?", "Usage: playbook [OPTIONS] COMMAND"),
        (["validate", "x.yaml", "--bogus"], "No such option: --bogus", "Usage: playbook validate"),
        (["validate", "a.yaml", "b.yaml"], "unexpected extra argument", "Usage: playbook validate"),
        (["batch", "x.yaml", "--jobs", "many"], "Invalid value for '--jobs'", "Usage: playbook batch"),
        (["run", "x.yaml", "--only"], "'--only' requires an argument", "Usage: playbook run [OPTIONS] {FILE}"),
    ],
    ids=["missing-argument", "misspelt-command", "unknown-option", "extra-argument",
         "bad-value", "option-without-value"],
)
def test_usage_error_is_one_line_and_the_usage(argv, message, usage, capsys) -> None:
    status = main(argv)

    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert status == 2
    assert lines[0].startswith("error: ") and message in lines[0]
    assert lines[1].startswith(usage)
    command = "playbook" if argv[0] == "runn" else f"playbook {argv[0]}"
    assert lines[2] == f"Try '{command} --help' for every option."
    assert "Traceback" not in err


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    """Through the console script, as a consultant types it (typer's own click copy included)."""
    script = Path(sys.executable).with_name("playbook")
    for argv in (["validate"], ["runn"], ["validate", "--bogus", "x"]):
        done = subprocess.run([str(script), *argv], capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 2, argv
        assert "Traceback" not in done.stderr, argv
        assert done.stderr.startswith("error: "), argv


def test_the_readme_only_syntax_takes_several_deliverables(tmp_path: Path, capsys) -> None:
    """`--only a b` is understood: the run gets as far as reading the (missing) file."""
    missing = tmp_path / "client.xlsx"

    status = main(["run", str(missing), "--lang", "en", "--only", "impact_diagnosis", "change_plan"])

    err = capsys.readouterr().err
    assert status == 2
    assert "unexpected extra argument" not in err
    assert "file not found" in err


def test_only_values_after_one_flag_become_repeated_flags() -> None:
    argv = ["run", "c.xlsx", "--only", "framing_note", "change_plan", "--lang", "fr"]

    assert expand_multiple(argv, "--only", DELIVERABLES) == [
        "run", "c.xlsx", "--only", "framing_note", "--only", "change_plan", "--lang", "fr"]


def test_only_leaves_a_file_after_its_values_positional() -> None:
    argv = ["run", "--only=framing_note", "impact_diagnosis", "client.xlsx"]

    assert expand_multiple(argv, "--only", DELIVERABLES) == [
        "run", "--only=framing_note", "--only", "impact_diagnosis", "client.xlsx"]


def test_an_unknown_name_after_only_is_left_for_the_run_to_refuse() -> None:
    argv = ["run", "c.xlsx", "--only", "framing_note", "framing_notes"]

    assert expand_multiple(argv, "--only", DELIVERABLES) == argv


@pytest.mark.parametrize("argv", [[], ["training"]], ids=["playbook", "playbook-training"])
def test_a_group_alone_prints_its_help_once_and_succeeds(argv, capsys) -> None:
    assert main(argv) == 0

    out = capsys.readouterr().out
    assert out.count("Usage: playbook") == 1
    assert ("check" if argv else "validate") in out


@pytest.mark.parametrize(
    "command",
    ["validate", "intake-template", "run", "batch", "check-templates", "render-specimen", "handbook"],
)
def test_help_pages_have_no_type_markers(command: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main([command, "--help"]) == 0

    out = capsys.readouterr().out
    assert f"Usage: playbook {command}" in out
    assert not re.search(r"<(bool|path|str|int|list\[[a-z]+\]|text|fr\|en)>", out), out
