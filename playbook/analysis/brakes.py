"""Detect the brakes of the catalogue for every population (seed 004, 002).

A brake is found when one of its signals holds on the population's facts, or
when a resistance tied to it was observed in interviews; an observation
confirms a detected brake and raises its severity. Signals, severities and
reason sentences are data (`brakes.yaml`); this module only evaluates them.
"""

from __future__ import annotations

import re
from typing import Any

from ..method import Method
from ..model import Engagement, Resistance
from ..text import semicolon
from . import wording
from .facts import Facts, population_facts, reason_values
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
    classified, _ = classify_resistances(engagement, method, lang, facts)
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
                (r, how) for r, how in classified
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
                    lang, source=", ".join(filter(None, (source_word(method, r.source, lang),
                                                         r.who))),
                    evidence=wording.unquote(r.evidence),
                ) + (f"{semicolon(lang)}{how}" if how else "")
                for r, how in observed
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


def classify_resistances(
    engagement: Engagement, method: Method, lang: str, facts: dict[str, Facts] | None = None,
) -> tuple[list[tuple[Resistance, str]], list[Resistance]]:
    """Every observed resistance with its brake, and how the method classified those
    recorded without one ('' when the consultant gave it): the brake whose cues
    the observation's words hold most (ties: the one the population's own signals
    show strongest), else the strongest brake its signals show. Second: those
    neither way could classify."""
    catalogue = method.brakes
    facts = facts or population_facts(engagement, method)
    classified: list[tuple[Resistance, str]] = []
    unclassified: list[Resistance] = []
    for resistance in engagement.resistances:
        if resistance.brake is not None:
            classified.append((resistance, ""))
            continue
        known = facts.get(resistance.population, {})
        strength = {
            entry.code: max((s.severity for s in entry.signals if known and s.holds(known)), default=0)
            for entry in catalogue.brakes
        }
        cued = {entry.code: _words(resistance.evidence, entry.cues_in(resistance.evidence))
                for entry in catalogue.brakes}
        by_words = [code for code, words in cued.items() if words]
        if by_words:
            brake = max(by_words, key=lambda code: (len(cued[code]), strength[code]))
            how = catalogue.severity.classified_by_words.in_(
                lang, brake=catalogue.brake(brake).label.in_(lang), words=", ".join(cued[brake]))
        elif any(strength.values()):
            brake = max(strength, key=lambda code: strength[code])
            how = catalogue.severity.classified_by_signals.in_(
                lang, brake=catalogue.brake(brake).label.in_(lang))
        else:
            unclassified.append(resistance)
            continue
        classified.append((resistance.model_copy(update={"brake": brake}), how))
    return classified, unclassified


def _words(text: str, cues: list[str]) -> list[str]:
    """The observation's own words that hold the cues ('fliqué' for the cue 'fliqu')."""
    found: list[str] = []
    for cue in cues:
        match = re.search(rf"\w*{re.escape(cue)}\w*", text, flags=re.IGNORECASE)
        if match and match.group(0) not in found:
            found.append(match.group(0))
    return found


def source_word(method: Any, source: str, lang: str) -> str:
    """Where a resistance was heard, in `lang` when it is one of the usual words
    ("interview", "survey", "workshop"); any other source as the consultant typed it."""
    key = f"common.resistance_source.{source.strip().lower()}"
    return method.labels.get(key, lang) if source and method.labels.has(key) else source
