"""What every deliverable shares: its cover, the executive summary, the
storyline of findings, the dated next steps, population labels and speaker notes.

The five deliverables must look like one firm wrote them: same cover fields,
same way of naming a population ("Conseillers en agence (420 pers., Nord)"),
same "Reason:" lines in the speaker notes, next steps dated from the same
milestones. Builders here take the `Analysis` (engagement, method, language)
and return IR pieces; every word comes from `labels.common.yaml`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from ...analysis import Analysis
from ...analysis.calendar import as_of_date
from ...analysis.facts import is_regional
from ...analysis.milestones import sorted_lots
from ...analysis.records import MethodWarning
from ...model import Population
from ...model.enums import WorkshopStatus
from ...text import format_span_start, grammar, with_percent
from ..ir import (
    Block,
    BulletItem,
    BulletLike,
    Bullets,
    Chart,
    ChartSlide,
    ClosingSlide,
    CoverSlide,
    Deck,
    Document,
    Figure,
    Heading,
    KeyMessages,
    KeyMessagesSlide,
    Paragraph,
    SectionSlide,
    Slide,
    Table,
    TableSlide,
)
from ..typography import format_currency, format_date, format_month, format_number, format_percent

# The model's default confidentiality label is English; a French deliverable
# must then print the localised default instead (the writers do, given "").
_DEFAULT_CONFIDENTIALITY = "Confidential"

NEXT_STEPS_SHOWN = 6
# The summary a partner reads first: three to five numbered findings, no more
# (a longer list is a table of contents, not a summary).
SUMMARY_MAX = 5

Item = TypeVar("Item")


# --------------------------------------------------------------------------- words


_ABBREVIATION_END = re.compile(r"(?<=\w)\.\.(?!\.)")


def text(analysis: Analysis, key: str, **values: Any) -> str:
    """A label of the method in the analysis' language (fails loudly if missing).

    An abbreviation ending a sentence keeps one full stop ("797 pers." + "." →
    "797 pers."), whichever of the label or the value brought it."""
    return _ABBREVIATION_END.sub(".", analysis.method.text(key, analysis.lang, **values))


def go_live_milestone(analysis: Analysis, lot: str, said: str) -> str:
    """`said` ("Lot 1: go-live"), or the lot's name alone when the name already says
    it goes live ("Go-live – Pipeline and renewals"): a milestone says it once."""
    def flat(words: str) -> str:
        return re.sub(r"[\s\-‐‑–]+", " ", words.casefold())

    name = flat(lot)
    words = (analysis.method.text("common.next_step.go_live_words", lang) for lang in ("fr", "en"))
    return lot if any(flat(w) in name for w in words) else said


def term(analysis: Analysis, vocabulary: str, code: Any) -> str:
    """The label of an enumerated code, e.g. term(a, "buy_in", "resistant")."""
    return analysis.method.term(vocabulary, code, analysis.lang)


def date(analysis: Analysis, value: dt.date) -> str:
    """'14 juin 2027' / '14 June 2027'."""
    return format_date(_as_date(value), analysis.lang)


def date_span(analysis: Analysis, start: dt.date, end: dt.date) -> dict[str, str]:
    """`start` and `end` for a 'du {start} au {end}' label, the month and year said
    once: 'du 18 au 19 novembre 2027', '15 to 16 November 2027'."""
    return {"start": format_span_start(_as_date(start), _as_date(end), analysis.lang),
            "end": date(analysis, end)}


def month(analysis: Analysis, value: dt.date) -> str:
    """'mars 2027' / 'March 2027'."""
    return format_month(_as_date(value), analysis.lang)


def number(analysis: Analysis, value: float, decimals: int = 0) -> str:
    return format_number(value, analysis.lang, decimals)


def percent(analysis: Analysis, ratio: float, decimals: int = 0) -> str:
    """A ratio (0.7) as '70 %' / '70%'."""
    return format_percent(ratio, analysis.lang, decimals)


def money(analysis: Analysis, amount: float) -> str:
    """An amount in the engagement's currency, rounded for display (`rounded_money`):
    '545 000 €' / '£545,000'; tables of unit rates keep their own figures."""
    return format_currency(grammar.rounded_money(amount), analysis.lang,
                           analysis.engagement.engagement.currency)


def measure(analysis: Analysis, value: float | None, unit: str = "") -> str:
    """A KPI value with its unit: '11,5 %', '4/5', '10' ('nb' is a count, not a unit);
    '' when there is no value (no baseline measured)."""
    if value is None or value != value:  # None or NaN
        return ""
    value = float(value)
    decimals = 0 if value.is_integer() else 1 if round(value, 1) == value else 2
    figure = number(analysis, value, decimals)
    unit = unit.strip()
    if not unit or unit.casefold() == "nb":
        return figure
    if unit == "%":
        return with_percent(figure, analysis.lang)
    return f"{figure}{unit}" if unit.startswith("/") else f"{figure} {unit}"


def people(analysis: Analysis, count: int) -> str:
    """'135 pers.' / '135 people' (no line break inside)."""
    return text(analysis, "common.people", n=number(analysis, count))


def population_label(analysis: Analysis, population: Population | str) -> str:
    """A population as every deliverable names it: name, headcount, territory.

    The territory is left out when it is the national default or already part
    of the name ("Conseillers en agence – Nord"), so nothing is said twice.
    """
    if isinstance(population, str):
        population = analysis.engagement.population(population)
    count = people(analysis, population.headcount)
    territory = population.territory
    if is_regional(territory) and territory.casefold() not in population.name.casefold():
        return text(analysis, "common.population_label", name=population.name, people=count,
                    territory=territory)
    return text(analysis, "common.population_label_short", name=population.name, people=count)


def buy_in(analysis: Analysis, code: Any) -> str:
    """A population's buy-in inside a sentence, agreed with its noun: « population
    réticente » / "reluctant population" (not « adhésion réticent »)."""
    return text(analysis, f"common.buy_in.{getattr(code, 'value', code)}")


def yes_no(analysis: Analysis, value: bool) -> str:
    return text(analysis, "common.yes" if value else "common.no")


def share(part: float, whole: float) -> float:
    """part / whole, 0 when there is no whole (an empty engagement is not an error here)."""
    return part / whole if whole else 0.0


def counted(analysis: Analysis, key: str, count: int, **values: Any) -> str:
    """The label `key.one` or `key.other` that agrees with `count`, `{count}` filled.

    French puts 0 and 1 in the singular (« 1 a quelque chose à perdre », « 0 action
    à trancher »), English only 1; the catalogue holds both forms of every
    counted sentence, so agreement is the data's, not a suffix added here. A
    `key.zero` form, when the catalogue has one, says "none" in words.
    """
    form = grammar.plural_form(count, analysis.lang)
    if count == 0 and analysis.method.labels.has(f"{key}.zero"):
        form = "zero"  # « Aucune action n'est à trancher » reads better than « 0 action »
    return text(analysis, f"{key}.{form}", count=number(analysis, count), **values)


def apportioned(values: Sequence[float], total: float) -> list[int]:
    """Whole numbers, each within one of its value, adding up to `total` rounded
    (largest remainder): the parts a table shows add up to the total it shows,
    though each is computed on exact values."""
    shown = [math.floor(v) for v in values]
    gap = int(grammar.rounded_days(total)[0]) - sum(shown) if values else 0
    order = sorted(range(len(values)), key=lambda i: values[i] - shown[i], reverse=gap > 0)
    for i in order[:abs(gap)]:
        shown[i] += 1 if gap > 0 else -1
    return shown


def days(analysis: Analysis, value: float) -> str:
    """A number of days for display: whole days (124.9 → 125), half days under ten."""
    shown, decimals = grammar.rounded_days(value)
    return number(analysis, shown, decimals)


def shown_days(analysis: Analysis, value: float) -> str:
    """Days the findings already rounded with their total (a half day keeps it)."""
    return number(analysis, value, 0 if float(value).is_integer() else 1)


def shown_money(analysis: Analysis, amount: float) -> str:
    """An amount the findings already rounded with its siblings, printed as it is."""
    return format_currency(amount, analysis.lang, analysis.engagement.engagement.currency)


def rate(analysis: Analysis, amount: float) -> str:
    """A unit rate exactly as the engagement gives it ('850 €', never '900 €')."""
    return format_currency(amount, analysis.lang, analysis.engagement.engagement.currency)


with_detail = grammar.with_detail


# --------------------------------------------------------------------------- cover


def document(analysis: Analysis, deliverable: str, blocks: list[Block]) -> Document:
    """A Word deliverable with the shared cover fields (title and subtitle from
    `<deliverable>.title` / `<deliverable>.subtitle`)."""
    return Document(blocks=blocks, **cover(analysis, deliverable))


def deck(analysis: Analysis, deliverable: str, slides: list[Slide]) -> Deck:
    """A PowerPoint deliverable with the same cover fields as its document."""
    return Deck(slides=slides, **cover(analysis, deliverable))


def cover(analysis: Analysis, deliverable: str) -> dict[str, Any]:
    """Title, subtitle, client, date, language, confidentiality and authors."""
    info = analysis.engagement.engagement
    # the client's own wording is in the engagement's language: a deliverable in
    # another language prints the localised default rather than a foreign footer
    own = info.confidentiality != _DEFAULT_CONFIDENTIALITY and info.language.value == analysis.lang
    confidentiality = info.confidentiality if own else ""
    return {
        "title": text(analysis, f"{deliverable}.title"),
        "subtitle": text(analysis, f"{deliverable}.subtitle"),
        "client": info.client,
        "date": as_of(analysis),
        "lang": analysis.lang,
        "confidentiality": confidentiality,
        "author": ", ".join(info.consultants),
    }


# --------------------------------------------------------------------------- key messages, agenda


def summary(analysis: Analysis, messages: Sequence[str], decisions: bool = True) -> list[str]:
    """At most `SUMMARY_MAX` messages; with `decisions`, the decisions the steering
    committee is asked for always among them (the steering pack says its own)."""
    if not decisions:
        return list(messages[:SUMMARY_MAX])
    from .decisions import with_decisions

    return with_decisions(analysis, list(messages), SUMMARY_MAX)


def key_messages_blocks(analysis: Analysis, messages: Sequence[str], decisions: bool = True
                        ) -> list[Block]:
    """The executive summary that opens a document: a heading and the findings."""
    return [Heading(text(analysis, "common.key_messages")),
            KeyMessages(summary(analysis, messages, decisions))]


def key_messages_slide(analysis: Analysis, messages: Sequence[str], notes: str = "",
                       decisions: bool = True) -> KeyMessagesSlide:
    """The one summary slide: at most `SUMMARY_MAX` findings, numbered 1…n, each
    card its message's headline; the notes say in full the messages a headline
    shortens, under their numbers, so the presenter has the detail at hand."""
    shown = summary(analysis, messages, decisions)
    detail = [f"{number}. {m}" for number, m in enumerate(shown, 1) if headline(m) != m]
    return KeyMessagesSlide(text(analysis, "common.key_messages"), [headline(m) for m in shown],
                            notes="\n".join([notes, *detail] if notes else detail))


class Message(str):
    """A summary message: the full sentence (the report section's conclusion) that
    also knows its `headline`, the shorter card the summary slide shows so that
    five findings keep to the slide's word budget."""

    headline: str

    def __new__(cls, full: str, headline: str = "") -> Message:
        said = super().__new__(cls, full)
        said.headline = headline or full
        return said


def headline(message: str) -> str:
    """The summary slide's wording of `message`: its headline, else the message."""
    return getattr(message, "headline", message)


def joined(*messages: str) -> Message:
    """Messages said as one finding, each keeping its headline."""
    said = [m for m in messages if m]
    return Message(" ".join(said), " ".join(headline(m) for m in said))


def message(analysis: Analysis, key: str, counted_by: int | None = None, **values: Any) -> Message:
    """The catalogue's message `key` ("<deliverable>.messages.<topic>"), in the form
    that agrees with `counted_by` when given (see `counted`), with the headline the
    catalogue words under "<deliverable>.headlines.<topic>" (same values) when it
    has one."""
    short = key.replace(".messages.", ".headlines.", 1)

    def say(name: str) -> str:
        return (text(analysis, name, **values) if counted_by is None
                else counted(analysis, name, counted_by, **values))

    labels = analysis.method.labels
    worded = labels.has(short) if counted_by is None else labels.has(f"{short}.other")
    return Message(say(key), say(short) if worded else "")


# --------------------------------------------------------------------------- storyline


@dataclass
class Finding:
    """A message of the summary and the main slides that develop it.

    A deck is told as findings: the summary numbers their messages, and their
    slides follow in the same order, so every message is developed where the
    reader expects it. A finding without a message (beyond the summary's five)
    keeps its slides in the main part, after the numbered ones.
    """

    message: str
    slides: Sequence[Slide]
    key: str = ""  # names the report section the message opens, as its conclusion


def conclusions(findings: Sequence[Finding]) -> dict[str, list[Block]]:
    """Each finding's message as the first paragraph of its report section: the
    report's sections open on their conclusion, as the deck's slides do."""
    return {f.key: [Paragraph(f.message)] for f in findings if f.key and f.message}


def story_deck(analysis: Analysis, deliverable: str, findings: Sequence[Finding], *,
               opening: Sequence[Slide] = (), closing: Sequence[Slide] = (),
               appendix: Sequence[Slide] = (), steps: Sequence[NextStep] | None = None) -> Deck:
    """Cover, the summary, `opening` (e.g. the principle), each finding's slides in
    the summary's order, `closing` slides, next steps, then the appendix section
    (per-population detail a steering committee does not read in session)."""
    told = [f for f in findings if f.slides]
    summary = [f.message for f in told if f.message][:SUMMARY_MAX]
    slides: list[Slide] = [CoverSlide(), key_messages_slide(analysis, summary), *opening]
    for finding in told:
        slides.extend(finding.slides)
    slides.extend(closing)
    main, whole = _presented(analysis, slides)
    slides = [*main, closing_slide(analysis, next_steps(analysis) if steps is None else steps)]
    appendix = [*whole, *appendix]
    if appendix:
        slides.append(SectionSlide(text(analysis, "common.appendix")))
        slides.extend(replace(s, reference=True) if isinstance(s, TableSlide | ChartSlide) else s
                      for s in appendix)
    return deck(analysis, deliverable, slides)


MAIN_TABLE_PAGES = 2  # a table presented over more slides than this is detail for the appendix


def _presented(analysis: Analysis, slides: Sequence[Slide]) -> tuple[list[Slide], list[Slide]]:
    """The main slides as presented, and the whole tables they leave to the appendix:
    a ranked table longer than `MAIN_TABLE_PAGES` slides (sixty populations, one row
    each) shows its heaviest rows, a caption saying how many of how many; the whole
    table, under the same title, opens the appendix."""
    from . import budget

    main: list[Slide] = []
    whole: list[Slide] = []
    for slide in slides:
        if (not isinstance(slide, TableSlide) or slide.rank is None
                or len(budget.pages(slide.table)) <= MAIN_TABLE_PAGES):
            main.append(slide)
            continue
        rows, fills, rank = slide.table.rows, slide.table.cell_fills, slide.rank
        order = sorted(range(len(rows)), key=lambda i: -rank[i])  # heaviest first, ties in table order

        def caption(shown: int, total: int = len(rows)) -> str:
            return text(analysis, "common.leading_rows", shown=number(analysis, shown),
                        total=number(analysis, total))

        fit = budget.rows_within(replace(slide.table, rows=[rows[i] for i in order],
                                         caption=caption(len(rows))))
        kept = order[:fit]
        shown = replace(slide.table, rows=[rows[i] for i in kept],
                        cell_fills=[fills[i] for i in kept] if fills else None, caption=caption(len(kept)))
        main.append(replace(slide, table=shown, counted=None, rank=None))
        whole.append(replace(slide, rank=None))
    return main, whole


# --------------------------------------------------------------------------- next steps


@dataclass(frozen=True)
class NextStep:
    """A dated step; deliverables may add their own to the milestone ones.

    `full` is the report's wording when the closing slide's `text` leaves out
    detail (the populations' names) to keep to the slide's word budget; the
    slide's notes carry it.
    """

    date: dt.date
    text: str
    full: str = ""

    @property
    def in_full(self) -> str:
        return self.full or self.text


def as_of(analysis: Analysis) -> dt.date:
    """The date every deliverable of the engagement is dated and reasons from."""
    calendar = getattr(analysis, "calendar", None)
    return calendar.as_of if calendar is not None else as_of_date(analysis.engagement)


def plan_status(analysis: Analysis, status: str) -> str:
    """'Done', 'Late'... of a workshop or action at the as-of date."""
    return text(analysis, f"common.plan_status.{status}")


def milestone_steps(analysis: Analysis) -> list[NextStep]:
    """Every dated milestone of the intake: workshops still to hold (a late one
    by the next steering committee, when it can still be held), and each lot's design start,
    acceptance start and go-live."""
    engagement = analysis.engagement
    today = as_of(analysis)
    # A late workshop says it is to reschedule, dated by the next steering committee,
    # which reschedules it: the as-of date is not a date anyone set for it (today
    # only when no committee is ahead).
    committee = analysis.steering.next_committee
    reschedule = committee if committee is not None and committee >= today else today
    steps = [
        NextStep(reschedule, text(analysis, "common.next_step.workshop_late_short",
                             workshop=term(analysis, "workshop", w.workshop)),
                 full=text(analysis, "common.next_step.workshop_late",
                           workshop=term(analysis, "workshop", w.workshop), planned=date(analysis, w.date)))
        if w.date < today else
        NextStep(w.date, text(analysis, "common.next_step.workshop", workshop=term(analysis, "workshop", w.workshop)))
        for w in engagement.governance.workshops if w.status == WorkshopStatus.PLANNED
    ]
    for lot in sorted_lots(engagement):
        steps += [
            NextStep(lot.design_start, text(analysis, "common.next_step.design", lot=lot.name)),
            NextStep(lot.acceptance_start, text(analysis, "common.next_step.acceptance", lot=lot.name)),
            NextStep(lot.go_live, go_live_milestone(analysis, lot.name,
                                                    text(analysis, "common.next_step.go_live", lot=lot.name))),
        ]
    return steps


def next_steps(analysis: Analysis, extra: Iterable[NextStep] = (), limit: int = NEXT_STEPS_SHOWN) -> list[NextStep]:
    """The first `limit` steps on or after the as-of date, earliest first.

    `extra` are a deliverable's own dated steps (e.g. a training wave).
    """
    candidates = sorted([*milestone_steps(analysis), *extra], key=lambda s: (s.date, s.text))
    start = as_of(analysis)
    ahead = [s for s in candidates if s.date >= start][:limit]
    following = analysis.steering.next_committee
    if not ahead and following is not None:  # past every milestone: the committee goes on
        ahead = [NextStep(following, text(analysis, "common.next_step.committee"))]
    return ahead


def next_steps_blocks(analysis: Analysis, steps: Sequence[NextStep]) -> list[Block]:
    """The closing section of a document: a dated table of the next steps."""
    blocks: list[Block] = [Heading(text(analysis, "common.next_steps"))]
    if steps:
        blocks.append(Paragraph(text(analysis, "common.next_steps_intro")))
        blocks.append(Table(
            [text(analysis, "common.columns.date"), text(analysis, "common.columns.step")],
            [[date(analysis, s.date), s.in_full] for s in steps],
            widths=[1, 3],
        ))
    return blocks


def next_steps_bullets(analysis: Analysis, steps: Sequence[NextStep]) -> list[BulletLike]:
    """'14 juin 2027 — Lot 1 : mise en production', one bullet per step."""
    return [f"**{date(analysis, s.date)}** — {s.text}" for s in steps]


def closing_slide(analysis: Analysis, steps: Sequence[NextStep], notes: str = "") -> ClosingSlide:
    """The dated next steps, short; the notes say in full those the slide shortens."""
    detail = [f"{date(analysis, s.date)} — {s.full}" for s in steps if s.full]
    return ClosingSlide(text(analysis, "common.next_steps"), next_steps_bullets(analysis, steps),
                        notes="\n".join([notes, *detail] if notes else detail))


# --------------------------------------------------------------------------- reasons


def sectioned_document(analysis: Analysis, deliverable: str, sections: Sequence[str],
                       builders: Mapping[str, Callable[[Analysis], list[Block]]],
                       messages: Mapping[str, str],
                       openings: Mapping[str, str] | None = None) -> Document:
    """A document made of titled sections in a fixed order (framing note, target
    vision): the executive summary (`messages`, five at most), each section under
    its heading and opening on its conclusion (`openings`, every section that has
    one, including those the summary had no room for), next steps."""
    openings = messages if openings is None else openings
    blocks: list[Block] = key_messages_blocks(analysis, list(messages.values()))
    for section in sections:
        blocks.append(Heading(text(analysis, f"{deliverable}.sections.{section}")))
        if openings.get(section):
            blocks.append(Paragraph(openings[section]))
        blocks.extend(builders[section](analysis))
    blocks.extend(next_steps_blocks(analysis, next_steps(analysis)))
    return document(analysis, deliverable, blocks)


SectionSlides = Callable[[Analysis], tuple[list[Slide], list[Slide]]]


def sectioned_deck(analysis: Analysis, deliverable: str, sections: Sequence[str],
                   builders: Mapping[str, SectionSlides], messages: Mapping[str, str],
                   closing: Sequence[Slide] = ()) -> Deck:
    """The deck of a sectioned deliverable, told section by section: each
    section's message in the summary (at most five, in order), its main slides
    under action titles, `closing` slides, its detail in the appendix."""
    findings, appendix = [], []
    for section in sections:
        main, detail = builders[section](analysis)
        findings.append(Finding(messages.get(section, ""), main, key=section))
        appendix.extend(detail)
    return story_deck(analysis, deliverable, findings, closing=closing, appendix=appendix)


def figure_or_note(analysis: Analysis, chart: Chart | None, caption: str = "") -> Block:
    """The chart, or a sentence saying there is nothing to chart yet: an early
    workbook (nobody impacted, nobody to train) must still give a document."""
    if chart is None:
        return Paragraph(text(analysis, "common.nothing_to_chart"))
    return Figure(chart, caption=caption)


def for_client(warnings: Iterable[MethodWarning]) -> list[MethodWarning]:
    """The warnings a deliverable states: not the notes on the intake addressed to the
    consultant (those are in the review notebook)."""
    return [w for w in warnings if getattr(w, "audience", "client") == "client"]


def _mechanism_mark(analysis: Analysis) -> str:
    """What opens a risk reason's mechanism (" Mechanism: "), from the method's wording."""
    template = analysis.method.brakes.risk_model.from_brake.in_(analysis.lang)
    return template.split("{detail}", 1)[-1].split("{how}", 1)[0]


def without_mechanism(analysis: Analysis, reason: str) -> str:
    """A risk's reason without the brake's mechanism: the facts of this population.
    The mechanism is the method's, the same for every population the brake affects,
    so a file states it once (`mechanisms`)."""
    mark = _mechanism_mark(analysis)
    return reason.split(mark, 1)[0].rstrip() if mark.strip() and mark in reason else reason


def mechanisms(analysis: Analysis, reasons: Iterable[str]) -> list[str]:
    """"Barrier — how it turns into the risk." for each mechanism `reasons` cite, once."""
    said = " ".join(reasons)
    mark = _mechanism_mark(analysis)
    if not mark.strip() or mark not in said:
        return []
    found = []
    for entry in analysis.method.brakes.brakes:
        for feed in entry.feeds:
            how = feed.how.in_(analysis.lang)
            if f"{mark}{how}" in said:
                found.append(text(analysis, "common.mechanism", brake=entry.label.in_(analysis.lang),
                                  risk=text(analysis, f"common.risk_kind.{feed.risk}"), how=how))
    return list(dict.fromkeys(found))


def reason_notes(analysis: Analysis, reasons: Iterable[str], lead: str = "") -> str:
    """Speaker notes carrying the reasons behind a slide's recommendations.

    One reason reads "Reason: …"; several read "Reasons:" then one line each.
    `lead` (what the presenter says first) comes before them. Duplicates are
    dropped: several findings often share a cause.
    """
    unique = list(dict.fromkeys(r.strip() for r in reasons if r and r.strip()))
    lines = [lead.strip()] if lead.strip() else []
    if len(unique) == 1:
        lines.append(text(analysis, "common.reason_line", reason=unique[0]))
    elif unique:
        lines.append(text(analysis, "common.reasons_heading"))
        lines += [f"– {r}" for r in unique]
    return "\n".join(lines)


def reason_bullets(analysis: Analysis, statement: str, reasons: Iterable[str]) -> list[BulletLike]:
    """A recommendation and its reasons as sub-bullets (the document's way)."""
    items: list[BulletLike] = [statement]
    items += [BulletItem(text(analysis, "common.reason_line", reason=r), 1)
              for r in dict.fromkeys(reasons) if r]
    return items


def select(table: Table, columns: Sequence[int]) -> Table:
    """The same table with only `columns` (by index), for a slide that keeps the
    few a steering committee reads; the report keeps them all."""
    def pick(cells: Sequence[Item]) -> list[Item]:
        return [cells[i] for i in columns]

    return Table(pick(table.columns), [pick(row) for row in table.rows], caption=table.caption,
                 widths=pick(table.widths) if table.widths else None,
                 align=pick(table.align) if table.align else None,
                 cell_fills=[pick(f) for f in table.cell_fills] if table.cell_fills else None)


def select_or_record(table: Table, columns: Sequence[int]) -> Table:
    """`select(table, columns)`, but a table of one row whole: a single row is drawn as
    a record, label above value line by line, which has room for every field the
    columns were chosen to leave out (see `tables.record`)."""
    return table if len(table.rows) == 1 else select(table, columns)


def bullets(items: Iterable[BulletLike]) -> Bullets:
    return Bullets(list(items))


def _as_date(value: Any) -> dt.date:
    """Dates from pandas tables arrive as Timestamps; the writers want dates."""
    day: dt.date = value.date() if hasattr(value, "date") and callable(value.date) else value
    return day
