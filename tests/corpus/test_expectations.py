"""What a senior consultant expects of each corpus engagement, asserted.

One test per expectation of every `corpus/<slug>/expected.yaml`. An expectation
that fails today runs as a strict expected failure naming the issue that will
fix it: the day it holds, the test fails until the mark is removed.
"""

from __future__ import annotations

import pytest

from . import expectations as ex


def _params():
    for slug in ex.slugs():
        for expectation in ex.load_case(slug).expectations:
            marks = [pytest.mark.xfail(strict=True, reason=f"issue #{expectation.xfail}")] if expectation.xfail else []
            yield pytest.param(expectation, id=f"{slug}:{expectation.id}", marks=marks)


def test_the_corpus_has_the_shapes_that_bite(analysed):
    """Eight engagements or more, at least three in English and two filled workbooks;
    among them one population and sixty, one mid-engagement with recorded progress,
    one after go-live with measurements, a budget and none, several holiday regions."""
    cases = [ex.load_case(slug) for slug in ex.slugs()]
    assert len(cases) >= 8
    assert [case.path.suffix for case in cases].count(".xlsx") >= 2
    engagements = [analysed(case.slug).engagement for case in cases]
    assert sum(e.language == "en" for e in engagements) >= 3
    sizes = {len(e.populations) for e in engagements}
    assert 1 in sizes and max(sizes) >= 60
    assert any(e.action_status and e.engagement.as_of for e in engagements)
    assert any(e.kpi_readings and e.pulse_results and e.attendance for e in engagements)
    assert any(e.engagement.change_budget is None for e in engagements)
    assert any(e.engagement.change_budget is not None for e in engagements)
    assert any(any(lot.acceptance_end is None for lot in e.lots) for e in engagements)
    regions = {t.holidays_region for e in engagements for t in e.territories if t.holidays_region}
    assert len(regions) >= 5


def test_every_expected_file_reads_and_names_issues_for_what_fails():
    for slug in ex.slugs():
        case = ex.load_case(slug)  # raises with every problem located
        assert case.expectations, slug


@pytest.mark.parametrize("expectation", list(_params()))
def test_the_consultant_s_expectation_holds(expectation, analysed):
    problems = ex.check(expectation, analysed(expectation.slug))
    assert problems == [], f"{expectation.says}\n" + "\n".join(problems)
