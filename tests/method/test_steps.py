"""Specification of `steps.yaml`: the five steps of an engagement, their
deliverables and the pitfalls the seeds name."""

from __future__ import annotations

import copy

import pytest
import yaml
from pydantic import ValidationError

from playbook.method.loader import DEFAULT_DIR
from playbook.method.steps import Catalogue

RAW = yaml.safe_load((DEFAULT_DIR / "steps.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.model_validate(RAW)


def test_five_steps_in_order(catalogue):
    assert catalogue.codes == ["framing", "target_vision", "impact_diagnosis", "change_plan", "run_and_steer"]
    for step in catalogue.steps:
        assert step.purpose.fr and step.key_questions and step.pitfalls


@pytest.mark.parametrize(
    ("code", "fr", "en"),
    [
        ("framing_note", "Note de cadrage", "Framing note"),
        ("target_vision", "Vision cible", "Target vision"),
        ("impact_diagnosis", "Diagnostic d'impacts", "Impact diagnosis"),
        ("change_plan", "Plan d'accompagnement des changements", "Change plan"),
        ("training_plan", "Plan de formation", "Training plan"),
    ],
)
def test_deliverable_names(catalogue, code, fr, en):
    deliverable = catalogue.deliverable(code)
    assert (deliverable.name.fr, deliverable.name.en) == (fr, en)


def test_the_change_plan_step_delivers_the_training_plan_too(catalogue):
    assert [d.code for d in catalogue.step("change_plan").deliverables] == ["change_plan", "training_plan"]


def test_the_crm_view_trap_of_seed_004_is_a_checked_pitfall(catalogue):
    pitfalls = {p.code: p for p in catalogue.step("impact_diagnosis").pitfalls}
    assert pitfalls["users_only"].check.code == "no_non_user_population"
    assert "004" in pitfalls["users_only"].seeds
    assert catalogue.check("lot_without_trainees").severity == "info"


def test_steps_out_of_order_are_rejected():
    data = copy.deepcopy(RAW)
    data["steps"][0], data["steps"][1] = data["steps"][1], data["steps"][0]
    with pytest.raises(ValidationError, match="in this order"):
        Catalogue.model_validate(data)


def test_a_check_code_used_twice_is_rejected():
    data = copy.deepcopy(RAW)
    pitfall = copy.deepcopy(data["steps"][2]["pitfalls"][1])
    pitfall["code"] = "users_only_again"
    data["steps"][3]["pitfalls"].append(pitfall)
    with pytest.raises(ValidationError, match="check codes must be unique"):
        Catalogue.model_validate(data)
