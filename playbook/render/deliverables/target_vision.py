"""The Target vision (Vision cible): life tomorrow for each population and what it
gains, the personas, current and target user journeys, use cases by lot, the
steering KPIs and the data-sharing ambition.

Seed 004 starts here ("comment sera la vie de demain… qu'aura-t-on à y
gagner ?"); seed 002 adds personas and user journeys whose improvements are
prioritised with their effort so the COPIL can arbitrate; seed 000 adds use
cases by lot and steering; seed 004 warns that the 360° view often stops at
180°. Everything shown comes from the engagement or the analysis.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ...analysis import Analysis
from ...model import JourneyStep, Lot, Persona, Population
from ...model.enums import Brake, JourneyStage, Priority
from ...text import typography
from ..ir import (
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
    Series,
    Slide,
    Table,
    TableSlide,
    TwoContentSlide,
)
from . import budget as b
from . import common as c
from . import decisions as decided

NAME = "target_vision"
SECTIONS = ("life", "personas", "journeys", "use_cases", "kpis", "data")
PRIORITY_FILLS = {Priority.MUST: "#A8D0DB", Priority.SHOULD: "#EEF3F5", Priority.COULD: None}
STAGE_ORDER = list(JourneyStage)
PRIORITY_ORDER = list(Priority)


def t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.{key}", **values)


# =========================================================================== facts


def described(analysis: Analysis) -> list[Population]:
    """Populations whose life tomorrow or gains are written down."""
    return [p for p in analysis.engagement.populations if p.life_tomorrow or p.gains]


def journeys_by_population(analysis: Analysis) -> dict[str, list[JourneyStep]]:
    """Journey steps per population, in intake order of populations, stages in journey order."""
    grouped: dict[str, list[JourneyStep]] = defaultdict(list)
    for step in analysis.engagement.journeys:
        grouped[step.population].append(step)
    order = [p.name for p in analysis.engagement.populations]
    return {name: sorted(grouped[name], key=lambda s: STAGE_ORDER.index(s.stage))
            for name in sorted(grouped, key=lambda n: order.index(n) if n in order else len(order))}


def desiloing_populations(analysis: Analysis, low: bool = False) -> list[str]:
    """Populations for which the diagnosis detected the de-siloing brake at a
    severity that needs attention (the risk model's threshold, as the first
    risks); `low`: those where it is only a low barrier. A low barrier does not
    "hold the 360° view to 180°"."""
    attention = analysis.method.brakes.risk_model.attention_from
    return list(dict.fromkeys(b.population for b in analysis.diagnosis.brakes
                              if b.brake == Brake.DESILOING.value and (b.severity < attention) == low))


def sorted_lots(analysis: Analysis) -> list[Lot]:
    return sorted(analysis.engagement.lots, key=lambda lot: (lot.go_live, lot.design_start))


# =========================================================================== key messages


def key_messages(analysis: Analysis) -> list[str]:
    """The summary: one message per section, at most five, in the sections' order."""
    return list(messages(analysis).values())


def messages(analysis: Analysis, summary: bool = True) -> dict[str, str]:
    """Each section's message (its conclusion), in the sections' order. For the
    summary (five at most) the KPIs' message gives way when all six sections have
    one; the report's sections open on every one of them."""
    e = analysis.engagement
    said = {"life": _life_message(analysis)}
    if e.personas:
        losing = [p.name for p in e.personas if p.loses_by_sharing]
        said["personas"] = (c.message(analysis, f"{NAME}.messages.personas", len(losing),
                                      personas=len(e.personas), names=", ".join(losing))
                            if losing else t(analysis, "messages.personas_plain", count=len(e.personas)))
    if e.journeys:
        steps = [s for s in e.journeys if s.pain_point]
        must = [s for s in e.journeys if s.priority == Priority.MUST and s.improvement]
        said["journeys"] = c.message(analysis, f"{NAME}.messages.journeys", pains=len(steps),
                             populations=len(journeys_by_population(analysis)), must=len(must),
                             days=c.days(analysis, sum(s.effort_days for s in must)))
    if e.use_cases and e.lots:
        first = sorted_lots(analysis)[0].name
        said["use_cases"] = t(analysis, "messages.use_cases", count=len(e.use_cases), lots=len(e.lots),
                              must=sum(u.priority == Priority.MUST for u in e.use_cases),
                              first=sum(u.lot == first for u in e.use_cases))
    kpis = analysis.steering.kpis
    if len(kpis):
        said["kpis"] = t(analysis, "messages.kpis", count=len(kpis),
                         date=c.date(analysis, min(kpis["first_review"])))
    silos = desiloing_populations(analysis)
    if silos:
        stated = bool(e.engagement.data_ambition.strip())  # no ambition stated: none to claim
        said["data"] = c.message(analysis, f"{NAME}.messages.{'data' if stated else 'data_unstated'}", len(silos))
    if summary and len(said) > c.SUMMARY_MAX:
        said.pop("kpis", None)
    return said


