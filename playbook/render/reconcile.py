"""The reconciliation gate: what the deliverables of one run print must agree.

Run over the built documents and decks (the IR, before any file is written),
it checks the invariants a partner checks by reading:

- `totals`: in a table closing on a total row, each column's printed parts add
  up to its printed total;
- `rates`: a unit rate is printed as the engagement gives it, and a printed
  cost total is its printed days times that rate, rounded as amounts are;
- `title_count`: a title stating a count states what its slide shows;
- `decisions`: the decisions the steering committee is asked for appear in
  every summary and in the steering pack, and no summary says there is none;
- `empty_table`: no table ships with a header and no row.

A discrepancy is a product bug: the test suite fails on it. A user's run still
writes its files, says the discrepancies plainly and records them in the
manifest (see `playbook.run`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import atomic_write_text
from ..findings import findings
from ..text import grammar
from .deliverables import build
from .ir import (
    Bullets,
    BulletSlide,
    Deck,
    Document,
    KeyMessages,
    KeyMessagesSlide,
    Paragraph,
    Table,
    TableSlide,
    TwoContentSlide,
)

TOTALS, RATES, TITLE_COUNT, DECISIONS = "totals", "rates", "title_count", "decisions"
EMPTY_TABLE = "empty_table"
REPORT = "{name}.reconciliation.json"  # beside the files, in the folder a run stages


@dataclass(frozen=True)
class Discrepancy:
    """One invariant that does not hold, located in a deliverable."""

    invariant: str
    deliverable: str
    where: str  # "document, table 3" / "deck, slide 7 “title”"
    detail: str

    def __str__(self) -> str:
        return f"{self.deliverable} ({self.where}): {self.detail} [{self.invariant}]"

    def as_dict(self) -> dict[str, str]:
        return {"invariant": self.invariant, "deliverable": self.deliverable,
                "where": self.where, "detail": self.detail}


def reconcile(analysis: Any, names: Sequence[str]) -> list[Discrepancy]:
    """Every discrepancy of the deliverables `names` of one analysis (built here)."""
    found: list[Discrepancy] = []
    for name in names:
        document, deck = build(name, analysis)
        found += check(name, document, deck, analysis)
    return found


def check(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """The discrepancies of one deliverable already built (as the writers get it)."""
    return [*_empty(name, document, deck), *_totals(name, document, deck, analysis.lang),
            *_titles(name, deck),
            *_rates(name, document, deck, analysis), *_decisions(name, document, deck, analysis)]


def write_report(found: Sequence[Discrepancy], path: Path) -> None:
    """`path` (JSON) lists `found`; no file when there is nothing to say."""
    if found:
        atomic_write_text(path, json.dumps([d.as_dict() for d in found], ensure_ascii=False,
                                           indent=2) + "\n")
    else:
        path.unlink(missing_ok=True)


def read_report(path: Path) -> list[Discrepancy]:
    """The discrepancies `write_report` left in `path` (none when there is no file)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    return [Discrepancy(**item) for item in raw]


# --------------------------------------------------------------------------- where


def _tables(document: Document, deck: Deck) -> Iterator[tuple[str, Table]]:
    number = 0
    for block in document.blocks:
        if isinstance(block, Table):
            number += 1
            yield f"document, table {number}", block
    for index, slide in enumerate(deck.slides, 1):
        where = f"deck, slide {index} “{getattr(slide, 'title', '')}”"
        if isinstance(slide, TableSlide):
            yield where, slide.table
        elif isinstance(slide, TwoContentSlide):
            for side in (slide.left, slide.right):
                if isinstance(side, Table):
                    yield where, side


def _texts(document: Document, deck: Deck) -> Iterator[str]:
    """Every sentence a reader reads (notes included: the presenter says them)."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, KeyMessages):
            yield from block.items
        elif isinstance(block, Bullets):
            yield from (getattr(item, "text", item) for item in block.items)
    for slide in deck.slides:
        yield from (str(getattr(item, "text", item)) for item in getattr(slide, "bullets", []))
        yield from getattr(slide, "items", [])
        notes = getattr(slide, "notes", "")
        if notes:
            yield notes


# --------------------------------------------------------------------------- empty tables


def _empty(name: str, document: Document, deck: Deck) -> list[Discrepancy]:
    """A table of headers and no row tells the reader nothing, or that something failed."""
    return [Discrepancy(EMPTY_TABLE, name, where, "a table with a header and no row")
            for where, table in _tables(document, deck) if not table.rows]


# --------------------------------------------------------------------------- totals

# A figure: an optional currency symbol (no letters: "Lot 1" is a name), a sign,
# digits with their separators, then a unit ("€", "%", "j").
_NUMBER = re.compile(r"^(?P<prefix>[^\w\s\-−]*)\s*(?P<sign>[-−])?"
                     r"(?P<digits>\d[\d\s\u00a0\u202f,.]*)(?P<unit>[^\d]*)$")


def parse_figure(cell: Any, lang: str) -> tuple[float, str] | None:
    """A printed figure and its unit ('€', '%', ''), or None when the cell is not one."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell), ""
    text = str(cell).strip()
    match = _NUMBER.match(text)
    if not match or not text:
        return None
    digits = re.sub(r"[\s\u00a0\u202f]", "", match["digits"])
    if lang == "fr":
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    unit = (match["prefix"] + match["unit"]).strip()
    return (-value if match["sign"] else value), unit


