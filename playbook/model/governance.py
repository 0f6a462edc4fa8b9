"""Governance: sponsor, project manager, cross-functional team, key users,
administrators, COPIL and workshops (seeds 000, 001)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .enums import Seniority, Workshop, WorkshopStatus
from .types import Name, OptionalName, Record, Text


class Person(Record):
    name: Name
    role: Name


class TeamMember(Record):
    """A member of the cross-functional team (équipe transdisciplinaire)."""

    name: Name
    function: Name
    role: Name
    seniority: Seniority
    allocation: float = Field(ge=0, le=100, description="Share of time on the project, %.")
    released_from_daily_work: bool = False


class KeyUser(Record):
    """Key user / champion / super-user: trained first, then trains and relays."""

    name: Name
    population: Name
    territory: OptionalName = ""
    allocation: float = Field(default=0, ge=0, le=100)


class Administrator(Record):
    """A future CRM administrator, named early (seed 001, criterion 3)."""

    name: Name
    function: Name
    named_on: dt.date | None = None


class PlannedWorkshop(Record):
    """One of the four workshops of seed 000, with its date and participants."""

    workshop: Workshop
    date: dt.date
    participants: Text
    status: WorkshopStatus = WorkshopStatus.PLANNED
    notes: Text = ""


class Governance(Record):
    sponsor: Person
    project_manager: Person
    copil_every_weeks: int = Field(default=2, ge=1, le=12)
    weekly_points: bool = True
    team: list[TeamMember] = Field(default_factory=list)
    key_users: list[KeyUser] = Field(default_factory=list)
    administrators: list[Administrator] = Field(default_factory=list)
    workshops: list[PlannedWorkshop] = Field(default_factory=list)
