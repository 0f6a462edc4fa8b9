"""The impact diagnosis (Diagnostic d'impacts, seed 004, step 2) as a Word report
and a steering-committee deck.

It maps every population, users and non-users, shows where the change is
deepest (heat map) and for how many people, places each population on the
impact × buy-in map, then lists the brakes, the observed resistances and the
risks of rejection and misuse, each with the facts that revealed it. Every
figure comes from `analysis.diagnosis`; every word from
`labels.impact_diagnosis.yaml` and `labels.common.yaml`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from typing import Any, Literal

import pandas as pd

from ...analysis import Analysis
from ...analysis.brakes import source_word
from ...analysis.records import BrakeFinding, MethodWarning, RiskAssessment
from ...errors import MethodError
from ...findings import findings as facts
from ...model import Resistance
from ..charts import heat_colour
from ..ir import (
    Align,
    Block,
    BulletItem,
    BulletLike,
    Bullets,
    BulletSlide,
    Cell,
    Chart,
    ChartSlide,
    Deck,
    Document,
    Figure,
    Heading,
    Paragraph,
    Point,
    Quadrants,
    Series,
    Slide,
    Table,
    TableSlide,
    TwoContentSlide,
)
from . import budget as b
from . import common as c
from . import decisions as decided
from .once import per_build

NAME = "impact_diagnosis"
SCALE = (0, 3)
# A quote on a slide is an excerpt; the notes and the report keep it whole.
QUOTE_ON_SLIDE = 240
# Up to two points to watch share the allies' slide; more get a slide of their own.
WARNINGS_BESIDE_ALLIES = 2
# Bubbles sharing a level and a buy-in are spread in one row (two beyond six)
# across their cell (axis units: the widest step, the rows' offset; the row's
# widest extent), so markers and their numbers do not sit on one another.
SPREAD = (0.3, 0.22)
SPREAD_ROW = 6
SPREAD_WIDTH = 0.9


def _t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.{key}", **values)


def _who(analysis: Analysis, populations: list[str]) -> str:
    """One population by its name ("for “Sales reps”"), several by their count: "for
    1 population" sends the reader to look up which."""
    if len(populations) == 1:
        return _names(analysis, populations)
    return _counted(analysis, "messages.populations", len(populations))


def _counted(analysis: Analysis, key: str, n: int, **values: Any) -> str:
    """`key.one` or `key.many` (and `key.none` when the catalogue has it for 0)."""
    if n == 0:
        try:
            return _t(analysis, f"{key}.none", n=n, **values)
        except MethodError:
            pass
    return _t(analysis, f"{key}.{'one' if n == 1 else 'many'}", n=n, **values)


def _level_word(analysis: Analysis, level: int) -> str:
    return _t(analysis, f"levels.{int(level)}")


def _names(analysis: Analysis, names: list[str]) -> str:
    """A list of population names as a sentence fragment (« A », « B » et « C »)."""
    from ...analysis import wording

    return wording.names(analysis.method, names, analysis.lang)


def _headcount(analysis: Analysis, names: list[str]) -> int:
    return sum(analysis.engagement.population(n).headcount for n in names)


# --------------------------------------------------------------------------- facts


def _strong(analysis: Analysis) -> int:
    return analysis.method.dimensions.overall_level.strong_intensity


def _level_label(analysis: Analysis, intensity: int) -> str:
    """The method's own name of a level of the scale ("Medium" for 2), so that
    the words never contradict the numbers."""
    return analysis.method.dimensions.intensity(intensity).label.in_(analysis.lang)


def strongly_impacted(analysis: Analysis) -> list[str]:
    """Populations whose overall level reaches the method's "strong" intensity."""
    levels = analysis.diagnosis.levels
    return [name for name, level in levels["level"].items() if level >= _strong(analysis)]


def segment_members(analysis: Analysis) -> dict[str, list[str]]:
    """Segment code → populations, every segment of the method in its order."""
    from ...analysis.segments import populations_by_segment

    return populations_by_segment(analysis.diagnosis.segments, analysis.method)


def _in_role(analysis: Analysis, role: Literal["allies", "priority"]) -> list[str]:
    """Populations of the segment playing `role` in the method (allies, priority)."""
    members = segment_members(analysis)
    return [name for code in analysis.method.dimensions.segmentation.with_role(role)
            for name in members.get(code, [])]


def observed_resistances(analysis: Analysis) -> list[Resistance]:
    return list(analysis.engagement.resistances)


def key_messages(analysis: Analysis) -> list[str]:
    """The summary: the messages of the deck's findings, in its order."""
    return [f.message for f in findings(analysis)]