def _totals(name: str, document: Document, deck: Deck, lang: str) -> list[Discrepancy]:
    found = []
    total_words = {"total", "totale", "ensemble", "all lots", "tous lots"}
    for where, table in _tables(document, deck):
        if len(table.rows) < 3 or str(table.rows[-1][0]).strip().casefold() not in total_words:
            continue
        parts, total = table.rows[:-1], table.rows[-1]
        for column in range(1, len(table.columns)):
            printed = parse_figure(total[column], lang)
            values = [parse_figure(row[column], lang) for row in parts]
            if printed is None or any(v is None for v in values):
                continue
            units = {v[1] for v in values if v is not None} | {printed[1]}
            if len(units) > 1:
                continue
            added = sum(v[0] for v in values if v is not None)
            if abs(added - printed[0]) > 1e-6 * max(1.0, abs(printed[0])):
                found.append(Discrepancy(
                    TOTALS, name, where,
                    f"column “{table.columns[column]}”: the rows add up to "
                    f"{grammar.fill('{v}', lang, v=round(added, 2))}, the total row prints {total[column]}"))
    return found


# --------------------------------------------------------------------------- titles


def _titles(name: str, deck: Deck) -> list[Discrepancy]:
    found = []
    for index, slide in enumerate(deck.slides, 1):
        counted = getattr(slide, "counted", None)
        if counted is None:
            continue
        if isinstance(slide, TableSlide):
            shown = len(slide.table.rows)
        elif isinstance(slide, BulletSlide):
            shown = len(slide.bullets)
        else:
            continue
        if shown != counted:
            found.append(Discrepancy(TITLE_COUNT, name, f"deck, slide {index} “{slide.title}”",
                                     f"the title counts {counted}, the slide shows {shown}"))
    return found


# --------------------------------------------------------------------------- rates


# What follows an amount that is a rate, in the wordings of the method's labels.
_PER_DAY = r"\s+(par jour|a day|per (trainer|learner)-day|per day)"


def _rates(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """A rate printed rounded ("£900" for an input of £850) misstates the input;
    a total cost that is not its printed days times the rate cannot be checked."""
    from .deliverables import common as c

    found = []
    limits = analysis.engagement.training
    info = analysis.engagement.engagement
    given = [r for r in (limits.trainer_day_rate, limits.learner_day_cost, info.external_day_rate)
             if r is not None]
    for sentence in _texts(document, deck):
        for rate in given:
            exact, rounded = c.rate(analysis, rate), c.money(analysis, rate)
            if rounded != exact and re.search(re.escape(rounded) + _PER_DAY, sentence):
                found.append(Discrepancy(RATES, name, "text",
                                         f"the rate {exact} is printed as {rounded}: “{sentence[:120]}”"))
    budget = findings(analysis).budget
    for line in budget.lines:
        if line.rate is None or line.shown is None:
            continue
        expected = grammar.rounded_money(line.shown_days * line.rate)
        # `shown` is rounded with its siblings; a single line may differ from its own
        # rounding by one step at most, never more.
        step = 100 if abs(expected) < 10_000 else 1_000
        if abs(expected - line.shown) > step:
            found.append(Discrepancy(RATES, name, f"budget line {line.code}",
                                     f"{line.shown_days} days at {line.rate} print {line.shown}"))
    return found


# --------------------------------------------------------------------------- decisions


def _decisions(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    from .deliverables import decisions as decided

    listed = decided.of(analysis)
    if not listed:
        return []
    found = []
    if name == "steering":
        texts = "\n".join(_texts(document, deck))
        for decision in listed:
            if decided.topic(analysis, decision) not in texts:
                found.append(Discrepancy(DECISIONS, name, "decisions",
                                         f"the decision “{decided.topic(analysis, decision)}” "
                                         "is not in the pack"))
        return found
    said = decided.summary_message(analysis)
    summaries = [("document, summary", items) for items in
                 (b.items for b in document.blocks if isinstance(b, KeyMessages))]
    summaries += [("deck, summary", slide.items) for slide in deck.slides
                  if isinstance(slide, KeyMessagesSlide)]
    for where, items in summaries:
        if not any(str(said) in item or item == getattr(said, "headline", said) for item in items):
            found.append(Discrepancy(DECISIONS, name, where,
                                     f"{len(listed)} decision(s) to take, not in the summary"))
    nothing = [analysis.method.text(key, analysis.lang) for key in _NOTHING_TO_DECIDE
               if analysis.method.labels.has(key)]
    for sentence in _texts(document, deck):
        for denial in nothing:
            if denial and denial in sentence:
                found.append(Discrepancy(DECISIONS, name, "text",
                                         f"says “{denial}” while {len(listed)} decision(s) await"))
    return found


# Sentences that say there is nothing for the committee to decide.
_NOTHING_TO_DECIDE = ("change_plan.messages.to_arbitrate.zero", "steering.titles.decisions_none")
