"""The PowerPoint writer, by concern: `writer` (slides), `fitting` (what fits where),
`charts` (native charts), `geometry` (named lengths) and `xml` (raw DrawingML)."""

from .writer import write_pptx

__all__ = ["write_pptx"]