def messages(analysis: Analysis) -> dict[str, str]:
    """Every message the diagnosis can state, by topic: concentration of impact,
    top dimension, segments, brakes, risks, forgotten non-users, allies."""
    diagnosis = analysis.diagnosis
    engagement = analysis.engagement
    total_people = sum(p.headcount for p in engagement.populations)
    messages: dict[str, str] = {}

    strong = strongly_impacted(analysis)
    strong_people = _headcount(analysis, strong)
    if len(engagement.populations) == 1:
        # "1 of 1 population", "all 1 populations" are false notes: name the one
        only = engagement.populations[0]
        level = int(diagnosis.levels.at[only.name, "level"])
        messages["impacted"] = c.message(analysis, f"{NAME}.messages.single", names=_names(analysis, [only.name]),
                                         people=c.people(analysis, only.headcount), level=level,
                                         level_label=_level_label(analysis, level))
    elif len(strong) < len(engagement.populations):
        messages["impacted"] = (c.message(analysis, f"{NAME}.messages.strongly_impacted", count=len(strong),
                           total=len(engagement.populations), strong=_strong(analysis),
                           strong_label=_level_label(analysis, _strong(analysis)),
                           people=c.people(analysis, strong_people),
                           share=c.percent(analysis, c.share(strong_people, total_people))))
    else:
        top = SCALE[1]
        highest = [n for n, v in diagnosis.levels["level"].items() if v >= top]
        people = _headcount(analysis, highest)
        messages["impacted"] = (c.message(analysis, f"{NAME}.messages.all_strong", total=len(engagement.populations),
                           strong=_strong(analysis), count=len(highest), top=top,
                           strong_label=_level_label(analysis, _strong(analysis)),
                           top_label=_level_label(analysis, top),
                           people=c.people(analysis, people),
                           share=c.percent(analysis, c.share(people, total_people))))

    totals = diagnosis.dimension_totals
    if len(totals) and totals["people_strongly_impacted"].max() > 0:
        top = _by_reach(analysis).index[0]
        messages["dimension"] = (_t(analysis, "messages.top_dimension",
                           dimension=c.term(analysis, "dimension", top),
                           people=c.people(analysis, int(totals.at[top, "people_strongly_impacted"])),
                           share=c.percent(analysis, float(totals.at[top, "share_strongly_impacted"]))))

    convince = _in_role(analysis, "priority")
    if convince:
        messages["convince"] = (c.message(analysis, f"{NAME}.messages.convince_first", len(convince),
                           # one population is named in the headline, not counted
                           populations=_names(analysis, convince) if len(convince) == 1
                           else _counted(analysis, "messages.populations", len(convince)),
                           people=c.people(analysis, _headcount(analysis, convince)),
                           names=_names(analysis, convince)))
    else:
        messages["convince"] = (_t(analysis, "messages.no_convince_first"))

    if len(diagnosis.brakes) == 1:
        # one barrier is no "most widespread", and "1 of them severe" says its severity twice
        only_brake = diagnosis.brakes[0]
        messages["brakes"] = c.message(analysis, f"{NAME}.messages.brakes_single",
                                       brake=c.term(analysis, "brake", only_brake.brake),
                                       severity=only_brake.severity,
                                       confirmed=_t(analysis, "messages.brakes_confirmed")
                                       if only_brake.observed else "")
    elif diagnosis.brakes:
        brake, populations = _most_widespread(analysis)
        severe = sum(1 for b in diagnosis.brakes if b.severity >= 3)
        observed = sum(1 for b in diagnosis.brakes if b.observed)
        messages["brakes"] = (c.message(
            analysis, f"{NAME}.messages.brakes", count=len(diagnosis.brakes),
            severe=_t(analysis, "messages.brakes_severe", high=severe) if severe
            else _t(analysis, "messages.brakes_none_severe"),
            confirmed=_t(analysis, "messages.brakes_observed", observed=observed) if observed
            else _t(analysis, "messages.brakes_none_observed"),
            brake=c.term(analysis, "brake", brake), populations=populations))

    high_from = analysis.method.brakes.risk_model.high_from
    high = {kind: [r.population for r in diagnosis.risks if r.kind == kind and r.level >= high_from]
            for kind in analysis.method.brakes.risk_kinds}
    if high["rejection"] or high["misuse"]:
        topic = ("risks" if high["rejection"] and high["misuse"]
                 else "risks_rejection_only" if high["rejection"] else "risks_misuse_only")
        messages["risks"] = (c.message(analysis, f"{NAME}.messages.{topic}",
                           rejection=_who(analysis, high["rejection"]), misuse=_who(analysis, high["misuse"]),
                           names=_t(analysis, "messages.risk_names",
                                    names=_names(analysis, high["rejection"]))
                           if len(high["rejection"]) > 1 else ""))

    non_users = [p.name for p in engagement.populations
                 if not p.crm_user and diagnosis.levels.at[p.name, "level"] > 0]
    if non_users:
        messages["non_users"] = (_counted(analysis, "messages.non_users", len(non_users),
                                 count=len(non_users),
                                 people=c.people(analysis, _headcount(analysis, non_users)),
                                 names=_names(analysis, non_users)))

    allies = _in_role(analysis, "allies")
    if allies:
        messages["allies"] = (_t(analysis, "messages.ambassadors", names=_names(analysis, allies),
                           people=c.people(analysis, _headcount(analysis, allies))))
    return messages


def next_steps(analysis: Analysis) -> list[c.NextStep]:
    """The milestones ahead, plus the diagnosis' own follow-ups (validation,
    workshops with the populations to convince, first ambassadors), due by the
    next milestone: seed 004 involves people from design onwards.

    The validation is dated by the next steering committee, which validates it; the
    follow-ups by the next milestone after today: a late workshop dated today to be
    rescheduled is no date to pile the diagnosis' own steps on."""
    upcoming = c.next_steps(analysis)
    if not upcoming:
        return upcoming
    today = c.as_of(analysis)
    when = next((s.date for s in upcoming if s.date > today), upcoming[0].date)
    committee = analysis.steering.next_committee
    validated = committee if committee is not None and committee >= today else when
    convince, allies = _in_role(analysis, "priority"), _in_role(analysis, "allies")
    sponsored = any(t.has_local_sponsor for t in analysis.engagement.territories)
    extra = [c.NextStep(validated, _t(analysis, "next_steps.validate" if sponsored
                                      else "next_steps.validate_no_local_sponsor"))]
    # the slide counts the populations; the report and the notes name them
    if convince:
        extra.append(c.NextStep(when, c.counted(analysis, f"{NAME}.next_steps.convince_short",
                                                len(convince)),
                                c.counted(analysis, f"{NAME}.next_steps.convince", len(convince),
                                          names=_names(analysis, convince))))
    if allies:
        extra.append(c.NextStep(when, c.counted(analysis, f"{NAME}.next_steps.ambassadors_short",
                                                len(allies)),
                                _t(analysis, "next_steps.ambassadors", names=_names(analysis, allies))))
    return c.next_steps(analysis, extra)


# --------------------------------------------------------------------------- tables


def impact_map_table(analysis: Analysis) -> Table:
    """The map on a slide: who is impacted, how many people, CRM users or not, and
    how strongly overall (territory and buy-in are in the report and on the bubble map)."""
    def col(key: str) -> str:
        return c.text(analysis, f"common.columns.{key}")

    levels = analysis.diagnosis.levels
    if len(analysis.engagement.populations) == 1:
        return _single_population_map(analysis)
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for p in analysis.engagement.populations:
        level = int(levels.at[p.name, "level"])
        rows.append([p.name, p.headcount, c.yes_no(analysis, p.crm_user), level])
        fills.append([None, None, None, heat_colour(level, *SCALE)])
    return Table([col("population"), col("headcount"), col("crm_user"), _t(analysis, "columns.overall")],
                 rows, widths=[3.4, 1, 1, 1], align=["left", "right", "left", "center"], cell_fills=fills)


def _single_population_map(analysis: Analysis) -> Table:
    """One population's map is its own heat map row: headcount, CRM use, then how deep
    the change is on each dimension and overall, in the method's words (the appendix
    heat map would repeat this one row, so it is not made)."""
    def col(key: str) -> str:
        return c.text(analysis, f"common.columns.{key}")

    (p,) = analysis.engagement.populations
    matrix = analysis.diagnosis.matrix
    codes = list(analysis.method.dimensions.codes)
    levels = [int(matrix.at[p.name, code]) for code in codes]
    level = int(analysis.diagnosis.levels.at[p.name, "level"])
    rows: list[list[Cell]] = [[p.name, p.headcount, c.yes_no(analysis, p.crm_user),
             *(_level_label(analysis, v) for v in levels), _level_label(analysis, level)]]
    fills = [[None, None, None, *(heat_colour(v, *SCALE) for v in [*levels, level])]]
    return Table([col("population"), col("headcount"), col("crm_user"),
                  *(c.term(analysis, "dimension", code) for code in codes), _t(analysis, "columns.overall")],
                 rows, cell_fills=fills)


