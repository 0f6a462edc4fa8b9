"""The two human risks of change, rejection and misuse (seed 004), per population.

A risk's level is the strongest of its contributions: each detected brake feeds
the risks `brakes.yaml` says it feeds (severity × weight, rounded up), and the
direct rules of `risk_model` read the facts (e.g. resistant buy-in on a
strongly impacted population). Every population gets both risks, level 0
included, so a deliverable can show the full table.
"""

from __future__ import annotations

from ..method import Method
from ..method.brakes import RISK_KINDS
from ..model import Engagement
from .brakes import detect_brakes
from .facts import population_facts, reason_values
from .records import BrakeFinding, RiskAssessment


def assess_risks(
    engagement: Engagement,
    method: Method,
    lang: str | None = None,
    brakes: tuple[BrakeFinding, ...] | None = None,
) -> tuple[RiskAssessment, ...]:
    """Rejection then misuse for each population (intake order); reasons strongest
    first. Pass `brakes` when already detected, to avoid detecting them twice.
    """
    lang = lang or engagement.language
    catalogue = method.brakes
    if brakes is None:
        brakes = detect_brakes(engagement, method, lang)
    facts = population_facts(engagement, method)
    assessments: list[RiskAssessment] = []
    for population in engagement.populations:
        known = facts[population.name]
        values = reason_values(engagement, method, population, known, lang)
        found = [b for b in brakes if b.population == population.name]
        for kind in RISK_KINDS:
            contributions: list[tuple[int, str]] = []
            for finding in found:
                entry = catalogue.brake(finding.brake)
                for feed in entry.feeds:
                    if feed.risk == kind:
                        contributions.append(
                            (
                                feed.contribution(finding.severity),
                                catalogue.risk_model.from_brake.in_(
                                    lang,
                                    brake=entry.label.in_(lang),
                                    severity=finding.severity,
                                    detail=finding.reasons[0],
                                ),
                            )
                        )
            for rule in catalogue.risk_model.rules:
                if rule.risk == kind and rule.holds(known):
                    contributions.append((rule.level, rule.reason.in_(lang, **values)))
            contributions.sort(key=lambda item: -item[0])
            assessments.append(
                RiskAssessment(
                    population=population.name,
                    kind=kind,
                    level=max((level for level, _ in contributions), default=0),
                    reasons=tuple(reason for _, reason in contributions),
                )
            )
    return tuple(assessments)
