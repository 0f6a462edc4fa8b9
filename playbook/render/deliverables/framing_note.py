"""The Framing note (Note de cadrage): why the CRM, what it must achieve, for whom,
who carries it, how it is governed and deployed, and the first risks.

Seeds 000, 001 and 003: objectives linked upward to business goals and
downward to KPIs, each with means and a budget; a visible sponsor, a named
project manager, a cross-functional team with a balance of profiles, key users
and future administrators; a COPIL every two weeks and weekly points; four
workshops; progressive deployment by lots. The document says it in full; the
deck keeps the tables that matter and puts the reasons in the speaker notes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ...analysis import Analysis
from ...analysis.facts import regional_territories, territories_without_sponsor
from ...analysis.progress import AHEAD, CANCELLED, DONE, LATE, workshop_status
from ...analysis.records import RiskAssessment
from ...findings import budget_sentence
from ...findings import findings as facts
from ...method.raci import Role
from ...model import Engagement, KeyUser, TeamMember
from ...model.enums import Seniority, Workshop, WorkshopStatus
from ..ir import (
    PART_SHARE_MIN,
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
    Series,
    Slide,
    Table,
    TableSlide,
    Task,
    TwoContentSlide,
)
from ..palette import RAG, rag_fill
from . import budget as b
from . import common as c
from . import decisions as decided

NAME = "framing_note"
RISKS_IN_DECK = 8
BRAKES_SHOWN = 10
RAG_FILLS = {status: rag_fill(status) for status in RAG}   # the template's red/amber/green
RACI_FILLS = {"A": "#0E4D64", "R": "#A8D0DB", "C": "#EEF3F5"}
SECTIONS = ("context", "objectives", "scope", "governance", "workshops", "criteria", "balance",
            "plan", "risks")


def t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.{key}", **values)


# =========================================================================== document


def build_document(analysis: Analysis) -> Document:
    return c.sectioned_document(analysis, NAME, SECTIONS, _DOC_SECTIONS, messages(analysis),
                                messages(analysis, summary=False))


def key_messages(analysis: Analysis) -> list[str]:
    """The summary: one message per section that has one, five at most, in order."""
    return list(messages(analysis).values())


def messages(analysis: Analysis, summary: bool = True) -> dict[str, str]:
    """Each section's conclusion, computed from the engagement and the analysis,
    in the sections' order. For the summary (five at most) the team's gives way
    when there are more; the report's sections open on every one of them."""
    e = analysis.engagement
    said: dict[str, str] = {}
    if not e.objectives:  # a framing without a measurable objective says so first
        said["objectives"] = t(analysis, "messages.objectives_none")
    else:
        budget = facts(analysis).budget.objectives  # None: no objective carries a budget
        said["objectives"] = t(analysis, "messages.objectives" if budget is not None
                               else "messages.objectives_unbudgeted", objectives=len(e.objectives),
                               business=len({o.business_objective for o in e.objectives}),
                               budget=c.money(analysis, budget or 0.0))
    non_users = sum(p.headcount for p in e.populations if not p.crm_user)
    regions = regional_territories(e)
    said["scope"] = t(analysis, ("messages.scope" if regions else "messages.scope_national")
                      + ("" if non_users else "_all_users"),
                      populations=len(e.populations), people=c.people(analysis, _headcount(e)),
                      non_users=c.people(analysis, non_users), territories=len(regions))
    team = e.governance.team
    if team:
        said["governance"] = t(analysis, "messages.team", members=len(team), fte=_fte(analysis, team),
                               functions=len({m.function for m in team}))
    said["criteria"] = _criteria_message(analysis)
    if e.lots:
        go_lives = sorted(lot.go_live for lot in e.lots)
        said["plan"] = c.message(analysis, f"{NAME}.messages.lots", lots=len(e.lots),
                         first=c.date(analysis, go_lives[0]), last=c.date(analysis, go_lives[-1]))
    said["risks"] = _risk_message(analysis)
    if summary and len(said) > c.SUMMARY_MAX:
        said.pop("governance", None)
    if summary and none_assessed(analysis) and len(said) + bool(decided.of(analysis)) > c.SUMMARY_MAX:
        # the decisions take the summary's last place: criteria no one has assessed
        # yet give way to the populations at risk, a finding of this engagement
        said.pop("criteria", None)
    return said


def _criteria_message(analysis: Analysis) -> str:
    """Criteria met, and the red ones to address first (amber ones when none is red)."""
    criteria = analysis.steering.criteria
    weak = criteria[criteria["rag"] == "red"]["label"].tolist() or \
        criteria[criteria["rag"] == "amber"]["label"].tolist()
    if not weak:
        return t(analysis, "messages.criteria_all_met", total=len(criteria))
    met = int((criteria["status"] == "met").sum())
    if none_assessed(analysis):  # not assessed is not "not met": say what is true
        return c.message(analysis, f"{NAME}.messages.criteria_none_assessed", total=len(criteria),
                         weak=", ".join(weak), weak_count=len(weak))
    key = "criteria" if met else "criteria_none_met"
    return c.message(analysis, f"{NAME}.messages.{key}", met=met, total=len(criteria),
                     weak=", ".join(weak), weak_count=len(weak))


def none_assessed(analysis: Analysis) -> bool:
    """No success criterion has been assessed by the consultant yet."""
    return bool((analysis.steering.criteria["status"] == "not_assessed").all())


def _risk_message(analysis: Analysis) -> str:
    e = analysis.engagement
    worst = _worst_risk_by_population(analysis)
    risk_model = analysis.method.brakes.risk_model
    high = [name for name, level in worst.items() if level >= risk_model.high_from]
    if not high:
        medium = [name for name, level in worst.items()
                  if risk_model.attention_from <= level < risk_model.high_from]
        return t(analysis, "messages.risks_none", count=len(medium))
    high.sort(key=lambda name: -e.population(name).headcount)
    if len(high) == 1:  # "1 population out of 1, first of all X" says X twice
        return t(analysis, "messages.risks_one", population=c.population_label(analysis, high[0]))
    return c.message(analysis, f"{NAME}.messages.risks", count=len(high), total=len(e.populations),
             people=c.people(analysis, sum(e.population(n).headcount for n in high)),
             names=", ".join(high[:3]))


# --------------------------------------------------------------------------- context


