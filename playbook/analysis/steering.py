"""Steering the plan: KPIs with review dates and RAG thresholds, the
success-criteria scorecard, and the people / process / technology balance.

Seeds 000 and 002: measure CRM performance and steer the user experience
continuously; lack of adoption is the main cause of failure, so adoption is
measured per population. Seed 001: success criteria with early warnings.
Seed 003: success is 50% people, 25% process, 25% technology; a plan whose
effort leans the other way is flagged.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from ..method import Method
from ..method.kpis import BalanceArea
from ..model import CriterionStatus, Engagement
from .calendar import WorkingCalendar
from .milestones import lot_of, milestones
from .records import ChangePlan, MethodWarning, Steering, TrainingPlan

RAG_BY_STATUS = {
    CriterionStatus.MET: "green",
    CriterionStatus.PARTLY: "amber",
    CriterionStatus.UNKNOWN: "amber",
    CriterionStatus.NOT_MET: "red",
}


def next_committee(engagement: Engagement, working: WorkingCalendar, after: dt.date) -> dt.date:
    """The steering committee following one held on `after`: the engagement's cadence
    (`copil_every_weeks`) later, on a working day."""
    weeks = engagement.governance.copil_every_weeks
    return working.on_or_after(after + dt.timedelta(weeks=weeks))


def steering(
    engagement: Engagement, method: Method, change_plan: ChangePlan, training_plan: TrainingPlan,
    lang: str, working: WorkingCalendar | None = None,
) -> Steering:
    working = working or WorkingCalendar.of(engagement)
    criteria, criteria_warnings = scorecard(engagement, method, lang)
    balance, balance_warnings = effort_balance(engagement, method, change_plan, training_plan, lang)
    return Steering(
        kpis=kpi_table(engagement, method, training_plan, lang, working),
        criteria=criteria,
        balance=balance,
        warnings=tuple(criteria_warnings + balance_warnings),
        next_committee=next_committee(engagement, working, working.as_of),
    )


# --------------------------------------------------------------------- RAG


def rag_thresholds(
    baseline: float | None, target: float, higher_is_better: bool, amber_share: float
) -> tuple[float, float]:
    """(green_from, amber_from): green at or past target, amber once `amber_share`
    of the way from baseline to target.

    Higher is better without a baseline: the way starts at zero. Lower is
    better without a baseline: amber up to target ÷ amber_share (e.g. 5 tickets
    targeted, amber up to 6.25).
    """
    if higher_is_better:
        start = 0.0 if baseline is None else baseline
        return target, start + amber_share * (target - start)
    if baseline is None:
        return target, target / amber_share
    return target, baseline - amber_share * (baseline - target)


def readable_threshold(amber: float, target: float, unit: str) -> float:
    """The alert threshold to the precision the target is given in (5 tickets
    targeted: alert at 6, not 6.25), a tenth more on a rating scale ("/5", whose
    averages are read to a tenth: 3.2/5); never rounded onto the target itself."""
    decimals = _decimals(target) + (1 if unit.strip().startswith("/") else 0)
    for places in range(decimals, decimals + 3):
        scale = 10.0 ** places
        rounded = math.floor(amber * scale + 0.5) / scale  # half up: 6.25 → 6.3
        if rounded != target:
            return rounded
    return amber


def _decimals(value: float) -> int:
    """Decimals `value` is given with (5 → 0, 4.2 → 1), at most 3."""
    for places in range(4):
        if round(value, places) == value:
            return places
    return 3


def rag(
    value: float, baseline: float | None, target: float, higher_is_better: bool, amber_share: float
) -> str:
    green, amber = rag_thresholds(baseline, target, higher_is_better, amber_share)
    if higher_is_better:
        return "green" if value >= green else "amber" if value >= amber else "red"
    return "green" if value <= green else "amber" if value <= amber else "red"


# --------------------------------------------------------------------- KPIs

KPI_COLUMNS = [
    "kind", "family", "name", "population", "definition", "unit", "baseline", "target",
    "higher_is_better", "green_from", "amber_from", "first_review", "reviews", "source",
    "planned", "planned_rag", "note",
]


def kpi_table(
    engagement: Engagement, method: Method, training_plan: TrainingPlan, lang: str,
    working: WorkingCalendar | None = None,
) -> pd.DataFrame:
    """The engagement's KPIs, plus the catalogue's default for every family it
    does not measure (adoption: one per CRM-user population)."""
    catalogue = method.kpis
    table = milestones(engagement, method)
    working = working or WorkingCalendar.of(engagement)
    rows = []
    for kpi in engagement.kpis:
        family = catalogue.family(kpi.kind)
        rows.append(
            _kpi_row(
                engagement, method, table, working, lang, family, name=kpi.name, population=kpi.population,
                # The client's own KPI keeps the client's definition or none: the family's
                # generic one may measure something else under the client's name.
                definition=kpi.definition or "", unit=kpi.unit,
                baseline=kpi.baseline, target=kpi.target, higher=kpi.higher_is_better,
                first_weeks=kpi.review_weeks_after_go_live, source="engagement",
            )
        )
    measured = {kpi.kind for kpi in engagement.kpis}
    for family in catalogue.families:
        if family.kind in measured:
            continue
        if family.per_population:
            populations = [p.name for p in engagement.populations if p.crm_user]
        else:
            populations = [""]
        for population in populations:
            rows.append(
                _kpi_row(
                    engagement, method, table, working, lang, family,
                    name=family.name.in_(lang, population=population),
                    population=population, definition=family.definition.in_(lang),
                    unit=family.unit, baseline=None, target=family.target,
                    higher=family.higher_is_better, first_weeks=family.first_review_weeks,
                    source="method",
                )
            )
    frame = pd.DataFrame(rows, columns=KPI_COLUMNS)
    coverage = _planned_coverage(training_plan)
    if coverage is not None:
        planned, placed, needed = coverage
        note = catalogue.texts["planned_coverage"].in_(
            lang, coverage=planned, placed=placed, needed=needed
        )
        for i in frame.index[frame["kind"] == "training_coverage"]:
            frame.at[i, "planned"] = planned
            frame.at[i, "planned_rag"] = rag(
                planned, frame.at[i, "baseline"], frame.at[i, "target"],
                bool(frame.at[i, "higher_is_better"]), catalogue.rag.amber_share,
            )
            frame.at[i, "note"] = note
    return frame


def _kpi_row(
    engagement: Engagement, method: Method, table: pd.DataFrame, working: WorkingCalendar,
    lang: str, family: Any, *, name: str, population: str, definition: str, unit: str,
    baseline: float | None, target: float, higher: bool, first_weeks: int, source: str,
) -> dict[str, Any]:
    reviews = review_dates(engagement, table, working, population, first_weeks, family)
    first = reviews[0]
    green, amber = rag_thresholds(baseline, target, higher, method.kpis.rag.amber_share)
    amber = readable_threshold(amber, target, unit)
    return {
        "kind": family.kind.value,
        "family": family.label.in_(lang),
        "name": name,
        "population": population,
        "definition": definition,
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "higher_is_better": higher,
        "green_from": green,
        "amber_from": amber,
        "first_review": first,
        "reviews": reviews,
        "source": source,
        "planned": None,
        "planned_rag": "",
        "note": "",
    }


def review_dates(
    engagement: Engagement, table: pd.DataFrame, working: WorkingCalendar, population: str,
    first_weeks: int, family: Any,
) -> list[dt.date]:
    """Working days on which a KPI is reviewed: after every go-live it concerns
    (each lot the population goes live in; every lot for a KPI of the whole
    roll-out), from `first_weeks` after it, every `cadence_weeks`, up to the
    KPI's horizon (`reviews` reviews after that go-live)."""
    if population:
        lots = [lot.name for lot in engagement.lots_of(population)] or [lot_of(engagement, population).name]
    else:
        lots = list(table.index)
    # a KPI of the whole roll-out is reviewed on a day neither the client's country
    # (where the committee sits) nor any territory is off
    places = ((_territory(engagement, population),) if population
              else tuple(sorted({"", *(p.territory for p in engagement.populations)})))
    dates: set[dt.date] = set()
    for lot in lots:
        first = table.at[lot, "go_live"].date() + dt.timedelta(weeks=first_weeks)
        for i in range(family.reviews):
            day = first + dt.timedelta(weeks=family.cadence_weeks * i)
            dates.add(working.on_or_after(day, places))
    return sorted(dates)


