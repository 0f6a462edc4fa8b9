"""Steering: KPIs with review dates and RAG thresholds, the success-criteria
scorecard (seed 001) and the people / process / technology balance (seed 003)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from playbook.analysis.change_plan import plan_change
from playbook.analysis.records import ChangePlan, TrainingPlan
from playbook.analysis.steering import rag, rag_thresholds, steering
from playbook.analysis.training_plan import plan_training
from playbook.method import load_method

from .change_plan_cases import diagnosis, engagement, population

METHOD = load_method()
EMPTY = pd.DataFrame()


def plans(change_days: float, trainer_days: float, seats=(10, 10)):
    change = ChangePlan(
        pd.DataFrame({"effort_days": [change_days]}), EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, ()
    )
    totals = pd.DataFrame({"seats_needed": [seats[0]], "seats_placed": [seats[1]]}, index=["Total"])
    training = TrainingPlan(
        EMPTY, EMPTY, pd.DataFrame({"trainer_days": [trainer_days]}), EMPTY, EMPTY, EMPTY, EMPTY,
        totals, (),
    )
    return change, training


def simple(**sections):
    return engagement(
        [population("Sales"), population("Support", function="Service", crm_user=False)], **sections
    )


def test_rag_thresholds_run_from_baseline_to_target():
    assert rag_thresholds(40, 80, True, 0.8) == (80, 72)
    assert [rag(v, 40, 80, True, 0.8) for v in (80, 75, 71)] == ["green", "amber", "red"]
    assert rag_thresholds(None, 90, True, 0.8) == (90, 72)  # no baseline: from zero
    # Lower is better: 20 tickets today, 5 targeted; amber from 8 down.
    assert rag_thresholds(20, 5, False, 0.8) == (5, pytest.approx(8))
    assert [rag(v, 20, 5, False, 0.8) for v in (5, 8, 9)] == ["green", "amber", "red"]


def test_default_kpis_fill_every_family_the_engagement_does_not_measure():
    e = simple(
        kpis=[{"kind": "satisfaction", "name": "Survey score", "unit": "/5", "baseline": 3, "target": 4.2,
               "review_weeks_after_go_live": 8}]
    )
    table = steering(e, METHOD, *plans(10, 5), "en").kpis
    assert set(table["kind"]) == {"adoption", "usage", "data_quality", "satisfaction", "training_coverage", "support"}
    satisfaction = table[table["kind"] == "satisfaction"]
    assert list(satisfaction["name"]) == ["Survey score"] and list(satisfaction["source"]) == ["engagement"]
    # Adoption is measured per CRM-user population (active ÷ licensed users).
    adoption = table[table["kind"] == "adoption"]
    assert list(adoption["population"]) == ["Sales"]
    row = satisfaction.iloc[0]
    go_live = dt.date(2026, 5, 18)
    assert row["first_review"] == go_live + dt.timedelta(weeks=8)
    assert row["reviews"][1] - row["reviews"][0] == dt.timedelta(weeks=12)  # catalogue cadence
    assert row["amber_from"] == pytest.approx(3 + 0.8 * 1.2)


def test_training_coverage_is_read_from_the_training_plan():
    table = steering(simple(), METHOD, *plans(10, 5, seats=(40, 30)), "en").kpis
    coverage = table[table["kind"] == "training_coverage"].iloc[0]
    assert coverage["planned"] == pytest.approx(75.0)
    assert coverage["planned_rag"] == "red"  # below 80 % of the way to 95 %
    assert "30" in coverage["note"] and "40" in coverage["note"]


def test_criteria_scorecard_warns_on_not_met_unknown_and_not_assessed():
    e = simple(
        success_criteria=[
            {"criterion": "top_management", "status": "met"},
            {"criterion": "key_resources", "status": "not_met", "evidence": "Key users not released."},
            {"criterion": "user_satisfaction", "status": "unknown"},
            {"criterion": "training_mentoring", "status": "partly"},
        ]
    )
    result = steering(e, METHOD, *plans(10, 5), "en")
    card = result.criteria
    assert list(card.index) == [
        "user_satisfaction", "top_management", "key_resources", "experience_balance",
        "shared_knowledge", "training_mentoring",
    ]
    assert card.loc["top_management", "rag"] == "green" and card.loc["key_resources", "rag"] == "red"
    assert card.loc["experience_balance", "status"] == "not_assessed"
    assert card.loc["key_resources", "early_warnings"]
    codes = {(w.code, w.subject, w.severity) for w in result.warnings if w.code.startswith("criterion")}
    assert codes == {
        ("criterion_not_met", "key_resources", "warning"),
        ("criterion_unknown", "user_satisfaction", "warning"),
        ("criterion_not_assessed", "experience_balance", "warning"),
        ("criterion_not_assessed", "shared_knowledge", "warning"),
        ("criterion_partly", "training_mentoring", "info"),
    }
    advice = next(w.message for w in result.warnings if w.code == "criterion_not_met")
    assert "key user" in advice


def test_effort_balance_against_50_25_25():
    e = simple(
        use_cases=[
            {"name": "Log a visit", "population": "Sales", "lot": "Lot 1", "priority": "must"},
            {"name": "Quote", "population": "Sales", "lot": "Lot 1", "priority": "could"},
        ],
        journeys=[{"population": "Sales", "stage": "daily_use", "current": "Paper", "target": "Mobile",
                   "effort_days": 25}],
    )
    # People 40 + 10 = 50; process 25; technology 15 + 5 + 10 (one lot) = 30.
    result = steering(e, METHOD, *plans(40, 10), "en")
    balance = result.balance
    assert balance["effort_days"].to_dict() == {"people": 50, "process": 25, "technology": 30}
    assert balance.loc["people", "share"] == pytest.approx(100 * 50 / 105)
    assert balance["within_tolerance"].all()
    assert not [w for w in result.warnings if w.code == "balance_off_target"]
    lopsided = steering(e, METHOD, *plans(200, 10), "en")
    off = {w.subject for w in lopsided.warnings if w.code == "balance_off_target"}
    assert off == {"people", "process", "technology"}


def test_steering_reads_real_plans_end_to_end():
    e = simple(governance={"key_users": [{"name": "Léo Faure", "population": "Sales"}]})
    d = diagnosis(e, {"Sales": {"tool": 2}, "Support": {"job": 1}})
    change, training = plan_change(e, METHOD, d, "fr"), plan_training(e, METHOD, d, "fr")
    result = steering(e, METHOD, change, training, "fr")
    people = result.balance.loc["people", "effort_days"]
    assert people == pytest.approx(change.total_days + training.trainer_days)
    assert result.balance.loc["people", "label"] == "Humain"


def test_an_alert_threshold_is_rounded_to_what_its_target_is_given_in():
    from playbook.analysis.steering import readable_threshold

    assert readable_threshold(6.25, 5, "") == 6  # 5 tickets targeted: alert at 6, not 6.25
    assert readable_threshold(3.2, 4, "/5") == 3.2  # a rating is read to a tenth
    assert readable_threshold(68.0, 85, "%") == 68
    assert readable_threshold(1.25, 1, "") == 1.3  # never rounded onto the target itself
