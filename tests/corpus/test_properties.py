"""Invariants of the corpus's generic checks on whole engagements drawn at random
(`tests.strategies.whole_engagements`): whatever the size, language, territories and
their holiday regions, external populations, lots with or without an acceptance end
date, progress and budget, the plan keeps the promises every corpus engagement keeps."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from playbook.analysis.engine import analyse
from tests.strategies import whole_engagements

from . import generic

# The training window does not hold yet on every engagement (issue #23: the corpus
# records it engagement by engagement); every other generic check of the schedule does.
HOLDING = {name: check for name, check in generic.ANALYSIS_CHECKS.items() if name != "training_window"}


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(engagement=whole_engagements(max_populations=12))
def test_any_whole_engagement_keeps_the_corpus_promises(engagement, method):
    analysis = analyse(engagement, method)
    assert sorted(analysis.diagnosis.levels.index) == sorted(p.name for p in engagement.populations)
    for population in engagement.populations:
        for kind in ("rejection", "misuse"):
            assert 0 <= analysis.diagnosis.risk(population.name, kind).level <= 3
    broken = {name: found for name, check in HOLDING.items() if (found := check(analysis))}
    assert broken == {}
