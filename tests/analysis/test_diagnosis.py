"""Specification of the assembled impact diagnosis: one call, every table and
finding computed from the same engagement, in the requested language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from playbook.analysis import Diagnosis, diagnose
from playbook.method import load_method
from playbook.model import Engagement

from .diagnosis_cases import engagement, impact, pop, resistance

EXAMPLE = Path(__file__).parents[2] / "playbook" / "examples" / "mutuelle_horizon.yaml"


@pytest.fixture(scope="module")
def method():
    return load_method()


@pytest.fixture(scope="module")
def case():
    return engagement(
        [
            pop("Conseillers", headcount=200, shifts_tasks_to=["Back-office"], dashboard_visibility="daily"),
            pop("Back-office", headcount=50, crm_user=False, function="Gestion", buy_in="reluctant"),
            pop("Managers", headcount=20, level="manager", buy_in="enthusiastic"),
        ],
        impacts=[impact("Conseillers", "job", 3), impact("Back-office", "organisation", 2), impact("Managers", "tool", 1)],
        resistances=[resistance("Back-office", "admin_load", "« On va récupérer leurs relances. »")],
    )


def test_diagnose_assembles_every_part(case, method):
    diagnosis = diagnose(case, method, "fr")
    assert isinstance(diagnosis, Diagnosis)
    assert list(diagnosis.matrix.index) == ["Conseillers", "Back-office", "Managers"]
    assert list(diagnosis.levels["level"]) == [3, 2, 1]
    assert list(diagnosis.segments["segment"]) == ["support", "convince_first", "lean_on"]
    assert diagnosis.dimension_totals.loc["job", "people_strongly_impacted"] == 200
    assert [(b.population, b.brake, b.severity) for b in diagnosis.brakes] == [
        ("Conseillers", "feeling_watched", 2),
        ("Back-office", "admin_load", 3),
    ]
    assert diagnosis.risk("Back-office", "rejection").level == 3
    assert diagnosis.brakes_of("Back-office")[0].observed
    assert diagnosis.warnings == ()


def test_the_language_changes_the_sentences_not_the_findings(case, method):
    fr, en = diagnose(case, method, "fr"), diagnose(case, method, "en")
    assert [(b.brake, b.severity) for b in fr.brakes] == [(b.brake, b.severity) for b in en.brakes]
    assert fr.brakes[1].reasons[0] != en.brakes[1].reasons[0]
    assert en.brakes[1].reasons[0].startswith("Back-office (50 people) — not CRM users — take over")


def test_the_engagement_language_is_the_default(method):
    english = engagement([pop("Sales", dashboard_visibility="daily")], language="en")
    assert diagnose(english, method).brakes[0].reasons[0].startswith("Sales (10 people)")


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="the bundled example is not available")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bundled_example_is_diagnosed_for_every_population(method, lang):
    example = Engagement.model_validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    diagnosis = diagnose(example, method, lang)
    names = [p.name for p in example.populations]
    assert list(diagnosis.matrix.index) == names
    assert list(diagnosis.segments.index) == names
    assert {r.population for r in diagnosis.risks} == set(names)
    for finding in diagnosis.brakes:
        assert finding.population in finding.reasons[0]
        assert 1 <= finding.severity <= 3


def test_a_reason_opens_with_its_population_then_the_facts_without_nested_parentheses(method):
    # The facts between dashes after the name, then the consequence, one sentence:
    # no "(140 people; … (…)): …" nesting a client has to unpick.
    names = ["Agents", "Courtiers", "Inspecteurs Est", "Inspecteurs Ouest"]
    case = engagement(
        [pop(name, pay_scheme="commission_per_sale", dashboard_visibility="weekly") for name in names],
        impacts=[impact(name, "job", 2) for name in names], language="en",
        relations=[{"population": "Agents", "relation": "competes_with", "other": "Courtiers",
                    "detail": "the same towns"},
                   *({"population": f"Inspecteurs {n}", "relation": "audits", "other": "Agents",
                      "detail": "deals seen weekly"} for n in ("Est", "Ouest"))])
    reasons = [r for b in diagnose(case, method, "en").brakes if b.population == "Agents"
               for r in b.reasons]
    assert reasons
    for reason in reasons:
        depth = 0
        for char in reason:
            depth += {"(": 1, ")": -1}.get(char, 0)
            assert depth <= 1, reason
    audited = next(r for r in reasons if "audited" in r)
    assert "“Inspecteurs Est” and “Inspecteurs Ouest” (deals seen weekly)" in audited
