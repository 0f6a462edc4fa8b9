"""Fixtures of the consistency suite: the two examples analysed once."""

from __future__ import annotations

import pytest

from playbook.analysis.engine import Analysis, analyse
from playbook.examples import example_path
from playbook.intake import load_engagement
from playbook.method import load_method

EXAMPLES = ("mutuelle_horizon", "northwind_b2b")


@pytest.fixture(scope="session")
def method():
    return load_method()


@pytest.fixture(scope="session")
def examples(method) -> dict[str, Analysis]:
    return {name: analyse(load_engagement(example_path(name)), method) for name in EXAMPLES}
