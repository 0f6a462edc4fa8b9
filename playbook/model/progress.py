"""What the consultant records of the plan's progress: actions done or cancelled.

Workshops carry their own status (`governance.PlannedWorkshop`). Change-plan
actions are derived by the method, so their progress is recorded against the
lever that produced them, the population it serves and, when a lever recurs,
the occurrence's planned date. Anything dated before the engagement's as-of
date with no record is late; the plan re-plans it from the as-of date, within its
owner's capacity.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .enums import ActionState
from .types import Name, OptionalName, Record, Text


class ActionRecord(Record):
    lever: Name = Field(description="The lever's code, as the Change plan lists it.")
    population: OptionalName = Field(
        default="", description="Empty: every population (and the cross-population action)."
    )
    planned: dt.date | None = Field(
        default=None,
        description="The occurrence's planned date; empty: every occurrence up to the as-of date.",
    )
    status: ActionState
    notes: Text = ""
