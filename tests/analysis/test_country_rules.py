"""Country rules as method data: what a country's law requires of a roll-out."""

from __future__ import annotations

import dataclasses

import pytest

from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.method.levers import CountryRule

from .change_plan_cases import engagement, population

METHOD = load_method()


def _case(country: str, **fields):
    e = engagement([population("Conseillers", territory="National", headcount=300,
                               dashboard_visibility="daily", **fields),
                    population("Assistants", territory="National", headcount=20)],
                   impacts=[{"population": "Conseillers", "dimension": "tool", "intensity": 3},
                            {"population": "Assistants", "dimension": "tool", "intensity": 2}])
    info = {**e.engagement.model_dump(), "country": country}
    return e.model_validate({**e.model_dump(), "engagement": info})


def _consultations(case, method=METHOD, lang="fr"):
    actions = analyse(case, method, lang).change_plan.actions
    return actions[actions["lever"] == "employee_representatives_consultation"]


def test_in_france_activity_dashboards_call_for_the_cse_before_go_live_owned_by_hr():
    case = _case("FR")
    (row,) = _consultations(case).itertuples()
    assert row.owner == "hr"
    assert row.action == "Information-consultation du CSE"
    assert row.audience == "Comité social et économique (CSE) – Conseillers"
    assert "« Conseillers »" in row.reason and "Assistants" not in row.reason
    assert "informé et consulté avant leur mise en œuvre" in row.reason
    assert "Code du travail, art. L2312-38" in row.reason
    go_live = case.lots[0].go_live
    assert row.date.date() < case.lots[0].acceptance_start < go_live


def test_no_rule_where_it_does_not_apply():
    assert _consultations(_case("GB-ENG")).empty  # no rule for England in the bundled method
    # Another company's staff are not the client's employees: not the client's CSE.
    assert _consultations(_case("FR", organisation_kind="dealer", organisation="Réseau d'agents",
                                crm_obligation="none")).empty


def test_germany_asks_the_works_council_s_agreement():
    (row,) = _consultations(_case("DE-BY"), lang="en").itertuples()
    assert "Betriebsrat" in row.reason and "BetrVG), § 87 (1) no. 6" in row.reason
    assert row.action == "Works council co-determination agreement"
    assert row.audience == "Works council (Betriebsrat) – Conseillers"


def test_without_a_country_mechanism_the_lever_keeps_its_neutral_wording():
    lever = METHOD.in_country("GB-ENG").levers.lever("employee_representatives_consultation")
    assert lever.label.en == "Employee representatives informed and consulted"
    assert METHOD.in_country("FR").levers.lever("user_guide") == METHOD.levers.lever("user_guide")


def test_a_firm_adds_a_country_s_wording_as_data():
    data = METHOD.levers.model_dump()
    (entry,) = [lever for lever in data["levers"] if lever["id"] == "employee_representatives_consultation"]
    italy = {"label": {"fr": "Accord avec la RSU", "en": "Agreement with the RSU"},
             "description": {"fr": "Accord syndical (art. 4).", "en": "Union agreement (art. 4)."}}
    entry["countries"]["IT"] = italy
    method = dataclasses.replace(METHOD, levers=METHOD.levers.model_validate(data))
    lever = method.in_country("IT").levers.lever("employee_representatives_consultation")
    assert lever.label.fr == "Accord avec la RSU"
    assert lever.audience == METHOD.levers.lever("employee_representatives_consultation").audience
    entry["countries"] = {"Italy": italy}
    with pytest.raises(ValueError, match="not an ISO country code"):
        METHOD.levers.model_validate(data)


def test_a_firm_adds_its_own_country_rule():
    rule = CountryRule.model_validate({
        "code": "gb_staff_forum", "lever": "employee_representatives_consultation",
        "when": {"country": "GB", "dashboard_visibility": {"in": ["daily", "real_time"]}},
        "reason": {"fr": "Forum du personnel ({populations}). Source : {source}.",
                   "en": "Staff forum ({populations}). Source: {source}."},
        "source": {"fr": "Politique de la firme", "en": "The firm's policy"},
    })
    method = dataclasses.replace(METHOD, levers=METHOD.levers.model_copy(
        update={"country_rules": [*METHOD.levers.country_rules, rule]}))
    (row,) = _consultations(_case("GB-ENG"), method, "en").itertuples()
    assert row.reason == "Staff forum (“Conseillers”). Source: The firm's policy."


def test_a_rule_must_plan_a_governance_lever():
    with pytest.raises(ValueError, match="must be a governance lever"):
        METHOD.levers.model_validate({**METHOD.levers.model_dump(), "country_rules": [{
            "code": "x", "lever": "user_guide", "when": {"country": "FR"},
            "reason": {"fr": "x", "en": "x"}, "source": {"fr": "x", "en": "x"}}]})
