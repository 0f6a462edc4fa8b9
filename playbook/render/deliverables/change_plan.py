"""The Change plan (Plan d'accompagnement des changements, seed 004, step 3) as
a Word report and a steering-committee deck.

Seed 004: three levers for every population, differentiated (Understand / Want
/ Be able), starting at design and going on after go-live, never a mere
communication blast. The report gives the principle, the levers per population
with the reason each was chosen, the cross-population actions, the timeline
around each lot's milestones, owners and effort, the COPIL's arbitration view
and how the plan is steered. Every figure comes from `analysis.change_plan`
and `analysis.steering`; every word from `labels.change_plan.yaml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from babel.dates import format_date as babel_date

from ...analysis import Analysis
from ...analysis.change_plan_tables import ALL, QUADRANT_ORDER
from ...analysis.progress import AHEAD, CANCELLED, DONE, LATE
from ...findings import budget_sentence
from ...findings import findings as facts
from ...method.levers import PILLARS, PhaseCode, Pillar
from ...text import colon
from ..ir import (
    Align,
    Block,
    BulletItem,
    Bullets,
    Cell,
    Chart,
    ChartSlide,
    Deck,
    Document,
    Figure,
    Heading,
    Paragraph,
    Series,
    Slide,
    Table,
    TableSlide,
    Task,
)
from ..palette import RAG, lane_slot, rag_fill
from ..text_check import REPEAT_LIMIT
from ..typography import LOCALES
from . import budget as b
from . import common as c
from . import decisions as decided
from .once import per_build

NAME = "change_plan"
# Milestones drawn on the timelines (seed 004: change work hangs on design,
# acceptance testing and go-live of each lot).
TIMELINE_MILESTONES: tuple[PhaseCode, ...] = ("design", "acceptance", "go_live")
ARBITRATION_SHOWN = 8  # deck: the head of the ranking
ARBITRATION_LISTED = 30  # document: the head of the ranking, plus every action to arbitrate
# A one-off action is drawn one week wide, so it stays visible on a timeline.
ONE_OFF = dt.timedelta(days=6)


def _t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.{key}", **values)


def _days(analysis: Analysis, value: float) -> str:
    return c.days(analysis, value)


def _pillar(analysis: Analysis, code: Pillar) -> str:
    return analysis.method.levers.pillars[code].label.in_(analysis.lang)


def _phase(analysis: Analysis, code: PhaseCode) -> str:
    return analysis.method.levers.phases[code].label.in_(analysis.lang)


def _owner(row: Any) -> str:
    return c.with_detail(row["owner_label"], row["owner_name"] or "")


@per_build
def _stand_ins(analysis: Analysis) -> tuple[str, ...]:
    """The sentences an action's reason ends with when someone stands in for its
    owner (a role nobody holds; a partner company the client's roles have no
    authority in). They are facts of the engagement, said once in a file, not on
    every action they touch."""
    levers, lang = analysis.method.levers, analysis.lang
    owners, reasons = levers.owners, levers.reasons
    found = [reasons["owner_fallback"].in_(lang, fallback=owners[missing.fallback].in_(lang),
                                           role=owners[role].in_(lang))
             for role, missing in levers.missing_roles.items()]
    found += [reasons["owner_external"].in_(lang, carrier=owners[carrier].in_(lang),
                                            role=owners[role].in_(lang).lower())
              for role, carrier in levers.external_populations.owners.items()]
    return tuple(found)


def own_reason(analysis: Analysis, reason: str) -> str:
    """Why the lever was chosen, without who stands in for its owner."""
    for sentence in _stand_ins(analysis):
        reason = reason.replace(sentence, "")
    return " ".join(reason.split())


def stand_ins(analysis: Analysis, actions: pd.DataFrame) -> list[str]:
    """Who stands in for an owner in `actions`: each sentence once, in plan order."""
    said = " ".join(actions["reason"]) if len(actions) else ""
    return [sentence for sentence in _stand_ins(analysis) if sentence in said]


def why(analysis: Analysis, rows: list[dict[str, Any]], prefix: str = "",
        population: str | None = None) -> list[str]:
    """"Lever, lever — reason": each reason once, with the levers it chose (several
    levers of a population often answer the same brake). Under a `population`'s
    own heading, its reasons do not open on its name again."""
    lines = _why_lines(analysis, rows, prefix, population)
    if population and population != ALL:
        # a line several populations would say word for word keeps its population's
        # name: the same sentence three times in a report reads as a form
        common = _common_lines(analysis)
        kept = _why_lines(analysis, rows, prefix, None)
        lines = [full if line in common else line for line, full in zip(lines, kept, strict=True)]
    return lines


def _why_lines(analysis: Analysis, rows: list[dict[str, Any]], prefix: str,
               population: str | None) -> list[str]:
    grouped: dict[tuple[str, str], list[str]] = {}  # (reason shown, reason in full) -> levers
    for row in rows:
        full = own_reason(analysis, row["reason"])
        grouped.setdefault((_without_name(analysis, full, population), full), []).append(row["action"])
    return [f"{prefix}{', '.join(dict.fromkeys(actions))} — {reason}"
            for (reason, _), actions in grouped.items() if reason]


@per_build
def _common_lines(analysis: Analysis) -> frozenset[str]:
    """The reason lines, without their population's name, that more than
    `REPEAT_LIMIT` populations would say word for word."""
    counts: dict[str, int] = {}
    for name in _populations(analysis):
        for line in _why_lines(analysis, levers_of(analysis, name), "", name):
            counts[line] = counts.get(line, 0) + 1
    return frozenset(line for line, count in counts.items() if count > REPEAT_LIMIT)


def _without_name(analysis: Analysis, reason: str, population: str | None) -> str:
    """'Agents: high overall impact.' under the heading 'Agents' → 'high overall impact.'"""
    if not population or population == ALL:
        return reason
    opening = analysis.method.levers.reasons["sentence"].in_(
        analysis.lang, population=population, clauses="\0").split("\0")[0]
    return reason[len(opening):] if reason.startswith(opening) else reason


# --------------------------------------------------------------------------- facts


def _actions(analysis: Analysis) -> pd.DataFrame:
    return analysis.change_plan.actions


def population_actions(analysis: Analysis, population: str) -> pd.DataFrame:
    found = _by_population(analysis).get(population)
    return _actions(analysis).iloc[:0] if found is None else found


@per_build
def _by_population(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """Each population's actions (and "all"'s), grouped once: the report and the
    deck read them population by population, table after table."""
    return {str(name): own for name, own in _actions(analysis).groupby("population", sort=False)}


def levers_of(analysis: Analysis, population: str | None) -> list[dict[str, Any]]:
    """`lever_rows` of one population's actions (`ALL`: the cross-population
    ones; None: the whole plan), worked out once per build: the report and the
    deck ask them of each population for its table, its reasons and its slides."""
    known = _levers_by_population(analysis)
    if population not in known:
        actions = _actions(analysis) if population is None else population_actions(analysis, population)
        known[population] = lever_rows(analysis, actions)
    return known[population]


@per_build
def _levers_by_population(analysis: Analysis) -> dict[str | None, list[dict[str, Any]]]:
    """Where `levers_of` keeps what it worked out during a build (filled on demand)."""
    return {}


def lever_rows(analysis: Analysis, actions: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per lever of `actions` (pillar order, then first date): its
    occurrences collapsed into a first date, a last date and a count.

    Read from the columns' arrays, a lever's occurrences by their positions: the
    report asks this of every population's actions, twice, and of the whole plan."""
    if actions.empty:
        return []
    codes, levers = pd.factorize(actions["lever"], sort=False)  # levers in order of first occurrence
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(levers) + 1))
    dates, effort = actions["date"].to_numpy(), actions["effort_days"].to_numpy()
    cell = {name: actions[name].to_numpy() for name in _LEVER_FIRST}
    rows: list[dict[str, Any]] = []
    for code, lever in enumerate(levers):
        own = order[bounds[code]:bounds[code + 1]]
        first = {name: values[own[0]] for name, values in cell.items()}
        own_dates = dates[own]
        rows.append({
            "lever": lever, "action": first["action"], "pillar": first["pillar"],
            "phase": first["phase"], "start": pd.Timestamp(own_dates.min()).date(),
            "end": pd.Timestamp(own_dates.max()).date(), "count": len(own),
            "owner": _owner(first), "audience": first["audience"],
            "effort": float(effort[own].sum()), "reason": first["reason"],
            "costed_in": first["costed_in"],
        })
    order_of = {p: i for i, p in enumerate(PILLARS)}
    return sorted(rows, key=lambda r: (order_of[r["pillar"]], r["start"]))


