"""The training plan (Plan de formation) as a Word report and a steering-committee
deck: the "Be able" part of the Change plan.

Seed 000: train the users, at least with a user guide, accompany first steps,
deploy by lots, hence a training wave before each lot. Seed 001: train and
mentor those who will run the CRM. Seed 002: the CRM in every new hire's
onboarding. Practice: needs from tool impact and IT comfort, train-the-trainer
first, blackout periods respected, Kirkpatrick's four levels. Every figure
comes from `analysis.training_plan`; every word from `labels.training_plan.yaml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd

from ...analysis import Analysis
from ...analysis.records import MethodWarning
from ...findings import findings as facts
from ...findings.effort import day_parts
from ...findings.wording import partner_sentence
from ...text import grammar
from ..ir import (
    Align,
    Block,
    BulletItem,
    BulletSlide,
    Cell,
    Chart,
    ChartSlide,
    Deck,
    Document,
    Heading,
    Paragraph,
    Series,
    Slide,
    Table,
    TableSlide,
    Task,
)
from ..palette import lane_slot
from . import budget as b
from . import common as c
from . import decisions as decided
from .once import per_build

NAME = "training_plan"
PREPARATORY, END_USERS = "preparatory", "end_users"
WAVES = (PREPARATORY, END_USERS)
# A self-paced or one-day item is drawn at least this wide on a timeline.
MIN_BAR = dt.timedelta(days=2)


def _t(analysis: Analysis, key: str, **values: Any) -> str:
    return c.text(analysis, f"{NAME}.{key}", **values)


def _col(analysis: Analysis, key: str) -> str:
    return _t(analysis, f"columns.{key}")


def _days(analysis: Analysis, value: float) -> str:
    return c.days(analysis, value)


def _hours(analysis: Analysis, value: float) -> str:
    return _t(analysis, "text.hours", hours=c.number(analysis, value, 1 if value % 1 else 0))


def _has_rates(analysis: Analysis) -> bool:
    training = analysis.engagement.training
    return training.trainer_day_rate is not None or training.learner_day_cost is not None


def _per_lot(analysis: Analysis) -> pd.DataFrame:
    """The totals table without its "all lots" row (always the last one)."""
    return analysis.training_plan.totals.iloc[:-1]


def _grand_total(analysis: Analysis) -> pd.Series:
    return analysis.training_plan.totals.iloc[-1]


def _lots(analysis: Analysis) -> list[str]:
    return list(_per_lot(analysis).index)


def _lots_key(analysis: Analysis, key: str) -> str:
    """`key`, or its form for a plan of one lot when the catalogue has one: "at
    every lot" said of a single lot reads as a form letter."""
    if len(_lots(analysis)) == 1 and analysis.method.labels.has(f"{NAME}.{key}_one_lot"):
        return f"{key}_one_lot"
    return key


def _name(analysis: Analysis, population: str) -> str:
    """A mapped population with its headcount; key users and administrators as named."""
    try:
        return c.population_label(analysis, population)
    except KeyError:
        return population


# --------------------------------------------------------------------------- facts


@per_build
def wave_dates(analysis: Analysis) -> dict[str, dict[str, tuple[dt.date, dt.date] | None]]:
    """Per lot: (start, end) of its preparatory and end-user waves, or None.

    The calendar is read once, row by row in its order: the report, the deck
    and their next steps ask this of every lot several times."""
    calendar = analysis.training_plan.calendar
    spans: dict[tuple[str, str], tuple[Any, Any]] = {}
    for lot, wave, start, end in zip(calendar["lot"], calendar["wave"], calendar["start"],
                                     calendar["end"], strict=True):
        found = spans.get((lot, wave))
        spans[(lot, wave)] = (start, end) if found is None else (min(found[0], start), max(found[1], end))
    return {lot: {wave: spans.get((lot, wave)) for wave in (PREPARATORY, END_USERS)}
            for lot in _lots(analysis)}


def first_led_session(analysis: Analysis, lot: str) -> dt.date | None:
    """First end-user session with a trainer (e-learning opens earlier on purpose)."""
    return _first_led_sessions(analysis).get(lot)


@per_build
def _first_led_sessions(analysis: Analysis) -> dict[str, dt.date]:
    """Each lot's first end-user session with a trainer, the sessions read once."""
    sessions = analysis.training_plan.sessions
    first: dict[str, Any] = {}
    for lot, wave, start in zip(sessions["lot"], sessions["wave"], sessions["start"], strict=True):
        if wave == END_USERS:
            first[lot] = start if lot not in first else min(first[lot], start)
    return first


def key_messages(analysis: Analysis) -> list[str]:
    """The summary: the messages of the deck's findings, in its order."""
    return [f.message for f in findings(analysis)]


def messages(analysis: Analysis) -> dict[str, str]:
    """Every message the plan can state, by topic."""
    plan = analysis.training_plan
    total = _grand_total(analysis)
    needs = plan.needs
    messages: dict[str, str] = {}
    messages["volume"] = (c.message(analysis, f"{NAME}.messages.volume", learners=c.number(analysis, total["seats_needed"]),
                   populations=sum(1 for p in analysis.engagement.populations
                                   if (needs["population"] == p.name).any()),
                   sessions=c.number(analysis, total["sessions"]),
                   trainer_days=_days(analysis, total["trainer_days"]),
                   learner_days=_days(analysis, total["learner_days"])))
    cost = _cost_message(analysis)
    if cost:
        messages["cost"] = cost
    order = _order_message(analysis)
    if order:
        messages["trainers_first"] = order
    waves = wave_dates(analysis)
    described = [span for w in waves.values() if (span := w[END_USERS])]
    if described:
        messages["waves"] = c.message(analysis, f"{NAME}.messages.waves", len(described),
                                      start=c.month(analysis, min(w[0] for w in described)),
                                      end=c.month(analysis, max(w[1] for w in described)))
    training = analysis.engagement.training
    # "outside blackout periods (0)" says nothing: without any, the share alone
    blackouts_key = "blackouts" if training.blackouts else "blackouts_none"
    messages["blackouts"] = (c.message(analysis, f"{NAME}.messages.{blackouts_key}", count=len(training.blackouts),
                       share=c.percent(analysis, training.max_share_away)))
    messages["coverage"] = c.joined(
        c.message(analysis, f"{NAME}.messages.coverage", placed=c.number(analysis, total["seats_placed"]),
                  needed=c.number(analysis, total["seats_needed"]),
                  coverage=c.percent(analysis, float(total["coverage"]))),
        _acceptance_message(analysis))
    onboarding = plan.onboarding
    if len(onboarding):
        messages["onboarding"] = (_t(analysis, "messages.onboarding",
                           count=c.number(analysis, int(onboarding["new_hires_per_year"].sum())),
                           module=onboarding["label"].iloc[0]))
    return messages


