"""Specification of the two human risks of change, rejection and misuse (seed 004)."""

from __future__ import annotations

import pytest

from playbook.analysis import assess_risks, detect_brakes
from playbook.method import load_method

from .diagnosis_cases import engagement, impact, pop, resistance


@pytest.fixture(scope="module")
def method():
    return load_method()


def risk(case, method, population, kind, lang="fr"):
    return next(
        r for r in assess_risks(case, method, lang) if r.population == population and r.kind == kind
    )


def test_every_population_gets_both_risks_even_at_level_zero(method):
    case = engagement([pop("Direction", level="executive"), pop("Ventes")])
    risks = assess_risks(case, method, "fr")
    assert [(r.population, r.kind, r.level) for r in risks] == [
        ("Direction", "rejection", 0),
        ("Direction", "misuse", 0),
        ("Ventes", "rejection", 0),
        ("Ventes", "misuse", 0),
    ]
    assert all(r.reasons == () for r in risks)


def test_non_users_inheriting_tasks_risk_rejection(method):
    case = engagement(
        [pop("Conseillers", shifts_tasks_to=["Back-office"]), pop("Back-office", headcount=120, crm_user=False)]
    )
    rejection = risk(case, method, "Back-office", "rejection")
    assert rejection.level == 3
    assert rejection.reasons[0].startswith("Frein « Surcharge administrative transférée » (sévérité 3/3) : Back-office")
    # the admin-load brake feeds misuse at half weight: ceil(3 × 0.5) = 2
    assert risk(case, method, "Back-office", "misuse").level == 2


def test_speed_evaluation_with_heavy_entry_risks_misuse(method):
    case = engagement([pop("Plateforme", evaluated_on="speed", mandatory_data_entry="high")])
    misuse = risk(case, method, "Plateforme", "misuse", "en")
    assert misuse.level == 3
    assert "Brake “Loss of efficiency” (severity 3/3)" in misuse.reasons[0]
    assert "evaluated on: handling speed" in misuse.reasons[0]
    assert risk(case, method, "Plateforme", "rejection").level == 2  # ceil(3 × 0.5)


def test_feeling_watched_risks_misuse(method):
    case = engagement([pop("Commerciaux", activity_visible_to_management=True)])
    assert risk(case, method, "Commerciaux", "misuse").level == 2
    assert risk(case, method, "Commerciaux", "rejection").level == 1


@pytest.mark.parametrize(
    ("buy_in", "intensity", "level"),
    [("resistant", 3, 3), ("resistant", 2, 3), ("reluctant", 2, 2), ("resistant", 1, 1), ("neutral", 3, 0)],
)
def test_buy_in_and_impact_set_the_rejection_risk(method, buy_in, intensity, level):
    case = engagement([pop("Agents", buy_in=buy_in)], impacts=[impact("Agents", "job", intensity)])
    rejection = risk(case, method, "Agents", "rejection")
    assert rejection.level == level
    if level:
        assert f"impact global {intensity}/3" in rejection.reasons[0]


def test_heavy_entry_imposed_on_reluctant_users_risks_misuse(method):
    case = engagement([pop("Techniciens", mandatory_data_entry="high", buy_in="reluctant")])
    misuse = risk(case, method, "Techniciens", "misuse")
    assert misuse.level == 2
    assert "saisie importante obligatoire ; adhésion : réticent" in misuse.reasons[0]


def test_reasons_are_strongest_first(method):
    case = engagement(
        [pop("Plateforme", evaluated_on="speed", mandatory_data_entry="high", shares_data_across_departments=True)]
    )
    misuse = risk(case, method, "Plateforme", "misuse")
    assert "Perte d'efficacité" in misuse.reasons[0]  # contributes 3
    assert "Décloisonnement" in misuse.reasons[1]  # contributes 1


def test_given_brakes_are_used_instead_of_detected_again(method):
    case = engagement([pop("Commerciaux")], resistances=[resistance("Commerciaux", "reluctant_territory")])
    brakes = detect_brakes(case, method, "fr")
    assert risk(case, method, "Commerciaux", "rejection").level == 2
    assert all(r.level == 0 for r in assess_risks(case, method, "fr", brakes=()))
    assert assess_risks(case, method, "fr", brakes=brakes) == assess_risks(case, method, "fr")