# What a lever's row takes from its first occurrence.
_LEVER_FIRST = ("action", "pillar", "phase", "owner_label", "owner_name", "audience", "reason",
                "costed_in")


def _when(analysis: Analysis, row: dict[str, Any]) -> str:
    if row["count"] == 1:
        return _t(analysis, "text.once", date=c.date(analysis, row["start"]))
    return _t(analysis, "text.occurrences", count=row["count"], start=c.date(analysis, row["start"]),
              end=c.date(analysis, row["end"]))


def glossary(analysis: Analysis) -> dict[Pillar, list[str]]:
    """Pillar -> '**Job shadowing** — A day in the job of a neighbouring population.':
    every lever the plan uses with its few words from the catalogue (`short`), so
    the client learns what each lever is in about a page; the sections per
    population say why each was chosen."""
    levers = analysis.method.levers
    result: dict[Pillar, list[str]] = {}
    for row in levers_of(analysis, None):
        lever = levers.lever(row["lever"])
        result.setdefault(row["pillar"], []).append(
            f"**{lever.label.in_(analysis.lang)}** — {lever.summary.in_(analysis.lang)}")
    return result


# ------------------------------------------------------------------ progress

PROGRESS_SHOWN = (LATE, AHEAD, CANCELLED, DONE)  # table order: what needs attention first
PROGRESS_SLIDE_ROWS = 8


def progress_message(analysis: Analysis) -> str:
    """'At 12 April 2027: 34 actions done, 1 ahead of plan, 15 late, moved to that
    date, 1 cancelled.' (empty when nothing is dated before the as-of date)."""
    counts = _actions(analysis)["status"].value_counts()
    parts = [c.counted(analysis, f"{NAME}.progress.{status}", int(counts[status]))
             for status in (DONE, AHEAD, LATE, CANCELLED) if counts.get(status, 0)]
    if not parts:
        return ""
    lead = _t(analysis, "progress.lead", date=c.date(analysis, c.as_of(analysis)))
    return f"{lead} {', '.join(parts)}."


def progress_table(analysis: Analysis, limit: int | None = None,
                   statuses: tuple[str, ...] = PROGRESS_SHOWN, ids: bool = False) -> Table:
    """Actions that are not simply planned, one row per action and status:
    late first (with the date they restart), then ahead, cancelled, done. With
    `ids`, a late row opens on its actions' ids, those the steering pack and
    the committee's minutes cite."""
    def p(key: str, **v: Any) -> str:
        return _t(analysis, f"progress.{key}", **v)

    # Each status's actions by lever, levers in order of their first action, read in one pass.
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for action in _actions(analysis)[list(_PROGRESS_COLUMNS)].to_dict("records"):
        groups.setdefault(action["status"], {}).setdefault(action["lever"], []).append(action)
    rows: list[list[Cell]] = []
    for status in statuses:
        for group in groups.get(status, {}).values():
            first = group[0]
            names = list(dict.fromkeys(a["population"] for a in group))
            who = (first["audience"] if names == [ALL] else names[0] if len(names) == 1
                   else p("populations", count=c.number(analysis, len(names))))
            new = _new_dates(analysis, [a["date"] for a in group]) if status == LATE else "—"
            # the late ones are those the committee follows up, by id
            cited = [", ".join(a["id"] for a in group) if status == LATE else "—"] if ids else []
            rows.append([*cited, first["action"], who, c.date(analysis, min(a["planned"] for a in group)),
                         p(f"status.{status}"), new])
    columns = [_t(analysis, "columns.action"), c.text(analysis, "common.columns.population"),
               p("planned"), c.text(analysis, "common.columns.status"), p("new_date")]
    if ids:
        return Table([p("ids"), *columns], rows[:limit] if limit else rows,
                     widths=[1.3, 2.4, 1.8, 1.2, 1.0, 1.2])
    return Table(columns, rows[:limit] if limit else rows)


# What a row of the progress table reads of an action.
_PROGRESS_COLUMNS = ("status", "lever", "action", "population", "audience", "id", "planned", "date")


