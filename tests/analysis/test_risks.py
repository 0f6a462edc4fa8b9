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


def test_non_users_carry_no_misuse_risk_they_enter_no_data(method):
    case = engagement(
        [pop("Conseillers", shifts_tasks_to=["Back-office"]),
         pop("Back-office", headcount=120, crm_user=False, mandatory_fields=8, dashboard_visibility="daily")]
    )
    misuse = risk(case, method, "Back-office", "misuse")
    assert (misuse.level, misuse.reasons, misuse.causes) == (0, (), ())
    assert "sans saisie, pas de données à dévoyer" in misuse.ruled_out


def test_users_with_no_mandatory_field_carry_no_misuse_risk(method):
    case = engagement([pop("Direction", dashboard_visibility="daily", mandatory_fields=0)])
    assert risk(case, method, "Direction", "misuse").level == 0
    assert risk(case, method, "Direction", "rejection").level == 1  # watched, at half weight


def test_speed_evaluation_with_heavy_entry_risks_misuse(method):
    case = engagement([pop("Plateforme", evaluated_on="handling_time", mandatory_fields=12)])
    misuse = risk(case, method, "Plateforme", "misuse", "en")
    assert misuse.level == 3
    assert "Barrier “Loss of efficiency” (severity 3/3)" in misuse.reasons[0]
    assert "evaluated on: handling time" in misuse.reasons[0]
    assert risk(case, method, "Plateforme", "rejection").level == 2  # ceil(3 × 0.5)


def test_feeling_watched_risks_misuse(method):
    case = engagement([pop("Commerciaux", dashboard_visibility="daily", mandatory_fields=6)])
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
    if level:  # the facts behind it, not the overall score restated
        assert "adhésion : " in rejection.reasons[0]
        assert "impact global" not in rejection.reasons[0] and f"{intensity}/3" not in rejection.reasons[0]


def test_heavy_entry_imposed_on_reluctant_users_risks_misuse(method):
    case = engagement([pop("Techniciens", mandatory_fields=12, buy_in="reluctant")])
    misuse = risk(case, method, "Techniciens", "misuse")
    assert misuse.level == 2
    assert "12\u00a0champs obligatoires par interaction ; adhésion : réticent" in misuse.reasons[0]


def test_reasons_are_strongest_first(method):
    case = engagement(
        [pop("Plateforme", evaluated_on="handling_time", mandatory_fields=12, shares_data_across_departments=True)]
    )
    misuse = risk(case, method, "Plateforme", "misuse")
    assert "Perte d'efficacité" in misuse.reasons[0]  # contributes 3
    assert "Décloisonnement" in misuse.reasons[1]  # contributes 1


def test_the_main_reason_of_a_watched_sales_evaluated_population_s_misuse_is_feeling_watched(method):
    # Both brakes reach level 2 or more; de-siloing comes first in the catalogue,
    # but feeling watched contributes most, so it is the reason printed.
    case = engagement(
        [pop("Commerciaux", dashboard_visibility="daily", dashboards_seen_by="branch managers",
             evaluated_on="individual_sales", mandatory_fields=12, shares_data_across_departments=True)],
        impacts=[impact("Commerciaux", "culture", 2)],
        language="en",
    )
    misuse = risk(case, method, "Commerciaux", "misuse", "en")
    assert [c.source for c in misuse.causes][:2] == ["feeling_watched", "desiloing"]
    assert misuse.causes[0].contribution > misuse.causes[1].contribution
    assert misuse.reasons[0].startswith("Barrier “Fear of being monitored” (severity 3/3)")
    assert "activity dashboards seen daily by branch managers" in misuse.reasons[0]
    assert "evaluated on individual sales targets" in misuse.reasons[0]
    assert "12 mandatory fields per interaction" not in misuse.reasons[0]


def test_causes_are_ranked_by_contribution_every_one_listed(method):
    case = engagement(
        [pop("Plateforme", evaluated_on="handling_time", mandatory_fields=12, buy_in="reluctant",
             dashboard_visibility="daily", shares_data_across_departments=True)]
    )
    misuse = risk(case, method, "Plateforme", "misuse")
    contributions = [c.contribution for c in misuse.causes]
    assert contributions == sorted(contributions, reverse=True)
    assert {c.source for c in misuse.causes} == {"efficiency_loss", "feeling_watched", "desiloing", "rule"}
    assert misuse.reasons == tuple(c.reason for c in misuse.causes)


def test_given_brakes_are_used_instead_of_detected_again(method):
    case = engagement([pop("Commerciaux")], resistances=[resistance("Commerciaux", "reluctant_territory")])
    brakes = detect_brakes(case, method, "fr")
    assert risk(case, method, "Commerciaux", "rejection").level == 2
    assert all(r.level == 0 for r in assess_risks(case, method, "fr", brakes=()))
    assert assess_risks(case, method, "fr", brakes=brakes) == assess_risks(case, method, "fr")