def single_population_segment_table(analysis: Analysis) -> Table:
    """Where one population stands and what it calls for: its overall impact and
    buy-in in words, its segment and the method's treatment of that segment (a map of
    one bubble says less)."""
    (p,) = analysis.engagement.populations
    level = int(analysis.diagnosis.levels.at[p.name, "level"])
    code = analysis.diagnosis.segments.at[p.name, "segment"]
    segment = next(s for s in analysis.method.dimensions.segmentation.segments if s.code == code)
    rows: list[list[Cell]] = [[p.name, _level_label(analysis, level), c.term(analysis, "buy_in", p.buy_in),
             segment.label.in_(analysis.lang), segment.description.in_(analysis.lang)]]
    return Table([c.text(analysis, "common.columns.population"), _t(analysis, "columns.overall"),
                  _t(analysis, "columns.buy_in"), _t(analysis, "columns.segment"),
                  _t(analysis, "columns.what_to_do")], rows)


def population_table(analysis: Analysis, full: bool = True) -> Table:
    """One row per population, users and non-users (seed 004: map them all)."""
    def col(key: str) -> str:
        return c.text(analysis, f"common.columns.{key}")

    buy_in = _t(analysis, "columns.buy_in")
    rows: list[list[Cell]] = []
    for p in analysis.engagement.populations:
        row: list[Cell] = [p.name]
        if full:
            row += [p.function, c.term(analysis, "hierarchy_level", p.level)]
        row += [p.territory, p.headcount, c.yes_no(analysis, p.crm_user),
                c.term(analysis, "buy_in", p.buy_in)]
        rows.append(row)
    columns = [col("population")]
    if full:
        columns += [col("function"), col("level")]
    columns += [col("territory"), col("headcount"), col("crm_user"), buy_in]
    widths = [3, 2, 1.4, 1.4, 1, 1, 1.2] if full else [3.4, 1.6, 1, 1, 1.2]
    return Table(columns, rows, widths=widths)


def heat_table(analysis: Analysis, names: list[str] | None = None) -> Table:
    """The heat map as a shaded table: dimensions then the overall level."""
    diagnosis = analysis.diagnosis
    codes = list(analysis.method.dimensions.codes)
    names = list(diagnosis.matrix.index) if names is None else names
    columns = [c.text(analysis, "common.columns.population")]
    columns += [c.term(analysis, "dimension", code) for code in codes]
    columns.append(_t(analysis, "columns.overall"))
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for name in names:
        values = [int(diagnosis.matrix.at[name, code]) for code in codes]
        values.append(int(diagnosis.levels.at[name, "level"]))
        rows.append([name, *values])
        fills.append([None, *(heat_colour(v, *SCALE) for v in values)])
    widths = [2.6] + [1.2] * (len(codes) + 1)
    align: list[Align | None] = ["left"]
    align += ["center"] * (len(codes) + 1)
    return Table(columns, rows, widths=widths, align=align, cell_fills=fills,
                 caption=_t(analysis, "charts.heat_map"))


def change_blocks(analysis: Analysis) -> list[Block]:
    """Today → tomorrow for each population, most impacted first: the substance
    behind the heat map's figures, in the words gathered in interviews."""
    order = {code: i for i, code in enumerate(analysis.method.dimensions.codes)}
    levels = analysis.diagnosis.levels["level"]
    names = sorted(levels.index, key=lambda n: (-int(levels[n]), list(levels.index).index(n)))
    columns = [_t(analysis, f"columns.{k}") for k in ("dimension", "intensity", "today", "tomorrow")]
    blocks: list[Block] = [Paragraph(_t(analysis, "text.changes_intro"))]
    undescribed = []
    # a description the client gave several populations (one job in several
    # offices) is printed once, under the first, naming the others
    sharing: dict[str, list[str]] = {}
    for name in names:
        description = analysis.engagement.population(name).description
        if description:
            sharing.setdefault(description.strip(), []).append(name)
    for name in names:
        population = analysis.engagement.population(name)
        impacts = sorted((i for i in analysis.engagement.impacts if i.population == name),
                         key=lambda i: order.get(str(i.dimension), len(order)))
        described = [i for i in impacts if i.today or i.tomorrow]
        if not described and not population.description:
            undescribed.append(name)  # said once below, not a heading over nothing
            continue
        blocks.append(Heading(c.population_label(analysis, population), 2))
        shared = sharing.get((population.description or "").strip(), [name])
        if population.description and shared[0] == name:
            blocks.append(Paragraph(population.description))
            if len(shared) > 1:
                blocks.append(Paragraph(_t(analysis, "text.description_shared",
                                           names=", ".join(shared[1:]))))
        if not described:
            continue
        rows: list[list[Cell]] = [[c.term(analysis, "dimension", i.dimension), int(i.intensity), i.today, i.tomorrow]
                for i in described]
        fills = [[None, heat_colour(int(i.intensity), *SCALE), None, None] for i in described]
        blocks.append(Table(columns, rows, widths=[1.6, 0.9, 2.6, 2.6],
                            align=["left", "center", "left", "left"], cell_fills=fills))
    if undescribed:
        blocks.append(Paragraph(c.counted(analysis, f"{NAME}.text.no_change_described",
                                          len(undescribed), names=", ".join(undescribed))))
    return blocks


def dimension_table(analysis: Analysis) -> Table:
    totals = analysis.diagnosis.dimension_totals
    rows: list[list[Cell]] = [
        [c.term(analysis, "dimension", code), int(row["people_impacted"]),
         int(row["people_strongly_impacted"]), c.percent(analysis, row["share_strongly_impacted"]),
         c.number(analysis, row["weighted_mean_intensity"], 1)]
        for code, row in totals.iterrows()
    ]
    columns = [_t(analysis, f"columns.{k}") for k in
               ("dimension", "people_impacted", "people_strong", "share_strong", "weighted_mean")]
    return Table(columns, rows, widths=[2.4, 1.2, 1.2, 1.1, 1.3])


