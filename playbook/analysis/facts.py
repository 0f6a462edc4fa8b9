"""What the method knows about each population, as flat facts.

The brake and risk rules of `brakes.yaml` are conditions over these facts; the
reason templates cite the values of `reason_values`. Both are computed here,
once, from the engagement and the overall impact levels, so that a condition
and the sentence explaining it always read the same data.
"""

from __future__ import annotations

from typing import Any

from ..method import Method
from ..method.brakes import POPULATION_FACTS
from ..model import NATIONAL, Engagement, Population, RelationKind, Visibility
from . import wording
from .calendar import territory_region
from .impacts import impact_levels, impact_matrix

Facts = dict[str, Any]

# A population of the national default territory spans the whole country: it is
# not a territory that can be reluctant or needs a local sponsor (seed 004).


def is_regional(territory: str) -> bool:
    return territory.casefold() != NATIONAL.casefold()


def regional_territories(engagement: Engagement) -> list[str]:
    """Territories of the roll-out other than the national default, in intake order."""
    return [t for t in engagement.territory_names if is_regional(t)]


def roll_out_territories(engagement: Engagement) -> int:
    """How many territories the roll-out spans: the regional ones, and the rest of
    the country when some population works in the national default territory."""
    national = any(not is_regional(p.territory) for p in engagement.populations)
    return len(regional_territories(engagement)) + national


def territories_without_sponsor(engagement: Engagement) -> list[str]:
    """The regional territories with no local sponsor, in a roll-out across several
    territories (seed 004: each needs its local relay; head office is the sponsor's
    own). The one rule the checks, the Change plan and the framing note apply."""
    if roll_out_territories(engagement) < 2:
        return []
    return [t for t in regional_territories(engagement)
            if not engagement.territory(t).has_local_sponsor]


def population_facts(engagement: Engagement, method: Method) -> dict[str, Facts]:
    """Facts per population name: intake fields plus the derived facts of `DERIVED_FACTS`."""
    matrix = impact_matrix(engagement, method)
    levels = impact_levels(engagement, method)
    receivers = {target for p in engagement.populations for target in p.shifts_tasks_to}
    receivers |= {r.population for r in _relations(engagement, RelationKind.RECEIVES_TASKS_FROM)}
    givers = {r.other for r in _relations(engagement, RelationKind.RECEIVES_TASKS_FROM)}
    rivals = {name for r in _relations(engagement, RelationKind.COMPETES_WITH) for name in (r.population, r.other)}
    audited = {r.other for r in _relations(engagement, RelationKind.AUDITS)}
    auditors = {r.population for r in _relations(engagement, RelationKind.AUDITS)}
    observed = {r.population for r in engagement.resistances}
    several = len(regional_territories(engagement)) > 1
    scale = method.brakes.data_entry_scale
    facts: dict[str, Facts] = {}
    for population in engagement.populations:
        item: Facts = {name: getattr(population, name) for name in POPULATION_FACTS}
        territory = engagement.territory(population.territory)
        item.update(
            receives_shifted_tasks=population.name in receivers,
            shifts_tasks=bool(population.shifts_tasks_to) or population.name in givers,
            observed_resistance=population.name in observed,
            regional=is_regional(population.territory),
            several_territories=several,
            territory_has_local_sponsor=territory.has_local_sponsor,
            local_management=territory.local_management,
            mandatory_data_entry=scale.level(population.mandatory_fields),
            impact_level=int(levels.at[population.name, "level"]),
            external=population.external,
            competes=population.name in rivals,
            audited=population.name in audited,
            audits=population.name in auditors,
            country=territory_region(engagement, population.territory).country,
        )
        for dimension in method.dimensions.codes:
            item[f"impact.{dimension}"] = int(matrix.at[population.name, dimension])
        facts[population.name] = item
    return facts


def _relations(engagement: Engagement, kind: RelationKind) -> list[Any]:
    return [r for r in engagement.relations if r.relation == kind]


def shifted_from(engagement: Engagement, population: Population) -> list[str]:
    """Populations that hand tasks over to `population`, in intake order: those whose
    `shifts_tasks_to` names it, and those it `receives_tasks_from`."""
    named = {r.other for r in _relations(engagement, RelationKind.RECEIVES_TASKS_FROM)
             if r.population == population.name}
    return [p.name for p in engagement.populations
            if population.name in p.shifts_tasks_to or p.name in named]


def rivals(method: Method, engagement: Engagement, population: Population, lang: str) -> str:
    """'competing with “Dealer sales – North” (leads shared between neighbouring dealers)'."""
    return _related(method, engagement, population, RelationKind.COMPETES_WITH, "rivals", lang)


def auditors(method: Method, engagement: Engagement, population: Population, lang: str) -> str:
    """'work audited by “Area managers” (monthly pipeline audits)'."""
    return _related(method, engagement, population, RelationKind.AUDITS, "audited_by", lang)