def _life_message(analysis: Analysis) -> str:
    e = analysis.engagement
    done = described(analysis)
    missing = [p.name for p in e.populations if p not in done]
    people = c.people(analysis, sum(p.headcount for p in done))
    if missing and not done:  # "described for 0 populations" is not a finding
        return _undescribed_message(analysis)
    if missing:
        return t(analysis, "messages.life_missing", described=len(done), total=len(e.populations),
                 names=", ".join(missing))
    return t(analysis, "messages.life", described=len(done), total=len(e.populations), people=people)


def changes(analysis: Analysis, population: Population) -> list[tuple[str, int]]:
    """The dimensions of change a population's life tomorrow will have to describe,
    from the impact assessment: every strong change (the method's threshold), else
    the strongest there is; deepest first. Empty when nothing changes for it."""
    matrix = analysis.diagnosis.matrix
    if population.name not in matrix.index:
        return []
    dimensions = [d for d in matrix.columns if d != "headcount"]
    depth = {d: int(matrix.at[population.name, d]) for d in dimensions}
    top = max(depth.values(), default=0)
    if top <= 0:
        return []
    strong = analysis.method.dimensions.overall_level.strong_intensity
    return sorted(((d, depth[d]) for d in dimensions if depth[d] >= min(top, strong)), key=lambda x: -x[1])


def highest_impact(analysis: Analysis) -> int:
    """The top of the method's intensity scale (3): the impact diagnosis's highest level."""
    return analysis.method.dimensions.scale[-1].intensity


def most_impacted(analysis: Analysis, populations: list[Population]) -> list[Population]:
    """The populations at the highest overall impact level of the diagnosis, largest first."""
    levels = analysis.diagnosis.levels["level"]
    top = highest_impact(analysis)
    return sorted((p for p in populations if p.name in levels.index and int(levels[p.name]) >= top),
                  key=lambda p: -p.headcount)


def weight(analysis: Analysis, population: Population) -> tuple[int, int]:
    """How a population ranks among those still to describe: its overall impact
    level (the diagnosis's), then its headcount."""
    levels = analysis.diagnosis.levels["level"]
    level = int(levels[population.name]) if population.name in levels.index else 0
    return level, population.headcount


def _top_dimensions(analysis: Analysis, population: Population) -> list[str]:
    """The dimensions at a population's deepest change, in words."""
    found = changes(analysis, population)
    return [_lower_first(c.term(analysis, "dimension", d)) for d, depth in found if depth == found[0][1]] if found else []


def _lower_first(words: str) -> str:
    return words[:1].lower() + words[1:]


def _and(analysis: Analysis, items: list[str]) -> str:
    """'a, b and c' / 'a, b et c'."""
    last = t(analysis, "and")
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def undescribed(analysis: Analysis) -> tuple[str, dict[str, Any]]:
    """How the change reads when no population's life tomorrow is written yet:
    the form ('one' population, 'strong' changes, 'moderate' only) and its values.
    The deepest change of the impact assessment is what the description will have to answer."""
    populations = list(analysis.engagement.populations)
    if len(populations) == 1:
        deepest = _top_dimensions(analysis, populations[0])
        return "one", {"name": populations[0].name, "people": c.people(analysis, populations[0].headcount),
                       "dimensions": _and(analysis, deepest) if deepest else ""}
    top = highest_impact(analysis)
    label = analysis.method.dimensions.intensity(top).label.in_(analysis.lang)
    highest = most_impacted(analysis, populations)
    if highest:
        return "strong", {"count": len(highest), "total": len(populations), "top": top, "top_label": label,
                          "people": c.people(analysis, sum(p.headcount for p in highest)),
                          "names": ", ".join(p.name for p in highest)}
    levels = analysis.diagnosis.levels["level"]
    reached = max((int(levels[p.name]) for p in populations if p.name in levels.index), default=0)
    return "moderate", {"total": len(populations), "depth": reached, "top": top, "top_label": label}


def _undescribed_message(analysis: Analysis) -> str:
    form, values = undescribed(analysis)
    if form == "one" and not values["dimensions"]:
        form = "one_unchanged"
    return c.message(analysis, f"{NAME}.messages.life_{form}", **values)


# =========================================================================== document


def build_document(analysis: Analysis) -> Document:
    # A section with nothing described yet is not a heading over one sentence: the
    # life section says once which of them are still to describe.
    sections = [s for s in SECTIONS if s not in _empty_sections(analysis)]
    return c.sectioned_document(analysis, NAME, sections, _DOC_SECTIONS, messages(analysis),
                                messages(analysis, summary=False))