def _context_blocks(analysis: Analysis) -> list[Block]:
    info = analysis.engagement.engagement
    blocks: list[Block] = []
    for field in ("strategy", "business_case", "current_situation"):
        blocks.append(Heading(t(analysis, f"context.{field}"), 2))
        blocks.extend(Paragraph(p) for p in _paragraphs(getattr(info, field)))
    return blocks


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs of a free-text intake field."""
    return [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- objectives


def _objective_rows(analysis: Analysis, full: bool) -> tuple[list[str], list[list[Cell]]]:
    """CRM objective, KPI, baseline, target, due date, budget, owner (and the business
    objective first when `full`), with a budget total row. The last row is always
    the total: callers drop it with the budget column when no objective is budgeted."""
    e = analysis.engagement
    columns = [t(analysis, "objectives.crm_objective"), t(analysis, "objectives.kpi"),
               c.text(analysis, "common.columns.baseline"), c.text(analysis, "common.columns.target"),
               c.text(analysis, "common.columns.due_date"), t(analysis, "objectives.budget"),
               c.text(analysis, "common.columns.owner")]
    if full:
        columns.insert(0, t(analysis, "objectives.business_objective"))
    rows: list[list[Cell]] = []
    for o in e.objectives:
        row: list[Cell] = [o.crm_objective, o.kpi, c.measure(analysis, o.baseline, o.unit) or "—",
               c.measure(analysis, o.target, o.unit), c.date(analysis, o.due_date),
               c.money(analysis, o.budget) if o.budget is not None else "—", o.owner]
        rows.append([o.business_objective, *row] if full else row)
    total: list[Cell] = [c.text(analysis, "common.total"), "", "", "", "", c.money(analysis, _total_budget(e)), ""]
    rows.append(["", *total] if full else total)
    return columns, rows


def _objectives_blocks(analysis: Analysis) -> list[Block]:
    e = analysis.engagement
    if not e.objectives:
        return [Paragraph(t(analysis, "objectives.none"))]
    def o_(key: str) -> str:
        return t(analysis, f"objectives.{key}")

    chain = Table([o_("business_objective"), o_("crm_objective"), o_("kpi")],
                  [[o.business_objective, o.crm_objective, o.kpi] for o in e.objectives], widths=[3, 2.4, 2])
    columns, rows = _objective_rows(analysis, full=False)
    # The chain table already names each CRM objective: the measures table starts at its KPI.
    measures_table = Table(columns[1:], [row[1:] for row in rows[:-1]] + [[rows[-1][0], *rows[-1][2:]]],
                           widths=[2.4, 1, 1, 1.3, 1.2, 1.3])
    if all(o.budget is None for o in e.objectives):
        # A budget column of dashes over a "0 €" total says the objectives cost nothing:
        # the section's opening already says no objective carries a budget.
        measures_table = c.select(Table(measures_table.columns, measures_table.rows[:-1],
                                        widths=measures_table.widths), [0, 1, 2, 3, 5])
    blocks: list[Block] = [Paragraph(t(analysis, "objectives.intro")), chain, measures_table]
    budgeted = [o for o in e.objectives if o.budget]
    if budgeted:
        largest = max(budgeted, key=lambda o: o.budget or 0)
        assert largest.budget is not None  # among the budgeted
        blocks.append(Paragraph(t(analysis, "objectives.total_budget",
                                  total=c.money(analysis, _total_budget(e)),
                                  largest=c.money(analysis, largest.budget),
                                  objective=largest.crm_objective)))
    unbudgeted = [o.crm_objective for o in e.objectives if o.budget is None]
    if unbudgeted and budgeted:
        blocks.append(Paragraph(t(analysis, "objectives.unbudgeted", names="; ".join(unbudgeted))))
    means: list[list[Cell]] = [[o.crm_objective, o.resources] for o in e.objectives if o.resources]
    if means:
        blocks.append(Heading(t(analysis, "objectives.means_title"), 2))
        blocks.append(Table([t(analysis, "objectives.crm_objective"), t(analysis, "objectives.resources")],
                            means, widths=[1, 2]))
    return blocks


def _total_budget(engagement: Engagement) -> float:
    return float(sum(o.budget or 0 for o in engagement.objectives))


# --------------------------------------------------------------------------- scope


def _headcount(engagement: Engagement) -> int:
    return sum(p.headcount for p in engagement.populations)


def _lots_of(analysis: Analysis, population: str) -> str:
    lots = analysis.engagement.lots_of(population)
    return ", ".join(lot.name for lot in lots) if lots else t(analysis, "scope.no_lot")


def _population_table(analysis: Analysis, full: bool) -> Table:
    e = analysis.engagement
    def col(key: str) -> str:
        return c.text(analysis, f"common.columns.{key}")

    if full:
        columns = [col("population"), col("function"), col("level"), col("territory"),
                   col("headcount"), col("crm_user"), t(analysis, "scope.lots_of_population")]
        rows: list[list[Cell]] = [[p.name, p.function, c.term(analysis, "hierarchy_level", p.level), p.territory,
                 p.headcount, c.yes_no(analysis, p.crm_user), _lots_of(analysis, p.name)]
                for p in e.populations]
        rows.append([c.text(analysis, "common.total"), "", "", "", _headcount(e), "", ""])
        return Table(columns, rows, widths=[2.6, 2, 1.2, 1.2, 1, 1, 2.4])
    columns = [col("population"), col("headcount"), col("crm_user"), t(analysis, "scope.lots_of_population")]
    rows = [[p.name, p.headcount, c.yes_no(analysis, p.crm_user), _short_lots(analysis, p.name)]
            for p in e.populations]
    rows.append([c.text(analysis, "common.total"), _headcount(e), "", ""])
    return Table(columns, rows, widths=[3, 1, 1, 1.6])


def _population_slide_table(analysis: Analysis) -> Table:
    """Population, headcount, and whether it uses the CRM when that differs between
    populations; when every one does (the title says so), a column of "Yes" says
    nothing: its function says who these people are. A single population has no total."""
    e = analysis.engagement
    table = _population_table(analysis, full=False)
    if len({p.crm_user for p in e.populations}) > 1:
        chosen = c.select(table, [0, 1, 2])
    else:
        rows: list[list[Cell]] = [[p.name, p.function, p.headcount] for p in e.populations]
        rows.append([c.text(analysis, "common.total"), "", _headcount(e)])
        chosen = Table([table.columns[0], c.text(analysis, "common.columns.function"), table.columns[1]],
                       rows, widths=[3, 2.4, 1])
    if len(e.populations) == 1:
        chosen = Table(chosen.columns, chosen.rows[:-1], widths=chosen.widths)
    return chosen


def _short_lots(analysis: Analysis, population: str) -> str:
    """Lot numbers only ('Lot 1, Lot 3'): the deck has no room for lot titles."""
    lots = analysis.engagement.lots_of(population)
    if not lots:
        return t(analysis, "scope.no_lot")
    return ", ".join(lot.name.split("–")[0].split("—")[0].strip() for lot in lots)


def territory_chart(analysis: Analysis, show_values: bool = True) -> Chart:
    e = analysis.engagement
    territories = e.territory_names
    users: list[float | None] = [float(sum(p.headcount for p in e.populations if p.territory == tr and p.crm_user))
             for tr in territories]
    others: list[float | None] = [float(sum(p.headcount for p in e.populations if p.territory == tr and not p.crm_user))
              for tr in territories]
    series = [Series(t(analysis, "scope.users"), users)]
    if any(others):
        series.append(Series(t(analysis, "scope.non_users"), others))
    return Chart("stacked_barh", t(analysis, "scope.headcount_chart"), categories=list(territories),
                 series=series, show_values=show_values,
                 x_title=c.text(analysis, "common.columns.headcount"),
                 category_title=c.text(analysis, "common.columns.territory"))


def _lots_table(analysis: Analysis, full: bool) -> Table:
    lots = sorted(analysis.engagement.lots, key=lambda lot: lot.go_live)
    columns = [c.text(analysis, "common.columns.lot"), t(analysis, "scope.blocks")]
    if full:
        columns.append(c.text(analysis, "common.columns.populations"))
    columns += [t(analysis, "scope.design"), t(analysis, "scope.acceptance"), t(analysis, "scope.go_live")]
    rows: list[list[Cell]] = []
    for lot in lots:
        row: list[Cell] = [lot.name, ("\n" if full else ", ").join(lot.functional_blocks)]
        if full:
            row.append("\n".join(lot.populations))
        row += [c.date(analysis, lot.design_start), c.date(analysis, lot.acceptance_start),
                c.date(analysis, lot.go_live)]
        rows.append(row)
    widths = [1.6, 2.6, 2.6, 1.1, 1.1, 1.1] if full else [1.8, 3.2, 1.2, 1.2, 1.2]
    return Table(columns, rows, widths=widths)


def _scope_blocks(analysis: Analysis) -> list[Block]:
    e = analysis.engagement
    users = sum(p.headcount for p in e.populations if p.crm_user)
    functions = list(dict.fromkeys(p.function for p in e.populations))
    territories: list[Block] = ([Heading(t(analysis, "scope.territories_title"), 2),
                                 Paragraph(dwarfed_territories(analysis)) if dwarfed_territories(analysis)
                                 else Figure(territory_chart(analysis))]
                                if several_territories(analysis) else [])
    return [
        Heading(t(analysis, "scope.populations_title"), 2),
        # When all are users, the section's opening has said it: no second sentence of it.
        *([Paragraph(t(analysis, "scope.populations_intro", count=len(e.populations),
                       people=c.people(analysis, _headcount(e)), users=c.people(analysis, users),
                       non_users=c.people(analysis, _headcount(e) - users)))] if users < _headcount(e) else []),
        _population_table(analysis, full=True),
        Paragraph(t(analysis, "scope.functions", functions=", ".join(functions))),
        *territories,
        Heading(t(analysis, "scope.lots_title"), 2),
        _lots_table(analysis, full=True),
    ]


def several_territories(analysis: Analysis) -> bool:
    """A headcount-by-territory chart of one bar repeats the population table's total."""
    return len(analysis.engagement.territory_names) > 1


