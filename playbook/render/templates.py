"""The house templates: what the renderers need from them, and loud checks.

A firm replaces `templates/house.docx` and `templates/house.pptx` with its own.
The writers find every style and layout **by name** and never fall back to a
default: a deliverable silently rendered in Word's "Normal" style, or on the
wrong slide layout, would reach a client looking amateur. So a template is
checked as a whole, and every missing piece is named at once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from pptx import Presentation as open_pptx
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PptxPresentation

from ..errors import TemplateError
from ..text.system import system_said

DOCX_NAME = "house.docx"
PPTX_NAME = "house.pptx"

#: Word styles the document writer uses, by name, with their kind.
REQUIRED_DOCX_STYLES: dict[str, WD_STYLE_TYPE] = {
    "Normal": WD_STYLE_TYPE.PARAGRAPH,
    "Title": WD_STYLE_TYPE.PARAGRAPH,
    "Subtitle": WD_STYLE_TYPE.PARAGRAPH,
    "Heading 1": WD_STYLE_TYPE.PARAGRAPH,
    "Heading 2": WD_STYLE_TYPE.PARAGRAPH,
    "Heading 3": WD_STYLE_TYPE.PARAGRAPH,
    "Caption": WD_STYLE_TYPE.PARAGRAPH,
    "Quote": WD_STYLE_TYPE.PARAGRAPH,
    "List Bullet": WD_STYLE_TYPE.PARAGRAPH,
    "List Number": WD_STYLE_TYPE.PARAGRAPH,
    "Cover Title": WD_STYLE_TYPE.PARAGRAPH,
    "Cover Subtitle": WD_STYLE_TYPE.PARAGRAPH,
    "Cover Details": WD_STYLE_TYPE.PARAGRAPH,
    "Key Message": WD_STYLE_TYPE.PARAGRAPH,
    "Table Text": WD_STYLE_TYPE.PARAGRAPH,
    "Playbook Table": WD_STYLE_TYPE.TABLE,
}

#: Tokens the writer replaces in the Word header and footer at render time.
DOCX_HEADER_TOKENS = ("{client}", "{confidentiality}")
DOCX_FOOTER_TOKENS = ("{page}",)

_TITLE = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODY = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
_SUBTITLE = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)


@dataclass(frozen=True)
class PlaceholderNeed:
    """`count` placeholders of one of `types` (human name for messages)."""

    name: str
    types: tuple[PP_PLACEHOLDER, ...]
    count: int = 1


#: Slide layouts the deck writer uses, by exact name, and the placeholders each needs.
REQUIRED_PPTX_LAYOUTS: dict[str, tuple[PlaceholderNeed, ...]] = {
    "Cover": (
        PlaceholderNeed("title", _TITLE),
        PlaceholderNeed("subtitle", (PP_PLACEHOLDER.SUBTITLE,)),
        PlaceholderNeed("body (client and date)", (PP_PLACEHOLDER.BODY,)),
    ),
    "Section": (PlaceholderNeed("title", _TITLE), PlaceholderNeed("body", _SUBTITLE)),
    "Title and Content": (PlaceholderNeed("title", _TITLE), PlaceholderNeed("body", _BODY)),
    "Two Content": (PlaceholderNeed("title", _TITLE), PlaceholderNeed("body", _BODY, 2)),
    "Title Only": (PlaceholderNeed("title", _TITLE),),
    "Closing": (PlaceholderNeed("title", _TITLE), PlaceholderNeed("body", _BODY)),
}

_PAGE_FIELD = re.compile(r'(w:instr="\s*PAGE\b|<w:instrText[^>]*>\s*PAGE\b)')

#: Slide size: the writer's geometry assumes widescreen.
PPTX_ASPECT = 16 / 9


# A template is a zip: its parts are capped before any is read (a 1 MB file
# may expand to gigabytes), and it may link to nothing outside itself.
MAX_PART_BYTES = 64 << 20
MAX_TOTAL_BYTES = 256 << 20
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*>")
_HYPERLINK = "/relationships/hyperlink"


def package_problems(path: Path, lang: str = "en") -> list[str]:
    """What makes a template unsafe to open or to copy into client files.

    Part sizes come from the zip's directory, so nothing is expanded to find
    them. An external relationship (a picture or an attached template linked
    to a URL or a network path) would be copied into every client file and
    fetched by whoever opens it; only hyperlinks, which nothing follows unasked,
    may point outside.
    """
    import zipfile

    label = path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [_t("not_zip", lang, label=label)]
    except OSError as exc:
        return [_t("unreadable_office", lang, label=label, reason=system_said(exc, lang))]
    with archive:
        infos = archive.infolist()
        large = [i for i in infos if i.file_size > MAX_PART_BYTES]
        problems = [_t("part_too_large", lang, label=label, part=i.filename,
                       size=i.file_size // (1 << 20), limit=MAX_PART_BYTES >> 20) for i in large]
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES and not large:
            problems.append(_t("too_large", lang, label=label, size=total // (1 << 20),
                               limit=MAX_TOTAL_BYTES >> 20))
        if problems:
            return problems
        for info in infos:
            if info.filename.endswith(".rels"):
                problems += _external_links(label, info.filename, archive.read(info), lang)
    return problems


def _external_links(label: str, part: str, xml: bytes, lang: str = "en") -> list[str]:
    problems = []
    for match in _EXTERNAL.finditer(xml):
        tag = match.group(0).decode("utf-8", "replace")
        if 'TargetMode="External"' not in tag and "TargetMode='External'" not in tag:
            continue
        kind = re.search(r'Type="[^"]*/([^"/]+)"', tag)
        if kind and f"/{kind.group(1)}" == _HYPERLINK:
            continue
        target = re.search(r'Target="([^"]*)"', tag)
        owner = part.replace("_rels/", "").removesuffix(".rels")
        problems.append(_t("external_link", lang, label=label, owner=owner,
                           kind=kind.group(1) if kind else _t("resource", lang),
                           target=target.group(1)[:80] if target else "?"))
    return problems


def check_docx(path: Path, lang: str = "en") -> list[str]:
    """Every problem of a Word template, each naming the file and the missing piece."""
    label = path.name
    if not path.is_file():
        return [_t("not_found", lang, label=label, folder=path.parent)]
    unsafe = package_problems(path, lang)
    if unsafe:
        return unsafe
    try:
        document = open_docx(str(path))
    except Exception as exc:  # python-docx raises several kinds on a broken file
        return [_t("unreadable_word", lang, label=label, reason=exc)]
    problems: list[str] = []
    styles = {style.name: style for style in document.styles}
    for name, kind in REQUIRED_DOCX_STYLES.items():
        style = styles.get(name)
        if style is None:
            problems.append(_t("style_missing", lang, label=label, name=name))
        elif style.type != kind:
            problems.append(_t("style_kind", lang, label=label, name=name,
                               found=_kind_word(style.type, lang), expected=_kind_word(kind, lang)))
    header_text = " ".join(_part_text(document, "header"))
    footer_text = " ".join(_part_text(document, "footer"))
    for token in DOCX_HEADER_TOKENS:
        if token not in header_text:
            problems.append(_t("no_header_token", lang, label=label, token=token))
    for token in DOCX_FOOTER_TOKENS:
        if token not in footer_text:
            problems.append(_t("no_footer_token", lang, label=label, token=token))
    if not _PAGE_FIELD.search(_footer_xml(document)):
        problems.append(_t("no_page_field", lang, label=label))
    return problems


def check_pptx(path: Path, lang: str = "en") -> list[str]:
    """Every problem of a PowerPoint template, each naming the file and the missing piece."""
    label = path.name
    if not path.is_file():
        return [_t("not_found", lang, label=label, folder=path.parent)]
    unsafe = package_problems(path, lang)
    if unsafe:
        return unsafe
    try:
        presentation = open_pptx(str(path))
    except Exception as exc:
        return [_t("unreadable_powerpoint", lang, label=label, reason=exc)]
    problems: list[str] = []
    ratio = presentation.slide_width / presentation.slide_height
    if abs(ratio - PPTX_ASPECT) > 0.01:
        problems.append(_t("slide_size", lang, label=label, ratio=f"{ratio:.2f}"))
    if len(presentation.slides):
        problems.append(_t("has_slides", lang, label=label, count=len(presentation.slides)))
    layouts = {layout.name: layout for layout in presentation.slide_layouts}
    for name, needs in REQUIRED_PPTX_LAYOUTS.items():
        layout = layouts.get(name)
        if layout is None:
            problems.append(_t("layout_missing", lang, label=label, name=name))
            continue
        # (python-pptx types LayoutPlaceholders.__iter__ as an attribute, which mypy rejects)
        types = [ph.placeholder_format.type for ph in layout.placeholders]  # type: ignore[misc]
        for need in needs:
            found = sum(1 for kind in types if kind in need.types)
            if found < need.count:
                kind = _t(f"placeholder.{_PLACEHOLDER_KEYS[need.name]}", lang)
                problems.append(
                    _t("layout_no_placeholder", lang, label=label, name=name, kind=kind)
                    if found == 0 and need.count == 1 else
                    _t("layout_no_placeholders", lang, label=label, name=name, kind=kind,
                       count=need.count)
                    if found == 0 else
                    _t("layout_placeholders", lang, label=label, name=name, kind=kind,
                       found=found, count=need.count))
    return problems


def check_templates(directory: str | Path, lang: str = "en") -> list[str]:
    """All problems of the house templates in `directory`, in `lang`; empty when usable."""
    root = Path(directory)
    return check_docx(root / DOCX_NAME, lang) + check_pptx(root / PPTX_NAME, lang)


def _t(key: str, lang: str, **values: object) -> str:
    """The problem `templates.<key>` (playbook/text/data/messages.yaml) in `lang`."""
    from ..text import render

    return render(f"templates.{key}", lang, **values)


def load_docx_template(directory: str | Path) -> DocxDocument:
    """Open the Word template, or raise `TemplateError` naming every missing piece."""
    return open_docx(io.BytesIO(_checked_bytes(Path(directory) / DOCX_NAME, check_docx)))


def text_width(document: DocxDocument) -> int:
    """Width of the text column of the document's last section, in EMU."""
    section = document.sections[-1]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        raise ValueError("the Word template's last section sets no page width or side margins")
    return width - left - right


