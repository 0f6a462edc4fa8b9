"""The training catalogue (`training.yaml`): formats, modules, evaluation, support.

Seed 000: users must be trained, at least with a user guide, and accompanied in
their first steps; training waves follow the deployment lots. Seed 001: the
people who will run and administer the CRM get continuous training. Seed 002:
training belongs in every new hire's onboarding. Practice adds the rest: needs
from tool impact and IT comfort, train-the-trainer with key users first,
Kirkpatrick's four levels. The engine is `playbook.analysis.training_plan`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..model.enums import Dimension, HierarchyLevel, Level
from .levers import Bilingual, Strict

FormatCode = Literal["classroom", "virtual", "e_learning", "train_the_trainer", "coaching", "user_guide"]
Audience = Literal["end_user", "manager", "key_user", "administrator", "non_user_awareness", "new_hire"]
KirkpatrickLevel = Literal["reaction", "learning", "behaviour", "results"]


class Format(Strict):
    label: Bilingual
    description: Bilingual
    group_size: int | None = Field(
        default=None, ge=1, description="Largest group for this format; none: self-paced."
    )
    led_by_trainer: bool = Field(description="Sessions need a trainer (and count in trainer-days).")


class Trigger(Strict):
    """When a population needs the module; every field given must hold."""

    crm_user: bool | None = None
    min_dimension: dict[Dimension, int] | None = None
    min_impact: int | None = Field(default=None, ge=0, le=3)
    it_comfort: list[Level] | None = None
    levels: list[HierarchyLevel] | None = None
    later_lot: bool | None = Field(
        default=None, description="The population goes live again in a later lot."
    )
    receives_tasks: bool | None = Field(
        default=None, description="The population inherits tasks another population did."
    )


class Module(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    objectives: list[Bilingual] = Field(min_length=1)
    audience: Audience
    format: FormatCode
    hours: float = Field(gt=0, le=40)
    trigger: Trigger | None = Field(
        default=None,
        description="For end_user / manager / non_user_awareness modules; key users, "
        "administrators and new hires are read from governance and headcounts.",
    )
    prerequisite: str | None = None
    seeds: list[str] = Field(min_length=1)


class EvaluationLevel(Strict):
    level: KirkpatrickLevel
    label: Bilingual
    measure: Bilingual
    instrument: Bilingual
    weeks_after_go_live: int = Field(description="When it is measured; 0: at the end of each session.")


class SupportOffer(Strict):
    id: str
    label: Bilingual
    description: Bilingual
    weeks_after_go_live: int = Field(ge=0, description="How long it runs after each go-live.")


class Catalogue(Strict):
    source: Bilingual
    day_hours: float = Field(gt=0, le=10, description="Hours in a training day (trainer- and learner-days).")
    trainer_buffer_weeks: int = Field(
        default=1, ge=0, le=8,
        description="Train-the-trainer ends at least this many weeks before the first "
        "end-user session it prepares.",
    )
    key_users_co_train: bool = Field(
        default=True,
        description="When the trainers cannot hold training after acceptance testing, key users "
        "trained and prepared count as co-trainers.",
    )
    group_across_populations: bool = Field(
        default=True,
        description="People of different populations who follow the same module in the same lot, "
        "wave and site share sessions, each population within its own group size and share away.",
    )
    formats: dict[FormatCode, Format]
    modules: list[Module] = Field(min_length=1)
    evaluation: list[EvaluationLevel] = Field(min_length=4, max_length=4)
    support: list[SupportOffer] = Field(min_length=1)
    texts: dict[str, Bilingual]

    @model_validator(mode="after")
    def _coherent(self) -> Catalogue:
        problems: list[str] = []
        ids = [module.id for module in self.modules]
        for module in self.modules:
            if ids.count(module.id) > 1:
                problems.append(f"modules: {module.id!r} listed twice")
            if module.format not in self.formats:
                problems.append(f"modules: {module.id!r}: format {module.format!r} not described")
            if module.prerequisite and module.prerequisite not in ids:
                problems.append(f"modules: {module.id!r}: unknown prerequisite {module.prerequisite!r}")
            if module.prerequisite == module.id:
                problems.append(f"modules: {module.id!r} cannot be its own prerequisite")
            needs_trigger = module.audience in ("end_user", "manager", "non_user_awareness")
            if needs_trigger and module.trigger is None:
                problems.append(f"modules: {module.id!r}: a {module.audience} module needs a trigger")
        for audience in ("key_user", "administrator", "new_hire"):
            if not any(m.audience == audience for m in self.modules):
                problems.append(f"modules: no module for the {audience!r} audience")
        levels = [e.level for e in self.evaluation]
        if sorted(levels) != sorted(("reaction", "learning", "behaviour", "results")):
            problems.append("evaluation: the four Kirkpatrick levels, once each")
        for key in (
            "onboarding_lot", "window_too_short", "unscheduled", "group_capped", "wave_preparatory",
            "wave_end_users", "key_users", "administrators", "all_lots", "need_key_users",
            "need_administrators", "need_later_lot", "no_key_user", "capacity_short",
            "capacity_blocked", "capacity_partly", "capacity_no_window", "capacity_topic_trainers", "capacity_topic_go_live",
            "capacity_topic_or", "capacity_topic_none", "capacity_later_go_live", "capacity_no_later", "buffer_short",
        ):
            if key not in self.texts:
                problems.append(f"texts: {key!r} missing")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)
