"""One engagement calendar: every schedule of the plan keeps the working
calendar, the method's phase order and the as-of date, for both examples and
for random engagements (whatever their country, dates and progress)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.analysis.engine import analyse
from playbook.model import Engagement
from tests.reliability.test_properties import valid_engagements

from . import checks
from .conftest import EXAMPLES

CHECKS = {check.__name__: check for check in checks.ALL_CHECKS}


@pytest.mark.parametrize("check", list(CHECKS))
@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_keeps_every_promise(examples, name, check):
    assert CHECKS[check](examples[name]) == []


def test_the_examples_show_work_done_late_and_ahead(examples):
    for analysis in examples.values():
        statuses = set(analysis.change_plan.actions["status"])
        assert {"done", "late", "ahead", "cancelled", "planned"} <= statuses
        assert analysis.engagement.engagement.as_of is not None


@st.composite
def engagements_in_progress(draw) -> Engagement:
    """A random valid engagement, seen at a random date of its life, in a
    random country, with some actions recorded done or cancelled."""
    engagement = draw(valid_engagements())
    kickoff = engagement.engagement.kickoff
    last = max(lot.go_live for lot in engagement.lots)
    as_of = kickoff + dt.timedelta(days=draw(st.integers(0, (last - kickoff).days + 60)))
    levers = ["communication_rhythm", "mass_communication", "benefits_storytelling",
              "early_involvement_design", "user_guide"]
    records = [{"lever": draw(st.sampled_from(levers)), "status": draw(st.sampled_from(["done", "cancelled"]))}
               for _ in range(draw(st.integers(0, 3)))]
    data = engagement.model_dump(mode="json")
    data["engagement"].update(as_of=as_of.isoformat(), country=draw(st.sampled_from(["FR", "GB", "DE"])))
    data["action_status"] = records
    return Engagement.model_validate(data)


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(engagement=engagements_in_progress())
def test_any_engagement_keeps_every_promise(engagement, method):
    analysis = analyse(engagement, method)
    broken = {name: found for name, check in CHECKS.items() if (found := check(analysis))}
    assert broken == {}