def _empty_sections(analysis: Analysis) -> list[str]:
    """The sections of the vision the workshops have not described yet."""
    e = analysis.engagement
    return [s for s, given in (("personas", e.personas), ("journeys", e.journeys), ("use_cases", e.use_cases))
            if not given]


def _life_blocks(analysis: Analysis) -> list[Block]:
    # With nothing described, the opening says all are still to describe: no intro to nothing.
    blocks: list[Block] = [Paragraph(t(analysis, "life.intro"))] if described(analysis) else []
    for p in described(analysis):
        blocks.append(Heading(c.population_label(analysis, p), 2))
        if p.life_tomorrow:
            blocks.append(Paragraph(f"**{t(analysis, 'life.tomorrow')}.** {p.life_tomorrow}"))
        if p.gains:
            blocks.append(Paragraph(f"**{t(analysis, 'life.gains')}.** {p.gains}"))
    # The populations still to describe are named by the section's opening, once;
    # what the diagnosis already says changes for them follows.
    done = described(analysis)
    table = changes_table(analysis, [p for p in analysis.engagement.populations if p not in done])
    if table is not None:
        blocks += [Paragraph(t(analysis, "life.from_impacts")), table]
    empty = [t(analysis, f"life.still_to_describe.{s}") for s in _empty_sections(analysis)]
    if empty:
        said = _and(analysis, empty)
        blocks.append(Paragraph(t(analysis, "life.still_to_describe.sentence", sections=said)))
    return blocks


def heard(analysis: Analysis, population: Population, described: bool = True) -> str:
    """What the consultant heard of a population at framing: its own words when a
    resistance was heard (quoted once, never inside a second pair of quotes),
    else (`described`) how the intake describes it."""
    for resistance in analysis.engagement.resistances:
        if resistance.population == population.name and resistance.evidence.strip():
            words = resistance.evidence.strip()
            return words if words[0] in "«“\"'" else typography.quoted(words, analysis.lang)
    return population.description.strip() if described else ""


def changes_table(analysis: Analysis, populations: list[Population], heard_as: str = "described") -> Table | None:
    """Each population (most impacted first, then largest) with the dimensions of change at its
    strongest intensity, from the impact assessment, and what was heard of it
    (`heard_as`: "described" its words else its description, "quoted" its words
    only, "" nothing): what its life tomorrow will have to answer. None when no
    population has an impact."""
    rows: list[list[Cell]] = []
    for p in sorted(populations, key=lambda p: weight(analysis, p), reverse=True):
        found = changes(analysis, p)
        if not found:
            continue
        rows.append([p.name, c.people(analysis, p.headcount),
                     ", ".join(t(analysis, "life.change", dimension=c.term(analysis, "dimension", d),
                                 intensity=depth) for d, depth in found),
                     heard(analysis, p, heard_as == "described") if heard_as else ""])
    if not rows:
        return None
    table = Table([c.text(analysis, "common.columns.population"), c.text(analysis, "common.columns.headcount"),
                   t(analysis, "life.changes"), t(analysis, "life.heard")], rows, widths=[1.8, 0.9, 2.2, 3])
    # nothing heard of anyone yet: no column of blanks
    return table if any(row[3] for row in rows) else c.select(table, [0, 1, 2])


def _persona_profile(analysis: Analysis, persona: Persona) -> list[str]:
    def p(key: str) -> str:
        return t(analysis, f"personas.{key}")

    return [
        f"**{p('it_comfort')}** — {c.term(analysis, 'level', persona.it_comfort)}",
        f"**{p('service_sense')}** — {c.term(analysis, 'level', persona.customer_service_sense)}",
        f"**{p('loses_by_sharing')}** — {c.yes_no(analysis, persona.loses_by_sharing)}",
    ]


def _persona_experience(analysis: Analysis, persona: Persona) -> list[str]:
    fields = ("fears", "difficulties", "successes", "view_of_tool")
    return [f"**{t(analysis, f'personas.{f}')}** — {getattr(persona, f)}" for f in fields if getattr(persona, f)]


def _personas_blocks(analysis: Analysis) -> list[Block]:
    personas = analysis.engagement.personas
    if not personas:
        return [Paragraph(t(analysis, "personas.none"))]
    blocks: list[Block] = []
    for persona in personas:
        blocks.append(Heading(persona.name, 2))
        blocks.append(Paragraph(t(analysis, "personas.population",
                                  population=c.population_label(analysis, persona.population)), "caption"))
        blocks.append(Paragraph(persona.portrait))
        if persona.quote:
            blocks.append(Paragraph(persona.quote, "quote"))
        blocks.append(Bullets([*_persona_profile(analysis, persona), *_persona_experience(analysis, persona)]))
    return blocks