def segment_table(analysis: Analysis, with_description: bool = True) -> Table:
    """Segments of the method (in order) with their populations and people."""
    segmentation = analysis.method.dimensions.segmentation
    members = segment_members(analysis)
    rows: list[list[Cell]] = []
    for segment in segmentation.segments:
        names = members.get(segment.code, [])
        if not names:
            continue
        row: list[Cell] = [segment.label.in_(analysis.lang), ", ".join(names),
               _headcount(analysis, names)]
        if with_description:
            row.append(segment.description.in_(analysis.lang))
        rows.append(row)
    columns = [_t(analysis, "columns.segment"), c.text(analysis, "common.columns.populations"),
               c.text(analysis, "common.columns.headcount")]
    widths = [1.6, 3.2, 0.9]
    if with_description:
        columns.append(_t(analysis, "columns.what_to_do"))
        widths.append(3.0)
    return Table(columns, rows, widths=widths)


def segment_rows_table(analysis: Analysis) -> Table:
    """The deck's appendix of the segments: one row per population (segment,
    population, people), so however many populations a segment holds, the table
    continues over slides by whole rows instead of one row too long to read."""
    members = segment_members(analysis)
    rows: list[list[Cell]] = [[segment.label.in_(analysis.lang), name, _headcount(analysis, [name])]
            for segment in analysis.method.dimensions.segmentation.segments
            for name in members.get(segment.code, [])]
    return Table([_t(analysis, "columns.segment"), c.text(analysis, "common.columns.population"),
                  c.text(analysis, "common.columns.headcount")], rows, widths=[1.6, 3.2, 0.9])


def _sorted_brakes(analysis: Analysis) -> list[BrakeFinding]:
    """Most severe first, then observed ones, then intake order."""
    order = {p.name: i for i, p in enumerate(analysis.engagement.populations)}
    return sorted(analysis.diagnosis.brakes,
                  key=lambda b: (-b.severity, not b.observed, order.get(b.population, 0)))


def _level_cell(analysis: Analysis, level: int, scored: bool) -> str:
    word = _level_word(analysis, level)
    return f"{level}/3 – {word}" if scored else word


def said_reasons(finding: BrakeFinding) -> list[str]:
    """A barrier's reasons as the report says them: its strongest signal (the facts
    that make it) and what was heard; the converging signals restate the same facts
    for the same population, they stay in the review notebook."""
    signals = len(finding.signal_severities)
    return [*finding.reasons[:min(signals, 1)], *finding.reasons[signals:]]


def brake_table(analysis: Analysis, with_reasons: bool = True) -> Table:
    """Brake → population → severity (→ reason); the report, with the reasons,
    scores the severity ("3/3 – High"), a slide says it in a word."""
    rows: list[list[Cell]] = []
    for finding in _sorted_brakes(analysis):
        row: list[Cell] = [c.term(analysis, "brake", finding.brake), finding.population,
               _level_cell(analysis, finding.severity, scored=with_reasons),
               c.yes_no(analysis, finding.observed)]
        if with_reasons:
            row.append("\n".join(said_reasons(finding)))
        rows.append(row)
    columns = [_t(analysis, "columns.brake"), c.text(analysis, "common.columns.population"),
               _t(analysis, "columns.severity"), _t(analysis, "columns.observed")]
    widths = [1.6, 2.2, 1.1, 0.9]
    if with_reasons:
        columns.append(c.text(analysis, "common.columns.reason"))
        widths.append(4.6)
    return Table(columns, rows, widths=widths)


def brake_summary_table(analysis: Analysis) -> Table:
    """One row per barrier, most widespread first: populations concerned, how
    many severely, how many confirmed in interview (the detail is in the appendix)."""
    rows: list[list[Cell]] = []
    for brake, own in _by_brake(analysis):
        rows.append([c.term(analysis, "brake", brake), len(own),
                     sum(1 for b in own if b.severity >= 3), sum(1 for b in own if b.observed)])
    columns = [_t(analysis, "columns.brake"), c.text(analysis, "common.columns.populations"),
               _t(analysis, "columns.severe"), _t(analysis, "columns.observed_in")]
    return Table(columns, rows, widths=[2.6, 1.2, 1.2, 1.4])


def _by_brake(analysis: Analysis) -> list[tuple[str, list[BrakeFinding]]]:
    groups: dict[str, list[BrakeFinding]] = {}
    for finding in _sorted_brakes(analysis):
        groups.setdefault(finding.brake, []).append(finding)
    # Ties on the number of populations go to the barrier that is severe for more of
    # them, then heard in more interviews: the headline names the table's first row.
    return sorted(groups.items(), key=lambda item: (-len(item[1]),
                                                    -sum(1 for b in item[1] if b.severity >= 3),
                                                    -sum(1 for b in item[1] if b.observed),
                                                    -max(b.severity for b in item[1])))


def _most_widespread(analysis: Analysis) -> tuple[str, int]:
    """The barrier the summary and the barriers slide headline, with its population count."""
    brake, own = _by_brake(analysis)[0]
    return brake, len(own)


def risk_table(analysis: Analysis, scored: bool = True) -> Table:
    """Rejection and misuse levels per population, shaded like the heat map; a
    slide says the level in a word (the shade carries the scale), the report
    scores it too ("2/3 – Medium")."""
    diagnosis = analysis.diagnosis
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for p in analysis.engagement.populations:
        levels = [diagnosis.risk(p.name, kind).level for kind in analysis.method.brakes.risk_kinds]
        rows.append([p.name, *(_level_cell(analysis, v, scored) for v in levels)])
        fills.append([None, *(heat_colour(v, *SCALE) for v in levels)])
    columns = [c.text(analysis, "common.columns.population"),
               *(_t(analysis, f"columns.{kind}") for kind in analysis.method.brakes.risk_kinds)]
    if len(rows) == 1 and not scored:
        # one population's two levels alone say little: each with the barrier behind it
        return _with_main_causes(analysis, Table(columns, rows, cell_fills=fills))
    return Table(columns, rows, widths=[3.2, 1.4, 1.4], cell_fills=fills,
                 align=["left", "center", "center"])


def _with_main_causes(analysis: Analysis, table: Table) -> Table:
    """A single population's risks, each followed by its main cause when a barrier
    is behind it (a risk with no cause, or a method rule alone, keeps its level)."""
    (p,) = analysis.engagement.populations
    brakes = set(analysis.method.vocabulary.keys())
    columns, row = table.columns[:1], table.rows[0][:1]
    fills: list[str | None] = [None]
    for index, kind in enumerate(analysis.method.brakes.risk_kinds, 1):
        columns.append(table.columns[index])
        row.append(table.rows[0][index])
        fills.append((table.cell_fills or [[]])[0][index])
        risk = analysis.diagnosis.risk(p.name, kind)
        cause = risk.causes[0].source if risk.causes else ""
        if risk.level and f"brake.{cause}" in brakes:
            columns.append(_t(analysis, "columns.main_cause", kind=table.columns[index]))
            row.append(c.term(analysis, "brake", cause))
            fills.append(None)
    return Table(columns, [row], cell_fills=[fills])


