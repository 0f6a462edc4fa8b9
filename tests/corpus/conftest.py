"""Fixtures of the corpus tests: each engagement analysed and written once per
process and language (tests of one engagement and language share an xdist group)."""

from __future__ import annotations

import pytest

from playbook.analysis.engine import Analysis, analyse
from playbook.intake import load_engagement
from playbook.method import load_method

from . import expectations as ex
from . import generic

_ANALYSES: dict[tuple[str, str], Analysis] = {}
_WRITTEN: dict[tuple[str, str], dict[str, generic.Written]] = {}


@pytest.fixture(scope="session")
def method():
    return load_method()


@pytest.fixture(scope="session")
def analysed(method):
    """(slug, lang) -> the engagement analysed in that language ("" = its own)."""

    def get(slug: str, lang: str = "") -> Analysis:
        engagement = load_engagement(ex.load_case(slug).path)
        key = (slug, lang or engagement.language)
        if key not in _ANALYSES:
            _ANALYSES[key] = analyse(engagement, method, key[1])
        return _ANALYSES[key]

    return get


@pytest.fixture(scope="session")
def written(analysed, tmp_path_factory):
    """(slug, lang) -> the six deliverables written through the direct path and reopened."""

    def get(slug: str, lang: str) -> dict[str, generic.Written]:
        if (slug, lang) not in _WRITTEN:
            folder = tmp_path_factory.mktemp(f"corpus-{slug}-{lang}")
            _WRITTEN[(slug, lang)] = generic.write_all(analysed(slug, lang), folder)
        return _WRITTEN[(slug, lang)]

    return get
