"""The COPIL pack before the first go-live: the readiness pack.

Nothing is measured yet, so the committee reads the plan's progress, the late
work with the dates the plan now gives it, each lot's readiness (acceptance
testing, key users trained, high risks open) and the decisions to take. Its
facts are the committee's (`analysis.committee.SteeringAnalysis`); this module
chooses and formats them, with the words of `steering.readiness.*`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ...analysis import Analysis
from ...analysis.committee import LateAction, LateWorkshop, LotReadiness, OpenRisk, SteeringAnalysis
from ..ir import (
    Block,
    BulletLike,
    Bullets,
    BulletSlide,
    Cell,
    ClosingSlide,
    CoverSlide,
    Deck,
    Document,
    Heading,
    Paragraph,
    Slide,
    Table,
    TableSlide,
)
from . import common as c
from .framing_note import RAG_FILLS

NAME = "steering"
SHOWN_LATE = 6  # late actions on the progress slide (the note lists them all)
SHOWN_RISKS = 6
LISTED_RISKS = 3  # a lot's high risks named in its row up to this many, else the first and a count
NAMED_RISKS = 1  # risks a title names before counting the others


def _t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.readiness.{key}", **values)


def _n(analysis: Analysis, key: str, count: int, **values: Any) -> str:
    return _t(analysis, f"{key}_one" if count == 1 else key, count=c.number(analysis, count), **values)


def _adoption() -> Any:
    from . import steering  # the adoption pack's progress and decisions, shared

    return steering


# --------------------------------------------------------------------------- findings


def key_messages(analysis: Analysis, committee: SteeringAnalysis) -> list[str]:
    """Progress, late work, the first lot's readiness, high risks, decisions."""
    pack, s = committee.copil, _adoption()
    # one message on progress: the late work (or, with nothing late, what is due), which
    # the deck develops; the counts of done and cancelled actions are its slide's notes
    messages = [late_title(analysis, committee)]
    if one_lot(committee):  # its readiness and its risks: one message, one slide
        return [*messages, lot_title(analysis, committee), s._decisions_title(analysis, pack)]
    if committee.lots:
        messages.append(lots_title(analysis, committee))
    messages += [risks_title(analysis, committee), s._decisions_title(analysis, pack)]
    return messages


def one_lot(committee: SteeringAnalysis) -> bool:
    """One lot: every high risk is its populations' (else the risks stay apart)."""
    return len(committee.lots) == 1 and len(committee.lots[0].risks) == len(committee.risks)


def to_replan(committee: SteeringAnalysis, item: LateAction | LateWorkshop) -> bool:
    """Late work the plan resumes on the committee's own date: that is no new
    date, the committee is asked to set one."""
    return item.now <= committee.as_of


def late_title(analysis: Analysis, committee: SteeringAnalysis) -> str:
    late: list[LateAction | LateWorkshop] = [*committee.late, *committee.late_workshops]
    if not late:
        due = _adoption()._n(analysis, "words.due", committee.copil.progress["due"])
        return _t(analysis, "titles.late_none", due=due)
    oldest = min(late, key=lambda a: a.planned)
    dates = {"oldest": c.date(analysis, oldest.planned), "now": c.date(analysis, oldest.now)}
    # work resuming on the committee's date is for it to re-plan (its decision asks
    # to re-date them all): the title does not call it re-planned
    replan = "_replan" if any(to_replan(committee, item) for item in late) else ""
    if committee.late_workshops and len(late) == 1:
        return _t(analysis, f"titles.late_mixed{replan}_one", **dates)
    if committee.late_workshops:
        return _t(analysis, f"titles.late_mixed{replan}", count=c.number(analysis, len(late)), **dates)
    return _n(analysis, f"titles.late{replan}", len(late), **dates)


