"""Text check of the files a client receives: what a partner strikes out before sending.

`check_text(folder)` reopens every .docx, .pptx and review .html under `folder`
and reads all they say (Word paragraphs, tables, headers and footers; slide
text, tables, charts and speaker notes; the review copy's page) for what must
never reach a client, whatever the engagement:

- a placeholder left unfilled (`{priority}`);
- a note to the consultant ("Replace with…", "Recalibrez…", "vérifiez…"): those
  belong in the review notebook and the console;
- a method-internal code (`not_assessed`), a raw value (`None`, `True`, a
  Python list) or false precision (`72.789116`);
- nested quotation marks (« … « … » … »), a score written "7 /10";
- in an English file, a French word of the method (in any text; in titles and
  the page frame, any French label of the method) or English a native speaker
  does not write ("COPIL", "positive contagion");
- the same sentence more than twice in one file;
- speaker notes longer than a presenter reads (about 150 words a slide);
- a review copy whose page is not in the file's language.

The file's language is read from the file itself (the language the writers set
for the spell checker; the review copy's `lang`), or given. Words and patterns
live in `playbook/text/data/client_text.yaml` and the method's labels.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .words import NOTES_BUDGET, count_words

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.chart.chart import Chart as PptxChart

# Kinds of finding.
PLACEHOLDER = "placeholder"          # a {field} left unfilled
INSTRUCTION = "instruction"          # a note to the consultant
INTERNAL_CODE = "internal_code"      # a snake_case code of the method or the intake
RAW_VALUE = "raw_value"              # None / True / a Python list / 72.789116
NESTED_QUOTES = "nested_quotes"      # « … « … » … »
SPACED_SCORE = "spaced_score"        # "7 /10"
FRENCH_IN_ENGLISH = "french_in_english"
NOT_NATIVE = "not_native"            # English a native speaker does not write
REPEATED = "repeated"                # one sentence more than twice in a file
LONG_NOTES = "long_notes"            # speaker notes a presenter cannot read out
WRONG_LANGUAGE = "wrong_language"    # a review copy not in the file's language
LANGUAGE = "language"                # French or English typography and agreement
KINDS = (PLACEHOLDER, INSTRUCTION, INTERNAL_CODE, RAW_VALUE, NESTED_QUOTES, SPACED_SCORE,
         FRENCH_IN_ENGLISH, NOT_NATIVE, REPEATED, LONG_NOTES, WRONG_LANGUAGE, LANGUAGE)

NOTES_WORDS = NOTES_BUDGET   # words of speaker notes a presenter reads for one slide
REPEAT_LIMIT = 2           # a sentence may appear this many times in one file
REPEAT_MIN_WORDS = 6       # shorter texts (labels, cell values) repeat by nature
SUFFIXES = (".docx", ".pptx", ".html")

# Where a piece of text stands: running text, a table cell, a slide title,
# speaker notes, a chart's own text, or the frame repeated on every page.
BODY, CELL, TITLE, NOTES, CHART, FRAME = "body", "cell", "title", "notes", "chart", "frame"
_REPEATS_BY_DESIGN = (TITLE, CHART, FRAME)

_SPACE = "[ \u00a0\u202f]"
_PLACEHOLDER = re.compile(r"\{[^{}\s]{1,40}\}")
_CODE = re.compile(r"(?<![\w./@\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/\\-])")
_RAW_WORD = re.compile(r"(?<=[\w,:;=(\[] )(None|True|False|NaN)\b|(?<=[:=(\[])(None|True|False)\b")
_RAW_LIST = re.compile(r"\[\s*['\"]|['\"]\s*\]")
_RAW_ALONE = ("None", "True", "False", "nan", "NaN", "null")
_FALSE_PRECISION = re.compile(r"(?<![\w.,])\d+[.,]\d{4,}(?![\d])")
_SPACED_SCORE = re.compile(rf"\d{_SPACE}+/{_SPACE}*\d")
# A sentence ends at . ! ? and a space, not after an abbreviation ("140 pers. ;",
# "p. ex.", "e.g."): what follows it is the same sentence.
_ABBREVIATIONS = ("pers", "ex", "p", "e.g", "i.e", "cf", "vs", "env", "approx")
_SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS)
    + r"(?<=[.!?])[\s\u00a0\u202f]+(?=[^\s\u00a0\u202f;:,)])|\n+")
_ENDS_SENTENCE = re.compile(r"[.!?][\s\u00a0\u202f»”]*$")

# Typography and agreement a reader notices (the catalogue writes them right;
# a value put into a sentence can still break them).
_EVERYWHERE = {
    "doubled punctuation": re.compile(r"([,;:!?])[\s\u00a0\u202f]*\1|(?<!\.)\.\.(?!\.)"),
    "doubled parentheses": re.compile(r"\)[\s\u00a0\u202f]*\("),
}
_FRENCH = {
    "plural after 0 or 1": re.compile(
        rf"(?<![\d,\u202f])[01]{_SPACE}+(ont|sont|doivent|peuvent|restent|populations|actions|"
        r"personnes|jours|ateliers|critères|modules|indicateurs|leviers|freins|risques|sessions|"
        r"lots|juniors|seniors|gains|points|vagues|annulées|annulés|prévues|prévus|réalisées|"
        r"réalisés)\b"),
    "de not elided before a vowel": re.compile(r"\b[Dd]e (avril|août|octobre|Île|un|une)\b"),
    "an unaccented capital A for the preposition": re.compile(
        r"(^|[.!?:]\s|\n)A (partir|compter|la |l'|l’|chaque|tous|toutes|noter|cette|ce |ces )"),
}
_ENGLISH = {
    "plural after 1": re.compile(
        r"(?<![\d.,])1 (populations|actions|people|days|workshops|criteria|modules|indicators|"
        r"levers|barriers|risks|sessions|lots|points|waves)\b"),
}


@dataclass(frozen=True)
class Finding:
    """One problem: the file, where in it (slide, section, table), what, and the text."""

    file: Path
    where: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.kind}: {self.message}"

    def text(self, lang: str) -> str:
        """The finding as the console prints it: it quotes the file's own words, in
        the file's language, so it reads the same on any console."""
        return str(self)