def _territory_headcounts(analysis: Analysis) -> list[tuple[str, int]]:
    """Each territory and the people it holds, largest first."""
    e = analysis.engagement
    counts = [(tr, sum(p.headcount for p in e.populations if p.territory == tr)) for tr in e.territory_names]
    return sorted(counts, key=lambda item: -item[1])


def dwarfed_territories(analysis: Analysis) -> str:
    """The sentence that replaces the headcount chart when one territory dwarfs the
    others (each of them a bar too short to read beside it), else "": such a chart
    shows one bar and slivers; the figures read better in a sentence."""
    counts = _territory_headcounts(analysis)
    if len(counts) < 2 or not counts[0][1]:
        return ""
    (largest, people), others = counts[0], counts[1:]
    if any(n >= PART_SHARE_MIN * people for _, n in others):
        return ""
    return t(analysis, "scope.territories_dwarfed", territory=largest, people=c.number(analysis, people),
             total=c.number(analysis, sum(n for _, n in counts)),
             others=", ".join(f"{name} {c.number(analysis, n)}" for name, n in others))


# --------------------------------------------------------------------------- governance


def _fte(analysis: Analysis, team: list[TeamMember]) -> str:
    return c.number(analysis, sum(m.allocation for m in team) / 100, 1)


def _seniority_counts(team: list[TeamMember]) -> dict[str, int]:
    counts = Counter(m.seniority.value for m in team)
    return {level.value: counts.get(level.value, 0) for level in (Seniority.SENIOR, Seniority.INTERMEDIATE,
                                                                   Seniority.JUNIOR)}


def team_summary(analysis: Analysis) -> str:
    """The team's size and who is released from daily work ("none", not "0 released")."""
    team = analysis.engagement.governance.team
    released = sum(m.released_from_daily_work for m in team)
    key = "team_summary" if released else "team_summary_none_released"
    return t(analysis, f"governance.{key}", members=len(team), fte=_fte(analysis, team), released=released)


def balance_line(analysis: Analysis, counts: dict[str, int]) -> str:
    """The seniority levels present in the team, with their counts: a level nobody
    holds is not listed ("0 junior" is not something a client reads)."""
    parts = [t(analysis, f"governance.seniority_count.{level}", count=count)
             for level, count in counts.items() if count]
    return ", ".join(parts) + "."


def seniority_chart(analysis: Analysis) -> Chart:
    counts = _seniority_counts(analysis.engagement.governance.team)
    return Chart("doughnut", t(analysis, "governance.balance_title"),
                 categories=[c.term(analysis, "seniority", level) for level in counts],
                 series=[Series(t(analysis, "governance.team_title"), [float(v) for v in counts.values()])],
                 show_values=True)


def _functions_without_senior(team: list[TeamMember]) -> list[str]:
    functions = list(dict.fromkeys(m.function for m in team))
    return [f for f in functions
            if not any(m.function == f and m.seniority == Seniority.SENIOR for m in team)]


def _team_table(analysis: Analysis) -> Table:
    def g(key: str) -> str:
        return t(analysis, f"governance.{key}")

    columns = [g("name"), c.text(analysis, "common.columns.function"), g("role"), g("seniority"),
               g("allocation"), g("released")]
    rows: list[list[Cell]] = [[m.name, m.function, m.role, c.term(analysis, "seniority", m.seniority),
             c.measure(analysis, m.allocation, "%"), c.yes_no(analysis, m.released_from_daily_work)]
            for m in analysis.engagement.governance.team]
    return Table(columns, rows, widths=[1.5, 1.2, 3.2, 1.2, 1, 0.9])


def people_table(analysis: Analysis) -> Table:
    """The cross-functional team, then the key users: name, part in the project,
    seniority, allocation."""
    gov = analysis.engagement.governance
    def g(key: str, **v: Any) -> str:
        return t(analysis, f"governance.{key}", **v)

    rows: list[list[Cell]] = [[m.name, g("team_member", function=m.function),
                              c.term(analysis, "seniority", m.seniority), c.measure(analysis, m.allocation, "%")]
                             for m in gov.team]
    rows += [[ku.name, g("key_user_of", population=ku.population), "", c.measure(analysis, ku.allocation, "%")]
             for ku in gov.key_users]
    return Table([g("name"), g("part"), g("seniority"), g("allocation")], rows, widths=[1.6, 3, 1.1, 1])


def _key_user_table(analysis: Analysis) -> Table:
    """Key users grouped by territory, then population: the relays of each place."""
    e = analysis.engagement
    def col(key: str) -> str:
        return c.text(analysis, f"common.columns.{key}")

    groups: dict[tuple[str, str], list[KeyUser]] = {}
    for ku in e.governance.key_users:
        territory = ku.territory or _territory_of(e, ku.population)
        groups.setdefault((territory, ku.population), []).append(ku)
    rows: list[list[Cell]] = [[territory, population, ", ".join(k.name for k in members),
             c.measure(analysis, sum(k.allocation for k in members) / len(members), "%")]
            for (territory, population), members in groups.items()]
    return Table([col("territory"), col("population"), t(analysis, "governance.key_users"),
                  t(analysis, "governance.allocation")], rows, widths=[1.2, 2.4, 2.6, 1])


def _territory_of(engagement: Engagement, population: str) -> str:
    try:
        return engagement.population(population).territory
    except KeyError:
        return ""


def _bodies_table(analysis: Analysis) -> Table:
    gov = analysis.engagement.governance
    def g(key: str, **v: Any) -> str:
        return t(analysis, f"governance.{key}", **v)

    weeks = gov.copil_every_weeks
    rhythm = g("copil_rhythm_weekly") if weeks == 1 else g("copil_rhythm", weeks=weeks)
    rows: list[list[Cell]] = [[g("copil"), rhythm, g("copil_members", sponsor=gov.sponsor.name, manager=gov.project_manager.name),
             g("copil_purpose")]]
    if gov.weekly_points:
        rows.append([g("weekly"), g("weekly_rhythm"), g("weekly_members", manager=gov.project_manager.name),
                     g("weekly_purpose")])
    return Table([g("body"), g("rhythm"), g("members"), g("purpose")], rows, widths=[1.4, 1.2, 2.4, 2.4])


