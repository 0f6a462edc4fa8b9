"""Detect the brakes of the catalogue for every population (seed 004, 002).

A brake is found when one of its signals holds on the population's facts, or
when a resistance tied to it was observed in interviews; an observation
confirms a detected brake and raises its severity. Signals, severities and
reason sentences are data (`brakes.yaml`); this module only evaluates them.
"""

from __future__ import annotations

from ..method import Method
from ..model import Engagement
from . import wording
from .facts import population_facts, reason_values
from .records import BrakeFinding


def detect_brakes(
    engagement: Engagement, method: Method, lang: str | None = None
) -> tuple[BrakeFinding, ...]:
    """Every brake found, population by population (intake order), each population's
    brakes in catalogue order; reasons in `lang` cite the inputs that triggered them.
    """
    lang = lang or engagement.language
    catalogue = method.brakes
    facts = population_facts(engagement, method)
    findings: list[BrakeFinding] = []
    for population in engagement.populations:
        known = facts[population.name]
        values: dict[str, str] | None = None
        for entry in catalogue.brakes:
            # Strongest signal first: it is the brake's main reason.
            matched = sorted(
                (signal for signal in entry.signals if signal.holds(known)),
                key=lambda signal: -signal.severity,
            )
            observed = [
                r for r in engagement.resistances
                if r.population == population.name and r.brake == entry.code
            ]
            severity = catalogue.severity.severity([s.severity for s in matched], bool(observed))
            if severity == 0:
                continue
            if values is None:
                values = reason_values(engagement, method, population, known, lang)
            reasons = [signal.reason.in_(lang, **values) for signal in matched]
            reasons += [
                catalogue.severity.observed_reason.in_(
                    lang, source=r.source, evidence=wording.unquote(r.evidence)
                )
                for r in observed
            ]
            findings.append(
                BrakeFinding(
                    population=population.name,
                    brake=entry.code.value,
                    severity=severity,
                    reasons=tuple(reasons),
                    observed=bool(observed),
                    signal_severities=tuple(s.severity for s in matched),
                )
            )
    return tuple(findings)