@dataclass(frozen=True)
class Piece:
    """A piece of text as a reader meets it: where it stands and what it says."""

    where: str
    text: str
    part: str = BODY


# --------------------------------------------------------------------------- entry points


def check_text(folder: str | Path) -> list[Finding]:
    """Every finding of every .docx, .pptx and .html under `folder`, by file."""
    root = Path(folder)
    paths = sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                   and not p.name.startswith(("~$", ".")) and ".staging" not in p.parts)
    return [finding for path in paths for finding in check_file(path, _run_language(path.parent))]


def _run_language(folder: Path) -> str | None:
    """The language a run wrote `folder` in, from its manifest; None without one."""
    manifest = folder / "manifest.json"
    try:
        language: str | None = json.loads(manifest.read_text(encoding="utf-8")).get("language")
        return language
    except (OSError, ValueError, AttributeError):
        return None


def check_file(path: str | Path, lang: str | None = None) -> list[Finding]:
    """The findings of one generated file, in its own language unless `lang` is given."""
    path = Path(path)
    reader = {".docx": _docx_pieces, ".pptx": _pptx_pieces, ".html": _html_pieces}[path.suffix]
    found_lang, pieces = reader(path)
    lang = lang or found_lang or "fr"
    findings = [Finding(path, where, kind, message) for where, kind, message in
                check_pieces(pieces, lang)]
    if path.suffix == ".html" and found_lang != lang:
        findings.insert(0, Finding(path, "page", WRONG_LANGUAGE,
                                   f"the page says lang={found_lang!r}, the file is {lang!r}"))
    return findings