# --------------------------------------------------------------------------- charts


def _by_reach(analysis: Analysis) -> pd.DataFrame:
    """The dimensions, the one reaching most people first; on a tie, the deeper
    change (higher headcount-weighted intensity) first: the headline names it and
    its bar comes first."""
    totals = analysis.diagnosis.dimension_totals
    return totals.sort_values(["people_strongly_impacted", "weighted_mean_intensity"],
                              ascending=False, kind="stable")


def people_chart(analysis: Analysis) -> Chart:
    totals = _by_reach(analysis)
    return Chart(
        kind="barh",
        categories=[c.term(analysis, "dimension", code) for code in totals.index],
        series=[Series(_t(analysis, "charts.people_axis"),
                       [float(v) for v in totals["people_strongly_impacted"]])],
        x_title=_t(analysis, "charts.people_axis"), show_values=True, legend=False,
    )


def quadrant_names(analysis: Analysis) -> Quadrants:
    """The map's four quadrants, named in the method's data after what to do with the
    populations in each (four distinct names), split between impact levels 1 and 2
    and between neutral and favourable buy-in."""
    names = analysis.method.dimensions.segmentation.quadrants
    return Quadrants(top_left=names.top_left.in_(analysis.lang),
                     top_right=names.top_right.in_(analysis.lang),
                     bottom_left=names.bottom_left.in_(analysis.lang),
                     bottom_right=names.bottom_right.in_(analysis.lang),
                     x_split=1.5, y_split=0.5)


def _spread(index: int, count: int) -> tuple[float, float]:
    """Offset of the `index`-th of `count` points sharing one position: a row (two
    rows beyond six points, the second shifted by a quarter step) centred on it,
    inside its cell, so markers and their numbers stay apart."""
    if count <= 1:
        return 0.0, 0.0
    rows = 1 if count <= SPREAD_ROW else 2
    columns = math.ceil(count / rows)
    row, column = divmod(index, columns)
    in_row = min(columns, count - row * columns)
    step = min(SPREAD[0], SPREAD_WIDTH / columns)
    dx = (column - (in_row - 1) / 2) * step + (step / 4 if rows > 1 else 0) * (1 if row else -1)
    dy = 0.0 if rows == 1 else (SPREAD[1] if row == 0 else -SPREAD[1])
    return dx, dy


def _outward(dx: float) -> str:
    """The side of a spread point facing away from its neighbours, for its label
    (sideways only: labels above or below run into the next row's)."""
    return "left" if dx < -1e-9 else "right"


def _fitted(values: list[int], split: float) -> tuple[float, float]:
    """An axis range around the data, half a step beyond it, always showing both sides
    of the quadrant split: no quadrant drawn empty across half the map."""
    return (min(min(values), math.floor(split)) - 0.5, max(max(values), math.ceil(split)) + 0.5)


def bubble_chart(analysis: Analysis) -> Chart:
    """Impact level × buy-in score, bubble size = headcount, colour = segment.

    Points are ordered (and numbered, when the map needs a key) by segment in the
    method's order, then by headcount; a segment's colour is its place in the
    method's list, the same in every language.
    """
    frame = analysis.diagnosis.segments
    codes = [s.code for s in analysis.method.dimensions.segmentation.segments]
    frame = frame.assign(_order=[codes.index(code) for code in frame["segment"]])
    frame = frame.sort_values(["_order", "headcount"], ascending=[True, False], kind="stable")
    quadrants = quadrant_names(analysis)
    seen: Counter[tuple[int, int]] = Counter()
    crowd = Counter(zip(frame["impact_level"], frame["buy_in_score"], strict=True))
    points = []
    for name, row in frame.iterrows():
        key = (int(row["impact_level"]), int(row["buy_in_score"]))
        index, count = seen[key], crowd[key]
        seen[key] += 1
        dx, dy = _spread(index, count)
        points.append(Point(label=str(name), x=key[0] + dx, y=key[1] + dy,
                            size=float(row["headcount"]), group=str(row["segment_label"]),
                            label_side=_outward(dx), colour=int(row["_order"])))
    return Chart(kind="bubble", points=points, quadrants=quadrants,
                 x_title=_t(analysis, "charts.impact_axis"),
                 y_title=_t(analysis, "charts.buy_in_axis"),
                 x_range=_fitted([int(v) for v in frame["impact_level"]], quadrants.x_split),
                 y_range=_fitted([int(v) for v in frame["buy_in_score"]], quadrants.y_split),
                 key_title=c.text(analysis, "common.columns.population"))


# --------------------------------------------------------------------------- document


def _map_intro(analysis: Analysis) -> str:
    engagement = analysis.engagement
    non_users = sum(1 for p in engagement.populations if not p.crm_user)
    return _t(analysis, "text.map_intro", count=len(engagement.populations),
              people=c.people(analysis, sum(p.headcount for p in engagement.populations)),
              territories=_counted(analysis, "text.territories",
                                   facts(analysis).counts.territories),
              non_users=_t(analysis, "text.map_single_user")
              if len(engagement.populations) == 1 and not non_users
              else _counted(analysis, "text.map_non_users", non_users))


def _scale_text(analysis: Analysis) -> str:
    return ", ".join(_t(analysis, "text.scale_item", value=level.intensity,
                        label=level.label.in_(analysis.lang).lower())
                     for level in analysis.method.dimensions.scale)


def overall_rule(analysis: Analysis) -> str:
    """The overall-level rule in one sentence, its numbers read from the method."""
    bump = analysis.method.dimensions.overall_level.bump
    return _t(analysis, "text.overall_rule", by=bump.by, dimensions=bump.min_dimensions,
              intensity=bump.min_intensity)


def _level_lines(analysis: Analysis) -> list[str]:
    levels = analysis.diagnosis.levels
    lines = []
    for level in range(SCALE[1], SCALE[0] - 1, -1):
        names = [n for n, v in levels["level"].items() if v == level]
        if names:
            lines.append(_t(analysis, "text.by_level", level=level,
                            populations=_counted(analysis, "messages.populations", len(names)),
                            people=c.people(analysis, _headcount(analysis, names))))
    return lines


