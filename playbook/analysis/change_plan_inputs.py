"""What the Change plan and the training plan read about each population.

Facts come from the engagement (buy-in, headcount, role...) and conclusions from
the impact diagnosis (overall impact level, intensities per dimension, brakes
detected). Gathering them once keeps both plans reading the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import MethodError
from ..model import Dimension, Engagement, Population, RelationKind, Stance, Territory
from .records import Diagnosis

LEVEL_COLUMN = "level"


@dataclass(frozen=True)
class Profile:
    population: Population
    impact: int  # overall impact level 0..3 from the diagnosis
    dimensions: dict[str, int]  # dimension code -> intensity 0..3
    brakes: dict[str, int] = field(default_factory=dict)  # brake code -> severity 1..3
    receives_from: tuple[str, ...] = ()  # populations whose tasks it inherits
    hands_to: tuple[str, ...] = ()  # populations that inherit its tasks
    received_tasks: tuple[str, ...] = ()  # the tasks, in the client's words, one per giver
    territory: Territory | None = None  # where it works (None: the national default)

    @property
    def name(self) -> str:
        return self.population.name

    @property
    def task_partners(self) -> tuple[str, ...]:
        """The populations it exchanges tasks with, either way (pairs of "walk in my shoes")."""
        return tuple(dict.fromkeys(self.receives_from + self.hands_to))

    def task_sources(self) -> str:
        """'North reps, South reps (order entry), Inside sales' — who hands tasks over,
        and which (givers of the same tasks cited together)."""
        by_tasks: dict[str, list[str]] = {}
        for name, tasks in zip(self.receives_from, self.received_tasks, strict=True):
            by_tasks.setdefault(tasks, []).append(name)
        return ", ".join(
            ", ".join(names) + (f" ({tasks})" if tasks else "") for tasks, names in by_tasks.items()
        )

    @property
    def local_management(self) -> Stance:
        return self.territory.local_management if self.territory else Stance.NEUTRAL

    def intensity(self, dimension: str) -> int:
        return self.dimensions.get(dimension, 0)


def profiles(engagement: Engagement, diagnosis: Diagnosis) -> dict[str, Profile]:
    """One profile per population of the engagement, in the engagement's order."""
    levels = diagnosis.levels
    if LEVEL_COLUMN not in levels.columns:
        raise MethodError(
            f"the diagnosis has no {LEVEL_COLUMN!r} column in its levels table "
            f"(found: {', '.join(map(str, levels.columns))})"
        )
    brakes: dict[str, dict[str, int]] = {}
    for finding in diagnosis.brakes:
        if finding.severity <= 0:
            continue
        own = brakes.setdefault(finding.population, {})
        own[finding.brake] = max(own.get(finding.brake, 0), finding.severity)
    receives: dict[str, list[str]] = {}
    tasks: dict[str, list[str]] = {}
    hands: dict[str, list[str]] = {}
    for population in engagement.populations:
        for target in population.shifts_tasks_to:
            receives.setdefault(target, []).append(population.name)
            tasks.setdefault(target, []).append(population.shifted_tasks)
            hands.setdefault(population.name, []).append(target)
    for relation in engagement.relations:  # "receives tasks from", told from the other side
        if relation.relation != RelationKind.RECEIVES_TASKS_FROM:
            continue
        if relation.other in receives.get(relation.population, []):
            continue
        receives.setdefault(relation.population, []).append(relation.other)
        tasks.setdefault(relation.population, []).append(relation.detail)
        hands.setdefault(relation.other, []).append(relation.population)
    result = {}
    for population in engagement.populations:
        name = population.name
        result[name] = Profile(
            population=population,
            impact=int(levels.at[name, LEVEL_COLUMN]) if name in levels.index else 0,
            dimensions=_intensities(diagnosis.matrix, name),
            brakes=brakes.get(name, {}),
            receives_from=tuple(receives.get(name, ())),
            hands_to=tuple(hands.get(name, ())),
            received_tasks=tuple(tasks.get(name, ())),
            territory=engagement.territory(population.territory),
        )
    return result


def _intensities(matrix: pd.DataFrame, name: str) -> dict[str, int]:
    if name not in matrix.index:
        return {}
    row = matrix.loc[name]
    codes = set(Dimension.codes())  # the matrix may carry other columns (headcount)
    return {str(c): int(v) for c, v in row.items() if str(c) in codes and pd.notna(v)}
