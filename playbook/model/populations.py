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
    CrmObligation,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    Level,
    OrganisationKind,
    PayScheme,
    RelationKind,
    Visibility,
)
from .territories import NATIONAL
from .types import Headcount, Intensity, Name, OptionalName, Record, Text


class Population(Record):
    name: Name
    function: Name
    level: HierarchyLevel
    territory: Name = Field(
        default=NATIONAL, description="A territory of the territories table, or the national default."
    )
    headcount: Headcount
    crm_user: bool
    it_comfort: Level
    buy_in: BuyIn
    description: Text = ""
    # Signals the method reads to detect brakes (seed 004).
    evaluated_on: EvaluationBasis = EvaluationBasis.COLLECTIVE_OBJECTIVES
    mandatory_fields: int = Field(
        default=0, ge=0, le=500, description="Mandatory fields per interaction in the new tool."
    )
    dashboard_visibility: Visibility = Visibility.NONE
    dashboards_seen_by: OptionalName = Field(
        default="",
        description="Who sees the activity dashboards (e.g. branch managers): a manager population "
        "named here is this population's front line, owner of its managers' actions.",
    )
    shares_data_across_departments: bool = False
    members_in_competition: bool = False
    team_size: int | None = Field(
        default=None, gt=0, description="People per team: the share-away cap applies per team."
    )
    shifts_tasks_to: list[Name] = Field(
        default_factory=list,
        description="Populations that inherit tasks this one used to do.",
    )
    shifted_tasks: Text = Field(
        default="", description="The tasks handed over, in the client's words."
    )
    new_hires_per_year: int = Field(default=0, ge=0)
    # Who employs it and what binds it to the CRM: a dealer's, franchisee's or
    # broker's staff are not the client's to direct.
    organisation_kind: OrganisationKind = Field(
        default=OrganisationKind.CLIENT,
        description="Who employs the population: the client, or a dealer, franchisee, broker, "
        "agent or outsourcer the client works with.",
    )
    organisation: OptionalName = Field(
        default="", description="The employing company or network, when it is not the client."
    )
    crm_obligation: CrmObligation = Field(
        default=CrmObligation.CONTRACTUAL,
        description="What binds an external population to use the CRM: its contract, an "
        "incentive, or nothing.",
    )
    pay_scheme: PayScheme = PayScheme.FIXED
    # Target vision (seed 004: what life looks like tomorrow, what they gain).
    life_tomorrow: Text = ""
    gains: Text = ""

    @property
    def external(self) -> bool:
        """Employed by another company: the client's HR, managers and budget do not reach it."""
        return self.organisation_kind != OrganisationKind.CLIENT


class Impact(Record):
    """One change for one population on one dimension, on a 0-3 scale."""

    population: Name
    dimension: Dimension
    intensity: Intensity
    today: Text = ""
    tomorrow: Text = ""


class Resistance(Record):
    """A resistance observed in interviews: who said or did what, where it was heard,
    and the brake of the catalogue it reveals when the consultant has concluded;
    left empty, the method classifies it and says how."""

    population: Name
    brake: Brake | None = Field(
        default=None, description="The brake it reveals; empty: the method classifies it."
    )
    evidence: Text
    source: Name = "interview"
    who: OptionalName = Field(default="", description="Who said it (a role, not a name).")


class Relation(Record):
    """How one population stands to another: competes with it (same market, shared
    leads), audits it, or receives tasks from it. `detail` is in the client's words."""

    population: Name
    relation: RelationKind
    other: Name
    detail: Text = ""
