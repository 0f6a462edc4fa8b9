"""A `Document` (the rendering IR) as one self-contained HTML page.

The method handbook is read on screen as often as printed; the HTML copy is
generated from the very same `Document` as the Word file, so the two can never
say different things. Text goes through the writers' own `prepare` (sanitised,
typeset for the language) and `**bold**` markers, tables through the same cell
formatting and alignment rules; charts are embedded as PNG. No external CSS,
script or font: the file opens anywhere, offline.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from ..files import atomic_write_text
from ..render.charts import render_png
from ..render.ir import (
    Block,
    BulletItem,
    Bullets,
    Chart,
    Document,
    Figure,
    Heading,
    KeyMessages,
    PageBreak,
    Paragraph,
    Table,
    document_lang,
)
from ..render.palette import HOUSE
from ..render.tables import cell_text, column_alignments
from ..render.text import bold_runs
from ..render.typography import format_date, prepare

_CSS = """
body { font-family: "Segoe UI", "Liberation Sans", Arial, sans-serif; color: #1f2933;
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; }
header.cover { border-bottom: 3px solid #1f4e79; margin-bottom: 2rem; padding-bottom: 1rem; }
header.cover h1 { color: #1f4e79; font-size: 2.2rem; margin: 0 0 .3rem; }
header.cover p { margin: .15rem 0; color: #52606d; }
h2 { color: #1f4e79; border-bottom: 1px solid #d9e2ec; padding-bottom: .2rem; margin-top: 2.4rem; }
h3 { color: #1f4e79; margin-top: 1.6rem; }
h4 { margin: 1.2rem 0 .3rem; }
nav.toc ol { columns: 2; }
nav.toc a { color: #1f4e79; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .92rem; }
th { background: #1f4e79; color: #fff; text-align: left; padding: .35rem .5rem; }
td { border-bottom: 1px solid #d9e2ec; padding: .35rem .5rem; vertical-align: top; }
td.right { text-align: right; } td.center { text-align: center; }
tr:nth-child(even) td { background: #f5f7fa; }
blockquote { border-left: 4px solid #9fb3c8; margin: .6rem 0; padding: .2rem 1rem; color: #334e68;
             font-style: italic; }
p.caption { font-size: .85rem; color: #52606d; margin-bottom: .2rem; }
div.key-message { background: #e8f0f8; border-left: 4px solid #1f4e79; padding: .5rem .8rem;
                  margin: .4rem 0; font-weight: 600; }
img { max-width: 100%; }
@media print { nav.toc { display: none; } h2 { page-break-before: always; } }
"""

_TAG = {"body": "p", "caption": "p", "key_message": "div", "quote": "blockquote"}


def _slug(text: str, seen: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"
    slug, n = base, 2
    while slug in seen:
        slug, n = f"{base}-{n}", n + 1
    seen.add(slug)
    return slug


class _HtmlWriter:
    def __init__(self, document: Document):
        self.doc = document
        self.lang = document.lang
        self.parts: list[str] = []
        self.toc: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def inline(self, text: object) -> str:
        """Sanitised, typeset, escaped; **bold** as <strong>; line breaks kept."""
        runs = bold_runs(prepare(text, self.lang))
        out = "".join(f"<strong>{html.escape(t)}</strong>" if strong else html.escape(t)
                      for t, strong in runs)
        return out.replace("\n", "<br>")

    def render(self) -> str:
        for block in self.doc.blocks:
            self.block(block)
        cover = [f"<h1>{self.inline(self.doc.title)}</h1>"]
        for line in (self.doc.subtitle, self.doc.client,
                     format_date(self.doc.date, self.lang) if self.doc.date else "",
                     self.doc.confidentiality):
            if line:
                cover.append(f"<p>{self.inline(line)}</p>")
        toc = "".join(f'<li><a href="#{slug}">{title}</a></li>' for slug, title in self.toc)
        nav = f'<nav class="toc"><ol>{toc}</ol></nav>' if self.toc else ""
        return (f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{self.inline(self.doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
                f'<body>\n<header class="cover">{"".join(cover)}</header>\n{nav}\n'
                + "\n".join(self.parts) + "\n</body>\n</html>\n")

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            title = self.inline(block.text)
            level = block.level + 1  # the cover title is the page's h1
            if block.level == 1:
                slug = _slug(block.text, self.ids)
                self.toc.append((slug, title))
                self.parts.append(f'<h{level} id="{slug}">{title}</h{level}>')
            else:
                self.parts.append(f"<h{level}>{title}</h{level}>")
        elif isinstance(block, Paragraph):
            tag = _TAG[block.style]
            css = {"caption": ' class="caption"', "key_message": ' class="key-message"'}.get(
                block.style, "")
            self.parts.append(f"<{tag}{css}>{self.inline(block.text)}</{tag}>")
        elif isinstance(block, Bullets):
            self.parts.append(self.bullets(block))
        elif isinstance(block, Table):
            self.parts.append(self.table(block))
        elif isinstance(block, Figure):
            png = render_png(block.chart, self.lang, 9.0)
            data = base64.b64encode(png).decode("ascii")
            caption = f'<p class="caption">{self.inline(block.caption)}</p>' if block.caption else ""
            self.parts.append(f'<figure><img alt="{html.escape(block.chart.title)}" '
                              f'src="data:image/png;base64,{data}">{caption}</figure>')
        elif isinstance(block, KeyMessages):
            title = f"<h4>{self.inline(block.title)}</h4>" if block.title else ""
            items = "".join(f'<div class="key-message">{self.inline(i)}</div>' for i in block.items)
            self.parts.append(title + items)
        elif isinstance(block, PageBreak):
            return
        else:
            raise TypeError(f"not a document block: {block!r}")

    def bullets(self, block: Bullets) -> str:
        """Nested lists from the items' levels (0 = top level, up to 2)."""
        tag = "ol" if block.numbered else "ul"
        out, depth = [f"<{tag}>"], 0
        for item in block.items:
            item = item if isinstance(item, BulletItem) else BulletItem(str(item))
            level = max(0, min(2, item.level, depth + 1))
            while depth < level:
                out.append(f"<{tag}>")
                depth += 1
            while depth > level:
                out.append(f"</{tag}>")
                depth -= 1
            out.append(f"<li>{self.inline(item.text)}</li>")
        out.extend(f"</{tag}>" for _ in range(depth + 1))
        return "".join(out)

    def table(self, table: Table) -> str:
        texts = [[cell_text(v, self.lang) for v in row] for row in table.rows]
        align = column_alignments(table, texts)
        head = "".join(f"<th>{self.inline(c)}</th>" for c in table.columns)
        rows = []
        for r, row in enumerate(texts):
            cells = []
            for c, text in enumerate(row):
                css = f' class="{align[c]}"' if align[c] != "left" else ""
                fill = HOUSE.fill(table.cell_fills[r][c]) if table.cell_fills else None
                style = f' style="background:#{fill.lstrip("#")}"' if fill else ""
                cells.append(f"<td{css}{style}>{self.inline(text)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = f'<p class="caption">{self.inline(table.caption)}</p>' if table.caption else ""
        return f"{caption}<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def document_html(document: Document) -> str:
    """The whole page as a string."""
    return _HtmlWriter(document).render()


def write_html(document: Document, path: str | Path) -> Path:
    """Write the page atomically to `path`."""
    return atomic_write_text(path, document_html(document))


class Shown:
    """An IR block (table, chart, paragraph...) shown in a notebook as the handbook shows it."""

    def __init__(self, blocks: Block | Chart | list[Block | Chart], lang: str = "en") -> None:
        blocks = blocks if isinstance(blocks, list) else [blocks]
        self.blocks = [Figure(b) if isinstance(b, Chart) else b for b in blocks]
        self.lang = lang

    def _repr_html_(self) -> str:
        writer = _HtmlWriter(Document(title="", lang=document_lang(self.lang)))
        for block in self.blocks:
            writer.block(block)
        return f"<div><style>{_NOTEBOOK_CSS}</style>{''.join(writer.parts)}</div>"


# In a notebook, only tables, quotes and captions are styled: the page keeps its own fonts.
_NOTEBOOK_CSS = """
th { background: #1f4e79; color: #fff; text-align: left; padding: .35rem .5rem; }
td { padding: .35rem .5rem; vertical-align: top; text-align: left; }
td.right { text-align: right; } td.center { text-align: center; }
blockquote { border-left: 4px solid #9fb3c8; padding: .2rem 1rem; font-style: italic; }
p.caption { font-size: .85rem; color: #52606d; }
"""


def show(blocks: Block | Chart | list[Block | Chart], lang: str = "en") -> Shown:
    """Display deliverable tables, charts or paragraphs (rendering IR) in a notebook."""
    return Shown(blocks, lang)
