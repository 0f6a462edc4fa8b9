"""Who the client is and why they want a CRM (framing, seed 003)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .enums import Language
from .types import Name, Record, Text


class EngagementInfo(Record):
    """The engagement's identity card: client, context and business case."""

    client: Name
    sector: Name
    language: Language = Language.FR
    consultants: list[Name] = Field(min_length=1)
    kickoff: dt.date
    strategy: Text = Field(description="Why the CRM: the strategic intent (seed 003).")
    business_case: Text = Field(description="Expected gains and the case for investing.")
    current_situation: Text = Field(description="Tools, practices and pain points today.")
    data_ambition: Text = Field(
        default="",
        description="The data-sharing ambition (360° view; seed 004 warns it often stops at 180°).",
    )
    change_budget: float | None = Field(
        default=None,
        ge=0,
        description="Change-management and training budget of the business case, in the currency.",
    )
    currency: Name = "EUR"
    confidentiality: Name = Field(
        default="Confidential",
        description="Label printed in every header/footer of the deliverables.",
    )
