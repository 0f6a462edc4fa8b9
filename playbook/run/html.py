"""The review copy of an executed notebook: its prose and results, no code.

Reviewers (an engagement manager, a client sponsor) read what the notebook
concluded, not the Python that produced it, so input cells and prompts are
left out by nbconvert's own options.
"""

from __future__ import annotations

from functools import lru_cache

import nbformat


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )


def review_html(notebook: nbformat.NotebookNode) -> str:
    """HTML of `notebook` without code cells' input and without prompts."""
    body, _resources = _exporter().from_notebook_node(notebook)
    return body


def warm_up() -> None:
    """Load and compile the HTML templates once, before worker processes fork."""
    review_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm")]))
