"""Step 5, run and steer: what the fortnightly COPIL reads after go-live.

The KPIs and their thresholds come from `steering.kpi_table` (the framing's
steering plan); this module reads what was measured since: each KPI's latest
value, its trend since the previous COPIL, its red/amber/green and where it is
heading by its last review date; adoption per population and territory; the
Change plan's progress; training attendance; pulse surveys; the success
criteria re-assessed; the populations falling behind with the reinforcement
levers the method offers them; and the decisions the COPIL must take.

Seeds 000 and 002 (a COPIL every two weeks; adoption per population, usage,
data quality, satisfaction, training, support against targets), seed 004
(keep involving after go-live; ADKAR's Reinforcement). The rules' figures live
in `copil.yaml` and `kpis.yaml`, so a firm can adapt them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..model import CriterionStatus, Engagement
from ..text import format_date, format_number, semicolon, with_percent
from .calendar import WorkingCalendar
from .progress import AHEAD, CANCELLED, DONE, LATE, PLANNED
from .steering import RAG_BY_STATUS, next_committee, rag

RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "": 3}


@dataclass(frozen=True)
class Decision:
    """Something the COPIL must decide, with the facts that call for it."""

    kind: str  # "kpi" | "late_actions" | "reinforce" | "training" | "resistance" | "report"
    subject: str
    text: str
    reason: str


@dataclass(frozen=True)
class Copil:
    """The steering committee of one date (`as_of`), compared with the previous one."""

    as_of: dt.date
    previous: dt.date  # where trends start: the previous committee on record, else as_of - cadence
    kpis: pd.DataFrame  # one row per KPI of the plan, measured or not
    adoption: pd.DataFrame  # one row per population with an adoption reading
    territories: pd.DataFrame  # one row per territory with a measured population
    actions: pd.DataFrame  # the Change plan's actions with their status as of the COPIL
    progress: dict[str, int]  # total / done / cancelled / late / due / planned
    training: pd.DataFrame  # latest attendance per module and population
    coverage: float | None  # attended ÷ planned, % (None: no attendance recorded)
    pulses: pd.DataFrame  # latest pulse per population
    criteria: pd.DataFrame  # success criteria, framing status and status now
    behind: pd.DataFrame  # populations falling behind, their reasons and levers
    decisions: tuple[Decision, ...]
    changes: tuple[str, ...]  # what changed since the previous COPIL
    warnings: tuple[str, ...] = field(default_factory=tuple)
    following: dt.date | None = None  # the next COPIL: a cadence later, on a working day

    @property
    def measured(self) -> bool:
        return bool(self.kpis["measured"].any()) if len(self.kpis) else False


def default_as_of(engagement: Engagement, today: dt.date | None = None) -> dt.date:
    """The date the COPIL is prepared for when none is given: the latest
    measurement on record (the pack then describes what was measured), else
    the engagement's as-of date, else today."""
    dates = [r.date for r in engagement.kpi_readings] + [a.date for a in engagement.attendance]
    dates += [p.date for p in engagement.pulse_results]
    return max(dates) if dates else (engagement.engagement.as_of or today or dt.date.today())


def copil(analysis: Any, as_of: dt.date | None = None, previous: Any = None,
          since: dt.date | None = None) -> Copil:
    """The measurements, progress and decisions of `as_of` for one analysed
    engagement, whose plan is read as the analysis dates it (`committee.steer`
    analyses the engagement at the committee's date first).

    `previous`: the `Analysis` of the engagement as it stood at the previous
    COPIL (an earlier file), to report what changed in the engagement itself.
    `since`: the date of the previous committee on record; trends are read
    since then (default: over the committees' cadence).
    """
    engagement, method, lang = analysis.engagement, analysis.method, analysis.lang
    as_of = as_of or default_as_of(engagement)
    # the engagement's own cadence: the committee the client holds, not the method's default
    before = since or as_of - dt.timedelta(weeks=engagement.governance.copil_every_weeks)
    words = _Words(method, lang)
    warnings: list[str] = []

    kpis = kpi_status(analysis, as_of, before)
    adoption = adoption_by_population(analysis, as_of, before)
    territories = adoption_by_territory(analysis, adoption)
    actions = action_status(analysis, as_of, before)
    progress = progress_counts(actions)
    training, coverage = training_coverage(engagement, as_of)
    pulses = pulse_status(engagement, method, as_of)
    criteria = reassess_criteria(analysis, kpis, coverage, words)
    behind = falling_behind(analysis, adoption, pulses, words, before)
    changes = list(measurement_changes(analysis, kpis, actions, before, as_of, words))
    if previous is not None:
        changes += engagement_changes(previous, analysis, words)
    decisions = decide(analysis, kpis, actions, coverage, training, behind, previous, words)
    return Copil(
        as_of=as_of, previous=before, kpis=kpis, adoption=adoption, territories=territories,
        actions=actions, progress=progress, training=training, coverage=coverage, pulses=pulses,
        criteria=criteria, behind=behind, decisions=tuple(decisions), changes=tuple(changes),
        warnings=tuple(warnings),
        following=next_committee(engagement, WorkingCalendar(engagement, as_of), as_of),
    )