def _journey_table(analysis: Analysis, steps: list[JourneyStep], full: bool) -> Table:
    def j(key: str) -> str:
        return t(analysis, f"journeys.{key}")

    priority = c.text(analysis, "common.columns.priority")
    if full:
        # Priority and effort share a cell: a portrait page has no room for a seventh column.
        columns = [j("stage"), j("current"), j("pain_point"), j("target"), j("improvement"), priority]
        rows: list[list[Cell]] = [[c.term(analysis, "journey_stage", s.stage), s.current, s.pain_point, s.target, s.improvement,
                 t(analysis, "journeys.priority_effort", priority=c.term(analysis, "priority", s.priority),
                   days=c.number(analysis, s.effort_days, _decimals(s.effort_days)))]
                for s in steps]
        widths = [1, 2, 2, 2, 2, 1.2]
        fills = [[*[None] * 5, PRIORITY_FILLS[s.priority]] for s in steps]
    else:
        # What the committee arbitrates; the pain point behind each improvement is in the notes.
        columns = [j("stage"), j("improvement"), priority, j("effort")]
        rows = [[c.term(analysis, "journey_stage", s.stage), s.improvement,
                 c.term(analysis, "priority", s.priority), c.number(analysis, s.effort_days, _decimals(s.effort_days))]
                for s in steps]
        widths = [1.2, 4, 1.1, 0.8]
        fills = [[*[None] * 2, PRIORITY_FILLS[s.priority], None] for s in steps]
    return Table(columns, rows, widths=widths, cell_fills=fills)


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def effort_by_priority(analysis: Analysis) -> dict[Priority, tuple[int, float]]:
    """(improvements, effort days) per priority: what the COPIL arbitrates."""
    totals: dict[Priority, tuple[int, float]] = {}
    for priority in PRIORITY_ORDER:
        steps = [s for s in analysis.engagement.journeys if s.priority == priority and s.improvement]
        totals[priority] = (len(steps), float(sum(s.effort_days for s in steps)))
    return totals


def _arbitration_table(analysis: Analysis) -> Table:
    def j(key: str) -> str:
        return t(analysis, f"journeys.{key}")

    totals = effort_by_priority(analysis)
    rows: list[list[Cell]] = [[c.term(analysis, "priority", p), n, c.number(analysis, d, _decimals(d))]
                              for p, (n, d) in totals.items()]
    rows.append([c.text(analysis, "common.total"), sum(n for n, _ in totals.values()),
                 c.number(analysis, sum(d for _, d in totals.values()))])
    return Table([c.text(analysis, "common.columns.priority"), j("count"), j("effort")], rows, widths=[2, 1, 1])


def effort_chart(analysis: Analysis) -> Chart:
    groups = journeys_by_population(analysis)
    series = [Series(c.term(analysis, "priority", p),
                     [float(sum(s.effort_days for s in steps if s.priority == p)) for steps in groups.values()])
              for p in PRIORITY_ORDER]
    series = [s for s in series if any(s.values)]
    return Chart("stacked_barh", t(analysis, "journeys.chart"), categories=list(groups), series=series,
                 x_title=t(analysis, "journeys.effort"))


def _journeys_missing(analysis: Analysis) -> list[str]:
    groups = journeys_by_population(analysis)
    return [p.name for p in analysis.engagement.populations if p.crm_user and p.name not in groups]


def _journeys_blocks(analysis: Analysis) -> list[Block]:
    groups = journeys_by_population(analysis)
    if not groups:
        return [Paragraph(t(analysis, "journeys.none"))]
    blocks: list[Block] = [Paragraph(t(analysis, "journeys.intro"))]
    for population, steps in groups.items():
        blocks += [Heading(c.population_label(analysis, population), 2), _journey_table(analysis, steps, full=True)]
    must = effort_by_priority(analysis)[Priority.MUST][1]
    total = sum(s.effort_days for s in analysis.engagement.journeys if s.improvement)
    blocks += [Heading(t(analysis, "journeys.arbitration_title"), 2),
               Paragraph(t(analysis, "journeys.arbitration_intro", days=c.number(analysis, total),
                           must=c.number(analysis, must))),
               _arbitration_table(analysis)]
    if any(s.effort_days for s in analysis.engagement.journeys):
        blocks.append(Figure(effort_chart(analysis)))
    missing = _journeys_missing(analysis)
    if missing:
        blocks.append(Paragraph(t(analysis, "journeys.missing", names=", ".join(missing))))
    return blocks