def _purposes(analysis: Analysis) -> Bullets:
    keys = ("progress", "questions", "obstacles", "arbitration", "collective")
    return Bullets([t(analysis, f"governance.purposes.{k}") for k in keys])


def raci_roles(analysis: Analysis) -> list[tuple[Role, str]]:
    """(role code, column heading) of the roles this engagement has, in catalogue order."""
    gov = analysis.engagement.governance
    present = {
        "sponsor": gov.sponsor.name,
        "project_manager": gov.project_manager.name,
        "team": len(gov.team),
        "key_users": len(gov.key_users),
        "administrators": len(gov.administrators),
        "local_sponsors": sum(tr.has_local_sponsor for tr in analysis.engagement.territories),
    }
    roles = []
    for code, info in analysis.method.raci.roles.items():
        value = present[code]
        if not value:
            continue
        label = info.label.in_(analysis.lang)
        key = "raci_role_named" if isinstance(value, str) else "raci_role_count"
        values = {"name": value} if isinstance(value, str) else {"count": value}
        roles.append((code, t(analysis, f"governance.{key}", role=label, **values)))
    return roles


def raci_table(analysis: Analysis, decisive: bool = False) -> Table:
    """Activities × the engagement's governance roles, from `raci.yaml`; A and R shaded.

    `decisive` keeps only who approves and who does (A, R): a slide's reading;
    the report also says who is consulted and informed."""
    catalogue = analysis.method.raci
    roles = raci_roles(analysis)
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for activity in catalogue.activities:
        letters = [catalogue.letters_of(activity, code) for code, _ in roles]
        if decisive:
            letters = ["/".join(x for x in cell.split("/") if x in ("R", "A")) for cell in letters]
        rows.append([activity.label.in_(analysis.lang), *letters])
        fills.append([None, *[_raci_fill(x) for x in letters]])
    align: list[Align | None] = ["left"]
    align += ["center"] * len(roles)
    return Table([t(analysis, "governance.raci_activity"), *[heading for _, heading in roles]], rows,
                 widths=[3.2, *[1.0] * len(roles)], align=align, cell_fills=fills)


def _raci_fill(letters: str) -> str | None:
    for letter in ("A", "R", "C"):
        if letter in letters.split("/"):
            return RACI_FILLS[letter]
    return None


def raci_legend(analysis: Analysis) -> str:
    letters = analysis.method.raci.letters
    return t(analysis, "governance.raci_legend",
             **{code: text.in_(analysis.lang) for code, text in letters.items()})


def raci_notes(analysis: Analysis) -> str:
    return "\n".join(f"{a.label.in_(analysis.lang)} — {a.why.in_(analysis.lang)}"
                     for a in analysis.method.raci.activities)


def governance_findings(analysis: Analysis, short: bool = False) -> list[str]:
    """What the framing must still settle: a consultation the law requires before
    go-live, missing relays and a slow COPIL."""
    e = analysis.engagement
    gov = e.governance
    findings = legal_consultations(analysis, short)  # first: no go-live without them
    covered = {ku.population for ku in gov.key_users}
    uncovered = [p.name for p in e.populations if p.crm_user and p.name not in covered]
    if uncovered:
        findings.append(t(analysis, "governance.no_key_user", names=", ".join(uncovered)))
    without_senior = _functions_without_senior(gov.team)
    if without_senior:
        findings.append(t(analysis, "governance.no_senior_functions", functions=", ".join(without_senior)))
    unsponsored = territories_without_sponsor(e)  # the checks' own rule
    if unsponsored:
        findings.append(t(analysis, "governance.no_local_sponsor", territories=", ".join(unsponsored),
                          sponsor=gov.sponsor.name, count=len(unsponsored)))
    if gov.copil_every_weeks > 2:
        findings.append(t(analysis, "governance.copil_off_rhythm", weeks=gov.copil_every_weeks))
    return findings


def legal_consultations(analysis: Analysis, short: bool = False) -> list[str]:
    """What a country's law requires before go-live (the employee representatives
    consulted on individual activity dashboards), with the plan's action that does
    it, its owner and date: a framing that leaves it out lets the go-live depend on
    an agreement nobody has asked for. `short`: the slide's wording, the law's
    sentence left to the notes."""
    levers = {rule.lever for rule in analysis.method.levers.country_rules}
    actions = analysis.change_plan.actions
    required = actions[actions["lever"].isin(levers)].sort_values("date", kind="stable")
    key = "governance.legal_consultation_short" if short else "governance.legal_consultation"
    return [t(analysis, key, rule=decided.first_sentence(r.reason),
              action=_after_colon(r.action), owner=r.owner_name or r.owner_label,
              date=c.date(analysis, r.date))
            for r in required.drop_duplicates("reason").itertuples()]


