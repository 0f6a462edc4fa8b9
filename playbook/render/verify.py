"""Prove a generated file opens: convert it to PDF with LibreOffice, count pages.

Used by the test suite and by anyone checking a firm's own templates. Each
conversion gets its own LibreOffice profile directory, so parallel runs (and a
consultant's open LibreOffice) never collide on the shared profile lock.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import PlaybookError


class ConversionError(PlaybookError):
    """LibreOffice could not convert a file (absent, failed, timed out, no PDF)."""


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        raise ConversionError("LibreOffice (soffice) is not installed")
    return path


def convert_to_pdf(path: str | Path, outdir: str | Path, timeout: float = 180) -> Path:
    """Convert `path` to `outdir/<stem>.pdf` with LibreOffice headless; return the PDF path.

    Exit status 0 without a PDF is a failure too: LibreOffice reports some
    unreadable files that way.
    """
    source = Path(path).resolve()
    target_dir = Path(outdir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    pdf = target_dir / f"{source.stem}.pdf"
    if pdf.exists():
        pdf.unlink()
    with tempfile.TemporaryDirectory(prefix="playbook-lo-") as profile:
        command = [soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(target_dir),
                   str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"{source.name}: LibreOffice timed out after {timeout:.0f} s") \
                from exc
    if result.returncode != 0:
        raise ConversionError(f"{source.name}: LibreOffice failed ({result.returncode}): "
                              f"{(result.stderr or result.stdout).strip()[:500]}")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ConversionError(f"{source.name}: LibreOffice exited normally but wrote no PDF: "
                              f"{(result.stderr or result.stdout).strip()[:500]}")
    return pdf


def pdf_page_count(pdf: str | Path) -> int:
    """Number of pages of `pdf`, read with poppler's `pdfinfo`."""
    tool = shutil.which("pdfinfo")
    if tool is None:
        raise ConversionError("pdfinfo (poppler-utils) is not installed")
    result = subprocess.run([tool, str(pdf)], capture_output=True, text=True, timeout=60,
                            check=False)
    match = re.search(r"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
    if result.returncode != 0 or match is None:
        raise ConversionError(f"{pdf}: not a readable PDF ({result.stderr.strip()[:300]})")
    return int(match.group(1))