def lots_title(analysis: Analysis, committee: SteeringAnalysis) -> str:
    """The next lot to go live (the first one before any go-live) and where it stands."""
    lot = next((lot for lot in committee.lots if lot.go_live >= committee.as_of), committee.lots[0])
    return _t(analysis, "titles.lots", date=c.date(analysis, lot.go_live), lot=lot.lot,
              acceptance=_acceptance(analysis, lot, committee.as_of),
              key_users=_key_users(analysis, lot, committee.as_of))


def lot_title(analysis: Analysis, committee: SteeringAnalysis) -> str:
    """The one lot: go-live, acceptance testing, key users and its high risks."""
    (lot,) = committee.lots
    risks = _n(analysis, "words.lot_risks", len(lot.risks)) if lot.risks else _t(analysis, "words.lot_risks_none")
    return _t(analysis, "titles.lot_one", date=c.date(analysis, lot.go_live),
              acceptance=_acceptance(analysis, lot, committee.as_of),
              key_users=_key_users(analysis, lot, committee.as_of), risks=risks)


def _acceptance(analysis: Analysis, lot: LotReadiness, as_of: dt.date) -> str:
    key = "words.acceptance_over" if lot.acceptance_over(as_of) else "words.acceptance_open"
    return _t(analysis, key, date=c.date(analysis, lot.acceptance_end))


def _key_users(analysis: Analysis, lot: LotReadiness, as_of: dt.date) -> str:
    if lot.key_users_start is None or lot.key_users_end is None:
        return _t(analysis, "words.key_users_none")
    if lot.key_users_trained(as_of):
        return _t(analysis, "words.key_users_trained", date=c.date(analysis, lot.key_users_end))
    return _t(analysis, "words.key_users_planned",
              **c.date_span(analysis, lot.key_users_start, lot.key_users_end))


def risks_title(analysis: Analysis, committee: SteeringAnalysis) -> str:
    risks = committee.risks
    if not risks:
        return _t(analysis, "titles.risks_none")
    if len(risks) <= NAMED_RISKS:
        names = _adoption()._names(analysis, [_risk_name(analysis, r) for r in risks])
    else:
        # more than a title can name: counted by kind ("3 de dévoiement, 2 de rejet"),
        # not one named and "4 others" the reader cannot place
        kinds = Counter(r.kind for r in risks)
        names = ", ".join(_t(analysis, f"words.risks_of_kind.{kind}", count=c.number(analysis, n))
                          for kind, n in sorted(kinds.items(), key=lambda item: -item[1]))
    return _n(analysis, "titles.risks", len(risks), names=names)


def _risk_name(analysis: Analysis, risk: OpenRisk) -> str:
    return _t(analysis, "words.risk_of", risk=_risk_kind(analysis, risk), population=risk.population)


def _risk_kind(analysis: Analysis, risk: OpenRisk) -> str:
    return c.text(analysis, f"{NAME}.risk.{risk.kind}")


# --------------------------------------------------------------------------- tables


