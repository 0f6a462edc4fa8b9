"""The levers catalogue (`levers.yaml`): what the Change plan can do for a population.

Seed 004 asks to activate three levers for every population, differentiated:
Understand / Want / Be able (Comprendre / Vouloir / Pouvoir). Each lever of the
catalogue says which pillar it serves, when in the project it happens (a phase
anchored on a lot milestone), who owns it, what it costs, what it is expected to
bring, and under which conditions the method recommends it. The engine
(`playbook.analysis.change_plan`) only reads these rules: a firm changes its
method by editing the YAML, not the code.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model.enums import Brake, BuyIn, CrmObligation, Dimension, HierarchyLevel, Level, Stance
from ..text import check_lang
from .brakes import Condition as BrakeCondition
from .brakes import _parse_when as parse_when

Pillar = Literal["understand", "want", "be_able"]
PhaseCode = Literal["design", "acceptance", "pre_go_live", "go_live", "post_go_live"]
Quadrant = Literal["quick_win", "major", "filler", "questionable"]
Anchor = Literal["design_start", "acceptance_start", "go_live"]
Adkar = Literal["awareness", "desire", "knowledge", "ability", "reinforcement"]

PILLARS: tuple[Pillar, ...] = ("understand", "want", "be_able")
PHASES: tuple[str, ...] = ("design", "acceptance", "pre_go_live", "go_live", "post_go_live")


class Strict(BaseModel):
    """Catalogue records: an unknown key is a typo in an adapted catalogue."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    """A text in both deliverable languages; neither may be empty."""

    fr: str
    en: str

    @field_validator("fr", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value

    def in_(self, lang: str, **values: object) -> str:
        text: str = getattr(self, check_lang(lang))
        return text.format(**values) if values else text


class PillarInfo(Strict):
    label: Bilingual
    adkar: Bilingual = Field(description="How the pillar maps onto ADKAR.")
    description: Bilingual
    defaults: list[str] = Field(
        min_length=1,
        description="Levers given, in this order of preference, to an impacted "
        "population whose pillar no rule filled (seed 004: every population, all three).",
    )


class PhaseInfo(Strict):
    label: Bilingual
    anchor: Anchor
    offset_weeks: int = Field(description="Weeks from the anchor milestone (negative: before).")


class Condition(Strict):
    """Facts about a population; every field given must hold (AND).

    A lever's `when` is a list of conditions (OR): the first one that holds is
    the reason cited in the plan. Thresholds are minimums only, so that more
    impact can never take a lever away.
    """

    min_impact: int | None = Field(default=None, ge=0, le=3)
    buy_in: list[BuyIn] | None = None
    brakes: list[Brake] | None = None
    crm_user: bool | None = None
    levels: list[HierarchyLevel] | None = None
    min_dimension: dict[Dimension, int] | None = None
    receives_tasks: bool | None = None
    it_comfort: list[Level] | None = None
    local_management: list[Stance] | None = None
    external: bool | None = Field(
        default=None, description="Employed by another company (dealer, franchisee, broker...)."
    )
    crm_obligation: list[CrmObligation] | None = None

    @field_validator("min_dimension")
    @classmethod
    def _intensities(cls, value: dict[Dimension, int] | None) -> dict[Dimension, int] | None:
        for dimension, intensity in (value or {}).items():
            if not 0 <= intensity <= 3:
                raise ValueError(f"{dimension.value}: intensity must be 0..3")
        return value


class Effort(Strict):
    """Typical effort of the lever in person-days of the project side.

    per: `population` (fixed per population), `session` (per group of
    `group_size` people of the population, or of the audience for a cross
    action), `event` (per occurrence), `impacted_population` (cross actions:
    per impacted population), `training_plan` (costed in the training plan,
    not here, so it is never counted twice).
    """

    days: float = Field(ge=0)
    per: Literal["population", "session", "event", "impacted_population", "training_plan"]
    group_size: int | None = Field(default=None, ge=1)
    max_units: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _group(self) -> Effort:
        if self.per == "session" and self.group_size is None:
            raise ValueError("an effort per session needs a group_size")
        return self


class Repeat(Strict):
    """A recurring action (seed 004: communicate regularly, not one blast)."""

    every_weeks: int = Field(ge=1, le=26)
    count: int | None = Field(default=None, ge=1)
    until: PhaseCode | None = Field(default=None, description="Until this phase of the last lot.")
    each_lot: bool = Field(
        default=False,
        description="Cross actions: the series starts again at each lot (e.g. adoption "
        "reviews after every go-live), not only at the first.",
    )

    @model_validator(mode="after")
    def _bounded(self) -> Repeat:
        if (self.count is None) == (self.until is None):
            raise ValueError("give exactly one of count or until")
        return self


class CountryWording(Strict):
    """How a lever is named where a country has its own mechanism for it (the
    employee representatives: a French CSE is informed and consulted, a German
    works council must agree): what replaces the lever's neutral wording for an
    engagement of that country."""

    label: Bilingual
    description: Bilingual
    short: Bilingual | None = None
    audience: Bilingual | None = None


class Lever(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    description: Bilingual
    short: Bilingual | None = Field(
        default=None,
        description="The lever in a few words, for the glossary a client looks levers up in; "
        "`description` says it in full where the lever is argued (the method handbook).",
    )
    pillar: Pillar
    adkar: Adkar
    phase: PhaseCode
    offset_weeks: int = 0
    moments: list[PhaseCode] = Field(
        default_factory=list, description="Further phases at which the action recurs."
    )
    repeat: Repeat | None = None
    duration_weeks: int = Field(
        default=1, ge=1, le=26,
        description="How long one occurrence runs: its effort is spread over these weeks.",
    )
    training_formats: list[str] = Field(
        default_factory=list,
        description="Costed in the training plan: the training formats whose waves date it.",
    )
    owner: str
    scope: Literal["population", "cross", "governance"] = Field(
        description="governance: planned only to fill a gap of the engagement's governance "
        "(see `missing_roles`), never chosen by rules."
    )
    audience: Bilingual | None = Field(default=None, description="Who it is for (cross actions).")
    min_people: int | None = Field(
        default=None, ge=1,
        description="A cross lever worth running only from this many impacted people: below it, "
        "the project team and the managers reach everyone directly.",
    )
    pairs: bool = Field(
        default=False,
        description="The action pairs the population with those it exchanges tasks with "
        "(walk in my shoes): both are named in the plan.",
    )
    effort: Effort
    effect: int = Field(ge=1, le=3, description="Expected effect, 1 low to 3 high.")
    requires: Condition | None = Field(
        default=None, description="Hard filter: never given to a population failing it."
    )
    when: list[Condition] = Field(
        default_factory=list,
        description="Recommendation rules (OR). Empty on a cross lever: always planned.",
    )
    seeds: list[str] = Field(min_length=1)
    countries: dict[str, CountryWording] = Field(
        default_factory=dict,
        description="ISO country code (DE, FR) -> the lever's wording for an engagement of "
        "that country; elsewhere the neutral wording above.",
    )

    @field_validator("countries")
    @classmethod
    def _country_codes(cls, value: dict[str, CountryWording]) -> dict[str, CountryWording]:
        for code in value:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ValueError(f"{code!r} is not an ISO country code (DE, FR)")
        return value

    def in_country(self, country: str) -> Lever:
        """The lever as an engagement of `country` (ISO code, a subdivision allowed:
        DE-BY) names it: its country wording, else itself."""
        wording = self.countries.get(country.partition("-")[0].upper())
        if wording is None:
            return self
        fields = ("label", "description", "short", "audience")
        return self.model_copy(update={name: getattr(wording, name) for name in fields
                                       if getattr(wording, name) is not None})

    @property
    def summary(self) -> Bilingual:
        """What a glossary prints: `short`, or the full description of a lever an
        adapted catalogue gives none."""
        return self.short or self.description


class Priority(Strict):
    """How the COPIL's ranking weighs an action: what it achieves for how many
    people, against what it costs."""

    reach_exponent: float = Field(ge=0, le=1, description="Weight of the people reached.")
    quick_wins: int = Field(
        ge=1, le=12, description="How many quick wins the plan lists apart to start at once "
        "(the first of the ranking, one per lever): a long list of them is no priority."
    )
    description: Bilingual
    rationale: Bilingual | None = Field(
        default=None, description="Why the ranking comes in that order, in the client's words: "
        "the deliverables say it, the formula (`description`) stays in the method's handbook. "
        "Without it the deliverables give `description`.")

    def reading(self, lang: str) -> str:
        """What a client reads of the ranking: its rationale, else its description."""
        return (self.rationale or self.description).in_(lang)


class MissingRole(Strict):
    """What the plan does when an owner role has nobody in the engagement's governance:
    the action goes to `fallback`, and `gap_action` (if any) comes first to fill the gap."""

    fallback: str
    gap_action: str | None = None


class ExternalPopulations(Strict):
    """What changes when a population is employed by another company (a dealer, a
    franchisee, a broker...): the client's HR, managers and budget do not reach it."""

    description: Bilingual
    excluded: list[str] = Field(
        default_factory=list,
        description="Levers that act through the client's own employment (objectives, "
        "staffing, the management line): never planned for an external population.",
    )
    owners: dict[str, str] = Field(
        default_factory=dict,
        description="Owner role -> the role that carries the action with the partner company.",
    )
    no_gap_actions: bool = Field(
        default=True,
        description="No governance gap action (e.g. name a local sponsor) inside a company "
        "the client does not employ.",
    )