def _after_colon(text: str) -> str:
    """A label read after a colon: lower case, but an acronym ("CRM", "CSE") kept."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _administrator_lines(analysis: Analysis) -> list[str]:
    lines = []
    for admin in analysis.engagement.governance.administrators:
        if admin.named_on:
            # One pair of parentheses ("CRM analyst (IT, named on …)"), and a noun
            # in French, which needs no agreement with the person named.
            since = t(analysis, "governance.administrator_since", date=c.date(analysis, admin.named_on))
            lines.append(t(analysis, "governance.administrator", name=admin.name,
                           function=c.with_detail(admin.function, since)))
        else:
            lines.append(t(analysis, "governance.administrator_undated", name=admin.name,
                           function=admin.function))
    return lines or [t(analysis, "governance.no_administrator")]


def _governance_blocks(analysis: Analysis) -> list[Block]:
    gov = analysis.engagement.governance
    def g(key: str, **v: Any) -> str:
        return t(analysis, f"governance.{key}", **v)

    counts = _seniority_counts(gov.team)
    blocks: list[Block] = [
        Heading(g("roles_title"), 2),
        Bullets([g("sponsor", name=gov.sponsor.name, role=gov.sponsor.role),
                 g("project_manager", name=gov.project_manager.name, role=gov.project_manager.role)]),
        Heading(g("team_title"), 2),
    ]
    if gov.team:
        blocks += [
            Paragraph(team_summary(analysis)),
            _team_table(analysis),
            Paragraph(balance_line(analysis, counts)),
        ]
        seniority = seniority_chart(analysis)
        if not seniority.says_little:  # a small team's profiles are the sentence above
            blocks.append(Figure(seniority))
    if gov.key_users:
        blocks += [Heading(g("key_users_title"), 2), _key_user_table(analysis)]
    blocks += [Heading(g("administrators_title"), 2), c.bullets(_administrator_lines(analysis))]
    sponsored = [tr for tr in analysis.engagement.territories if tr.has_local_sponsor]
    if sponsored:
        blocks += [Heading(g("local_sponsors_title"), 2),
                   Table([c.text(analysis, "common.columns.territory"), g("name"), g("role")],
                         [[tr.name, tr.local_sponsor, tr.local_sponsor_role] for tr in sponsored],
                         widths=[1, 1.3, 2.5])]
    findings = governance_findings(analysis)
    if findings:  # under their own heading, not read as more administrators or sponsors
        blocks += [Heading(g("gaps_title"), 2), c.bullets(findings)]
    blocks += [Heading(g("bodies_title"), 2), _bodies_table(analysis), Paragraph(g("purposes_title")),
               _purposes(analysis), Heading(g("raci_title"), 2),
               # The legend above the matrix: below it, it is left alone overleaf when the matrix ends a page.
               Paragraph(raci_legend(analysis), "caption"), raci_table(analysis)]
    return blocks


# --------------------------------------------------------------------------- workshops


def workshop_rows(analysis: Analysis, full: bool) -> list[list[Any]]:
    planned = {w.workshop: w for w in analysis.engagement.governance.workshops}
    rows: list[list[Cell]] = []
    for code in Workshop:
        entry = planned.get(code)
        name = c.term(analysis, "workshop", code)
        if entry is None:
            row = [name, "—", "", t(analysis, "workshops.not_planned")]
            notes = analysis.method.workshops.workshop(code).purpose.in_(analysis.lang)
        else:
            row = [name, c.date(analysis, entry.date), entry.participants,
                   c.plan_status(analysis, workshop_status(entry, c.as_of(analysis)))]
            notes = entry.notes or analysis.method.workshops.workshop(code).purpose.in_(analysis.lang)
        rows.append([*row, notes] if full else [row[0], row[1], row[3]])
    return rows


def _workshop_fills(rows: list[list[Any]], status_col: int, analysis: Analysis) -> list[list[str | None]]:
    def label(status: str) -> str:
        return c.plan_status(analysis, status)

    missing = t(analysis, "workshops.not_planned")
    colour = {label(DONE): RAG_FILLS["green"], label(AHEAD): RAG_FILLS["green"],
              label(LATE): RAG_FILLS["amber"], label(CANCELLED): RAG_FILLS["red"],
              missing: RAG_FILLS["amber"]}
    return [[colour.get(row[status_col]) if i == status_col else None for i in range(len(row))]
            for row in rows]


def _workshops_blocks(analysis: Analysis) -> list[Block]:
    def w(key: str) -> str:
        return t(analysis, f"workshops.{key}")

    rows = workshop_rows(analysis, full=True)
    table = Table([w("workshop"), c.text(analysis, "common.columns.date"), w("participants"),
                   c.text(analysis, "common.columns.status"), w("notes")],
                  rows, widths=[1.3, 1.1, 3, 1, 3], cell_fills=_workshop_fills(rows, 3, analysis))
    if not any(row[2] for row in rows):  # nobody invited yet: no column of blanks
        table = c.select(table, [0, 1, 3, 4])
    blocks: list[Block] = [Paragraph(w("intro")), table]
    missing = [row[0] for row in rows if row[3] == w("not_planned")]
    if missing:
        blocks.append(Paragraph(t(analysis, "workshops.missing", names=", ".join(missing))))
    return blocks


# --------------------------------------------------------------------------- success criteria


def _criteria_blocks(analysis: Analysis) -> list[Block]:
    def k(key: str, **v: Any) -> str:
        return t(analysis, f"criteria.{key}", **v)

    table = analysis.steering.criteria
    rows: list[list[Cell]] = [[r.label, r.status_label, r.evidence or "—", r.advice or k("met_advice")]
            for r in table.itertuples()]
    fills = [[None, RAG_FILLS.get(r.rag), None, None] for r in table.itertuples()]
    criteria_table = Table([k("criterion"), c.text(analysis, "common.columns.status"), k("evidence"), k("advice")],
                           rows, widths=[1.5, 1.1, 3.4, 3], cell_fills=fills)
    if none_assessed(analysis):  # no status and no evidence yet: the criterion and what to do
        criteria_table = Table([k("criterion"), k("advice")], [[row[0], row[3]] for row in rows], widths=[1.5, 4])
    blocks: list[Block] = [Paragraph(k("intro")), criteria_table]
    for r in table.itertuples():
        if r.rag != "green":
            blocks.append(Paragraph(k("warnings_of", criterion=r.label), "caption"))
            blocks.append(Bullets(list(r.early_warnings)))
    return blocks


# --------------------------------------------------------------------------- balance


def balance_chart(analysis: Analysis) -> Chart:
    table = analysis.steering.balance
    return Chart("bar", t(analysis, "balance.chart"), categories=table["label"].tolist(),
                 series=[Series(t(analysis, "balance.planned"), [v / 100 for v in table["share"]]),
                         Series(t(analysis, "balance.target"), [v / 100 for v in table["target"]])],
                 value_format="0%", show_values=True, y_title=t(analysis, "balance.share_axis"),
                 natural_order=True)  # people, process, technology: the method's order


def balance_gaps(analysis: Analysis) -> str:
    """One sentence on the areas beyond the method's tolerance, with their gap in
    points: the table beside it already gives each share and target."""
    table = analysis.steering.balance
    off = table.loc[~table["within_tolerance"].astype(bool)]
    if not len(off) or not table["effort_days"].sum():
        return ""
    gaps = []
    for r in off.itertuples():
        points = round(abs(r.deviation))
        sign = "+" if r.deviation > 0 else "−"
        gaps.append(t(analysis, "balance.gap", area=r.label, gap=f"{sign}{c.number(analysis, points)}",
                      points=points))
    tolerance = analysis.method.kpis.balance.tolerance_points
    return t(analysis, "balance.off_target", tolerance=c.number(analysis, tolerance), gaps=", ".join(gaps))


def _balance_findings(analysis: Analysis) -> list[str]:
    """The areas beyond tolerance (or that no effort is planned), then the plan's
    cost against the budget."""
    budget = budget_sentence(facts(analysis).budget, analysis.method, analysis.lang)
    balance = [balance_gaps(analysis)] + [w.message for w in c.for_client(analysis.steering.warnings)
                                          if w.code == "balance_no_effort"]
    return [s for s in balance if s] + [budget] * bool(budget)


def _balance_blocks(analysis: Analysis) -> list[Block]:
    table = analysis.steering.balance
    def b(key: str) -> str:
        return t(analysis, f"balance.{key}")

    rows: list[list[Cell]] = [[r.label, c.number(analysis, r.effort_days), c.percent(analysis, r.share / 100),
             c.percent(analysis, r.target / 100)] for r in table.itertuples()]
    rows.append([c.text(analysis, "common.total"), c.number(analysis, table["effort_days"].sum()), "", ""])
    findings = _balance_findings(analysis) or [b("on_target")]
    return [Paragraph(b("intro")),
            Table([b("area"), b("days"), b("planned"), b("target")], rows, widths=[2, 1, 1, 1]),
            Figure(balance_chart(analysis)), c.bullets(findings),
            Paragraph(table.at["technology", "basis"], "caption")]


# --------------------------------------------------------------------------- plan


def gantt_chart(analysis: Analysis) -> Chart:
    e = analysis.engagement
    milestones = analysis.change_plan.milestones  # acceptance ends as the scheduler reads it
    def s(key: str) -> str:
        return t(analysis, f"scope.{key}")

    tasks = [Task(c.term(analysis, "workshop", w.workshop), w.date, w.date, t(analysis, "plan.workshops_lane"),
                  milestone=True)
             for w in sorted(e.governance.workshops, key=lambda w: w.date)
             if w.status != WorkshopStatus.CANCELLED]
    for lot in sorted(e.lots, key=lambda lot: lot.go_live):
        tasks += [
            Task(f"{lot.name} — {s('design').lower()}", lot.design_start,
                 max(lot.design_start, lot.acceptance_start - dt.timedelta(days=1)), lot.name),
            Task(f"{lot.name} — {s('acceptance').lower()}", lot.acceptance_start,
                 milestones.at[lot.name, "acceptance_end"].date(), lot.name),
            Task(c.go_live_milestone(analysis, lot.name, t(analysis, "plan.go_live_task", lot=lot.name)),
                 lot.go_live, lot.go_live, lot.name,
                 milestone=True),
        ]
    return Chart("gantt", t(analysis, "plan.gantt"), tasks=tasks)


def _plan_blocks(analysis: Analysis) -> list[Block]:
    if not analysis.engagement.lots:
        return [Paragraph(c.text(analysis, "common.not_set"))]
    return [Paragraph(plan_intro(analysis)), Figure(gantt_chart(analysis))]


def plan_intro(analysis: Analysis) -> str:
    """Why lots, or, for a single lot, what goes live together: "deployment goes
    by lots" under a one-lot title contradicts it."""
    lots = analysis.engagement.lots
    if len(lots) == 1:
        return t(analysis, "plan.intro_single", blocks=", ".join(lots[0].functional_blocks))
    return t(analysis, "plan.intro")


