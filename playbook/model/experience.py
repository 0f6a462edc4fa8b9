"""Personas and user journeys (seed 002)."""

from __future__ import annotations

from pydantic import Field

from .enums import JourneyStage, Level, Priority
from .types import Name, Record, Text


class Persona(Record):
    name: Name
    population: Name
    portrait: Text
    it_comfort: Level
    customer_service_sense: Level = Level.MEDIUM
    loses_by_sharing: bool = False
    fears: Text = ""
    difficulties: Text = ""
    successes: Text = ""
    view_of_tool: Text = ""
    quote: Text = ""


class JourneyStep(Record):
    """One stage of a population's user journey, today and in the target."""

    population: Name
    stage: JourneyStage
    current: Text
    pain_point: Text = ""
    target: Text
    improvement: Text = ""
    priority: Priority = Priority.SHOULD
    effort_days: float = Field(default=0, ge=0)
