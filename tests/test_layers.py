"""The layering the package is built on, stated as imports that must never
exist: intake → method → analysis → findings → render → run → cli, with `text` below
everything. Read from the source (imports inside functions count too), so a
shortcut taken in a hurry fails here rather than in a review."""

from __future__ import annotations

import ast
from pathlib import Path

import playbook

PACKAGE = Path(playbook.__file__).resolve().parent
EVERY_LAYER = {"text", "model", "method", "intake", "analysis", "findings", "render", "review",
               "run", "training", "cli", "workbench"}

# layer -> the playbook layers it must never import
NEVER: dict[str, set[str]] = {
    "text": EVERY_LAYER - {"text"},  # the words and typography every layer uses
    "model": EVERY_LAYER - {"text", "model"},  # knows nothing of the method's conclusions
    "method": EVERY_LAYER - {"text", "model", "method"},
    "intake": {"analysis", "render", "review", "run", "training", "cli", "workbench"},
    "analysis": {"intake", "findings", "render", "review", "run", "training", "cli", "workbench"},
    # the facts the deliverables state: read from the analysis, know nothing of files
    "findings": {"intake", "render", "review", "run", "training", "cli", "workbench"},
    "render": {"run", "review", "training", "cli", "workbench"},
    "review": {"run", "cli"},
    "training": {"run", "cli"},
    "run": {"cli"},
    "registry": EVERY_LAYER,
    "resources": EVERY_LAYER,
    "safe_yaml": EVERY_LAYER,  # the one YAML loader every layer reads through
}
# layer -> libraries it must never import: analysis knows no file format, the
# writers know nothing of notebooks.
NEVER_LIBRARIES: dict[str, set[str]] = {
    "model": {"docx", "pptx", "openpyxl", "papermill", "nbformat", "matplotlib"},
    "analysis": {"docx", "pptx", "openpyxl", "papermill", "nbformat", "matplotlib", "yaml"},
    "findings": {"docx", "pptx", "openpyxl", "papermill", "nbformat", "matplotlib", "yaml"},
    "render": {"papermill", "nbformat", "nbconvert"},
}


def _imports(path: Path) -> set[str]:
    """Absolute names of every module `path` imports, at any depth."""
    module = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if module[-1] == "__init__" else module[:-1]
    package = [p for p in package if p != "__init__"]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if parts[0] == "playbook" and len(parts) > 1 else ""


def _violations() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        for target in sorted(_imports(path)):
            where = path.relative_to(PACKAGE.parent)
            if target.startswith("playbook.") and layer != "cli" and _layer(target) == "cli":
                problems.append(f"{where}: imports {target} (nothing below the command line imports it)")
            elif target.startswith("playbook.") and _layer(target) in NEVER.get(layer, set()):
                problems.append(f"{where}: imports {target} ({layer} never imports {_layer(target)})")
            elif target.split(".")[0] in NEVER_LIBRARIES.get(layer, set()):
                problems.append(f"{where}: imports {target} ({layer} never uses {target.split('.')[0]})")
    return problems


def test_no_layer_imports_what_it_must_never_know():
    assert _violations() == []


def test_the_contract_sees_every_layer_of_the_package():
    layers = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    unchecked = (layers | modules) - EVERY_LAYER - set(NEVER) - {"examples", "errors", "files"}
    assert not unchecked, f"say what these may import: {sorted(unchecked)}"


def test_the_contract_catches_a_forbidden_import(tmp_path, monkeypatch):
    fake = tmp_path / "playbook"
    (fake / "analysis").mkdir(parents=True)
    (fake / "analysis" / "shortcut.py").write_text("def f():\n    from ..render import write_docx\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", fake)
    assert _violations() == [
        "playbook/analysis/shortcut.py: imports playbook.render (analysis never imports render)",
        "playbook/analysis/shortcut.py: imports playbook.render.write_docx (analysis never imports render)",
    ]


def test_no_layer_but_text_branches_on_the_language():
    """What differs between French and English (separators, percent signs, quotes,
    which words are codes) is said once in `text` or in the catalogues' data; a
    `lang == "fr"` elsewhere is a second place the next language would be missed."""
    import re

    branch = re.compile(r"""\blang\s*(==|!=)\s*["'](fr|en)["']""")
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py")) if "text" not in path.relative_to(PACKAGE).parts[:1]
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if branch.search(line)]
    assert found == []
