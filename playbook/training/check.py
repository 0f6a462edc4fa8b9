"""Compare a trainee's practice diagnosis with the engine's, and explain each difference.

The engine's diagnosis of the case is the reference: the populations of the
map, the brakes it detects (with the signals that triggered them), the two
risks per population and the levers the Change plan chooses on Understand /
Want / Be able. Every difference becomes a `Remark` whose message gives the
method's reasoning (what was missed, why it matters, which seed says so), in
the words of `labels.training.yaml` and of the catalogues themselves.

    feedback = check(answer, "contact_centre")           # a bundled case
    feedback = check(answer, engagement, lang="fr")      # any Engagement
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import diagnose, population_facts
from ..analysis.change_plan import choose_levers
from ..analysis.change_plan_inputs import profiles
from ..analysis.engine import Analysis
from ..analysis.records import Diagnosis
from ..method import Method, load_method
from ..method.brakes import RISK_KINDS
from ..method.levers import PILLARS
from ..model import Engagement, HierarchyLevel
from ..text import quoted, render
from . import wording
from .answer import Answer, AnswerError, Vocabulary, closest_population, match_population
from .cases import bundled_case, load_case, population_aliases
from .feedback import Feedback, Remark

MANAGER_LEVELS = {HierarchyLevel.MANAGER, HierarchyLevel.TEAM_LEADER}

# Feedback order: what matters most first (a forgotten population outweighs a lever).
ORDER = (
    "missing_population", "unknown_population", "missing_brake", "unfounded_brake",
    "unknown_brake", "risk_kind", "risk_level", "missing_risk", "brake_not_addressed",
    "pillar_without_lever", "lever_pillar", "lever_off_target", "unknown_lever",
)


@dataclass(frozen=True)
class Reference:
    """The engine's diagnosis of one case, in the shape of an answer."""

    engagement: Engagement
    method: Method
    lang: str
    diagnosis: Diagnosis
    levers: dict[str, dict[str, list[str]]]  # population -> pillar -> lever ids
    # A bundled case's population names in the other language -> the name in `lang`.
    aliases: Mapping[str, str] = field(default_factory=dict)

    def brakes_of(self, population: str) -> dict[str, Any]:
        return {b.brake: b for b in self.diagnosis.brakes_of(population)}

    def as_answer(self) -> dict[str, Any]:
        """The answer a trainee who saw everything the engine sees would give."""
        names = [p.name for p in self.engagement.populations]
        return {
            "populations": names,
            "brakes": {n: [b.brake for b in self.diagnosis.brakes_of(n)] for n in names},
            "risks": {n: {k: self.diagnosis.risk(n, k).level for k in RISK_KINDS} for n in names},
            "levers": {n: {p: list(ids) for p, ids in pillars.items()}
                       for n, pillars in self.levers.items()},
        }


def reference(case_or_engagement: Any, lang: str = "en",
              method: Method | str | Path | None = None) -> Reference:
    """The engine's diagnosis and lever choices for a case name, file, `Engagement` or `Analysis`."""
    if isinstance(case_or_engagement, Analysis):
        method = method or case_or_engagement.method
        engagement = case_or_engagement.engagement
    elif isinstance(case_or_engagement, Engagement):
        engagement = case_or_engagement
    else:
        engagement = load_case(case_or_engagement, lang)
    aliases = _aliases(case_or_engagement, lang)
    if not isinstance(method, Method):
        method = load_method(method or None)
    diagnosis = diagnose(engagement, method, lang)
    levers: dict[str, dict[str, list[str]]] = {}
    for name, profile in profiles(engagement, diagnosis).items():
        chosen = choose_levers(profile, method)
        if chosen:
            levers[name] = {p: [i for i in chosen if method.levers.lever(i).pillar == p]
                            for p in PILLARS}
    return Reference(engagement, method, lang, diagnosis, levers, aliases)


def _aliases(case: Any, lang: str) -> dict[str, str]:
    """Other-language population names of a bundled case (by name or path), else none."""
    name = bundled_case(case) if isinstance(case, str | Path) else None
    return population_aliases(name, lang) if name else {}


def solution(case_or_engagement: Any, lang: str = "en",
             method: Method | str | Path | None = None) -> dict[str, Any]:
    """The engine's own diagnosis of a case, as an answer dict (for the debrief)."""
    return reference(case_or_engagement, lang, method).as_answer()


def check(answer: Mapping[str, Any] | Answer, case_or_engagement: Any, lang: str = "en",
          method: Method | str | Path | None = None) -> Feedback:
    """Feedback on `answer` against the engine's diagnosis of the case, in `lang`."""
    if lang not in ("fr", "en"):
        raise AnswerError(f"lang must be 'fr' or 'en', not {lang!r}")
    ref = reference(case_or_engagement, lang, method)
    return _Checker(Answer.from_dict(answer, lang), ref).run()