def _bumped(analysis: Analysis) -> list[str]:
    levels = analysis.diagnosis.levels
    return [str(n) for n, bumped in levels["bumped"].items() if bumped]


def _resistance_blocks(analysis: Analysis) -> list[Block]:
    blocks: list[Block] = []
    for r in observed_resistances(analysis):
        blocks.append(Paragraph(_t(analysis, "text.resistance_line", population=r.population,
                                   brake=c.term(analysis, "brake", r.brake), source=source_word(analysis.method, r.source, analysis.lang)),
                                style="caption"))
        blocks.append(Paragraph(_quote(analysis, r.evidence), style="quote"))
    return blocks or [Paragraph(_t(analysis, "text.no_resistances"))]


def _quote(analysis: Analysis, evidence: str, limit: int | None = None) -> str:
    """The words heard, quoted; on a slide an excerpt of at most `limit` characters
    ending on a whole word (the report and the notes keep every word)."""
    from ...analysis import wording
    from ..text import shorten

    words = wording.unquote(evidence)
    if limit is not None:
        words = shorten(words, limit)
    return wording.quoted(analysis.method, words, analysis.lang)


def _bubble_caption(analysis: Analysis, drawn: bool) -> str:
    """The bubble chart's caption; when bubbles are drawn, with the note that
    bubbles of the same level and buy-in are shifted apart."""
    caption = _t(analysis, "charts.bubble")
    return f"{caption}. {_t(analysis, 'text.jitter_note')}" if drawn else caption


def _risk_details(analysis: Analysis) -> list[BulletLike]:
    """Bullets per population with a medium or high risk, each with its reasons."""
    items: list[BulletLike] = []
    for p in analysis.engagement.populations:
        risks = [analysis.diagnosis.risk(p.name, kind) for kind in analysis.method.brakes.risk_kinds]
        risks = [r for r in risks if r.level >= analysis.method.brakes.risk_model.attention_from]
        if not risks:
            continue
        items.append(c.population_label(analysis, p))
        # both risks of one cause on one line, its reason said once
        by_reason: dict[str, list[RiskAssessment]] = {}
        for r in risks:
            by_reason.setdefault(c.without_mechanism(analysis, r.reasons[0]), []).append(r)
        for reason, own in by_reason.items():
            said = ", ".join(f"{_t(analysis, f'columns.{r.kind}')} ({r.level}/3)" for r in own)
            items.append(BulletItem(_t(analysis, "text.risk_line", id=", ".join(r.id for r in own),
                                       risk=said[:1] + said[1:].lower(),
                                       reason=_without_population(reason, p.name)), 1))
    return items


def _without_population(reason: str, population: str) -> str:
    """A reason under its population's own heading, without the population named again
    ("Barrier “X” (severity 3/3): Agents (140 people) — pay: …" → "…: pay: …"): the
    heading says whose it is. Only where a cause's facts open, after a colon; "two
    causes weigh the same for Agents:" keeps its name."""
    return re.sub(rf"(?<=: ){re.escape(population)}(?: \([^()]*\))?(?: —| ?:) ", "", reason)


def _ally_lines(analysis: Analysis) -> list[BulletLike]:
    members = _in_role(analysis, "allies")
    levels = analysis.diagnosis.levels
    key_users = analysis.engagement.governance.key_users
    lines: list[BulletLike] = []
    for name in members:
        population = analysis.engagement.population(name)
        named = [k.name for k in key_users if k.population == name]
        suffix = (c.counted(analysis, f"{NAME}.text.key_users", len(named), names=", ".join(named))
                  if named else "")
        lines.append(_t(analysis, "text.allies_line", population=c.population_label(analysis, name),
                        buy_in=c.buy_in(analysis, population.buy_in),
                        # the level in the method's words, not the input's "2/3"
                        level=analysis.method.dimensions.intensity(int(levels.at[name, "level"]))
                        .label.in_(analysis.lang).lower(), key_users=suffix))
    return lines


def _allies_slide(analysis: Analysis) -> bool:
    """Whether the allies get a closing slide of their own (no point to watch beside
    them): only when there are several to name, not to say one line."""
    return len(_ally_lines(analysis)) > 1


def _segment_notes(analysis: Analysis) -> list[str]:
    return [_t(analysis, "text.segment_note", label=s.label.in_(analysis.lang),
               description=s.description.in_(analysis.lang))
            for s in analysis.method.dimensions.segmentation.segments]


def _warnings(analysis: Analysis) -> list[MethodWarning]:
    return c.for_client(analysis.diagnosis.warnings)


def build_document(analysis: Analysis) -> Document:
    def s(key: str) -> str:
        return _t(analysis, f"sections.{key}")

    told = findings(analysis)
    blocks: list[Block] = c.key_messages_blocks(analysis, [f.message for f in told])
    lead = c.conclusions(told)

    blocks += [Heading(s("map")), *lead.get("map", []), Paragraph(_map_intro(analysis)),
               population_table(analysis)]

    blocks += [Heading(s("heat_map")), *lead.get("heat_map", []),
               Paragraph(_t(analysis, "text.heat_lead", scale=_scale_text(analysis))),
               # no caption: the lead-in sentence says what the table shows, and
               # a heading, its opening, the lead-in and a caption make a chain
               # longer than LibreOffice carries over a page with its table
               replace(heat_table(analysis), caption="")]
    blocks += [Heading(s("overall"), 2), Paragraph(overall_rule(analysis))]
    if _bumped(analysis):
        blocks.append(Paragraph(_t(analysis, "text.bumped", names=_names(analysis, _bumped(analysis)))))
    blocks.append(c.bullets(_level_lines(analysis)))
    blocks += [Heading(s("changes")), *change_blocks(analysis)]

    blocks += [Heading(s("weighted")), Paragraph(_t(analysis, "text.weighted_intro")),
               dimension_table(analysis),
               Figure(people_chart(analysis), caption=_t(analysis, "charts.people_by_dimension"))]

    bubbles = bubble_chart(analysis)
    drawn = not bubbles.says_little  # else a table of its points: no bubbles to explain
    blocks += [Heading(s("segments")), *lead.get("segments", [])]
    if len(analysis.engagement.populations) == 1:
        # one population: where it stands in words (impact, buy-in, segment, what it
        # calls for), as on its slide, not a map's coordinates (3, -1) then its segment
        blocks.append(single_population_segment_table(analysis))
    else:
        blocks += [*([Paragraph(_t(analysis, "text.segments_intro"))] if drawn else []),
                   # the note on shifted bubbles is the caption's second sentence: said
                   # under the chart, never overleaf after the markers' key
                   Figure(bubbles, caption=_bubble_caption(analysis, drawn)),
                   segment_table(analysis)]

    blocks += [Heading(s("brakes")), *lead.get("brakes", [])]
    if analysis.diagnosis.brakes:
        blocks += [Paragraph(_t(analysis, "text.brakes_intro")), brake_table(analysis)]
    else:
        blocks.append(Paragraph(_t(analysis, "text.no_brakes")))
    blocks += [Heading(s("resistances"), 2), *_resistance_blocks(analysis)]

    blocks += [Heading(s("risks")), *lead.get("risks", []), Paragraph(_t(analysis, "text.risks_intro")),
               risk_table(analysis)]
    details = _risk_details(analysis)
    if details:
        blocks += [Heading(s("risk_details"), 2), c.bullets(details)]
        how = c.mechanisms(analysis, [r.reasons[0] for r in analysis.diagnosis.risks if r.reasons
                                      and r.level >= analysis.method.brakes.risk_model.attention_from])
        if how:
            blocks += [Paragraph(c.text(analysis, "common.mechanisms")), c.bullets(how)]

    blocks.append(Heading(s("allies")))
    allies = _ally_lines(analysis)
    blocks.append(c.bullets(allies) if allies else Paragraph(_t(analysis, "text.no_allies")))

    blocks.append(Heading(s("warnings")))
    warnings = _warnings(analysis)
    blocks.append(Bullets([w.message for w in warnings]) if warnings
                  else Paragraph(_t(analysis, "text.no_warnings")))

    blocks += c.next_steps_blocks(analysis, next_steps(analysis))
    return c.document(analysis, NAME, blocks)