def _related(method: Method, engagement: Engagement, population: Population, kind: RelationKind,
             phrase: str, lang: str) -> str:
    """The populations tied to `population` by `kind`, each with the client's detail."""
    phrases = method.brakes.phrases
    others: dict[str, list[str]] = {}
    within: list[str] = []
    for r in _relations(engagement, kind):
        if kind == RelationKind.COMPETES_WITH and r.population == r.other == population.name:
            within.append(r.detail)
            continue
        if kind == RelationKind.AUDITS:
            other = r.population if r.other == population.name else None
        elif r.population == population.name:
            other = r.other
        else:
            other = r.population if r.other == population.name else None
        if other is not None:
            others.setdefault(other, []).append(r.detail)
    parts = []
    if within:
        parts.append(_with_detail(str(phrases.rivals_within.in_(lang)), within))
    # Populations tied by the same detail are named together, the detail said once
    # ("« A », « B » et « C » (the agents' deals seen weekly)"), not once per name.
    together: dict[tuple[str, ...], list[str]] = {}
    for name, details in others.items():
        together.setdefault(tuple(details), []).append(name)
    for details_said, names in together.items():
        parts.append(_with_detail(wording.names(method, names, lang), list(details_said)))
    if not parts:
        return ""
    if within and len(parts) == 1:
        return parts[0]
    named = parts[1:] if within else parts
    text = str(getattr(phrases, phrase).in_(lang, names=", ".join(named)))
    return f"{parts[0]}, {text}" if within else text


def _with_detail(text: str, details: list[str]) -> str:
    said = "; ".join(d for d in details if d)
    return f"{text} ({said})" if said else text


def reason_values(
    engagement: Engagement, method: Method, population: Population, facts: Facts, lang: str
) -> dict[str, str]:
    """The placeholders of the reason templates (`brakes.PLACEHOLDERS`), in `lang`."""
    phrases = method.brakes.phrases
    values = {
        "population": population.name,
        "headcount": wording.people(method, population.headcount, lang),
        "function": population.function,
        "territory": population.territory,
        "crm_status": (phrases.crm_user if population.crm_user else phrases.not_crm_user).in_(lang),
        "level": wording.term(method, "hierarchy_level", population.level, lang),
        "buy_in": wording.term(method, "buy_in", population.buy_in, lang),
        "it_comfort": wording.term(method, "level", population.it_comfort, lang),
        "evaluated_on": wording.term(method, "evaluation_basis", population.evaluated_on, lang),
        "data_entry": wording.term(method, "data_entry", facts["mandatory_data_entry"], lang),
        "local_management": wording.term(method, "stance", facts["local_management"], lang),
        "mandatory_fields": mandatory_fields(method, population.mandatory_fields, lang),
        "dashboards": dashboards(method, population, lang),
        "shifted_tasks": population.shifted_tasks,
        "shifted_from": wording.names(method, shifted_from(engagement, population), lang),
        "shifted_to": wording.names(method, list(population.shifts_tasks_to), lang),
        "impact_level": str(facts["impact_level"]),
        "organisation": organisation(method, population, lang),
        "crm_obligation": wording.term(method, "crm_obligation", population.crm_obligation, lang),
        "pay_scheme": wording.term(method, "pay_scheme", population.pay_scheme, lang),
        "rivals": rivals(method, engagement, population, lang),
        "auditors": auditors(method, engagement, population, lang),
        "territory_specifics": territory_specifics(method, engagement, population, lang),
    }
    for dimension in method.dimensions.codes:
        values[f"impact_{dimension}"] = str(facts[f"impact.{dimension}"])
    return values


def territory_specifics(method: Any, engagement: Engagement, population: Population, lang: str) -> str:
    """' On site: “…”' — what the consultant noted of the population's territory, in
    the client's words; '' when nothing was noted."""
    text = engagement.territory(population.territory).specifics.strip()
    if not text:
        return ""
    return str(method.brakes.phrases.territory_specifics.in_(lang, text=wording.unquote(text).rstrip(".")))


def organisation(method: Any, population: Population, lang: str) -> str:
    """'Dealer: Independent dealer groups' ('' for the client's own staff)."""
    if not population.external:
        return ""
    kind = wording.term(method, "organisation_kind", population.organisation_kind, lang)
    if not population.organisation:
        return kind
    return str(method.brakes.phrases.organisation.in_(lang, kind=kind, name=population.organisation))


def mandatory_fields(method: Any, count: int, lang: str) -> str:
    """'12 mandatory fields per interaction', as the consultant counted them."""
    phrases = method.brakes.phrases
    if count == 0:
        return str(phrases.no_mandatory_fields.in_(lang))
    if count == 1:
        return str(phrases.mandatory_field.in_(lang))
    return str(phrases.mandatory_fields.in_(lang, n=count))


def dashboards(method: Any, population: Population, lang: str) -> str:
    """'activity dashboards seen daily by branch managers'."""
    phrases = method.brakes.phrases
    if population.dashboard_visibility == Visibility.NONE:
        return str(phrases.no_dashboards.in_(lang))
    frequency = phrases.visibility[population.dashboard_visibility].in_(lang)
    if population.dashboards_seen_by:
        return str(phrases.dashboards.in_(lang, frequency=frequency, who=population.dashboards_seen_by))
    return str(phrases.dashboards_seen_by_management.in_(lang, frequency=frequency))
