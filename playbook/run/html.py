"""The review copy of an executed notebook: its prose and results, no code.

Reviewers (an engagement manager, a client sponsor) read what the notebook
concluded, not the Python that produced it, so input cells and prompts are
left out by nbconvert's own options. The copy is a confidential deliverable: it
opens offline and loads nothing from elsewhere, so the scripts nbconvert's
"lab" page fetches from a CDN (require.js, MathJax, Mermaid, widget managers)
are left out; review pages use none of them. Figures are embedded.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

# The "lab" page without anything fetched from the network.
_OFFLINE_TEMPLATE = """
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
_TEMPLATE_NAME = "playbook_review.html.j2"


# nbconvert and nbformat ship type information but leave these calls unannotated
# (the `no-untyped-call` ignores below).


# Markdown text -> its HTML, for the cells without attachments: a notebook's prose is
# the same for every client, converted once in the parent (`warm_up`) for all of them.
_MARKDOWN: dict[str, str] = {}


@lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    from jinja2 import DictLoader, pass_context
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReviewExporter(HTMLExporter):
        """HTMLExporter without its final pass through BeautifulSoup.

        That pass re-parses the whole page (most of a review copy is inline CSS
        and embedded figures) to add focus and "no description" attributes to
        code cells and images a review copy does not have; it cost as much as
        the rest of the export. The filters registered are HTMLExporter's own.
        """

        # nbconvert's own HTMLExporter overrides its base the same way (text, not a notebook).
        def from_notebook_node(  # type: ignore[override]
            self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
        ) -> tuple[str, dict[str, Any]]:
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            resources = self._init_resources(resources)  # type: ignore[no-untyped-call]
            self.register_filter(  # type: ignore[no-untyped-call]
                "highlight_code",
                self.filters.get("highlight_code", Highlight2HTML(  # type: ignore[no-untyped-call]
                    pygments_lexer=lexer, parent=self)),
            )
            self.register_filter(  # type: ignore[no-untyped-call]
                "filter_data_type",
                WidgetsDataTypeFilter(  # type: ignore[no-untyped-call]
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

        @pass_context
        def markdown2html(self, context: Any, source: str) -> str:
            """nbconvert's conversion, once per text (it depends on nothing else
            unless the cell has attachments or the page a folder to find images in)."""
            cell = context.get("cell", {})
            if cell.get("attachments") or context.get("resources", {}).get("metadata", {}).get("path"):
                return str(super().markdown2html(context, source))
            if source not in _MARKDOWN:
                _MARKDOWN[source] = str(super().markdown2html(context, source))
            return _MARKDOWN[source]

    return ReviewExporter(  # type: ignore[no-untyped-call]
        # The notebook is validated once, after the preprocessors, not after each
        # of them (a dozen validations of every output, embedded figures included).
        optimistic_validation=True,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _OFFLINE_TEMPLATE})],
        template_file=_TEMPLATE_NAME,
    )


# Characters HTML forbids (NUL, ESC and the other controls, the noncharacters
# U+FFFE/U+FFFF): a value pasted with one would make the copy invalid, and a
# browser may show or drop it differently; each is shown as the replacement sign.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def review_html(notebook: nbformat.NotebookNode, title: str = "", lang: str = "") -> str:
    """HTML of `notebook` without code cells' input, prompts or network resources,
    titled `title` and declared in `lang` (for the browser's reader and spell checker)."""
    resources = {"metadata": {"name": title}} if title else None
    exporter = _exporter()
    exporter.language_code = lang or "en"  # one export at a time per process
    body, _resources = exporter.from_notebook_node(notebook, resources)
    return _NOT_HTML.sub("\ufffd", body)


def warm_up(notebooks: Iterable[Path] = ()) -> None:
    """Load and compile the HTML templates once, before worker processes fork, and
    convert the prose (markdown cells) of `notebooks` for every client to come."""
    cells = [nbformat.v4.new_markdown_cell("warm")]  # type: ignore[no-untyped-call]
    for path in notebooks:
        with contextlib.suppress(Exception):  # an unreadable notebook: its own run says so
            read = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
            cells += [cell for cell in read.cells if cell.cell_type == "markdown"]
    review_html(nbformat.v4.new_notebook(cells=cells))  # type: ignore[no-untyped-call]