def _cost_message(analysis: Analysis) -> str:
    """Trainers' cost (spending) and learners' time (internal), never one sum."""
    budget = facts(analysis).budget
    trainers, learners = budget.line("trainers"), budget.line("learners")
    said = []
    if trainers.rate is not None and budget.cash_shown is not None:
        said.append(c.message(analysis, f"{NAME}.messages.cost_cash",
                              trainers=c.shown_money(analysis, trainers.shown or 0.0),
                              days=c.shown_days(analysis, trainers.shown_days),
                              rate=c.rate(analysis, trainers.rate)))
    if learners.rate is not None:
        said.append(c.message(analysis, f"{NAME}.messages.cost_internal",
                              learners=c.money(analysis, (learners.amount or 0.0)),
                              days=c.shown_days(analysis, learners.shown_days),
                              rate=c.rate(analysis, learners.rate)))
    if not said:
        return ""
    whole = c.joined(*said)
    partners = partner_sentence(budget, analysis.method, analysis.lang)  # the report's, not the card's
    return c.Message(f"{whole} {partners}", c.headline(whole)) if partners else whole


def _order_message(analysis: Analysis) -> str:
    """'Key users are trained first…', said only when the schedule has them first
    at every lot that trains both (from the key users' own sessions)."""
    training = facts(analysis).training
    both = training.with_key_users
    if not both:
        return ""
    first = training.key_users_first
    if len(first) < len(both):
        return c.message(analysis, f"{NAME}.messages.trainers_first_some", len(first),
                         count=len(first), total=len(both))
    lot = both[0]
    assert lot.key_users is not None and lot.first_user_session is not None
    # told in the past once the first end users have been trained (a plan read after the fact)
    done = "_done" if lot.first_user_session < c.as_of(analysis) else ""
    return c.message(analysis, f"{NAME}.messages.trainers_first{done}",
                     start=c.date(analysis, lot.key_users.start),
                     first=c.date(analysis, lot.first_user_session))


def _acceptance_message(analysis: Analysis) -> str:
    """How many end-user sessions start before their lot's acceptance testing ends."""
    training = facts(analysis).training
    early = training.before_acceptance_end
    if not early:
        return ""
    return c.counted(analysis, f"{NAME}.messages.before_acceptance", early,
                     sessions=c.number(analysis, training.user_sessions))


def next_steps(analysis: Analysis) -> list[c.NextStep]:
    """Milestones ahead plus each lot's key-user training and end-user wave."""
    extra = []
    for lot, waves in wave_dates(analysis).items():
        key_users = _key_user_span(analysis, lot)
        if key_users:
            extra.append(c.NextStep(key_users[0], _t(analysis, "next_steps.train_the_trainer", lot=lot)))
        led = first_led_session(analysis, lot)
        end_users = waves[END_USERS]
        if end_users and led and end_users[0] < led:
            # e-learning opens first: dating "the wave starts" then would put end users
            # before the key users who are trained in between
            extra.append(c.NextStep(end_users[0], _t(analysis, "next_steps.e_learning", lot=lot)))
            extra.append(c.NextStep(led, _t(analysis, "next_steps.first_led", lot=lot)))
        elif end_users:
            extra.append(c.NextStep(end_users[0], _t(analysis, "next_steps.end_users", lot=lot)))
    return c.next_steps(analysis, extra)


# --------------------------------------------------------------------------- tables


def needs_table(analysis: Analysis) -> Table:
    """Per mapped population: role, tool impact, IT comfort → modules needed."""
    needs = analysis.training_plan.needs
    matrix = analysis.diagnosis.matrix
    rows: list[list[Cell]] = []
    for population in analysis.engagement.populations:
        modules = list(dict.fromkeys(needs.loc[needs["population"] == population.name, "label"]))
        rows.append([population.name, c.term(analysis, "hierarchy_level", population.level),
                     f"{int(matrix.at[population.name, 'tool'])}/3",
                     c.term(analysis, "level", population.it_comfort),
                     ", ".join(modules) or "–"])
    columns = [c.text(analysis, "common.columns.population"), _col(analysis, "role"),
               _col(analysis, "tool_impact"), _col(analysis, "it_comfort"), _col(analysis, "modules")]
    return Table(columns, rows, widths=[2.4, 1.2, 0.9, 1.1, 4.0])


def _need_notes(analysis: Analysis) -> list[str]:
    """One line per population: role, tool impact, IT comfort (why these modules)."""
    matrix = analysis.diagnosis.matrix
    return [_t(analysis, "deck.need_line", population=p.name,
               role=c.term(analysis, "hierarchy_level", p.level),
               tool=int(matrix.at[p.name, "tool"]), comfort=c.term(analysis, "level", p.it_comfort))
            for p in analysis.engagement.populations]


