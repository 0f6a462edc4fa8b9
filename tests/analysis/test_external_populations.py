"""Populations another company employs (dealers, franchisees, brokers...), how they
are paid and how populations stand to each other: what the method reads of them."""

from __future__ import annotations

import pytest

from playbook.analysis import assess_risks, detect_brakes
from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.model import find_inconsistencies

from .diagnosis_cases import engagement, impact, pop


@pytest.fixture(scope="module")
def method():
    return load_method()


def _dealers(audited: bool = True, **fields):
    """Independent dealers' sales executives, paid per unit, who share a lead pool
    between neighbouring dealers, audited by the importer's area managers."""
    populations = [
        pop("Dealer sales executives", headcount=240, territory="Dealer network",
            organisation_kind="dealer", organisation="Independent dealer groups",
            crm_obligation="none", pay_scheme="commission_per_unit", evaluated_on="individual_sales",
            dashboard_visibility="weekly", dashboards_seen_by="dealer principals", mandatory_fields=6,
            **fields),
        pop("Dealer principals", headcount=30, level="manager", territory="Dealer network",
            organisation_kind="dealer", organisation="Independent dealer groups", crm_obligation="none"),
        pop("Area managers", headcount=12, level="manager", territory="Field"),
        pop("Importer sales office", headcount=25, territory="Head office"),
    ]
    return engagement(
        populations,
        impacts=[impact(p["name"], "job", 2) for p in populations],
        territories=[{"name": "Dealer network"}, {"name": "Field"}, {"name": "Head office"}],
        language="en",
        relations=[
            {"population": "Dealer sales executives", "relation": "competes_with",
             "other": "Dealer sales executives", "detail": "leads shared between neighbouring dealers"},
            {"population": "Area managers", "relation": "audits", "other": "Dealer sales executives",
             "detail": "monthly audit of dealer pipelines"},
        ][: 2 if audited else 1],
    )


def _risk(case, method, population, kind):
    return next(r for r in assess_risks(case, method, "en") if r.population == population and r.kind == kind)


def test_rivalry_not_monitoring_explains_a_commissioned_sales_force_s_misuse(method):
    # Weekly dashboards and individual sales targets make feeling watched severe
    # too; commission per unit and a shared lead pool are the stronger evidence.
    case = _dealers(audited=False)
    assert {b.brake: b.severity for b in detect_brakes(case, method, "en")
            if b.population == "Dealer sales executives"}["feeling_watched"] == 3
    misuse = _risk(case, method, "Dealer sales executives", "misuse")
    assert misuse.causes[0].source == "competition_culture"
    assert misuse.reasons[0].startswith("Barrier “Competitive culture” (severity 3/3)")
    # The client's own words: the pay scheme and the shared lead pool.
    assert "pay: commission per unit sold" in misuse.reasons[0]
    assert "competing with each other (leads shared between neighbouring dealers)" in misuse.reasons[0]


def test_being_audited_by_another_population_is_feeling_watched_on_the_audited_side(method):
    case = _dealers()
    watched = {(b.population, b.brake): b for b in detect_brakes(case, method, "en")}
    finding = watched[("Dealer sales executives", "feeling_watched")]
    assert any("work audited by “Area managers” (monthly audit of dealer pipelines)" in r for r in finding.reasons)
    assert ("Area managers", "feeling_watched") not in watched
    # Audited as well as on show: now watching is the weightier cause.
    misuse = _risk(case, method, "Dealer sales executives", "misuse")
    assert misuse.causes[0].source == "feeling_watched"


def test_an_external_population_with_no_contractual_obligation_risks_rejection(method):
    case = _dealers()
    rejection = _risk(case, method, "Dealer principals", "rejection")
    assert rejection.level == 2
    assert ("Dealer principals (30 people) — dealer: Independent dealer groups; obligation to use the CRM: "
            "none — nothing in its contract obliges it") in rejection.reasons[0]
    obliged = _dealers()
    obliged.populations[1].crm_obligation = "contractual"
    assert _risk(obliged, method, "Dealer principals", "rejection").level == 0


def test_the_client_s_hr_and_managers_own_nothing_for_a_company_it_does_not_employ(method):
    plan = analyse(_dealers(), method, "en").change_plan
    actions = plan.actions
    theirs = actions[actions["population"].isin(["Dealer sales executives", "Dealer principals"])]
    assert not theirs.empty
    assert not set(theirs["owner"]) & {"hr", "frontline_managers", "local_sponsor"}
    assert "collective_objectives" not in set(theirs["lever"])
    assert "workload_rebalancing" not in set(theirs["lever"])
    # The partner levers take their place, with the partner network manager.
    levers = set(theirs["lever"])
    assert {"partner_council", "partner_business_case", "usage_incentive", "contract_clause"} <= levers
    charter = theirs[theirs["lever"] == "manager_usage_charter"].iloc[0]
    assert charter["owner"] == "partner_manager"
    assert "no authority there for the client's front-line managers" in charter["reason"]
    # The client's own area managers keep their usual owners.
    ours = actions[actions["population"] == "Area managers"]
    assert not {"partner_council", "usage_incentive"} & set(ours["lever"])


def test_nobody_is_appointed_inside_a_dealer_group(method):
    plan = analyse(_dealers(), method, "en").change_plan
    gaps = plan.actions[plan.actions["lever"] == "name_local_sponsor"]
    assert "Dealer network" not in " ".join(gaps["audience"])
    assert any("Field" in audience for audience in gaps["audience"])


def test_a_dealer_s_staff_time_is_not_the_client_s_cost(method):
    case = _dealers()
    case.training.learner_day_cost = 300.0
    case.training.trainer_day_rate = 900.0
    totals = analyse(case, method, "en").training_plan.totals
    grand = totals.iloc[-1]
    assert grand["partner_learner_days"] > 0
    assert grand["learner_cost"] == pytest.approx((grand["learner_days"] - grand["partner_learner_days"]) * 300)


def test_relations_name_mapped_populations():
    case = _dealers()
    case.relations[1].other = "Dealer sales executive"
    problems = find_inconsistencies(case)
    assert [(p.loc, p.code) for p in problems] == [(("relations", 1, "other"), "consistency.unknown_population")]