def _use_case_rows(analysis: Analysis, lot: Lot, full: bool) -> tuple[list[list[Cell]], list[list[str | None]]]:
    cases = sorted((u for u in analysis.engagement.use_cases if u.lot == lot.name),
                   key=lambda u: PRIORITY_ORDER.index(u.priority))
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for u in cases:
        priority = c.term(analysis, "priority", u.priority)
        if full:
            rows.append([u.name, u.description, u.population, u.functional_block, priority])
            fills.append([None, None, None, None, PRIORITY_FILLS[u.priority]])
        else:
            rows.append([u.name, u.population, priority])
            fills.append([None, None, PRIORITY_FILLS[u.priority]])
    return rows, fills


def use_case_chart(analysis: Analysis) -> Chart:
    lots = sorted_lots(analysis)
    series = [Series(c.term(analysis, "priority", p),
                     [float(sum(u.lot == lot.name and u.priority == p for u in analysis.engagement.use_cases))
                      for lot in lots]) for p in PRIORITY_ORDER]
    return Chart("stacked_bar", t(analysis, "use_cases.chart"), categories=[lot.name for lot in lots],
                 series=[s for s in series if any(s.values)], show_values=True,
                 y_title=t(analysis, "use_cases.axis"), natural_order=True,  # lots by go-live
                 category_title=c.text(analysis, "common.columns.lot"))


def _use_cases_blocks(analysis: Analysis) -> list[Block]:
    e = analysis.engagement
    if not e.use_cases:
        return [Paragraph(t(analysis, "use_cases.none"))]
    def u_(key: str, **v: Any) -> str:
        return t(analysis, f"use_cases.{key}", **v)

    blocks: list[Block] = [Paragraph(u_("intro")), Figure(use_case_chart(analysis))]
    for lot in sorted_lots(analysis):
        rows, fills = _use_case_rows(analysis, lot, full=True)
        if not rows:
            continue
        blocks += [Heading(lot.name, 2),
                   Paragraph(u_("lot_line", date=c.date(analysis, lot.go_live),
                                populations=", ".join(lot.populations))),
                   Table([u_("use_case"), u_("description"), c.text(analysis, "common.columns.population"),
                          u_("block"), c.text(analysis, "common.columns.priority")], rows,
                         widths=[2, 3, 1.6, 1.4, 1], cell_fills=fills)]
    return blocks


def _kpi_rows(analysis: Analysis, full: bool) -> list[list[Cell]]:
    def k(key: str) -> str:
        return t(analysis, f"kpis.{key}")

    rows = []
    for r in analysis.steering.kpis.itertuples():
        population = r.population or k("all_populations")
        base = [r.name, population, c.measure(analysis, r.baseline, r.unit) or "—",
                c.measure(analysis, r.target, r.unit)]
        if full:
            rows.append([r.family, *base, c.measure(analysis, r.amber_from, r.unit),
                         c.date(analysis, r.first_review)])
        else:
            rows.append([*base, c.date(analysis, r.first_review)])
    return rows


def _kpi_columns(analysis: Analysis, full: bool) -> list[str]:
    def k(key: str) -> str:
        return t(analysis, f"kpis.{key}")

    def col(key: str) -> str:
        return c.text(analysis, f"common.columns.{key}")

    base = [k("kpi"), col("population"), col("baseline"), col("target")]
    return [k("family"), *base, k("amber_from"), k("first_review")] if full else [*base, k("first_review")]


def _has_baseline(analysis: Analysis) -> bool:
    """At least one KPI has a measured baseline."""
    kpis = analysis.steering.kpis
    return any(c.measure(analysis, r.baseline, r.unit) for r in kpis.itertuples())


def _kpi_definitions(analysis: Analysis) -> list[str]:
    """Each definition once, with the KPIs it defines (one adoption KPI per
    population shares one), then the KPIs the method added, in one line."""
    kpis = analysis.steering.kpis
    defined: dict[str, list[str]] = {}
    for r in kpis.itertuples():
        if r.definition:
            defined.setdefault(r.definition, []).append(r.name)
    lines = [f"**{', '.join(names)}** — {definition}" for definition, names in defined.items()]
    added = [r.name for r in kpis.itertuples() if r.source == "method"]
    own = [r.name for r in kpis.itertuples() if r.source != "method"]
    if added and len(added) == len(kpis):  # naming all of them again says nothing
        lines.append(t(analysis, "kpis.all_method"))
    elif added and len(own) < len(added):  # the shorter list, not the names just defined again
        lines.append(c.counted(analysis, f"{NAME}.kpis.source_client", len(own), others=len(added),
                               kpis="; ".join(typography.quoted(n, analysis.lang) for n in own)))
    elif added:
        lines.append(t(analysis, "kpis.source_method", kpis="; ".join(added), count=len(added)))
    return lines