def load_pptx_template(directory: str | Path) -> PptxPresentation:
    """Open the PowerPoint template, or raise `TemplateError` naming every missing piece."""
    return open_pptx(io.BytesIO(_checked_bytes(Path(directory) / PPTX_NAME, check_pptx)))


def _checked_bytes(path: Path, check: Callable[[Path], list[str]]) -> bytes:
    """The template's bytes once checked; read and checked once per file version.

    Five deliverables in two formats open the same two templates: checking and
    reading them once per process (keyed on size and modification time, so an
    edited template is seen at once) saves a full parse per file.
    """
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns) if stat else None
    data, problems = _read_checked(key, check) if key else (b"", tuple(check(path)))
    if problems:
        raise TemplateError(str(path), list(problems), "not usable")
    return data


@lru_cache(maxsize=8)
def _read_checked(key: tuple[str, int, int], check: Callable[[Path], list[str]]) -> tuple[bytes, tuple[str, ...]]:
    path = Path(key[0])
    problems = tuple(check(path))
    return (b"" if problems else path.read_bytes()), problems


def default_template_dir() -> Path:
    """The house templates shipped with the playbook (see `playbook.resources`)."""
    from ..resources import resource_dir

    return resource_dir("templates")


_PLACEHOLDER_KEYS = {"title": "title", "subtitle": "subtitle", "body": "body",
                     "body (client and date)": "body_cover"}


def _kind_word(kind: WD_STYLE_TYPE, lang: str) -> str:
    word = _kind(kind)
    return _t(f"kind.{word}", lang) if word in ("paragraph", "character", "table", "numbering") \
        else word


def _kind(kind: WD_STYLE_TYPE) -> str:
    return {WD_STYLE_TYPE.PARAGRAPH: "paragraph", WD_STYLE_TYPE.CHARACTER: "character",
            WD_STYLE_TYPE.TABLE: "table", WD_STYLE_TYPE.LIST: "numbering"}.get(kind, str(kind))


def _part_text(document: DocxDocument, which: str) -> list[str]:
    texts: list[str] = []
    for section in document.sections:
        part = getattr(section, which)
        if not part.is_linked_to_previous:
            texts.extend(p.text for p in part.paragraphs)
            for table in part.tables:
                texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


def _footer_xml(document: DocxDocument) -> str:
    from lxml import etree

    return " ".join(
        etree.tostring(section.footer._element, encoding="unicode")
        for section in document.sections
        if not section.footer.is_linked_to_previous
    )
