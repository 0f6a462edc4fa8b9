"""The bad-input catalogue: every file a consultant may get wrong, and what they read.

The cases live in `tests/fixtures/bad_inputs/catalogue.yaml`. A rejected file
must give, in one pass, every problem located (sheet/row/column or YAML key and
line) with what was found and what was expected, exit with status 2 from both
`playbook validate` and `playbook run`, and leave the output folder untouched.
An accepted odd file must pass with exactly the warnings listed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.errors import IntakeError
from playbook.intake import load_engagement, read_intake
from playbook.intake.messages import format_problem

from .make_fixtures import Case, build, get_path, line_matches, load_catalogue

CASES = load_catalogue()
REJECTED = [case for case in CASES if not case.accepted]
ACCEPTED = [case for case in CASES if case.accepted]


def _ids(cases: list[Case]) -> list[str]:
    return [case.id for case in cases]


def _reported(stderr: str) -> tuple[list[str], list[str]]:
    """(error lines, warning lines) of an intake report as printed on stderr."""
    lines = [line[4:] for line in stderr.splitlines() if line.startswith("  - ")]
    errors = [line for line in lines if not line.startswith("warning: ")]
    warnings = [line.removeprefix("warning: ") for line in lines if line.startswith("warning: ")]
    return errors, warnings


def _assert_lines(expected: list[str], actual: list[str], what: str) -> None:
    assert len(actual) == len(expected), f"{what}: expected {len(expected)}, got:\n" + "\n".join(
        actual
    )
    for want, got in zip(expected, actual, strict=True):
        assert line_matches(want, got), f"{what}:\n  expected {want!r}\n  got      {got!r}"


def _assert_rejection(case: Case, path: Path, stderr: str) -> None:
    assert "Traceback" not in stderr
    count = len(case.errors or [])
    head = f"{path}: {count} problem{'s' if count != 1 else ''} found"
    assert stderr.splitlines()[0] == head, stderr
    errors, warnings = _reported(stderr)
    _assert_lines(case.errors or [], errors, "errors")
    if case.warnings is not None:
        _assert_lines(case.warnings, warnings, "warnings")


def test_the_catalogue_covers_both_formats_and_every_kind_of_mistake() -> None:
    formats = {case.format for case in REJECTED}
    assert formats == {"xlsx", "yaml"}
    assert len(REJECTED) >= 30
    assert {case.format for case in ACCEPTED} == {"xlsx", "yaml"}
    several = [case for case in REJECTED if case.id.endswith("several-errors")]
    assert all(len(case.errors or []) >= 4 for case in several) and len(several) == 2


@pytest.mark.parametrize("case", REJECTED, ids=_ids(REJECTED))
def test_validate_refuses_the_file_with_every_problem_located(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(case, tmp_path)

    status = main(["validate", str(path)])

    assert status == 2
    _assert_rejection(case, path, capsys.readouterr().err)


@pytest.mark.parametrize("case", REJECTED, ids=_ids(REJECTED))
def test_the_library_raises_the_same_problems(case: Case, tmp_path: Path) -> None:
    path = build(case, tmp_path)

    with pytest.raises(IntakeError) as caught:
        load_engagement(path)

    errors = [format_problem(problem, "en") for problem in caught.value.errors]
    _assert_lines(case.errors or [], errors, "errors")


@pytest.mark.parametrize("case", REJECTED, ids=_ids(REJECTED))
def test_run_refuses_the_file_and_writes_nothing(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(case, tmp_path / "inbox")
    out = tmp_path / "deliverables"
    earlier = out / "Another client" / "fr" / "framing_note.docx"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"a previous run's file")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    status = main(["run", str(path), "--out", str(out)])

    assert status == 2
    _assert_rejection(case, path, capsys.readouterr().err)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert earlier.read_bytes() == b"a previous run's file"


@pytest.mark.parametrize("case", ACCEPTED, ids=_ids(ACCEPTED))
def test_an_odd_but_valid_file_is_accepted_with_exactly_its_warnings(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(case, tmp_path)

    status = main(["validate", str(path)])

    out = capsys.readouterr().out
    assert status == 0, out
    report = read_intake(path)
    warnings = [format_problem(w, "en").removeprefix("warning: ") for w in report.warnings]
    _assert_lines(case.warnings or [], warnings, "warnings")
    assert f"Warnings: {len(warnings)}" in out
    data = report.engagement.model_dump(mode="json")
    for where, expected in case.values.items():
        if isinstance(expected, dt.date):
            expected = expected.isoformat()
        assert get_path(data, where) == expected, where
