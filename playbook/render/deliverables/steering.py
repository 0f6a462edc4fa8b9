"""The COPIL pack (step 5, run and steer): a deck of at most twelve slides and a
two-page note for the fortnightly steering committee.

Seed 000: a COPIL every two weeks for progress, blockers, arbitration and
re-orientation. The pack reads the committee the analysis is rendered for
(`playbook.analysis.committee`): before the first go-live, the readiness pack
(`readiness`); from it on, the adoption pack here. When the analysis carries
no committee, the one of the latest measurement is used. Every word comes from
`labels.steering.yaml`.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from ...analysis import Analysis
from ...analysis.committee import Steered, committee_of, steered
from ...analysis.copil import Copil
from ...method.levers import Pillar
from ...text import colon, format_month, semicolon
from ..ir import (
    Block,
    BulletLike,
    Bullets,
    BulletSlide,
    Cell,
    Chart,
    ChartSlide,
    ClosingSlide,
    CoverSlide,
    Deck,
    Document,
    Heading,
    Paragraph,
    Series,
    Slide,
    Table,
    TableSlide,
)
from . import common as c
from . import decisions as decided
from . import readiness
from .decisions import capital as _capital
from .decisions import (  # the decisions as every deck says them
    decision_bullets,
    decision_notes,
    decision_slides,
)
from .decisions import first_sentence as _first_sentence
from .framing_note import RAG_FILLS
from .once import per_build

NAME = "steering"
SHOWN_ACTIONS = 4  # late and due actions on the progress slide (the note lists every late id)
NOTE_ACTIONS = 5  # late actions the two-page note tabulates; every id is listed above the table
SHOWN_BEHIND = 5



def prepare(analysis: Analysis) -> Steered:
    """The analysis the pack is built from: the one carrying its committee, else
    the engagement at the committee of its latest measurement (`steered`)."""
    return analysis if isinstance(analysis, Steered) else steered(analysis)


def pack_of(analysis: Analysis) -> Copil:
    """The measurements, progress and decisions of the committee rendered."""
    return committee_of(analysis).copil


def _t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.{key}", **values)


def _n(analysis: Analysis, key: str, count: int, **values: Any) -> str:
    """`key_one` for a count of 1, `key` otherwise (plural of 1 in both languages)."""
    return _t(analysis, f"{key}_one" if count == 1 else key, count=c.number(analysis, count), **values)


def _rag(analysis: Analysis, code: str) -> str:
    return _t(analysis, f"rag.{code}")


def _rag_cell(analysis: Analysis, code: str) -> str:
    label = _rag(analysis, code) if code else ""
    return label[:1].upper() + label[1:]


def _value(analysis: Analysis, value: float | None, unit: str) -> str:
    return c.measure(analysis, None if value is None else round(float(value), 2), unit) or "–"


def _trend(analysis: Analysis, trend: float | None, unit: str) -> str:
    if trend is None or trend != trend:
        return "–"
    arrow = "▲" if trend > 0 else "▼" if trend < 0 else "="
    if not trend:
        return arrow
    return f"{arrow} {c.measure(analysis, round(abs(float(trend)), 2), 'pts' if unit.strip() == '%' else unit)}"


# --------------------------------------------------------------------------- findings


def _measured(pack: Copil) -> pd.DataFrame:
    return pack.kpis[pack.kpis["measured"]]


def _overall_adoption(pack: Copil) -> pd.Series | None:
    rows = pack.kpis[(pack.kpis["kind"] == "adoption") & (pack.kpis["population"] == "") & pack.kpis["measured"]]
    return rows.iloc[0] if len(rows) else None


@per_build
def key_messages(analysis: Analysis) -> list[str]:
    """Four or five findings, in the order the deck develops them."""
    committee = committee_of(analysis)
    if committee.readiness:
        return readiness.key_messages(analysis, committee)
    pack = committee.copil
    messages = [_kpi_title(analysis, pack)]
    if len(pack.adoption):
        messages.append(_adoption_title(analysis, pack))
    messages.append(_progress_title(analysis, pack))
    messages.append(_behind_title(analysis, pack))
    messages.append(_decisions_title(analysis, pack))
    return messages


def _kpi_title(analysis: Analysis, pack: Copil) -> str:
    measured = _measured(pack)
    if measured.empty:
        return _t(analysis, "titles.kpis_none", date=c.date(analysis, pack.as_of))
    counts = measured["rag"].value_counts()
    green = int(counts.get("green", 0))
    key = "titles.kpis_green_none" if not green else "titles.kpis_green_one" if green == 1 else "titles.kpis"
    # "0 amber" is not a finding: only the colours some KPI has are said
    colours = [_t(analysis, f"words.{rag}_count", count=c.number(analysis, int(counts[rag])))
               for rag in ("amber", "red") if counts.get(rag, 0)]
    rest = (_t(analysis, "words.kpi_rest_none" if not green else "words.kpi_rest",
               colours=", ".join(colours)) if colours else "")
    return _t(analysis, key, green=c.number(analysis, green),
              measured=c.number(analysis, len(measured)), rest=rest)


def _adoption_title(analysis: Analysis, pack: Copil) -> str:
    worst = pack.adoption.iloc[0]
    overall = _overall_adoption(pack)
    at_target = int((pack.adoption["rag"] == "green").sum())
    if overall is not None:
        return _t(analysis, "titles.adoption", value=_value(analysis, overall["latest"], "%"),
                  target=_value(analysis, overall["target"], "%"), worst=worst["population"],
                  worst_value=_value(analysis, worst["latest"], "%"),
                  at_target=c.number(analysis, at_target), total=c.number(analysis, len(pack.adoption)))
    return _t(analysis, "titles.adoption_no_overall", worst=worst["population"],
              worst_value=_value(analysis, worst["latest"], "%"),
              at_target=c.number(analysis, at_target), total=c.number(analysis, len(pack.adoption)))


def _territory_title(analysis: Analysis, pack: Copil) -> str:
    worst = pack.territories.iloc[0]
    return _t(analysis, "titles.territories", territory=worst["territory"],
              value=_value(analysis, round(worst["latest"]), "%"), target=_value(analysis, worst["target"], "%"))


def _progress_title(analysis: Analysis, pack: Copil) -> str:
    p = pack.progress
    key = ("titles.progress" if p["late"] and p["due"] else "titles.progress_no_due" if p["late"]
           else "titles.progress_no_late" if p["due"] else "titles.progress_clear")
    if not p["done"]:
        key += "_none_done"
    return _t(analysis, key, done=c.number(analysis, p["done"]),
              late=_n(analysis, "words.late", p["late"]), due=_n(analysis, "words.due", p["due"]))


def _behind_title(analysis: Analysis, pack: Copil) -> str:
    if pack.behind.empty:
        return _t(analysis, "titles.behind_none")
    names = list(pack.behind["population"])
    return _n(analysis, "titles.behind", len(names), names=_names(analysis, names))


def _decisions(analysis: Analysis, pack: Copil) -> list[tuple[str, str, str]]:
    """(topic, text, reason) of every decision the COPIL is asked for: the pack's
    own (measurements, late work), then those the plan raises (`findings`),
    which every other deliverable's summary lists too."""
    own = [(_t(analysis, f"words.decision_{d.kind}"), d.text, d.reason) for d in pack.decisions]
    plan = decided.of(analysis)
    # one topic in a title, counted as the other deliverables' summaries count them;
    # a single one said by its kind ("1 plan alert" tells the committee nothing)
    alerts = (c.text(analysis, f"findings.decisions.kind.{plan[0].kind}") if len(plan) == 1
              else c.counted(analysis, "findings.decisions.plan_alerts", len(plan)))
    raised = [(alerts, decided.topic(analysis, d), d.reason) for d in plan]
    return own + raised


