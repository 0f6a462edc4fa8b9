"""Matching the levers catalogue's conditions against a population, and the
sentences that say why a lever was chosen.

A condition that holds returns the clauses it checked (impact, buy-in, brake
and its severity...), so the reason printed in the plan cites exactly the
inputs that selected the lever, in the deliverable's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..method import Method
from ..method.levers import Condition
from ..text.typography import inline
from .change_plan_inputs import Profile

Clause = tuple[str, dict[str, Any]]

# reason placeholder -> vocabulary of its code (labels in vocabulary.yaml)
_TERMS = {
    "buy_in": "buy_in",
    "obligation": "crm_obligation",
    "kind": "organisation_kind",
    "brake": "brake",
    "level": "hierarchy_level",
    "dimension": "dimension",
    "it_comfort": "level",
    "stance": "stance",
}


def match(condition: Condition, profile: Profile) -> list[Clause] | None:
    """The clauses of `condition` if every one of them holds, else None."""
    clauses: list[Clause] = []
    for check in _CHECKS:
        found = check(condition, profile)
        if found is None:
            return None
        clauses += found
    return clauses


# Each check reads one field of a condition: [] when the condition does not use
# it, the clause(s) citing the population when it holds, None when it fails.
Check = Callable[[Condition, Profile], list[Clause] | None]


def _min_impact(condition: Condition, profile: Profile) -> list[Clause] | None:
    if condition.min_impact is None:
        return []
    if profile.impact < condition.min_impact:
        return None
    return [("min_impact", {"impact": profile.impact})]


def _dimensions(condition: Condition, profile: Profile) -> list[Clause] | None:
    clauses: list[Clause] = []
    for dimension, minimum in (condition.min_dimension or {}).items():
        intensity = profile.intensity(dimension.value)
        if intensity < minimum:
            return None
        clauses.append(("dimension", {"dimension": dimension.value, "intensity": intensity}))
    return clauses


def _brakes(condition: Condition, profile: Profile) -> list[Clause] | None:
    if condition.brakes is None:
        return []
    found = [b.value for b in condition.brakes if b.value in profile.brakes]
    if not found:
        return None
    worst = max(found, key=lambda code: profile.brakes[code])
    return [brake_clause(worst, profile.brakes[worst])]


def _receives_tasks(condition: Condition, profile: Profile) -> list[Clause] | None:
    if condition.receives_tasks is None:
        return []
    if bool(profile.receives_from) != condition.receives_tasks:
        return None
    if condition.receives_tasks:
        return [("receives_tasks", {"sources": profile.task_sources()})]
    return []


def _crm_user(condition: Condition, profile: Profile) -> list[Clause] | None:
    if condition.crm_user is None:
        return []
    if profile.population.crm_user != condition.crm_user:
        return None
    return [("crm_user" if condition.crm_user else "non_crm_user", {})]


def _one_of(field: str, attribute: str, clause: str, name: str) -> Check:
    """The check of a condition field listing allowed codes of a population
    attribute (`levels` allows `population.level`), or of its profile when the
    population does not hold it (`local_management` is its territory's): cites the code."""

    def check(condition: Condition, profile: Profile) -> list[Clause] | None:
        allowed = getattr(condition, field)
        if allowed is None:
            return []
        holder = profile.population if hasattr(profile.population, attribute) else profile
        value = getattr(holder, attribute)
        if value not in allowed:
            return None
        return [(clause, {name: value.value})]

    return check


def _external(condition: Condition, profile: Profile) -> list[Clause] | None:
    if condition.external is None:
        return []
    population = profile.population
    if population.external != condition.external:
        return None
    if not population.external:
        return []
    return [("external", {"kind": population.organisation_kind.value,
                          "organisation": population.organisation or population.name})]


# In the order the clauses are cited.
_CHECKS: tuple[Check, ...] = (
    _min_impact,
    _dimensions,
    _one_of("buy_in", "buy_in", "buy_in", "buy_in"),
    _brakes,
    _receives_tasks,
    _crm_user,
    _one_of("levels", "level", "level", "level"),
    _one_of("it_comfort", "it_comfort", "it_comfort", "it_comfort"),
    _one_of("local_management", "local_management", "local_management", "stance"),
    _external,
    _one_of("crm_obligation", "crm_obligation", "crm_obligation", "obligation"),
)


def first_match(conditions: list[Condition], profile: Profile) -> list[Clause] | None:
    for condition in conditions:
        clauses = match(condition, profile)
        if clauses is not None:
            return clauses
    return None


def brake_clause(brake: str, severity: int) -> Clause:
    return ("brake", {"brake": brake, "severity": severity})


# terms a reason prints unquoted, mid-sentence: in lower case ("obligation to use
# the CRM: none"), where a quoted label keeps its capital ("hierarchy level 'Manager'")
_UNQUOTED = {"obligation"}
# levels on the method's 0-3 intensity scale, cited by their label
_LEVELS = {"impact", "intensity", "severity"}


def clause_text(clause: Clause, method: Method, lang: str) -> str:
    key, values = clause
    shown = {
        name: method.term(_TERMS[name], value, lang) if name in _TERMS else value
        for name, value in values.items()
    }
    shown.update({name: inline(str(shown[name])) for name in _UNQUOTED & set(shown)})
    # a buy-in is said of the population, its adjective agreed ("population
    # réticente"), never a label quoted after a noun of another gender
    if "buy_in" in values:
        shown["buy_in"] = method.text(f"common.buy_in.{getattr(values['buy_in'], 'value', values['buy_in'])}", lang)
    # a level is said in the method's words ("high"), never as the input's "3/3"
    shown.update({name: method.dimensions.intensity(int(values[name])).label.in_(lang).lower()
                  for name in _LEVELS & set(values)})
    return method.levers.reasons[key].in_(lang, **shown)


def sentence(population: str, clauses: list[Clause], method: Method, lang: str) -> str:
    """'<population>: clause; clause.' with each clause cited once."""
    return _phrase("sentence", population, clauses, method, lang)


def cited(population: str, clauses: list[Clause], method: Method, lang: str) -> str:
    """'<population> (clause; clause)', for lists of populations in one sentence."""
    return _phrase("cited", population, clauses, method, lang)


def _phrase(form: str, population: str, clauses: list[Clause], method: Method, lang: str) -> str:
    reasons = method.levers.reasons
    texts = list(dict.fromkeys(clause_text(clause, method, lang) for clause in clauses))
    last = reasons.get("last_separator")
    if last is not None and len(texts) > 1 and not any(mark in text for text in texts for mark in ",;"):
        # short clauses read as one phrase: "high overall impact, reluctant population and …"
        joined = reasons["list_separator"].in_(lang).join(texts[:-1]) + last.in_(lang) + texts[-1]
    else:  # a clause with its own commas keeps the clauses apart
        joined = reasons["separator"].in_(lang).join(texts)
    return reasons[form].in_(lang, population=population, clauses=joined)