def _territory(engagement: Engagement, population: str) -> str:
    try:
        return engagement.population(population).territory if population else ""
    except KeyError:
        return ""


def _planned_coverage(training_plan: TrainingPlan) -> tuple[float, int, int] | None:
    """Seats the calendar holds before go-live ÷ seats needed, in %."""
    totals = training_plan.totals
    if totals.empty:
        return None
    total = totals.iloc[-1]
    needed = int(total["seats_needed"])
    if needed == 0:
        return None
    placed = int(total["seats_placed"])
    return 100.0 * placed / needed, placed, needed


# ---------------------------------------------------------------- criteria


def scorecard(engagement: Engagement, method: Method, lang: str) -> tuple[pd.DataFrame, list[MethodWarning]]:
    """The six criteria of seed 001, the consultant's assessment, early warnings
    and the method's advice where a criterion is not met or not known."""
    catalogue = method.criteria
    assessed = {a.criterion: a for a in engagement.success_criteria}
    rows, warnings = [], []
    for info in catalogue.criteria:
        assessment = assessed.get(info.code)
        label = info.label.in_(lang)
        advice = info.when_not_met.in_(lang)
        if assessment is None:
            status, status_label, rag_ = "not_assessed", catalogue.texts["not_assessed_status"].in_(lang), "amber"
            key: str | None = "not_assessed"
            severity: str | None = "warning"
        else:
            status = assessment.status.value
            status_label = method.term("criterion_status", assessment.status, lang)
            rag_ = RAG_BY_STATUS[assessment.status]
            key, severity = {
                CriterionStatus.NOT_MET: ("not_met", "warning"),
                CriterionStatus.UNKNOWN: ("unknown", "warning"),
                CriterionStatus.PARTLY: ("partly", "info"),
            }.get(assessment.status, (None, None))
        if key is not None and severity is not None:
            warnings.append(
                MethodWarning(
                    code=f"criterion_{key}",
                    message=catalogue.texts[key].in_(lang, criterion=label, advice=advice),
                    subject=info.code.value,
                    severity=severity,
                )
            )
        rows.append(
            {
                "criterion": info.code.value,
                "label": label,
                "description": info.description.in_(lang),
                "status": status,
                "status_label": status_label,
                "rag": rag_,
                "evidence": assessment.evidence if assessment else "",
                "early_warnings": [w.in_(lang) for w in info.early_warnings],
                "advice": advice if key is not None else "",
            }
        )
    return pd.DataFrame(rows).set_index("criterion"), warnings


