"""Every generic check on every corpus engagement: the schedule's promises once per
engagement, the written files in both languages.

A check that fails today on an engagement is listed in its expected.yaml under
`generic_xfail` (`check` or `check.lang` -> the issue that will fix it) and runs
as a strict expected failure.
"""

from __future__ import annotations

import pytest

from playbook.intake import load_engagement

from . import expectations as ex
from . import generic
from .test_layout import chosen


def _mark(case: ex.Case, check: str, lang: str, group: str) -> list:
    marks = [pytest.mark.xdist_group(group)]
    issue = case.generic_xfail.get(f"{check}.{lang}") or case.generic_xfail.get(check)
    if issue:
        marks.append(pytest.mark.xfail(strict=True, reason=f"issue #{issue}"))
    return marks


def _analysis_params():
    for slug in ex.slugs():
        case = ex.load_case(slug)
        for check in generic.ANALYSIS_CHECKS:
            yield pytest.param(slug, check, id=f"{slug}:{check}", marks=_mark(case, check, "", f"{slug}-own"))


def _languages(slug: str, case: ex.Case, today: list[str]) -> tuple[str, ...]:
    """Every engagement in its own language; the day's slice (as the layout check
    rotates, `CORPUS_SLICE` to choose) in both, which keeps the suite's time in check.
    `make corpus` writes every engagement in both languages."""
    if slug in today:
        return generic.LANGS
    return (load_engagement(case.path).language,)


def _file_params():
    today = chosen()
    for slug in ex.slugs():
        case = ex.load_case(slug)
        for lang in _languages(slug, case, today):
            for check in generic.FILE_CHECKS:
                yield pytest.param(slug, lang, check, id=f"{slug}:{lang}:{check}",
                                   marks=_mark(case, check, lang, f"{slug}-{lang}"))


@pytest.mark.parametrize(("slug", "check"), list(_analysis_params()))
def test_the_plan_keeps_its_promises(slug, check, analysed):
    assert generic.ANALYSIS_CHECKS[check](analysed(slug)) == []


@pytest.mark.parametrize(("slug", "lang", "check"), list(_file_params()))
def test_the_six_deliverables_are_fit_to_send(slug, lang, check, written):
    assert generic.FILE_CHECKS[check](written(slug, lang)) == []