def _decisions_title(analysis: Analysis, pack: Copil) -> str:
    listed = _decisions(analysis, pack)
    if not listed:
        return _t(analysis, "titles.decisions_none")
    topics = _names(analysis, list(dict.fromkeys(topic for topic, _, _ in listed)))
    return _n(analysis, "titles.decisions", len(listed), topics=topics)


def _training_title(analysis: Analysis, pack: Copil) -> str:
    pulses = pack.pulses[~pack.pulses["withheld"]] if len(pack.pulses) else pack.pulses
    lowest = None
    for row in pulses.itertuples():
        for score in ("understand", "want", "able"):
            value = getattr(row, score)
            if value is not None and value == value and (lowest is None or value < lowest[0]):
                lowest = (value, score, row.population)
    coverage = (_t(analysis, "titles.coverage", value=_value(analysis, round(pack.coverage), "%"))
                if pack.coverage is not None else _t(analysis, "titles.coverage_none"))
    if lowest is None:
        return coverage
    return _t(analysis, "titles.training", coverage=coverage, pillar=_pillar(analysis, lowest[1]),
              population=lowest[2], score=c.number(analysis, lowest[0], 1))


def _criteria_title(analysis: Analysis, pack: Copil) -> str:
    met = int((pack.criteria["status"] == "met").sum())
    changed = int((pack.criteria["status"] != pack.criteria["framing_status"]).sum())
    return _t(analysis, "titles.criteria", met=c.number(analysis, met),
              total=c.number(analysis, len(pack.criteria)),
              changed=_n(analysis, "words.changed", changed))