def check_pieces(pieces: Iterable[Piece], lang: str) -> Iterator[tuple[str, str, str]]:
    """(where, kind, message) for every problem of `pieces` read as one file in `lang`."""
    pieces = list(pieces)
    for piece in pieces:
        yield from ((piece.where, kind, message) for kind, message in _piece_findings(piece, lang))
    yield from _repetitions(pieces)


# --------------------------------------------------------------------------- rules


def _excerpt(text: str, start: int, end: int, margin: int = 40) -> str:
    before = text[max(0, start - margin):start]
    after = text[end:end + margin]
    return (f"{'…' if start > margin else ''}{before}[{text[start:end]}]{after}"
            f"{'…' if end + margin < len(text) else ''}").replace("\n", " ")


def _piece_findings(piece: Piece, lang: str) -> Iterator[tuple[str, str]]:
    text = piece.text
    if not text.strip():
        return
    words = _words()
    for match in _PLACEHOLDER.finditer(text):
        yield PLACEHOLDER, _excerpt(text, *match.span())
    for match in words.instructions.finditer(text):
        yield INSTRUCTION, _excerpt(text, *match.span())
    for match in _CODE.finditer(text):
        yield INTERNAL_CODE, _excerpt(text, *match.span())
    if text.strip() in _RAW_ALONE and text.strip() not in _WORDS_NOT_RAW.get(lang, ()):
        # (an English level may be "None")
        yield RAW_VALUE, repr(text.strip())
    for pattern in (_RAW_WORD, _RAW_LIST, _FALSE_PRECISION):
        for match in pattern.finditer(text):
            yield RAW_VALUE, _excerpt(text, *match.span())
    nested = _nested_quote(text)
    if nested is not None:
        yield NESTED_QUOTES, _excerpt(text, nested, nested + 1)
    for match in _SPACED_SCORE.finditer(text):
        yield SPACED_SCORE, _excerpt(text, *match.span())
    yield from _language_findings(piece, lang)
    if piece.part == NOTES and count_words(text) > NOTES_WORDS:
        yield LONG_NOTES, f"{count_words(text)} words (at most {NOTES_WORDS})"


# The language rules of each language, and what each reads apart: an English
# level may be "None"; English text is watched for French words left in it.
_RULES_OF = {"fr": _FRENCH, "en": _ENGLISH}
_WORDS_NOT_RAW = {"en": ("None",)}
_WATCHED_FOR_FRENCH = frozenset({"en"})


def _language_findings(piece: Piece, lang: str) -> Iterator[tuple[str, str]]:
    """Typography and agreement; in English, French words and translated English."""
    text, words = piece.text, _words()
    rules = {**_EVERYWHERE, **_RULES_OF[lang]}
    for name, pattern in rules.items():
        for match in pattern.finditer(text):
            yield LANGUAGE, f"{name}: {_excerpt(text, *match.span())}"
    if lang in _WATCHED_FOR_FRENCH and not _looks_french(text):  # a French client's own text stays French
        for match in words.french_words.finditer(text):
            yield FRENCH_IN_ENGLISH, _excerpt(text, *match.span())
        # titles and the page frame are the product's words (and names); a French
        # client's own text in an English run is the client's, and stays French
        if piece.part in (TITLE, FRAME):
            for match in words.french_labels.finditer(text):
                yield FRENCH_IN_ENGLISH, _excerpt(text, *match.span())
        for match in words.not_native.finditer(text):
            better = words.better[match.group(0).casefold()]
            yield NOT_NATIVE, f"{_excerpt(text, *match.span())} (say: {better})"


_FRENCH_WORDS = re.compile(r"\b(le|la|les|des|du|une|est|sont|et|dans|pour|avec|qui|sur|aux|au|en)\b")
_ENGLISH_WORDS = re.compile(r"\b(the|of|and|is|are|to|in|for|with|which|on|at|by)\b")


