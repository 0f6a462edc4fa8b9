"""Matching the levers catalogue's conditions against a population, and the
sentences that say why a lever was chosen.

A condition that holds returns the clauses it checked (impact, buy-in, brake
and its severity...), so the reason printed in the plan cites exactly the
inputs that selected the lever, in the deliverable's language.
"""

from __future__ import annotations

from typing import Any

from ..method import Method
from ..method.levers import Condition
from .change_plan_inputs import Profile

Clause = tuple[str, dict[str, Any]]

# reason placeholder -> vocabulary of its code (labels in vocabulary.yaml)
_TERMS = {
    "buy_in": "buy_in",
    "brake": "brake",
    "level": "hierarchy_level",
    "dimension": "dimension",
    "it_comfort": "level",
    "stance": "stance",
}


def match(condition: Condition, profile: Profile) -> list[Clause] | None:
    """The clauses of `condition` if every one of them holds, else None."""
    population = profile.population
    clauses: list[Clause] = []
    if condition.min_impact is not None:
        if profile.impact < condition.min_impact:
            return None
        clauses.append(("min_impact", {"impact": profile.impact}))
    for dimension, minimum in (condition.min_dimension or {}).items():
        intensity = profile.intensity(dimension.value)
        if intensity < minimum:
            return None
        clauses.append(("dimension", {"dimension": dimension.value, "intensity": intensity}))
    if condition.buy_in is not None:
        if population.buy_in not in condition.buy_in:
            return None
        clauses.append(("buy_in", {"buy_in": population.buy_in.value}))
    if condition.brakes is not None:
        found = [b.value for b in condition.brakes if b.value in profile.brakes]
        if not found:
            return None
        worst = max(found, key=lambda code: profile.brakes[code])
        clauses.append(brake_clause(worst, profile.brakes[worst]))
    if condition.receives_tasks is not None:
        if bool(profile.receives_from) != condition.receives_tasks:
            return None
        if condition.receives_tasks:
            clauses.append(("receives_tasks", {"sources": ", ".join(profile.receives_from)}))
    if condition.crm_user is not None:
        if population.crm_user != condition.crm_user:
            return None
        clauses.append(("crm_user" if condition.crm_user else "non_crm_user", {}))
    if condition.levels is not None:
        if population.level not in condition.levels:
            return None
        clauses.append(("level", {"level": population.level.value}))
    if condition.it_comfort is not None:
        if population.it_comfort not in condition.it_comfort:
            return None
        clauses.append(("it_comfort", {"it_comfort": population.it_comfort.value}))
    if condition.local_management is not None:
        if population.local_management not in condition.local_management:
            return None
        clauses.append(("local_management", {"stance": population.local_management.value}))
    return clauses


def first_match(conditions: list[Condition], profile: Profile) -> list[Clause] | None:
    for condition in conditions:
        clauses = match(condition, profile)
        if clauses is not None:
            return clauses
    return None


def brake_clause(brake: str, severity: int) -> Clause:
    return ("brake", {"brake": brake, "severity": severity})


def clause_text(clause: Clause, method: Method, lang: str) -> str:
    key, values = clause
    shown = {
        name: method.term(_TERMS[name], value, lang) if name in _TERMS else value
        for name, value in values.items()
    }
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
    joined = reasons["separator"].in_(lang).join(texts)
    return reasons[form].in_(lang, population=population, clauses=joined)