def _kpis_blocks(analysis: Analysis) -> list[Block]:
    table = Table(_kpi_columns(analysis, True), _kpi_rows(analysis, True), widths=[1.2, 2.4, 1.6, 0.9, 0.9, 0.9, 1.2])
    if not _has_baseline(analysis):
        table = c.select(table, [0, 1, 2, 4, 5, 6])
    intro = t(analysis, "kpis.intro" if _has_baseline(analysis) else "kpis.intro_no_baseline")
    # The colour key above the table: below it, it is left alone overleaf when the table ends a page.
    blocks: list[Block] = [Paragraph(intro), Paragraph(t(analysis, "kpis.rag"), "caption"), table,
                           c.bullets(_kpi_definitions(analysis))]
    objectives = _objective_kpis(analysis)
    if objectives:
        blocks += [Paragraph(t(analysis, "kpis.objectives")), c.bullets(objectives)]
    return blocks


def _objective_kpis(analysis: Analysis) -> list[str]:
    """The business objectives' own KPIs, from their baseline to their target by
    their due date: what the usage KPIs serve, said beside them."""
    lines = []
    for o in analysis.engagement.objectives:
        if not o.kpi.strip():
            continue
        values = {"kpi": o.kpi, "target": c.measure(analysis, o.target, o.unit), "date": c.date(analysis, o.due_date),
                  "objective": o.crm_objective or o.business_objective}
        if o.baseline is not None:
            lines.append(t(analysis, "kpis.objective_line", baseline=c.measure(analysis, o.baseline, o.unit), **values))
        else:
            lines.append(t(analysis, "kpis.objective_line_no_baseline", **values))
    return lines


def _data_lines(analysis: Analysis) -> list[str]:
    """The 180° warning, and where the diagnosis found the de-siloing brake."""
    silos = desiloing_populations(analysis)
    lines = [t(analysis, "data.warning")]
    if silos:
        e = analysis.engagement
        lines.append(t(analysis, "data.brakes", count=len(silos),
                       people=c.people(analysis, sum(e.population(n).headcount for n in silos)),
                       names=", ".join(silos)))
    elif desiloing_populations(analysis, low=True):
        lines.append(t(analysis, "data.low_brakes", names=", ".join(desiloing_populations(analysis, low=True))))
    else:
        lines.append(t(analysis, "data.no_brake"))
    return lines


def _data_reasons(analysis: Analysis) -> list[str]:
    silos = desiloing_populations(analysis)
    reasons = [b.reasons[0] for b in analysis.diagnosis.brakes
               if b.brake == Brake.DESILOING.value and b.reasons and b.population in silos]
    if len(silos) == 1:
        # the one population is named just above: 'Reason: Agents (140 people): …' names it twice
        named = re.compile(rf"^{re.escape(silos[0])}\s*(\([^)]*\))?\s*:\s*")
        reasons = [named.sub("", r, count=1) for r in reasons]
    return reasons


def _data_blocks(analysis: Analysis) -> list[Block]:
    ambition = analysis.engagement.engagement.data_ambition
    silos = desiloing_populations(analysis)
    if not ambition.strip() and not silos:
        # Nothing stated, no silo found: what is still to do, and what the diagnosis
        # found, without the method's general 180° warning (the deck makes no slide of it).
        return [Paragraph(t(analysis, "data.not_stated")), Paragraph(_data_lines(analysis)[1])]
    blocks: list[Block] = []
    # An ambition still to state is said once: by the section's opening when silos make one.
    if ambition.strip():
        blocks += [Heading(t(analysis, "data.ambition"), 2), *(Paragraph(p) for p in _paragraphs(ambition))]
    blocks.append(c.bullets(_data_lines(analysis)))
    reasons = _data_reasons(analysis)
    if reasons:
        blocks.append(Bullets([BulletItem(c.text(analysis, "common.reason_line", reason=r), 1) for r in reasons]))
    return blocks


def _paragraphs(text: str) -> list[str]:
    return [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]


_DOC_SECTIONS = {
    "life": _life_blocks,
    "personas": _personas_blocks,
    "journeys": _journeys_blocks,
    "use_cases": _use_cases_blocks,
    "kpis": _kpis_blocks,
    "data": _data_blocks,
}


# =========================================================================== deck


def build_deck(analysis: Analysis) -> Deck:
    # the summary's last card is the decisions awaited: the deck develops it
    # before the next steps, each decision with its reason
    return c.sectioned_deck(analysis, NAME, SECTIONS, _DECK_SECTIONS, messages(analysis),
                            closing=decided.slide(analysis))


LIFE_SHOWN = 3  # populations on the main slide at most (largest first); all in the report