def needs_detail_table(analysis: Analysis) -> Table:
    """Each population × module need, with the reason the method gives."""
    needs = analysis.training_plan.needs
    seen: dict[tuple[str, str], list[Any]] = {}
    reasons: dict[tuple[str, str], dict[str, str]] = {}  # per row: lot -> reason
    rows: list[list[Cell]] = []
    for need in needs.to_dict("records"):
        key = (need["population"], need["module"])
        if need["reason"]:  # a population that goes live in several lots needs it once here,
            reasons.setdefault(key, {}).setdefault(need["lot"], need["reason"])  # with each lot's reason
        if key in seen:
            continue
        row = [need["population"], need["label"], need["format"], _hours(analysis, need["hours"]), ""]
        seen[key] = row
        rows.append(row)
    names = [p.name for p in analysis.engagement.populations] + _lots(analysis)
    for key, row in seen.items():
        own = reasons.get(key, {})
        distinct = list(dict.fromkeys(own.values()))
        # two lots' near-identical sentences side by side read as a repeat: each with its lot
        row[-1] = (distinct[0] if len(distinct) == 1 else
                   " ".join(_t(analysis, "text.lot_reason", lot=lot,
                               reason=grammar.after_colon(reason, names))
                            for lot, reason in own.items())) if distinct else ""
    columns = [c.text(analysis, "common.columns.population"), _col(analysis, "module"),
               _col(analysis, "format"), _col(analysis, "duration"), _col(analysis, "reason")]
    return Table(columns, rows, widths=[2.0, 2.0, 1.2, 0.8, 4.0])


def _duration(analysis: Analysis, module: pd.Series) -> str:
    """"7 h", or "7 h (4 sittings of 2 h)" when the client's session length splits a
    led module: the plan follows the length the client gave."""
    sittings = int(module.get("sittings", 0) or 0)
    if sittings <= 1:
        return _hours(analysis, module["hours"])
    length = analysis.engagement.training.session_hours
    return c.counted(analysis, f"{NAME}.text.duration_sittings", sittings,
                     hours=_hours(analysis, module["hours"]),
                     length=_hours(analysis, length).replace(" ", "\u00a0"))


def modules_table(analysis: Analysis, with_objectives: bool = True) -> Table:
    modules = analysis.training_plan.modules
    rows = []
    for _, m in modules.iterrows():
        row = [m["label"]]
        if with_objectives:
            row.append("\n".join(f"– {o}" for o in m["objectives"]))
        # the slide keeps the hours; how the client's sessions split them, in its notes
        row += [m["format"], _duration(analysis, m) if with_objectives else _hours(analysis, m["hours"]),
                int(m["learners"])]
        rows.append(row)
    columns = [_col(analysis, "module")]
    widths = [2.2]
    if with_objectives:
        columns.append(_col(analysis, "objectives"))
        widths.append(4.2)
    columns += [_col(analysis, "format"), _col(analysis, "duration"), _col(analysis, "learners")]
    widths += [1.4, 0.8, 1.0]
    return Table(columns, rows, widths=widths)


def _led(analysis: Analysis, module: str) -> bool:
    """Whether a module's format has a trainer (a self-paced one has no session)."""
    catalogue = analysis.method.training
    return bool(catalogue.formats[catalogue.module(module).format].led_by_trainer)


def _sessions(analysis: Analysis, module: str, count: int) -> int | str:
    """A led module's sessions; "–" for a self-paced one, which has none to count."""
    return count if _led(analysis, module) else "–"


def module_volume_table(analysis: Analysis) -> Table:
    modules = analysis.training_plan.modules
    budget = facts(analysis).budget
    # The modules' days rounded to add up to the plan's printed totals (the budget's lines).
    trainer_total = budget.line("trainers").shown_days
    learner_total = budget.learner_days_shown  # the client's learners and its partners'
    trainer_days = day_parts([float(v) for v in modules["trainer_days"]], trainer_total)
    learner_days = day_parts([float(v) for v in modules["learner_days"]], learner_total)
    rows: list[list[Any]] = [[m["label"], int(m["learners"]), _sessions(analysis, str(module), int(m["sessions"])),
             c.shown_days(analysis, trainers), c.shown_days(analysis, learners)]
            for (module, m), trainers, learners in zip(modules.iterrows(), trainer_days, learner_days,
                                                  strict=True)]
    rows.append([c.text(analysis, "common.total"), int(modules["learners"].sum()),
                 int(modules["sessions"].sum()), c.shown_days(analysis, trainer_total),
                 c.shown_days(analysis, learner_total)])
    columns = [_col(analysis, "module"), _col(analysis, "learners"), _col(analysis, "sessions"),
               _col(analysis, "trainer_days"), _col(analysis, "learner_days")]
    # sessions right-aligned as numbers, their "–" of a self-paced module included
    return Table(columns, rows, widths=[3, 1, 1, 1.1, 1.1], align=[None, None, "right", None, None])


def population_volume_table(analysis: Analysis) -> Table:
    calendar = analysis.training_plan.calendar
    rows = []
    for population in dict.fromkeys(calendar["population"]):
        own = calendar[calendar["population"] == population]  # the sessions its people sit, shared or not
        rows.append([population, int(own["sessions"].sum()), _days(analysis, own["trainer_days"].sum()),
                     _days(analysis, own["learner_days"].sum())])
    columns = [c.text(analysis, "common.columns.population"), _col(analysis, "sessions"),
               _col(analysis, "trainer_days"), _col(analysis, "learner_days")]
    return Table(columns, rows, widths=[3, 1, 1.1, 1.1])


def shared_sessions_note(analysis: Analysis) -> list[Block]:
    """Why the sessions per population add up to more than the sessions held (a
    session shared by several populations counts for each), when they do."""
    counted = int(analysis.training_plan.calendar["sessions"].sum())  # the column's total
    held = int(analysis.training_plan.totals.loc["Total", "sessions"])
    if counted <= held:
        return []
    return [Paragraph(_t(analysis, "text.shared_sessions", counted=c.number(analysis, counted),
                         held=c.number(analysis, held)))]


