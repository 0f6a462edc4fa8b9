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
- `empty_table`: no table ships with a header and no row;
- `counts`: a count of territories is the roll-out's number of regional
  territories, and no count of populations exceeds the populations mapped
  ("N populations out of M": M is that number);
- `kpi_values`: a KPI's target and alert threshold print as the steering plan
  sets them, in one format, wherever a table gives them and in every sentence
  naming the KPI ("{kpi}: target 85 %", "… against a target of 85 %");
- `event_dates`: an action or a session cited by its id prints the dates the
  plan gives it (and a late action the date it was due).

Facts are compared with the analysis and its findings, the one source all six
deliverables print from: two deliverables that each agree with it agree with
each other.

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
from ..findings import CASH, findings
from ..text import colon, format_number, plain_digits, quoted, render
from .deliverables import build, prepared
from .ir import (
    BulletItem,
    Bullets,
    BulletSlide,
    Deck,
    Document,
    Heading,
    KeyMessages,
    KeyMessagesSlide,
    Paragraph,
    Table,
    TableSlide,
    TwoContentSlide,
)

TOTALS, RATES, TITLE_COUNT, DECISIONS = "totals", "rates", "title_count", "decisions"
EMPTY_TABLE = "empty_table"
COUNTS, KPI_VALUES, EVENT_DATES = "counts", "kpi_values", "event_dates"
REPORT = "{name}.reconciliation.json"  # beside the files, in the folder a run stages


@dataclass(frozen=True)
class Discrepancy:
    """One invariant that does not hold, located in a deliverable."""

    invariant: str
    deliverable: str
    where: str  # "document, table 3" / "deck, slide 7 “title”"
    detail: str

    def __str__(self) -> str:
        return self.said("en")

    def said(self, lang: str) -> str:
        """The console's line (`where` and `detail` are in the run's language)."""
        return f"{self.deliverable} ({self.where}){colon(lang)}{self.detail} [{self.invariant}]"

    def as_dict(self) -> dict[str, str]:
        return {"invariant": self.invariant, "deliverable": self.deliverable,
                "where": self.where, "detail": self.detail}


def reconcile(analysis: Any, names: Sequence[str]) -> list[Discrepancy]:
    """Every discrepancy of the deliverables `names` of one analysis (built here)."""
    found: list[Discrepancy] = []
    for name in names:
        built = prepared(name, analysis)
        document, deck = build(name, built)
        found += check(name, document, deck, built)
    return found


