"""A hypothesis strategy for whole valid engagements, shaped like the corpus.

`whole_engagements()` draws what a consultant meets: one population or many
(`max_populations`), either language, a country and territories with their own
holiday regions (England and Scotland, Moselle, Bavaria, Catalonia, Portugal,
Morocco), populations employed by other companies (dealers, franchisees,
brokers, agents, outsourcers, with or without a CRM obligation) and every pay
scheme, rivalry and audit relations between populations, lots with or without an acceptance end date, an as-of date
with actions recorded done or cancelled, a budget with rates, without rates, or
none, blackouts. Every draw is valid by construction: the strategy asserts the
model finds no inconsistency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from playbook.model import Engagement, find_inconsistencies
from playbook.model.enums import (
    BuyIn,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    Level,
    Stance,
    Visibility,
)

# country -> territories drawn from it, each with its holiday region ("" = the country's).
COUNTRIES = {
    "GB": [("England", "GB-ENG"), ("Scotland", "GB-SCT"), ("Wales", "GB-WLS")],
    "FR": [("Moselle", "FR-57"), ("Alsace", "FR-6AE"), ("La Réunion", "FR-974"), ("Bretagne", "")],
    "DE": [("Bayern", "DE-BY"), ("Nordrhein-Westfalen", "DE-NW"), ("Berlin", "DE-BE")],
    "ES": [("Catalunya", "ES-CT"), ("Madrid", "ES-MD")],
}
ABROAD = [("Casablanca", "MA"), ("Porto", "PT"), ("Dublin", "IE")]
EXTERNAL = ["Dealer sales executives", "Franchise store staff", "Outsourced advisers", "Tied agents",
            "Brokers"]
INTERNAL = ["Field sales", "Customer service", "Back office", "Store managers", "Technicians",
            "Marketing", "Regional directors", "Conseillers", "Gestionnaires"]
LEVERS = ["communication_rhythm", "mass_communication", "benefits_storytelling",
          "early_involvement_design", "user_guide", "awareness_session"]


def _codes(vocabulary: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(vocabulary.codes())


def _day(start: dt.date, days: int) -> str:
    return (start + dt.timedelta(days=days)).isoformat()


@st.composite
def _population(draw: st.DrawFn, number: int, territories: list[str]) -> dict[str, Any]:
    external = draw(st.booleans())
    stem = draw(st.sampled_from(EXTERNAL if external else INTERNAL))
    population: dict[str, Any] = {
        "name": f"{stem} {number}",
        "function": f"{stem} (independent company)" if external else stem,
        "level": draw(_codes(HierarchyLevel)),
        "territory": draw(st.sampled_from(["National", *territories])),
        "headcount": draw(st.integers(1, 800)),
        "crm_user": draw(st.booleans()),
        "it_comfort": draw(_codes(Level)),
        "buy_in": draw(_codes(BuyIn)),
        "evaluated_on": draw(_codes(EvaluationBasis)),
        "mandatory_fields": draw(st.integers(0, 20)),
        "dashboard_visibility": draw(_codes(Visibility)),
        "shares_data_across_departments": draw(st.booleans()),
        "members_in_competition": draw(st.booleans()),
        "team_size": draw(st.one_of(st.none(), st.integers(2, 30))),
        "new_hires_per_year": draw(st.integers(0, 60)),
    }
    if external:
        population.update(
            organisation_kind=draw(st.sampled_from(["dealer", "franchisee", "broker", "agent", "outsourcer"])),
            organisation=f"{stem} network",
            crm_obligation=draw(st.sampled_from(["contractual", "incentive", "none"])),
            description="Employed by another company.")
    population["pay_scheme"] = draw(st.sampled_from(
        ["fixed", "team_bonus", "individual_bonus", "commission_per_unit", "commission_per_sale"]))
    return population


@st.composite
def _lots(draw: st.DrawFn, names: list[str], kickoff: dt.date) -> list[dict[str, Any]]:
    drawn, start = [], kickoff
    count = draw(st.integers(1, 3))
    for i in range(count):
        design = start + dt.timedelta(days=draw(st.integers(7, 60)))
        acceptance = design + dt.timedelta(days=draw(st.integers(30, 120)))
        lot: dict[str, Any] = {
            "name": f"Lot {i + 1}",
            "functional_blocks": [f"Block {i + 1}"],
            "populations": draw(st.lists(st.sampled_from(names), min_size=1, max_size=8, unique=True)),
            "design_start": design.isoformat(),
            "acceptance_start": acceptance.isoformat(),
        }
        end = acceptance + dt.timedelta(days=draw(st.integers(10, 60)))
        if draw(st.booleans()):  # an acceptance end date, or none given yet
            lot["acceptance_end"] = end.isoformat()
        go_live = end + dt.timedelta(days=draw(st.integers(21, 90)))
        lot["go_live"] = go_live.isoformat()
        drawn.append(lot)
        start = go_live
    # Every population goes live in some lot.
    listed = {name for lot in drawn for name in lot["populations"]}
    drawn[-1]["populations"] += [name for name in names if name not in listed]
    return drawn


@st.composite
def whole_engagements(draw: st.DrawFn, max_populations: int = 20) -> Engagement:
    country = draw(st.sampled_from(sorted(COUNTRIES)))
    places = draw(st.lists(st.sampled_from(COUNTRIES[country] + ABROAD), unique=True, max_size=4))
    territories = [name for name, _ in places]
    kickoff = dt.date(2027, 1, 4) + dt.timedelta(days=draw(st.integers(0, 365)))
    count = draw(st.integers(1, max_populations))
    people = [draw(_population(i + 1, territories)) for i in range(count)]
    names = [p["name"] for p in people]
    lots = draw(_lots(names, kickoff))
    last = max(dt.date.fromisoformat(lot["go_live"]) for lot in lots)
    as_of = draw(st.one_of(st.none(), st.integers(0, (last - kickoff).days + 90)))
    budget = draw(st.sampled_from(["none", "budget", "budget_and_rates"]))
    lang = draw(st.sampled_from(["fr", "en"]))
    data: dict[str, Any] = {
        "engagement": {
            "client": "Orveline Distribution",
            "sector": "Distribution",
            "language": lang,
            "consultants": ["Noémie Castel"],
            "kickoff": kickoff.isoformat(),
            "as_of": _day(kickoff, as_of) if as_of is not None else None,
            "country": country,
            "strategy": "One customer record shared by everyone who serves the customer.",
            "business_case": "Fewer lost leads; faster answers.",
            "current_situation": "Spreadsheets per site.",
            "change_budget": None if budget == "none" else draw(st.integers(0, 500_000)),
        },
        "governance": {
            "sponsor": {"name": "Irène Vasseur", "role": "Chief executive"},
            "project_manager": {"name": "Marc Ollivier", "role": "Programme manager"},
            "key_users": [{"name": f"Key user {i + 1}", "population": draw(st.sampled_from(names)),
                           "allocation": 20} for i in range(draw(st.integers(0, 3)))],
        },
        "lots": lots,
        "territories": [
            {"name": name, "holidays_region": region, "local_management": draw(_codes(Stance)),
             "local_sponsor": draw(st.sampled_from(["", "Lina Ortiz"]))}
            for name, region in places
        ],
        "populations": people,
        "relations": [{"population": a, "relation": kind, "other": b, "detail": "shared lead pool"}
                      for a, kind, b in draw(st.lists(st.tuples(
                          st.sampled_from(names), st.sampled_from(["competes_with", "audits"]),
                          st.sampled_from(names)).filter(lambda r: r[0] != r[2]),
                          max_size=3 if count > 1 else 0, unique_by=lambda r: (r[0], r[2])))],
        "impacts": [{"population": name, "dimension": dimension, "intensity": draw(st.integers(0, 3))}
                    for name in names
                    for dimension in draw(st.lists(_codes(Dimension), unique=True, min_size=1, max_size=3))],
        "training": {
            "max_group_size": draw(st.integers(4, 15)),
            "session_hours": draw(st.sampled_from([2.0, 3.0, 3.5, 7.0])),
            "trainers_available": draw(st.integers(1, 5)),
            "max_share_away": draw(st.sampled_from([0.15, 0.25, 0.5])),
            "weeks_before_go_live": draw(st.integers(2, 10)),
            "trainer_day_rate": 700 if budget == "budget_and_rates" else None,
            "learner_day_cost": 250 if budget == "budget_and_rates" else None,
            "blackouts": [{"start": _day(kickoff, start), "end": _day(kickoff, start + length),
                           "reason": "Peak season", "territory": draw(st.sampled_from(["", *territories]))}
                          for start, length in draw(st.lists(
                              st.tuples(st.integers(0, 500), st.integers(0, 20)), max_size=2))],
        },
        "action_status": [{"lever": draw(st.sampled_from(LEVERS)),
                           "status": draw(st.sampled_from(["done", "cancelled"]))}
                          for _ in range(draw(st.integers(0, 3)) if as_of is not None else 0)],
    }
    engagement = Engagement.model_validate(data)
    assert find_inconsistencies(engagement) == [], "whole_engagements must draw valid engagements"
    return engagement
