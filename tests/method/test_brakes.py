"""Specification of `brakes.yaml`: the six brakes, their signals as data, the
severity rule, the risks they feed and the levers the method recommends."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook.method.brakes import Catalogue, Condition, Feed
from playbook.method.loader import DEFAULT_DIR
from playbook.model import Brake

RAW = yaml.safe_load((DEFAULT_DIR / "brakes.yaml").read_text(encoding="utf-8"))

AGREED_LEVERS = {
    "participatory_workshops", "walk_in_my_shoes", "objection_handling", "positive_levers",
    "best_practice_exchange", "manager_rituals_workshops", "testimonial_video",
    "ambassador_community", "early_involvement_design", "early_involvement_acceptance",
    "territorial_adaptation", "local_sponsor_engagement", "mass_communication",
    "benefits_storytelling", "data_sharing_charter", "simplify_data_entry", "workload_rebalancing",
    "recognition_admin_staff", "collective_objectives", "manager_usage_charter",
    "training_classroom", "training_e_learning", "coaching_on_the_job", "user_guide",
    "support_hotline", "usage_dashboard_review",
    # For populations another company employs (rivalry paid per sale).
    "usage_incentive",
}


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.model_validate(RAW)


def with_signal(when, reason=None):
    """The bundled catalogue with one signal of the first brake replaced."""
    data = copy.deepcopy(RAW)
    data["brakes"][0]["signals"][0]["when"] = when
    if reason is not None:
        data["brakes"][0]["signals"][0]["reason"] = reason
    return data


def test_the_six_brakes_of_seed_004_and_002_are_described(catalogue):
    assert [b.code for b in catalogue.brakes] == list(Brake)
    for entry in catalogue.brakes:
        assert entry.label.fr and entry.description.en and entry.quote.fr.startswith("«")
        assert entry.signals and entry.feeds and entry.levers
    assert catalogue.brake("competition_culture").seeds == ["002"]
    assert "vendredis" in catalogue.brake("feeling_watched").quote.fr


def test_brakes_recommend_only_the_agreed_levers(catalogue):
    for entry in catalogue.brakes:
        assert set(entry.levers) <= AGREED_LEVERS, entry.code


def test_each_brake_feeds_the_risk_seed_004_ties_it_to(catalogue):
    def main_risk(code):
        return max(catalogue.brake(code).feeds, key=lambda f: f.weight).risk

    assert main_risk("admin_load") == "rejection"
    assert main_risk("reluctant_territory") == "rejection"
    assert main_risk("feeling_watched") == "misuse"
    assert main_risk("efficiency_loss") == "misuse"
    assert main_risk("competition_culture") == "misuse"  # leads kept off the CRM
    assert main_risk("desiloing") == "rejection"  # data kept in each department: under-use


@pytest.mark.parametrize(
    ("spec", "facts", "holds"),
    [
        ({"fact": "crm_user", "op": "equals", "value": False}, {"crm_user": False}, True),
        ({"fact": "evaluated_on", "op": "in", "value": ["handling_time", "volume"]}, {"evaluated_on": "volume"}, True),
        ({"fact": "local_management", "op": "not_in", "value": ["supportive"]}, {"local_management": "supportive"}, False),
        ({"fact": "impact.culture", "op": "at_least", "value": 2}, {"impact.culture": 2}, True),
        ({"fact": "impact_level", "op": "at_most", "value": 1}, {"impact_level": 2}, False),
    ],
)
def test_condition_operators(spec, facts, holds):
    assert Condition.model_validate(spec).holds(facts) is holds


def test_signals_are_written_as_fact_value_mappings(catalogue):
    conditions = catalogue.brake("efficiency_loss").signals[0].when
    assert [(c.fact, c.op, c.value) for c in conditions] == [
        ("evaluated_on", "in", ["handling_time", "volume"]),
        ("mandatory_data_entry", "equals", "high"),
    ]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ({"crm_usr": True}, "unknown fact 'crm_usr'"),
        ({"evaluated_on": {"in": ["sped"]}}, "'sped' is not one of"),
        ({"crm_user": "yes"}, "expected true or false"),
        ({"crm_user": {"at_least": 1}}, "needs an integer fact"),
        ({"impact.culture": {"above": 1}}, "Input should be 'equals', 'in', 'not_in', 'at_least' or 'at_most'"),
    ],
)
def test_a_misspelt_condition_is_rejected_when_the_method_loads(when, message):
    with pytest.raises(ValidationError, match=message):
        Catalogue.model_validate(with_signal(when))


def test_a_reason_with_an_unknown_placeholder_is_rejected():
    reason = {"fr": "{population} : {effectif}", "en": "{population}: {headcount}"}
    with pytest.raises(ValidationError, match="unknown placeholder {effectif}"):
        Catalogue.model_validate(with_signal({"crm_user": True}, reason))


def test_a_missing_brake_is_rejected():
    data = copy.deepcopy(RAW)
    data["brakes"] = data["brakes"][1:]
    with pytest.raises(ValidationError, match="each brake exactly once"):
        Catalogue.model_validate(data)


@pytest.mark.parametrize(
    ("signals", "observed", "severity"),
    [
        ([], False, 0),
        ([], True, 2),  # observed only
        ([1], False, 1),
        ([2], True, 3),  # confirmed by an observation
        ([2, 1], False, 3),  # converging signals
        ([3, 3], True, 3),  # capped
    ],
)
def test_severity_rule(catalogue, signals, observed, severity):
    assert catalogue.severity.severity(signals, observed) == severity


@given(st.lists(st.integers(1, 3), max_size=3))
def test_an_observation_never_lowers_severity(signals):
    rule = Catalogue.model_validate(RAW).severity
    assert rule.severity(signals, True) >= rule.severity(signals, False)


@pytest.mark.parametrize(("weight", "severity", "contribution"), [(1.0, 3, 3), (0.5, 3, 2), (0.5, 1, 1), (0.5, 2, 1)])
def test_a_brake_contributes_its_severity_times_the_weight_rounded_up(weight, severity, contribution):
    assert Feed(risk="misuse", weight=weight, how={"fr": "x", "en": "x"}).contribution(severity) == contribution


def test_cross_check_reports_a_lever_the_levers_catalogue_lacks(catalogue):
    class Levers:
        def ids(self):
            return sorted(AGREED_LEVERS - {"walk_in_my_shoes"})

    class Method:
        levers = Levers()

    problems = catalogue.cross_check(Method())
    assert problems
    assert all("unknown lever 'walk_in_my_shoes'" in p for p in problems)