def _life_slides(analysis: Analysis) -> tuple[list[Slide], list[Slide]]:
    """The gains of the largest populations, as many as a slide's budget holds.

    Every population's gains and life tomorrow are in the report, one page each;
    the notes carry the life tomorrow of all and the gains of the others. A
    table of every population would need one slide per pair of them.
    """
    people = [p for p in described(analysis) if p.gains]
    if not described(analysis):
        # What was heard as long as the table stays within the main slides: the
        # descriptions first give way, then the quotes (all are in the report).
        tables = [changes_table(analysis, list(analysis.engagement.populations), heard_as)
                  for heard_as in ("described", "quoted", "")]
        fitting = [tb for tb in tables if tb is not None and len(b.pages(tb)) <= c.MAIN_TABLE_PAGES]
        table = fitting[0] if fitting else tables[-1]
        if table is None:
            return [], []
        form, values = undescribed(analysis)
        title = t(analysis, f"deck.life_from_impacts.{form}", **values)
        # the most impacted populations on the slide when all do not fit (the table's order), every one in the appendix
        return [TableSlide(title, table, rank=[float(i) for i in range(len(table.rows), 0, -1)])], []
    if not people:
        return [], []
    columns = [c.text(analysis, "common.columns.population"), t(analysis, "life.gains")]
    def row(p: Population) -> list[Cell]:
        return [c.population_label(analysis, p), p.gains]

    largest = sorted(people, key=lambda p: -p.headcount)[:LIFE_SHOWN]
    largest = b.leading(largest, lambda p: b.words(*row(p)), spent=b.words(*columns))
    shown = [p for p in people if p in largest]
    notes = b.lines([*(f"{p.name} — {p.life_tomorrow}" for p in people if p.life_tomorrow),
                     *(f"{p.name} — {p.gains}" for p in people if p not in shown)])
    title = (c.counted(analysis, f"{NAME}.deck.life", len(shown), total=len(people)) if len(shown) < len(people)
             else c.counted(analysis, f"{NAME}.deck.life_all", len(shown)))
    return [TableSlide(title, Table(columns, [row(p) for p in shown], widths=[1.3, 3]), notes=notes)], []


def _persona_slides(analysis: Analysis) -> tuple[list[Slide], list[Slide]]:
    personas = analysis.engagement.personas
    if not personas:
        return [], []
    def p_(key: str) -> str:
        return t(analysis, f"personas.{key}")

    losing = [p for p in personas if p.loses_by_sharing]
    table = Table([t(analysis, "deck.persona"), c.text(analysis, "common.columns.population"),
                   p_("it_comfort"), p_("loses_by_sharing")],
                  [[p.name, p.population, c.term(analysis, "level", p.it_comfort),
                    c.yes_no(analysis, p.loses_by_sharing)] for p in personas],
                  widths=[2.4, 2.4, 1.2, 1.4])
    main: list[Slide] = [TableSlide(c.counted(analysis, f"{NAME}.deck.personas", len(losing), personas=len(personas)),
                       table, notes="\n".join(f"{p.name} — {p.quote}" for p in personas if p.quote))]
    return main, [_persona_slide(analysis, persona) for persona in personas]


def _persona_slide(analysis: Analysis, persona: Persona) -> Slide:
    """Who the persona is and, beside it, what she lives, as much as the slide's
    budget holds (fears first); her profile levels are on the personas table
    already, so they go to the notes with the whole of her experience."""
    def p_(key: str) -> str:
        return t(analysis, f"personas.{key}")

    left: list[BulletLike] = [persona.portrait, *([f"**{persona.quote}**"] if persona.quote else [])]
    experience = _persona_experience(analysis, persona)
    right: list[BulletLike] = (b.leading(experience, b.words, spent=b.words(*left, p_("portrait"), p_("experience")))
             or [line for line in _persona_profile(analysis, persona)])
    notes = b.lines([t(analysis, "personas.population", population=persona.population),
                     *(line.replace("**", "") for line in _persona_profile(analysis, persona)),
                     *(line.replace("**", "") for line in experience)])
    return TwoContentSlide(persona.name, left, right, notes=notes,
                           left_title=p_("portrait"), right_title=p_("experience"))


def _journey_slides(analysis: Analysis) -> tuple[list[Slide], list[Slide]]:
    groups = journeys_by_population(analysis)
    detail: list[Slide] = []
    for population, steps in groups.items():
        notes = b.lines(t(analysis, "deck.journey_note", stage=c.term(analysis, "journey_stage", s.stage),
                          current=s.current, target=s.target, pain=s.pain_point or "—")
                        for s in steps)
        detail += b.table_slides(analysis, t(analysis, "deck.journey", population=population),
                                 _journey_table(analysis, steps, full=False), notes=notes)
    if not (groups and any(s.effort_days for s in analysis.engagement.journeys)):
        return detail[:1], detail[1:]
    count, must = effort_by_priority(analysis)[Priority.MUST]
    total = sum(s.effort_days for s in analysis.engagement.journeys if s.improvement)
    main: list[Slide] = [ChartSlide(c.counted(analysis, f"{NAME}.deck.journeys", count, days=c.days(analysis, must),
                                 total=c.days(analysis, total)),
                       effort_chart(analysis),
                       caption=t(analysis, "journeys.arbitration_intro", days=c.days(analysis, total),
                                 must=c.days(analysis, must)),
                       notes=t(analysis, "journeys.intro"))]
    return main, detail