def lot_table(analysis: Analysis) -> Table:
    """Per lot and in total: sessions, trainer-days, learner-days (and costs)."""
    totals = analysis.training_plan.totals
    budget = facts(analysis).budget
    # Trainers (spending) and learners' time (internal) in columns of their own,
    # each lot's figures adding up to the total row, which is the budget's line.
    lines = [budget.line("trainers"), budget.line("learners")]
    costed = [line for line in lines if line.rate is not None]
    trainer_days = _lot_days([float(v) for v in totals["trainer_days"]], lines[0].shown_days)
    # The learner-days column counts every learner; their cost only the client's own
    # (other employers' staff are their employers' time).
    learner_days = _lot_days([float(v) for v in totals["learner_days"]], budget.learner_days_shown)
    own_days = _lot_days([float(v) for v in totals["learner_days"] - totals["partner_learner_days"]],
                         lines[1].shown_days)
    amounts = {line.code: [*grammar.rounded_parts([d * (line.rate or 0.0) for d in days[:-1]],
                                                  (line.rate or 0.0) * days[-1]),
                           grammar.rounded_money((line.rate or 0.0) * days[-1])]
               for line, days in zip(lines, (trainer_days, own_days), strict=True)}
    rows = []
    for index, (lot, row) in enumerate(totals.iterrows()):
        cells = [lot, int(row["sessions"]), c.shown_days(analysis, trainer_days[index]),
                 c.shown_days(analysis, learner_days[index])]
        cells += [c.money(analysis, amounts[line.code][index]) for line in costed]
        rows.append(cells)
    if len(rows) == 2:  # one lot: its row is the total, said once
        rows = rows[:1]
    columns = [c.text(analysis, "common.columns.lot"), _col(analysis, "sessions"),
               _col(analysis, "trainer_days"), _col(analysis, "learner_days")]
    columns += [_col(analysis, "cost" if line.code == "trainers" else "internal") for line in costed]
    widths = [3, 1, 1.1, 1.1, *(1.3 for _ in costed)]
    return Table(columns, rows, widths=widths)


def _lot_days(values: list[float], total: float) -> list[float]:
    """Each lot's days rounded so that they add up to the total row (the last value)."""
    return [*day_parts(values[:-1], total), total]


def wave_table(analysis: Analysis, lot: str | None = None) -> Table:
    """The calendar: one row per lot × wave × population × module."""
    calendar = analysis.training_plan.calendar
    if lot is not None:
        calendar = calendar[calendar["lot"] == lot]
    rows = []
    for _, row in calendar.iterrows():
        cells = [] if lot else [row["lot"]]
        cells += [_t(analysis, f"waves.{row['wave']}"), row["population"], row["label"],
                  c.date(analysis, row["start"]), c.date(analysis, row["end"]),
                  _sessions(analysis, row["module"], int(row["sessions"]))]
        rows.append(cells)
    columns = [] if lot else [c.text(analysis, "common.columns.lot")]
    columns += [_col(analysis, "wave"), c.text(analysis, "common.columns.population"),
                _col(analysis, "module"), _col(analysis, "start"), _col(analysis, "end"),
                _col(analysis, "sessions")]
    widths = ([] if lot else [2.0]) + [1.3, 2.2, 2.0, 1.2, 1.2, 0.8]
    align: list[Align | None] = [None] * (len(columns) - 1)
    return Table(columns, rows, widths=widths, align=[*align, "right"])


def wave_tables(analysis: Analysis) -> list[Block]:
    """The calendar, one table per lot under the lot's name: a lot's full name
    in a column of its own wraps over three lines on every row, and one lot's
    name on every row says nothing."""
    lots = _lots(analysis)
    if len(lots) == 1:
        return [wave_table(analysis, lots[0])]
    return [block for lot in lots for block in (Heading(lot, 3), wave_table(analysis, lot))]


def session_tables(analysis: Analysis) -> list[Block]:
    """The sessions, one table per lot under the lot's name when there are several
    (a lot's full name in a column of its own wraps on every row)."""
    lots = _lots(analysis)
    if len(lots) == 1:
        return [session_table(analysis)]
    return [block for lot in lots for block in (Heading(lot, 2), session_table(analysis, lot))]


def session_table(analysis: Analysis, lot: str | None = None) -> Table:
    """Every session by its id (lot, population or role, module, rank: stable
    across runs), so the steering pack, the minutes and the consultant can cite
    one: who, which module, when, how many learners."""
    sessions = analysis.training_plan.sessions
    if lot is not None:
        sessions = sessions[sessions["lot"] == lot]
    several = lot is None and len(_lots(analysis)) > 1
    rows = []
    for row in sessions.sort_values(["start", "lot", "id"], kind="stable").to_dict("records"):
        cells = [row["id"]] + ([row["lot"]] if several else [])
        # the population's name alone: beside a session's learners, its headcount would mislead
        cells += [row["population"], row["label"],
                  _period(analysis, row["start"], row["end"]), int(row["participants"])]
        rows.append(cells)
    columns = [_col(analysis, "id")] + ([c.text(analysis, "common.columns.lot")] if several else [])
    columns += [c.text(analysis, "common.columns.population"), _col(analysis, "module"),
                _col(analysis, "dates"), _col(analysis, "learners")]
    widths = [0.8] + ([1.8] if several else []) + [2.0, 2.0, 1.9, 0.9]
    return Table(columns, rows, widths=widths)


def blackout_table(analysis: Analysis) -> Table | None:
    blackouts = sorted(analysis.engagement.training.blackouts, key=lambda b: b.start)
    if not blackouts:
        return None
    rows: list[list[Cell]] = [[_period(analysis, b.start, b.end),
             b.territory or _t(analysis, "text.all_territories"), b.reason]
            for b in blackouts]
    return Table([_col(analysis, "period"), c.text(analysis, "common.columns.territory"),
                  c.text(analysis, "common.columns.reason")], rows, widths=[2.4, 1.3, 4])


