"""Who the client is and why they want a CRM (framing, seed 003)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from ..text import Message
from .enums import Language
from .types import Name, Record, Text


class EngagementInfo(Record):
    """The engagement's identity card: client, context and business case."""

    client: Name
    sector: Name
    language: Language = Language.FR
    consultants: list[Name] = Field(min_length=1)
    kickoff: dt.date
    as_of: dt.date | None = Field(
        default=None,
        description="The date the deliverables describe the engagement at (empty: the day "
        "they are generated). Work dated before it is done, late or cancelled; open work "
        "is planned from it.",
    )
    country: Name = Field(
        default="FR",
        description="ISO 3166 code of the country whose public holidays the plan avoids, or of "
        "its main region where holidays differ by region (GB-ENG, GB-SCT, FR-57, DE-BY, ES-CT): "
        "whole-country populations follow that region's calendar.",
    )
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
    external_days: float | None = Field(
        default=None,
        ge=0,
        description="Days of external consultants and integrator on change and training that "
        "the client pays for; counted in the plan's cash at `external_day_rate`.",
    )
    external_day_rate: float | None = Field(
        default=None, ge=0, description="Day rate of those external days, in the currency.",
    )
    material_cost: float | None = Field(
        default=None,
        ge=0,
        description="Training and communication material the client buys for the plan "
        "(e-learning, guides, printing, rooms), in the currency; counted in the plan's cash.",
    )
    internal_days_budget: float | None = Field(
        default=None,
        ge=0,
        description="Days of its own people (learners, key users, change team) the client "
        "has agreed to give the plan; the plan's internal time is compared with it.",
    )
    currency: Name = "EUR"
    confidentiality: Name = Field(
        default="Confidential",
        description="Label printed in every header/footer of the deliverables.",
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        return holiday_region(value)

    @property
    def country_code(self) -> str:
        """The country alone (GB of GB-ENG)."""
        return self.country.partition("-")[0]


def supported_countries() -> frozenset[str]:
    """Country codes whose public holidays are known (the `holidays` library)."""
    import holidays

    return frozenset(holidays.list_supported_countries())


def subdivisions(country: str) -> tuple[str, ...]:
    """ISO 3166-2 subdivisions with their own public holidays (ENG, SCT of GB)."""
    import holidays

    return tuple(str(code) for code in holidays.country_holidays(country).subdivisions)


class WordedValueError(ValueError):
    """A validator's refusal worded in either language (the intake says it in the
    engagement's); its text is the English one."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message


def holiday_region(value: str) -> str:
    """A country (`DE`) or one of its subdivisions (`DE-BY`, `GB-ENG`, `FR-57`), checked
    against the holidays library and spelt as it spells them."""
    code = value.strip().upper()
    country, _, subdivision = code.partition("-")
    if country not in supported_countries():
        raise WordedValueError(Message("intake.value.unknown_country", {"value": value}))
    if not subdivision:
        return country
    known = subdivisions(country)
    spelt = {code.upper(): code for code in known}.get(subdivision)
    if spelt is None:
        raise WordedValueError(Message("intake.value.unknown_region", {
            "region": subdivision, "country": country, "known": ", ".join(known[:20])}))
    return f"{country}-{spelt}"  # as the holidays library spells it