def _looks_french(text: str) -> bool:
    """Whether `text` is written in French (a French client's own words quoted in an
    English run): more French function words than English ones, and at least two."""
    french = len(_FRENCH_WORDS.findall(text.casefold()))
    return french >= 2 and french > len(_ENGLISH_WORDS.findall(text.casefold()))


def _nested_quote(text: str) -> int | None:
    """Where a quotation mark opens inside another (French « » or English “ ”), or None."""
    depth = {"«": 0, "“": 0}
    closing = {"»": "«", "”": "“"}
    for index, char in enumerate(text):
        if char in depth:
            if depth[char]:
                return index
            depth[char] += 1
        elif char in closing:
            depth[closing[char]] = max(0, depth[closing[char]] - 1)
    return None


def _repetitions(pieces: list[Piece]) -> Iterator[tuple[str, str, str]]:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, str]] = {}
    for piece in pieces:
        if piece.part in _REPEATS_BY_DESIGN:
            continue
        for sentence in _SENTENCE_END.split(piece.text):
            sentence = sentence.strip()
            # a sentence ends as one: a label or a value repeated down a column is data
            if (count_words(sentence) < REPEAT_MIN_WORDS
                    or not _ENDS_SENTENCE.search(sentence)):
                continue
            key = " ".join(sentence.casefold().replace("\u00a0", " ").replace("\u202f", " ").split())
            counts[key] += 1
            first.setdefault(key, (piece.where, sentence))
    for key, count in counts.items():
        if count > REPEAT_LIMIT:
            where, sentence = first[key]
            shown = sentence if len(sentence) <= 100 else sentence[:100] + "…"
            yield where, REPEATED, f"{count} times: {shown!r}"


@dataclass(frozen=True)
class _Words:
    instructions: re.Pattern[str]
    french_words: re.Pattern[str]
    french_labels: re.Pattern[str]
    not_native: re.Pattern[str]
    better: dict[str, str]


def _alternation(terms: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    body = "|".join(re.escape(t) for t in ordered) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = yaml.safe_load(files("playbook.text").joinpath("data/client_text.yaml")
                          .read_text(encoding="utf-8"))
    vocabulary = data["english_vocabulary"]
    return _Words(
        instructions=_alternation([*data["instructions"]["fr"], *data["instructions"]["en"]]),
        french_words=_alternation(data["french_words"]),
        french_labels=re.compile(_alternation(_french_labels()).pattern),  # capitals matter
        not_native=_alternation(entry["avoid"] for entry in vocabulary),
        better={entry["avoid"].casefold(): entry["say"] for entry in vocabulary},
    )


def _french_labels() -> list[str]:
    """The French wording of the method's labels that could only be French: it differs
    from its English label, is written without a field to fill, and has an accent or
    several words found in no English label."""
    from ..method import load_method

    method = load_method()
    pairs = []
    for catalogue in (method.labels, method.vocabulary):
        for key in catalogue.keys():
            pairs.append((catalogue.get(key, "fr").strip(), catalogue.get(key, "en").strip()))
    english = " ".join(en.casefold() for _, en in pairs)
    found = []
    for fr, en in pairs:
        if "{" in fr or fr.casefold() == en.casefold() or fr.casefold() in english:
            continue
        if len(fr.split()) >= 2 or re.search(r"[À-ÿŒœ]", fr):
            found.append(fr)
    return found


# --------------------------------------------------------------------------- readers


def _docx_pieces(path: Path) -> tuple[str | None, list[Piece]]:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(path))
    lang = None
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        tag = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if tag is not None:
            lang = (tag.get(qn("w:val")) or "")[:2] or None
    pieces: list[Piece] = []
    heading = "cover"
    tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = _paragraph_text(element)
            style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and "eading" in (style.get(qn("w:val")) or "") and text.strip():
                heading = text.strip()[:60]
                pieces.append(Piece(f"heading {heading!r}", text, TITLE))
            else:
                pieces.append(Piece(f"section {heading!r}", text, BODY))
        elif element.tag == qn("w:tbl"):
            tables += 1
            for row_number, row in enumerate(element.iter(qn("w:tr"))):
                for cell in row.iter(qn("w:tc")):
                    text = "\n".join(_paragraph_text(p) for p in cell.iter(qn("w:p")))
                    pieces.append(Piece(f"section {heading!r}, table {tables}, row {row_number}",
                                        text, CELL))
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                pieces += [Piece("page header/footer", p.text, FRAME) for p in part.paragraphs]
    return lang, pieces


