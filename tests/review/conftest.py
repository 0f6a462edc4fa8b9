"""Fixtures of the review tests: the analyses a deliverable notebook reviews.

The two bundled examples are opened as the notebooks open them (the
engagement's own language, plus the French one in English), with a tiny
hand-made engagement and one where nothing is planned yet (a single non-user
population, no impact), analysed once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import playbook.examples
from playbook.analysis.engine import Analysis, analyse
from playbook.method import load_method
from playbook.model import Engagement
from playbook.workbench import open_engagement
from tests.factories import minimal_engagement_dict

EXAMPLES = Path(playbook.examples.__file__).resolve().parent
MUTUELLE = EXAMPLES / "mutuelle_horizon.yaml"
NORTHWIND = EXAMPLES / "northwind_b2b.yaml"


@pytest.fixture(scope="session")
def method():
    return load_method()


@pytest.fixture(scope="session")
def mutuelle() -> Analysis:
    """Mutuelle Horizon as its notebooks open it: in French, its own language."""
    return open_engagement(MUTUELLE, "")


@pytest.fixture(scope="session")
def mutuelle_en() -> Analysis:
    """Mutuelle Horizon with the notebook's `lang` parameter set to English."""
    return open_engagement(MUTUELLE, "en")


@pytest.fixture(scope="session")
def northwind() -> Analysis:
    """Northwind B2B as its notebooks open it: in English, its own language."""
    return open_engagement(NORTHWIND, "")


@pytest.fixture(params=["mutuelle", "northwind"])
def example(request) -> Analysis:
    """Each bundled example in its own language."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="session")
def minimal(method) -> Analysis:
    """Three populations (one a non-user), two lots, no team, key user or journey."""
    return analyse(Engagement.model_validate(minimal_engagement_dict()), method)


def nothing_planned_engagement() -> Engagement:
    """An early workbook: one population that does not use the CRM, no impact yet."""
    data = minimal_engagement_dict()
    back_office = next(p for p in data["populations"] if not p["crm_user"])
    data["populations"] = [back_office]
    data["impacts"] = []
    data["resistances"] = []
    data["lots"] = [{**data["lots"][0], "populations": [back_office["name"]]}]
    return Engagement.model_validate(data)


@pytest.fixture(scope="session", params=["en", "fr"])
def nothing_planned(request, method) -> Analysis:
    return analyse(nothing_planned_engagement(), method, request.param)