class _Words:
    """The analysis' sentences, from `labels.steering.yaml` (`steering.analysis.*`)."""

    def __init__(self, method: Any, lang: str):
        self.method, self.lang = method, lang

    def __call__(self, key: str, **values: Any) -> str:
        return str(self.method.text(f"steering.analysis.{key}", self.lang, **values))

    def count(self, key: str, count: int, **values: Any) -> str:
        """`key_one` for a count of one, `key` otherwise (plural of 1 in both languages)."""
        return self(f"{key}_one" if count == 1 else key, count=count, **values)

    def value(self, value: float | None, unit: str) -> str:
        if value is None or value != value:
            return "–"
        decimals = 0 if float(value).is_integer() else 1 if round(value, 1) == value else 2
        figure = format_number(value, self.lang, decimals)
        unit = unit.strip()
        if unit == "%":
            return with_percent(figure, self.lang)
        if not unit or unit.casefold() == "nb":
            return figure
        return f"{figure}{unit}" if unit.startswith("/") else f"{figure}\u00a0{unit}"

    def date(self, value: dt.date) -> str:
        return format_date(value, self.lang)

    def rag(self, code: str) -> str:
        return str(self.method.text(f"steering.rag.{code}", self.lang))


# --------------------------------------------------------------------------- readings


def resolve_kpi(kpis: pd.DataFrame, kpi: str, population: str) -> int | None:
    """The row of the plan's KPI table a reading belongs to: by name; else, for a
    family code, the family's KPI of that population, or of everyone."""
    # Plain values rather than a mask per question: a pack asks this tens of times.
    rows = list(zip(kpis.index, kpis["name"].tolist(), kpis["kind"].tolist(),
                    kpis["population"].tolist(), strict=True))
    for index, name, _, _ in rows:
        if name == kpi:
            return int(index)
    for wanted in (population, ""):
        for index, _, kind, own in rows:
            if kind == kpi and own == wanted:
                return int(index)
    return None


def readings_frame(analysis: Any) -> pd.DataFrame:
    """Every KPI reading with the plan row it belongs to (`row`, or -1)."""
    kpis = analysis.steering.kpis
    resolved: dict[tuple[str, str], int | None] = {}  # a KPI is read on many dates

    def row_of(kpi: str, population: str) -> int | None:
        if (kpi, population) not in resolved:
            resolved[kpi, population] = resolve_kpi(kpis, kpi, population)
        return resolved[kpi, population]

    rows = [
        {"row": row_of(r.kpi, r.population), "kpi": r.kpi, "population": r.population,
         "territory": r.territory, "date": r.date, "value": float(r.value)}
        for r in analysis.engagement.kpi_readings
    ]
    frame = pd.DataFrame(rows, columns=["row", "kpi", "population", "territory", "date", "value"])
    frame["row"] = frame["row"].fillna(-1).astype(int)
    return frame.sort_values("date", kind="stable")


def _series_status(series: pd.DataFrame, as_of: dt.date, before: dt.date, baseline: float | None,
                   target: float, higher: bool, amber_share: float) -> dict[str, Any]:
    """Latest value, value at the previous COPIL, their RAG, and the history."""
    upto = series[series["date"] <= as_of]
    if upto.empty:
        return {"measured": False, "latest": None, "latest_date": None, "previous_value": None,
                "trend": None, "rag": "", "previous_rag": "", "history": []}
    latest = upto.iloc[-1]
    earlier = upto[upto["date"] <= before]
    prev = float(earlier.iloc[-1]["value"]) if len(earlier) else None
    value = float(latest["value"])
    return {
        "measured": True,
        "latest": value,
        "latest_date": latest["date"],
        "previous_value": prev,
        "trend": None if prev is None else value - prev,
        "rag": rag(value, baseline, target, higher, amber_share),
        "previous_rag": "" if prev is None else rag(prev, baseline, target, higher, amber_share),
        "history": list(zip(upto["date"], upto["value"].astype(float), strict=True)),
    }


