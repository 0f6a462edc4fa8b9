"""Specification of loading the method: the bundled folder loads whole and
consistent; an adapted copy with a typo is refused with its file named."""

from __future__ import annotations

import shutil

import pytest
import yaml

from playbook.errors import MethodError
from playbook.method import DEFAULT_DIR, load_method


def test_the_bundled_method_loads_with_the_diagnosis_catalogues():
    method = load_method()
    assert method.dimensions.codes[:3] == ["job", "tool", "culture"]
    assert len(method.brakes.brakes) == 6
    assert len(method.workshops.workshops) == 4
    assert len(method.steps.steps) == 5
    assert len(method.version) == 12


def test_every_lever_a_brake_recommends_exists_in_the_levers_catalogue():
    method = load_method()
    assert method.brakes.cross_check(method) == []
    assert method.workshops.cross_check(method) == []


def test_the_vocabulary_labels_every_code_the_reasons_cite():
    method = load_method()
    from playbook.model import BuyIn, DataEntry, EvaluationBasis, HierarchyLevel, Level, Stance

    for vocabulary, enum in [
        ("buy_in", BuyIn), ("data_entry", DataEntry), ("evaluation_basis", EvaluationBasis),
        ("hierarchy_level", HierarchyLevel), ("level", Level), ("stance", Stance),
    ]:
        for code in enum:
            for lang in ("fr", "en"):
                assert method.term(vocabulary, code, lang)


@pytest.fixture
def adapted(tmp_path):
    folder = tmp_path / "my-firm"
    shutil.copytree(DEFAULT_DIR, folder)
    return folder


def test_an_adapted_brake_recommending_an_unknown_lever_is_refused(adapted):
    path = adapted / "brakes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["brakes"][0]["levers"].append("team_building_weekend")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(MethodError, match="brakes.yaml: brakes.desiloing.levers: unknown lever 'team_building_weekend'"):
        load_method(adapted)


def test_an_adapted_signal_with_a_misspelt_fact_is_refused_with_its_path(adapted):
    path = adapted / "brakes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["brakes"][4]["signals"][0]["when"] = {"recieves_shifted_tasks": True}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(MethodError, match=r"brakes\.yaml: brakes\.4\.signals\.0\.when.*recieves_shifted_tasks"):
        load_method(adapted)


def test_a_method_folder_without_its_dimensions_is_refused(adapted):
    (adapted / "dimensions.yaml").unlink()
    with pytest.raises(MethodError, match="dimensions.yaml: missing"):
        load_method(adapted)