def _new_dates(analysis: Analysis, dates: list[Any]) -> str:
    """Where the late occurrences of one action were re-planned (`dates`): one
    date, or the first and last when its owners take them one after the other."""
    first, last = min(dates), max(dates)
    if first == last:
        return c.date(analysis, first)
    return _t(analysis, "progress.span", start=c.date(analysis, first), end=c.date(analysis, last))


def _populations(analysis: Analysis) -> list[str]:
    return [p.name for p in analysis.engagement.populations]


def key_messages(analysis: Analysis) -> list[str]:
    """The summary: one message per finding, in the deck's order."""
    return [f.message for f in findings(analysis)]


@per_build
def findings(analysis: Analysis) -> list[c.Finding]:
    """The plan told in five findings, each with the slides that develop it:
    who is supported most (the lever matrix), the cross-population backbone,
    when (the timelines), how much and by whom (effort), what to start first
    (arbitration)."""
    plan = analysis.change_plan
    actions = _actions(analysis)
    if actions.empty:
        return []
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    result: list[c.Finding] = []

    own = plan.by_population.drop(index=ALL, errors="ignore")
    top = own.sort_values("effort_days", ascending=False).head(3)
    top_values: dict[str, Any] = dict(share=c.percent(analysis, c.share(float(top["effort_days"].sum()), plan.total_days)),
                      names=", ".join(_t(analysis, "messages.population_effort", name=name,
                                         days=c.days(analysis, row["effort_days"]))
                                      for name, row in top.iterrows()))
    # "the 3 most supported" of 3 populations ranks nothing: say what their share leaves
    every = 1 < len(top) == len(own)
    result.append(c.Finding(
        c.message(analysis, f"{NAME}.messages.top_population_all", count=len(top), **top_values)
        if every else c.message(analysis, f"{NAME}.messages.top_population", counted_by=len(top),
                                **top_values),
        [TableSlide(_matrix_title(analysis), _matrix_slide_table(analysis),
                    # too many populations to present: the most supported first, all in the appendix
                    rank=[float(own.at[name, "effort_days"]) if name in own.index else 0.0
                          for name in _populations(analysis)],
                    notes="\n".join([_t(analysis, "text.matrix_notes"), *(
                        _t(analysis, "messages.population_effort", name=name,
                           days=c.days(analysis, row["effort_days"]))
                        for name, row in own.iterrows())]))], key="matrix"))

    cross = levers_of(analysis, ALL)
    if cross:
        result.append(c.Finding(
            c.counted(analysis, f"{NAME}.messages.cross", len(cross)),
            b.table_slides(
                analysis, c.counted(analysis, f"{NAME}.deck.cross", len(cross)),
                c.select(cross_table(analysis), [0, 1, 4]),
                notes=c.reason_notes(analysis, why(analysis, cross),
                                     lead=_t(analysis, "text.cross_intro"))), key="cross"))

    milestones = plan.milestones
    acceptance = dict(zip(milestones.index, milestones["acceptance"], strict=True))
    before = sum(1 for date, lot in zip(actions["date"], actions["lot"], strict=True) if date < acceptance[lot])
    timelines: list[Slide] = []
    for pillar in PILLARS:
        own_pillar = actions[actions["pillar"] == pillar]
        if len(own_pillar):
            timelines.append(ChartSlide(
                d("timeline", pillar=_pillar(analysis, pillar),
                  count=len(own_pillar[["population", "lever"]].drop_duplicates()),
                  start=c.month(analysis, own_pillar["date"].min()),
                  end=c.month(analysis, own_pillar["date"].max())),
                timeline_chart(analysis, pillar, phases=("go_live",)),
                # how to read a timeline: told on the first one
                notes="" if timelines else _t(analysis, "text.timeline_intro")))
    progress = progress_message(analysis)
    if progress:
        late = int((actions["status"] == LATE).sum())
        # The late actions and their new dates (the title's subject); without any, the others.
        moved = progress_table(analysis, statuses=(LATE,) if late else PROGRESS_SHOWN)
        shown = c.select(moved, [0, 1, 4] if late else [0, 1, 3])
        shown = replace(shown, rows=shown.rows[:min(PROGRESS_SLIDE_ROWS, b.rows_within(shown))])
        timelines.insert(0, TableSlide(
            c.counted(analysis, f"{NAME}.progress.title", late,
                      date=c.date(analysis, c.as_of(analysis))),
            shown,
            notes="\n".join([_t(analysis, "progress.intro", date=c.date(analysis, c.as_of(analysis))),
                             progress, *(_t(analysis, "progress.moved_note", action=row[0], who=row[1],
                                            planned=row[2], new=row[4])
                                         for row in moved.rows if late)])))
    # an action counted once however often it is held, as every table counts it
    distinct = len(actions[["population", "lever"]].drop_duplicates())
    span = c.message(analysis, f"{NAME}.messages.span", actions=c.number(analysis, distinct),
              times=c.number(analysis, len(actions)),
              start=c.month(analysis, actions["date"].min()),
              end=c.month(analysis, actions["date"].max()),
              share=c.percent(analysis, c.share(before, len(actions))))
    result.append(c.Finding(span, timelines, key="timeline"))

    effort_slides: list[Slide] = []
    by_month = month_chart(analysis)
    if by_month is not None:
        peak = plan.by_month[list(PILLARS)].sum(axis=1)
        effort_slides.append(ChartSlide(
            d("by_month", month=_month_long(analysis, peak.idxmax()),
              days=c.days(analysis, float(peak.max()))),
            by_month, notes=_t(analysis, "text.effort_intro")))
    owners = owner_table(analysis)
    effort = facts(analysis).effort
    if owners.rows:
        top = effort.by_owner[0]
        effort_slides.append(TableSlide(
            d("owners", owner=top.owner, days=c.shown_days(analysis, top.shown),
              share=c.percent(analysis, c.share(top.shown, effort.shown))),
            c.select(owners, [0, 2, 3]),
            notes="\n".join([_t(analysis, "text.effort_intro"),
                             *(f"{row[0]}{colon(analysis.lang)}{row[1]}"
                               for row in owners.rows if row[1])])))
    result.append(c.Finding(
        c.message(analysis, f"{NAME}.messages.effort", days=c.shown_days(analysis, effort.shown),
           want=_pillar(analysis, "want"),
           want_share=c.percent(analysis, float(plan.by_pillar.at["want", "share"]))),
        effort_slides, key="effort"))

    quadrants = plan.arbitration["quadrant"].value_counts()
    quick = len(plan.quick_wins)  # the short list to start at once, not every cheap action
    arbitrate = int(quadrants.get("questionable", 0))
    # The quick wins have their slide: the ranking's slide goes on after them.
    head = _ranking_head(analysis).head(arbitration_shown(analysis))
    message = c.counted(analysis, f"{NAME}.messages.quick_wins", quick)
    if arbitrate or not decided.of(analysis):  # never "nothing to decide" beside a decision
        message += " " + c.counted(analysis, f"{NAME}.messages.to_arbitrate", arbitrate)
    arbitration: list[Any] = [
        TableSlide(c.counted(analysis, f"{NAME}.deck.quadrants", quick),
                   quick_win_table(analysis) if quick else quadrant_table(analysis),
                   # why each quick win, in the client's facts; how the ranking is computed is the report's
                   notes=c.reason_notes(analysis, _arbitration_reasons(analysis, plan.quick_wins),
                                        lead=_t(analysis, "text.quick_wins_notes"))
                   if quick else _t(analysis, "text.arbitration_intro",
                                    priority=analysis.method.levers.priority.reading(analysis.lang))),
        TableSlide(d("arbitration_after_quick_wins" if quick else "arbitration", count=len(head),
                     days=c.days(analysis, float(head["effort_days"].sum())),
                     share=c.percent(analysis, c.share(float(head["effort_days"].sum()),
                                                       plan.total_days))),
                   _arbitration_slide_table(analysis, len(head)),
                   notes=c.reason_notes(analysis, _arbitration_reasons(analysis, head))),
    ]
    # The summary's last message is always the committee's decisions: their slide
    # opens this part when they take its message's place, else it closes it.
    at = 0 if len(result) + 1 >= c.SUMMARY_MAX else len(arbitration)
    arbitration[at:at] = decided.slide(analysis)
    result.append(c.Finding(message, arbitration, key="arbitration"))
    return result


