"""Enumerated vocabularies: the stable codes client files and dropdowns hold."""

from __future__ import annotations

import json
import re

import pytest

from playbook.model import Impact, enums
from playbook.model.enums import (
    ActionState,
    Brake,
    BuyIn,
    Criterion,
    CriterionStatus,
    CrmObligation,
    DataEntry,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    JourneyStage,
    KpiKind,
    Language,
    Level,
    OrganisationKind,
    PayScheme,
    Priority,
    RelationKind,
    Seniority,
    Stance,
    Visibility,
    Vocabulary,
    Workshop,
    WorkshopStatus,
)

from .helpers import messages

CODES: dict[type[Vocabulary], list[str]] = {
    Language: ["fr", "en"],
    Dimension: ["job", "tool", "culture", "organisation", "skills", "performance"],
    BuyIn: ["enthusiastic", "favourable", "neutral", "reluctant", "resistant"],
    Level: ["low", "medium", "high"],
    DataEntry: ["none", "low", "medium", "high"],
    HierarchyLevel: ["executive", "manager", "team_leader", "staff"],
    EvaluationBasis: [
        "handling_time", "volume", "individual_sales", "quality", "customer_satisfaction",
        "collective_objectives",
    ],
    Visibility: ["none", "weekly", "daily", "real_time"],
    OrganisationKind: ["client", "dealer", "franchisee", "broker", "agent", "outsourcer"],
    CrmObligation: ["contractual", "incentive", "none"],
    PayScheme: ["fixed", "team_bonus", "individual_bonus", "commission_per_unit", "commission_per_sale"],
    RelationKind: ["competes_with", "audits", "receives_tasks_from"],
    Stance: ["supportive", "neutral", "opposed"],
    Brake: [
        "desiloing", "feeling_watched", "efficiency_loss", "reluctant_territory", "admin_load",
        "competition_culture",
    ],
    Seniority: ["junior", "intermediate", "senior"],
    Workshop: ["target_vision", "customer_journeys", "use_cases", "action_plan"],
    WorkshopStatus: ["planned", "done", "cancelled"],
    ActionState: ["done", "cancelled"],
    Criterion: [
        "user_satisfaction", "top_management", "key_resources", "experience_balance",
        "shared_knowledge", "training_mentoring",
    ],
    CriterionStatus: ["met", "partly", "not_met", "unknown"],
    Priority: ["must", "should", "could"],
    JourneyStage: ["discover", "daily_use", "get_help", "request_change", "onboarding"],
    KpiKind: ["adoption", "usage", "data_quality", "satisfaction", "training_coverage", "support"],
}

VOCABULARIES = [
    obj
    for obj in vars(enums).values()
    if isinstance(obj, type) and issubclass(obj, Vocabulary) and obj is not Vocabulary
]


def test_every_vocabulary_of_the_model_has_its_codes_pinned_here() -> None:
    assert {v.__name__ for v in VOCABULARIES} == {v.__name__ for v in CODES}


@pytest.mark.parametrize("vocabulary", list(CODES), ids=lambda v: v.__name__)
def test_a_vocabulary_offers_exactly_its_codes_in_their_documented_order(vocabulary) -> None:
    assert vocabulary.codes() == CODES[vocabulary]


@pytest.mark.parametrize("vocabulary", list(CODES), ids=lambda v: v.__name__)
def test_codes_are_lowercase_ascii_snake_case(vocabulary) -> None:
    assert [c for c in vocabulary.codes() if not re.fullmatch(r"[a-z]+(_[a-z]+)*", c)] == []


def test_the_first_six_success_criteria_and_the_four_workshops_are_all_there() -> None:
    assert len(Criterion) == 6
    assert len(Workshop) == 4


def test_a_code_compares_formats_and_serialises_as_its_plain_text() -> None:
    assert Dimension.JOB == "job"
    assert str(Dimension.JOB) == "job"
    assert f"{Brake.ADMIN_LOAD}" == "admin_load"
    assert json.dumps({"dimension": Dimension.JOB}) == '{"dimension": "job"}'


def test_a_record_reads_a_code_into_its_vocabulary_member() -> None:
    impact = Impact(population="Agency advisers", dimension="culture", intensity=1)
    assert impact.dimension is Dimension.CULTURE
    assert impact.model_dump(mode="json")["dimension"] == "culture"


@pytest.mark.parametrize("typed", ["Job", " job", "JOB", "Métier et processus", "jobs"])
def test_only_the_exact_code_is_accepted_and_the_error_lists_the_codes(typed: str) -> None:
    found = messages(Impact, {"population": "Agency advisers", "dimension": typed, "intensity": 1})
    assert found == [
        (
            ("dimension",),
            "Input should be 'job', 'tool', 'culture', 'organisation', 'skills' or 'performance'",
        )
    ]
