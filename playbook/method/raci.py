"""The RACI catalogue (`raci.yaml`): who does what in the main change activities.

The framing note states, before the project starts, who carries each change
activity among the governance roles of seeds 000 and 001 (sponsor, project
manager, cross-functional team, key users, administrators, local sponsors).
A firm adapts the assignments here, not in code. Each activity has exactly one
Accountable: two people accountable means nobody is.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .dimensions import Bilingual, SeedRef, Strict

Role = Literal["sponsor", "project_manager", "team", "key_users", "administrators", "local_sponsors"]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
Letter = Literal["R", "A", "C", "I"]
LETTERS: tuple[str, ...] = Letter.__args__  # type: ignore[attr-defined]


class RoleInfo(Strict):
    label: Bilingual


class Activity(Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    why: Bilingual = Field(description="Why these roles: said in the speaker notes.")
    seeds: list[SeedRef] = Field(min_length=1)
    assign: dict[Role, list[Letter]]

    @model_validator(mode="after")
    def _one_accountable(self) -> Activity:
        accountable = [role for role, letters in self.assign.items() if "A" in letters]
        if len(accountable) != 1:
            raise ValueError(f"activity {self.code!r}: exactly one role must be Accountable (A), "
                             f"found {accountable or 'none'}")
        if not any("R" in letters for letters in self.assign.values()):
            raise ValueError(f"activity {self.code!r}: at least one role must be Responsible (R)")
        return self


class Catalogue(Strict):
    """`raci.yaml`."""

    roles: dict[Role, RoleInfo]
    letters: dict[Letter, Bilingual]
    activities: list[Activity] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        problems = []
        if set(self.roles) != set(ROLES):
            problems.append(f"roles must be exactly {', '.join(ROLES)}")
        if set(self.letters) != set(LETTERS):
            problems.append(f"letters must be exactly {', '.join(LETTERS)}")
        codes = [a.code for a in self.activities]
        if len(set(codes)) != len(codes):
            problems.append("an activity code is listed twice")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def letters_of(self, activity: Activity, role: str) -> str:
        """'A/R', 'C' or '' for a role in an activity, in the order R, A, C, I."""
        given = activity.assign.get(role, [])  # type: ignore[call-overload]
        return "/".join(letter for letter in LETTERS if letter in given)
