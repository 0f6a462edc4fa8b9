"""Steps a caller adds to every Word and PowerPoint file, just before it is saved.

The runner gives every generated passage its identity there (see `run.carry`):
in the document being written, rather than by opening the saved file again.
The writers know nothing of what a step does; without one, they save as they are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, Literal

Kind = Literal["docx", "pptx"]
# The python-docx `Document` or python-pptx `Presentation` about to be saved.
Step = Callable[[Any], None]

_STEPS: dict[Kind, list[Step]] = {"docx": [], "pptx": []}


@contextlib.contextmanager
def before_save(steps: dict[Kind, Step]) -> Iterator[None]:
    """Run `steps[kind]` on every file of that kind written within the block."""
    for kind, step in steps.items():
        _STEPS[kind].append(step)
    try:
        yield
    finally:
        for kind, step in steps.items():
            _STEPS[kind].remove(step)


def finish(kind: Kind, package: Any) -> None:
    """What the writer of a `kind` file calls on it before saving."""
    for step in _STEPS[kind]:
        step(package)
