"""Specification of brake detection (seed 004; culture check of seed 002).

Each brake is found when its signal is in the data and not found when the
signal is absent; an observed resistance confirms and raises severity; every
reason names the population and the input value that triggered it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.analysis import detect_brakes
from playbook.method import load_method

from .diagnosis_cases import engagement, impact, lot, pop, resistance


@pytest.fixture(scope="module")
def method():
    return load_method()


def found(case, method, lang="fr"):
    return {(b.population, b.brake): b for b in detect_brakes(case, method, lang)}


# -- extra administrative load: the back-office case of seed 004 -------------

def back_office_case(crm_user=False):
    return engagement(
        [
            pop("Conseillers en agence", headcount=300, shifts_tasks_to=["Gestionnaires back-office"]),
            pop("Gestionnaires back-office", headcount=120, crm_user=crm_user, function="Gestion"),
        ]
    )


def test_non_users_inheriting_tasks_carry_the_admin_load_brake_at_full_severity(method):
    finding = found(back_office_case(), method)[("Gestionnaires back-office", "admin_load")]
    assert finding.severity == 3
    assert finding.reasons == (
        "Gestionnaires back-office (120\u00a0pers.) — non-utilisateurs du CRM — reprise de tâches "
        "administratives jusqu'ici assurées par « Conseillers en agence » ; le CRM risque d'être "
        "vécu comme une charge additionnelle et peu valorisante.",
    )


def test_admin_load_reason_in_english_cites_the_same_inputs(method):
    finding = found(back_office_case(), method, "en")[("Gestionnaires back-office", "admin_load")]
    assert finding.reasons[0].startswith("Gestionnaires back-office (120 people) — not CRM users — take over")
    assert "“Conseillers en agence”" in finding.reasons[0]


def test_a_crm_user_inheriting_tasks_is_a_lesser_admin_load(method):
    finding = found(back_office_case(crm_user=True), method)[("Gestionnaires back-office", "admin_load")]
    assert finding.severity == 2
    assert "en plus de leur propre usage du CRM" in finding.reasons[0]


def test_no_admin_load_without_shifted_tasks(method):
    case = engagement([pop("Conseillers"), pop("Back-office", crm_user=False)])
    assert not any(b.brake == "admin_load" for b in detect_brakes(case, method, "fr"))


def test_the_population_that_hands_tasks_over_has_no_admin_load(method):
    assert ("Conseillers en agence", "admin_load") not in found(back_office_case(), method)


# -- feeling watched ------------------------------------------------------------

def test_visible_activity_makes_users_feel_watched(method):
    case = engagement([pop("Commerciaux", dashboard_visibility="daily")])
    finding = found(case, method)[("Commerciaux", "feeling_watched")]
    assert finding.severity == 2
    assert finding.reasons[0].startswith(
        "Commerciaux (10\u00a0pers.) : tableaux de bord d'activité vus chaque jour par le management"
    )


def test_dashboards_cite_who_sees_them_and_how_often(method):
    case = engagement([pop("Commerciaux", dashboard_visibility="real_time",
                           dashboards_seen_by="les directeurs d'agence")])
    finding = found(case, method)[("Commerciaux", "feeling_watched")]
    assert "tableaux de bord d'activité vus en temps réel par les directeurs d'agence" in finding.reasons[0]


def test_weekly_dashboards_are_a_mild_signal_of_feeling_watched(method):
    finding = found(engagement([pop("Commerciaux", dashboard_visibility="weekly")]), method)
    assert finding[("Commerciaux", "feeling_watched")].severity == 1


def test_sales_evaluated_users_whose_dashboards_are_seen_feel_watched_most(method):
    case = engagement([pop("Commerciaux", dashboard_visibility="weekly", evaluated_on="individual_sales")])
    finding = found(case, method)[("Commerciaux", "feeling_watched")]
    assert finding.severity == 3
    assert "évaluée sur ses objectifs de vente individuels" in finding.reasons[0]  # strongest signal first


def test_users_who_do_not_use_the_crm_are_not_watched_through_it(method):
    case = engagement([pop("Back-office", crm_user=False, dashboard_visibility="daily")])
    assert ("Back-office", "feeling_watched") not in found(case, method)


def test_visible_activity_and_new_performance_measurement_converge(method):
    case = engagement(
        [pop("Commerciaux", dashboard_visibility="daily")],
        impacts=[impact("Commerciaux", "performance", 3)],
    )
    finding = found(case, method)[("Commerciaux", "feeling_watched")]
    assert finding.severity == 3
    assert len(finding.reasons) == 2
    assert "(impact 3/3)" in finding.reasons[1]


def test_no_feeling_watched_when_activity_is_not_visible(method):
    case = engagement([pop("Commerciaux")], impacts=[impact("Commerciaux", "performance", 3)])
    assert ("Commerciaux", "feeling_watched") not in found(case, method)


# -- loss of efficiency -----------------------------------------------------------

def test_speed_evaluated_advisers_facing_heavy_mandatory_entry_lose_efficiency(method):
    case = engagement([pop("Conseillers plateforme", evaluated_on="handling_time", mandatory_fields=12)])
    finding = found(case, method)[("Conseillers plateforme", "efficiency_loss")]
    assert finding.severity == 3
    assert "évaluation : durée de traitement ; 12\u00a0champs obligatoires par interaction" in finding.reasons[0]


def test_medium_mandatory_entry_on_volume_evaluation_is_a_medium_brake(method):
    case = engagement([pop("Téléconseillers", evaluated_on="volume", mandatory_fields=6)])
    assert found(case, method)[("Téléconseillers", "efficiency_loss")].severity == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"evaluated_on": "quality", "mandatory_fields": 12},  # not judged on speed
        {"evaluated_on": "handling_time", "mandatory_fields": 3},  # little to enter
    ],
)
def test_no_efficiency_loss_without_both_signals(method, fields):
    case = engagement([pop("Conseillers", **fields)])
    assert ("Conseillers", "efficiency_loss") not in found(case, method)


# -- reluctant territory ----------------------------------------------------------

def test_opposed_local_management_makes_a_reluctant_territory(method):
    case = engagement([pop("Agences Est", territory="Est")],
                      territories=[{"name": "Est", "local_management": "opposed"}])
    finding = found(case, method)[("Agences Est", "reluctant_territory")]
    assert finding.severity == 2
    assert "territoire : Est ; management local : opposé" in finding.reasons[0]


def test_a_reluctant_territory_without_local_sponsor_is_found_even_with_neutral_management(method):
    case = engagement(
        [pop("Agences Est", territory="Est", buy_in="resistant"), pop("Agences Ouest", territory="Ouest")],
        territories=[{"name": "Ouest", "local_sponsor": "Dominique Leroy", "local_sponsor_role": "Directrice régionale"}],
    )
    brakes = found(case, method)
    assert "aucun sponsor local" in brakes[("Agences Est", "reluctant_territory")].reasons[0]
    assert ("Agences Ouest", "reluctant_territory") not in brakes


def test_national_populations_are_no_territory(method):
    case = engagement(
        [pop("Siège", buy_in="resistant"), pop("Agences Est", territory="Est"), pop("Agences Ouest", territory="Ouest")]
    )
    assert ("Siège", "reluctant_territory") not in found(case, method)


# -- de-siloing and competition culture -------------------------------------------

def test_sharing_data_is_a_desiloing_brake_stronger_when_culture_changes(method):
    low = engagement([pop("Marketing", shares_data_across_departments=True)])
    high = engagement(
        [pop("Marketing", shares_data_across_departments=True)], impacts=[impact("Marketing", "culture", 2)]
    )
    assert found(low, method)[("Marketing", "desiloing")].severity == 1
    finding = found(high, method)[("Marketing", "desiloing")]
    assert finding.severity == 2
    assert "(2/3)" in finding.reasons[0]


def test_no_desiloing_without_sharing_or_cross_functional_change(method):
    case = engagement([pop("Marketing")], impacts=[impact("Marketing", "culture", 2)])
    assert ("Marketing", "desiloing") not in found(case, method)


def test_teams_in_competition_carry_the_competition_culture_brake(method):
    case = engagement([pop("Commerciaux", members_in_competition=True)])
    finding = found(case, method)[("Commerciaux", "competition_culture")]
    assert finding.severity == 2
    assert "concurrence sur le même marché" in finding.reasons[0]


def test_no_competition_culture_without_competition(method):
    case = engagement([pop("Commerciaux", shares_data_across_departments=True)])
    assert ("Commerciaux", "competition_culture") not in found(case, method)


# -- observed resistances ---------------------------------------------------------

def test_an_observed_resistance_confirms_and_raises_a_detected_brake(method):
    case = engagement(
        [pop("Commerciaux", dashboard_visibility="daily")],
        resistances=[resistance("Commerciaux", "feeling_watched", "« Je remplirai le vendredi. »")],
    )
    finding = found(case, method)[("Commerciaux", "feeling_watched")]
    assert finding.observed
    assert finding.severity == 3
    assert finding.reasons[-1] == "Résistance observée (entretien) : « Je remplirai le vendredi. »"


def test_an_observed_resistance_alone_is_a_brake_of_medium_severity(method):
    case = engagement([pop("Commerciaux")], resistances=[resistance("Commerciaux", "desiloing")])
    finding = found(case, method)[("Commerciaux", "desiloing")]
    assert (finding.severity, finding.observed) == (2, True)


def test_a_clean_population_has_no_brake(method):
    assert detect_brakes(engagement([pop("Direction", level="executive")]), method, "fr") == ()


BRAKES = ["desiloing", "feeling_watched", "efficiency_loss", "reluctant_territory", "admin_load", "competition_culture"]

signals = st.fixed_dictionaries(
    {
        "dashboard_visibility": st.sampled_from(["none", "weekly", "daily", "real_time"]),
        "shares_data_across_departments": st.booleans(),
        "members_in_competition": st.booleans(),
        "evaluated_on": st.sampled_from(["handling_time", "volume", "quality", "individual_sales"]),
        "mandatory_fields": st.integers(0, 20),
        "local_management": st.sampled_from(["supportive", "neutral", "opposed"]),
        "crm_user": st.booleans(),
    }
)


@settings(max_examples=40, deadline=None)
@given(fields=signals, brake=st.sampled_from(BRAKES))
def test_adding_an_observed_resistance_never_lowers_a_brake_severity(fields, brake):
    method = load_method()
    stance = fields.pop("local_management")
    populations = [pop("A", territory="Est", **fields), pop("B", territory="Ouest", shifts_tasks_to=["A"])]
    territories = [{"name": "Est", "local_management": stance}]
    before = found(engagement(populations, territories=territories), method)
    after = found(engagement(populations, resistances=[resistance("A", brake)], territories=territories), method)
    severity_before = before[("A", brake)].severity if ("A", brake) in before else 0
    assert after[("A", brake)].severity >= severity_before
    assert after[("A", brake)].observed


def test_findings_follow_population_then_catalogue_order(method):
    case = engagement(
        [
            pop("B", members_in_competition=True, dashboard_visibility="daily"),
            pop("A", shares_data_across_departments=True),
        ],
        lots=[lot("Lot 1", ["A", "B"])],
    )
    order = [(b.population, b.brake) for b in detect_brakes(case, method, "fr")]
    assert order == [("B", "feeling_watched"), ("B", "competition_culture"), ("A", "desiloing")]


def test_the_engine_computes_exactly_the_facts_the_catalogue_declares(method):
    from playbook.analysis import population_facts
    from playbook.method.brakes import FACTS

    case = engagement([pop("A", shifts_tasks_to=["B"]), pop("B", territory="Est")])
    facts = population_facts(case, method)
    assert set(facts["A"]) == set(FACTS)
    assert facts["B"]["receives_shifted_tasks"] and not facts["A"]["receives_shifted_tasks"]
    assert facts["A"]["shifts_tasks"] and facts["B"]["regional"] and not facts["A"]["regional"]


# -- Resistances recorded as observations, classified by the method ---------------


def _observation(population: str, evidence: str, who: str = "") -> dict:
    return {"population": population, "evidence": evidence, "source": "entretien", "who": who}


def test_an_observation_without_brake_is_classified_by_its_words_and_says_so(method):
    from playbook.analysis.brakes import classify_resistances

    case = engagement([pop("Commerciaux", dashboard_visibility="daily", mandatory_fields=6,
                           members_in_competition=True)],
                      resistances=[_observation("Commerciaux", "Si je mets mes prospects, mes collègues me les prendront.",
                                                who="commercial senior")])
    (classified, how), = classify_resistances(case, method, "fr")[0]
    assert classified.brake.value == "competition_culture"
    assert how == "classée « Culture de compétition » d'après ses mots (collègues, prospects, prendront)"
    finding = next(b for b in detect_brakes(case, method, "fr") if b.brake == "competition_culture")
    assert finding.observed
    assert finding.reasons[-1] == ("Résistance observée (entretien, commercial senior) : « Si je mets mes prospects, "
                                   "mes collègues me les prendront. » ; " + how)


def test_an_observation_with_no_telling_word_goes_to_the_population_s_strongest_signal(method):
    from playbook.analysis.brakes import classify_resistances

    case = engagement([pop("Plateforme", evaluated_on="handling_time", mandatory_fields=12)],
                      resistances=[_observation("Plateforme", "Ça ne marchera pas.")], language="en")
    (classified, how), = classify_resistances(case, method, "en")[0]
    assert classified.brake.value == "efficiency_loss"
    assert how == "classified as “Loss of efficiency”, the barrier the population's signals show"


def test_an_observation_nothing_can_classify_is_flagged_not_guessed(method):
    from playbook.analysis.brakes import classify_resistances
    from playbook.analysis.checks import method_checks

    case = engagement([pop("Direction", level="executive")],
                      resistances=[_observation("Direction", "Ça ne marchera pas.")])
    classified, unclassified = classify_resistances(case, method, "fr")
    assert classified == [] and [r.evidence for r in unclassified] == ["Ça ne marchera pas."]
    assert not detect_brakes(case, method, "fr")
    warnings = [w for w in method_checks(case, method, "fr") if w.code == "resistance_unclassified"]
    assert [w.subject for w in warnings] == ["Direction"]


def test_a_reluctant_territory_is_argued_with_its_own_specifics(method):
    case = engagement(
        [pop("Conseillers Sud-Ouest", territory="Sud-Ouest", buy_in="reluctant"),
         pop("Conseillers Nord", territory="Nord")],
        territories=[{"name": "Sud-Ouest", "local_management": "opposed",
                      "specifics": "Le directeur suit ses ventes sur son propre tableau Excel, et ses résultats sont les meilleurs du réseau."},
                     {"name": "Nord"}],
    )
    finding = next(b for b in detect_brakes(case, method, "fr") if b.brake == "reluctant_territory")
    assert finding.reasons[0].endswith(
        "Sur place : « Le directeur suit ses ventes sur son propre tableau Excel, et ses résultats "
        "sont les meilleurs du réseau »")
