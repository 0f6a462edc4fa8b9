"""Pre-flight layout check: render the deliverables as a client will see them, then read the pages.

`check_layout(folder)` converts every .docx and .pptx under `folder` with
LibreOffice headless and inspects the PDF with PyMuPDF for what a partner
would send back: text drawn outside its page or slide, text blocks drawn over
one another, truncation marks ("…"), and Word tables continued onto a page for
a single row. Deck rules that are about content rather than drawing are read
from the slides themselves, page for page: the visible word budget of a slide
presented in session (the appendix, looked up rather than presented, fills its pages),
near-empty slides, and numbered key messages that skip a number.

Each finding names its file, its page (slide) and its kind, so a test can
require zero findings of the kinds already fixed and a consultant can go
straight to the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .verify import ConversionError, soffice
from .words import WORD_BUDGET as BUDGET
from .words import count_words, total_words

if TYPE_CHECKING:
    from pptx.slide import Slide

# PyMuPDF's pages and documents, read as Any: their methods are unannotated.
PdfPage = Any
PdfDocument = Any

# Kinds of finding, in the order they are reported.
OUTSIDE = "outside"            # text drawn beyond the page or slide edge
OVERLAP = "overlap"            # two text lines drawn over one another
TRUNCATED = "truncated"        # a "…" left by a writer that cut text
WORD_BUDGET = "word_budget"    # more visible words on a slide than a reader takes in
NEAR_EMPTY = "near_empty"      # a content slide with almost nothing on it
SINGLE_ROW = "single_row"      # a table continued onto a page (slide) for one row
NUMBERING = "numbering"        # numbered key messages that skip or repeat a number
KINDS = (OUTSIDE, OVERLAP, TRUNCATED, WORD_BUDGET, NEAR_EMPTY, SINGLE_ROW, NUMBERING)

WORD_BUDGET_WORDS = BUDGET     # visible body words per slide (the rest goes to notes or report)
NEAR_EMPTY_WORDS = 12          # fewer body words than this, and no chart, table or picture
EDGE_TOLERANCE_PT = 1.0        # anti-aliasing and glyph side bearings
OVERLAP_SHARE = 0.35           # of the smaller line's height (and width) drawn over another
HEADER_BAND = 0.08             # top share of a Word page holding the running header
RULE_PT = 1.5                  # a table border drawn as a line or a hairline rectangle
TRUNCATION_MARK = "…"
_CONTINUED = re.compile(r"\s*\((?:suite|continued|cont\.)\)\s*$", re.IGNORECASE)
_BODY_LAYOUTS = ("Title and Content", "Two Content", "Title Only")


class _Said(str):
    """A finding's message: its English text, and the code and values that word it
    in another language (`Finding.text`)."""

    code: str
    values: dict[str, object]

    def __new__(cls, code: str, **values: object) -> _Said:
        from ..text import render

        said = super().__new__(cls, render(f"layout.{code}", "en", **values))
        said.code, said.values = code, values
        return said

    def __reduce__(self) -> tuple[Callable[[str, dict[str, object]], _Said],
                                  tuple[str, dict[str, object]]]:  # pickled as what it is made of (a worker's findings come back)
        return _said, (self.code, self.values)


def _said(code: str, values: dict[str, object]) -> _Said:
    return _Said(code, **values)


@dataclass(frozen=True)
class Finding:
    """One layout problem: where (file, 1-based page or slide) and what."""

    file: Path
    page: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: page {self.page}: {self.kind}: {self.message}"

    def text(self, lang: str) -> str:
        """The finding as `__str__` words it, in `lang`."""
        from ..text import render

        said = self.message
        message = (render(f"layout.{said.code}", lang, **said.values)
                   if isinstance(said, _Said) and said.code else said)
        return render("layout.finding", lang, file=self.file, page=self.page,
                      kind=render(f"layout.kind.{self.kind}", lang), message=message)


def check_layout(folder: str | Path, workdir: str | Path | None = None) -> list[Finding]:
    """Every finding of every .docx and .pptx under `folder`, sorted by file and page.

    PDFs are written in `workdir` (a temporary folder, removed, when None).
    Raises `ConversionError` when LibreOffice is absent or cannot convert a file.
    """
    return check_files(layout_sources(folder), workdir)


def layout_sources(folder: str | Path) -> list[Path]:
    """The .docx and .pptx files under `folder` (Office's lock files left aside), sorted."""
    return sorted(p for p in Path(folder).rglob("*") if p.suffix in (".docx", ".pptx")
                  and p.is_file() and not p.name.startswith(("~$", ".")))


def check_files(files: Iterable[str | Path], workdir: str | Path | None = None,
                on_file: Callable[[Path], None] | None = None) -> list[Finding]:
    """Every finding of the given .docx and .pptx files (others are ignored);
    `on_file` is told of each file as soon as it is checked (a progress display)."""
    sources = [Path(f) for f in files if Path(f).suffix in (".docx", ".pptx")]
    if workdir is not None:
        return _check_all(sources, Path(workdir), on_file)
    with tempfile.TemporaryDirectory(prefix="playbook-layout-") as scratch:
        return _check_all(sources, Path(scratch), on_file)


def _check_all(sources: list[Path], workdir: Path,
               on_file: Callable[[Path], None] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    # One LibreOffice call per folder and file type: a file is reported once its
    # group is converted and checked, so a long check shows progress group by group.
    groups: dict[tuple[Path, str], list[Path]] = {}
    for source in sources:
        groups.setdefault((source.parent, source.suffix), []).append(source)
    for number, group in enumerate(groups.values()):
        pdfs = convert_all(group, workdir / f"group-{number:03d}")
        for source in group:
            findings.extend(check_file(source, pdfs[source]))
            if on_file is not None:
                on_file(source)
    return sorted(findings, key=lambda f: (str(f.file), f.page, KINDS.index(f.kind)))


def convert_all(sources: Iterable[Path], workdir: Path, timeout: float = 600) -> dict[Path, Path]:
    """PDF of each source, converted by one LibreOffice call per folder and file type.

    One call converts many files (LibreOffice starts once); a Word file and a
    deck of the same name go to different folders, since both become `<stem>.pdf`.
    Each call has its own profile, so parallel checks never share a lock.
    """
    groups: dict[tuple[Path, str], list[Path]] = {}
    for source in sources:
        groups.setdefault((source.parent.resolve(), source.suffix), []).append(source.resolve())
    result: dict[Path, Path] = {}
    for number, ((_folder, suffix), files) in enumerate(sorted(groups.items())):
        outdir = (workdir / f"{number:03d}{suffix.replace('.', '-')}").resolve()
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="playbook-lo-") as profile:
            command = [soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                       "--norestore", "--convert-to", "pdf", "--outdir", str(outdir),
                       *map(str, files)]
            try:
                subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                               check=False)
            except subprocess.TimeoutExpired as exc:
                raise ConversionError(f"LibreOffice timed out after {timeout:.0f} s on "
                                      f"{len(files)} file(s) in {files[0].parent}") from exc
        for file in files:
            pdf = outdir / f"{file.stem}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise ConversionError(f"{file}: LibreOffice wrote no PDF")
            result[file] = pdf
    return {source: result[source.resolve()] for source in sources}


