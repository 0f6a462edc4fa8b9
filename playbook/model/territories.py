"""Territories of a roll-out: regions, countries or networks, each with its own
management, relays and calendar (seed 004: "le territoire réticent").

A territory is described once and every population working there names it, so
its management's stance and its local sponsor are facts of the territory, not
repeated (and possibly contradicted) on each population. A population of the
national default territory spans the whole country and needs no description.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from .enums import Stance
from .types import Name, OptionalName, Record, Text

# The territory of a population that spans the whole country.
NATIONAL = "National"


class Territory(Record):
    name: Name
    local_management: Stance = Field(
        default=Stance.NEUTRAL, description="Local management's stance towards the project."
    )
    local_sponsor: OptionalName = Field(
        default="", description="The person who carries the project locally; empty: nobody yet."
    )
    local_sponsor_role: OptionalName = ""
    holidays_region: OptionalName = Field(
        default="",
        description="ISO 3166 code of the territory's public holidays when they differ from "
        "the engagement's country: a country (DE) or a subdivision (FR-57, DE-BY); "
        "empty: the country's holidays.",
    )
    specifics: Text = Field(
        default="", description="What makes this territory different (market, organisation, history)."
    )

    @field_validator("holidays_region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if not value:
            return value
        from .engagement_info import holiday_region  # the holidays library, read once

        return holiday_region(value)

    @property
    def has_local_sponsor(self) -> bool:
        return bool(self.local_sponsor)

