"""The KPI catalogue: one family per KPI kind, the RAG rule, seed 003's balance."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from playbook.method import DEFAULT_DIR, load_method
from playbook.method.kpis import Catalogue
from playbook.model import KpiKind


def raw() -> dict:
    return yaml.safe_load((DEFAULT_DIR / "kpis.yaml").read_text(encoding="utf-8"))


def test_every_kpi_kind_has_a_family_and_adoption_is_per_population():
    kpis = load_method().kpis
    assert {f.kind for f in kpis.families} == set(KpiKind)
    assert kpis.family("adoption").per_population
    assert not kpis.family("support").higher_is_better


def test_balance_is_seed_003_people_process_technology():
    balance = load_method().kpis.balance
    assert balance.targets == {"people": 50, "process": 25, "technology": 25}
    assert 0 < balance.tolerance_points < 25


def test_balance_targets_must_add_up_to_100():
    data = raw()
    data["balance"]["targets"]["people"] = 60
    with pytest.raises(ValidationError, match="add up to 100"):
        Catalogue.model_validate(data)


def test_a_missing_family_is_rejected():
    data = raw()
    data["families"] = [f for f in data["families"] if f["kind"] != "support"]
    with pytest.raises(ValidationError, match="families missing: support"):
        Catalogue.model_validate(data)
