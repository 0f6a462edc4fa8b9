"""Method checks: pitfalls of the seeds that the engagement data itself reveals
(a map drawn from a CRM view only, tasks shifted to a forgotten population, a
territory with no local sponsor…).

Each check is a small predicate registered under the code of a pitfall of
`steps.yaml`, whose `check.message` is the text the consultant reads (with its
placeholders filled) and whose `params` tune it. A check the catalogue does not
describe is a method-data error, reported as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..errors import MethodError
from ..method import Method
from ..model import Engagement, HierarchyLevel
from ..text.typography import format_percent
from . import wording
from .facts import Facts, population_facts, territories_without_sponsor
from .records import MethodWarning

# A check yields (subject, placeholder values) for each occurrence it finds.
Found = Iterator[tuple[str, dict[str, str]]]
CheckFunction = Callable[[Engagement, Method, dict[str, Facts], dict[str, Any], str], Found]

CHECKS: dict[str, CheckFunction] = {}


def _check(code: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[code] = function
        return function

    return register


@_check("only_crm_view_functions")
def _only_crm_view_functions(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    """Seed 004's trap: only sales, marketing and customer service are mapped."""
    words = [w.casefold() for w in params.get("crm_functions", [])]
    functions = list(dict.fromkeys(p.function for p in e.populations))
    if functions and all(any(w in f.casefold() for w in words) for f in functions):
        yield "", {"functions": ", ".join(functions)}


@_check("no_non_user_population")
def _no_non_user_population(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    if e.populations and all(p.crm_user for p in e.populations):
        yield "", {}


@_check("shifted_to_unmapped")
def _shifted_to_unmapped(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    mapped = {p.name.casefold() for p in e.populations}
    for population in e.populations:
        for target in population.shifts_tasks_to:
            if target.casefold() not in mapped:
                yield population.name, {"population": population.name, "target": target}


@_check("no_manager_population")
def _no_manager_population(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    managers = {HierarchyLevel.MANAGER, HierarchyLevel.TEAM_LEADER}
    if e.populations and not any(p.level in managers for p in e.populations):
        yield "", {}


@_check("territory_without_sponsor")
def _territory_without_sponsor(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    """Only meaningful when the roll-out spans several territories (seed 004)."""
    for territory in territories_without_sponsor(e):
        people = sum(p.headcount for p in e.populations if p.territory == territory)
        yield territory, {
            "territory": territory,
            "headcount": wording.people(method, people, lang),
        }


@_check("population_without_impact")
def _population_without_impact(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    for population in e.populations:
        known = facts[population.name]
        if all(known[f"impact.{code}"] == 0 for code in method.dimensions.codes):
            yield population.name, {
                "population": population.name,
                "headcount": wording.people(method, population.headcount, lang),
            }


@_check("scale_saturated")
def _scale_saturated(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    """Nearly everyone at the top level: the heat map no longer ranks anyone first."""
    top = method.dimensions.scale[-1]
    total = sum(p.headcount for p in e.populations)
    at_top = [p for p in e.populations if facts[p.name]["impact_level"] >= top.intensity]
    people = sum(p.headcount for p in at_top)
    if total and people / total > float(params.get("max_top_share", 0.75)):
        yield "", {
            "share": format_percent(people / total, lang),
            "people": wording.people(method, people, lang),
            "count": method.text(
                "impact_diagnosis.messages.populations." + ("one" if len(at_top) == 1 else "many"),
                lang, n=len(at_top),
            ),
            "top": str(top.intensity),
            "top_label": top.label.in_(lang),
        }


@_check("data_sharing_without_culture_impact")
def _data_sharing_without_culture(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    min_level = int(params.get("min_level", 2))
    for population in e.populations:
        known = facts[population.name]
        if (
            population.shares_data_across_departments
            and known["impact.culture"] == 0
            and known["impact_level"] >= min_level
        ):
            yield population.name, {
                "population": population.name,
                "impact_level": str(known["impact_level"]),
            }


@_check("regional_calendar_undeclared")
def _regional_calendar_undeclared(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    """Populations dated on the national calendar of a country whose holidays differ
    in every region (GB, DE, ES): they would miss their regional holidays."""
    from .calendar import regional_calendars, territory_region  # the holidays library

    by_country: dict[str, list[str]] = {}
    for population in e.populations:
        region = territory_region(e, population.territory)
        if region.subdivision is None:
            by_country.setdefault(region.country, []).append(population.name)
    for country, names in by_country.items():
        regions = regional_calendars(country, e.engagement.kickoff.year)
        if regions:
            yield country, {
                "country": country, "regions": ", ".join(f"{country}-{r}" for r in regions),
                "example": f"{country}-{regions[0]}", "populations": wording.names(method, names, lang),
            }


@_check("resistance_unclassified")
def _resistance_unclassified(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    """An observation recorded without its brake that neither its words nor the
    population's signals tie to one: it counts for no brake until one is given."""
    from .brakes import classify_resistances

    _, unclassified = classify_resistances(e, method, lang, facts)
    for resistance in unclassified:
        yield resistance.population, {"population": resistance.population,
                                      "evidence": wording.unquote(resistance.evidence)}


@_check("population_in_no_lot")
def _population_in_no_lot(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    in_lots = {name for lot in e.lots for name in lot.populations}
    for population in e.populations:
        if population.name not in in_lots:
            yield population.name, {
                "population": population.name,
                "headcount": wording.people(method, population.headcount, lang),
            }


@_check("lot_without_trainees")
def _lot_without_trainees(
    e: Engagement, method: Method, facts: dict[str, Facts], params: dict[str, Any], lang: str
) -> Found:
    """A lot's training wave trains CRM users whose tool or skills change (seed 000)."""
    def trainee(name: str) -> bool:
        known = facts.get(name)
        return known is not None and bool(known) and bool(known["crm_user"]) and (
            known["impact.tool"] >= 1 or known["impact.skills"] >= 1
        )

    for lot in e.lots:
        if not any(trainee(name) for name in lot.populations):
            yield lot.name, {"lot": lot.name}


def method_checks(
    engagement: Engagement, method: Method, lang: str | None = None
) -> tuple[MethodWarning, ...]:
    """Every pitfall found, in the order of `steps.yaml`, messages in `lang`."""
    lang = lang or engagement.language
    described = {check.code for check in method.steps.checks()}
    missing = sorted(set(CHECKS) - described)
    if missing:
        raise MethodError(f"steps.yaml describes no pitfall check for: {', '.join(missing)}")
    facts = population_facts(engagement, method)
    warnings: list[MethodWarning] = []
    for check in method.steps.checks():
        function = CHECKS.get(check.code)
        if function is None:
            raise MethodError(f"steps.yaml: no check is implemented under the code {check.code!r}")
        for subject, values in function(engagement, method, facts, check.params, lang):
            try:
                message = check.message.in_(lang, **values)
            except (KeyError, IndexError) as exc:
                raise MethodError(
                    f"steps.yaml: check {check.code!r}: unknown placeholder {exc} in its message"
                ) from exc
            warnings.append(MethodWarning(check.code, message, subject, check.severity,
                                          check.audience))
    return tuple(warnings)