def late_table(analysis: Analysis, committee: SteeringAnalysis, limit: int | None = None,
               caption: str = "", workshops_first: bool = False) -> Table:
    """Late work, oldest due first (the title names the oldest): the date each was
    due and the one the plan gives it now. `workshops_first`: the late workshops
    before the actions, for a list cut short (the plan builds on a workshop)."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    def now(item: LateAction | LateWorkshop) -> str:
        return _t(analysis, "cells.replan") if to_replan(committee, item) else c.date(analysis, item.now)

    Dated = list[tuple[dt.date, list[Cell]]]
    workshops: Dated = [(w.planned, [w.id, c.term(analysis, "workshop", w.workshop), "—", c.date(analysis, w.planned),
                  now(w)]) for w in committee.late_workshops]
    actions: Dated = [(a.planned, [a.id, a.action, a.audience if a.population == "all" else a.population,
                c.date(analysis, a.planned), now(a)]) for a in committee.late]
    # by due date, a workshop before the actions due the same day (the plan builds on it)
    rows: list[list[Cell]] = ([row for _, row in sorted(workshops, key=lambda pair: pair[0])]
                              + [row for _, row in sorted(actions, key=lambda pair: pair[0])]
                              if workshops_first else
                              [row for _, row in sorted(workshops + actions, key=lambda pair: pair[0])])
    rows = rows[:limit] if limit is not None else rows
    fills = [[None, None, None, RAG_FILLS["red"], None] for _ in rows]
    return Table([c.text(analysis, f"{NAME}.columns.id"), c.text(analysis, f"{NAME}.columns.action"),
                  c.text(analysis, "common.columns.population"), col("planned"), col("now")],
                 rows, widths=[0.7, 2.8, 2.4, 1.3, 1.3], cell_fills=fills, caption=caption)


def late_slide_table(analysis: Analysis, committee: SteeringAnalysis) -> Table:
    """The late work on one slide: all of it when it fits the slide's words, else
    the oldest that fit, the caption saying how many of how many (the note lists
    them all); never a list split over near-empty continuation slides."""
    from . import budget

    whole = late_table(analysis, committee)
    total = len(whole.rows)
    if len(budget.pages(whole)) == 1:
        return whole

    # cut short, the late workshops come first: the committee must act on them whatever their date
    first = bool(committee.late_workshops)

    def caption(shown: int) -> str:
        return _t(analysis, "late_shown_workshops" if first else "late_shown",
                  shown=c.number(analysis, shown), total=c.number(analysis, total))

    shown = budget.rows_within(late_table(analysis, committee, caption=caption(total), workshops_first=first))
    return late_table(analysis, committee, shown, caption(shown), workshops_first=first)


def lots_table(analysis: Analysis, committee: SteeringAnalysis) -> Table:
    """One row per lot: go-live, acceptance testing, key users, high risks (ids)."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    as_of = committee.as_of
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for lot in committee.lots:
        if lot.acceptance_over(as_of):
            acceptance = _t(analysis, "cells.over", date=c.date(analysis, lot.acceptance_end))
        else:
            acceptance = _t(analysis, "cells.open", date=c.date(analysis, lot.acceptance_end))
        if lot.key_users_start is None or lot.key_users_end is None:
            key_users, fill = _t(analysis, "cells.none"), RAG_FILLS["amber"]
        elif lot.key_users_trained(as_of):
            key_users, fill = _t(analysis, "cells.trained", date=c.date(analysis, lot.key_users_end)), \
                RAG_FILLS["green"]
        else:
            key_users, fill = _t(analysis, "cells.planned",
                                 **c.date_span(analysis, lot.key_users_start, lot.key_users_end)), None
        rows.append([lot.lot, c.date(analysis, lot.go_live), acceptance, key_users,
                     _lot_risks(analysis, lot)])
        fills.append([None, None, None, fill, RAG_FILLS["red"] if lot.risks else None])
    header = [col("lot"), col("go_live"), col("acceptance"), col("key_users"), col("risks")]
    widths = [1.9, 1.2, 1.4, 1.6, 2.4]
    if one_lot(committee) and committee.risks:  # what the risks slide would say: the cause
        header.append(col("cause"))
        widths = [1.5, 1.1, 1.3, 1.4, 2.0, 1.7]
        rows[0].append(_lot_causes(analysis, committee.lots[0]))
        fills[0].append(None)
    return Table(header, rows, widths=widths, cell_fills=fills)


def _lot_causes(analysis: Analysis, lot: LotReadiness) -> str:
    """The brake behind each of the lot's high risks, each said once."""
    causes = list(dict.fromkeys(_cause(analysis, r) for r in lot.risks[:LISTED_RISKS]))
    return c.text(analysis, "findings.budget.separator").join(causes)


def _risk_cell(analysis: Analysis, risk: OpenRisk) -> str:
    """'Advisers – North: risk of rejection (R7K2Q)': who and which risk, the id
    in brackets for the minutes to cite."""
    return _t(analysis, "words.risk_cell", population=risk.population, risk=_risk_kind(analysis, risk),
              id=risk.id)