def _changes_title(analysis: Analysis, pack: Copil) -> str:
    """Since the previous committee when one is on record, else since the
    start of the window the trends are read over (no committee is claimed)."""
    previous = committee_of(analysis).previous
    if previous is not None:
        return _n(analysis, "titles.changes", len(pack.changes), date=c.date(analysis, previous.date))
    return _n(analysis, "titles.changes_window", len(pack.changes), date=c.date(analysis, pack.previous))


def _pillar(analysis: Analysis, score: str) -> str:
    # a pulse score is named after its pillar, "able" for "be_able"
    code = cast(Pillar, {"able": "be_able"}.get(score, score))
    return analysis.method.levers.pillars[code].label.in_(analysis.lang)


def _names(analysis: Analysis, names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_t(analysis, 'words.and')} {names[-1]}"


# --------------------------------------------------------------------------- tables


def kpi_table(analysis: Analysis, pack: Copil, deck: bool = False) -> Table:
    """Every KPI of the plan, for the note: value with its trend, RAG, target,
    forecast. The deck's (`deck=True`) keeps to the measured KPIs and to fewer
    words: value, trend, RAG and target (the forecast goes to the notes)."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows, fills = [], []
    kpis = pack.kpis[pack.kpis["measured"]] if deck else pack.kpis
    for r in kpis.itertuples():
        value = _value(analysis, r.latest, r.unit) if r.measured else _t(analysis, "words.not_measured")
        trend = _trend(analysis, r.trend, r.unit)
        rag = _rag_cell(analysis, r.rag) if r.measured else ""
        if deck:
            rows.append([r.name, value, _arrow(analysis, r.trend), rag, _value(analysis, r.target, r.unit)])
            fills.append([None, None, None, RAG_FILLS.get(r.rag), None])
        else:
            rows.append([r.name, value if trend == "–" else f"{value} ({trend})", rag,
                         _value(analysis, r.target, r.unit), _forecast(analysis, r)])
            fills.append([None, None, RAG_FILLS.get(r.rag), None, RAG_FILLS.get(r.forecast_rag)])
    if deck:
        return Table([col("kpi"), col("latest"), col("trend"), col("rag"), col("target")], rows,
                     widths=[3.4, 1.3, 1.0, 1.0, 1.3], cell_fills=fills)
    return Table([col("kpi"), col("latest"), col("rag"), col("target"), col("forecast")], rows,
                 widths=[3.3, 1.7, 0.9, 0.9, 2.1], cell_fills=fills)


def _arrow(analysis: Analysis, trend: float | None) -> str:
    """The trend as the deck shows it: an arrow and the figure, the unit being the KPI's."""
    if trend is None or trend != trend:
        return "–"
    if not trend:
        return "="
    return f"{'▲' if trend > 0 else '▼'} {c.number(analysis, abs(round(float(trend), 2)), 0 if float(trend).is_integer() else 2)}"


def _kpi_notes(analysis: Analysis, pack: Copil) -> str:
    lines = [analysis.method.copil.description.in_(analysis.lang)]
    lines += [f"{r.name}: {_forecast(analysis, r)}" for r in pack.kpis.itertuples()
              if r.measured and r.forecast is not None and r.forecast == r.forecast]
    unmeasured = [r.name for r in pack.kpis.itertuples() if not r.measured]
    if unmeasured:
        lines.append(_t(analysis, "text.unmeasured", names=", ".join(unmeasured)))
    return "\n".join(lines)