# -- Causes by mechanism (issue: the right cause when two brakes tie) ------------


def _watched_and_sharing(**fields):
    """Shares data as a culture change (de-siloing, severity 3) and is watched daily
    while evaluated on individual sales (feeling watched, severity 3)."""
    return pop("Conseillers", headcount=1400, dashboard_visibility="daily",
               dashboards_seen_by="directeurs d'agence", evaluated_on="individual_sales",
               mandatory_fields=6, shares_data_across_departments=True, **fields)


def test_two_brakes_at_equal_severity_the_mechanism_decides_the_main_cause(method):
    case = engagement([_watched_and_sharing()],
                      impacts=[impact("Conseillers", "culture", 2), impact("Conseillers", "organisation", 2)])
    severities = {b.brake: b.severity for b in detect_brakes(case, method, "fr")}
    assert severities["desiloing"] == severities["feeling_watched"] == 3
    misuse = risk(case, method, "Conseillers", "misuse")
    rejection = risk(case, method, "Conseillers", "rejection")
    # Watching produces arranged entries (misuse); silos produce under-use (rejection).
    assert misuse.causes[0].source == "feeling_watched"
    assert rejection.causes[0].source == "desiloing"
    assert misuse.reasons[0].startswith("Frein « Sentiment d'être « fliqué » » (sévérité 3/3)")
    assert "tableaux de bord d'activité vus chaque jour par directeurs d'agence" in misuse.reasons[0]
    assert "saisies arrangées pour que les indicateurs soient verts" in misuse.reasons[0]
    # No cause is ever argued by how common a brake is in general.
    assert not any("plus fréquent" in r for a in assess_risks(case, method, "fr") for r in a.reasons)


def test_a_resistance_confirmed_in_interviews_decides_between_equal_mechanisms(method):
    # Feeling watched and competition both produce misuse at full weight and both
    # reach severity 3; the interviews confirmed competition, so it comes first,
    # and its reason quotes what was heard.
    case = engagement(
        [pop("Commerciaux", dashboard_visibility="daily", evaluated_on="individual_sales",
             mandatory_fields=6, members_in_competition=True, shares_data_across_departments=True)],
        resistances=[resistance("Commerciaux", "competition_culture",
                                "Je ne mets pas mes prospects dans l'outil, les collègues me les prendraient.")],
    )
    misuse = risk(case, method, "Commerciaux", "misuse")
    assert misuse.causes[0].source == "competition_culture"
    assert misuse.causes[0].observed
    assert "« Je ne mets pas mes prospects dans l'outil" in misuse.reasons[0]
    # Without the interview, the population's stronger signal decides instead.
    unconfirmed = engagement([pop("Commerciaux", dashboard_visibility="daily", evaluated_on="individual_sales",
                                  mandatory_fields=6, members_in_competition=True,
                                  shares_data_across_departments=True)])
    assert risk(unconfirmed, method, "Commerciaux", "misuse").causes[0].source == "feeling_watched"


def test_causes_that_still_weigh_the_same_are_given_together_not_by_catalogue_order(method):
    case = engagement([pop("Vendeurs", dashboard_visibility="daily", mandatory_fields=6,
                           members_in_competition=True)], language="en")
    misuse = risk(case, method, "Vendeurs", "misuse", "en")
    assert {c.source for c in misuse.causes[:2]} == {"feeling_watched", "competition_culture"}
    assert misuse.causes[0].contribution == misuse.causes[1].contribution
    assert misuse.reasons[0].startswith("Two causes weigh the same for Vendeurs:")
    assert "Fear of being monitored" in misuse.reasons[0] and "Competitive culture" in misuse.reasons[0]


def test_an_enthusiastic_population_with_strong_signals_is_not_misuse_high(method):
    signals = dict(evaluated_on="handling_time", mandatory_fields=12)
    neutral = engagement([pop("Plateforme", **signals)])
    keen = engagement([pop("Plateforme", buy_in="enthusiastic", **signals)])
    assert risk(neutral, method, "Plateforme", "misuse").level == 3
    misuse = risk(keen, method, "Plateforme", "misuse")
    assert misuse.level == 2
    assert misuse.reasons[0].startswith("Frein « Perte d'efficacité » (sévérité 3/3)")
    assert misuse.moderated == "Adhésion enthousiaste : risque ramené de 3/3 à 2/3 ; les signaux restent à suivre."
    assert misuse.reasons[-1] == misuse.moderated


def test_buy_in_never_erases_a_detected_brake(method):
    case = engagement([pop("Commerciaux", buy_in="enthusiastic", dashboard_visibility="weekly", mandatory_fields=6)])
    misuse = risk(case, method, "Commerciaux", "misuse")
    assert misuse.level == 1  # weekly reporting, severity 1: the floor holds
    assert misuse.moderated == ""
