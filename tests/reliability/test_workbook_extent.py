"""A workbook is read by the cells it holds, not by the size it claims.

One stray cell at the bottom or the far right of a sheet makes the workbook
claim a million rows or sixteen thousand columns; validating it must still take
about as long as validating the workbook without it.
"""

from __future__ import annotations

import time

import pytest

from playbook.errors import IntakeError
from playbook.intake import read_intake

from .make_fixtures import build, load_catalogue

CASES = {case.id: case for case in load_catalogue()}


@pytest.mark.parametrize("case_id", ["xlsx-stray-cell-far-down", "xlsx-stray-space-far-down"])
def test_a_stray_cell_at_the_edge_of_the_sheet_is_read_in_a_moment(tmp_path, case_id) -> None:
    path = build(CASES[case_id], tmp_path)

    start = time.perf_counter()
    try:
        read_intake(path)
    except IntakeError as error:
        assert all("row 1048576" in problem.where for problem in error.errors)
    elapsed = time.perf_counter() - start

    assert elapsed < 5, f"{case_id}: {elapsed:.1f} s"
