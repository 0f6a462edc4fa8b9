"""The plan's cash is what the client pays out (trainers, external days, material)
and its internal time is its own people's days, each compared with the budget line
the engagement gives for it, one figure per line in every sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from playbook.errors import IntakeError
from playbook.findings import BUDGET_OVERRUN, CASH, INTERNAL_TIME, budget_sentence, findings
from playbook.intake import load_engagement, write_intake_template
from playbook.model import Engagement

from .conftest import METHOD, analysed, engagement

BOUGHT = {"external_days": 40, "external_day_rate": 900, "material_cost": 12_500}


def _with(**info) -> dict:
    data = engagement()
    data["engagement"].update(info)
    return data


@pytest.fixture(scope="module")
def bought():
    return analysed(_with(**BOUGHT))


def test_cash_counts_external_days_and_material_beside_the_trainers(bought):
    budget = findings(bought).budget
    assert [line.code for line in budget.of(CASH)] == ["trainers", "external", "material"]
    assert [line.code for line in budget.of(INTERNAL_TIME)] == ["learners", "key_users", "change_team"]
    trainers = budget.line("trainers")
    assert budget.line("external").amount == 40 * 900
    assert budget.line("material").amount == 12_500
    assert budget.cash == pytest.approx(trainers.shown_days * 850 + 36_000 + 12_500)
    assert sum(line.shown or 0 for line in budget.of(CASH)) == budget.cash_shown


def test_the_budget_sentence_prints_each_cash_line_once_with_its_figure(bought):
    said = budget_sentence(findings(bought).budget, METHOD, "en")
    assert said.count("external consultants and integrator: 40 days at £900 a day, £36,000") == 1
    assert said.count("material: £12,500") == 1
    assert said.count("£200,000") == 1
    french = budget_sentence(findings(analysed(_with(**BOUGHT), "fr")).budget, METHOD, "fr")
    assert "consultants et intégrateur externes : 40\u00a0j à 900\u00a0£GB par jour, 36\u202f000\u00a0£GB" in french


def test_external_days_can_take_the_plan_over_its_budget_and_that_is_a_decision():
    """A budget the trainers alone stay within is exceeded once the consultants'
    days and the material are counted: the committee is asked to decide."""
    trainers_only = findings(analysed(_with(change_budget=60_000))).budget
    assert trainers_only.overrun is None  # the trainers alone fit
    over = findings(analysed(_with(change_budget=60_000, **BOUGHT)))
    assert over.budget.overrun == pytest.approx(over.budget.cash - 60_000)
    (decision,) = [d for d in over.decisions if d.kind == BUDGET_OVERRUN]
    assert "external consultants and integrator" in decision.reason


def test_internal_time_is_compared_with_the_days_the_client_agreed_to_give():
    agreed = findings(analysed(_with(internal_days_budget=10))).budget
    assert agreed.internal_overrun == pytest.approx(agreed.internal_days - 10)
    said = budget_sentence(agreed, METHOD, "en")
    assert "more than the 10 days the company agreed to give" in said
    plenty = findings(analysed(_with(internal_days_budget=100_000)))
    assert plenty.budget.internal_overrun is None
    assert "within the 100,000 days the company agreed to give" in budget_sentence(
        plenty.budget, METHOD, "en")
    assert not [d for d in plenty.decisions if d.kind == BUDGET_OVERRUN]
    over = findings(analysed(_with(internal_days_budget=10)))
    assert [d.kind for d in over.decisions].count(BUDGET_OVERRUN) == 1


def test_the_lines_are_read_from_a_french_workbook(tmp_path: Path):
    case = Engagement.model_validate(_with(internal_days_budget=250, **BOUGHT))
    path = write_intake_template(tmp_path / "mission.xlsx", case, lang="fr")
    values = {row[0]: row[1] for row in load_workbook(path)["Mission"].iter_rows(
        min_row=2, values_only=True)}
    assert (values["jours externes"], values["taux journalier externe"],
            values["coût des supports"], values["jours internes prévus"]) == (40, 900, 12_500, 250)
    read = load_engagement(path).engagement
    assert (read.external_days, read.external_day_rate, read.material_cost,
            read.internal_days_budget) == (40, 900, 12_500, 250)


def _broken(tmp_path: Path, **cells) -> Path:
    case = Engagement.model_validate(_with(**BOUGHT))
    path = write_intake_template(tmp_path / "mission.xlsx", case, lang="fr")
    book = load_workbook(path)
    for row in book["Mission"].iter_rows(min_row=2):
        if row[0].value in cells:
            row[1].value = cells[row[0].value]
    book.save(path)
    return path


def test_external_days_without_their_rate_is_a_located_error(tmp_path: Path):
    with pytest.raises(IntakeError) as caught:
        load_engagement(_broken(tmp_path, **{"taux journalier externe": None}))
    text = str(caught.value)
    assert "sheet 'Mission'" in text and "(taux journalier externe)" in text
    assert "external_days" in text and "give both or neither" in text


def test_a_material_cost_that_is_not_a_number_is_a_located_error(tmp_path: Path):
    with pytest.raises(IntakeError) as caught:
        load_engagement(_broken(tmp_path, **{"coût des supports": "douze mille"}))
    assert "sheet 'Mission', row" in str(caught.value) and "(coût des supports)" in str(caught.value)


def test_staff_another_company_employs_are_stated_apart_never_valued_as_the_clients_time():
    """A dealer's or broker's staff in training are their employer's time: the budget's
    internal time counts the client's own learners only, and says the others apart."""
    data = engagement()
    data["populations"][0].update(organisation_kind="dealer", organisation="Northgate Motors")
    theirs = data["populations"][0]["name"]
    partnered = analysed(data)
    budget = findings(partnered).budget
    totals = partnered.training_plan.totals.iloc[-1]
    assert totals["partner_learner_days"] > 0
    own = budget.line("learners")
    assert own.days == pytest.approx(totals["learner_days"] - totals["partner_learner_days"])
    assert budget.line("partner_learners").days == pytest.approx(totals["partner_learner_days"])
    assert budget.line("partner_learners").amount is None and budget.partners == (theirs,)
    assert budget.learner_days_shown == own.shown_days + budget.line("partner_learners").shown_days
    said = budget_sentence(budget, METHOD, "en")
    assert f"Training time of staff other companies employ ({theirs}) is not counted" in said
    alone = findings(analysed(engagement())).budget
    assert [line.code for line in alone.lines if line.code == "partner_learners"] == []
