"""Catalogue of the five steps of an engagement (seed 004's four steps, framed by
seeds 000 and 003): framing → target vision → impact diagnosis → Change plan
(with its training plan) → run and steer.

Each step states its purpose, the questions a consultant must be able to answer
before leaving it, the pitfalls the seeds name and the deliverables it
produces. A pitfall the engagement data can reveal carries a `check`: the
message `playbook.analysis.checks` shows when it detects the pitfall. The
method handbook and the training notebooks are written from this catalogue.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from .dimensions import Bilingual, SeedRef, Strict

StepCode = Literal["framing", "target_vision", "impact_diagnosis", "change_plan", "run_and_steer"]
STEP_ORDER: tuple[str, ...] = (
    "framing", "target_vision", "impact_diagnosis", "change_plan", "run_and_steer",
)

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Deliverable(Strict):
    code: Code
    name: Bilingual


class Check(Strict):
    """How a detected pitfall is reported; placeholders depend on the check."""

    code: Code
    severity: Literal["warning", "info"] = "warning"
    # who reads it: a point to watch for the client, or a note on the intake for
    # the consultant only (review notebook), never printed in a deliverable
    audience: Literal["client", "consultant"] = "client"
    message: Bilingual
    params: dict[str, Any] = Field(default_factory=dict)


class Pitfall(Strict):
    code: Code
    text: Bilingual
    seeds: list[SeedRef] = Field(min_length=1)
    check: Check | None = None


class Step(Strict):
    code: StepCode
    label: Bilingual
    purpose: Bilingual
    key_questions: list[Bilingual] = Field(min_length=1)
    pitfalls: list[Pitfall] = Field(min_length=1)
    deliverables: list[Deliverable] = Field(default_factory=list)
    seeds: list[SeedRef] = Field(min_length=1)


class Catalogue(Strict):
    """`steps.yaml`."""

    steps: list[Step]

    @model_validator(mode="after")
    def _ordered(self) -> Catalogue:
        if tuple(s.code for s in self.steps) != STEP_ORDER:
            raise ValueError(f"steps must be exactly, in this order: {list(STEP_ORDER)}")
        checks = [c.code for c in self.checks()]
        if len(set(checks)) != len(checks):
            raise ValueError("check codes must be unique across steps")
        deliverables = [d.code for s in self.steps for d in s.deliverables]
        if len(set(deliverables)) != len(deliverables):
            raise ValueError("deliverable codes must be unique across steps")
        return self

    @property
    def codes(self) -> list[str]:
        return [s.code for s in self.steps]

    def step(self, code: str) -> Step:
        for step in self.steps:
            if step.code == code:
                return step
        raise KeyError(code)

    def checks(self) -> list[Check]:
        return [p.check for s in self.steps for p in s.pitfalls if p.check is not None]

    def check(self, code: str) -> Check:
        for check in self.checks():
            if check.code == code:
                return check
        raise KeyError(code)

    def deliverable(self, code: str) -> Deliverable:
        for step in self.steps:
            for deliverable in step.deliverables:
                if deliverable.code == code:
                    return deliverable
        raise KeyError(code)