# --------------------------------------------------------------------------- deck


@per_build
def findings(analysis: Analysis) -> list[c.Finding]:
    """The diagnosis told in five findings: how many are strongly impacted, where
    the change is deepest, whom to convince first, the barriers, the risks."""
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    diagnosis = analysis.diagnosis
    engagement = analysis.engagement
    said = messages(analysis)
    total = sum(p.headcount for p in engagement.populations)
    # The map slide carries each population's overall level; the people chart then
    # says which dimension the change is deepest on, and the heat map behind both,
    # a figure per population and dimension, is detail for the appendix.
    chart_notes = "\n".join([_t(analysis, "text.weighted_intro"), *_level_lines(analysis),
                             _t(analysis, "text.heat_intro", scale=_scale_text(analysis))])
    levels = diagnosis.levels
    every_user = all(p.crm_user for p in engagement.populations)  # "users and non-users" would be false
    map_slide = TableSlide(d("map_all_users" if every_user else "map", count=len(engagement.populations),
                             people=c.people(analysis, total)),
                           impact_map_table(analysis),
                           # too many to present: the most impacted, then the largest, first
                           rank=[int(levels.at[p.name, "level"]) * 1e6 + p.headcount
                                 for p in engagement.populations],
                           notes="\n".join(x for x in (_map_intro(analysis), said.get("non_users", ""),
                                                       overall_rule(analysis)) if x))
    if "dimension" not in said:
        return [c.Finding(said["impacted"], [map_slide, ChartSlide(
            _weighted_title(analysis), people_chart(analysis), caption=overall_rule(analysis),
            notes=chart_notes)], key="map"), *_later_findings(analysis, said)]
    totals = diagnosis.dimension_totals
    top = _by_reach(analysis).index[0]
    return [c.Finding(said["impacted"], [map_slide], key="map"),
            c.Finding(said["dimension"], [ChartSlide(
                d("heat_map", dimension=c.term(analysis, "dimension", top),
                  people=c.people(analysis, int(totals.at[top, "people_strongly_impacted"]))),
                people_chart(analysis), notes="\n".join([_weighted_title(analysis), chart_notes]))],
                key="heat_map"),
            *_later_findings(analysis, said)]


def _later_findings(analysis: Analysis, said: dict[str, str]) -> list[c.Finding]:
    """Whom to convince first, the barriers, the risks."""
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    diagnosis = analysis.diagnosis
    result: list[c.Finding] = []

    segmentation = analysis.method.dimensions.segmentation
    segment_title = c.counted(analysis, f"{NAME}.deck.bubble", len(_in_role(analysis, "priority")),
                              allies=c.counted(analysis, f"{NAME}.deck.bubble_allies",
                                               len(_in_role(analysis, "allies"))))
    segment_notes = "\n".join([segmentation.description.in_(analysis.lang), *_segment_notes(analysis),
                               *([] if _allies_slide(analysis)
                                 else [str(line) for line in _ally_lines(analysis)])])
    result.append(c.Finding(said["convince"], [
        TableSlide(segment_title, single_population_segment_table(analysis),
                   notes=segmentation.description.in_(analysis.lang))
        if len(analysis.engagement.populations) == 1 else
        ChartSlide(segment_title, bubble_chart(analysis), caption=_t(analysis, "text.jitter_note"),
                   notes=segment_notes)],
        key="segments"))

    if diagnosis.brakes:
        brake, populations = _most_widespread(analysis)
        title = (d("brakes_single", brake=c.term(analysis, "brake", brake),
                   severity=diagnosis.brakes[0].severity)
                 if len(diagnosis.brakes) == 1
                 else d("brakes", brake=c.term(analysis, "brake", brake), populations=populations))
        brake_notes = c.reason_notes(analysis, [r for b in _sorted_brakes(analysis) for r in b.reasons],
                                     lead=_t(analysis, "text.brakes_intro"))
        resistances = observed_resistances(analysis)
        slides: list[Slide] = [TableSlide(title, brake_summary_table(analysis), notes=brake_notes)]
        if len(diagnosis.brakes) == 1:
            # A table of one barrier counts ones: the slide says why instead, the
            # strongest signal's reason and what was heard, the other reasons in the notes.
            only = diagnosis.brakes[0]
            heard = [f"{r.population} — {_quote(analysis, r.evidence, QUOTE_ON_SLIDE)}" for r in resistances]
            slides = [BulletSlide(title, [only.reasons[0], *heard], notes=brake_notes)]
            resistances = []  # told on the barrier's own slide
        if resistances:
            # The title counts every resistance heard: every one is shown, continued
            # over slides by the word budget, each quote shortened, in full in the notes.
            slides.append(BulletSlide(
                c.counted(analysis, f"{NAME}.deck.resistances", len(resistances)),
                _heard(analysis, resistances),
                notes="\n".join([
                    *(_t(analysis, "text.resistance_line", population=r.population,
                         brake=c.term(analysis, "brake", r.brake), source=source_word(analysis.method, r.source, analysis.lang))
                      for r in resistances),
                    *(f"{r.population} — {_quote(analysis, r.evidence)}"
                      for r in resistances if _quote(analysis, r.evidence, QUOTE_ON_SLIDE)
                      != _quote(analysis, r.evidence))]),
                counted=len(resistances)))
        result.append(c.Finding(said["brakes"], slides, key="brakes"))

    if "risks" in said:
        model = analysis.method.brakes.risk_model
        high = [r for r in diagnosis.risks if r.level >= model.high_from]
        kinds = analysis.method.brakes.risk_kinds
        result.append(c.Finding(said["risks"], [TableSlide(
            c.counted(analysis, f"{NAME}.deck.risks", len({r.population for r in high})),
            risk_table(analysis, scored=False),
            # too many to present: the highest risks, then the largest populations, first
            rank=[max(diagnosis.risk(p.name, kind).level for kind in kinds) * 1e6 + p.headcount
                  for p in analysis.engagement.populations],
            notes=c.reason_notes(analysis, [c.without_mechanism(analysis, r.reasons[0])
                                            for r in diagnosis.risks if r.level >= model.attention_from],
                                 lead=_t(analysis, "text.risks_intro")))], key="risks"))
    return result