def check(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """The discrepancies of one deliverable already built (as the writers get it)."""
    lang = analysis.lang
    return [*_empty(name, document, deck, lang), *_totals(name, document, deck, lang),
            *_titles(name, deck, lang),
            *_rates(name, document, deck, analysis), *_decisions(name, document, deck, analysis),
            *_counts(name, document, deck, analysis), *_kpi_values(name, document, deck, analysis),
            *_event_dates(name, document, deck, analysis)]


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


def _say(key: str, lang: str, **values: object) -> str:
    """A discrepancy's place or detail (`reconcile.<key>`) in the run's language."""
    return render(f"reconcile.{key}", lang, **values)


def _slide(index: int, title: object, lang: str) -> str:
    return _say("where.slide", lang, number=index, title=quoted(str(title), lang))


def _tables(document: Document, deck: Deck, lang: str) -> Iterator[tuple[str, Table]]:
    number = 0
    for block in document.blocks:
        if isinstance(block, Table):
            number += 1
            yield _say("where.table", lang, number=number), block
    for index, slide in enumerate(deck.slides, 1):
        where = _slide(index, getattr(slide, "title", ""), lang)
        if isinstance(slide, TableSlide):
            yield where, slide.table
        elif isinstance(slide, TwoContentSlide):
            for side in (slide.left, slide.right):
                if isinstance(side, Table):
                    yield where, side


def _texts(document: Document, deck: Deck) -> Iterator[str]:
    """Every sentence a reader reads (notes included: the presenter says them)."""
    for block in document.blocks:
        if isinstance(block, Paragraph | Heading):
            yield block.text
        elif isinstance(block, KeyMessages):
            yield from block.items
        elif isinstance(block, Bullets):
            yield from (item.text if isinstance(item, BulletItem) else item for item in block.items)
    for slide in deck.slides:
        title = getattr(slide, "title", "")
        if title:
            yield str(title)
        yield from (str(getattr(item, "text", item)) for item in getattr(slide, "bullets", []))
        yield from getattr(slide, "items", [])
        notes = getattr(slide, "notes", "")
        if notes:
            yield notes


# --------------------------------------------------------------------------- empty tables


def _empty(name: str, document: Document, deck: Deck, lang: str) -> list[Discrepancy]:
    """A table of headers and no row tells the reader nothing, or that something failed."""
    return [Discrepancy(EMPTY_TABLE, name, where, _say("empty_table", lang))
            for where, table in _tables(document, deck, lang) if not table.rows]


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
    digits = plain_digits(re.sub(r"\s", "", match["digits"]), lang)
    try:
        value = float(digits)
    except ValueError:
        return None
    unit = (match["prefix"] + match["unit"]).strip()
    return (-value if match["sign"] else value), unit


def _totals(name: str, document: Document, deck: Deck, lang: str) -> list[Discrepancy]:
    found = []
    total_words = {"total", "totale", "ensemble", "all lots", "tous lots"}
    for where, table in _tables(document, deck, lang):
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
                found.append(Discrepancy(TOTALS, name, where, _say(
                    "totals", lang, column=quoted(str(table.columns[column]), lang),
                    added=_figure(added, lang), total=total[column])))
    return found


def _figure(value: float, lang: str) -> str:
    """A sum as the tables print figures: to the hundredth at most, the language's marks."""
    rounded = round(value, 2)
    decimals = next(d for d in (0, 1, 2) if round(rounded, d) == rounded)
    return format_number(rounded, lang, decimals)


# --------------------------------------------------------------------------- titles


def _titles(name: str, deck: Deck, lang: str) -> list[Discrepancy]:
    found = []
    for index, slide in enumerate(deck.slides, 1):
        counted = getattr(slide, "counted", None)
        if counted is None:
            continue
        if isinstance(slide, TableSlide):
            shown = len(slide.table.rows)
        elif isinstance(slide, BulletSlide):  # what a title counts is top-level bullets
            shown = sum(1 for b in slide.bullets if getattr(b, "level", 0) == 0)
        else:
            continue
        if shown != counted:
            found.append(Discrepancy(TITLE_COUNT, name, _slide(index, slide.title, lang),
                                     _say("title_count", lang, counted=counted, shown=shown)))
    return found


# --------------------------------------------------------------------------- rates


# What follows an amount that is a rate, in the wordings of the method's labels.
_PER_DAY = r"\s+(par jour|a day|per (trainer|learner)-day|per day)"


def _rates(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """A rate printed rounded ("£900" for an input of £850) misstates the input;
    a total cost that is not its printed days times the rate cannot be checked."""
    from .deliverables import common as c

    found = []
    lang = analysis.lang
    limits = analysis.engagement.training
    info = analysis.engagement.engagement
    given = [r for r in (limits.trainer_day_rate, limits.learner_day_cost, info.external_day_rate)
             if r is not None]
    # each rate as given and as an amount would round it, where the two differ
    misprints = [(exact, rounded, re.compile(re.escape(rounded) + _PER_DAY))
                 for exact, rounded in ((c.rate(analysis, r), c.money(analysis, r)) for r in given)
                 if rounded != exact]
    for sentence in _texts(document, deck) if misprints else ():
        for exact, rounded, printed in misprints:
            if printed.search(sentence):
                found.append(Discrepancy(RATES, name, _say("where.text", lang), _say(
                    "rate_rounded", lang, exact=exact, rounded=rounded,
                    sentence=quoted(sentence[:120], lang))))
    budget = findings(analysis).budget
    for line in budget.lines:
        if line.rate is None or line.shown is None:
            continue
        expected = line.shown_days * line.rate
        # `shown` is rounded with its siblings, to the step of their total (1 000 once
        # it reaches 10 000: 14 days at 450 print 6 000 beside 40 000 of other lines);
        # a line may differ from its exact amount by one such step at most, never more.
        total = budget.cash_shown if line.kind == CASH else budget.internal_shown
        step = 100 if abs(total if total is not None else expected) < 10_000 else 1_000
        if abs(expected - line.shown) > step:
            found.append(Discrepancy(RATES, name, _say("where.budget_line", lang, line=line.code),
                                     _say("budget_line", lang, days=line.shown_days,
                                          rate=line.rate, shown=line.shown)))
    return found


# --------------------------------------------------------------------------- decisions


def _decisions(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    from .deliverables import decisions as decided

    listed = decided.of(analysis)
    if not listed:
        return []
    found = []
    lang = analysis.lang
    if name == "steering":
        texts = "\n".join(_texts(document, deck)).casefold()
        for decision in listed:  # a topic opening a line or a note is capitalised
            if decided.topic(analysis, decision).casefold() not in texts:
                found.append(Discrepancy(DECISIONS, name, _say("where.decisions", lang), _say(
                    "decision_missing", lang,
                    topic=quoted(decided.topic(analysis, decision), lang))))
        return found
    said = decided.summary_message(analysis)
    summaries = [(_say("where.document_summary", lang), items) for items in
                 (b.items for b in document.blocks if isinstance(b, KeyMessages))]
    summaries += [(_say("where.deck_summary", lang), slide.items) for slide in deck.slides
                  if isinstance(slide, KeyMessagesSlide)]
    for where, items in summaries:
        if not any(str(said) in item or item == getattr(said, "headline", said) for item in items):
            found.append(Discrepancy(DECISIONS, name, where,
                                     _say("decisions_not_in_summary", lang, count=len(listed))))
    nothing = [analysis.method.text(key, analysis.lang) for key in _NOTHING_TO_DECIDE
               if analysis.method.labels.has(key)]
    for sentence in _texts(document, deck):
        for denial in nothing:
            if denial and denial in sentence:
                found.append(Discrepancy(DECISIONS, name, _say("where.text", lang), _say(
                    "decisions_denied", lang, denial=quoted(denial, lang), count=len(listed))))
    return found


# Sentences that say there is nothing for the committee to decide.
_NOTHING_TO_DECIDE = ("change_plan.messages.to_arbitrate.zero", "steering.titles.decisions_none")


# --------------------------------------------------------------------------- counts

# "4 territoires", "4 regional territories": figures only (a client's own words,
# "quatre territoires", are quoted as given).
_TERRITORIES = re.compile(r"(?<![\d.,])(\d+)\s+(?:territoires?|(?:regional\s+)?territor(?:y|ies))\b",
                          re.IGNORECASE)
_POPULATIONS = re.compile(r"(?<![\d.,])(\d+)\s+populations?\b", re.IGNORECASE)
# "6 populations sur 11", "6 populations out of 11", "2 out of 11 populations" (not
# "the journeys of 3 populations": a part may be "of" some populations)
_OF_TOTAL = re.compile(r"\bpopulations?\s+(?:sur|out of|of)\s+(\d+)\b|"
                       r"\b(?:sur|out of)\s+(?:les\s+|the\s+)?(\d+)\s+populations\b", re.IGNORECASE)


def _counts(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """Counts of territories and populations against the roll-out's own."""
    counts = findings(analysis).counts
    lang = analysis.lang
    found: list[Discrepancy] = []
    seen: set[str] = set()
    for sentence in _texts(document, deck):
        problems = [_say("territories", lang, found=m.group(0), count=counts.territories)
                    for m in _TERRITORIES.finditer(sentence) if int(m.group(1)) != counts.territories]
        problems += [_say("populations_beyond", lang, found=m.group(0), count=counts.populations)
                     for m in _POPULATIONS.finditer(sentence) if int(m.group(1)) > counts.populations]
        problems += [_say("populations_total", lang, found=m.group(0), count=counts.populations)
                     for m in _OF_TOTAL.finditer(sentence)
                     if int(m.group(1) or m.group(2)) != counts.populations]
        for problem in problems:
            if problem not in seen:
                seen.add(problem)
                found.append(Discrepancy(COUNTS, name, _say("where.text", lang),
                                         f"{problem}{colon(lang)}{quoted(sentence[:120], lang)}"))
    return found


# --------------------------------------------------------------------------- KPI values


def _headers(analysis: Any, keys: Sequence[str]) -> set[str]:
    labels = analysis.method.labels
    return {analysis.method.text(key, analysis.lang) for key in keys if labels.has(key)}


_TARGET_HEADERS = ("common.columns.target", "steering.columns.target", "change_plan.columns.target")
_ALERT_HEADERS = ("change_plan.columns.alert", "target_vision.kpis.amber_from")


def _kpi_values(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """Each KPI's target and alert threshold, in every table naming the KPI in its
    first column, print as `common.measure` prints the steering plan's value."""
    from .deliverables import common as c

    kpis = analysis.steering.kpis
    if kpis.empty:
        return []
    names = kpis["name"].value_counts()
    facts = {row.name: row for row in kpis.itertuples() if names[row.name] == 1}
    wanted = {"target": _headers(analysis, _TARGET_HEADERS), "amber_from": _headers(analysis, _ALERT_HEADERS)}
    found = []
    for where, table in _tables(document, deck, analysis.lang):
        columns = {field: [i for i, h in enumerate(table.columns) if str(h) in headers]
                   for field, headers in wanted.items()}
        if not any(columns.values()):
            continue
        for row in table.rows:
            fact = facts.get(str(row[0]).strip())
            if fact is None:
                continue
            for field, indexes in columns.items():
                expected = c.measure(analysis, getattr(fact, field), fact.unit)
                for index in indexes:
                    printed = str(row[index]).strip()
                    if printed and printed != expected:
                        found.append(Discrepancy(KPI_VALUES, name, where, _say(
                            "kpi_table", analysis.lang, kpi=fact.name, column=table.columns[index],
                            printed=printed, expected=expected)))
    return found + _kpi_sentences(name, document, deck, analysis, facts)


# A figure as a sentence prints it: thousands grouped, the language's decimal mark.
_FIGURES = {
    "fr": r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
}
# The words that introduce a KPI's target or alert threshold in the method's
# sentences ("target 85 %", "a target of 85 %", "cible de 85 %", "alert at 68 %",
# "alerte à 68 %", "seuil d'alerte : 68 %"), then the figure.
_KPI_WORDS = {
    "target": r"\b(?:target|cible)\s*(?:of\s+|de\s+|d'|:\s*)?",
    "amber_from": r"\b(?:alert(?:\s+threshold)?|seuil d'alerte|alerte)\s*(?:at\s+|of\s+|à\s+|de\s+|d'|:\s*)?",
}


def _kpi_sentences(name: str, document: Document, deck: Deck, analysis: Any,
                   facts: dict[str, Any]) -> list[Discrepancy]:
    """A KPI named in a sentence and followed, before the next KPI named or the end
    of its line, by a target or an alert threshold: that figure is the plan's."""
    from .deliverables import common as c

    if not facts:
        return []
    lang = analysis.lang if analysis.lang in _FIGURES else "en"
    names = sorted(facts, key=len, reverse=True)  # a KPI whose name holds another's is found first
    named = re.compile("|".join(re.escape(n) for n in names))
    patterns = {field: re.compile(words + f"(?P<figure>{_FIGURES[lang]})")
                for field, words in _KPI_WORDS.items()}
    found, seen = [], set()
    for text in _texts(document, deck):
        for line in str(text).splitlines():
            hits = list(named.finditer(line))
            if not hits:
                continue
            for hit, after in zip(hits, [*hits[1:], None], strict=True):
                fact = facts[hit.group(0)]
                segment = line[hit.end():after.start() if after is not None else len(line)]
                for field, pattern in patterns.items():
                    expected = c.measure(analysis, getattr(fact, field), fact.unit)
                    value = parse_figure(expected, lang)
                    for match in pattern.finditer(segment):
                        printed = parse_figure(match["figure"], lang)
                        if value is None or printed is None or abs(printed[0] - value[0]) < 1e-9:
                            continue
                        key = (fact.name, field, match["figure"])
                        if key not in seen:
                            seen.add(key)
                            found.append(Discrepancy(
                                KPI_VALUES, name, _say("where.text", analysis.lang), _say(
                                    "kpi_sentence", analysis.lang, kpi=fact.name,
                                    printed=match.group(0).strip(), expected=expected,
                                    sentence=quoted(line[:120], analysis.lang))))
    return found


# --------------------------------------------------------------------------- event dates


def _event_dates(name: str, document: Document, deck: Deck, analysis: Any) -> list[Discrepancy]:
    """A table row citing actions or sessions by id prints their dates: the date
    the plan gives each (a late action's new date), and for a late action the
    date it was due; no date in the row belongs to another day."""
    from .deliverables import common as c

    # Each event's days by its id; printed only for the ids a table cites.
    days: dict[str, tuple[Any, Any]] = {}
    actions = analysis.change_plan.actions
    for event, date, planned in zip(actions["id"], actions["date"], actions["planned"], strict=True):
        days[str(event)] = (date, planned)
    if name == "steering":
        # The pack reads the plan as of its committee's date: a late action's new date
        # is the one that plan gives it (the analysis may be of another date).
        from ..analysis.committee import committee_of

        for late in committee_of(analysis).late:
            days[late.id] = (late.planned, late.now)
    sessions = analysis.training_plan.sessions
    if "id" in sessions.columns:
        for event, start, end in zip(sessions["id"], sessions["start"], sessions["end"], strict=True):
            days[str(event)] = (start, end)
    if not days:
        return []
    events: dict[str, set[str]] = {}

    def printed_days(event: str) -> set[str]:
        if event not in events:
            events[event] = {c.date(analysis, day) for day in days[event]}
        return events[event]
    dates = re.compile(r"\d{1,2}(?:er)?\s+\w+\s+\d{4}|\w+ \d{1,2}, \d{4}")
    found = []
    for where, table in _tables(document, deck, analysis.lang):
        for row in table.rows:
            cited = [part.strip() for cell in row[:1] for part in str(cell).split(",")]
            cited = [i for i in cited if i in days]
            if not cited:
                continue
            allowed = set().union(*(printed_days(i) for i in cited))
            printed = [d for cell in row[1:] for d in dates.findall(str(cell))]
            wrong = [d for d in printed if d not in allowed]
            if printed and wrong:
                found.append(Discrepancy(EVENT_DATES, name, where, _say(
                    "event_dates", analysis.lang, ids=", ".join(cited), wrong=", ".join(wrong),
                    allowed=", ".join(sorted(allowed)))))
    return found
