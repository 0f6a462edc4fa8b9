"""The training catalogue: formats, modules, Kirkpatrick's four levels, support."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from playbook.method import DEFAULT_DIR, load_method
from playbook.method.training import Catalogue


def raw() -> dict:
    return yaml.safe_load((DEFAULT_DIR / "training.yaml").read_text(encoding="utf-8"))


def test_every_audience_has_a_module_and_key_users_train_the_trainers():
    training = load_method().training
    audiences = {m.audience for m in training.modules}
    assert audiences == {"end_user", "manager", "key_user", "administrator", "non_user_awareness", "new_hire"}
    assert training.module("key_user_train_the_trainer").format == "train_the_trainer"
    assert training.module("non_user_awareness").trigger.crm_user is False


def test_trainer_led_formats_have_a_group_size_and_self_paced_ones_none():
    for code, fmt in load_method().training.formats.items():
        assert (fmt.group_size is not None) == fmt.led_by_trainer, code


def test_evaluation_follows_kirkpatrick_four_levels():
    levels = [e.level for e in load_method().training.evaluation]
    assert levels == ["reaction", "learning", "behaviour", "results"]


def test_an_unknown_prerequisite_is_rejected():
    data = raw()
    data["modules"][1]["prerequisite"] = "typing_course"
    with pytest.raises(ValidationError, match="unknown prerequisite 'typing_course'"):
        Catalogue.model_validate(data)


def test_an_end_user_module_without_trigger_is_rejected():
    data = raw()
    del data["modules"][0]["trigger"]
    with pytest.raises(ValidationError, match="needs a trigger"):
        Catalogue.model_validate(data)
