"""The two human risks of change, rejection and misuse (seed 004), per population.

A risk's level is the strongest of its contributions: each detected brake feeds
the risks `brakes.yaml` says its mechanism produces (severity × weight, rounded
up), and the direct rules of `risk_model` read the facts (e.g. resistant buy-in
on a strongly impacted population). The main cause is the brake whose mechanism
produces the risk, weighed by the population's own evidence (its signals, a
resistance confirmed in interviews; `risk_model.cause_ranking`): two causes that
still weigh the same are given together, never settled by how common a brake is
in general. Buy-in then moderates the level (`risk_model.buy_in_moderation`).
Every population gets both risks, level 0 included, so a deliverable can show
the full table; `risk_model.requires` rules a risk out where it cannot arise (no
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
    model = catalogue.risk_model
    if brakes is None:
        brakes = detect_brakes(engagement, method, lang)
    facts = population_facts(engagement, method)
    assessments: list[RiskAssessment] = []
    for population in engagement.populations:
        known = facts[population.name]
        values = reason_values(engagement, method, population, known, lang)
        found = [b for b in brakes if b.population == population.name]
        for kind in RISK_KINDS:
            required = model.requires.get(kind)
            if required is not None and not required.holds(known):
                assessments.append(
                    RiskAssessment(
                        population=population.name, kind=kind, level=0, reasons=(),
                        ruled_out=required.reason.in_(lang, **values),
                    )
                )
                continue
            causes = [cause for finding in found
                      if (cause := _brake_cause(method, finding, kind, lang)) is not None]
            for rule in model.rules:
                if rule.risk == kind and rule.holds(known):
                    causes.append(Cause("rule", float(rule.level), rule.level, rule.reason.in_(lang, **values)))
            # Weightiest first; then a confirmed cause, then the stronger rounded
            # level. What still ties is given together (see `_main_reasons`).
            causes.sort(key=_rank)
            level = max((cause.level for cause in causes), default=0)
            moderated = model.buy_in_moderation.moderate(level, population.buy_in)
            note = ""
            if moderated != level:
                note = model.buy_in_moderation.reason.in_(
                    lang, buy_in=values["buy_in"].lower(), before=level, after=moderated
                )
            reasons = _main_reasons(method, causes, population.name, lang)
            assessments.append(
                RiskAssessment(
                    population=population.name,
                    kind=kind,
                    level=moderated,
                    reasons=reasons + ((note,) if note else ()),
                    causes=tuple(causes),
                    moderated=note,
                )
            )
    return tuple(assessments)


def _rank(cause: Cause) -> tuple[float, bool, int]:
    return (-round(cause.contribution, 6), not cause.observed, -cause.level)


def _brake_cause(method: Method, finding: BrakeFinding, kind: str, lang: str) -> Cause | None:
    """What `finding` makes of the risk `kind`, or None when its mechanism does not produce it."""
    catalogue = method.brakes
    entry = catalogue.brake(finding.brake)
    feed = next((f for f in entry.feeds if f.risk == kind), None)
    if feed is None:
        return None
    evidence = catalogue.risk_model.cause_ranking.evidence(
        finding.signal_severities, finding.observed, catalogue.severity.observed_only
    )
    return Cause(
        source=finding.brake,
        contribution=feed.weight * evidence,
        level=feed.contribution(finding.severity),
        reason=catalogue.risk_model.from_brake.in_(
            lang,
            brake=entry.label.in_(lang),
            severity=finding.severity,
            detail=_detail(finding),
            how=feed.how.in_(lang),
        ),
        observed=finding.observed,
    )


def _detail(finding: BrakeFinding) -> str:
    """The population's strongest signal, and what was heard in interviews when a
    resistance confirms it: the facts the cause rests on, in the client's words."""
    signals = finding.reasons[: len(finding.signal_severities)]
    observations = finding.reasons[len(finding.signal_severities):]
    parts = [*signals[:1], *observations[:1]]
    return " ".join(_sentence(part) for part in parts)


def _sentence(text: str) -> str:
    """A reason closed by a full stop, so the mechanism that follows reads apart."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…", "»", "”")) else text + "."


def _main_reasons(method: Method, causes: list[Cause], population: str, lang: str) -> tuple[str, ...]:
    reasons = tuple(cause.reason for cause in causes)
    if len(causes) >= 2 and _rank(causes[0]) == _rank(causes[1]) and causes[0].source != causes[1].source:
        tied = method.brakes.risk_model.tied.in_(
            lang, population=population, first=causes[0].reason, second=causes[1].reason
        )
        return (tied, *reasons[2:])
    return reasons
