"""Rules that tie records together: references, unique names, dates in order.

Each rule yields an `Inconsistency` located by a path into the engagement
(("impacts", 3, "population")), the same shape as pydantic's error locations, so
the intake can turn both into sheet/row/column or YAML key paths. It carries a
message code and its parameters, worded in either language by `playbook.text`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..text import Message
from ..text.messages import catalogue
from .engagement import Engagement
from .enums import KpiKind
from .territories import NATIONAL

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Inconsistency:
    """A rule broken at `loc`: message `code` (in `playbook/text/data/messages.yaml`)
    with its `params`, and the offending `value`."""

    loc: Loc
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    value: Any = None

    def __post_init__(self) -> None:
        if self.code not in catalogue():  # a rule must be worded in both languages
            raise KeyError(f"no message {self.code!r} in playbook/text/data/messages.yaml")

    def text(self, lang: str, **overrides: Any) -> str:
        """The message in `lang`; `overrides` replace parameters (see `Message.text`)."""
        return Message(self.code, self.params).text(lang, **overrides)

    @property
    def message(self) -> str:
        return self.text("en")


def find_inconsistencies(e: Engagement) -> list[Inconsistency]:
    return list(_all(e))


def _all(e: Engagement) -> Iterator[Inconsistency]:
    yield from _names(e)
    yield from _references(e)
    yield from _territories(e)
    yield from _duplicate_impacts(e)
    yield from _use_case_lots(e)
    yield from _lots(e)
    yield from _others(e)


def _names(e: Engagement) -> Iterator[Inconsistency]:
    """Unique names per table, and the two tables an engagement cannot do without."""
    yield from _unique(e.populations, "populations", "name", "population")
    yield from _unique(e.lots, "lots", "name", "lot")
    yield from _unique(e.use_cases, "use_cases", "name", "use_case")
    yield from _unique(e.personas, "personas", "name", "persona")
    yield from _unique(e.kpis, "kpis", "name", "kpi")
    yield from _unique(e.territories, "territories", "name", "territory")

    if not e.populations:
        yield Inconsistency(("populations",), "consistency.no_population")
    if not e.lots:
        yield Inconsistency(("lots",), "consistency.no_lot")


def _references(e: Engagement) -> Iterator[Inconsistency]:
    """Every population a record names exists."""
    populations = {p.name for p in e.populations}

    def known(items: Sequence[BaseModel], table: str, field: str,
              allow_empty: bool = False) -> Iterator[Inconsistency]:
        for i, item in enumerate(items):
            value = getattr(item, field)
            if allow_empty and value == "":
                continue
            if value not in populations:
                yield _unknown((table, i, field), "population", value)

    yield from known(e.impacts, "impacts", "population")
    yield from known(e.resistances, "resistances", "population")
    yield from known(e.relations, "relations", "population")
    yield from known(e.relations, "relations", "other")
    yield from known(e.use_cases, "use_cases", "population")
    yield from known(e.personas, "personas", "population")
    yield from known(e.journeys, "journeys", "population")
    yield from known(e.kpis, "kpis", "population", allow_empty=True)
    yield from known(e.kpi_readings, "kpi_readings", "population", allow_empty=True)
    yield from known(e.attendance, "attendance", "population")
    yield from known(e.pulse_results, "pulse_results", "population")
    yield from _measurement_references(e)
    yield from (
        _unknown(("governance", "key_users", i, "population"), "population", k.population)
        for i, k in enumerate(e.governance.key_users)
        if k.population not in populations
    )


def _territories(e: Engagement) -> Iterator[Inconsistency]:
    """A population names a described territory, or spans the whole country."""
    described = {t.name.casefold() for t in e.territories} | {NATIONAL.casefold()}
    for i, population in enumerate(e.populations):
        if population.territory.casefold() not in described:
            yield _unknown(("populations", i, "territory"), "territory", population.territory)


def _duplicate_impacts(e: Engagement) -> Iterator[Inconsistency]:
    seen_pairs: dict[tuple[str, str], int] = {}
    for i, impact in enumerate(e.impacts):
        pair = (impact.population, impact.dimension.value)
        if pair in seen_pairs:
            yield Inconsistency(
                ("impacts", i, "dimension"),
                "consistency.duplicate_impact",
                {"population": impact.population, "dimension": impact.dimension.value,
                 "first": _row(seen_pairs[pair])},
                impact.dimension.value,
            )
        seen_pairs.setdefault(pair, i)


def _use_case_lots(e: Engagement) -> Iterator[Inconsistency]:
    lots = {lot.name for lot in e.lots}
    for i, use_case in enumerate(e.use_cases):
        if use_case.lot not in lots:
            yield _unknown(("use_cases", i, "lot"), "lot", use_case.lot)


def _lots(e: Engagement) -> Iterator[Inconsistency]:
    """A lot's populations exist; kickoff, design, acceptance and go-live come in order."""
    populations = {p.name for p in e.populations}
    kickoff = e.engagement.kickoff
    for i, lot in enumerate(e.lots):
        for j, name in enumerate(lot.populations):
            if name not in populations:
                yield _unknown(("lots", i, "populations", j), "population", name)
        if lot.design_start < kickoff:
            yield Inconsistency(
                ("lots", i, "design_start"),
                "consistency.design_before_kickoff", {"kickoff": kickoff},
                lot.design_start,
            )
        if lot.acceptance_start < lot.design_start:
            yield Inconsistency(
                ("lots", i, "acceptance_start"),
                "consistency.acceptance_before_design", {"design_start": lot.design_start},
                lot.acceptance_start,
            )
        if lot.acceptance_end is not None and not lot.acceptance_start <= lot.acceptance_end < lot.go_live:
            yield Inconsistency(
                ("lots", i, "acceptance_end"),
                "consistency.acceptance_end_outside",
                {"acceptance_start": lot.acceptance_start, "go_live": lot.go_live},
                lot.acceptance_end,
            )
        if lot.go_live <= lot.acceptance_start:
            yield Inconsistency(
                ("lots", i, "go_live"),
                "consistency.go_live_before_acceptance",
                {"acceptance_start": lot.acceptance_start},
                lot.go_live,
            )
        if lot.go_live <= kickoff:
            yield Inconsistency(
                ("lots", i, "go_live"),
                "consistency.go_live_before_kickoff", {"kickoff": kickoff},
                lot.go_live,
            )


