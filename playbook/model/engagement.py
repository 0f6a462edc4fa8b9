"""The engagement: everything a consultant knows about one client, in one object."""

from __future__ import annotations

from pydantic import Field

from .deployment import Lot, UseCase
from .engagement_info import EngagementInfo
from .experience import JourneyStep, Persona
from .governance import Governance
from .measurements import Attendance, KpiReading, PulseResult
from .objectives import Objective
from .populations import Impact, Population, Relation, Resistance
from .progress import ActionRecord
from .steering import AdoptionKpi, CriterionAssessment
from .territories import Territory
from .training import Blackout, TrainingConstraints
from .types import Record


class Engagement(Record):
    """Root of the model. Field order is the order of the intake workbook's sheets.

    Validating an `Engagement` checks each record; `consistency.find_inconsistencies`
    checks what ties records together (references, dates, unique names), so that
    the intake can report every problem at once with its place.
    """

    engagement: EngagementInfo
    governance: Governance
    objectives: list[Objective] = Field(default_factory=list)
    success_criteria: list[CriterionAssessment] = Field(default_factory=list)
    lots: list[Lot] = Field(default_factory=list)
    use_cases: list[UseCase] = Field(default_factory=list)
    territories: list[Territory] = Field(default_factory=list)
    populations: list[Population] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    impacts: list[Impact] = Field(default_factory=list)
    resistances: list[Resistance] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    journeys: list[JourneyStep] = Field(default_factory=list)
    kpis: list[AdoptionKpi] = Field(default_factory=list)
    training: TrainingConstraints = Field(default_factory=TrainingConstraints)
    action_status: list[ActionRecord] = Field(default_factory=list)
    # Step 5, run and steer: what was measured after go-live (may stay empty).
    kpi_readings: list[KpiReading] = Field(default_factory=list)
    attendance: list[Attendance] = Field(default_factory=list)
    pulse_results: list[PulseResult] = Field(default_factory=list)

    # Convenience look-ups used by the method; cheap, so not cached.
    def population(self, name: str) -> Population:
        for population in self.populations:
            if population.name == name:
                return population
        raise KeyError(name)

    def lot(self, name: str) -> Lot:
        for lot in self.lots:
            if lot.name == name:
                return lot
        raise KeyError(name)

    @property
    def client(self) -> str:
        return self.engagement.client

    @property
    def language(self) -> str:
        return self.engagement.language.value

    @property
    def territory_names(self) -> list[str]:
        """Territories where populations work, in the order they first appear."""
        seen: dict[str, None] = {}
        for population in self.populations:
            seen.setdefault(population.territory, None)
        return list(seen)

    def territory(self, name: str) -> Territory:
        """The territory described under `name` (case-insensitive); a territory
        nobody described (the national default) has neutral management and no
        local sponsor."""
        for territory in self.territories:
            if territory.name.casefold() == name.casefold():
                return territory
        return Territory(name=name)

    def blackouts_for(self, territory: str) -> list[Blackout]:
        """Periods when nobody of `territory` can train: its own and everyone's."""
        return [
            b for b in self.training.blackouts
            if not b.territory or b.territory.casefold() == territory.casefold()
        ]

    def lots_of(self, population: str) -> list[Lot]:
        """Lots in which a population goes live, earliest first."""
        return sorted(
            (lot for lot in self.lots if population in lot.populations),
            key=lambda lot: lot.go_live,
        )
