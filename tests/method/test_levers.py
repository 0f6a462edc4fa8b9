"""The levers catalogue: Understand / Want / Be able (seed 004), readable data
a firm can adapt, validated so an adapted copy cannot break the Change plan."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from playbook.method import DEFAULT_DIR, load_method
from playbook.method.levers import PHASES, PILLARS, Catalogue

REQUIRED = {
    "participatory_workshops", "walk_in_my_shoes", "objection_handling", "positive_levers",
    "best_practice_exchange", "manager_rituals_workshops", "testimonial_video",
    "ambassador_community", "early_involvement_design", "early_involvement_acceptance",
    "territorial_adaptation", "local_sponsor_engagement", "mass_communication",
    "benefits_storytelling", "data_sharing_charter", "simplify_data_entry",
    "workload_rebalancing", "recognition_admin_staff", "collective_objectives",
    "manager_usage_charter", "training_classroom", "training_e_learning", "coaching_on_the_job",
    "user_guide", "support_hotline", "usage_dashboard_review",
}


def raw() -> dict:
    return yaml.safe_load((DEFAULT_DIR / "levers.yaml").read_text(encoding="utf-8"))


def test_bundled_catalogue_has_every_lever_the_brakes_refer_to():
    levers = load_method().levers
    assert REQUIRED <= set(levers.ids())


def test_every_pillar_and_phase_is_described_with_its_adkar_stage():
    levers = load_method().levers
    assert set(levers.pillars) == set(PILLARS) and set(levers.phases) == set(PHASES)
    assert "Awareness" in levers.pillars["understand"].adkar.en
    for pillar in PILLARS:
        assert any(lever.pillar == pillar for lever in levers.levers)


def test_seed_004_cross_population_actions_are_cross_scoped():
    levers = load_method().levers
    for lever_id in ("communication_rhythm", "ambassador_community", "manager_rituals_workshops",
                     "testimonial_video"):
        assert levers.lever(lever_id).scope == "cross"
    assert levers.lever("communication_rhythm").repeat is not None  # not a single blast


def test_an_unknown_brake_in_a_condition_is_rejected():
    data = raw()
    data["levers"][0]["when"] = [{"brakes": ["bad_mood"]}]
    with pytest.raises(ValidationError, match="bad_mood"):
        Catalogue.model_validate(data)


def test_a_default_lever_of_another_pillar_is_rejected():
    data = raw()
    data["pillars"]["understand"]["defaults"] = ["positive_levers"]
    with pytest.raises(ValidationError, match="must be a population lever of this pillar"):
        Catalogue.model_validate(data)


def test_a_cross_action_needs_an_audience_and_an_owner_must_be_known():
    data = raw()
    cross = next(lever for lever in data["levers"] if lever["scope"] == "cross")
    del cross["audience"]
    data["levers"][0]["owner"] = "intern"
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert "needs an audience" in str(error.value) and "unknown owner 'intern'" in str(error.value)


def test_a_label_missing_its_english_is_rejected():
    data = raw()
    del data["levers"][0]["label"]["en"]
    with pytest.raises(ValidationError):
        Catalogue.model_validate(data)


def test_every_lever_of_the_catalogue_has_a_short_description_shorter_than_its_full_one():
    """The Change plan's glossary prints `short`: a few words in each language, so that
    a plan's thirty levers hold on about a page."""
    for lever in load_method().levers.levers:
        assert lever.short is not None, lever.id
        for lang in ("fr", "en"):
            short, full = lever.short.in_(lang), lever.description.in_(lang)
            assert short.endswith(".") and len(short.split()) <= 14, (lever.id, lang, short)
            assert len(short) < len(full), (lever.id, lang)
