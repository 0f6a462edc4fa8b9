"""The engagement's identity card: who the client is and why they want a CRM."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from playbook.model import EngagementInfo, Language

from .helpers import messages, refusals, with_, without


def info() -> dict[str, Any]:
    return {
        "client": "Verdanne Habitat",
        "sector": "Social housing",
        "consultants": ["Claire Morvan"],
        "kickoff": "2026-01-12",
        "strategy": "Put the tenant at the centre of every agency's work.",
        "business_case": "Fewer lost requests.",
        "current_situation": "Spreadsheets and personal mailboxes.",
    }


def test_language_currency_confidentiality_and_data_ambition_have_defaults() -> None:
    card = EngagementInfo.model_validate(info())
    assert card.language is Language.FR
    assert card.currency == "EUR"
    assert card.confidentiality == "Confidential"
    assert card.data_ambition == ""


def test_the_kickoff_is_read_as_a_date() -> None:
    assert EngagementInfo.model_validate(info()).kickoff == dt.date(2026, 1, 12)


@pytest.mark.parametrize("kickoff", ["2026-02-30", "12/01/2026", "soon"])
def test_an_impossible_or_non_iso_kickoff_is_refused(kickoff: str) -> None:
    assert refusals(EngagementInfo, with_(info(), kickoff=kickoff)) == [
        (("kickoff",), "date_from_datetime_parsing")
    ]


def test_client_sector_kickoff_consultants_and_the_three_framing_texts_are_required() -> None:
    required = [
        "client", "sector", "consultants", "kickoff", "strategy", "business_case",
        "current_situation",
    ]
    assert refusals(EngagementInfo, without(info(), *required)) == [
        ((field,), "missing") for field in required
    ]


def test_at_least_one_consultant_is_named() -> None:
    assert refusals(EngagementInfo, with_(info(), consultants=[])) == [
        (("consultants",), "too_short")
    ]


def test_each_consultant_name_is_normalised_and_a_blank_one_is_refused_where_it_stands() -> None:
    card = EngagementInfo.model_validate(with_(info(), consultants=[" Claire\u00a0Morvan "]))
    assert card.consultants == ["Claire Morvan"]
    assert messages(EngagementInfo, with_(info(), consultants=["Claire Morvan", "  "])) == [
        (("consultants", 1), "Value error, must not be empty")
    ]


@pytest.mark.parametrize("field", ["client", "sector", "currency", "confidentiality"])
def test_identity_names_are_normalised_and_may_not_be_blank(field: str) -> None:
    assert getattr(EngagementInfo.model_validate(with_(info(), **{field: " A\u00a0 B "})), field) == "A B"
    assert messages(EngagementInfo, with_(info(), **{field: " "})) == [
        ((field,), "Value error, must not be empty")
    ]


def test_the_language_is_french_or_english() -> None:
    assert EngagementInfo.model_validate(with_(info(), language="en")).language is Language.EN
    assert refusals(EngagementInfo, with_(info(), language="de")) == [(("language",), "enum")]


def test_framing_texts_keep_their_paragraphs() -> None:
    card = EngagementInfo.model_validate(with_(info(), strategy="  Grow.\r\n\r\nRetain.  "))
    assert card.strategy == "Grow.\n\nRetain."