def onboarding_table(analysis: Analysis) -> Table | None:
    onboarding = analysis.training_plan.onboarding
    if onboarding.empty:
        return None
    rows = [[r["population"], int(r["new_hires_per_year"]), int(r["sessions_per_year"]),
             _days(analysis, r["trainer_days_per_year"])] for _, r in onboarding.iterrows()]
    return Table([c.text(analysis, "common.columns.population"), _col(analysis, "new_hires"),
                  _col(analysis, "sessions_year"), _col(analysis, "trainer_days")], rows,
                 widths=[3, 1.3, 1.1, 1.1])


def evaluation_table(analysis: Analysis, with_dates: bool = True) -> Table:
    """Kirkpatrick's four levels: what, how and, per lot, when."""
    evaluation = analysis.training_plan.evaluation
    rows = []
    for _level, own in evaluation.groupby("level", sort=False):
        first = own.iloc[0]
        row = [first["label"], first["measure"], first["instrument"]]
        if with_dates:
            row.append(_when(analysis, own))
        rows.append(row)
    columns = [_col(analysis, "level"), _col(analysis, "measure"), _col(analysis, "instrument")]
    widths = [1.4, 2.8, 2.8]
    if with_dates:
        columns.append(_col(analysis, "when"))
        widths.append(2.8)
    return Table(columns, rows, widths=widths)


def _when(analysis: Analysis, own: pd.DataFrame) -> str:
    """Each lot's dates on a line ("Lot 1 — 10 to 24 January 2028"); a plan of one
    lot, its dates alone: the same lot's name on every row says nothing."""
    several = len(_lots(analysis)) > 1
    return "\n".join(f"{r['lot']} — {_period(analysis, r['start'], r['end'])}" if several
                     else _period(analysis, r["start"], r["end"]) for _, r in own.iterrows())


def follow_up_table(analysis: Analysis) -> Table:
    """After the sessions, when each Kirkpatrick level is measured and each support
    offer runs: a column per lot (one lot: a single "when" column). What and how
    are in the report; the slide is the client's calendar of them."""
    plan = analysis.training_plan
    lots = _lots(analysis)
    rows = []
    for frame, key in ((plan.evaluation, "level"), (plan.support, "offer")):
        for _, own in frame.groupby(key, sort=False):
            when = {r["lot"]: _period(analysis, r["start"], r["end"]) for _, r in own.iterrows()}
            rows.append([own.iloc[0]["label"], *(when.get(lot, "–") for lot in lots)])
    heads = [_col(analysis, "when")] if len(lots) == 1 else lots
    return Table([_col(analysis, "follow_up"), *heads], rows,
                 widths=[2.4, *(5.6 / len(heads) for _ in heads)])


def follow_up_title(analysis: Analysis) -> str:
    """"Training is measured until 31 January 2028; support is reinforced until
    27 December 2027": the last dates of the evaluation and of the support offers."""
    plan = analysis.training_plan
    return _t(analysis, "deck.follow_up", evaluation_end=c.date(analysis, max(plan.evaluation["end"])),
              support_end=c.date(analysis, max(plan.support["end"])))


def _follow_up_notes(analysis: Analysis) -> str:
    """How each level is measured (its target) and what each offer is."""
    plan = analysis.training_plan
    levels = [own.iloc[0] for _, own in plan.evaluation.groupby("level", sort=False)]
    offers = [own.iloc[0] for _, own in plan.support.groupby("offer", sort=False)]
    return b.lines([*(f"{r['label']} — {r['instrument']}" for r in levels),
                    *(f"{r['label']} — {r['description']}" for r in offers)])


def _period(analysis: Analysis, start: dt.date, end: dt.date) -> str:
    if start == end:
        return c.date(analysis, start)
    return c.text(analysis, "common.date_range", **c.date_span(analysis, start, end))


def support_table(analysis: Analysis) -> Table:
    support = analysis.training_plan.support
    rows = []
    for _offer, own in support.groupby("offer", sort=False):
        first = own.iloc[0]
        when = _when(analysis, own)
        rows.append([first["label"], first["description"], when])
    return Table([_col(analysis, "offer"), _col(analysis, "description"), _col(analysis, "when")],
                 rows, widths=[1.6, 3.4, 3.2])


# --------------------------------------------------------------------------- charts


def waves_chart(analysis: Analysis, lot: str | None = None) -> Chart | None:
    """One bar per population and wave (first to last session of its modules),
    lanes by lot (or by wave for one lot), and the go-live milestones."""
    calendar = analysis.training_plan.calendar
    every_lot = _lots(analysis)
    lots = [lot] if lot else every_lot
    tasks = []
    for name in lots:
        own = calendar[calendar["lot"] == name]
        for (wave, population), rows in own.groupby(["wave", "population"], sort=False):
            start, end = min(rows["start"]), max(rows["end"])
            end = max(end, start + MIN_BAR)
            # One lot: lanes are its waves. All lots: lanes are the lots, and the
            # preparatory rows ("Utilisateurs clés") already say who they train.
            lane = _t(analysis, f"waves.{wave}") if lot else name
            # a wave (a lot) has one colour on every slide and in every language
            slot = lane_slot(WAVES.index(wave) if lot else every_lot.index(name))
            tasks.append(Task(population, start, end, lane=lane, colour=slot))
    milestones = analysis.change_plan.milestones
    for name in lots:
        day = milestones.at[name, "go_live"].date()
        tasks.append(Task(_t(analysis, "charts.go_live", lot=name), day, day,
                          lane=_t(analysis, "charts.milestones"), milestone=True))
    return Chart(kind="gantt", tasks=tasks) if tasks else None


def module_chart(analysis: Analysis) -> Chart | None:
    modules = analysis.training_plan.modules
    if modules.empty:
        return None
    return Chart(kind="barh", categories=list(modules["label"]),
                 series=[Series(_col(analysis, "trainer_days"), [float(v) for v in modules["trainer_days"]]),
                         Series(_col(analysis, "learner_days"), [float(v) for v in modules["learner_days"]])],
                 value_format="0", x_title=_t(analysis, "charts.days"))


