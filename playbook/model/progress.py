"""What the consultant records of the plan's progress: actions done or cancelled.

Workshops carry their own status (`governance.PlannedWorkshop`). Change-plan
actions are derived by the method, so their progress is recorded against the
action's stable id (as the plan and `playbook plan export` list it), or against
the lever that produced it, the population it serves and, when a lever recurs,
the occurrence's planned date. Anything dated before the engagement's as-of
date with no record is late; the plan re-plans it from the as-of date, within its
owner's capacity.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from .enums import ActionState
from .types import MAX_NAME, OptionalName, Record, Text, normalise_name

# An action's id as the plan prints it ("AK7QX"): typed in any case, read in capitals.
ActionId = Annotated[str, AfterValidator(normalise_name), AfterValidator(str.upper),
                     Field(max_length=MAX_NAME)]


class ActionRecord(Record):
    """One row of the `action_status` sheet. `playbook plan export` (and
    `intake-template --from`) writes one per planned action, with its id, wording,
    owner and date, so the consultant only ticks a status; a row typed by hand
    may name the action by lever, population and date instead of its id."""

    id: ActionId = Field(
        default="",
        description="The action's identifier as the Change plan lists it (A...); a row with one "
        "is matched on it alone.",
    )
    action: Text = Field(default="", description="The action as the plan words it (for reading).")
    population: OptionalName = Field(
        default="", description="Empty: every population (and the cross-population action)."
    )
    owner: Text = Field(default="", description="Who carries the action (for reading).")
    planned: dt.date | None = Field(
        default=None,
        description="The occurrence's planned date; empty: every occurrence up to the as-of date.",
    )
    status: ActionState | None = Field(
        default=None, description="Done or cancelled; empty: nothing recorded yet."
    )
    notes: Text = ""
    lever: OptionalName = Field(
        default="", description="The lever's code, as the Change plan lists it."
    )

    @model_validator(mode="after")
    def _names_an_action(self) -> ActionRecord:
        if not self.id and not self.lever:
            raise ValueError("a row names its action by its id or by its lever code")
        return self
