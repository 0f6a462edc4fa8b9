"""The Word writer, by concern: `writer` (blocks and pages) and `xml` (raw WordprocessingML)."""

from .writer import write_docx

__all__ = ["write_docx"]