# --------------------------------------------------------------------------- document


def _key_user_span(analysis: Analysis, lot: str) -> tuple[dt.date, dt.date] | None:
    """The key users' own train-the-trainer dates, not the preparatory wave's, which
    also holds the administrators' course: one date wherever 'key users trained' is said."""
    span = next((own.key_users for own in facts(analysis).training.lots if own.lot == lot), None)
    return (span.start, span.end) if span else None


def _trainers_first_lines(analysis: Analysis) -> list[str]:
    lines = []
    for lot in wave_dates(analysis):
        first, prep = first_led_session(analysis, lot), _key_user_span(analysis, lot)
        if not prep or not first:
            continue
        key = "text.trainers_first_line" if prep[1] < first else "text.trainers_first_late"
        lines.append(_t(analysis, key, lot=lot, **c.date_span(analysis, prep[0], prep[1]),
                        first=c.date(analysis, first)))
    return lines


def trainers_first_table(analysis: Analysis) -> Table | None:
    """Lot, when its key users are trained, when its end users start: one row per lot
    whose order can be read (the deck's slide; a single lot reads as a record). Whether
    each lot keeps the order is said in a column only when one does not."""
    rows: list[list[Cell]] = []  # the last cell: whether the key users are trained first
    for lot in wave_dates(analysis):
        first, prep = first_led_session(analysis, lot), _key_user_span(analysis, lot)
        if prep and first:
            rows.append([lot, _period(analysis, prep[0], prep[1]),
                         c.date(analysis, first), prep[1] < first])
    if not rows:
        return None
    columns = [c.text(analysis, "common.columns.lot"), _col(analysis, "key_users_trained"),
               _col(analysis, "first_end_user_session")]
    if all(row[-1] for row in rows):
        return Table(columns, [row[:-1] for row in rows])
    return Table([*columns, _col(analysis, "key_users_before")],
                 [[*row[:-1], c.yes_no(analysis, bool(row[-1]))] for row in rows])


def _rates_text(analysis: Analysis) -> str:
    training = analysis.engagement.training
    if not _has_rates(analysis):
        return _t(analysis, "text.no_rates")
    def money(v: float | None) -> str:
        return c.rate(analysis, v) if v is not None else "–"

    return _t(analysis, "text.rates", trainer=money(training.trainer_day_rate),
              learner=money(training.learner_day_cost))


def _warnings(analysis: Analysis) -> list[str]:
    return [w.message for w in c.for_client(analysis.training_plan.warnings)]


def build_document(analysis: Analysis) -> Document:
    def s(key: str) -> str:
        return _t(analysis, f"sections.{key}")

    day_hours = analysis.method.training.day_hours
    told = findings(analysis)
    blocks: list[Block] = c.key_messages_blocks(analysis, [f.message for f in told if f.message])
    lead = c.conclusions(told)

    blocks += [Heading(s("needs")), *lead.get("needs", []), Paragraph(_t(analysis, "text.needs_intro")),
               needs_table(analysis),
               Heading(s("needs_detail"), 2), needs_detail_table(analysis)]
    blocks += [Heading(s("modules")), Paragraph(_t(analysis, "text.modules_intro")),
               modules_table(analysis)]
    blocks += [Heading(s("volumes")), *lead.get("volumes", []),
               Paragraph(_t(analysis, "text.volumes_intro",
                            hours=c.number(analysis, day_hours, 0 if day_hours % 1 == 0 else 1))),
               Paragraph(_rates_text(analysis)), lot_table(analysis), module_volume_table(analysis),
               population_volume_table(analysis), *shared_sessions_note(analysis)]
    blocks += [Heading(s("trainers_first")), *lead.get("trainers_first", []), Paragraph(_t(analysis, _lots_key(analysis, "text.trainers_first_intro"))),
               c.bullets(_trainers_first_lines(analysis))]
    blocks += [Heading(s("calendar")), *lead.get("calendar", []), Paragraph(_t(analysis, "text.calendar_intro")),
               c.figure_or_note(analysis, waves_chart(analysis), _t(analysis, "charts.gantt")),
               *wave_tables(analysis)]
    blocks += [Heading(s("blackouts"), 2), *lead.get("blackouts", [])]
    blackouts = blackout_table(analysis)
    blocks += ([Paragraph(_t(analysis, "text.blackouts_intro")), blackouts] if blackouts
               else [Paragraph(_t(analysis, "text.no_blackouts"))])
    blocks += [Heading(s("onboarding")), Paragraph(_t(analysis, "text.onboarding_intro"))]
    onboarding = onboarding_table(analysis)
    blocks.append(onboarding if onboarding else Paragraph(_t(analysis, "text.no_onboarding")))
    blocks += [Heading(s("evaluation")), Paragraph(_t(analysis, _lots_key(analysis, "text.evaluation_intro"))),
               evaluation_table(analysis)]
    blocks += [Heading(s("support")), Paragraph(_t(analysis, _lots_key(analysis, "text.support_intro"))),
               support_table(analysis)]
    warnings = _warnings(analysis)
    if warnings:
        blocks += [Heading(s("warnings")), c.bullets(warnings)]
    blocks += c.next_steps_blocks(analysis, next_steps(analysis))
    if len(analysis.training_plan.sessions):
        blocks += [Heading(s("sessions")), Paragraph(_t(analysis, "text.sessions_intro")),
                   *session_tables(analysis)]
    return c.document(analysis, NAME, blocks)


# --------------------------------------------------------------------------- deck