# --------------------------------------------------------------------------- risks


def _worst_risk_by_population(analysis: Analysis) -> dict[str, int]:
    worst: dict[str, int] = {}
    for r in analysis.diagnosis.risks:
        worst[r.population] = max(worst.get(r.population, 0), r.level)
    return worst


def first_risks(analysis: Analysis) -> list[RiskAssessment]:
    """Medium and high risks, highest first, then the most people exposed."""
    e = analysis.engagement
    # Medium and high risks are "first risks"; low ones wait for the diagnosis.
    shown_from = analysis.method.brakes.risk_model.attention_from
    risks = [r for r in analysis.diagnosis.risks if r.level >= shown_from]
    return sorted(risks, key=lambda r: (-r.level, -e.population(r.population).headcount, r.kind))


def _risk_table(analysis: Analysis, risks: list[RiskAssessment], full: bool) -> Table:
    """One row per population, cause and level: a cause that feeds both risks of
    a population at one level is one row naming both (two levels are two rows, each
    its colour). The report's cause is the brake by its label when the table of
    brakes below gives its facts (a reason said once), else its reason."""
    def r_(key: str) -> str:
        return t(analysis, f"risks.{key}")

    tabled = {(b.population, b.brake) for b in _brakes_shown(analysis)}
    groups: dict[tuple[str, str, int], list[RiskAssessment]] = {}
    for r in risks:
        groups.setdefault((r.population, _cause(analysis, r, tabled) if full else r.kind, r.level), []).append(r)
    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    high_from = analysis.method.brakes.risk_model.high_from
    for (population, cause, level), own in groups.items():
        rows.append([c.population_label(analysis, population),
                     "\n".join(r_(f"kind.{r.kind}") for r in own), r_(f"levels.{level}"),
                     *([cause] if full else [])])
        fills.append([None, None, RAG_FILLS["red"] if level >= high_from else RAG_FILLS["amber"]]
                     + ([None] if full else []))
    columns = [c.text(analysis, "common.columns.population"), r_("risk"), r_("level")]
    if full:
        columns.append(r_("main_cause"))
    return Table(columns, rows, widths=[2.2, 1, 0.8, 4] if full else [3, 1.2, 1], cell_fills=fills)


def _cause(analysis: Analysis, risk: RiskAssessment, tabled: set[tuple[str, str]]) -> str:
    """The risk's main cause: its brake's label when the brakes' table says the
    brake's facts, else the reason itself (a rule of the method, a brake not shown)."""
    main = risk.causes[0] if risk.causes else None
    if main is not None and main.source != "rule" and (risk.population, main.source) in tabled:
        label = c.term(analysis, "brake", main.source)
        return label[:1].upper() + label[1:]
    if main is not None and main.source == "rule" and RULE_PARTS in main.reason:
        # a rule of the method reads "population (headcount) — its facts — what follows":
        # the row already names the population, and the facts are the intake's; the
        # cause is what follows from them
        consequence = main.reason.rsplit(RULE_PARTS, 1)[1].strip()
        return consequence[:1].upper() + consequence[1:]
    return c.without_mechanism(analysis, risk.reasons[0]) if risk.reasons else ""


RULE_PARTS = " — "  # how a risk rule's reason separates who, the facts and what follows


def _brakes_shown(analysis: Analysis) -> list[Any]:
    e = analysis.engagement
    return sorted(analysis.diagnosis.brakes,
                  key=lambda b: (-b.severity, -e.population(b.population).headcount))[:BRAKES_SHOWN]


def _brake_table(analysis: Analysis) -> Table:
    def r_(key: str) -> str:
        return t(analysis, f"risks.{key}")

    brakes = _brakes_shown(analysis)
    rows: list[list[Cell]] = [[c.population_label(analysis, b.population), c.term(analysis, "brake", b.brake),
             r_(f"levels.{b.severity}"), c.yes_no(analysis, b.observed), _brake_reason(analysis, b)]
            for b in brakes]
    return Table([c.text(analysis, "common.columns.population"), r_("brake"), r_("severity"), r_("observed"),
                  c.text(analysis, "common.columns.reason")], rows, widths=[2, 1.4, 0.8, 0.9, 3.6])


def _brake_reason(analysis: Analysis, brake: Any) -> str:
    """The brake's main reason, and the words heard in interviews when it was
    observed: the client's own words are what the risks' table leaves to this one."""
    if not brake.reasons:
        return ""
    heard = analysis.method.brakes.severity.observed_reason.in_(analysis.lang).split("{", 1)[0]
    quotes = [r for r in brake.reasons[1:] if heard and r.startswith(heard)]
    return " ".join([brake.reasons[0], *quotes])


def _risks_blocks(analysis: Analysis) -> list[Block]:
    risks = first_risks(analysis)
    blocks: list[Block] = [Paragraph(t(analysis, "risks.intro"))]
    if not risks:
        return [*blocks, Paragraph(t(analysis, "risks.none"))]
    blocks.append(_risk_table(analysis, risks, full=True))
    how = c.mechanisms(analysis, [r.reasons[0] for r in risks if r.reasons])
    if how:
        blocks += [Paragraph(c.text(analysis, "common.mechanisms")), c.bullets(how)]
    if analysis.diagnosis.brakes:
        blocks += [Heading(t(analysis, "risks.brakes_title"), 2), _brake_table(analysis)]
    return blocks


_DOC_SECTIONS = {
    "context": _context_blocks,
    "objectives": _objectives_blocks,
    "scope": _scope_blocks,
    "governance": _governance_blocks,
    "workshops": _workshops_blocks,
    "criteria": _criteria_blocks,
    "balance": _balance_blocks,
    "plan": _plan_blocks,
    "risks": _risks_blocks,
}


# =========================================================================== deck


def build_deck(analysis: Analysis) -> Deck:
    # the summary's last finding is the decisions awaited: the deck develops it
    # before the next steps, each decision with its reason
    return c.sectioned_deck(analysis, NAME, SECTIONS, _DECK_SECTIONS, messages(analysis),
                            closing=decided.slide(analysis))


def _first_sentence(text: str) -> str:
    first = _paragraphs(text)[0] if text.strip() else ""
    end = first.find(". ")
    return first[: end + 1] if 0 < end < len(first) - 1 else first


Slides = tuple[list[Slide], list[Slide]]


