"""The two human risks of change, rejection and misuse (seed 004), per population.

A risk's level is the strongest of its contributions: each detected brake feeds
the risks `brakes.yaml` says it feeds (severity × weight, rounded up), and the
direct rules of `risk_model` read the facts (e.g. resistant buy-in on a
strongly impacted population). Causes are ranked by contribution, so the main
reason printed is the cause that weighs most, not the first brake found. Every
population gets both risks, level 0 included, so a deliverable can show the
full table; `risk_model.requires` rules a risk out where it cannot arise (no
data entered, nothing to misuse).
"""

from __future__ import annotations

from ..method import Method
from ..method.brakes import RISK_KINDS
from ..model import Engagement
from .brakes import detect_brakes
from .facts import population_facts, reason_values
from .records import BrakeFinding, Cause, RiskAssessment


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
            required = catalogue.risk_model.requires.get(kind)
            if required is not None and not required.holds(known):
                assessments.append(
                    RiskAssessment(
                        population=population.name, kind=kind, level=0, reasons=(),
                        ruled_out=required.reason.in_(lang, **values),
                    )
                )
                continue
            causes: list[Cause] = []
            for finding in found:
                entry = catalogue.brake(finding.brake)
                for feed in entry.feeds:
                    if feed.risk == kind:
                        causes.append(
                            Cause(
                                source=finding.brake,
                                contribution=finding.severity * feed.weight,
                                level=feed.contribution(finding.severity),
                                reason=catalogue.risk_model.from_brake.in_(
                                    lang,
                                    brake=entry.label.in_(lang),
                                    severity=finding.severity,
                                    detail=finding.reasons[0],
                                ),
                            )
                        )
            for rule in catalogue.risk_model.rules:
                if rule.risk == kind and rule.holds(known):
                    causes.append(Cause("rule", float(rule.level), rule.level, rule.reason.in_(lang, **values)))
            # Strongest first; on a tie the stronger rounded level, then catalogue order.
            causes.sort(key=lambda cause: (-cause.contribution, -cause.level))
            assessments.append(
                RiskAssessment(
                    population=population.name,
                    kind=kind,
                    level=max((cause.level for cause in causes), default=0),
                    reasons=tuple(cause.reason for cause in causes),
                    causes=tuple(causes),
                )
            )
    return tuple(assessments)