@per_build
@per_build
def findings(analysis: Analysis) -> list[c.Finding]:
    """The plan told in five findings: the volume (whom to train, with what),
    its cost, trainers first, a wave before each lot, a calendar that spares
    the teams."""
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    plan = analysis.training_plan
    said = messages(analysis)
    total = _grand_total(analysis)
    trained = sum(1 for p in analysis.engagement.populations if (plan.needs["population"] == p.name).any())
    result = [c.Finding(said["volume"], [
        TableSlide(c.counted(analysis, f"{NAME}.deck.needs", trained, modules=len(plan.modules),
                             learners=c.number(analysis, total["seats_needed"])),
                   _modules_slide_table(analysis),
                   notes=b.lines([_t(analysis, "text.needs_intro"), _t(analysis, "text.modules_intro"),
                                  *(_t(analysis, "deck.module_format", module=m["label"], format=m["format"],
                                       duration=_duration(analysis, m))
                                    for _, m in plan.modules.iterrows()),
                                  # one population has no appendix of needs: why its modules, here
                                  *(_need_notes(analysis) if len(analysis.engagement.populations) == 1
                                    else []),
                                  c.reason_notes(analysis, plan.needs["reason"])
                                  if len(analysis.engagement.populations) == 1 else ""])),
    ], key="needs")]

    volume_slides: list[Slide]
    if len(_lots(analysis)) == 1:
        # One lot: its row would repeat the summary, and a chart of the modules the
        # table: the modules' days and their total, the cost in the title.
        volume_slides = [TableSlide(_one_lot_volume_title(analysis), module_volume_table(analysis),
                                    notes=b.lines([_rates_text(analysis),
                                                   _t(analysis, "text.volumes_intro",
                                                      hours=c.number(analysis, analysis.method.training.day_hours))]))]
    else:
        volume_slides = [TableSlide(
            _t(analysis, "deck.volumes", trainer_days=_days(analysis, total["trainer_days"]),
               learner_days=_days(analysis, total["learner_days"])),
            lot_table(analysis), notes=_rates_text(analysis))]
        by_module = module_chart(analysis)
        if by_module is not None:
            top = plan.modules.sort_values("learner_days", ascending=False).iloc[0]
            volume_slides.append(ChartSlide(
                d("by_module", module=top["label"], days=_days(analysis, float(top["learner_days"]))),
                by_module, notes=_t(analysis, "text.volumes_intro",
                                    hours=c.number(analysis, analysis.method.training.day_hours))))
    result.append(c.Finding(said.get("cost", ""), volume_slides, key="volumes"))

    order = facts(analysis).training
    first, both = order.key_users_first, order.with_key_users
    trainers_title = (_t(analysis, _lots_key(analysis, "deck.trainers_first")) if both and len(first) == len(both)
                      else c.counted(analysis, f"{NAME}.deck.trainers_first_some", len(first),
                                     total=len(both)))
    order_table = trainers_first_table(analysis)
    result.append(c.Finding(said.get("trainers_first", ""), [TableSlide(
        trainers_title, order_table, notes=b.lines([_t(analysis, _lots_key(analysis, "text.trainers_first_intro")),
                                                    *_trainers_first_lines(analysis)]))]
        if order_table else [], key="trainers_first"))

    waves = wave_dates(analysis)
    wave_slides: list[Slide] = []
    for lot in _lots(analysis):
        if (plan.calendar["lot"] == lot).any():
            chart = waves_chart(analysis, lot)
            assert chart is not None  # a lot's chart always holds its go-live
            wave_slides.append(ChartSlide(
                wave_title(analysis, lot, waves[lot][END_USERS] or waves[lot][PREPARATORY]),
                # how the waves are placed: told on the first wave
                chart, notes="" if wave_slides else _t(analysis, "text.calendar_intro")))
    result.append(c.Finding(said.get("waves", ""), wave_slides, key="calendar"))

    blackouts = blackout_table(analysis)
    training = analysis.engagement.training
    calendar_message = c.joined(said.get("coverage", ""), said.get("blackouts", ""))
    result.append(c.Finding(calendar_message, [TableSlide(
        c.counted(analysis, f"{NAME}.deck.blackouts", len(training.blackouts),
                  share=c.percent(analysis, training.max_share_away)),
        blackouts, notes=_t(analysis, "text.blackouts_intro"))] if blackouts else [], key="blackouts"))
    return result


def _one_lot_volume_title(analysis: Analysis) -> str:
    """"14 trainer-days (€8,400 of spending) and 28 learner-days (€11,000 of internal
    time)": the days the module table adds up to, each with its cost when both rates
    are known and every learner is the client's own (other employers' staff are
    counted in the days, not in the cost)."""
    budget = facts(analysis).budget
    trainers, learners = budget.line("trainers"), budget.line("learners")
    days = {"trainer_days": c.shown_days(analysis, trainers.shown_days),
            "learner_days": c.shown_days(analysis, budget.learner_days_shown)}
    if (trainers.rate is None or learners.rate is None or budget.cash_shown is None
            or budget.learner_days_shown != learners.shown_days):
        return _t(analysis, "deck.volumes_one_lot", **days)
    return _t(analysis, "deck.volumes_one_lot_cost", **days,
              trainers=c.shown_money(analysis, trainers.shown or 0.0),
              learners=c.money(analysis, learners.amount or 0.0))


def _modules_slide_table(analysis: Analysis) -> Table:
    """Module, duration, learners: the format of each is in the notes and the report."""
    return c.select(modules_table(analysis, with_objectives=False), [0, 2, 3])


def wave_title(analysis: Analysis, lot: str, wave: tuple[dt.date, dt.date] | None) -> str:
    """"Lot 1: the wave ends on 1 October 2027, 3 days before go-live" — or says it
    ends after go-live, or that sessions start before acceptance testing ends (from
    the schedule), which the steering committee must then decide on."""
    go_live = next((x.go_live for x in analysis.engagement.lots if x.name == lot), None)
    if wave is None or go_live is None:
        return _t(analysis, "deck.wave_plain", lot=lot)
    trained = facts(analysis).training.lot(lot)
    if trained.unplaced:  # "everyone trained" would hide the sessions awaiting a decision
        return c.counted(analysis, f"{NAME}.deck.wave_unplaced", trained.unplaced, lot=lot)
    early = trained.before_acceptance_end
    if early:  # "everyone trained before go-live" would hide that the rule gave way
        return c.counted(analysis, f"{NAME}.deck.wave_before_acceptance", early, lot=lot)
    margin = (go_live - wave[1]).days
    key = "deck.wave" if margin >= 0 else "deck.wave_late"
    return c.counted(analysis, f"{NAME}.{key}", abs(margin), lot=lot, end=c.date(analysis, wave[1]))