class _Checker:
    def __init__(self, answer: Answer, ref: Reference):
        self.answer = answer
        self.ref = ref
        self.m = ref.method
        self.lang = ref.lang
        self.vocab = Vocabulary(self.m)
        self.names = [p.name for p in ref.engagement.populations]
        self.facts = population_facts(ref.engagement, self.m)
        self.remarks: list[Remark] = []
        self.credits: list[Remark] = []  # what the answer got right, with the method's reason
        self.earned = 0.0
        self.possible = 0.0
        self.unknown: set[str] = set()

    # ---------------------------------------------------------------- helpers

    def t(self, key: str, **values: Any) -> str:
        return self.m.text(f"training.{key}", self.lang, **values)

    def remark(self, kind: str, subject: str, message: str, seeds: list[str] | str = "") -> None:
        seed = seeds if isinstance(seeds, str) else wording.seeds_text(seeds, self.lang)
        self.remarks.append(Remark(kind, subject, " ".join(message.split()), seed))

    def credit(self, kind: str, subject: str, key: str, **values: Any) -> None:
        self.credits.append(Remark(kind, subject, " ".join(self.t(f"credits.{key}", **values).split())))

    def population(self, typed: str) -> str | None:
        """The case population a typed name means; an unknown name is remarked once."""
        found = match_population(typed, self.names)
        if found is None and self.ref.aliases:
            other = match_population(typed, list(self.ref.aliases))
            found = self.ref.aliases.get(other) if other else None
        if found is None and typed not in self.unknown:
            self.unknown.add(typed)
            guess = closest_population(typed, self.names)
            suggestion = self.t("remarks.did_you_mean", name=guess) if guess else ""
            self.remark("unknown_population", typed,
                        self.t("remarks.unknown_population", name=typed, suggestion=suggestion))
            self.possible += 1
        return found

    def by_population(self, section: dict[str, Any]) -> dict[str, Any]:
        resolved: dict[str, Any] = {}
        for typed, value in section.items():
            name = self.population(typed)
            if name is not None:
                resolved[name] = value
        return resolved

    def brake_label(self, code: str) -> str:
        return self.m.brakes.brake(code).label.in_(self.lang)

    def lever_label(self, lever_id: str) -> str:
        return self.m.levers.lever(lever_id).label.in_(self.lang)

    def risk_label(self, kind: str) -> str:
        return self.m.brakes.risk(kind).label.in_(self.lang).lower()

    def pitfall(self, code: str) -> tuple[str, list[str]]:
        """A pitfall of `steps.yaml`, worded as such, and its seeds ("" if a firm removed it)."""
        for step in self.m.steps.steps:
            for pitfall in step.pitfalls:
                if pitfall.code == code:
                    text = self.t("remarks.pitfall", text=pitfall.text.in_(self.lang))
                    return text, list(pitfall.seeds)
        return "", []

    def names_list(self, items: list[str]) -> str:
        return ", ".join(quoted(i, self.lang) for i in items)

    # ---------------------------------------------------------------- checks

    def run(self) -> Feedback:
        brakes = self.by_population(self.answer.brakes)
        risks = self.by_population(self.answer.risks)
        levers = self.by_population(self.answer.levers)
        mapped = {n for n in (self.population(p) for p in self.answer.populations) if n}
        mapped |= set(brakes) | set(risks) | set(levers)
        for name in self.names:
            if name in mapped:
                self.earned += 1
                self.possible += 1
                self.credit("population", name, "population", population=name)
                self.check_brakes(name, brakes.get(name, []))
                self.check_risks(name, risks.get(name, {}))
            else:
                self.missing_population(name)
        for name, pillars in levers.items():
            self.check_levers(name, pillars)
        return self.feedback()

    def missing_population(self, name: str) -> None:
        population = self.ref.engagement.population(name)
        facts = self.facts[name]
        found = self.ref.diagnosis.brakes_of(name)
        self.possible += 1 + len(found)
        phrases = self.m.brakes.phrases
        parts = [self.t(
            "remarks.missing_population", population=name,
            headcount=self.m.brakes.phrases.people.in_(self.lang, n=population.headcount),
            crm_status=(phrases.crm_user if population.crm_user else phrases.not_crm_user).in_(self.lang),
            impact=facts["impact_level"])]
        seeds = ["004"]
        if not population.crm_user:
            text, pitfall_seeds = self.pitfall("users_only")
            parts.append(self.t("remarks.missing_population_non_user", population=name, pitfall=text))
            parts.append(self.t("remarks.quote"))
            seeds += pitfall_seeds
        sources = [p.name for p in self.ref.engagement.populations if name in p.shifts_tasks_to]
        if sources:
            text, pitfall_seeds = self.pitfall("forgotten_receivers")
            parts.append(self.t("remarks.missing_population_receiver",
                                sources=self.names_list(sources), pitfall=text))
            seeds += pitfall_seeds
        if population.level in MANAGER_LEVELS:
            text, pitfall_seeds = self.pitfall("single_level")
            parts.append(self.t("remarks.missing_population_manager", pitfall=text))
            seeds += pitfall_seeds
        if found:
            worst = max(self.ref.diagnosis.risks, key=lambda r: (r.population == name, r.level))
            parts.append(self.t("remarks.missing_population_brakes",
                                brakes=", ".join(self.brake_label(b.brake) for b in found),
                                risk=self.risk_label(worst.kind), level=worst.level))
        self.remark("missing_population", name, " ".join(parts), seeds)

    def check_brakes(self, name: str, typed: list[str]) -> None:
        claimed: list[str] = []
        for text in typed:
            code = self.vocab.brake(text)
            if code is None:
                known = ", ".join(b.label.in_(self.lang) for b in self.m.brakes.brakes)
                self.remark("unknown_brake", name, self.t("remarks.unknown_brake", name=text, known=known))
            elif code not in claimed:
                claimed.append(code)
        found = self.ref.brakes_of(name)
        for code, finding in found.items():
            self.possible += 1
            if code in claimed:
                self.earned += 1
                self.credit("brake", name, "brake", brake=self.brake_label(code), population=name,
                            signals=" ".join(finding.reasons))
                continue
            entry = self.m.brakes.brake(code)
            message = self.t("remarks.missing_brake", brake=entry.label.in_(self.lang),
                             population=name, severity=finding.severity,
                             signals=" ".join(finding.reasons),
                             description=entry.description.in_(self.lang))
            if finding.observed:
                message += " " + self.t("remarks.missing_brake_observed")
            self.remark("missing_brake", name, message, list(entry.seeds))
        for code in claimed:
            if code in found:
                continue
            self.possible += 1
            entry = self.m.brakes.brake(code)
            facts = self.facts[name]
            signals = " ".join(
                self.t("remarks.unfounded_brake_signal", signal=signal.name(self.lang),
                       missing=wording.rule_text(self.m, wording.failing(signal.when, facts),
                                                 self.lang, facts))
                for signal in entry.signals
            )
            message = self.t("remarks.unfounded_brake", brake=entry.label.in_(self.lang),
                             population=name, signals=signals)
            message += " " + self.t("remarks.unfounded_brake_advice")
            self.remark("unfounded_brake", name, message, list(entry.seeds))

    def check_risks(self, name: str, typed: dict[str, Any]) -> None:
        given: dict[str, int] = {}
        for text, value in typed.items():
            kind = self.vocab.risk(text)
            if kind is None:
                raise AnswerError(render("answer.not_a_risk", self.lang, where=f"risks[{name!r}]",
                                         value=repr(text)))
            level = self.vocab.level(value)
            if level is None:
                raise AnswerError(render("answer.not_a_level", self.lang,
                                         where=f"risks[{name!r}][{text!r}]", value=repr(value)))
            given[kind] = level
        expected = {k: self.ref.diagnosis.risk(name, k) for k in RISK_KINDS}
        for kind, assessment in expected.items():
            entry = self.m.brakes.risk(kind)
            if kind not in given:
                if assessment.level >= 2:
                    self.possible += 1
                    self.remark("missing_risk", name, self.t(
                        "remarks.missing_risk", risk=self.risk_label(kind), population=name,
                        expected=assessment.level, reason=assessment.reasons[0]), list(entry.seeds))
                continue
            self.possible += 1
            gap = abs(given[kind] - assessment.level)
            self.earned += 1 if gap == 0 else 0.5 if gap == 1 else 0
            if gap == 0:
                self.credit("risk", name, "risk", risk=self.risk_label(kind), population=name,
                            level=self.t(f"risk_levels.{assessment.level}"))
            if gap:
                reasons = " ".join(assessment.reasons[:2]) or self.t("remarks.risk_level_none")
                self.remark("risk_level", name, self.t(
                    "remarks.risk_level", risk=self.risk_label(kind), population=name,
                    given=given[kind], expected=assessment.level, reasons=reasons), list(entry.seeds))
        if len(given) == len(RISK_KINDS):
            mine = _dominant(given)
            theirs = _dominant({k: a.level for k, a in expected.items()})
            if mine and theirs and mine != theirs:
                entry = self.m.brakes.risk(theirs)
                self.remark("risk_kind", name, self.t(
                    "remarks.risk_kind", population=name, given=self.risk_label(mine),
                    expected=self.risk_label(theirs), description=entry.description.in_(self.lang)),
                    list(entry.seeds))

    def check_levers(self, name: str, typed: dict[str, list[str]]) -> None:
        catalogue = self.m.levers
        chosen: list[str] = []
        for pillar_text, items in typed.items():
            pillar = self.vocab.pillar(pillar_text)
            if pillar is None:
                raise AnswerError(self.t("remarks.unknown_pillar", name=pillar_text))
            for text in items:
                lever_id = self.vocab.lever(text)
                if lever_id is None:
                    self.remark("unknown_lever", name, self.t("remarks.unknown_lever", name=text))
                    continue
                lever = catalogue.lever(lever_id)
                if lever.pillar != pillar:
                    info = catalogue.pillars[lever.pillar]
                    self.remark("lever_pillar", name, self.t(
                        "remarks.lever_pillar", lever=lever.label.in_(self.lang),
                        expected=info.label.in_(self.lang),
                        given=catalogue.pillars[pillar].label.in_(self.lang),
                        description=info.description.in_(self.lang)), list(lever.seeds))
                if lever_id not in chosen:
                    chosen.append(lever_id)
        engine = self.ref.levers.get(name, {})
        engine_ids = [i for ids in engine.values() for i in ids]
        for pillar in PILLARS:
            self.possible += 1
            covering = [i for i in chosen if catalogue.lever(i).pillar == pillar]
            if covering:
                self.earned += 1
                self.credit("pillar", name, "pillar", population=name,
                            pillar=catalogue.pillars[pillar].label.in_(self.lang),
                            levers=", ".join(self.lever_label(i) for i in covering))
                continue
            info = catalogue.pillars[pillar]
            suggestion = (engine.get(pillar) or info.defaults)[0]
            self.remark("pillar_without_lever", name, self.t(
                "remarks.pillar_without_lever", population=name, pillar=info.label.in_(self.lang),
                adkar=info.adkar.in_(self.lang), description=info.description.in_(self.lang),
                suggestion=self.lever_label(suggestion)), self.t("seeds.three_pillars"))
        found = self.ref.brakes_of(name)
        for code, finding in found.items():
            against = [i for i in self.m.brakes.brake(code).levers if i in engine_ids]
            if not against:
                continue
            if any(i in chosen for i in against):
                self.credit("brake_addressed", name, "brake_addressed", population=name,
                            brake=self.brake_label(code),
                            levers=", ".join(self.lever_label(i) for i in against if i in chosen))
                continue
            self.possible += 1
            self.remark("brake_not_addressed", name, self.t(
                "remarks.brake_not_addressed", population=name, brake=self.brake_label(code),
                severity=finding.severity,
                levers=", ".join(self.lever_label(i) for i in against)),
                list(self.m.brakes.brake(code).seeds))
        targets = _lever_targets(self.m)
        for lever_id in chosen:
            aims = targets.get(lever_id, [])
            if lever_id in engine_ids or not aims or any(b in found for b in aims):
                continue
            self.possible += 1
            self.remark("lever_off_target", name, self.t(
                "remarks.lever_off_target", lever=self.lever_label(lever_id), population=name,
                brakes=", ".join(self.brake_label(b) for b in aims)),
                list(catalogue.lever(lever_id).seeds))

    def feedback(self) -> Feedback:
        score = round(self.earned / self.possible, 2) if self.possible else 1.0
        if not self.remarks:
            score = 1.0
        kinds = {k.split(".")[-1]: self.m.text(k, self.lang)
                 for k in self.m.labels.keys() if k.startswith("training.kinds.")}
        texts = {
            "title": self.t("feedback.title", case=self.ref.engagement.client),
            "score": self.t("feedback.score", score=round(score * 100)),
            "perfect": self.t("feedback.perfect"),
            "seed_prefix": self.t("feedback.seed", seeds="").strip(),
            **{f"column_{c}": self.t(f"feedback.columns.{c}")
               for c in ("kind", "subject", "message", "seed")},
        }
        remarks = sorted(self.remarks, key=lambda r: ORDER.index(r.kind))
        return Feedback(self.ref.engagement.client, self.lang, remarks, score,
                        kinds, texts, credits=self.credits)


def _dominant(levels: dict[str, int]) -> str | None:
    """The kind strictly above the other, or None when they are level."""
    ordered = sorted(levels.items(), key=lambda item: -item[1])
    if len(ordered) < 2 or ordered[0][1] == ordered[1][1]:
        return None
    return ordered[0][0]


def _lever_targets(method: Method) -> dict[str, list[str]]:
    """lever id -> the brakes `brakes.yaml` recommends it against."""
    targets: dict[str, list[str]] = {}
    for entry in method.brakes.brakes:
        for lever_id in entry.levers:
            targets.setdefault(lever_id, []).append(entry.code.value)
    return targets