def _decision_items(analysis: Analysis) -> list[tuple[str, str, str]]:
    """(kind, topic, reason) of every decision the plan raises, as every summary lists them."""
    return [(d.kind, decided.topic(analysis, d), d.reason) for d in decided.of(analysis)]


def _ranking_head(analysis: Analysis) -> pd.DataFrame:
    """The ranking without the quick wins, which the slide before lists."""
    plan = analysis.change_plan
    quick = set(plan.quick_wins["rank"]) if len(plan.quick_wins) else set()
    return plan.arbitration[~plan.arbitration["rank"].isin(quick)]


def _arbitration_slide_table(analysis: Analysis, limit: int = ARBITRATION_SHOWN) -> Table:
    """The ranking's head after the quick wins, each action with its overall rank."""
    full = arbitration_table(analysis)
    kept = set(_ranking_head(analysis).head(limit)["rank"])
    shown = c.select(replace(full, rows=[row for row in full.rows if row[0] in kept]), [0, 1, 2, 3])
    # the quick wins left holes in the ranks: the column says they are the overall ones
    return replace(shown, columns=[_t(analysis, "columns.overall_rank"), *shown.columns[1:]],
                   widths=[0.9, 3.0, 2.7, 0.9])


def arbitration_shown(analysis: Analysis) -> int:
    """How many actions of the ranking's head the deck shows: at most
    ARBITRATION_SHOWN, as many as the slide's word budget holds."""
    return b.rows_within(_arbitration_slide_table(analysis))


def _matrix_title(analysis: Analysis) -> str:
    names = _populations(analysis)
    actions = _actions(analysis)
    complete = sum(1 for name in names
                   if set(actions.loc[actions["population"] == name, "pillar"]) >= set(PILLARS))
    if complete == len(names):
        return _t(analysis, "deck.matrix_all", total=len(names))
    return c.counted(analysis, f"{NAME}.deck.matrix", complete, total=len(names))


def _month_long(analysis: Analysis, period: pd.Period) -> str:
    return c.month(analysis, period.to_timestamp())


def next_steps(analysis: Analysis) -> list[c.NextStep]:
    """Milestones ahead, plus the COPIL arbitration, dated by the next steering
    committee (which arbitrates), and the quick wins, launched with the plan's
    first action."""
    actions = _actions(analysis)
    extra: list[c.NextStep] = []
    if not actions.empty:
        first = actions["date"].min().date()
        committee = analysis.steering.next_committee
        arbitrated = committee if committee is not None and committee >= c.as_of(analysis) else first
        extra.append(c.NextStep(arbitrated, _t(analysis, "next_steps.copil")))
        quick = list(dict.fromkeys(analysis.change_plan.quick_wins.get("action", [])))[:3]
        if quick:
            extra.append(c.NextStep(first, _t(analysis, "next_steps.launch", names=", ".join(quick))))
    return c.next_steps(analysis, extra)


# --------------------------------------------------------------------------- tables


def matrix_table(analysis: Analysis, separator: str = ", ") -> Table:
    """Population × pillar, each cell listing the levers activated (one per line
    on a slide: `separator` "\n")."""
    columns = [c.text(analysis, "common.columns.population")]
    columns += [_pillar(analysis, p) for p in PILLARS]
    rows: list[list[Cell]] = []
    for name in _populations(analysis):
        own = population_actions(analysis, name)
        cells = [separator.join(dict.fromkeys(own.loc[own["pillar"] == p, "action"])) or "–"
                 for p in PILLARS]
        rows.append([name, *cells])
    return Table(columns, rows, widths=[2.2, 2.6, 3.2, 2.8])


def _matrix_slide_table(analysis: Analysis) -> Table:
    """The deck's matrix: lever counts per population and pillar; for a single
    population, its levers themselves (three counts would say nothing the
    title does not)."""
    if len(_populations(analysis)) == 1:
        return matrix_table(analysis)
    return matrix_counts_table(analysis)


