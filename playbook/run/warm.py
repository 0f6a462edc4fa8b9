"""Pay the imports once: warm a parent process before it forks client processes.

Forked children share the parent's already-imported modules, compiled HTML
templates, loaded method and IPython shell, so a client's run spends its time
on its deliverables. What the notebooks import is read from their code cells,
so warming follows the notebooks instead of a list kept by hand.
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import nbformat

# Always needed by the run itself, whatever the notebooks import.
_BASE_MODULES = (
    "pandas",
    "matplotlib.pyplot",
    "docx",
    "pptx",
    "nbconvert",
    "papermill",
    "playbook.intake",
    "playbook.method",
)

# What a client's run imports on its way, whatever the notebooks name: the
# deliverables' writers, the reconciliation, carrying edits, the chart workbooks'
# writer. Imported here, once, instead of in every forked client.
_RUN_MODULES = (
    "playbook.analysis.committee",
    "playbook.findings",
    "playbook.render.charts",
    "playbook.render.docx.writer",
    "playbook.render.pptx.writer",
    "playbook.render.pptx.charts",
    "playbook.render.reconcile",
    "playbook.run.carry.deck",
    "playbook.run.carry.word",
    "playbook.run.commit",
    "playbook.run.edits",
    "playbook.run.inbox",
    "xlsxwriter",
)

_warmed: set[str] = set()


def notebook_imports(path: Path) -> list[str]:
    """Top-level module names imported by a notebook's code cells."""
    names: dict[str, None] = {}
    # nbformat ships type information but leaves `read` unannotated.
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names[node.module] = None
    return list(names)


def warm_up(notebooks: Iterable[Path] = (), method_dir: str | Path | None = None,
            templates_dir: str | Path | None = None,
            until: Callable[[], bool] | None = None) -> bool:
    """Import what the runs need, build the shell and templates, load the method,
    the message catalogue, the public holidays and the Word and PowerPoint templates.

    Best effort on purpose: a module a notebook imports but that is missing
    here is reported by that notebook's own run, with its cell. `until` is
    asked between two imports: once it says True, warming stops there (False
    is returned) and a later call goes on from where it stopped.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    notebooks = list(notebooks)
    wanted = [*_BASE_MODULES, *_RUN_MODULES]
    for path in notebooks:
        wanted.extend(notebook_imports(path))
    for name in dict.fromkeys(wanted):
        if name in _warmed:
            continue
        if until is not None and until():
            return False
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the notebook's own run reports it
            continue
        _warmed.add(name)
    if until is not None and until():
        return False

    from . import engines, html

    engines.register()
    engines.shell()
    html.warm_up(notebooks)
    _import_builders()
    _load_once(method_dir, templates_dir)
    # What is loaded now lives as long as the process: keep it out of the
    # collector's reach, so collections in clients (IPython collects on every
    # namespace reset) scan only the client's own objects, and forked pages
    # stay shared instead of being touched by the collector.
    gc.collect()
    gc.freeze()
    return True


def _load_once(method_dir: str | Path | None, templates_dir: str | Path | None) -> None:
    """What every client reads the same: the method, the coded messages, the
    countries' public holidays (the intake checks a country against the whole
    list, which imports every country's module), the templates checked. Each
    step is best effort: what fails is reported by the run that needs it."""
    from ..method import load_method
    from ..model.engagement_info import supported_countries
    from ..render.charts import _font_family
    from ..render.templates import default_template_dir, load_docx_template, load_pptx_template
    from ..text.messages import catalogue

    folder = templates_dir or default_template_dir()
    with contextlib.suppress(Exception):
        load_method(method_dir)
    with contextlib.suppress(Exception):
        load_docx_template(folder)
        load_pptx_template(folder)
    catalogue()
    supported_countries()
    _font_family()


def _import_builders() -> None:
    """Each deliverable's builder module (imported by name when first built)."""
    from ..registry import REGISTRY

    for entry in REGISTRY:
        with contextlib.suppress(Exception):  # reported by the run that builds it
            entry.builders()