def check_file(source: Path, pdf: Path) -> list[Finding]:
    """Findings of one file, from its PDF and (for a deck) from its slides."""
    import pymupdf

    findings: list[Finding] = []
    with pymupdf.open(str(pdf)) as document:  # type: ignore[no-untyped-call]  # PyMuPDF
        for number, page in enumerate(document, 1):
            lines = list(_lines(page))
            findings += [Finding(source, number, kind, message)
                         for kind, message in _page_findings(page, lines)]
        if source.suffix == ".docx":
            findings += [Finding(source, number, SINGLE_ROW, message)
                         for number, message in _single_row_pages(document)]
    if source.suffix == ".pptx":
        findings += [Finding(source, number, kind, message)
                     for number, kind, message in _slide_findings(source)]
    return findings


# --------------------------------------------------------------------------- PDF


@dataclass(frozen=True)
class _Line:
    block: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _lines(page: PdfPage) -> Iterator[_Line]:
    """Text lines of `page` with the box of their visible characters (spaces excluded).

    Characters outside the page are kept (PyMuPDF drops them by default), since
    text drawn off the page is exactly what the check looks for.
    """
    import pymupdf

    flags = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_MEDIABOX_CLIP
    for number, block in enumerate(page.get_text("rawdict", flags=flags)["blocks"]):
        for line in block.get("lines", ()):
            chars = [c for span in line["spans"] for c in span["chars"]]
            ink = [c for c in chars if not c["c"].isspace()]
            if not ink:
                continue
            x0 = min(c["bbox"][0] for c in ink)
            x1 = max(c["bbox"][2] for c in ink)
            y0 = min(c["bbox"][1] for c in ink)
            y1 = max(c["bbox"][3] for c in ink)
            yield _Line(number, "".join(c["c"] for c in chars).strip(), x0, y0, x1, y1)


