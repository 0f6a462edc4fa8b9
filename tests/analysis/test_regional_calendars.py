"""Regional calendars: the engagement's country or main region (ISO 3166-2, through
the holidays library), and every computed date on a working day."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from playbook.analysis.calendar import WorkingCalendar
from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.model import EngagementInfo

from .change_plan_cases import engagement, population

METHOD = load_method()
BANK_HOLIDAY = dt.date(2027, 8, 30)  # England's Late Summer bank holiday, not in the generic GB calendar


def _uk(country: str):
    """90 advisers of the whole country going live on Monday 6 September 2027: their
    training window runs over England's August bank holiday."""
    lot = {"name": "Lot 1", "functional_blocks": ["Accounts"], "design_start": "2027-03-01",
           "acceptance_start": "2027-06-07", "acceptance_end": "2027-08-13", "go_live": "2027-09-06"}
    e = engagement([population("Service advisers", territory="National", headcount=90)],
                   lots=[(lot, ["Service advisers"])],
                   impacts=[{"population": "Service advisers", "dimension": "tool", "intensity": 3}],
                   training={"max_group_size": 8, "trainers_available": 1, "max_share_away": 0.5})
    info = {**e.engagement.model_dump(), "country": country, "kickoff": "2027-01-11", "as_of": "2027-01-11"}
    return e.model_validate({**e.model_dump(), "engagement": info})


@pytest.mark.parametrize(("given", "kept"), [("GB-ENG", "GB-ENG"), ("gb-sct", "GB-SCT"), ("FR-57", "FR-57"),
                                             ("DE-BY", "DE-BY"), ("ES-CT", "ES-CT"), ("FR", "FR")])
def test_the_country_takes_a_region_of_the_holidays_library(given, kept):
    info = EngagementInfo(client="C", sector="S", consultants=["A"], kickoff="2027-01-11",
                          strategy="x", business_case="x", current_situation="x", country=given)
    assert info.country == kept
    assert info.country_code == kept.split("-")[0]


def test_an_unknown_region_is_refused_with_the_known_ones():
    with pytest.raises(ValidationError, match="unknown region 'XX' of GB .*ENG"):
        EngagementInfo(client="C", sector="S", consultants=["A"], kickoff="2027-01-11",
                       strategy="x", business_case="x", current_situation="x", country="GB-XX")


def test_a_uk_whole_country_population_trains_on_england_s_calendar_in_august():
    english = _uk("GB-ENG")
    sessions = analyse(english, METHOD, "en").training_plan.sessions
    days = {d for d in sessions["start"]}
    assert min(days) < BANK_HOLIDAY < max(days)  # the training window spans the bank holiday
    assert BANK_HOLIDAY not in days
    assert not WorkingCalendar.of(english).is_working(BANK_HOLIDAY)
    # Given as the country alone, the engagement is told its populations miss regional holidays.
    generic = _uk("GB")
    warnings = [w for w in analyse(generic, METHOD, "en").diagnosis.warnings
                if w.code == "regional_calendar_undeclared"]
    assert len(warnings) == 1
    assert "GB-ENG, GB-NIR, GB-SCT, GB-WLS" in warnings[0].message
    assert "“Service advisers”" in warnings[0].message
    assert not [w for w in analyse(english, METHOD, "en").diagnosis.warnings
                if w.code == "regional_calendar_undeclared"]


def test_france_keeps_its_national_calendar_without_a_warning():
    e = _uk("FR")
    assert not [w for w in analyse(e, METHOD, "en").diagnosis.warnings if w.code == "regional_calendar_undeclared"]


def test_every_review_date_is_a_working_day():
    # Go-live on Monday 10 April 2028: four weeks later is 8 May 2028, Victory Day in France.
    lot = {"name": "Lot 1", "functional_blocks": ["Accounts"], "design_start": "2027-11-06",
           "acceptance_start": "2028-02-07", "go_live": "2028-04-10"}
    e = engagement([population("Advisers", territory="National")], lots=[(lot, ["Advisers"])],
                   kpis=[{"kind": "adoption", "name": "Active users", "population": "Advisers",
                          "unit": "%", "target": 85, "review_weeks_after_go_live": 4}],
                   impacts=[{"population": "Advisers", "dimension": "tool", "intensity": 3}])
    e = e.model_validate({**e.model_dump(), "engagement": {**e.engagement.model_dump(), "country": "FR",
                                                             "kickoff": "2027-10-02", "as_of": "2027-10-02"}})
    analysis = analyse(e, METHOD, "fr")
    calendar = WorkingCalendar.of(e)
    kpi = analysis.steering.kpis.set_index("name").loc["Active users"]
    assert kpi["first_review"] == dt.date(2028, 5, 9)
    reviews = [pd.Timestamp(d).date() for d in analysis.steering.kpis.explode("reviews")["reviews"]]
    actions = [pd.Timestamp(d).date() for d in analysis.change_plan.actions["date"]]
    sessions = list(analysis.training_plan.sessions["start"])
    for day in reviews + actions + sessions:
        assert calendar.is_working(day), day
