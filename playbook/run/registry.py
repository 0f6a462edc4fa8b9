"""Which notebook produces which deliverable, in the order of the method.

The order is the engagement's own (framing, target vision, impact diagnosis,
Change plan, training plan): a consultant reads the outputs in that order and a
run reports progress in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The package's parent folder is the repository (editable install) or the
# installation prefix; the notebooks live beside the package there.
DEFAULT_NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"

DELIVERABLES: dict[str, str] = {
    "framing_note": "01_framing_note.ipynb",
    "target_vision": "02_target_vision.ipynb",
    "impact_diagnosis": "03_impact_diagnosis.ipynb",
    "change_plan": "04_change_plan.ipynb",
    "training_plan": "05_training_plan.ipynb",
    "steering": "06_steering.ipynb",
}

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

    folder = notebooks_dir(directory)
    wanted = list(dict.fromkeys(only)) if only else list(DELIVERABLES)
    unknown = [name for name in wanted if name not in DELIVERABLES]
    if unknown:
        raise PlaybookError(
            f"unknown deliverable {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(DELIVERABLES)}"
        )
    chosen = [Deliverable(name, folder / DELIVERABLES[name]) for name in DELIVERABLES if name in wanted]
    missing = [str(d.notebook) for d in chosen if not d.notebook.is_file()]
    if missing:
        raise PlaybookError("notebook not found: " + ", ".join(missing))
    return chosen
