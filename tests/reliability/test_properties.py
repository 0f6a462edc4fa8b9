"""Properties of the method on random valid engagements.

The examples and fixtures are engagements someone thought of; these are not.
`valid_engagements()` draws 1 to 12 populations with random signals, impacts,
buy-in, lots with ordered dates, resistances, key users and blackouts, in
either language. Whatever it draws, the method must not crash, must cover every
population, must plan enough training sessions for everyone it trains, and the
five deliverables must be written and reopen.

Runs are derandomised (the same examples every time) so CI cannot flake.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from playbook.analysis.engine import analyse
from playbook.analysis.training_plan import population_seats
from playbook.method import load_method
from playbook.model import Engagement, find_inconsistencies
from playbook.model.enums import (
    Brake,
    BuyIn,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    Level,
    Stance,
    Visibility,
)
from playbook.render.deliverables import DELIVERABLES
from playbook.workbench import write_deliverable

STEM = ["Conseillers", "Managers d'agence", "Back-office", "東京 支店", "Ελλάδα", "Techniciens"]
TERRITORIES = ["National", "Nord", "Sud", "Outre-mer"]
KICKOFF_FROM = dt.date(2026, 1, 5)


def codes(vocabulary) -> st.SearchStrategy[str]:
    return st.sampled_from(vocabulary.codes())


@st.composite
def populations(draw, count: int) -> list[dict]:
    drawn = []
    for i in range(count):
        drawn.append(
            {
                "name": f"{draw(st.sampled_from(STEM))} {i + 1}",
                "function": draw(st.sampled_from(["Ventes", "Service client", "Administration"])),
                "level": draw(codes(HierarchyLevel)),
                "territory": draw(st.sampled_from(TERRITORIES)),
                # up to 2,000 a population: engagements of thousands of people, whose
                # training waves outgrow their windows and call for capacity decisions
                "headcount": draw(st.integers(1, 2000)),
                "crm_user": draw(st.booleans()),
                "it_comfort": draw(codes(Level)),
                "buy_in": draw(codes(BuyIn)),
                "evaluated_on": draw(codes(EvaluationBasis)),
                "mandatory_fields": draw(st.integers(0, 25)),
                "dashboard_visibility": draw(codes(Visibility)),
                "team_size": draw(st.one_of(st.none(), st.integers(1, 40))),
                "shares_data_across_departments": draw(st.booleans()),
                "members_in_competition": draw(st.booleans()),
                "new_hires_per_year": draw(st.integers(0, 150)),
            }
        )
    names = [p["name"] for p in drawn]
    for population in drawn:
        others = [n for n in names if n != population["name"]]
        population["shifts_tasks_to"] = draw(st.lists(st.sampled_from(others), unique=True,
                                                       max_size=2)) if others else []
    return drawn


@st.composite
def lots(draw, names: list[str], kickoff: dt.date) -> list[dict]:
    drawn, start = [], kickoff
    for i in range(draw(st.integers(1, 3))):
        design = start + dt.timedelta(days=draw(st.integers(0, 60)))
        acceptance = design + dt.timedelta(days=draw(st.integers(14, 120)))
        go_live = acceptance + dt.timedelta(days=draw(st.integers(7, 90)))
        drawn.append(
            {
                "name": f"Lot {i + 1}",
                "functional_blocks": [f"Bloc {i + 1}"],
                "populations": draw(st.lists(st.sampled_from(names), min_size=1, unique=True)),
                "design_start": design.isoformat(),
                "acceptance_start": acceptance.isoformat(),
                "go_live": go_live.isoformat(),
            }
        )
        start = go_live
    return drawn


@st.composite
def valid_engagements(draw) -> Engagement:
    kickoff = KICKOFF_FROM + dt.timedelta(days=draw(st.integers(0, 300)))
    people = draw(populations(draw(st.integers(1, 12))))
    names = [p["name"] for p in people]
    impacts = [
        {"population": name, "dimension": dimension, "intensity": draw(st.integers(0, 3))}
        for name in names
        for dimension in draw(st.lists(codes(Dimension), unique=True, max_size=4))
    ]
    resistances = [
        {"population": draw(st.sampled_from(names)), "brake": draw(codes(Brake)),
         "evidence": "« On nous demande encore de saisir. »"}
        for _ in range(draw(st.integers(0, 3)))
    ]
    key_users = [
        {"name": f"Relais {i + 1}", "population": draw(st.sampled_from(names)),
         "allocation": draw(st.integers(0, 50))}
        for i in range(draw(st.integers(0, 3)))
    ]
    blackouts = []
    for _ in range(draw(st.integers(0, 2))):
        start = kickoff + dt.timedelta(days=draw(st.integers(0, 400)))
        end = start + dt.timedelta(days=draw(st.integers(0, 40)))
        blackouts.append({"start": start.isoformat(), "end": end.isoformat(),
                          "reason": "Pic d'activité",
                          "territory": draw(st.sampled_from(["", *TERRITORIES]))})
    data = {
        "engagement": {
            "client": "Coopérative Vallée Verte",
            "sector": "Distribution agricole",
            "language": draw(st.sampled_from(["fr", "en"])),
            "consultants": ["Camille Aubert"],
            "kickoff": kickoff.isoformat(),
            "strategy": "Un référentiel client unique.",
            "business_case": "Moins de ventes perdues.",
            "current_situation": "Des fichiers par dépôt.",
        },
        "governance": {
            "sponsor": {"name": "Hélène Maury", "role": "Directrice générale"},
            "project_manager": {"name": "Paul Nédélec", "role": "Chef de projet"},
            "key_users": key_users,
        },
        "lots": draw(lots(names, kickoff)),
        "territories": [
            {"name": name, "local_management": draw(codes(Stance)),
             "local_sponsor": draw(st.sampled_from(["", "Lina Ortiz"]))}
            for name in TERRITORIES if name != "National"
        ],
        "populations": people,
        "impacts": impacts,
        "resistances": resistances,
        "training": {
            "max_group_size": draw(st.integers(1, 20)),
            "session_hours": draw(st.sampled_from([1.5, 3.0, 3.5, 7.0])),
            "trainers_available": draw(st.integers(1, 4)),
            "max_share_away": draw(st.sampled_from([0.1, 0.25, 0.5, 1.0])),
            "weeks_before_go_live": draw(st.integers(1, 8)),
            "blackouts": blackouts,
        },
    }
    engagement = Engagement.model_validate(data)
    assert find_inconsistencies(engagement) == [], "the strategy must draw valid engagements"
    return engagement


@pytest.fixture(scope="module")
def method():
    return load_method()


COMMON = dict(deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@settings(max_examples=30, **COMMON)
@given(engagement=valid_engagements())
def test_the_method_covers_every_population_of_any_valid_engagement(engagement, method) -> None:
    analysis = analyse(engagement, method)

    names = [p.name for p in engagement.populations]
    matrix = analysis.diagnosis.matrix
    assert sorted(matrix.index) == sorted(names)
    planned = set(analysis.change_plan.by_population.index)
    for name in names:
        impacted = int(analysis.diagnosis.levels.at[name, "level"]) > 0
        assert name in planned or not impacted, f"{name} is impacted but has no Change plan"


@settings(max_examples=30, **COMMON)
@given(engagement=valid_engagements())
def test_enough_sessions_are_planned_for_everyone_trained(engagement, method) -> None:
    plan = analyse(engagement, method).training_plan
    largest = engagement.training.max_group_size

    taught = plan.needs[plan.needs["group_size"].notna()]
    for need in taught.itertuples():
        assert need.group_size <= largest, need
        assert need.sessions >= math.ceil(need.headcount / need.group_size), need
        assert need.sessions >= math.ceil(need.headcount / largest), need
        sessions = population_seats(plan.sessions)  # a session shared by several populations: one row each
        dated = sessions[
            (sessions["lot"] == need.lot)
            & (sessions["population"] == need.population)
            & (sessions["module"] == need.module)
        ]
        assert (dated["participants"] <= need.group_size).all(), need
        assert (plan.sessions["participants"] <= largest).all()
        if len(dated) == need.sessions:
            assert dated["participants"].sum() == need.headcount, need
            continue
        # Sessions the calendar cannot hold are never dropped silently.
        missing = need.sessions - len(dated)
        assert missing > 0, need
        assert any(
            w.code == "training_unscheduled"
            and need.population in w.message
            and re.search(rf"\b{missing}\b", w.message)
            for w in plan.warnings
        ), (need, [w.message for w in plan.warnings])


@settings(max_examples=3, **COMMON)
@given(engagement=valid_engagements())
def test_every_deliverable_of_any_valid_engagement_renders_and_reopens(
    engagement, method, tmp_path_factory: pytest.TempPathFactory
) -> None:
    analysis = analyse(engagement, method)
    out = tmp_path_factory.mktemp("deliverables")

    for name in DELIVERABLES:
        files = write_deliverable(name, analysis, out)
        document = Document(str(Path(files["docx"])))
        deck = Presentation(str(Path(files["pptx"])))
        assert document.paragraphs, name
        assert len(deck.slides) >= 2, name


def test_an_engagement_with_nobody_to_train_is_analysed_and_rendered(method, tmp_path) -> None:
    """The smallest case the properties found: one population, not a CRM user, no impact yet.

    It is valid (the intake only warns), as a workbook is early in an engagement,
    so every deliverable must still be written: empty plans, not a crash.
    """
    engagement = Engagement.model_validate(
        {
            "engagement": {"client": "Coopérative Vallée Verte", "sector": "Distribution",
                           "consultants": ["Camille Aubert"], "kickoff": "2026-01-05",
                           "strategy": "", "business_case": "", "current_situation": ""},
            "governance": {"sponsor": {"name": "Hélène Maury", "role": "DG"},
                           "project_manager": {"name": "Paul Nédélec", "role": "Chef de projet"}},
            "lots": [{"name": "Lot 1", "functional_blocks": ["Bloc 1"],
                      "populations": ["Comptables"], "design_start": "2026-01-05",
                      "acceptance_start": "2026-02-02", "go_live": "2026-03-02"}],
            "populations": [{"name": "Comptables", "function": "Finance", "level": "staff",
                             "headcount": 4, "crm_user": False, "it_comfort": "low",
                             "buy_in": "neutral"}],
        }
    )

    analysis = analyse(engagement, method)

    assert analysis.training_plan.needs.empty
    assert int(analysis.training_plan.totals["sessions"].sum()) == 0
    for name in DELIVERABLES:
        files = write_deliverable(name, analysis, tmp_path)
        assert Document(str(files["docx"])).paragraphs, name
        assert Presentation(str(files["pptx"])).slides, name
