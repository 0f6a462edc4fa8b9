"""Every code a dropdown offers has a French and an English label."""

from __future__ import annotations

import pytest

from playbook.intake.schema import snake_case
from playbook.intake.values import Invalid, coerce_code
from playbook.intake.vocabulary import aliases, label
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


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_labels_of_either_language_read_back_as_their_code(vocabulary) -> None:
    key = snake_case(vocabulary.__name__)
    codes = tuple(vocabulary.codes())
    for code in codes:
        for lang in ("fr", "en"):
            shown = label(key, code, lang)
            assert coerce_code(shown, list(codes), aliases(key, codes)) == code
            assert coerce_code(shown.upper(), list(codes), aliases(key, codes)) == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [("favorable", "favourable"), ("Favorable", "favourable"), ("reticent", "reluctant"),
     ("Réticent", "reluctant"), ("Chef d'équipe", "team_leader"), ("team leader", "team_leader")],
)
def test_french_spellings_and_unaccented_labels_are_accepted(typed: str, code: str) -> None:
    enum = enums.BuyIn if code in enums.BuyIn.codes() else enums.HierarchyLevel
    key, codes = snake_case(enum.__name__), tuple(enum.codes())
    assert coerce_code(typed, list(codes), aliases(key, codes)) == code


def test_a_word_of_no_label_is_still_refused() -> None:
    codes = tuple(enums.BuyIn.codes())
    with pytest.raises(Invalid):
        coerce_code("hostile", list(codes), aliases("buy_in", codes))
