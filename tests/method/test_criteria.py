"""The success criteria of seed 001, with early warnings and advice."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from playbook.method import DEFAULT_DIR, load_method
from playbook.method.criteria import Catalogue
from playbook.model import Criterion


def test_the_six_criteria_of_seed_001_each_with_warnings_and_advice():
    criteria = load_method().criteria
    assert [c.code for c in criteria.criteria] == list(Criterion)
    for info in criteria.criteria:
        assert info.early_warnings and info.when_not_met.fr and info.when_not_met.en
        assert "001" in info.seeds


def test_a_missing_criterion_is_rejected():
    data = yaml.safe_load((DEFAULT_DIR / "criteria.yaml").read_text(encoding="utf-8"))
    data["criteria"] = data["criteria"][1:]
    with pytest.raises(ValidationError, match="criteria missing: user_satisfaction"):
        Catalogue.model_validate(data)
