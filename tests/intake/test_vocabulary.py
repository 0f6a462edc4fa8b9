"""Every code a dropdown offers has a French and an English label."""

from __future__ import annotations

import pytest

from playbook.intake.schema import snake_case
from playbook.intake.vocabulary import label
from playbook.model import enums

VOCABULARIES = [
    obj
    for obj in vars(enums).values()
    if isinstance(obj, type) and issubclass(obj, enums.Vocabulary) and obj is not enums.Vocabulary
]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_code_has_a_french_and_an_english_label(vocabulary) -> None:
    key = snake_case(vocabulary.__name__)
    for code in vocabulary.codes():
        assert label(key, code, "fr").strip()
        assert label(key, code, "en").strip()


def test_labels_use_the_method_s_french_terms() -> None:
    assert label("brake", "desiloing", "fr") == "Décloisonnement"
    assert label("workshop", "target_vision", "fr") == "Vision cible"
    assert label("dimension", "job", "fr") == "Métier et processus"
    assert label("language", "fr", "en") == "French"


def test_the_method_loader_reads_the_same_labels() -> None:
    import yaml

    from playbook.method.labels import Catalogue
    from playbook.method.loader import DEFAULT_DIR

    catalogue = Catalogue.model_validate(
        yaml.safe_load((DEFAULT_DIR / "vocabulary.yaml").read_text("utf-8"))
    )
    expected = {f"{snake_case(v.__name__)}.{code}" for v in VOCABULARIES for code in v.codes()}
    assert set(catalogue.keys()) == expected
