"""Specification of `dimensions.yaml`: the six dimensions of change, the 0–3
scale, the overall-level rule and the impact × buy-in segments."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook.method.dimensions import CORNERS, Catalogue
from playbook.method.loader import DEFAULT_DIR
from playbook.model import BuyIn

RAW = yaml.safe_load((DEFAULT_DIR / "dimensions.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.model_validate(RAW)


def test_six_dimensions_in_heat_map_order_with_bilingual_texts(catalogue):
    assert catalogue.codes == ["job", "tool", "culture", "organisation", "skills", "performance"]
    for entry in catalogue.dimensions:
        for text in (entry.label, entry.definition, entry.example):
            assert text.fr.strip() and text.en.strip()


def test_job_tool_and_culture_carry_the_examples_of_seed_004(catalogue):
    assert "renseigner quotidiennement" in catalogue.dimension("job").example.fr
    assert "plateforme d'appels" in catalogue.dimension("tool").example.fr
    assert "partager des données entre services" in catalogue.dimension("culture").example.fr
    assert all("004" in catalogue.dimension(code).seeds for code in ("job", "tool", "culture"))


def test_the_scale_describes_each_intensity_from_none_to_high(catalogue):
    assert [level.intensity for level in catalogue.scale] == [0, 1, 2, 3]
    assert catalogue.intensity(3).label.en == "High"
    assert "métier lui-même" in catalogue.intensity(3).description.fr


@pytest.mark.parametrize(
    ("intensities", "level"),
    [
        ([0, 0, 0, 0, 0, 0], 0),
        ([1, 1, 1, 1, 1, 1], 1),  # broad but light: no bump
        ([2, 2, 0, 0, 0, 0], 2),  # two medium changes: not broad yet
        ([2, 2, 2, 0, 0, 0], 3),  # three medium changes weigh as a change of job
        ([3, 0, 0, 0, 0, 0], 3),
        ([3, 3, 3, 3, 3, 3], 3),  # capped
    ],
)
def test_overall_level_rule(catalogue, intensities, level):
    assert catalogue.overall_level.level(intensities) == level


def test_the_rule_is_stated_in_words_in_both_languages(catalogue):
    assert "trois dimensions" in catalogue.overall_level.description.fr
    assert "three dimensions" in catalogue.overall_level.description.en


@given(st.lists(st.integers(0, 3), min_size=6, max_size=6), st.integers(0, 5))
def test_raising_one_intensity_never_lowers_the_level(intensities, index):
    rule = Catalogue.model_validate(RAW).overall_level
    raised = list(intensities)
    raised[index] = min(3, raised[index] + 1)
    assert rule.level(raised) >= rule.level(intensities)


@pytest.mark.parametrize(
    ("level", "buy_in", "segment"),
    [
        (3, BuyIn.ENTHUSIASTIC, "lean_on"),
        (0, BuyIn.FAVOURABLE, "lean_on"),
        (2, BuyIn.RESISTANT, "convince_first"),
        (3, BuyIn.NEUTRAL, "support"),
        (1, BuyIn.RELUCTANT, "watch"),
        (0, BuyIn.NEUTRAL, "inform"),
    ],
)
def test_segments_of_the_impact_buy_in_map(catalogue, level, buy_in, segment):
    assert catalogue.segmentation.segment_for(level, buy_in).code == segment


def test_a_segmentation_that_leaves_a_population_without_segment_is_rejected():
    data = copy.deepcopy(RAW)
    data["segmentation"]["segments"] = [s for s in data["segmentation"]["segments"] if s["code"] != "watch"]
    with pytest.raises(ValidationError, match="no segment covers: level 0 / reluctant"):
        Catalogue.model_validate(data)


def test_a_missing_dimension_is_rejected():
    data = copy.deepcopy(RAW)
    data["dimensions"] = data["dimensions"][:-1]
    with pytest.raises(ValidationError, match="each dimension exactly once"):
        Catalogue.model_validate(data)


def test_a_text_missing_its_english_is_rejected():
    data = copy.deepcopy(RAW)
    data["dimensions"][0]["label"] = {"fr": "Métier", "en": " "}
    with pytest.raises(ValidationError, match="non-blank"):
        Catalogue.model_validate(data)


def test_the_map_quadrants_have_four_distinct_names_in_each_language(catalogue):
    quadrants = catalogue.segmentation.quadrants
    for lang in ("fr", "en"):
        names = [getattr(quadrants, corner).in_(lang) for corner in CORNERS]
        assert len(set(names)) == 4, names


def test_two_quadrants_named_alike_are_rejected():
    data = copy.deepcopy(RAW)
    quadrants = data["segmentation"]["quadrants"]
    quadrants["top_left"] = dict(quadrants["top_right"])
    with pytest.raises(ValidationError, match="four quadrant names must differ"):
        Catalogue.model_validate(data)
