"""Pay the imports once: warm a parent process before it forks client processes.

Forked children share the parent's already-imported modules, compiled HTML
templates, loaded method and IPython shell, so a client's run spends its time
on its deliverables. What the notebooks import is read from their code cells,
so warming follows the notebooks instead of a list kept by hand.
"""

from __future__ import annotations

import ast
import gc
import importlib
import os
from collections.abc import Iterable
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


def warm_up(notebooks: Iterable[Path] = (), method_dir: str | Path | None = None) -> None:
    """Import what the runs need, build the shell and templates, load the method.

    Best effort on purpose: a module a notebook imports but that is missing
    here is reported by that notebook's own run, with its cell.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    wanted = list(_BASE_MODULES)
    for path in notebooks:
        wanted.extend(notebook_imports(path))
    for name in dict.fromkeys(wanted):
        if name in _warmed:
            continue
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the notebook's own run reports it
            continue
        _warmed.add(name)

    from . import engines, html

    engines.register()
    engines.shell()
    html.warm_up()
    try:
        from ..method import load_method

        load_method(method_dir)
    except Exception:  # noqa: BLE001 - reported by the run that needs it
        pass
    # What is loaded now lives as long as the process: keep it out of the
    # collector's reach, so collections in clients (IPython collects on every
    # namespace reset) scan only the client's own objects, and forked pages
    # stay shared instead of being touched by the collector.
    gc.collect()
    gc.freeze()