def _page_findings(page: PdfPage, lines: list[_Line]) -> Iterator[tuple[str, str]]:
    rect = page.rect
    for line in lines:
        if (line.x0 < rect.x0 - EDGE_TOLERANCE_PT or line.y0 < rect.y0 - EDGE_TOLERANCE_PT
                or line.x1 > rect.x1 + EDGE_TOLERANCE_PT or line.y1 > rect.y1 + EDGE_TOLERANCE_PT):
            yield OUTSIDE, _Said("outside", text=_quote(line.text))
    for first, second in _overlapping(_words(page)):
        yield OVERLAP, _Said("overlap", first=_quote(first.text), second=_quote(second.text))
    for line in lines:
        if TRUNCATION_MARK in line.text:
            yield TRUNCATED, _Said("truncated", text=_quote(line.text))


def _overlapping(words: list[_Line]) -> Iterator[tuple[_Line, _Line]]:
    """Pairs of words that share a real part of their area.

    Words never touch in a sound layout; a sliver shared by neighbouring lines
    (ascenders over descenders under a tight line pitch) is ignored.
    """
    ordered = sorted(words, key=lambda word: word.y0)
    for index, first in enumerate(ordered):
        for second in ordered[index + 1:]:
            if second.y0 >= first.y1:
                break
            high = min(first.y1, second.y1) - max(first.y0, second.y0)
            wide = min(first.x1, second.x1) - max(first.x0, second.x0)
            limit = OVERLAP_SHARE * min(first.height, second.height)
            if high > limit and wide > limit:
                yield first, second


def _words(page: PdfPage) -> list[_Line]:
    """Words of `page`, off-page ones included."""
    import pymupdf

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_MEDIABOX_CLIP
    return [_Line(block, text, x0, y0, x1, y1)
            for x0, y0, x1, y1, text, block, _line, _number in page.get_text("words", flags=flags)]


def _single_row_pages(document: PdfDocument) -> Iterator[tuple[int, str]]:
    """Word pages that open on a table continued from the page before for one row only.

    A table fragment at the top of a page (nothing but the running header above
    it) whose first row repeats the previous page's last table header holds
    `rows - 1` rows of data; otherwise all its rows are data.
    """
    previous_last = None
    for number, page in enumerate(document, 1):
        tables = sorted(page.find_tables().tables, key=lambda t: t.bbox[1])
        if tables and previous_last is not None:
            first = tables[0]
            top = first.bbox[1]
            band = page.rect.height * HEADER_BAND
            above = [line for line in _lines(page) if band < line.y1 <= top + 1]
            if not above:
                rows = first.extract()
                header = previous_last.extract()[0] if previous_last.row_count else None
                data = len(rows) - (1 if rows and header and rows[0] == header else 0)
                data += _unshaded_rows_below(page, first.bbox)
                if data <= 1:
                    yield number, _Said("table_rows" if data != 1 else "table_row", rows=data)
        previous_last = tables[-1] if tables else None


def _unshaded_rows_below(page: PdfPage, bbox: tuple[float, float, float, float]) -> int:
    """Rows under a detected table that the detector left out.

    A row with neither fill nor vertical borders (an unshaded band of a house
    table) is drawn only as the horizontal rules above and below it, so the
    detector ends the table above it. Such a row is a band between two rules
    spanning the table's width, holding text; the next table's header (a
    filled band opening on its rule) is not one.
    """
    x0, _, x1, bottom = bbox
    drawings = page.get_drawings()
    rules = sorted({round(d["rect"].y0, 1) for d in drawings
                    if d["rect"].height <= RULE_PT and d["rect"].x0 <= x0 + RULE_PT
                    and d["rect"].x1 >= x1 - RULE_PT and d["rect"].y0 > bottom + RULE_PT})
    headers = [d["rect"].y0 for d in drawings if d.get("fill") and d["rect"].height > RULE_PT]
    words = page.get_text("words")
    count, top = 0, bottom
    for rule in rules:
        if any(abs(y - rule) <= RULE_PT for y in headers):
            break
        if not any(top <= w[1] and w[3] <= rule + RULE_PT and x0 <= w[0] and w[2] <= x1
                   for w in words):
            break
        count, top = count + 1, rule
    return count