def matrix_counts_table(analysis: Analysis) -> Table:
    """The deck's matrix: population × Understand / Want / Be able, each cell the
    number of levers activated ("–" for none); the levers themselves are in the
    appendix and the report, each population's effort in the notes."""
    columns = [c.text(analysis, "common.columns.population")]
    columns += [_pillar(analysis, p) for p in PILLARS]
    rows: list[list[Cell]] = []
    for name in _populations(analysis):
        own = population_actions(analysis, name)
        levers: dict[str, set[str]] = {p: set() for p in PILLARS}
        for lever, pillar in zip(own["lever"], own["pillar"], strict=True):
            levers.setdefault(pillar, set()).add(lever)
        rows.append([name, *(len(levers[p]) or "–" for p in PILLARS)])
    return Table(columns, rows, widths=[3.4, 1, 1, 1], align=[None, "center", "center", "center"])


def population_table(analysis: Analysis, population: str, with_effort: bool = True) -> Table:
    """The population's levers; why each was chosen follows the table (`why_blocks`),
    each reason said once with the levers it chose."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows: list[list[Cell]] = []
    for row in levers_of(analysis, population):
        cells = [_pillar(analysis, row["pillar"]), row["action"], _when(analysis, row),
                 row["owner"]]
        if with_effort:
            cells.append(_effort_cell(analysis, row))
        rows.append(cells)
    columns = [col("pillar"), col("lever"), col("when"), c.text(analysis, "common.columns.owner")]
    widths = [1.3, 3.0, 2.6, 2.4]
    if with_effort:
        columns.append(col("effort"))
        widths.append(0.9)
    # days, or "training plan" where those count them: a figure column all the same
    return Table(columns, rows, widths=widths, align=[*(None for _ in columns[:-1]), "right"])


def cross_table(analysis: Analysis) -> Table:
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows: list[list[Cell]] = []
    for row in levers_of(analysis, ALL):
        rows.append([row["action"], _pillar(analysis, row["pillar"]), row["audience"],
                     _when(analysis, row), row["owner"], _effort_cell(analysis, row)])
    columns = [col("action"), col("pillar"), col("audience"), col("when"),
               c.text(analysis, "common.columns.owner"), col("effort")]
    return Table(columns, rows, widths=[2.6, 1.2, 2.4, 2.6, 2.0, 0.9],
                 align=[None, None, None, None, None, "right"])


def why_blocks(analysis: Analysis, population: str) -> list[Block]:
    """Why these levers, under their table: each reason once, with the levers it chose."""
    reasons = why(analysis, levers_of(analysis, population),
                  population=population)
    if not reasons:
        return []
    return [Paragraph(_t(analysis, "text.why")), c.bullets(reasons)]


def milestone_table(analysis: Analysis) -> Table:
    table = analysis.change_plan.milestones
    phases = ("design", "acceptance", "go_live", "post_go_live")
    rows: list[list[Cell]] = [[lot, *(c.date(analysis, row[p]) for p in phases)] for lot, row in table.iterrows()]
    columns = [c.text(analysis, "common.columns.lot")]
    columns += [_t(analysis, f"columns.{p}") for p in phases]
    return Table(columns, rows, widths=[2.6, 1.3, 1.3, 1.3, 1.3])


def milestone_slide_table(analysis: Analysis) -> Table:
    """The milestones as the deck's appendix shows them: a row per milestone, a
    column per lot, so that one lot is a table of four dates, not of one row."""
    table = milestone_table(analysis)
    columns = ["", *(str(row[0]) for row in table.rows)]
    rows: list[list[Cell]] = [[name, *(row[number] for row in table.rows)]
            for number, name in enumerate(table.columns[1:], 1)]
    return Table(columns, rows, widths=[1.6, *(1.6 for _ in table.rows)])


def pillar_table(analysis: Analysis) -> Table:
    """Actions, effort and share per pillar, and their total: the shown efforts
    and shares add up to the shown total (the same total the summary quotes)."""
    by_pillar = analysis.change_plan.by_pillar
    total = analysis.change_plan.total_days
    efforts = c.apportioned(list(by_pillar["effort_days"]), total)
    shares = c.apportioned([100 * s for s in by_pillar["share"]], 100 if total else 0)
    rows: list[list[Cell]] = [[row["label"], row["adkar"], int(row["distinct_actions"]), c.number(analysis, effort),
             c.percent(analysis, share / 100)]
            for (_, row), effort, share in zip(by_pillar.iterrows(), efforts, shares, strict=True)]
    rows.append([c.text(analysis, "common.total"), "", int(by_pillar["distinct_actions"].sum()),
                 c.days(analysis, total), c.percent(analysis, 1.0 if total else 0.0)])
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([col("pillar"), "ADKAR", col("actions"), col("effort"), col("share")], rows,
                 widths=[1.4, 3.0, 1, 1, 1])


def _effort_cell(analysis: Analysis, row: dict[str, Any]) -> Cell:
    """A lever's days, or where they are costed: a training session's days are the
    trainers' and the learners', counted in the training plan, not a "0" here."""
    if row["costed_in"] and not row["effort"]:
        return _t(analysis, "text.costed_in_training")
    return float(row["effort"])


def owner_table(analysis: Analysis) -> Table:
    """Effort and actions per owner role, with the people named in the intake; a
    role whose every action is costed in the training plan says so, not "0"."""
    actions = _actions(analysis)
    elsewhere = set(actions.loc[actions["costed_in"] != "", "owner_label"]) - set(
        actions.loc[actions["costed_in"] == "", "owner_label"])
    rows: list[list[Cell]] = [[o.owner, ", ".join(o.names), o.actions,
             _t(analysis, "text.costed_in_training") if o.owner in elsewhere and not o.shown
             else c.shown_days(analysis, o.shown)]
            for o in facts(analysis).effort.by_owner]
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([c.text(analysis, "common.columns.owner"), col("named"), col("actions"),
                  col("effort")], rows, widths=[2.2, 3.2, 1, 1], align=[None, None, "right", "right"])


def population_effort_table(analysis: Analysis) -> Table:
    """Distinct actions per population, split by pillar (the split adds up to the
    count), and their effort: the count the rest of the plan gives ("9 cross-population
    actions"), a recurring action counted once however often it is held."""
    rows: list[list[Cell]] = []
    for name, row in analysis.change_plan.by_population.iterrows():
        label = _t(analysis, "text.all_populations") if name == ALL else name
        rows.append([label, int(row["levers"]), *(int(row[p]) for p in PILLARS),
                     _days(analysis, float(row["effort_days"]))])
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([c.text(analysis, "common.columns.population"), col("actions"),
                  *(_pillar(analysis, p) for p in PILLARS), col("effort")], rows,
                 widths=[3, 1, 1.1, 1.1, 1.1, 1])


def arbitration_table(analysis: Analysis, limit: int | None = None,
                      with_questionable: bool = False) -> Table:
    """The ranking's first `limit` rows (all without a limit); `with_questionable`
    adds every row left for the COPIL to arbitrate, wherever it ranks."""
    frame = analysis.change_plan.arbitration
    if limit is not None:
        keep = frame["rank"] <= limit
        if with_questionable:
            keep |= frame["quadrant"] == "questionable"
        frame = frame[keep]
    rows: list[list[Cell]] = [[int(r["rank"]), r["action"], _who(analysis, r),
             float(r["effort_days"]), int(r["effect"]), r["quadrant_label"]]
            for r in frame.to_dict("records")]
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([col("rank"), col("action"), c.text(analysis, "common.columns.population"),
                  col("effort"), col("effect"), col("quadrant")], rows,
                 widths=[0.6, 2.6, 2.6, 0.9, 0.9, 1.4])


def quick_win_table(analysis: Analysis) -> Table:
    """The quick wins listed apart (the method caps them, one per lever), with their
    rank in the whole ranking."""
    rows: list[list[Cell]] = [[int(r["rank"]), r["action"], _who(analysis, r), float(r["effort_days"])]
            for r in analysis.change_plan.quick_wins.to_dict("records")]
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([col("overall_rank"), col("action"), c.text(analysis, "common.columns.population"),
                  col("effort")], rows, widths=[0.9, 3.0, 2.7, 0.9])


def _who(analysis: Analysis, row: Any) -> str:
    """The population an action serves; a cross action's audience (which names the
    territory of a governance action such as getting a local sponsor named)."""
    if row["population"] != ALL:
        return str(row["population"])
    return str(row["audience"] or _t(analysis, "text.all_populations"))


def quadrant_table(analysis: Analysis) -> Table:
    frame = analysis.change_plan.arbitration
    labels = analysis.method.levers.quadrants
    rows: list[list[Cell]] = []
    for quadrant in QUADRANT_ORDER:
        own = frame[frame["quadrant"] == quadrant]
        if own.empty:
            continue
        rows.append([labels[quadrant].in_(analysis.lang), len(own), _days(analysis, float(own["effort_days"].sum())),
                     c.number(analysis, float(own["effect"].mean()), 1)])
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([col("quadrant"), col("actions"), col("effort"), col("effect")], rows,
                 widths=[2, 1, 1, 1])


def kpi_table(analysis: Analysis) -> Table | None:
    steering = analysis.steering
    if steering is None or steering.kpis.empty:
        return None
    rows: list[list[Cell]] = []
    for _, k in steering.kpis.iterrows():
        unit = "" if k["unit"] in ("", "nb") else k["unit"]
        rows.append([k["name"], _measure(analysis, k["target"], unit),
                     _measure(analysis, k["amber_from"], unit), c.date(analysis, k["first_review"])])
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([col("kpi"), col("target"), col("alert"), col("first_review")], rows,
                 widths=[3.4, 1, 1.2, 1.4])


def _measure(analysis: Analysis, value: float, unit: str) -> str:
    """A KPI value with its unit: '85 %', '4,5/5', '0,3 tickets'."""
    return c.measure(analysis, value, unit)


def criteria_table(analysis: Analysis) -> Table | None:
    steering = analysis.steering
    if steering is None or steering.criteria.empty:
        return None
    fills = {status: rag_fill(status) for status in RAG}   # the template's red/amber/green
    rows, shades = [], []
    for _, row in steering.criteria.iterrows():
        rows.append([row["label"], row["status_label"], _t(analysis, f"rag.{row['rag']}")])
        shades.append([None, None, fills.get(row["rag"])])
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    return Table([col("criterion"), col("status"), "RAG"], rows, widths=[3.4, 1.6, 1],
                 cell_fills=shades)


# --------------------------------------------------------------------------- charts


def _milestone_tasks(analysis: Analysis, phases: tuple[PhaseCode, ...]) -> list[Task]:
    table = analysis.change_plan.milestones
    lane = _t(analysis, "charts.milestones")
    tasks = []
    for lot, row in table.iterrows():
        for phase in phases:
            day = row[phase].date()
            tasks.append(Task(_t(analysis, "charts.milestone", lot=lot, phase=_phase(analysis, phase)),
                              day, day, lane=lane, milestone=True))
    return sorted(tasks, key=lambda t: t.start)


def timeline_chart(analysis: Analysis, pillar: str | None = None,
                   phases: tuple[PhaseCode, ...] = TIMELINE_MILESTONES) -> Chart:
    """One bar per action (first to last occurrence), lanes by pillar, plus the
    lots' milestones; `pillar` keeps one pillar (the deck's readable slices)."""
    tasks = []
    for row in levers_of(analysis, None):
        if pillar and row["pillar"] != pillar:
            continue
        end = row["end"] if row["end"] > row["start"] else row["start"] + ONE_OFF
        tasks.append(Task(row["action"], row["start"], end, lane=_pillar(analysis, row["pillar"]),
                          colour=_pillar_colour(row["pillar"])))
    tasks += _milestone_tasks(analysis, phases)
    return Chart(kind="gantt", tasks=tasks)


def _pillar_colour(pillar: str) -> int:
    """A pillar's palette slot, the same in its bars and its timeline lanes."""
    return lane_slot(PILLARS.index(pillar))


def _month(analysis: Analysis, period: pd.Period) -> str:
    """A chart's month: "févr. 2027" / "Feb 2027"."""
    return babel_date(period.to_timestamp().date(), "MMM y", locale=LOCALES[analysis.lang])


def month_chart(analysis: Analysis) -> Chart | None:
    by_month = analysis.change_plan.by_month
    if by_month.empty:
        return None
    return Chart(kind="stacked_bar", categories=[_month(analysis, m) for m in by_month.index],
                 series=[Series(_pillar(analysis, p), [float(v) for v in by_month[p]],
                                _pillar_colour(p)) for p in PILLARS],
                 y_title=_t(analysis, "charts.days"), value_format="0", natural_order=True)


def population_chart(analysis: Analysis) -> Chart | None:
    actions = _actions(analysis)
    if actions.empty:
        return None
    names = _populations(analysis)
    series = []
    for pillar in PILLARS:
        own = actions[actions["pillar"] == pillar].groupby("population")["effort_days"].sum()
        series.append(Series(_pillar(analysis, pillar), [float(own.get(n, 0.0)) for n in names],
                             _pillar_colour(pillar)))
    return Chart(kind="stacked_barh", categories=names, series=series,
                 x_title=_t(analysis, "charts.days"),
                 category_title=c.text(analysis, "common.columns.population"))


# --------------------------------------------------------------------------- document


def _segment_of(analysis: Analysis, population: str) -> str:
    return str(analysis.diagnosis.segments.at[population, "segment_label"])


def _population_intro(analysis: Analysis, name: str) -> str:
    population = analysis.engagement.population(name)
    own = population_actions(analysis, name)
    return _t(analysis, "text.population_intro", name=name, segment=_segment_of(analysis, name),
              # the method's name of the level ("fort"), not the input's "3/3"
              impact=analysis.method.dimensions.intensity(int(analysis.diagnosis.levels.at[name, "level"]))
              .label.in_(analysis.lang).lower(),
              buy_in=c.buy_in(analysis, population.buy_in),
              # distinct actions, as the table under it and the effort per population count them
              actions=own["lever"].nunique(), days=_days(analysis, float(own["effort_days"].sum())))


def _warnings(analysis: Analysis) -> list[str]:
    """The plan's own warnings; one the committee is asked to decide on is said
    with the decisions."""
    decided_on = {" ".join(reason.split()) for _, _, reason in _decision_items(analysis)}
    return [w.message for w in c.for_client(analysis.change_plan.warnings)
            if " ".join(w.message.split()) not in decided_on]


def _budget(analysis: Analysis) -> list[Block]:
    """The plan's cost against the budget (findings), with the effort it prices: a
    budget kept is a fact of the plan, not a point to watch."""
    said = budget_sentence(facts(analysis).budget, analysis.method, analysis.lang)
    return [Paragraph(said)] if said else []


def _decision_blocks(analysis: Analysis) -> list[Block]:
    """The decisions the summary counts, each with its whole reason (without the
    subject its topic already names: "Roles with nobody named" is not said twice)."""
    listed = _decision_items(analysis)
    if not listed:
        return []
    return [Paragraph(c.counted(analysis, "findings.decisions.headline", len(listed))),
            Bullets([item for _, topic, reason in listed
                     for item in (BulletItem(f"**{topic[:1].upper()}{topic[1:]}**"),
                                  BulletItem(decided.without_subject(reason, topic), 1))])]


def _steering_blocks(analysis: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(_t(analysis, "sections.steering")),
                           Paragraph(_t(analysis, "text.steering_intro",
                                        weeks=analysis.engagement.governance.copil_every_weeks))]
    kpis = kpi_table(analysis)
    if kpis is not None:
        blocks += [kpis, Paragraph(" ".join(_rag_rules(analysis)), style="caption")]
    criteria = criteria_table(analysis)
    steering = analysis.steering
    if criteria is not None and steering is not None and (steering.criteria["status"] == "not_assessed").all():
        # six rows of "not assessed, amber" say one thing: said once, with the criteria named
        blocks.append(Paragraph(c.counted(analysis, f"{NAME}.text.criteria_not_assessed",
                                          len(criteria.rows),
                                          criteria=", ".join(str(row[0]) for row in criteria.rows))))
    elif criteria is not None:
        blocks += [Paragraph(_t(analysis, "text.criteria_intro")), criteria]
    return blocks


def _rag_rules(analysis: Analysis) -> list[str]:
    rules = [_t(analysis, "text.rag_rule")]
    kpis = analysis.steering.kpis if analysis.steering is not None else pd.DataFrame()
    if len(kpis) and not kpis["higher_is_better"].all():
        rules.append(_t(analysis, "text.rag_rule_lower"))
    return rules


def build_document(analysis: Analysis) -> Document:
    def s(key: str) -> str:
        return _t(analysis, f"sections.{key}")

    told = findings(analysis)
    blocks: list[Block] = c.key_messages_blocks(analysis, [f.message for f in told])
    lead = c.conclusions(told)

    levers = analysis.method.levers
    blocks += [Heading(s("principle")), Paragraph(_t(analysis, "principle.one")),
               Paragraph(_t(analysis, "principle.two")),
               Bullets([f"**{info.label.in_(analysis.lang)}** — {info.description.in_(analysis.lang)}"
                        for info in (levers.pillars[p] for p in PILLARS)])]
    used = glossary(analysis)
    if used:
        blocks += [Heading(s("levers"), 2), Paragraph(_t(analysis, "text.levers_intro")),
                   Bullets([item for pillar, described in used.items()
                            for item in (BulletItem(f"**{_pillar(analysis, pillar)}**"),
                                         *(BulletItem(d, 1) for d in described))])]

    blocks += [Heading(s("matrix")), *lead.get("matrix", []), matrix_table(analysis),
               Heading(s("details"))]
    for name in _populations(analysis):
        blocks.append(Heading(c.population_label(analysis, name), 2))
        if population_actions(analysis, name).empty:
            blocks.append(Paragraph(_t(analysis, "text.no_action")))
            continue
        blocks += [Paragraph(_population_intro(analysis, name)), population_table(analysis, name),
                   *why_blocks(analysis, name)]
    standing_in = stand_ins(analysis, _actions(analysis))
    if standing_in:
        blocks += [Paragraph(_t(analysis, "text.stand_ins")), c.bullets(standing_in)]

    blocks += [Heading(s("cross")), *lead.get("cross", []), Paragraph(_t(analysis, "text.cross_intro")),
               cross_table(analysis), *why_blocks(analysis, ALL)]

    blocks += [Heading(s("timeline")), *lead.get("timeline", []),
               Paragraph(_t(analysis, "text.timeline_intro")),
               Figure(timeline_chart(analysis), caption=_t(analysis, "charts.gantt")),
               Heading(s("milestones"), 2), milestone_table(analysis)]
    if progress_message(analysis):
        blocks += [Heading(s("progress"), 2),
                   Paragraph(_t(analysis, "progress.intro", date=c.date(analysis, c.as_of(analysis)))),
                   Paragraph(progress_message(analysis)), progress_table(analysis, ids=True)]

    blocks += [Heading(s("effort")), *lead.get("effort", []),
               Paragraph(_t(analysis, "text.effort_intro")), *_budget(analysis),
               pillar_table(analysis), population_effort_table(analysis),
               c.figure_or_note(analysis, month_chart(analysis), _t(analysis, "charts.by_month")),
               owner_table(analysis)]

    quick_wins: list[Block] = ([Paragraph(c.counted(analysis, f"{NAME}.text.quick_wins_listed",
                                                    len(analysis.change_plan.quick_wins))),
                                quick_win_table(analysis)]
                               if len(analysis.change_plan.quick_wins) else [])
    blocks += [Heading(s("arbitration")), *lead.get("arbitration", []), *_decision_blocks(analysis),
               Paragraph(_t(analysis, "text.arbitration_intro",
                            priority=analysis.method.levers.priority.reading(analysis.lang))),
               quadrant_table(analysis), *quick_wins,
               Paragraph(_t(analysis, "text.arbitration_listed", count=ARBITRATION_LISTED)),
               arbitration_table(analysis, ARBITRATION_LISTED, with_questionable=True)]

    blocks += _steering_blocks(analysis)

    warnings = _warnings(analysis)
    if warnings:
        blocks += [Heading(s("warnings")), c.bullets(warnings)]

    blocks += c.next_steps_blocks(analysis, next_steps(analysis))
    return c.document(analysis, NAME, blocks)


# --------------------------------------------------------------------------- deck


MATRIX_POPULATIONS = 8  # population columns a lever matrix keeps readable on one slide
USED = "●"


def build_deck(analysis: Analysis) -> Deck:
    """The plan told in its findings; the appendix holds what a client looks up:
    the levers in one sentence each, which population gets which, the effort per
    population and the lots' milestones. The principle, the same for every client,
    and each population's levers in detail are in the report."""
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    closing: list[Slide] = []
    kpis = kpi_table(analysis)
    steering = analysis.steering
    if kpis is not None and steering is not None:
        closing.append(TableSlide(
            c.counted(analysis, f"{NAME}.deck.steering", len(kpis.rows),
                      weeks=analysis.engagement.governance.copil_every_weeks,
                      date=c.date(analysis, steering.kpis["first_review"].min())),
            c.select(kpis, [0, 1]),
            # too many to present: the first reviewed first, every one in the appendix
            rank=[-c._as_date(day).toordinal() for day in steering.kpis["first_review"]],
            notes="\n".join([_t(analysis, "text.steering_intro",
                                weeks=analysis.engagement.governance.copil_every_weeks),
                             *_rag_rules(analysis),
                             *(_t(analysis, "text.kpi_note", kpi=row[0], target=row[1], alert=row[2],
                                  date=row[3]) for row in kpis.rows)])))

    appendix: list[Slide] = []
    if not _actions(analysis).empty:
        glossary_rows = glossary_table(analysis)
        appendix.append(TableSlide(
            c.counted(analysis, f"{NAME}.deck.lever_glossary", len(glossary_rows.rows)),
            glossary_rows, notes=_t(analysis, "text.levers_intro")))
        matrix = lever_matrix_table(analysis)
        if matrix is not None:
            appendix.append(TableSlide(d("lever_matrix"), matrix,
                                       notes=_t(analysis, "text.lever_matrix_notes")))
    by_population = population_chart(analysis)
    if by_population is not None:
        appendix.append(ChartSlide(d("by_population"), by_population))  # effort told in the main part
    appendix.append(TableSlide(d("milestones"), milestone_slide_table(analysis)))
    return c.story_deck(analysis, NAME, findings(analysis), closing=closing,
                        appendix=appendix, steps=next_steps(analysis))


def glossary_table(analysis: Analysis) -> Table:
    """Every lever the plan uses, pillar by pillar, in the catalogue's few words
    (`short`): the page a client looks a lever up on."""
    levers = analysis.method.levers
    rows: list[list[Cell]] = []
    for row in levers_of(analysis, None):
        lever = levers.lever(row["lever"])
        rows.append([_pillar(analysis, row["pillar"]), lever.label.in_(analysis.lang),
                     lever.summary.in_(analysis.lang)])
    return Table([_t(analysis, "columns.pillar"), _t(analysis, "columns.lever"),
                  _t(analysis, "columns.description")], rows, widths=[1, 1.8, 5], grouped=1)


def lever_matrix_table(analysis: Analysis) -> Table | None:
    """Lever × population, a mark where the population gets the lever (levers in
    pillar order): one matrix instead of a page per population. None beyond
    `MATRIX_POPULATIONS` populations, whose columns would not read; the report
    then holds each population's levers. None for a single population too: a
    column of marks says no more than the glossary beside the cross-population
    actions."""
    names = [n for n in _populations(analysis) if len(population_actions(analysis, n))]
    if len(names) < 2 or len(names) > MATRIX_POPULATIONS:
        return None
    levers = analysis.method.levers
    used = {name: set(population_actions(analysis, name)["lever"]) for name in names}
    rows: list[list[Cell]] = []
    for row in levers_of(analysis, None):
        if any(row["lever"] in own for own in used.values()):
            rows.append([levers.lever(row["lever"]).label.in_(analysis.lang),
                         *(USED if row["lever"] in used[name] else "" for name in names)])
    align: list[Align | None] = ["left"]
    align += ["center" for _ in names]
    return Table([_t(analysis, "columns.lever"), *names], rows,
                 widths=[2.4, *(1 for _ in names)],
                 align=align)


def _arbitration_reasons(analysis: Analysis, frame: pd.DataFrame) -> list[str]:
    actions = _actions(analysis)
    # the actions' columns read once, each row of `frame` then picking its own in plan order
    planned = list(zip(actions["lever"], actions["population"], actions["audience"], actions["reason"],
                       strict=True))
    reasons = []
    for row in frame.to_dict("records"):
        members, cross = set(row["populations"]), row["population"] == ALL
        own = [reason for lever, population, audience, reason in planned
               if lever == row["lever"] and population in members
               and (not cross or audience == row["audience"])]
        # a row for a group of populations gives each member's reason, once
        said = list(dict.fromkeys(own_reason(analysis, reason) for reason in own))
        if said:
            reasons.append(f"{row['action']} — {' '.join(said)}")
    return reasons
