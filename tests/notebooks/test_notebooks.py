"""The notebooks as committed: thin, parameterised, without outputs.

Logic lives in the package where it is unit-tested; a notebook holds a cell of
literal parameters that papermill can read, markdown that teaches the method,
and short calls into `playbook`. nbval (make test) checks that they run.
"""

from __future__ import annotations

import ast
import json
import logging
from pathlib import Path

import papermill
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ALL = sorted(NOTEBOOKS.rglob("*.ipynb"))
DELIVERABLES = sorted(NOTEBOOKS.glob("0*.ipynb"))
LONGEST_CODE_CELL = 15  # lines: a call or two and a display, not an algorithm
MARKDOWN_WORDS_PER_CODE_CELL = 15


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _code(path: Path) -> list[dict]:
    return [c for c in _cells(path) if c["cell_type"] == "code"]


def test_there_are_six_deliverable_notebooks_and_training_ones():
    assert [p.stem[:2] for p in DELIVERABLES] == ["01", "02", "03", "04", "05", "06"]
    assert any(p.parent.name == "training" for p in ALL)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_it_is_committed_without_outputs(path):
    for cell in _code(path):
        assert cell.get("outputs") == [] and cell.get("execution_count") is None, _source(cell)[:60]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_its_first_code_cell_is_the_parameters_cell_of_literals(path):
    code = _code(path)
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert tagged == code[:1], "exactly one cell tagged 'parameters', the first code cell"
    for statement in ast.parse(_source(tagged[0])).body:
        assert isinstance(statement, ast.Assign), ast.unparse(statement)
        ast.literal_eval(statement.value)  # raises on anything but a literal


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_papermill_reads_every_parameter_with_no_warning(path, caplog):
    names = {t.id for s in ast.parse(_source(_code(path)[0])).body for t in s.targets}
    with caplog.at_level(logging.WARNING, logger="papermill"):
        inferred = papermill.inspect_notebook(str(path))
    assert set(inferred) == names
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def _is_data(source: str) -> bool:
    """Literal assignments only (parameters, a trainee's answer): data, not logic."""
    try:
        for statement in ast.parse(source).body:
            if not isinstance(statement, ast.Assign):
                return False
            ast.literal_eval(statement.value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_its_code_stays_thin(path):
    for cell in _code(path):
        source = _source(cell)
        assert _is_data(source) or len(source.splitlines()) <= LONGEST_CODE_CELL, source[:80]
        defined = [n for n in ast.walk(ast.parse(source))
                   if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
        assert not defined, f"logic belongs in the package: {source[:80]}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_it_teaches_as_much_as_it_computes(path):
    cells = _cells(path)
    words = sum(len(_source(c).split()) for c in cells if c["cell_type"] == "markdown")
    assert cells[0]["cell_type"] == "markdown", "opens with what the notebook is for"
    assert words >= MARKDOWN_WORDS_PER_CODE_CELL * len(_code(path))
