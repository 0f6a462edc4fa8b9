"""Every date the engine computes falls on a working day of the people it concerns:
no action, review, session or next committee on a weekend or on a public holiday
of a region they work in, whatever the engagement (whole engagements drawn at
random). Holidays are read from the holidays library here, not from the engine."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays
from hypothesis import HealthCheck, given, settings

from playbook.analysis.change_plan_tables import ALL
from playbook.analysis.copil import copil
from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.model import NATIONAL
from tests.strategies import whole_engagements

METHOD = load_method()


@cache
def _closed(code: str, year: int) -> frozenset[dt.date]:
    country, _, subdivision = code.partition("-")
    return frozenset(holidays.country_holidays(country, subdiv=subdivision or None, years=year))


def _region(engagement, territory: str) -> str:
    if territory and territory.casefold() != NATIONAL.casefold():
        own = engagement.territory(territory).holidays_region
        if own:
            return own
    return engagement.engagement.country


def _off(engagement, day: dt.date, territories) -> str:
    """Why `day` is no working day for people of `territories` ('' when it is one)."""
    if day.weekday() >= 5:
        return "weekend"
    for territory in territories or ("",):
        region = _region(engagement, territory)
        if day in _closed(region, day.year):
            return f"holiday in {region}"
    return ""


def _as_date(value) -> dt.date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(engagement=whole_engagements(max_populations=6))
def test_no_computed_date_falls_on_a_weekend_or_a_holiday_of_its_region(engagement):
    analysis = analyse(engagement, METHOD)
    everyone = ("", *sorted({p.territory for p in engagement.populations}))  # and the client's country
    kept = {day for _, _, day, _ in analysis.calendar.flagged_milestones}  # the client's own dates
    found = []
    for row in analysis.change_plan.actions.itertuples():
        # a population's own territory; everyone's for an action of the plan as a whole
        places = everyone if row.population == ALL else (engagement.population(row.population).territory,)
        for day in {_as_date(row.date), _as_date(row.planned), _as_date(row.end)}:
            if day not in kept and (why := _off(engagement, day, places)):
                found.append(f"action {row.lever} ({row.population}) on {day}: {why}")
    for kpi in analysis.steering.kpis.itertuples():
        places = (engagement.population(kpi.population).territory,) if kpi.population else everyone
        found += [f"review of {kpi.name} on {day}: {why}"
                  for day in kpi.reviews if (why := _off(engagement, day, places))]
    for session in analysis.training_plan.sessions.itertuples():
        found += [f"session {session.module} ({session.population}) on {day}: {why}"
                  for day in {session.start, session.end} if (why := _off(engagement, day, session.territories))]
    following = copil(analysis).following
    assert following is not None
    if why := _off(engagement, following, ()):
        found.append(f"next COPIL on {following}: {why}")
    assert found == []


def test_a_message_to_everyone_avoids_the_holidays_of_every_territory_it_reaches():
    """A cross-population action gathering a GB head office and an English territory
    is not dated on England's Easter Monday, a holiday the generic GB calendar lacks."""
    from playbook.analysis.calendar import WorkingCalendar

    from .change_plan_cases import engagement, population

    e = engagement([population("Head office", territory=NATIONAL), population("Branches", territory="England")],
                   territories=[{"name": "England", "holidays_region": "GB-ENG"}])
    e = e.model_validate({**e.model_dump(), "engagement": {**e.engagement.model_dump(), "country": "GB"}})
    working = WorkingCalendar.of(e)
    easter_monday = dt.date(2026, 4, 6)
    assert working.is_working(easter_monday, ("",)) and not working.is_working(easter_monday, ("England",))
    assert working.on_or_after(easter_monday, ("", "England")) == dt.date(2026, 4, 7)