def _lot_risks(analysis: Analysis, lot: LotReadiness) -> str:
    """A lot's high risks by name (and id), up to LISTED_RISKS; beyond, the first
    ones and how many more (every one is in the slide's notes and the risks table)."""
    if not lot.risks:
        return _t(analysis, "cells.no_risk")
    named = [_risk_cell(analysis, r) for r in lot.risks]
    separator = c.text(analysis, "findings.budget.separator")
    if len(named) <= LISTED_RISKS:
        return separator.join(named)
    shown = LISTED_RISKS - 1
    return _t(analysis, "words.risks_more", names=separator.join(named[:shown]),
              count=c.number(analysis, len(named) - shown))


def lots_notes(analysis: Analysis, committee: SteeringAnalysis) -> str:
    """Every lot's high risks by name and id, for the slide's notes."""
    separator = c.text(analysis, "findings.budget.separator")
    return "\n".join(f"{lot.lot} — {separator.join(_risk_cell(analysis, r) for r in lot.risks)}"
                     for lot in committee.lots if lot.risks)


def risks_table(analysis: Analysis, committee: SteeringAnalysis, limit: int | None = None) -> Table:
    """The high risks open: population, kind, main cause (the brake), and the id a
    committee cites it by, last (a reader reads who first, not a code)."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    chosen = committee.risks[:limit] if limit is not None else committee.risks
    rows: list[list[Cell]] = [[r.population, _capital(_risk_kind(analysis, r)), _cause(analysis, r), r.id] for r in chosen]
    if len(committee.risks) > len(chosen):  # the title counts them all: the last row says the rest
        rows.append([_t(analysis, "words.other_risks", count=c.number(analysis, len(committee.risks) - len(chosen))),
                     "", "", "…"])
    return Table([c.text(analysis, "common.columns.population"), col("risk"), col("cause"),
                  c.text(analysis, f"{NAME}.columns.id")], rows, widths=[3.0, 2.0, 2.5, 0.7])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cause(analysis: Analysis, risk: OpenRisk) -> str:
    """The brake behind the risk, by its label (the reason itself goes to the notes)."""
    assessed = analysis.diagnosis.risk(risk.population, risk.kind)
    brakes = [cause.source for cause in assessed.causes if cause.source != "rule"]
    if not brakes:
        return "–"
    label = c.term(analysis, "brake", brakes[0])
    return label[:1].upper() + label[1:]


# --------------------------------------------------------------------------- document, deck


def _intro(analysis: Analysis, committee: SteeringAnalysis) -> str:
    text = _t(analysis, "intro", date=c.date(analysis, committee.as_of),
              go_live=c.date(analysis, committee.first_go_live))
    if committee.previous is not None:
        text += " " + _t(analysis, "since", date=c.date(analysis, committee.previous.date))
    return text


def build_document(analysis: Analysis, committee: SteeringAnalysis, messages: list[str]) -> Document:
    """The note: summary, what changed (a committee on record), progress and late
    work, each lot's readiness, high risks, decisions."""
    s, pack = _adoption(), committee.copil
    blocks: list[Block] = [*c.key_messages_blocks(analysis, messages, decisions=False),
                           Paragraph(_intro(analysis, committee))]
    if committee.previous is not None and pack.changes:
        blocks += [Heading(s._changes_title(analysis, pack)), Bullets(list(pack.changes))]
    blocks += [Heading(s._progress_title(analysis, pack)), Paragraph(s._progress_text(analysis, pack))]
    if committee.late or committee.late_workshops:
        blocks += [Heading(late_title(analysis, committee)), late_table(analysis, committee)]
    if one_lot(committee):  # the lot and its risks under one heading
        blocks += [Heading(lot_title(analysis, committee)), lots_table(analysis, committee)]
        if committee.risks:
            blocks.append(risks_table(analysis, committee))
    else:
        if committee.lots:
            blocks += [Heading(lots_title(analysis, committee)), lots_table(analysis, committee)]
        blocks.append(Heading(risks_title(analysis, committee)))
        if committee.risks:
            blocks.append(risks_table(analysis, committee))
    blocks += [Heading(s._t(analysis, "sections.decisions")), s._decisions_block(analysis, pack, why=True)]
    document = c.document(analysis, NAME, blocks)
    document.subtitle = _t(analysis, "subtitle")
    document.date = committee.as_of
    return document


