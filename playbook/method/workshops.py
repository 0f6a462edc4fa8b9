"""Catalogue of the four workshops seed 000 plans at the key steps of a CRM
project: target vision, customer journeys, CRM use cases, action plan.

Workshops are how buy-in is won (seed 000: "le format des ateliers favorise
l'adhésion, l'implication et la cohésion des équipes"); each entry says what it
is for, who should be in the room, what comes out and when it happens, so the
framing note can plan them and the handbook can teach them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from ..model.enums import Workshop
from .dimensions import Bilingual, SeedRef, Strict

if TYPE_CHECKING:  # the loader imports this module
    from .loader import Method


class WorkshopEntry(Strict):
    code: Workshop
    label: Bilingual
    purpose: Bilingual
    participants: Bilingual = Field(description="The ideal participants.")
    outputs: list[Bilingual] = Field(min_length=1)
    when: Bilingual
    step: str = Field(description="Code of the engagement step it belongs to (steps.yaml).")
    seeds: list[SeedRef] = Field(min_length=1)


class Catalogue(Strict):
    """`workshops.yaml`."""

    workshops: list[WorkshopEntry]

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        codes = [w.code for w in self.workshops]
        if len(codes) != len(Workshop) or set(codes) != set(Workshop):
            raise ValueError(f"workshops must list each workshop exactly once: {Workshop.codes()}")
        return self

    def workshop(self, code: str | Workshop) -> WorkshopEntry:
        code = getattr(code, "value", code)
        for entry in self.workshops:
            if entry.code.value == code:
                return entry
        raise KeyError(code)

    def cross_check(self, method: Method) -> list[str]:
        """Each workshop's step must be a step of the engagement (steps.yaml)."""
        steps = set(method.steps.codes)
        return [
            f"workshops.{entry.code.value}.step: unknown step {entry.step!r}"
            for entry in self.workshops
            if entry.step not in steps
        ]