def is_falling(trend: float | None, unit: str, target: float, higher: bool, points: float) -> bool:
    """Moved away from the target since the previous COPIL by at least `points`
    (percentage points for a % KPI, % of the target otherwise)."""
    if trend is None:
        return False
    wrong_way = -trend if higher else trend
    threshold = points if unit.strip() == "%" else abs(target) * points / 100
    return wrong_way >= threshold


FORECAST_SPREAD = 2.0  # standard errors each side of the trend: the range holds about 95 % of outcomes


def forecast(history: list[tuple[dt.date, float]], when: dt.date, min_readings: int = 3,
             bounds: tuple[float, float] = (0.0, math.inf)) -> tuple[float, float, float] | None:
    """(low, likely, high) where the readings' trend will be on `when`: a straight
    line through them, widened by how far the readings stray from it and how far
    `when` lies beyond them (the prediction interval), each end kept within
    `bounds` (what the measure can be: a share between 0 and 100). None with
    fewer than `min_readings` readings on different dates: two points make a
    line, not a trend."""
    if len({d for d, _ in history}) < max(3, min_readings):
        return None
    x = np.array([d.toordinal() for d, _ in history], dtype=float)
    y = np.array([v for _, v in history], dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    at = float(when.toordinal())
    likely = float(slope * at + intercept)
    residuals = y - (slope * x + intercept)
    spread = math.sqrt(float(residuals @ residuals) / (len(x) - 2))
    centred = float(((x - x.mean()) ** 2).sum())
    error = spread * math.sqrt(1 + 1 / len(x) + (at - x.mean()) ** 2 / centred)
    def clip(value: float) -> float:
        return min(bounds[1], max(bounds[0], value))

    return clip(likely - FORECAST_SPREAD * error), clip(likely), clip(likely + FORECAST_SPREAD * error)


def kpi_status(analysis: Any, as_of: dt.date, before: dt.date) -> pd.DataFrame:
    """One row per KPI of the plan: its own readings (same population, no territory)."""
    kpis = analysis.steering.kpis
    readings = readings_frame(analysis)
    amber_share = analysis.method.kpis.rag.amber_share
    points = analysis.method.copil.falling_points
    rows = []
    for index, kpi in kpis.iterrows():
        series = readings[(readings["row"] == index) & (readings["population"] == kpi["population"])
                          & (readings["territory"] == "")]
        baseline = None if pd.isna(kpi["baseline"]) else float(kpi["baseline"])
        higher = bool(kpi["higher_is_better"])
        status = _series_status(series, as_of, before, baseline, float(kpi["target"]), higher,
                                amber_share)
        target_date = kpi["reviews"][-1] if len(kpi["reviews"]) else kpi["first_review"]
        # measures here are counts, scores and shares: never below 0, a share never past 100 %
        bounds = (0.0, 100.0 if kpi["unit"].strip() == "%" else math.inf)
        # a target date already passed is measured, not projected
        projected = (forecast(status["history"], target_date, analysis.method.copil.forecast_min_readings,
                              bounds) if target_date > as_of else None)
        rows.append({
            "name": kpi["name"], "kind": kpi["kind"], "family": kpi["family"],
            "population": kpi["population"], "unit": kpi["unit"], "baseline": baseline,
            "target": float(kpi["target"]), "higher_is_better": higher,
            "green_from": float(kpi["green_from"]), "amber_from": float(kpi["amber_from"]),
            **{k: v for k, v in status.items() if k != "history"},
            "falling": is_falling(status["trend"], kpi["unit"], float(kpi["target"]), higher, points),
            "target_date": target_date,
            "forecast": None if projected is None else projected[1],
            "forecast_low": None if projected is None else projected[0],
            "forecast_high": None if projected is None else projected[2],
            "forecast_rag": "" if projected is None else rag(
                projected[1], baseline, float(kpi["target"]), higher, amber_share),
            "readings": len(status["history"]),
        })
    return pd.DataFrame(rows)


def _adoption_row(kpis: pd.DataFrame, population: str) -> int | None:
    return resolve_kpi(kpis, "adoption", population)


def adoption_by_population(analysis: Any, as_of: dt.date, before: dt.date) -> pd.DataFrame:
    """Latest adoption of every population with a reading, against its KPI's
    target (its own adoption KPI, else everyone's)."""
    engagement, kpis = analysis.engagement, analysis.steering.kpis
    readings = readings_frame(analysis)
    adoption_rows = set(kpis.index[kpis["kind"] == "adoption"])
    amber_share = analysis.method.kpis.rag.amber_share
    points = analysis.method.copil.falling_points
    rows = []
    for population in engagement.populations:
        series = readings[readings["row"].isin(adoption_rows)
                          & (readings["population"] == population.name)]
        row = _adoption_row(kpis, population.name)
        if series.empty or row is None:
            continue
        kpi = kpis.loc[row]
        baseline = None if pd.isna(kpi["baseline"]) else float(kpi["baseline"])
        status = _series_status(series, as_of, before, baseline, float(kpi["target"]), True,
                                amber_share)
        if not status["measured"]:
            continue
        rows.append({
            "population": population.name, "territory": population.territory,
            "headcount": population.headcount, "target": float(kpi["target"]),
            "baseline": baseline, "amber_from": float(kpi["amber_from"]),
            **{k: v for k, v in status.items() if k not in ("history", "measured")},
            "falling": is_falling(status["trend"], "%", float(kpi["target"]), True, points),
        })
    columns = ["population", "territory", "headcount", "target", "baseline", "amber_from",
               "latest", "latest_date", "previous_value", "trend", "rag", "previous_rag", "falling"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["latest", "population"], kind="stable").reset_index(drop=True)


def adoption_by_territory(analysis: Any, adoption: pd.DataFrame) -> pd.DataFrame:
    """Headcount-weighted adoption of each territory's measured populations."""
    kpis = analysis.steering.kpis
    amber_share = analysis.method.kpis.rag.amber_share
    overall = _adoption_row(kpis, "")
    target = float(kpis.loc[overall, "target"]) if overall is not None else None
    baseline = None
    if overall is not None and not pd.isna(kpis.loc[overall, "baseline"]):
        baseline = float(kpis.loc[overall, "baseline"])
    rows = []
    for territory, group in adoption.groupby("territory", sort=False):
        people = int(group["headcount"].sum())
        latest = float((group["latest"] * group["headcount"]).sum() / people)
        goal = target if target is not None else float(group["target"].max())
        rows.append({"territory": territory, "populations": len(group), "headcount": people,
                     "latest": latest, "target": goal,
                     "rag": rag(latest, baseline, goal, True, amber_share)})
    frame = pd.DataFrame(rows, columns=["territory", "populations", "headcount", "latest", "target", "rag"])
    return frame.sort_values("latest", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- plan progress


def action_status(analysis: Any, as_of: dt.date, before: dt.date) -> pd.DataFrame:
    """The Change plan's actions with their status at the COPIL (the plan's own,
    from the engagement's `action_status` records at that as-of date): late
    (planned before it, neither done nor cancelled; `new_date` is its re-planned
    date), due (planned within the window after it), done, cancelled. `fell_late`:
    planned since the previous COPIL."""
    window = as_of + dt.timedelta(weeks=analysis.method.copil.due_window_weeks)
    actions = analysis.change_plan.actions[
        ["id", "action", "lever", "population", "lot", "planned", "date", "status", "owner_label"]].copy()
    # `date` is when it was planned; `new_date` where the plan now has it (a late
    # action re-planned within its owner's capacity).
    actions["new_date"] = [d.date() if hasattr(d, "date") else d for d in actions["date"]]
    actions["date"] = [d.date() if hasattr(d, "date") else d for d in actions["planned"]]
    actions = actions.drop(columns="planned")
    actions["late"] = actions["status"] == LATE
    actions["due"] = (actions["status"] == PLANNED) & pd.Series(
        [as_of <= d <= window for d in actions["date"]], index=actions.index)
    actions["fell_late"] = actions["late"] & pd.Series([d >= before for d in actions["date"]],
                                                       index=actions.index)
    return actions.reset_index(drop=True)


def progress_counts(actions: pd.DataFrame) -> dict[str, int]:
    status = actions["status"]
    return {
        "total": len(actions),
        "done": int(status.isin([DONE, AHEAD]).sum()),
        "cancelled": int((status == CANCELLED).sum()),
        "late": int(actions["late"].sum()),
        "due": int(actions["due"].sum()),
        "planned": int((status == PLANNED).sum()),
    }


# --------------------------------------------------------------------------- training, pulse


def training_coverage(engagement: Engagement, as_of: dt.date) -> tuple[pd.DataFrame, float | None]:
    """The latest attendance count per module and population (counts are
    cumulative), and attended ÷ planned over all of them, in %."""
    latest: dict[tuple[str, str], Any] = {}
    for record in sorted(engagement.attendance, key=lambda a: a.date):
        if record.date <= as_of:
            latest[(record.module, record.population)] = record
    rows = [{"module": r.module, "population": r.population, "planned": r.planned,
             "attended": r.attended, "date": r.date,
             "coverage": 100.0 * r.attended / r.planned if r.planned else None}
            for r in latest.values()]
    frame = pd.DataFrame(rows, columns=["module", "population", "planned", "attended", "date", "coverage"])
    planned = int(frame["planned"].sum()) if len(frame) else 0
    return frame, (100.0 * int(frame["attended"].sum()) / planned if planned else None)


def pulse_status(engagement: Engagement, method: Any, as_of: dt.date) -> pd.DataFrame:
    """The latest pulse of each population; scores of groups under the minimum
    size are withheld (anonymity), whatever the file holds."""
    rules = method.copil.pulse
    latest: dict[str, Any] = {}
    for record in sorted(engagement.pulse_results, key=lambda p: p.date):
        if record.date <= as_of:
            latest[record.population] = record
    rows = []
    for record in latest.values():
        withheld = record.respondents < rules.min_group or all(
            getattr(record, p) is None for p in ("understand", "want", "able"))
        scores = {p: None if withheld else getattr(record, p) for p in ("understand", "want", "able")}
        low = [p for p, v in scores.items() if v is not None and v < rules.low_score]
        rows.append({"population": record.population, "date": record.date,
                     "respondents": record.respondents, **scores, "withheld": withheld,
                     "low": low, "comments": "" if withheld else record.comments})
    return pd.DataFrame(rows, columns=["population", "date", "respondents", "understand", "want",
                                       "able", "withheld", "low", "comments"])


# --------------------------------------------------------------------------- criteria


_FROM_RAG = {"green": CriterionStatus.MET, "amber": CriterionStatus.PARTLY, "red": CriterionStatus.NOT_MET}


def reassess_criteria(analysis: Any, kpis: pd.DataFrame, coverage: float | None, words: _Words
                      ) -> pd.DataFrame:
    """The six criteria of seed 001 as the framing assessed them and as the
    measurements now show them: user satisfaction from the satisfaction KPIs,
    training and mentoring from attendance. The others keep the framing's view."""
    method, lang = analysis.method, analysis.lang
    framing = analysis.steering.criteria
    satisfaction = kpis[(kpis["kind"] == "satisfaction") & kpis["measured"]]
    amber_share = method.kpis.rag.amber_share
    target = method.copil.training_coverage_target
    rows = []
    for code, row in framing.iterrows():
        now, reason = row["status"], words("criterion_kept")
        if code == "user_satisfaction" and len(satisfaction):
            worst = min(satisfaction.itertuples(), key=lambda r: RAG_ORDER[r.rag])
            now = _FROM_RAG[worst.rag].value
            reason = words("criterion_satisfaction", kpi=worst.name,
                           value=words.value(worst.latest, worst.unit),
                           target=words.value(worst.target, worst.unit))
        elif code == "training_mentoring" and coverage is not None:
            now = _FROM_RAG[rag(coverage, None, target, True, amber_share)].value
            reason = words("criterion_training", coverage=words.value(round(coverage), "%"),
                           target=words.value(target, "%"))
        label = (method.term("criterion_status", now, lang) if now != "not_assessed"
                 else row["status_label"])
        rows.append({"criterion": code, "label": row["label"], "framing": row["status_label"],
                     "framing_status": row["status"], "status": now, "status_label": label,
                     "rag": RAG_BY_STATUS.get(CriterionStatus(now), "amber") if now != "not_assessed" else "amber",
                     "reason": reason})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- behind


_PILLAR_OF_SCORE = {"understand": "understand", "want": "want", "able": "be_able"}


def falling_behind(analysis: Any, adoption: pd.DataFrame, pulses: pd.DataFrame, words: _Words,
                   since: dt.date) -> pd.DataFrame:
    """Populations whose adoption is red or falling, or whose pulse scores a lever
    below the threshold, with the reinforcement levers the catalogue offers."""
    method, lang = analysis.method, analysis.lang
    rules = method.copil
    levers = {lever.id: lever for lever in method.levers.levers}
    pillar_label = {code: info.label.in_(lang) for code, info in method.levers.pillars.items()}
    by_population: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return by_population.setdefault(name, {"population": name, "reasons": [], "keys": [],
                                               "rag": "", "latest": None})

    for row in adoption.itertuples():
        if row.rag == "red" or row.falling:
            item = entry(row.population)
            item["rag"], item["latest"] = row.rag, row.latest
            key = "behind_adoption_falling" if row.falling and row.rag == "green" else "behind_adoption"
            item["reasons"].append(words(key, value=words.value(row.latest, "%"),
                                         target=words.value(row.target, "%"), rag=words.rag(row.rag),
                                         trend=words.value(abs(row.trend or 0), "pts"),
                                         date=words.date(since)))
            item["keys"].append("adoption")
    for row in pulses.itertuples():
        for score in row.low:
            item = entry(row.population)
            pillar = _PILLAR_OF_SCORE[score]
            item["reasons"].append(words("behind_pulse", pillar=pillar_label[pillar],
                                         score=words.value(round(getattr(row, score), 1), f"/{rules.pulse.scale}"),
                                         respondents=row.respondents))
            item["keys"].append(pillar)
    rows = []
    for item in by_population.values():
        pillars = [k for k in item["keys"] if k != "adoption"]
        keys = pillars or ["adoption"]
        chosen = list(dict.fromkeys(lever for key in keys for lever in rules.reinforcement[key][:2]))
        population = analysis.engagement.population(item["population"])
        rows.append({
            "population": item["population"], "territory": population.territory,
            "headcount": population.headcount, "rag": item["rag"], "latest": item["latest"],
            "pillars": pillars, "reasons": item["reasons"], "levers": chosen,
            "lever_labels": [levers[lever].label.in_(lang) for lever in chosen],
        })
    frame = pd.DataFrame(rows, columns=["population", "territory", "headcount", "rag", "latest",
                                        "pillars", "reasons", "levers", "lever_labels"])
    if frame.empty:
        return frame
    frame["order"] = frame["rag"].map(RAG_ORDER)
    return frame.sort_values(["order", "headcount"], ascending=[True, False]).drop(columns="order").reset_index(drop=True)


# --------------------------------------------------------------------------- what changed


def measurement_changes(analysis: Any, kpis: pd.DataFrame, actions: pd.DataFrame,
                        before: dt.date, as_of: dt.date, words: _Words) -> Iterator[str]:
    """KPIs whose colour changed, actions completed or fallen late, since the previous COPIL."""
    for row in kpis[kpis["measured"]].itertuples():
        if row.previous_rag and row.previous_rag != row.rag:
            key = "change_kpi_better" if RAG_ORDER[row.rag] > RAG_ORDER[row.previous_rag] else "change_kpi_worse"
            yield words(key, kpi=row.name, before=words.rag(row.previous_rag), now=words.rag(row.rag),
                        value=words.value(row.latest, row.unit))
        elif not row.previous_rag and row.latest_date and row.latest_date > before:
            yield words("change_kpi_first", kpi=row.name, value=words.value(row.latest, row.unit),
                        rag=words.rag(row.rag))
    late_now = int(actions["fell_late"].sum())
    if late_now:
        yield words.count("change_actions_late", late_now, date=words.date(before))


def engagement_changes(previous: Any, current: Any, words: _Words) -> list[str]:
    """What changed in the engagement file itself since the previous COPIL:
    populations and headcounts, impacts, resistances, go-live dates, risks."""
    old, new = previous.engagement, current.engagement
    out: list[str] = []
    old_pops = {p.name: p for p in old.populations}
    new_pops = {p.name: p for p in new.populations}
    out += [words("diff_population_added", population=n, headcount=p.headcount)
            for n, p in new_pops.items() if n not in old_pops]
    out += [words("diff_population_removed", population=n) for n in old_pops if n not in new_pops]
    out += [words("diff_headcount", population=n, before=old_pops[n].headcount, now=p.headcount)
            for n, p in new_pops.items() if n in old_pops and old_pops[n].headcount != p.headcount]
    old_impacts = {(i.population, i.dimension.value): i.intensity for i in old.impacts}
    for impact in new.impacts:
        key = (impact.population, impact.dimension.value)
        if key in old_impacts and old_impacts[key] != impact.intensity:
            out.append(words("diff_impact", population=impact.population,
                             dimension=current.method.term("dimension", impact.dimension, current.lang),
                             before=old_impacts[key], now=impact.intensity))
    old_res = {(r.population, r.brake.value) for r in old.resistances if r.brake is not None}
    new_res = {(r.population, r.brake.value) for r in new.resistances if r.brake is not None}
    def brake(code: str) -> str:
        return str(current.method.term("brake", code, current.lang))

    out += [words("diff_resistance_new", population=p, brake=brake(b)) for p, b in sorted(new_res - old_res)]
    out += [words("diff_resistance_gone", population=p, brake=brake(b)) for p, b in sorted(old_res - new_res)]
    old_lots = {lot.name: lot for lot in old.lots}
    for lot in new.lots:
        if lot.name in old_lots and old_lots[lot.name].go_live != lot.go_live:
            out.append(words("diff_go_live", lot=lot.name, before=words.date(old_lots[lot.name].go_live),
                             now=words.date(lot.go_live)))
    def high(diagnosis: Any) -> set[tuple[str, str]]:
        return {(r.population, r.kind) for r in diagnosis.risks if r.level >= 3}

    def kind(code: str) -> str:
        return str(current.method.text(f"steering.risk.{code}", current.lang))

    old_high, new_high = high(previous.diagnosis), high(current.diagnosis)
    out += [words("diff_risk_new", population=p, risk=kind(k)) for p, k in sorted(new_high - old_high)]
    out += [words("diff_risk_resolved", population=p, risk=kind(k))
            for p, k in sorted(old_high - new_high) if p in new_pops]
    return out


# --------------------------------------------------------------------------- decisions


def decide(analysis: Any, kpis: pd.DataFrame, actions: pd.DataFrame, coverage: float | None,
           training: pd.DataFrame, behind: pd.DataFrame, previous: Any, words: _Words
           ) -> list[Decision]:
    """What the COPIL must decide, most pressing first: red KPIs, populations to
    reinforce, late actions, training to catch up, new resistances."""
    out: list[Decision] = []
    for row in kpis[kpis["measured"] & ((kpis["rag"] == "red") | kpis["falling"])].itertuples():
        out.append(Decision("kpi", row.name, words("decide_kpi", kpi=row.name),
                            words("decide_kpi_reason", value=words.value(row.latest, row.unit),
                                  target=words.value(row.target, row.unit), rag=words.rag(row.rag),
                                  date=words.date(row.latest_date))))
    for row in behind.itertuples():
        out.append(Decision("reinforce", row.population,
                            words("decide_reinforce", population=row.population,
                                  levers=", ".join(row.lever_labels)),
                            semicolon(analysis.lang).join(row.reasons)))
    late = actions[actions["late"]]
    if len(late):
        shown = list(late["id"].head(4))
        ids = ", ".join(shown)
        if len(late) > len(shown):
            ids = words("and_more", ids=ids, count=len(late) - len(shown))
        out.append(Decision("late_actions", "", words.count("decide_late", len(late)),
                            words("decide_late_reason", ids=ids,
                                  oldest=words.date(min(late["date"])))))
    target = analysis.method.copil.training_coverage_target
    if coverage is not None and coverage < target:
        missing = int((training["planned"] - training["attended"]).clip(lower=0).sum())
        out.append(Decision("training", "", words("decide_training", people=missing),
                            words("decide_training_reason", coverage=words.value(round(coverage), "%"),
                                  target=words.value(target, "%"))))
    if previous is not None:
        old = {(r.population, r.brake.value) for r in previous.engagement.resistances if r.brake is not None}
        for r in analysis.engagement.resistances:
            if r.brake is not None and (r.population, r.brake.value) not in old:
                brake = analysis.method.term("brake", r.brake, analysis.lang)
                out.append(Decision("resistance", r.population,
                                    words("decide_resistance", population=r.population, brake=brake),
                                    r.evidence))
    return out