def _paragraph_text(p: _Element) -> str:
    from docx.oxml.ns import qn

    parts = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        parts.append(node.text or "" if node.tag == qn("w:t") else
                     ("\t" if node.tag == qn("w:tab") else "\n"))
    return "".join(parts)


def _pptx_pieces(path: Path) -> tuple[str | None, list[Piece]]:
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    deck = Presentation(str(path))
    lang = (deck.core_properties.language or "")[:2] or None
    frame_kinds = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
    pieces: list[Piece] = []
    for number, slide in enumerate(deck.slides, 1):
        where = f"slide {number}"
        for shape in _shapes(slide.shapes):
            part = BODY
            if shape.is_placeholder:
                kind = shape.placeholder_format.type
                part = FRAME if kind in frame_kinds else (
                    TITLE if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) else BODY)
            if shape.has_text_frame:
                pieces.append(Piece(where, shape.text_frame.text, part))
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    pieces += [Piece(f"{where} (table)", cell.text, CELL) for cell in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:
                pieces += [Piece(f"{where} (chart)", text, CHART) for text in _chart_texts(shape.chart)]
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            pieces.append(Piece(f"{where} (notes)", slide.notes_slide.notes_text_frame.text, NOTES))
    return lang, pieces


def _shapes(shapes: Iterable[Any]) -> Iterator[Any]:
    """Every shape, those inside groups too; Any: a shape of any kind, its attributes
    tested as found."""
    for shape in shapes:
        yield shape
        if hasattr(shape, "shapes"):
            yield from _shapes(shape.shapes)


def _chart_texts(chart: PptxChart) -> list[str]:
    texts: list[str] = []
    if chart.has_title:
        texts.append(chart.chart_title.text_frame.text)
    for plot in chart.plots:
        texts += [str(c) for c in plot.categories]
        texts += [s.name for s in plot.series]
    return texts


class _PageText(HTMLParser):
    """The visible text of a review page: its `lang`, title, paragraphs and table cells."""

    _SKIP = {"style", "script", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.pieces: list[Piece] = []
        self._skip = 0
        self._in_title = False
        self._cell: list[str] | None = None
        self._text: list[str] = []
        self._heading = "top"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        elif tag in ("td", "th"):
            self._flush()
            self._cell = []
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "div", "br", "tr"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None:
            self.pieces.append(Piece(f"under {self._heading!r} (table)", "".join(self._cell), CELL))
            self._cell = None
        elif tag in ("h1", "h2", "h3", "h4"):
            text = "".join(self._text).replace("¶", "").strip()  # nbconvert's anchor links
            if text:
                self._heading = text[:60]
                self.pieces.append(Piece(f"heading {self._heading!r}", text, TITLE))
            self._text = []
        elif tag in ("p", "li", "div"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._skip:
            return
        elif self._cell is not None:
            self._cell.append(data)
        else:
            self._text.append(data)

    def _flush(self) -> None:
        text = "".join(self._text).strip()
        if text:
            self.pieces.append(Piece(f"under {self._heading!r}", text, BODY))
        self._text = []


def _html_pieces(path: Path) -> tuple[str | None, list[Piece]]:
    parser = _PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    parser._flush()
    pieces = [Piece("page title", parser.title, TITLE), *parser.pieces]
    return (parser.lang or "")[:2] or None, pieces