# ----------------------------------------------------------------- balance


def effort_balance(
    engagement: Engagement, method: Method, change_plan: ChangePlan, training_plan: TrainingPlan,
    lang: str,
) -> tuple[pd.DataFrame, list[MethodWarning]]:
    """Planned effort split people / process / technology against seed 003.

    People: Change plan + trainer-days. Process: the user-journey improvements'
    effort. Technology: the catalogue's proxy (use cases by priority, lots).
    """
    balance = method.kpis.balance
    proxy = balance.technology_proxy
    effort: dict[BalanceArea, float] = {
        "people": change_plan.total_days + training_plan.trainer_days,
        "process": float(sum(step.effort_days for step in engagement.journeys)),
        "technology": float(
            sum(proxy.days_per_use_case[u.priority] for u in engagement.use_cases)
            + proxy.days_per_lot * len(engagement.lots)
        ),
    }
    total = sum(effort.values())
    rows, warnings = [], []
    for area, days in effort.items():
        share = 100.0 * days / total if total else 0.0
        target = balance.targets[area]
        deviation = share - target
        within = abs(deviation) <= balance.tolerance_points
        rows.append(
            {
                "area": area,
                "label": balance.labels[area].in_(lang),
                "effort_days": days,
                "share": share,
                "target": target,
                "deviation": deviation,
                "within_tolerance": within if total else False,
                "basis": (proxy if area == "technology" else balance).description.in_(lang),
            }
        )
        if total and not within:
            warnings.append(
                MethodWarning(
                    code="balance_off_target",
                    message=method.kpis.texts["balance_off"].in_(
                        lang, area=balance.labels[area].in_(lang), share=share, target=target,
                        tolerance=balance.tolerance_points,
                    ),
                    subject=area,
                )
            )
    if effort["technology"] and proxy.review_note is not None:
        warnings.append(MethodWarning("technology_proxy", proxy.review_note.in_(lang),
                                      severity="info", audience="consultant"))
    if not total:
        warnings.append(MethodWarning("balance_no_effort", method.kpis.texts["no_effort"].in_(lang)))
    return pd.DataFrame(rows).set_index("area"), warnings
