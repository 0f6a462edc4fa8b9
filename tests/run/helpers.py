"""Reading what a run wrote: text of Word/PowerPoint files, folder listings."""

from __future__ import annotations

from pathlib import Path

import docx
import pptx


def docx_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def pptx_text(path: Path) -> list[str]:
    deck = pptx.Presentation(str(path))
    return [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
            if shape.has_text_frame]


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
