"""The deliverables: each module turns an `Analysis` into a Word `Document`
(the reference text, in full) and a PowerPoint `Deck` (the steering-committee
version, in fewer words, reasons in the speaker notes).

A deliverable module defines `build_document(analysis) -> Document` and
`build_deck(analysis) -> Deck`; `playbook.registry` lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...registry import DELIVERABLES, REGISTRY, Entry

if TYPE_CHECKING:
    from ...analysis.engine import Analysis
    from ..ir import Deck, Document

__all__ = ["DELIVERABLES", "REGISTRY", "Entry", "build", "entry", "prepared", "write"]


def entry(name: str) -> Entry:
    for candidate in REGISTRY:
        if candidate.name == name:
            return candidate
    raise KeyError(f"unknown deliverable {name!r}; expected one of {', '.join(DELIVERABLES)}")


def prepared(name: str, analysis: Analysis) -> Analysis:
    """The analysis deliverable `name` is built from: its module's `prepare`
    (the steering pack's: the analysis at its committee's date) when it has one."""
    prepare = getattr(entry(name).builders(), "prepare", None)
    return prepare(analysis) if prepare is not None else analysis


def build(name: str, analysis: Analysis) -> tuple[Document, Deck]:
    """The `(Document, Deck)` of deliverable `name` for one analysed engagement."""
    from ..small_charts import tabulated_deck, tabulated_document
    from .once import one_build

    module = entry(name).builders()
    analysis = prepared(name, analysis)
    with one_build():  # the findings both tell are computed once (see `once`)
        document, deck = module.build_document(analysis), module.build_deck(analysis)
    # a chart with too little to show is its table, in every deliverable (`Chart.says_little`)
    return tabulated_document(document), tabulated_deck(deck)


def write(name: str, analysis: Analysis, output_dir: str | Path, templates_dir: str | Path | None = None
          ) -> dict[str, Path]:
    """Write `<output_dir>/<name>.docx` and `.pptx` (atomically) and return their paths.

    The writers print a few words of their own ("Page", "(suite)"): they take
    them from the analysis's method, so a firm's adapted labels reach both files.
    Discrepancies the reconciliation finds are left in `<name>.reconciliation.json`.
    """
    from .. import write_docx, write_pptx
    from ..reconcile import REPORT, check, write_report

    analysis = prepared(name, analysis)
    document, deck = build(name, analysis)
    output_dir = Path(output_dir)
    labels = analysis.method
    docx_path = write_docx(document, output_dir / f"{name}.docx", templates_dir, labels)
    pptx_path = write_pptx(deck, output_dir / f"{name}.pptx", templates_dir, labels)
    # The reconciliation gate reads what was just written, so it costs no second build;
    # a run collects its report before committing the files (see run.execute).
    write_report(check(name, document, deck, analysis), output_dir / REPORT.format(name=name))
    return {"docx": Path(docx_path), "pptx": Path(pptx_path)}