def _use_case_slides(analysis: Analysis) -> tuple[list[Slide], list[Slide]]:
    e = analysis.engagement
    if not e.use_cases:
        return [], []
    def u_(key: str) -> str:
        return t(analysis, f"use_cases.{key}")

    lots = sorted_lots(analysis)
    first = sum(u.lot == lots[0].name for u in e.use_cases) if lots else 0
    main: list[Slide] = [ChartSlide(
        c.counted(analysis, f"{NAME}.deck.use_cases", first, lot=lots[0].name if lots else "",
                  total=len(e.use_cases),
                  must=sum(u.priority == Priority.MUST for u in e.use_cases
                           if lots and u.lot == lots[0].name)),
        use_case_chart(analysis), notes=u_("intro"))]
    detail: list[Slide] = []
    for lot in lots:
        rows, fills = _use_case_rows(analysis, lot, full=False)
        if rows:
            # Who uses each case and what it does are in the notes and the report.
            notes = b.lines(f"{u.name} — {u.population}. {u.description}" for u in e.use_cases
                            if u.lot == lot.name)
            detail += b.table_slides(analysis, lot.name, c.select_or_record(Table(
                [u_("use_case"), c.text(analysis, "common.columns.population"),
                 c.text(analysis, "common.columns.priority")], rows, widths=[4, 2, 1.2], cell_fills=fills),
                [0, 2]), notes=notes)
    return main, detail


def _kpi_slides(analysis: Analysis) -> tuple[list[Slide], list[Slide]]:
    kpis = analysis.steering.kpis
    if not len(kpis):
        return [], []
    table = Table(_kpi_columns(analysis, False), _kpi_rows(analysis, False), widths=[2.6, 2, 1, 1, 1.3])
    # Each indicator's first review goes to the notes: the title gives the first of them.
    reviews = [t(analysis, "deck.kpi_review", kpi=r.name, date=c.date(analysis, r.first_review))
               for r in kpis.itertuples()]
    # the business objectives these KPIs serve, after when each is first reviewed
    objectives = _objective_kpis(analysis)
    served = [t(analysis, "kpis.objectives"), *objectives] if objectives else []
    notes = b.lines([t(analysis, "kpis.rag"), *reviews, *served,
                     *(line.replace("**", "") for line in _kpi_definitions(analysis))])
    title = c.counted(analysis, f"{NAME}.deck.kpis", len(kpis), date=c.date(analysis, min(kpis["first_review"])))
    # A baseline column of dashes says nothing: shown only when one KPI has a baseline.
    return [TableSlide(title, c.select(table, [0, 2, 3] if _has_baseline(analysis) else [0, 3]), notes=notes)], []


def _data_slides(analysis: Analysis) -> tuple[list[Slide], list[Slide]]:
    ambition = analysis.engagement.engagement.data_ambition
    silos = desiloing_populations(analysis)
    if not (ambition.strip() or silos):
        # No ambition stated, no silo found: the slide would hold the method's general
        # warning only. The report keeps the section (the ambition is still to be stated).
        return [], []
    first = _paragraphs(ambition)[0] if ambition.strip() else t(analysis, "data.not_stated")
    end = first.find(". ")
    lead = first[: end + 1] if 0 < end < len(first) - 1 else first
    # The populations are named in the notes, with the reasons the diagnosis found.
    lines = [t(analysis, "data.warning")]
    if silos:
        people = c.people(analysis, sum(analysis.engagement.population(n).headcount for n in silos))
        # Named on the slide: "1 population" alone sends the reader to the notes.
        lines.append(c.counted(analysis, f"{NAME}.deck.data_brakes", len(silos), people=people,
                               names=", ".join(silos)))
    else:
        lines.append(t(analysis, "data.no_brake"))
    notes = c.reason_notes(analysis, _data_reasons(analysis),
                           lead=b.lines([ambition, *_data_lines(analysis)[1:]]))
    title = (c.counted(analysis, f"{NAME}.deck.data", len(silos)) if silos
             else t(analysis, "deck.data_open"))
    # "Ambition — The ambition is still to be stated" says the word twice
    stated = f"**{t(analysis, 'data.ambition')}** — {lead}" if ambition.strip() else lead
    return [BulletSlide(title, [stated, *lines], notes=notes)], []


_DECK_SECTIONS = {
    "life": _life_slides,
    "personas": _persona_slides,
    "journeys": _journey_slides,
    "use_cases": _use_case_slides,
    "kpis": _kpi_slides,
    "data": _data_slides,
}
