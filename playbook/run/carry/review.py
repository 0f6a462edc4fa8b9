"""The review page of a deliverable's carried edits: what the partner re-reads.

Three lists: the edits carried into the new file, the conflicts to settle (the
generated text changed under the consultant's version: both are shown, and
both are in the file, the consultant's as a comment or in the slide notes),
and the generated passages whose facts changed since the previous version.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import FileReview
    from .word import Item, Say


def review_page(client: str, deliverable: str, reviews: Iterable[FileReview], lang: str) -> str:
    from ...text import render

    def say(code: str, **values: object) -> str:
        return render(f"edits.{code}", lang, **values)

    parts = [
        "<!DOCTYPE html>", f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(client)} · {escape(deliverable)} · {escape(say('review_title'))}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}"
        "table{border-collapse:collapse;width:100%}.conflict{background:#fff4e5}</style>",
        "</head><body>",
        f"<h1>{escape(client)} · {escape(deliverable)}</h1>",
        f"<p>{escape(say('review_title'))}</p>",
    ]
    for review in reviews:
        parts.append(f"<h2>{escape(review.file)}</h2>")
        if review.error:
            parts.append(f"<p>{escape(say('not_carried', error=review.error))}</p>")
            continue
        parts += _section(say("conflicts_heading", count=len(review.conflicts)), review.conflicts,
                          say, "conflict")
        parts += _section(say("carried_heading", count=len(review.carried)), review.carried, say)
        parts += _section(say("changed_heading", count=len(review.changed)), review.changed, say)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _section(title: str, items: list[Item], say: Say, css: str = "") -> list[str]:
    rows = [f"<h3>{escape(title)}</h3>"]
    if not items:
        return rows
    rows.append("<table><tr>" + "".join(
        f"<th>{escape(say(h))}</th>" for h in ("col_kind", "col_where", "col_before", "col_yours",
                                              "col_now")) + "</tr>")
    for item in items:
        cells = [item.get(k, "") for k in ("kind", "where", "before", "yours", "now")]
        cells[0] = say(f"kind_{cells[0]}")
        rows.append(f'<tr class="{css}">' + "".join(
            f"<td>{escape(str(c)).replace(chr(10), '<br>')}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    return rows
