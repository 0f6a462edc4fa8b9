"""Populations, the impacts of the change on them, and observed resistances.

Every impacted group counts, users and non-users, every level and territory
(seed 004). The signal fields are facts a consultant gathers in interviews; the
method (not the model) turns them into brakes and risks.
"""

from __future__ import annotations

from pydantic import Field

from .enums import (
    Brake,
    BuyIn,
    DataEntry,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    Level,
    Stance,
)
from .types import Headcount, Intensity, Name, Record, Text


class Population(Record):
    name: Name
    function: Name
    level: HierarchyLevel
    territory: Name = Field(default="National")
    headcount: Headcount
    crm_user: bool
    it_comfort: Level
    buy_in: BuyIn
    description: Text = ""
    # Signals the method reads to detect brakes (seed 004).
    evaluated_on: EvaluationBasis = EvaluationBasis.NOT_INDIVIDUAL
    mandatory_data_entry: DataEntry = DataEntry.NONE
    activity_visible_to_management: bool = False
    shares_data_across_departments: bool = False
    members_in_competition: bool = False
    local_management: Stance = Stance.NEUTRAL
    shifts_tasks_to: list[Name] = Field(
        default_factory=list,
        description="Populations that inherit tasks this one used to do.",
    )
    new_hires_per_year: int = Field(default=0, ge=0)
    # Target vision (seed 004: what life looks like tomorrow, what they gain).
    life_tomorrow: Text = ""
    gains: Text = ""


class Impact(Record):
    """One change for one population on one dimension, on a 0-3 scale."""

    population: Name
    dimension: Dimension
    intensity: Intensity
    today: Text = ""
    tomorrow: Text = ""


class Resistance(Record):
    """A resistance observed in interviews, tied to a brake of the catalogue."""

    population: Name
    brake: Brake
    evidence: Text
    source: Name = "interview"
