"""Rules that tie records together: references, unique names, dates in order.

Each rule yields an `Inconsistency` located by a path into the engagement
(("impacts", 3, "population")), the same shape as pydantic's error locations, so
the intake can turn both into sheet/row/column or YAML key paths.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .engagement import Engagement
from .enums import KpiKind

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Inconsistency:
    loc: Loc
    message: str
    value: Any = None


def find_inconsistencies(e: Engagement) -> list[Inconsistency]:
    return list(_all(e))


def _all(e: Engagement) -> Iterator[Inconsistency]:
    yield from _unique(e.populations, "populations", "name", "population")
    yield from _unique(e.lots, "lots", "name", "lot")
    yield from _unique(e.use_cases, "use_cases", "name", "use case")
    yield from _unique(e.personas, "personas", "name", "persona")
    yield from _unique(e.kpis, "kpis", "name", "KPI")

    if not e.populations:
        yield Inconsistency(("populations",), "at least one population is required")
    if not e.lots:
        yield Inconsistency(("lots",), "at least one deployment lot is required")

    populations = {p.name for p in e.populations}
    lots = {lot.name for lot in e.lots}

    def known(items, table: str, field: str, allow_empty: bool = False):
        for i, item in enumerate(items):
            value = getattr(item, field)
            if allow_empty and value == "":
                continue
            if value not in populations:
                yield Inconsistency((table, i, field), _unknown("population", value), value)

    yield from known(e.impacts, "impacts", "population")
    yield from known(e.resistances, "resistances", "population")
    yield from known(e.use_cases, "use_cases", "population")
    yield from known(e.personas, "personas", "population")
    yield from known(e.journeys, "journeys", "population")
    yield from known(e.kpis, "kpis", "population", allow_empty=True)
    yield from known(e.kpi_readings, "kpi_readings", "population", allow_empty=True)
    yield from known(e.attendance, "attendance", "population")
    yield from known(e.pulse_results, "pulse_results", "population")
    yield from _measurement_references(e)
    yield from (
        Inconsistency(("governance", "key_users", i, "population"), _unknown("population", k.population), k.population)
        for i, k in enumerate(e.governance.key_users)
        if k.population not in populations
    )

    seen_pairs: dict[tuple[str, str], int] = {}
    for i, impact in enumerate(e.impacts):
        pair = (impact.population, impact.dimension.value)
        if pair in seen_pairs:
            yield Inconsistency(
                ("impacts", i, "dimension"),
                f"impact of {impact.population!r} on {impact.dimension.value!r} "
                f"already given (row {seen_pairs[pair] + 1} of this table)",
                impact.dimension.value,
            )
        seen_pairs.setdefault(pair, i)

    for i, use_case in enumerate(e.use_cases):
        if use_case.lot not in lots:
            yield Inconsistency(("use_cases", i, "lot"), _unknown("lot", use_case.lot), use_case.lot)

    kickoff = e.engagement.kickoff
    for i, lot in enumerate(e.lots):
        for j, name in enumerate(lot.populations):
            if name not in populations:
                yield Inconsistency(("lots", i, "populations", j), _unknown("population", name), name)
        if lot.design_start < kickoff:
            yield Inconsistency(
                ("lots", i, "design_start"),
                f"design starts before the kickoff ({kickoff.isoformat()})",
                lot.design_start,
            )
        if lot.acceptance_start < lot.design_start:
            yield Inconsistency(
                ("lots", i, "acceptance_start"),
                f"acceptance testing starts before design ({lot.design_start.isoformat()})",
                lot.acceptance_start,
            )
        if lot.go_live <= lot.acceptance_start:
            yield Inconsistency(
                ("lots", i, "go_live"),
                f"go-live must come after the start of acceptance testing ({lot.acceptance_start.isoformat()})",
                lot.go_live,
            )
        if lot.go_live <= kickoff:
            yield Inconsistency(
                ("lots", i, "go_live"),
                f"go-live must come after the kickoff ({kickoff.isoformat()})",
                lot.go_live,
            )

    for i, population in enumerate(e.populations):
        if population.name in population.shifts_tasks_to:
            yield Inconsistency(
                ("populations", i, "shifts_tasks_to"),
                "a population cannot shift tasks onto itself",
                population.name,
            )

    for i, objective in enumerate(e.objectives):
        if objective.due_date <= kickoff:
            yield Inconsistency(
                ("objectives", i, "due_date"),
                f"due date must come after the kickoff ({kickoff.isoformat()})",
                objective.due_date,
            )

    criteria = Counter(c.criterion.value for c in e.success_criteria)
    for i, assessment in enumerate(e.success_criteria):
        if criteria[assessment.criterion.value] > 1:
            yield Inconsistency(
                ("success_criteria", i, "criterion"),
                "criterion assessed more than once",
                assessment.criterion.value,
            )
            criteria[assessment.criterion.value] = 0


def _measurement_references(e: Engagement) -> Iterator[Inconsistency]:
    """A reading names a KPI of the kpis sheet or a KPI family (whose default
    the method supplies), and a territory where some population works."""
    kpis = {k.name for k in e.kpis} | set(KpiKind.codes())
    territories = {p.territory for p in e.populations}
    for i, reading in enumerate(e.kpi_readings):
        if reading.kpi not in kpis:
            yield Inconsistency(("kpi_readings", i, "kpi"), _unknown("KPI", reading.kpi), reading.kpi)
        if reading.territory and reading.territory not in territories:
            yield Inconsistency(
                ("kpi_readings", i, "territory"), _unknown("territory", reading.territory),
                reading.territory,
            )
        if reading.population and reading.territory:
            yield Inconsistency(
                ("kpi_readings", i, "territory"),
                "give a population or a territory, not both",
                reading.territory,
            )


def _unique(items, table: str, field: str, what: str) -> Iterator[Inconsistency]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, field)
        key = value.casefold()
        if key in first:
            yield Inconsistency(
                (table, i, field),
                f"duplicate {what} name (already used in row {first[key] + 1} of this table)",
                value,
            )
        else:
            first[key] = i


def _unknown(what: str, value: str) -> str:
    return f"unknown {what} {value!r}"
