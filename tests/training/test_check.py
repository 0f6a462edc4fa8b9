"""`check(answer, case)`: feedback that explains the method's reasoning, difference by difference."""

from __future__ import annotations

import copy

import pytest

from playbook.method import load_method
from playbook.training import AnswerError, case_names, check, reference, solution

ADVISERS = "Contact-centre advisers"


@pytest.fixture(scope="module")
def method():
    return load_method()


@pytest.fixture(scope="module")
def contact_centre():
    return solution("contact_centre")


def without_population(answer: dict, name: str) -> dict:
    answer = copy.deepcopy(answer)
    answer["populations"].remove(name)
    for section in ("brakes", "risks", "levers"):
        answer[section].pop(name, None)
    return answer


@pytest.mark.parametrize("case", case_names())
def test_the_engines_own_diagnosis_gets_no_remark_and_full_score(case):
    feedback = check(solution(case), case)
    assert feedback.remarks == []
    assert feedback.score == 1.0
    assert "No difference" in str(feedback)


def test_a_missed_brake_is_explained_with_the_signal_that_reveals_it(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["brakes"][ADVISERS].remove("efficiency_loss")
    feedback = check(answer, "contact_centre")
    [remark] = feedback.remarks
    assert (remark.kind, remark.subject) == ("missing_brake", ADVISERS)
    assert "Loss of efficiency" in remark.message
    finding = next(b for b in reference("contact_centre").diagnosis.brakes_of(ADVISERS)
                   if b.brake == "efficiency_loss")
    assert finding.reasons[0] in remark.message  # the signal, citing the case's inputs
    assert "evaluated on: handling time" in remark.message.lower()
    assert "observed in interviews" in remark.message
    assert "Parent and Mitève, n.d." in remark.seed  # seed 004, cited by name
    assert feedback.score < 1.0


def test_a_forgotten_non_user_population_is_flagged_as_the_census_trap():
    answer = without_population(solution("brokerage_back_office"), "Policy administration clerks")
    feedback = check(answer, "brokerage_back_office")
    [remark] = feedback.of_kind("missing_population")
    assert remark.subject == "Policy administration clerks"
    assert "does not use the CRM" in remark.message
    assert "Restricting the census of impacted populations to the users" in remark.message
    assert "“Field brokers”" in remark.message  # whose tasks it inherits
    assert "Admin workload shifted to others" in remark.message
    assert remark.seed == "Parent and Mitève, n.d."  # seed 004, cited by name
    assert feedback.remarks[0] is remark  # the most important remark comes first


def test_a_forgotten_user_population_is_not_called_the_non_user_trap():
    answer = without_population(solution("brokerage_back_office"), "Marketing team")
    [remark] = check(answer, "brokerage_back_office").of_kind("missing_population")
    assert "Every population counts" in remark.message
    assert "does not use the CRM" not in remark.message


def test_a_claimed_brake_without_signal_says_which_signal_is_absent(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["brakes"]["Complaints desk"] = ["feeling watched"]
    [remark] = check(answer, "contact_centre").remarks
    assert (remark.kind, remark.subject) == ("unfounded_brake", "Complaints desk")
    assert "Fear of being monitored" in remark.message
    assert "activity dashboards seen by management: Daily or Real time (here: No dashboard)" in remark.message
    assert "record the resistance" in remark.message


def test_risks_judged_the_wrong_way_round_are_explained(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["risks"][ADVISERS] = {"rejection": "high", "misuse": "low"}
    feedback = check(answer, "contact_centre")
    [kind] = feedback.of_kind("risk_kind")
    assert "mostly see a risk of rejection, the method mostly a risk of misuse" in kind.message
    levels = feedback.of_kind("risk_level")
    assert {r.subject for r in levels} == {ADVISERS}
    assert any("you rate it 1/3, the method 3/3" in r.message for r in levels)


def test_a_pillar_without_lever_recalls_the_three_levers(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["levers"][ADVISERS]["want"] = []
    feedback = check(answer, "contact_centre")
    [remark] = feedback.of_kind("pillar_without_lever")
    assert remark.subject == ADVISERS
    assert "“Want”" in remark.message and "Suggested lever" in remark.message


def test_levers_that_leave_a_brake_untreated_name_what_the_method_recommends(method, contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["levers"][ADVISERS] = {"understand": ["benefits_storytelling"],
                                  "want": ["positive_levers"], "be_able": ["user_guide"]}
    remarks = check(answer, "contact_centre").of_kind("brake_not_addressed")
    by_brake = {r.message.split("addresses the barrier “")[1].split("”")[0]: r for r in remarks}
    assert "Loss of efficiency" in by_brake
    assert method.levers.lever("simplify_data_entry").label.en in by_brake["Loss of efficiency"].message


def test_a_lever_aimed_at_a_brake_the_population_does_not_have_is_off_target(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["levers"][ADVISERS]["want"].append("local_sponsor_engagement")
    [remark] = check(answer, "contact_centre").of_kind("lever_off_target")
    assert "Reluctant region" in remark.message


def test_feedback_speaks_french_and_accepts_french_words(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["brakes"][ADVISERS] = ["Sentiment d'être « fliqué »"]
    answer["risks"][ADVISERS] = {"rejet": "moyen", "dévoiement": "élevé"}
    answer["levers"][ADVISERS] = {"Comprendre": answer["levers"][ADVISERS]["understand"],
                                  "Vouloir": answer["levers"][ADVISERS]["want"],
                                  "Pouvoir": answer["levers"][ADVISERS]["be_able"]}
    feedback = check(answer, "contact_centre", lang="fr")
    [remark] = feedback.remarks
    assert remark.kind == "missing_brake"
    assert "Perte d'efficacité" in remark.message
    assert "Retour sur votre diagnostic" in str(feedback)


def test_a_misspelt_population_is_matched_or_met_with_a_suggestion(contact_centre):
    answer = copy.deepcopy(contact_centre)
    answer["populations"] = ["contact centre advisers" if p == ADVISERS else p
                             for p in answer["populations"]]
    assert check(answer, "contact_centre").remarks == []
    answer["populations"].append("Contact advisors")
    [remark] = check(answer, "contact_centre").of_kind("unknown_population")
    assert "Did you mean “Contact-centre advisers”?" in remark.message


def test_an_answer_of_the_wrong_shape_says_what_is_expected():
    with pytest.raises(AnswerError, match="expected a list"):
        check({"populations": "Advisers"}, "contact_centre")
    with pytest.raises(AnswerError, match="not a level"):
        check({"risks": {ADVISERS: {"misuse": "very"}}}, "contact_centre")


def test_a_partial_answer_scores_below_a_fuller_one(contact_centre):
    partial = {"populations": [ADVISERS], "brakes": {ADVISERS: ["efficiency_loss"]}}
    fuller = copy.deepcopy(partial)
    fuller["populations"] += ["Team supervisors", "Workforce planning team"]
    fuller["brakes"][ADVISERS].append("feeling_watched")
    assert check(partial, "contact_centre").score < check(fuller, "contact_centre").score < 1.0


def test_feedback_renders_as_an_html_table_in_notebooks(contact_centre):
    answer = without_population(contact_centre, "Field technicians")
    html = check(answer, "contact_centre")._repr_html_()
    assert "<table>" in html and "Field technicians" in html and "Forgotten population" in html


def test_an_answer_misshaped_in_a_french_session_is_explained_in_french() -> None:
    with pytest.raises(AnswerError) as raised:
        check({"populations": "Conseillers"}, "contact_centre", lang="fr")
    assert str(raised.value) == "populations : attendu : une liste, reçu 'Conseillers'"
    with pytest.raises(AnswerError, match="n'est pas un niveau ; utilisez 0 à 3 ou aucun / faible"):
        check({"populations": ["Conseillers du centre de contacts"],
               "risks": {"Conseillers du centre de contacts": {"rejet": "énorme"}}},
              "contact_centre", lang="fr")