def _forecast(analysis: Analysis, row: Any) -> str:
    """'between 62 % and 78 % by July 2028': the trend's range on the target date,
    one figure only when both ends read the same; '–' without a trend to project."""
    if row.forecast is None or row.forecast != row.forecast:
        return "–"
    def shown(value: float) -> float:
        return round(value) if row.unit.strip() == "%" else round(value, 2)

    low, high = shown(row.forecast_low), shown(row.forecast_high)
    date = format_month(row.target_date, analysis.lang)
    if low == high:
        return _t(analysis, "words.forecast", value=_value(analysis, low, row.unit), date=date)
    return _t(analysis, "words.forecast_range", low=_value(analysis, low, row.unit),
              high=_value(analysis, high, row.unit), date=date)


def adoption_chart(analysis: Analysis, pack: Copil) -> Chart:
    data = pack.adoption.sort_values("latest", ascending=False, kind="stable")
    axis = _t(analysis, "charts.adoption_axis")
    return Chart(kind="barh", categories=list(data["population"]),
                 series=[Series(axis, [float(v) for v in data["latest"]])],
                 x_title=axis, show_values=True, legend=False, y_range=(0, 100),  # x: the value axis
                 category_title=c.text(analysis, "common.columns.population"))


def adoption_table(analysis: Analysis, pack: Copil, on_target: bool = True) -> Table:
    """Adoption per population, furthest behind first; without `on_target`,
    only the populations still short of their target."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows, fills = [], []
    data = pack.adoption if on_target else pack.adoption[pack.adoption["rag"] != "green"]
    for r in data.itertuples():
        rows.append([r.population, c.number(analysis, r.headcount), _value(analysis, r.latest, "%"),
                     _trend(analysis, r.trend, "%"), _value(analysis, r.target, "%"), _rag_cell(analysis, r.rag)])
        fills.append([None, None, None, None, None, RAG_FILLS.get(r.rag)])
    return Table([c.text(analysis, "common.columns.population"), c.text(analysis, "common.columns.headcount"),
                  col("latest"), col("trend"), col("target"), col("rag")], rows,
                 widths=[3.2, 1.0, 1.0, 1.0, 0.9, 0.9], cell_fills=fills)


def territory_table(analysis: Analysis, pack: Copil) -> Table:
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows, fills = [], []
    for r in pack.territories.itertuples():
        rows.append([r.territory, c.number(analysis, r.populations), c.number(analysis, r.headcount),
                     _value(analysis, round(r.latest), "%"), _value(analysis, r.target, "%"),
                     _rag_cell(analysis, r.rag)])
        fills.append([None, None, None, None, None, RAG_FILLS.get(r.rag)])
    return Table([c.text(analysis, "common.columns.territory"), c.text(analysis, "common.columns.populations"),
                  c.text(analysis, "common.columns.headcount"), col("latest"), col("target"), col("rag")],
                 rows, widths=[2, 1.2, 1.2, 1.2, 1, 1], cell_fills=fills)


def actions_table(analysis: Analysis, pack: Copil, limit: int | None = None, due: bool = True,
                  owner: bool = True) -> Table:
    """Late actions first, the latest first, then (with `due`) those due in the next
    two weeks, the soonest first: what the committee must see to in date order."""
    actions = pack.actions
    late = actions[actions["late"]].sort_values("date", ascending=False, kind="stable")
    coming = actions[actions["due"] & ~actions["late"]].sort_values("date", kind="stable")
    chosen = pd.concat([late, coming]) if due else late
    if limit is not None:
        chosen = chosen.head(limit)
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows: list[list[Cell]] = []
    fills: list[list[str | None]] = []
    for r in chosen.itertuples():
        scope = _t(analysis, "words.everyone") if r.population == "all" else r.population
        state = _t(analysis, "words.late_state") if r.late else _t(analysis, "words.due_state")
        # a late action's new date: where the Change plan re-planned it
        new = c.date(analysis, r.new_date) if r.late else "—"
        rows.append([r.id, r.action, scope, c.date(analysis, r.date), new, r.owner_label, state])
        fills.append([*[None] * 6, RAG_FILLS["red"] if r.late else None])
    columns = [col("id"), col("action"), c.text(analysis, "common.columns.population"),
               col("planned"), col("new_date"), c.text(analysis, "common.columns.owner"),
               c.text(analysis, "common.columns.status")]
    widths = [0.6, 1.9, 1.9, 1.1, 1.1, 1.5, 0.9]
    if not owner:  # the slide: a late row's new date, in red, says its status
        rows, fills = [r[:5] for r in rows], [f[:4] + f[6:] for f in fills]
        columns, widths = columns[:5], [0.6, 2.4, 2.4, 1.3, 1.3]
    return Table(columns, rows, widths=widths, cell_fills=fills)


def pulse_table(analysis: Analysis, pack: Copil) -> Table:
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    scale = analysis.method.copil.pulse.scale
    low = analysis.method.copil.pulse.low_score
    rows, fills = [], []
    for r in pack.pulses.itertuples():
        scores = [getattr(r, s) for s in ("understand", "want", "able")]
        shown = (["–"] * 3 if r.withheld
                 else ["–" if s is None or s != s else c.number(analysis, s, 1) for s in scores])
        rows.append([r.population, c.number(analysis, r.respondents), *shown])
        fills.append([None, None, *[RAG_FILLS["red"] if (s is not None and s == s and s < low and not r.withheld)
                                    else None for s in scores]])
    def out_of(score: str) -> str:
        return _t(analysis, "columns.out_of", pillar=_pillar(analysis, score), scale=scale)

    return Table([c.text(analysis, "common.columns.population"), col("respondents"),
                  out_of("understand"), out_of("want"), out_of("able")],
                 rows, widths=[3, 1.2, 1.2, 1.2, 1.2], cell_fills=fills)


def behind_table(analysis: Analysis, pack: Copil, limit: int | None = None) -> Table:
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    data = pack.behind.head(limit) if limit is not None else pack.behind
    rows = [[r.population, _sentences(analysis, r.reasons), ", ".join(r.lever_labels)] for r in data.itertuples()]
    return Table([c.text(analysis, "common.columns.population"), col("why"), col("levers")], rows,
                 widths=[2, 3.2, 2.6])


def criteria_table(analysis: Analysis, pack: Copil) -> Table:
    """The six criteria, at framing and now (the reasons go to the notes)."""
    def col(key: str) -> str:
        return _t(analysis, f"columns.{key}")

    rows = [[r.label, r.framing, r.status_label] for r in pack.criteria.itertuples()]
    fills = [[None, None, RAG_FILLS.get(r.rag)] for r in pack.criteria.itertuples()]
    return Table([col("criterion"), col("framing"), col("now")], rows, widths=[3.4, 1.8, 1.8],
                 cell_fills=fills)


def _sentences(analysis: Analysis, reasons: list[str]) -> str:
    text = semicolon(analysis.lang).join(reasons)
    return text[:1].upper() + text[1:] + "."


def decisions_bullets(analysis: Analysis, pack: Copil, why: bool = False) -> list[BulletLike]:
    """The note's decisions: the pack's own with their reasons; those the plan
    raises by their topic and, with `why`, the first sentence of their reason
    (the readiness note has the room: "roles with nobody named" alone asks the
    committee for nothing). The adoption note keeps to two pages: there the
    reasons are the plan's deliverables' and the deck's notes'."""
    own: list[BulletLike] = [f"**{d.text}.** {d.reason[:1].upper()}{d.reason[1:]}" for d in pack.decisions]
    topics: dict[str, str] = {}
    for d in decided.of(analysis):  # one numbered item per decision, as many as the title counts
        topic = decided.topic(analysis, d)
        # the reason without the subject its topic already names: the item says it once
        topics.setdefault(topic, _first_sentence(decided.without_subject(d.reason, topic)) if why else "")
    return own + [f"**{_capital(topic)}.** {reason}".rstrip() for topic, reason in topics.items()]


# --------------------------------------------------------------------------- document


def build_document(analysis: Analysis) -> Document:
    """The two-page note: summary, what changed, KPIs, adoption, progress and
    late work, decisions (populations to reinforce among them)."""
    committee = committee_of(analysis)
    if committee.readiness:
        return readiness.build_document(analysis, committee, key_messages(analysis))
    pack = committee.copil
    def s(key: str) -> str:
        return _t(analysis, f"sections.{key}")

    blocks: list[Block] = c.key_messages_blocks(analysis, key_messages(analysis), decisions=False)
    if pack.changes:
        blocks += [Heading(_changes_title(analysis, pack)), Bullets(list(pack.changes))]
    blocks += [Heading(_kpi_title(analysis, pack)), kpi_table(analysis, pack)]
    if len(pack.adoption):
        blocks.append(Heading(_adoption_title(analysis, pack)))
        if (pack.adoption["rag"] != "green").any():
            blocks.append(adoption_table(analysis, pack, on_target=False))
        green = list(pack.adoption.loc[pack.adoption["rag"] == "green", "population"])
        if green:
            blocks.append(Paragraph(_n(analysis, "text.on_target", len(green), names=_names(analysis, green))))
    blocks += [Heading(_progress_title(analysis, pack)), Paragraph(_progress_text(analysis, pack))]
    late = pack.actions[pack.actions["late"]]
    if len(late):  # by id, most recent first: the deck's table names them, the minutes cite them
        ids = list(late.sort_values("date", ascending=False, kind="stable")["id"])
        blocks.append(Paragraph(_n(analysis, "text.all_late", len(ids), ids=", ".join(ids))))
        # each with its new date and owner; the rest by id, their dates in the Change plan
        blocks.append(actions_table(analysis, pack, NOTE_ACTIONS, due=False))
        if len(late) > NOTE_ACTIONS:
            blocks.append(Paragraph(_t(analysis, "text.late_more", count=c.number(analysis, len(late) - NOTE_ACTIONS))))
    # The populations to reinforce are not tabulated here: each is a decision below,
    # with its findings and levers, and a two-page note says a fact once.
    blocks += [Heading(s("decisions")), _decisions_block(analysis, pack)]
    document = c.document(analysis, NAME, blocks)
    document.date = pack.as_of  # the pack describes the COPIL's day
    return document


def _decisions_block(analysis: Analysis, pack: Copil, why: bool = False) -> Block:
    if not _decisions(analysis, pack):
        return Paragraph(_t(analysis, "titles.decisions_none"))
    # the decisions are read as one list: kept on one page, under their heading
    return Bullets(decisions_bullets(analysis, pack, why), numbered=True, together=True)


def _progress_text(analysis: Analysis, pack: Copil) -> str:
    p = pack.progress
    parts = [_t(analysis, f"text.progress_{part}", **{part: c.number(analysis, p[part])}) if p[part]
             else _t(analysis, "text.progress_done_none")
             for part in ("done", "cancelled", "late", "due") if part == "done" or p[part]]
    return _t(analysis, "text.progress", total=c.number(analysis, p["total"]), parts=_names(analysis, parts))


# --------------------------------------------------------------------------- deck


def build_deck(analysis: Analysis) -> Deck:
    """At most twelve slides: cover, summary, what changed, KPIs, adoption by
    population and by territory, plan progress, training and pulse, populations
    to reinforce, success criteria, decisions, next steps."""
    committee = committee_of(analysis)
    if committee.readiness:
        return readiness.build_deck(analysis, committee, key_messages(analysis))
    pack = committee.copil
    day = c.date(analysis, pack.as_of)
    intro = (_t(analysis, "text.intro", date=day, previous=c.date(analysis, committee.previous.date))
             if committee.previous is not None else _t(analysis, "text.intro_first", date=day))
    # One change alone is no slide (a near-empty page): the presenter gives it with the summary.
    alone = len(pack.changes) == 1
    if alone:
        intro = "\n".join([intro, f"{_changes_title(analysis, pack)}{colon(analysis.lang)}{pack.changes[0]}"])
    slides: list[Slide] = [CoverSlide(subtitle=_t(analysis, "text.cover", date=day)),
                         c.key_messages_slide(analysis, key_messages(analysis), decisions=False,
                                              notes=intro)]
    if pack.changes and not alone:
        slides.append(BulletSlide(_changes_title(analysis, pack), [*pack.changes[:6]],
                                  notes="\n".join(pack.changes)))
    measured = kpi_table(analysis, pack, deck=True)
    if measured.rows:
        slides.append(TableSlide(_kpi_title(analysis, pack), measured, notes=_kpi_notes(analysis, pack)))
    else:  # nothing measured yet: the title says so, no table of headers alone
        slides.append(BulletSlide(_kpi_title(analysis, pack),
                                  _waiting(analysis, pack) or [_t(analysis, "words.not_measured")],
                                  notes=_kpi_notes(analysis, pack)))
    if len(pack.adoption):
        slides.append(ChartSlide(_adoption_title(analysis, pack), adoption_chart(analysis, pack),
                                 notes=_adoption_notes(analysis, pack)))
    if len(pack.territories) > 1:
        slides.append(TableSlide(_territory_title(analysis, pack), territory_table(analysis, pack),
                                 notes=_t(analysis, "text.territories")))
    progress_notes = _progress_text(analysis, pack)
    if (pack.actions["late"] | pack.actions["due"]).any():
        slides.append(TableSlide(_progress_title(analysis, pack),
                                 actions_table(analysis, pack, SHOWN_ACTIONS, owner=False),
                                 notes=progress_notes))
    else:
        slides.append(BulletSlide(_progress_title(analysis, pack), [progress_notes]))
    if len(pack.pulses):
        slides.append(TableSlide(_training_title(analysis, pack), pulse_table(analysis, pack),
                                 notes=_pulse_notes(analysis, pack)))
    if not pack.behind.empty:
        slides.append(TableSlide(_behind_title(analysis, pack), behind_table(analysis, pack, SHOWN_BEHIND),
                                 notes=c.reason_notes(analysis, _behind_reasons(analysis, pack))))
    slides.append(TableSlide(_criteria_title(analysis, pack), criteria_table(analysis, pack),
                             notes="\n".join(f"{r.label}: {r.reason}" for r in pack.criteria.itertuples())))
    listed = _decisions(analysis, pack)
    slides.append(BulletSlide(_decisions_title(analysis, pack),
                              decision_bullets(listed) or [_t(analysis, "titles.decisions_none")],
                              notes=decision_notes(analysis, listed),
                              # none: the slide says so in one line
                              counted=len(listed) or None, slides=decision_slides(listed)))
    slides.append(ClosingSlide(c.text(analysis, "common.next_steps"), _next_steps(analysis, pack)))
    deck = c.deck(analysis, NAME, slides)
    deck.date = pack.as_of
    return deck


WAITING_SHOWN = 8  # KPIs named one by one on the slide; beyond, one line per family


def _waiting(analysis: Analysis, pack: Copil) -> list[BulletLike]:
    """The KPIs still to measure: by name, or by family with their number when
    there are too many for one slide (the notes name them all)."""
    waiting = _t(analysis, "words.not_measured")
    if len(pack.kpis) <= WAITING_SHOWN:
        return [f"**{name}** — {waiting}" for name in pack.kpis["name"]]
    families = pack.kpis.groupby("family", sort=False)["name"].count()
    return [f"**{family}** ({c.number(analysis, int(count))}) — {waiting}" if count > 1
            else f"**{family}** — {waiting}" for family, count in families.items()]


def _adoption_notes(analysis: Analysis, pack: Copil) -> str:
    lines = [f"{r.population}: {_value(analysis, r.latest, '%')} ({_rag(analysis, r.rag)}, "
             f"{_trend(analysis, r.trend, '%')})" for r in pack.adoption.itertuples()]
    return "\n".join(lines)


def _pulse_notes(analysis: Analysis, pack: Copil) -> str:
    lines = [_t(analysis, "text.withheld", min_group=analysis.method.copil.pulse.min_group)]
    lines += [f"{r.population}: {r.comments}" for r in pack.pulses.itertuples() if r.comments]
    return "\n".join(lines)


def _behind_reasons(analysis: Analysis, pack: Copil) -> list[str]:
    levers = {lever.id: lever for lever in analysis.method.levers.levers}
    out = []
    for r in pack.behind.itertuples():
        # each description is a sentence of its own: joined by spaces, never by "; "
        described = " ".join(f"{levers[i].label.in_(analysis.lang)} — "
                             f"{levers[i].description.in_(analysis.lang).rstrip('.')}." for i in r.levers)
        out.append(f"{r.population}: {_sentences(analysis, r.reasons)} {described}")
    return out


def _next_steps(analysis: Analysis, pack: Copil) -> list[BulletLike]:
    following = pack.following or pack.as_of
    due = pack.actions[pack.actions["due"]].sort_values("date").head(4)
    steps: list[BulletLike] = [f"**{c.date(analysis, r.date)}** — {r.action} ({_t(analysis, 'words.everyone') if r.population == 'all' else r.population})"
             for r in due.itertuples()]
    steps.append(f"**{c.date(analysis, following)}** — {_t(analysis, 'text.next_copil')}")
    return steps
