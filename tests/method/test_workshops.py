"""Specification of `workshops.yaml`: the four workshops of seed 000."""

from __future__ import annotations

import copy

import pytest
import yaml
from pydantic import ValidationError

from playbook.method.loader import DEFAULT_DIR
from playbook.method.workshops import Catalogue
from playbook.model import Workshop

RAW = yaml.safe_load((DEFAULT_DIR / "workshops.yaml").read_text(encoding="utf-8"))


def test_the_four_workshops_of_seed_000_say_purpose_participants_outputs_and_when():
    catalogue = Catalogue.model_validate(RAW)
    assert [w.code for w in catalogue.workshops] == list(Workshop)
    for entry in catalogue.workshops:
        assert entry.purpose.fr and entry.participants.en and entry.when.fr and entry.outputs
        assert "000" in entry.seeds
    assert "direction générale" in catalogue.workshop("target_vision").participants.fr
    assert catalogue.workshop("action_plan").step == "change_plan"


def test_a_missing_workshop_is_rejected():
    data = copy.deepcopy(RAW)
    data["workshops"] = data["workshops"][:3]
    with pytest.raises(ValidationError, match="each workshop exactly once"):
        Catalogue.model_validate(data)


def test_cross_check_reports_a_workshop_tied_to_an_unknown_step():
    data = copy.deepcopy(RAW)
    data["workshops"][0]["step"] = "kickoff"

    class Steps:
        codes = ["framing", "target_vision", "impact_diagnosis", "change_plan", "run_and_steer"]

    class Method:
        steps = Steps()

    assert Catalogue.model_validate(data).cross_check(Method()) == [
        "workshops.target_vision.step: unknown step 'kickoff'"
    ]
