"""Progressive deployment by lots, never Big Bang (seed 000), and the use cases
each lot delivers."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .enums import Priority
from .types import Name, OptionalName, Record, Text


class Lot(Record):
    """A deployment lot: functional blocks, the populations that go live, dates.

    design_start / acceptance_start / go_live are the milestones the Change plan
    dates its actions against; end-user training follows acceptance_end.
    """

    name: Name
    functional_blocks: list[Name] = Field(min_length=1)
    populations: list[Name] = Field(min_length=1)
    design_start: dt.date
    acceptance_start: dt.date
    go_live: dt.date
    acceptance_end: dt.date | None = Field(
        default=None,
        description="Last day of acceptance testing (empty: the eve of the end-user "
        "training window).",
    )


class UseCase(Record):
    name: Name
    description: Text = ""
    population: Name
    lot: Name
    priority: Priority
    functional_block: OptionalName = ""