def _others(e: Engagement) -> Iterator[Inconsistency]:
    kickoff = e.engagement.kickoff
    as_of = e.engagement.as_of
    if as_of is not None and as_of < kickoff:
        yield Inconsistency(
            ("engagement", "as_of"), "consistency.as_of_before_kickoff", {"kickoff": kickoff}, as_of,
        )
    info = e.engagement
    if (info.external_days is None) != (info.external_day_rate is None):
        # external days are costed as days times their day rate: both or neither
        given, missing = (("external_days", "external_day_rate") if info.external_day_rate is None
                          else ("external_day_rate", "external_days"))
        yield Inconsistency(("engagement", missing), "consistency.external_days_unpriced",
                            {"given": given}, None)
    populations = {p.name for p in e.populations}
    for i, record in enumerate(e.action_status):
        if record.population and record.population not in populations:
            yield _unknown(("action_status", i, "population"), "population", record.population)

    for i, population in enumerate(e.populations):
        if population.name in population.shifts_tasks_to:
            yield Inconsistency(
                ("populations", i, "shifts_tasks_to"),
                "consistency.shifts_to_itself",
                value=population.name,
            )

    for i, objective in enumerate(e.objectives):
        if objective.due_date <= kickoff:
            yield Inconsistency(
                ("objectives", i, "due_date"),
                "consistency.due_before_kickoff", {"kickoff": kickoff},
                objective.due_date,
            )

    criteria = Counter(c.criterion.value for c in e.success_criteria)
    for i, assessment in enumerate(e.success_criteria):
        if criteria[assessment.criterion.value] > 1:
            yield Inconsistency(
                ("success_criteria", i, "criterion"),
                "consistency.criterion_repeated",
                value=assessment.criterion.value,
            )
            criteria[assessment.criterion.value] = 0


def _measurement_references(e: Engagement) -> Iterator[Inconsistency]:
    """A reading names a KPI of the kpis sheet or a KPI family (whose default
    the method supplies), and a territory where some population works."""
    kpis = {k.name for k in e.kpis} | set(KpiKind.codes())
    territories = {p.territory for p in e.populations}
    for i, reading in enumerate(e.kpi_readings):
        if reading.kpi not in kpis:
            yield _unknown(("kpi_readings", i, "kpi"), "kpi", reading.kpi)
        if reading.territory and reading.territory not in territories:
            yield _unknown(("kpi_readings", i, "territory"), "territory", reading.territory)
        if reading.population and reading.territory:
            yield Inconsistency(("kpi_readings", i, "territory"),
                                "consistency.population_and_territory", {}, reading.territory)


def _unique(items: Sequence[BaseModel], table: str, field: str, what: str) -> Iterator[Inconsistency]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, field)
        key = value.casefold()
        if key in first:
            yield Inconsistency(
                (table, i, field),
                "consistency.duplicate_name",
                {"what": Message(f"term.{what}"), "first": _row(first[key])},
                value,
            )
        else:
            first[key] = i


def _unknown(loc: Loc, what: str, name: str) -> Inconsistency:
    return Inconsistency(loc, f"consistency.unknown_{what}", {"name": name}, name)


def _row(index: int) -> Message:
    """Where the first of two clashing records is: its row among the table's."""
    return Message("consistency.row_of_table", {"row": index + 1})
