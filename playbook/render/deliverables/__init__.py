"""The five deliverables: each module turns an `Analysis` into a Word `Document`
(the reference text, in full) and a PowerPoint `Deck` (the steering-committee
version, in fewer words, reasons in the speaker notes).

A deliverable module defines `build_document(analysis) -> Document` and
`build_deck(analysis) -> Deck`; this registry is the only list of them.
"""

from __future__ import annotations

import importlib
from pathlib import Path

DELIVERABLES: tuple[str, ...] = (
    "framing_note",
    "target_vision",
    "impact_diagnosis",
    "change_plan",
    "training_plan",
    "steering",
)


def build(name: str, analysis):
    """The `(Document, Deck)` of deliverable `name` for one analysed engagement."""
    if name not in DELIVERABLES:
        raise KeyError(f"unknown deliverable {name!r}; expected one of {', '.join(DELIVERABLES)}")
    module = importlib.import_module(f"{__name__}.{name}")
    return module.build_document(analysis), module.build_deck(analysis)


def write(name: str, analysis, output_dir: str | Path, templates_dir: str | Path | None = None
          ) -> dict[str, Path]:
    """Write `<output_dir>/<name>.docx` and `.pptx` (atomically) and return their paths.

    The writers print a few words of their own ("Page", "(suite)"): they take
    them from the analysis's method, so a firm's adapted labels reach both files.
    """
    from .. import write_docx, write_pptx

    document, deck = build(name, analysis)
    output_dir = Path(output_dir)
    labels = analysis.method
    docx_path = write_docx(document, output_dir / f"{name}.docx", templates_dir, labels)
    pptx_path = write_pptx(deck, output_dir / f"{name}.pptx", templates_dir, labels)
    return {"docx": Path(docx_path), "pptx": Path(pptx_path)}