def build_deck(analysis: Analysis, committee: SteeringAnalysis, messages: list[str]) -> Deck:
    """Cover, summary, what changed (a committee on record), progress and late
    work, lots' readiness, high risks, decisions, next steps."""
    s, pack = _adoption(), committee.copil
    day = c.date(analysis, committee.as_of)
    slides: list[Slide] = [CoverSlide(subtitle=s._t(analysis, "text.cover", date=day)),
                         c.key_messages_slide(analysis, messages, decisions=False,
                                              notes=_intro(analysis, committee))]
    if committee.previous is not None and pack.changes:
        slides.append(BulletSlide(s._changes_title(analysis, pack), [*pack.changes[:6]],
                                  notes="\n".join(pack.changes)))
    progress = s._progress_text(analysis, pack)
    if committee.late or committee.late_workshops:
        slides.append(TableSlide(late_title(analysis, committee),
                                 late_slide_table(analysis, committee), notes=progress))
    elif pack.actions["due"].any():
        # nothing late, nothing re-planned: the column of new dates would be all dashes
        due = c.select(s.actions_table(analysis, pack, SHOWN_LATE, owner=False), [0, 1, 2, 3])
        slides.append(TableSlide(late_title(analysis, committee), due, notes=progress))
    else:
        slides.append(BulletSlide(late_title(analysis, committee), [progress]))
    if one_lot(committee):
        # one lot: the slide of its readiness holds its risks (who, which, the cause),
        # their reasons in the notes; no second slide says the same lot and risks again
        slides.append(TableSlide(lot_title(analysis, committee), lots_table(analysis, committee),
                                 notes=_risk_notes(analysis, committee) if committee.risks else ""))
    elif committee.lots:
        slides.append(TableSlide(lots_title(analysis, committee), lots_table(analysis, committee),
                                 notes=lots_notes(analysis, committee)))
    if committee.risks and not one_lot(committee):
        slides.append(TableSlide(risks_title(analysis, committee),
                                 risks_table(analysis, committee, SHOWN_RISKS),
                                 notes=_risk_notes(analysis, committee)))
    listed = s._decisions(analysis, pack)
    if listed:  # none: the summary says so, no slide repeats it
        slides.append(BulletSlide(s._decisions_title(analysis, pack), s.decision_bullets(listed),
                                  notes=s.decision_notes(analysis, listed),
                                  counted=len(listed), slides=s.decision_slides(listed)))
    slides.append(ClosingSlide(c.text(analysis, "common.next_steps"), _next_steps(analysis, committee)))
    deck = c.deck(analysis, NAME, slides)
    deck.subtitle = _t(analysis, "subtitle")
    deck.date = committee.as_of
    return deck


def _risk_notes(analysis: Analysis, committee: SteeringAnalysis) -> str:
    return c.reason_notes(analysis, [f"{r.id} — {r.population}: {r.reason}" for r in committee.risks])


def _next_steps(analysis: Analysis, committee: SteeringAnalysis) -> list[BulletLike]:
    """Actions due in the next two weeks, the next committee, the next go-live."""
    s, pack = _adoption(), committee.copil
    steps: list[BulletLike] = s._next_steps(analysis, pack)
    lot = next((lot for lot in committee.lots if lot.go_live >= committee.as_of), None)
    if lot is not None:
        steps.append(f"**{c.date(analysis, lot.go_live)}** — {c.go_live_milestone(analysis, lot.lot, _t(analysis, 'words.next_go_live', lot=lot.lot))}")
    return steps