NAMED_SUBJECTS = 3  # a point to watch names this many subjects, then counts the others


def _decided(analysis: Analysis) -> frozenset[str]:
    """The points to watch the steering committee is asked to decide: the deck
    says them on the decisions slide, not a second time among the points to watch."""
    return frozenset(d.reason for d in decided.of(analysis))


def warning_kinds(analysis: Analysis, leave_out: frozenset[str] = frozenset()) -> list[BulletItem]:
    """One bullet per kind of point to watch; beneath it, what exactly is at stake
    (its sentences) while the slide's words allow, and what else it concerns, the
    first few named and the others counted ("Smaller groups to limit absences —
    Marketing team, Executive committee"). Every sentence is in the notes."""
    grouped: dict[str, list[MethodWarning]] = {}
    own_kind: list[BulletItem] = []
    for warning in c.for_client(analysis.training_plan.warnings):
        if warning.message in leave_out:
            continue
        if not analysis.method.labels.has(f"{NAME}.deck.warning_kinds.{warning.code}"):
            own_kind.append(BulletItem(warning.message))  # a kind a firm added: said in full
            continue
        grouped.setdefault(warning.code, []).append(warning)

    def kind(code: str, detailed: int) -> list[BulletItem]:
        own = grouped[code]
        head = f"**{_t(analysis, f'deck.warning_kinds.{code}')}**"
        names = list(dict.fromkeys(w.subject for w in own[detailed:] if w.subject))
        shown = names if len(names) <= NAMED_SUBJECTS + 1 else names[:NAMED_SUBJECTS]
        listed = ", ".join(shown)
        if len(names) > len(shown):
            listed += " " + c.counted(analysis, "common.and_more", len(names) - len(shown))
        detail = [BulletItem(w.message, level=1) for w in own[:detailed]]
        if not names:
            return [BulletItem(head), *detail]
        if not detail:
            return [BulletItem(f"{head} — {listed}")]
        return [BulletItem(head), *detail, BulletItem(_t(analysis, "deck.also", names=listed), level=1)]

    detailed = dict.fromkeys(grouped, 0)
    def cost() -> int:
        return b.words(*own_kind, *(i for code in grouped for i in kind(code, detailed[code])))

    for code, own in grouped.items():  # the sentences that fit, kind by kind
        while detailed[code] < len(own):
            detailed[code] += 1
            if cost() > b.BUDGET:
                detailed[code] -= 1
                break
    return [item for code in grouped for item in kind(code, detailed[code])] + own_kind


def _one_lot_story(analysis: Analysis, told: list[c.Finding]) -> list[c.Finding]:
    """A plan of one lot: the order slide would be a two-line record the wave's
    chart already shows (key users' bar before the end users'); the chart then
    develops the key-users-first message, its notes giving the dates."""
    if len(_lots(analysis)) != 1:
        return told
    order = next((f for f in told if f.key == "trainers_first"), None)
    calendar = next((f for f in told if f.key == "calendar"), None)
    if order is None or calendar is None or not order.slides or not calendar.slides:
        return told
    chart, *rest = calendar.slides
    notes = b.lines([chart.notes, *_trainers_first_lines(analysis)])
    merged = c.Finding(order.message or calendar.message, [replace(chart, notes=notes), *rest],
                       key=calendar.key)
    return [merged if f is calendar else f for f in told if f is not order]


def build_deck(analysis: Analysis) -> Deck:
    def d(key: str, **v: Any) -> str:
        return _t(analysis, f"deck.{key}", **v)

    said = messages(analysis)
    plan = analysis.training_plan
    closing: list[Slide] = []
    onboarding = onboarding_table(analysis)
    if onboarding:
        hires = int(plan.onboarding["new_hires_per_year"].sum())
        closing.append(TableSlide(
            c.counted(analysis, f"{NAME}.deck.onboarding", hires), onboarding,
            notes="\n".join([said.get("onboarding", ""), _t(analysis, "text.onboarding_intro")]).strip()))
    # the summary's last message, the decisions, developed on their slide; the points
    # to watch that are decisions are said there only
    closing += decided.slide(analysis)
    warnings = [w for w in _warnings(analysis) if w not in _decided(analysis)]
    if warnings:  # each kind once, with what it concerns; every full sentence in the notes
        shown = warning_kinds(analysis, _decided(analysis))  # the title counts what the slide shows: the kinds
        kinds = sum(1 for bullet in shown if bullet.level == 0)
        closing.append(BulletSlide(c.counted(analysis, f"{NAME}.deck.warnings", kinds),
                                   list(shown), notes="\n".join(warnings), counted=kinds))
    appendix = []
    if len(analysis.engagement.populations) > 1:  # one population: its modules are the modules slide
        # Which modules each population takes; why (role, tool impact, IT comfort) is in the notes.
        appendix += b.table_slides(analysis, d("needs_detail"), c.select(needs_table(analysis), [0, 4]),
                                   notes=b.lines([_t(analysis, "text.needs_intro"), *_need_notes(analysis),
                                                  c.reason_notes(analysis, plan.needs["reason"])]))
    # When each level is measured and each offer runs; how and what, in the notes and the report.
    appendix.append(TableSlide(follow_up_title(analysis), follow_up_table(analysis),
                               notes=_follow_up_notes(analysis)))
    return c.story_deck(analysis, NAME, _one_lot_story(analysis, findings(analysis)), closing=closing,
                        appendix=appendix,
                        steps=next_steps(analysis))