# --------------------------------------------------------------------------- slides


def _slide_findings(source: Path) -> Iterator[tuple[int, str, str]]:
    from pptx import Presentation

    deck = Presentation(str(source))
    numbers: list[int] = []
    numbered_title = ""
    numbered_start = 0
    in_appendix = False
    for index, slide in enumerate(deck.slides, 1):
        title = _title(slide)
        layout = slide.slide_layout.name
        if layout == "Section":
            in_appendix = title in appendix_titles()
        words, has_visual, tables, badges = _slide_content(slide)
        # the appendix is looked up, not presented: its pages are filled to their room
        if (layout in _BODY_LAYOUTS or layout == "Closing") and not in_appendix:
            if words > WORD_BUDGET_WORDS:
                yield index, WORD_BUDGET, _Said("word_budget", words=words,
                                                budget=WORD_BUDGET_WORDS)
        if layout in _BODY_LAYOUTS and words < NEAR_EMPTY_WORDS and not has_visual:
            yield index, NEAR_EMPTY, _Said("near_empty", words=words)
        if _CONTINUED.search(title):
            for rows in tables:
                if rows <= 2:  # header + one row
                    yield index, SINGLE_ROW, _Said("slide_row")
        base = _CONTINUED.sub("", title)
        if badges and base == numbered_title and _CONTINUED.search(title):
            numbers += badges
        else:
            yield from _numbering(numbered_start, numbers)
            numbers, numbered_title, numbered_start = list(badges), base, index
    yield from _numbering(numbered_start, numbers)


@cache
def appendix_titles() -> frozenset[str]:
    """The appendix divider's title in every language of the decks."""
    from ..method import load_method

    labels = load_method().labels
    return frozenset(labels.get("common.appendix", lang) for lang in ("fr", "en"))


def _numbering(slide: int, numbers: list[int]) -> Iterator[tuple[int, str, str]]:
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        shown = ", ".join(map(str, numbers))
        yield slide, NUMBERING, _Said("numbering", shown=shown, count=len(numbers))


def _title(slide: Slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text.strip() if shape is not None and shape.has_text_frame else ""


def slide_words(slide: Slide) -> int:
    """Visible body words of a python-pptx slide, as the word budget counts them."""
    return _slide_content(slide)[0]


def _slide_content(slide: Slide) -> tuple[int, bool, list[int], list[int]]:
    """(visible body words, has a chart/table/picture, rows of each table, numbered badges).

    The title, footer and slide number are not body text; a number alone in an
    oval is a message's badge, not a word.
    """
    from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE, PP_PLACEHOLDER
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame

    skipped = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.FOOTER,
               PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
    words, visual, tables, badges = 0, False, [], []
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type in skipped:
            continue
        if getattr(shape, "has_chart", False) and shape.has_chart:
            visual = True
            continue
        if isinstance(shape, GraphicFrame) and shape.has_table:
            visual = True
            tables.append(len(shape.table.rows))
            words += total_words(cell.text for row in shape.table.rows for cell in row.cells)
            continue
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            visual = True
            continue
        if not isinstance(shape, Shape) or not shape.has_text_frame:  # (text frames: Shape only)
            continue
        text = shape.text_frame.text.strip()
        if (text.isdigit() and shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                and shape.auto_shape_type == MSO_SHAPE.OVAL):
            badges.append(int(text))
            continue
        words += count_words(text)
    return words, visual, tables, badges


def _quote(text: str, limit: int = 60) -> str:
    # a finding quotes the text it is about; long text is abridged in the message only
    return f"«{text if len(text) <= limit else text[:limit - 1] + TRUNCATION_MARK}»"


def libreoffice_available() -> bool:
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))