def _context_slides(analysis: Analysis) -> Slides:
    """The first sentence of strategy, business case and situation, those the
    slide's budget holds in that order; every word of them is in the notes."""
    info = analysis.engagement.engagement
    fields = ("strategy", "business_case", "current_situation")
    candidates = [f"**{t(analysis, f'context.{f}')}** — {_first_sentence(getattr(info, f))}"
                  for f in fields if getattr(info, f).strip()]
    bullets: list[str] = []
    for line in candidates:  # a long one gives way to the next that fits
        if not bullets or b.words(*bullets, line) <= b.BUDGET:
            bullets.append(line)
    # The notes hold what the slide leaves out, not the same words again.
    shown = {f for f in fields for line in bullets
             if _paragraphs(getattr(info, f)) == [_first_sentence(getattr(info, f))]
             and line.endswith(_first_sentence(getattr(info, f)))}
    notes = "\n\n".join(getattr(info, f) for f in fields if getattr(info, f).strip() and f not in shown)
    return [BulletSlide(t(analysis, "deck.context", client=info.client), [*bullets], notes=notes)], []


def _objectives_slides(analysis: Analysis) -> Slides:
    e = analysis.engagement
    if not e.objectives:
        # the framing's first gap, as the summary says it: what an objective needs,
        # and the business case's figures to start from
        case = _paragraphs(e.engagement.business_case)
        said: list[BulletLike] = [t(analysis, "objectives.none")]
        if case:
            said.append(t(analysis, "objectives.from_business_case", case=_first_sentence(case[0])))
        return [BulletSlide(t(analysis, "messages.objectives_none").rstrip("."), said)], []
    columns, rows = _objective_rows(analysis, full=False)
    notes = "\n".join([t(analysis, "objectives.notes"),
                       *(f"– {o.business_objective} → {o.crm_objective} → {o.kpi}" for o in e.objectives)])
    title = c.counted(analysis, f"{NAME}.deck.objectives", len(e.objectives),
                      business=len({o.business_objective for o in e.objectives}))
    # a single objective is a record, every field of it on its own line: as a
    # sentence it would be a slide of one bullet
    if 1 < len(e.objectives) <= OBJECTIVES_SAID:
        # the slide says the chain; the notes keep the means allotted to each objective
        means = [t(analysis, "objectives.means_line", objective=o.crm_objective, means=o.resources)
                 for o in e.objectives if o.resources]
        return [BulletSlide(title, _objective_sentences(analysis), notes="\n".join(means))], []
    # The indicator, its target and its date make an objective measurable; the
    # objective's wording is in the notes (business → CRM objective → indicator).
    table = Table(columns, rows[:-1], widths=[3, 3, 1.1, 1.1, 1.5, 1.4, 1.4])
    return [TableSlide(title, c.select_or_record(table, [1, 3, 4]), notes=notes)], []


OBJECTIVES_SAID = 2  # up to this many objectives are sentences on their slide, not a table of as many rows


def _objective_sentences(analysis: Analysis) -> list[BulletLike]:
    """Each objective as the committee says it: its KPI from baseline to target by
    its date and who answers for it, then the business objective it serves."""
    def o_(key: str, **v: Any) -> str:
        return t(analysis, f"objectives.{key}", **v)

    said: list[BulletLike] = []
    for o in analysis.engagement.objectives:
        baseline = c.measure(analysis, o.baseline, o.unit)
        values = dict(kpi=o.kpi, target=c.measure(analysis, o.target, o.unit), due=c.date(analysis, o.due_date))
        measured = o_("measured", baseline=baseline, **values) if baseline else o_("measured_no_baseline", **values)
        said.append(o_("owned", measured=measured, owner=o.owner) if o.owner else measured)
        crm = o.crm_objective.strip().rstrip(".")
        crm = crm[:1].lower() + crm[1:] if crm[1:2].islower() else crm
        said.append(BulletItem(o_("serves", business=o.business_objective.strip().rstrip("."), crm=crm), level=1))
    return said


def _scope_slides(analysis: Analysis) -> Slides:
    e = analysis.engagement
    notes = t(analysis, "scope.functions", functions=", ".join(dict.fromkeys(p.function for p in e.populations)))
    non_users = [p for p in e.populations if not p.crm_user]
    title = c.counted(analysis, f"{NAME}.deck.scope", len(non_users), populations=len(e.populations),
                      people=c.people(analysis, _headcount(e)))
    # Which lots reach each population is in the notes and on the lots slide.
    lots = [f"{p.name} — {_lots_of(analysis, p.name)}" for p in e.populations]
    # One territory dwarfing the others is said in the notes, not charted.
    dwarfed = dwarfed_territories(analysis)
    main: list[Slide] = [TableSlide(title, _population_slide_table(analysis),
                       notes=b.lines([notes, *([dwarfed] if dwarfed else []), *lots]))]
    detail: list[Slide] = [ChartSlide(t(analysis, "scope.territories_title"),
                                      territory_chart(analysis, show_values=False))] \
        if several_territories(analysis) and not dwarfed else []
    if len(e.lots) > 1:
        # What each lot delivers; its dates are on the plan's Gantt and in the notes.
        # A single lot's blocks are said on the plan slide: a record of it would
        # fill an appendix page with what the Gantt shows.
        phases = [t(analysis, "deck.lot_phases", lot=lot.name, design=c.date(analysis, lot.design_start),
                    acceptance=c.date(analysis, lot.acceptance_start), go_live=c.date(analysis, lot.go_live))
                  for lot in sorted(e.lots, key=lambda lot: lot.go_live)]
        # Who each lot reaches, and when it goes live, beside what it delivers: a
        # table of lots and blocks alone says little on a page of its own.
        # When that does not fit one slide, what each lot delivers alone: the report
        # and the notes say the rest.
        delivered = c.select_or_record(_lots_table(analysis, full=True), [0, 1, 2, 5])
        if len(b.pages(delivered)) > 1:
            delivered = c.select_or_record(_lots_table(analysis, full=False), [0, 1])
        detail += b.table_slides(analysis, t(analysis, "scope.lots_title"), delivered, notes=b.lines(phases))
    return main, detail


def _governance_slides(analysis: Analysis) -> Slides:
    gov = analysis.engagement.governance
    def g(key: str, **v: Any) -> str:
        return t(analysis, f"governance.{key}", **v)

    bodies = _bodies_table(analysis)
    left: list[BulletLike] = [g("sponsor", name=gov.sponsor.name, role=gov.sponsor.role),
            g("project_manager", name=gov.project_manager.name, role=gov.project_manager.role),
            *(f"**{row[0]}** — {row[1]}" for row in bodies.rows)]
    right: list[BulletLike] = [BulletItem(line) for line in _administrator_lines(analysis)]
    purposes = "\n".join([g("purposes_title"), *(f"– {x}" for x in _purposes(analysis).items)])
    roles_title = t(analysis, "deck.governance", sponsor=gov.sponsor.name,
                    weeks=gov.copil_every_weeks)
    main: list[Slide] = [TwoContentSlide(roles_title, left, right, notes=purposes,
                                         left_title=g("bodies_title"), right_title=g("administrators_title"))]
    detail: list[Slide] = []
    if gov.team:
        counts = _seniority_counts(gov.team)
        summary = [team_summary(analysis), balance_line(analysis, counts),
                   *governance_findings(analysis, short=True)]
        evidence = analysis.steering.criteria.at["experience_balance", "evidence"]
        team_title = t(analysis, "messages.team", members=len(gov.team), fte=_fte(analysis, gov.team),
                       functions=len({m.function for m in gov.team})).rstrip(".")
        # The team's size and the gaps the budget holds on the main slide (every gap
        # in the notes); who is in the team, in the appendix.
        shown: list[BulletLike] = b.leading(summary, b.words)
        main.append(BulletSlide(team_title, shown, notes=c.reason_notes(
            analysis, [evidence], lead=b.lines([*legal_consultations(analysis), *summary[len(shown):]]))))
        if not seniority_chart(analysis).says_little:  # else the team's table says it
            detail.append(ChartSlide(g("balance_title"), seniority_chart(analysis),
                                     caption=balance_line(analysis, counts)))
    if gov.team or gov.key_users:
        # Who works on the project, team and key users on one page: two tables of a
        # few rows each would leave two appendix pages mostly empty.
        detail.append(TableSlide(g("people_title"), people_table(analysis), reference=True))
    detail += b.table_slides(analysis, g("raci_title"), raci_table(analysis, decisive=True),
                             notes="\n".join([g("raci_decisive"), raci_legend(analysis), raci_notes(analysis)]))
    return main, detail


