"""The review copy is a page in the engagement's language, titled with the
deliverable's name, as a French or English reviewer opens it."""

from __future__ import annotations

import nbformat

from playbook.run.execute import Job, _title
from playbook.run.html import review_html


def test_the_review_copy_declares_its_language_and_title():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Synthèse")])
    page = review_html(notebook, "Mutuelle Horizon · Note de cadrage", "fr")
    assert '<html lang="fr">' in page
    assert "<title>Mutuelle Horizon · Note de cadrage</title>" in page
    assert '<html lang="en">' in review_html(notebook, "Client · Framing note", "en")


def test_the_title_is_the_deliverable_s_name_in_the_run_language():
    job = Job(engagement_path="x.yaml", out_dir="out")
    assert _title("framing_note", "fr", job) == "Note de cadrage"
    assert _title("steering", "en", job) == "Steering committee"


def test_a_notebooks_prose_is_converted_once_before_the_clients_and_reads_the_same(
        tmp_path, monkeypatch):
    """The markdown cells are the same for every client: the warm parent converts
    them, and each client's review copy reuses that conversion."""
    from nbconvert.exporters.html import HTMLExporter

    from playbook.run import html

    prose = "## Pourquoi\n\nSeed 000 : *« plus qu'un projet techno »*, [lien](https://example.org)."
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(prose)])
    monkeypatch.setattr(html, "_MARKDOWN", {})
    unwarmed = review_html(notebook, "Client · Note", "fr")
    path = tmp_path / "01_note.ipynb"
    nbformat.write(notebook, path)

    monkeypatch.setattr(html, "_MARKDOWN", {})
    html.warm_up([path])
    converted = []
    real = HTMLExporter.markdown2html
    monkeypatch.setattr(HTMLExporter, "markdown2html",
                        lambda self, context, source: converted.append(source) or real(self, context, source))
    assert review_html(notebook, "Client · Note", "fr") == unwarmed
    assert converted == []
