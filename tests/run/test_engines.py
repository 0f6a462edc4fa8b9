"""The in-process papermill engine: real nbformat outputs, papermill's own error handling."""

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from papermill.exceptions import PapermillExecutionError

from playbook.run.engines import ENGINE_NAME, register


@pytest.fixture(autouse=True)
def engine():
    register()


def execute(tmp_path, *sources, parameters=None):
    cells = [new_code_cell("x = 0", metadata={"tags": ["parameters"]})]
    cells += [new_code_cell(source) for source in sources]
    source_path, output_path = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, source_path)
    papermill.execute_notebook(
        str(source_path), str(output_path), parameters=parameters or {},
        engine_name=ENGINE_NAME, progress_bar=False,
    )
    return nbformat.read(output_path, as_version=4)


def body(nb):
    """The cells after the parameters (and the injected parameters, if any)."""
    skipped = {"parameters", "injected-parameters"}
    return [c for c in nb.cells if not skipped & set(c.metadata.get("tags", []))]


def outputs(cell):
    return [(o.output_type, o.get("name") or sorted(o.get("data", {}))) for o in cell.outputs]


def test_cells_outputs_are_recorded_as_a_kernel_would(tmp_path):
    nb = execute(
        tmp_path,
        "print('a'); print('b')\nimport sys; print('careful', file=sys.stderr)",
        "import pandas as pd\npd.DataFrame({'headcount': [12, 30]})",
        "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()",
        "from IPython.display import display, Markdown\ndisplay(Markdown('**kept**'))",
    )
    stream, table, figure, markdown = body(nb)
    assert outputs(stream) == [("stream", "stdout"), ("stream", "stderr")]
    assert stream.outputs[0].text == "a\nb\n"
    assert outputs(table) == [("execute_result", ["text/html", "text/plain"])]
    assert table.outputs[0].execution_count == table.execution_count
    assert "<table" in table.outputs[0].data["text/html"]
    assert outputs(figure)[-1] == ("display_data", ["image/png", "text/plain"])
    assert markdown.outputs[0].data["text/markdown"] == "**kept**"


def test_parameters_are_injected_and_used(tmp_path):
    nb = execute(tmp_path, "print(x * 2)", parameters={"x": 21})
    assert "injected-parameters" in nb.cells[1].metadata.tags
    assert body(nb)[0].outputs[0].text == "42\n"


def test_a_failing_cell_raises_papermills_error_and_stops_the_notebook(tmp_path):
    with pytest.raises(PapermillExecutionError) as raised:
        execute(tmp_path, "y = 1", "raise KeyError('lot 2')", "print('never')")
    assert raised.value.ename == "KeyError"
    assert "lot 2" in raised.value.evalue
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    failed = [c for c in nb.cells if c.get("outputs") and c.outputs[0].output_type == "error"]
    assert len(failed) == 1 and failed[0].metadata.papermill.status == "failed"
    assert nb.cells[-1].outputs == [] and nb.cells[-1].execution_count is None


def test_each_notebook_starts_with_a_fresh_namespace(tmp_path):
    execute(tmp_path, "left_over = 'from the previous notebook'")
    nb = execute(tmp_path, "print('left_over' in globals())")
    (check,) = body(nb)
    assert check.outputs[0].text == "False\n"
    assert check.execution_count == 2  # counts restart with each notebook


def test_a_notebook_does_not_see_the_previous_notebooks_results(tmp_path):
    execute(tmp_path, "'first'", "'second'", "'third'")
    nb = execute(tmp_path, "'new'", "print(repr((_, __, ___)), [n for n in globals() if n[1:].isdigit()])")
    check = body(nb)[1]
    assert check.outputs[0].text == "('new', '', '') ['_2']\n"


PROBES: list = []  # weak references a notebook leaves to its own objects


def test_what_a_notebook_left_in_cycles_is_reclaimed_when_the_next_one_starts(tmp_path):
    """A report or a figure holds itself in reference cycles: the next notebook of
    the client starts with them reclaimed, not after another notebook's worth."""
    PROBES.clear()
    execute(tmp_path, "import weakref\nfrom tests.run.test_engines import PROBES\n"
                      "class Report: pass\nreport = Report()\nreport.itself = report\n"
                      "PROBES.append(weakref.ref(report))")
    nb = execute(tmp_path, "from tests.run.test_engines import PROBES\nprint(PROBES[0]() is None)")
    (check,) = body(nb)
    assert check.outputs[0].text == "True\n"


def test_outputs_are_those_nbformat_makes_checked_with_the_notebook_not_one_by_one(
        tmp_path, monkeypatch):
    """A schema check per output cost more than the check of the whole notebook,
    which papermill makes when it writes it."""
    from nbformat.v4 import nbbase, new_output

    checked = []
    real = nbbase.validate

    def validate(node, ref=None):
        checked.append(ref)
        return real(node, ref)

    monkeypatch.setattr(nbbase, "validate", validate)
    nb = execute(tmp_path, "print('a')\nfrom IPython.display import display\ndisplay('b')\n'c'")
    assert not {"stream", "display_data", "execute_result", "error"} & set(checked)
    expected = [new_output("stream", name="stdout", text="a\n"),
                new_output("display_data", data={"text/plain": "'b'"}, metadata={}),
                new_output("execute_result", data={"text/plain": "'c'"}, metadata={},
                           execution_count=2)]
    assert body(nb)[0].outputs == expected


def test_a_review_table_is_recorded_as_html_with_a_short_text_label(tmp_path):
    nb = execute(tmp_path, "import pandas as pd\npd.DataFrame({'a': range(50), 'b': range(50)})")
    (result,) = body(nb)[0].outputs
    assert "<table" in result.data["text/html"] and "49" in result.data["text/html"]
    assert result.data["text/plain"] == "<table: 50 rows x 2 columns>"
