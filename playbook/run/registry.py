"""Which notebook produces which deliverable, in the order of the method.

The list itself is `playbook.render.deliverables.REGISTRY`; this module finds
the notebooks (shipped with the package, see `playbook.resources`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..registry import REGISTRY
from ..resources import resource_dir

DEFAULT_NOTEBOOKS_DIR = resource_dir("notebooks")

# name -> notebook file name, in method order
DELIVERABLES: dict[str, str] = {entry.name: entry.notebook for entry in REGISTRY}

# What each notebook writes into its output folder, besides the executed notebook.
DOCUMENT_SUFFIXES = (".docx", ".pptx")


@dataclass(frozen=True)
class Deliverable:
    name: str
    notebook: Path

    def documents(self) -> list[str]:
        """File names the notebook must write (`framing_note.docx`, ...)."""
        return [self.name + suffix for suffix in DOCUMENT_SUFFIXES]


def notebooks_dir(directory: str | Path | None = None) -> Path:
    return Path(directory).resolve() if directory else DEFAULT_NOTEBOOKS_DIR


def deliverables(
    only: list[str] | tuple[str, ...] | None = None, directory: str | Path | None = None
) -> list[Deliverable]:
    """The deliverables to produce, in method order; `only` restricts them by name.

    Unknown names are refused with the list of known ones (a typo in `--only`
    must not silently produce nothing).
    """
    from ..errors import PlaybookError
    from ..text import render
    from ..text.language import choose_language

    folder = notebooks_dir(directory)
    wanted = list(dict.fromkeys(only)) if only else list(DELIVERABLES)
    unknown = [name for name in wanted if name not in DELIVERABLES]
    if unknown:
        raise PlaybookError(render("run.unknown_deliverable", choose_language(),
                                   names=", ".join(map(repr, unknown)),
                                   known=", ".join(DELIVERABLES)))
    chosen = [Deliverable(name, folder / DELIVERABLES[name]) for name in DELIVERABLES if name in wanted]
    missing = [str(d.notebook) for d in chosen if not d.notebook.is_file()]
    if missing:
        raise PlaybookError(render("run.notebook_missing", choose_language(),
                                   notebooks=", ".join(missing)))
    return chosen
