"""The deliverables, the only list of them: name, notebook, builders.

The command line, the runner, the renderer and the direct path all read
`REGISTRY`, so adding a deliverable is one entry here, plus its builder module
(`playbook/render/deliverables/<name>.py`) and its notebook. Kept free of
imports so that reading the list costs nothing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Entry:
    """One deliverable: its name (also its files' stem), the notebook that
    produces it, and the module of its builders."""

    name: str
    notebook: str  # file name in the notebooks folder

    @property
    def module(self) -> str:
        """Defines `build_document(analysis)` and `build_deck(analysis)`."""
        return f"playbook.render.deliverables.{self.name}"

    def builders(self) -> ModuleType:
        return importlib.import_module(self.module)


# In the order of the method: a consultant reads the outputs, and a run reports
# progress, in this order.
REGISTRY: tuple[Entry, ...] = (
    Entry("framing_note", "01_framing_note.ipynb"),
    Entry("target_vision", "02_target_vision.ipynb"),
    Entry("impact_diagnosis", "03_impact_diagnosis.ipynb"),
    Entry("change_plan", "04_change_plan.ipynb"),
    Entry("training_plan", "05_training_plan.ipynb"),
    Entry("steering", "06_steering.ipynb"),
)

DELIVERABLES: tuple[str, ...] = tuple(entry.name for entry in REGISTRY)
