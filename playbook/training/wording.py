"""Brake signals put in words, for trainees and for the method handbook.

A signal of `brakes.yaml` is a set of conditions over facts
(`evaluated_on: {in: [handling_time, volume]}`). A trainee told "this brake has no
signal here" needs to read which condition fails and what the case says
instead; the handbook prints the same conditions as the rule a consultant
checks. Fact names and operators are worded in `labels.training.yaml`, enum
values in `vocabulary.yaml`, so an adapted method reads in its own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..method.brakes import Condition
    from ..method.loader import Method

# fact -> vocabulary of its values (vocabulary.yaml)
FACT_VOCABULARY = {
    "level": "hierarchy_level",
    "it_comfort": "level",
    "buy_in": "buy_in",
    "evaluated_on": "evaluation_basis",
    "mandatory_data_entry": "data_entry",
    "local_management": "stance",
    "dashboard_visibility": "visibility",
}


def fact_label(method: Method, fact: str, lang: str) -> str:
    if fact.startswith("impact."):
        dimension = method.term("dimension", fact.split(".", 1)[1], lang)
        return method.text("training.facts.impact_dimension", lang, dimension=dimension)
    return method.text(f"training.facts.{fact}", lang)


def value_text(method: Method, fact: str, value: Any, lang: str) -> str:
    """A fact's value in words: yes/no, a vocabulary label, a number, a list with "or"."""
    if isinstance(value, list):
        joiner = method.text("training.values.or", lang)
        return joiner.join(value_text(method, fact, v, lang) for v in value)
    value = value.value if isinstance(value, Enum) else value
    if isinstance(value, bool):
        return method.text(f"training.values.{str(value).lower()}", lang)
    if fact in FACT_VOCABULARY:
        return method.term(FACT_VOCABULARY[fact], value, lang)
    return str(value)


def condition_text(method: Method, condition: Condition, lang: str,
                   facts: dict[str, Any] | None = None) -> str:
    """"evaluated on: Handling time or Activity volume (here: Quality of work)";
    without `facts`, the rule alone."""
    expected = method.text(f"training.operators.{condition.op}", lang,
                           value=value_text(method, condition.fact, condition.value, lang))
    fact = fact_label(method, condition.fact, lang)
    if facts is None:
        return method.text("training.condition_rule", lang, fact=fact, expected=expected)
    actual = value_text(method, condition.fact, facts[condition.fact], lang)
    return method.text("training.condition", lang, fact=fact, expected=expected, actual=actual)


def rule_text(method: Method, conditions: Sequence[Condition], lang: str,
              facts: dict[str, Any] | None = None) -> str:
    """All conditions of one signal, joined with "and"."""
    joiner = method.text("training.conditions_joiner", lang)
    return joiner.join(condition_text(method, c, lang, facts) for c in conditions)


def failing(conditions: list[Any], facts: dict[str, Any]) -> list[Any]:
    """The conditions that do not hold on `facts`: what is absent for the signal."""
    return [c for c in conditions if not c.holds(facts)]


def seeds_text(seeds: list[str], lang: str = "en") -> str:
    """The source texts cited by name ("Parent et Mitève, s. d. ; Synolia, 2020")."""
    from ..method.sources import cite

    return cite(list(seeds), lang)