class CountryRule(Strict):
    """What a country's law or practice requires of a roll-out, as method data: when
    its conditions hold for some populations (facts of `brakes.yaml`, e.g. `country:
    FR`), the governance lever `lever` is planned for them, its reason citing
    `source`. A firm adds its own rules to `levers.yaml`."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    lever: str
    when: list[BrakeCondition] = Field(min_length=1)
    reason: Bilingual = Field(description="Placeholders: {populations}, {source}.")
    source: Bilingual

    @field_validator("when", mode="before")
    @classmethod
    def _parse(cls, raw: object) -> object:
        return parse_when(raw)

    def holds(self, facts: dict[str, object]) -> bool:
        return all(condition.holds(facts) for condition in self.when)


class Catalogue(Strict):
    source: Bilingual
    pillars: dict[Pillar, PillarInfo]
    phases: dict[PhaseCode, PhaseInfo]
    owners: dict[str, Bilingual]
    reasons: dict[str, Bilingual]
    warnings: dict[Literal["high_impact_no_lever", "milestone_closed", "owner_unnamed", "late_after_go_live",
                           "open_after_go_live", "late_after_go_live_action", "late_after_go_live_more"], Bilingual]
    milestones: dict[Literal["design_start", "acceptance_start", "acceptance_end", "go_live"], Bilingual]
    closures: dict[Literal["weekend", "holiday"], Bilingual]
    quadrants: dict[Quadrant, Bilingual]
    levers: list[Lever] = Field(min_length=1)
    missing_roles: dict[str, MissingRole] = Field(default_factory=dict)
    external_populations: ExternalPopulations
    country_rules: list[CountryRule] = Field(default_factory=list)
    owner_functions: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Owner role -> words of a team member's function or role that make them "
        "its named owner (the first member matching, in team order).",
    )
    owner_capacity: dict[str, float] = Field(
        description="Owner role -> days a week it can give the plan's actions when the "
        "engagement gives no allocation for the people behind it (late work is re-planned "
        "within it).",
    )
    population_owners: list[str] = Field(
        default_factory=list,
        description="Owner roles each population holds with its own people (its managers, "
        "its key users): their capacity counts for each population apart.",
    )
    priority: Priority

    REASON_KEYS: ClassVar[tuple[str, ...]] = (
        "sentence", "min_impact", "buy_in", "brake", "crm_user", "non_crm_user", "level",
        "dimension", "receives_tasks", "it_comfort", "local_management", "default",
        "cross_always", "cross_matched", "cross_brakes", "cited", "separator", "list_separator",
        "governance_gap", "governance_gap_rollout", "owner_fallback", "paired_from", "paired_to",
        "external", "crm_obligation", "owner_external", "owner_unnamed_role",
    )

    @model_validator(mode="after")
    def _coherent(self) -> Catalogue:
        problems = [*self._missing_entries(), *self._lever_problems(), *self._default_problems()]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _missing_entries(self) -> list[str]:
        problems: list[str] = []
        for name in PILLARS:
            if name not in self.pillars:
                problems.append(f"pillars: {name!r} missing")
        for phase in PHASES:
            if phase not in self.phases:
                problems.append(f"phases: {phase!r} missing")
        for key in self.REASON_KEYS:
            if key not in self.reasons:
                problems.append(f"reasons: {key!r} missing")
        return problems

    def _lever_problems(self) -> list[str]:
        problems: list[str] = []
        seen: set[str] = set()
        for lever in self.levers:
            if lever.id in seen:
                problems.append(f"levers: {lever.id!r} listed twice")
            seen.add(lever.id)
            if lever.owner not in self.owners:
                problems.append(f"levers: {lever.id!r}: unknown owner {lever.owner!r}")
            if lever.scope == "cross" and lever.audience is None:
                problems.append(f"levers: {lever.id!r}: a cross action needs an audience")
            if lever.scope == "cross" and lever.effort.per == "population":
                problems.append(f"levers: {lever.id!r}: a cross action is not costed per population")
            if lever.scope == "population" and lever.effort.per == "impacted_population":
                problems.append(f"levers: {lever.id!r}: 'impacted_population' is for cross actions")
        return problems

    def _rule_problems(self, by_id: dict[str, Lever]) -> list[str]:
        """Country rules plan governance levers; external populations' settings name known ones."""
        problems: list[str] = []
        for rule in self.country_rules:
            lever = by_id.get(rule.lever)
            if lever is None or lever.scope != "governance":
                problems.append(f"country_rules.{rule.code}: {rule.lever!r} must be a governance lever")
        for role in self.owners:
            if not self.owner_capacity.get(role, 0) > 0:
                problems.append(f"owner_capacity: {role!r} needs days a week above 0")
        for role in [*self.owner_capacity, *self.population_owners]:
            if role not in self.owners:
                problems.append(f"owner_capacity: unknown owner {role!r}")
        for role in self.owner_functions:
            if role not in self.owners:
                problems.append(f"owner_functions: unknown owner {role!r}")
        external = self.external_populations
        for lever_id in external.excluded:
            if lever_id not in by_id:
                problems.append(f"external_populations.excluded: unknown lever {lever_id!r}")
        for role, carrier in external.owners.items():
            for name in (role, carrier):
                if name not in self.owners:
                    problems.append(f"external_populations.owners: unknown owner {name!r}")
        return problems

    def _default_problems(self) -> list[str]:
        problems: list[str] = []
        by_id = {lever.id: lever for lever in self.levers}
        for role, missing in self.missing_roles.items():
            for name in (role, missing.fallback):
                if name not in self.owners:
                    problems.append(f"missing_roles.{role}: unknown owner {name!r}")
            gap = by_id.get(missing.gap_action or "")
            if missing.gap_action and (gap is None or gap.scope != "governance"):
                problems.append(f"missing_roles.{role}: {missing.gap_action!r} must be a governance lever")
        problems += self._rule_problems(by_id)
        for name, pillar in self.pillars.items():
            for lever_id in pillar.defaults:
                default = by_id.get(lever_id)
                if default is None:
                    problems.append(f"pillars.{name}.defaults: unknown lever {lever_id!r}")
                elif default.pillar != name or default.scope != "population":
                    problems.append(
                        f"pillars.{name}.defaults: {lever_id!r} must be a population lever of this pillar"
                    )
        return problems

    def in_country(self, country: str) -> Catalogue:
        """The catalogue as an engagement of `country` reads it: each lever with its
        country wording, where the method gives one."""
        localised = [lever.in_country(country) for lever in self.levers]
        if all(new is old for new, old in zip(localised, self.levers, strict=True)):
            return self
        return self.model_copy(update={"levers": localised})

    def lever(self, lever_id: str) -> Lever:
        for lever in self.levers:
            if lever.id == lever_id:
                return lever
        raise KeyError(lever_id)

    def ids(self) -> list[str]:
        return [lever.id for lever in self.levers]