def _heard(analysis: Analysis, resistances: list[Resistance]) -> list[BulletLike]:
    """Each resistance's words, by population; beneath each, the barrier it confirms
    (what the title claims) when all of them fit the slide's words."""
    quotes = [f"**{r.population}** — {_quote(analysis, r.evidence, QUOTE_ON_SLIDE)}" for r in resistances]
    confirms = [_t(analysis, "deck.confirms", brake=c.term(analysis, "brake", r.brake)) for r in resistances]
    if b.words(*quotes, *confirms) > b.BUDGET:
        return list(quotes)
    return [item for quote, confirm in zip(quotes, confirms, strict=True)
            for item in (quote, BulletItem(confirm, level=1))]


def _weighted_title(analysis: Analysis) -> str:
    totals = analysis.diagnosis.dimension_totals
    strong = strongly_impacted(analysis)
    people = _headcount(analysis, strong)
    total = sum(p.headcount for p in analysis.engagement.populations)
    dimensions = int((totals["people_strongly_impacted"] > 0).sum()) if len(totals) else 0
    return c.counted(analysis, f"{NAME}.deck.weighted", dimensions,
                     people=c.people(analysis, people), share=c.percent(analysis, c.share(people, total)))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ“«\"])")


def _point(message: str) -> str:
    """The first sentence of a point to watch: what to watch; the rest is why."""
    return _SENTENCE_END.split(message, maxsplit=1)[0]


def _points_and_why(full: list[str]) -> list[BulletLike]:
    """Each point in bold with the rest of its message beneath, when all of it
    fits the slide's words; otherwise the points alone (the notes say why)."""
    if b.words(*full) > b.BUDGET:
        return [_point(message) for message in full]
    bullets: list[BulletLike] = []
    for message in full:
        point = _point(message)
        bullets.append(f"**{point}**")
        why = message[len(point):].strip()
        if why:
            bullets.append(BulletItem(why, level=1))
    return bullets


def build_deck(analysis: Analysis) -> Deck:
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    allies = _in_role(analysis, "allies")
    title = c.counted(analysis, f"{NAME}.deck.allies", len(allies),
                      people=c.people(analysis, _headcount(analysis, allies)))
    lines: list[BulletLike] = _ally_lines(analysis) or [_t(analysis, "text.no_allies")]
    notes = messages(analysis).get("allies", "")
    # Each point to watch by its first sentence, the point; its reason is in the notes
    # (and the report), so the points share one slide rather than one each.
    full = [w.message for w in _warnings(analysis)]
    warnings: list[BulletLike] = [_point(message) for message in full]
    together = b.words(*lines, *warnings, _t(analysis, "sections.allies"),
                       _t(analysis, "sections.warnings"))
    # Side by side when both fit the slide's words, or when allies and points are few:
    # a single ally line or a point alone is no slide of its own.
    if warnings and (together > b.BUDGET
                     or (len(warnings) > WARNINGS_BESIDE_ALLIES and len(lines) > 1)):
        # two ideas, two slides: on its own slide each point keeps its why while they fit
        closing: list[Slide] = [BulletSlide(title, lines, notes=notes), BulletSlide(
            c.counted(analysis, f"{NAME}.deck.warnings", len(warnings)), _points_and_why(full),
            notes="\n".join(full), counted=len(warnings))]
    elif warnings:  # short points: beside the allies, not a near-empty slide of their own
        # the notes say why: each point itself is on the slide already
        whys = [why for message in full if (why := message[len(_point(message)):].strip())]
        closing = [TwoContentSlide(title, lines, warnings, notes="\n".join([notes, *whys]),
                                   left_title=_t(analysis, "sections.allies"),
                                   right_title=_t(analysis, "sections.warnings"))]
    elif _allies_slide(analysis):
        closing = [BulletSlide(title, lines, notes=notes)]
    else:
        # One ally or none, and no point to watch: the map slide's title counts them
        # and its notes name the ally; a slide of one bullet is not made.
        closing = []
    # With a single population, the per-population appendix tables repeat the
    # rows of the main slides (segment, barrier): they are not made.
    several = len(analysis.engagement.populations) > 1
    appendix: list[Slide] = [TableSlide(d("segments"), segment_rows_table(analysis),
                                      notes="\n".join(_segment_notes(analysis)))] if several else []
    # The overall level is on the map slide and the scale in the title: the
    # appendix keeps the dimensions, on as few slides as the budget allows.
    heat = heat_table(analysis)
    heat = c.select(heat, range(len(heat.columns) - 1))
    heat.caption = ""
    if several:  # one population's intensities are on its map slide
        appendix += b.table_slides(analysis, d("heat_map_detail"), heat,
                                   notes=_t(analysis, "text.heat_intro", scale=_scale_text(analysis)))
    if analysis.diagnosis.brakes and several:
        appendix += b.table_slides(analysis, d("brake_details"), brake_table(analysis, with_reasons=False),
                                   notes=c.reason_notes(analysis, [r for f in _sorted_brakes(analysis)
                                                                   for r in f.reasons]))
    # the summary's last card is the decisions awaited: developed after the allies
    closing += decided.slide(analysis)
    return c.story_deck(analysis, NAME, findings(analysis), closing=closing, appendix=appendix,
                        steps=next_steps(analysis))