def _workshops_slides(analysis: Analysis) -> Slides:
    def w(key: str) -> str:
        return t(analysis, f"workshops.{key}")

    rows = workshop_rows(analysis, full=False)
    full = workshop_rows(analysis, full=True)
    notes = "\n".join(f"{r[0]} — {r[4]}" for r in full if r[4])
    planned = analysis.engagement.governance.workshops
    held = sum(x.status == WorkshopStatus.DONE for x in planned)
    to_plan = len(rows) - held - sum(x.status == WorkshopStatus.PLANNED for x in planned)
    # A workshop whose date has passed without it being held is late, not "next".
    late = sorted((x for x in planned if workshop_status(x, c.as_of(analysis)) == LATE), key=lambda x: x.date)
    if held == len(rows):
        title = t(analysis, "deck.workshops_all", total=len(rows))
    elif late:
        title = c.counted(analysis, f"{NAME}.deck.workshops_late", held, total=len(rows),
                          late=c.term(analysis, "workshop", late[0].workshop), date=c.date(analysis, late[0].date),
                          others=t(analysis, "deck.workshops_late_others", count=len(late) - 1)
                          if len(late) > 1 else "")
    elif to_plan > 0:
        key = "workshops_to_plan" if held else "workshops_none_held"  # « 0 atelier tenu » reads as a slip
        title = c.counted(analysis, f"{NAME}.deck.{key}", to_plan, held=held, total=len(rows))
    else:
        upcoming = min((x for x in planned if x.status == WorkshopStatus.PLANNED), key=lambda x: x.date)
        title = c.counted(analysis, f"{NAME}.deck.workshops", held, total=len(rows),
                          next=c.term(analysis, "workshop", upcoming.workshop),
                          date=c.date(analysis, upcoming.date))
    if not planned:
        # A table of dashes and "not scheduled" repeats the title: say what each
        # workshop is to settle, as many as the slide holds, all in the notes.
        what = [f"**{r[0]}** — {r[4]}" for r in full]
        shown: list[BulletLike] = b.leading(what, b.words)
        return [BulletSlide(title, shown, notes=b.lines(x.replace("**", "") for x in what[len(shown):]))], []
    return [TableSlide(title, Table([w("workshop"), c.text(analysis, "common.columns.date"),
                                     c.text(analysis, "common.columns.status")], rows,
                                    widths=[2, 1.2, 1], cell_fills=_workshop_fills(rows, 2, analysis)),
                       notes=notes)], []


def _criteria_slides(analysis: Analysis) -> Slides:
    def k(key: str) -> str:
        return t(analysis, f"criteria.{key}")

    table = analysis.steering.criteria
    rows: list[list[Cell]] = [[r.label, r.status_label] for r in table.itertuples()]
    fills = [[None, RAG_FILLS.get(r.rag)] for r in table.itertuples()]
    notes = "\n".join(f"{r.label} — {r.status_label}: {r.advice or k('met_advice')} {r.evidence or ''}".strip()
                      for r in table.itertuples())
    met = int((table["status"] == "met").sum())
    if none_assessed(analysis):
        # A status column saying "not assessed" six times says nothing: the title says
        # it once, the slide lists the criteria, each one's recommended action in the notes.
        return [BulletSlide(t(analysis, "deck.criteria_none_assessed", total=len(table)),
                            list(table["label"]), notes=notes)], []
    title = (t(analysis, "deck.criteria_all", total=len(table)) if met == len(table)
             else c.counted(analysis, f"{NAME}.deck.criteria", met, total=len(table)))
    return [TableSlide(title, Table([k("criterion"), c.text(analysis, "common.columns.status")],
                                    rows, widths=[3, 1.4], cell_fills=fills), notes=notes)], []


def _balance_slides(analysis: Analysis) -> Slides:
    findings = _balance_findings(analysis) or [t(analysis, "balance.on_target")]
    table = analysis.steering.balance
    notes = c.reason_notes(analysis, findings, lead=table.at["technology", "basis"])
    people = table.loc[table.index != "technology"]
    title = t(analysis, "deck.balance", share=c.percent(analysis, float(table.at["people", "share"]) / 100),
              target=c.percent(analysis, float(table.at["people", "target"]) / 100)) \
        if "people" in people.index else t(analysis, "sections.balance")
    # The title states the finding; its reasons (balance and budget checks, with their
    # figures) are read in the notes and in the report, not crammed under the chart.
    return [ChartSlide(title, balance_chart(analysis), notes=notes)], []


def _plan_slides(analysis: Analysis) -> Slides:
    e = analysis.engagement
    if not e.lots:
        return [], []
    go_lives = sorted(lot.go_live for lot in e.lots)
    title = c.counted(analysis, f"{NAME}.deck.plan", len(e.lots), first=c.month(analysis, go_lives[0]),
                      last=c.month(analysis, go_lives[-1]))
    return [ChartSlide(title, gantt_chart(analysis), notes=plan_intro(analysis))], []


def _risks_slides(analysis: Analysis) -> Slides:
    risks = first_risks(analysis)
    if not risks:
        return [BulletSlide(t(analysis, "sections.risks"), [t(analysis, "risks.none")])], []
    shown = risks[:RISKS_IN_DECK]
    notes = "\n\n".join([*(
        c.reason_notes(analysis, [c.without_mechanism(analysis, reason) for reason in r.reasons[:2]],
                       lead=f"{r.population} — {t(analysis, f'risks.kind.{r.kind}')}")
        for r in shown), *c.mechanisms(analysis, [reason for r in shown for reason in r.reasons[:2]])])
    e = analysis.engagement
    high = [r for r in risks if r.level >= analysis.method.brakes.risk_model.high_from]
    populations = list(dict.fromkeys(r.population for r in high))
    if len(populations) == 1:  # "1 population of 3" names no one: name it
        title = t(analysis, "deck.risks_one", population=c.population_label(analysis, populations[0]))
    elif populations:
        title = c.counted(analysis, f"{NAME}.deck.risks", len(populations), total=len(e.populations),
                          people=c.people(analysis, sum(e.population(n).headcount for n in populations)))
    else:
        title = t(analysis, "sections.risks")
    return [TableSlide(title, _risk_table(analysis, shown, full=False), notes=notes)], []


_DECK_SECTIONS = {
    "context": _context_slides,
    "objectives": _objectives_slides,
    "scope": _scope_slides,
    "governance": _governance_slides,
    "workshops": _workshops_slides,
    "criteria": _criteria_slides,
    "balance": _balance_slides,
    "plan": _plan_slides,
    "risks": _risks_slides,
}
