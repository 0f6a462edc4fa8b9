"""The engagement's working calendar: the one every schedule of the plan reads.

A day is closed to the plan when it falls on a weekend, on a public holiday of
the engagement's country (or of a territory's own region, where it differs),
and, for training, inside a blackout period (global, or the territory's own).
The as-of date splits the engagement in two: before it, work is recorded (done,
late, cancelled); from it, open work is planned. Lot milestones are the
client's: one set on a closed day is kept, and flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import holidays

from ..model import Engagement

ONE_DAY = dt.timedelta(days=1)
Territories = frozenset[str]


@dataclass(frozen=True)
class Region:
    """Where public holidays come from: a country and, optionally, a subdivision."""

    country: str
    subdivision: str | None = None


def territory_region(engagement: Engagement, territory: str) -> Region:
    """The holiday region of a territory: the engagement's country (or its main
    region, `GB-ENG`) until the territory names its own (`DE`, or `FR-57`)."""
    code = engagement.territory(territory).holidays_region if territory else ""
    return region_of(code or engagement.engagement.country)


def region_of(code: str) -> Region:
    """`GB-ENG` → Region("GB", "ENG"); `FR` → Region("FR")."""
    country, _, subdivision = code.partition("-")
    return Region(country, subdivision or None)


def regional_calendars(country: str, year: int) -> tuple[str, ...]:
    """The regions of `country` when every one of them adds public holidays to the
    national calendar (GB, DE, ES): the national calendar alone fits nobody there.
    Empty where most of the country keeps the national calendar (FR)."""
    base = set(holidays.country_holidays(country, years=year))
    regions = tuple(str(s) for s in holidays.country_holidays(country).subdivisions)
    if regions and all(set(holidays.country_holidays(country, subdiv=s, years=year)) - base for s in regions):
        return tuple(s.upper() for s in regions)
    return ()


def as_of_date(engagement: Engagement, today: dt.date | None = None) -> dt.date:
    """The date the deliverables describe the engagement at (default: today)."""
    return engagement.engagement.as_of or today or dt.date.today()


MilestoneField = Literal["design_start", "acceptance_start", "acceptance_end", "go_live"]
MILESTONE_FIELDS: tuple[MilestoneField, ...] = (
    "design_start", "acceptance_start", "acceptance_end", "go_live",
)


@dataclass(frozen=True)
class Closure:
    """Why a day is closed: `kind` is weekend, holiday or blackout."""

    kind: str
    name: str = ""


@dataclass
class WorkingCalendar:
    engagement: Engagement
    as_of: dt.date
    _holidays: dict[Region, holidays.HolidayBase] = field(default_factory=dict, repr=False)
    # Each day's answer, once per territories and kind: the training plan asks of
    # the same days tens of thousands of times as it places its sessions.
    _closures: dict[tuple[dt.date, Territories, bool], Closure | None] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, engagement: Engagement, today: dt.date | None = None) -> WorkingCalendar:
        return cls(engagement, as_of_date(engagement, today))

    def moved(self, as_of: dt.date, engagement: Engagement) -> WorkingCalendar:
        """This calendar at another as-of date, for `engagement`, the same one at
        that date: what closes a day reads no date, so every day worked out
        holds and is shared rather than worked out again."""
        calendar = WorkingCalendar(engagement, as_of, self._holidays)
        calendar._closures = self._closures
        return calendar

    # -- what closes a day ---------------------------------------------------------

    def closure(self, day: dt.date, territories: Iterable[str] = (), training: bool = False) -> Closure | None:
        """Why `day` is closed to people of `territories` (none: the country as a
        whole), or None when it is a working day. `training` adds the blackouts."""
        places = frozenset(territories)
        key = (day, places, training)
        if key not in self._closures:
            self._closures[key] = self._closure(day, places, training)
        return self._closures[key]

    def _closure(self, day: dt.date, places: Territories, training: bool) -> Closure | None:
        if day.weekday() >= 5:
            return Closure("weekend")
        for region in self._regions(places):
            name = self._calendar(region).get(day)
            if name:
                return Closure("holiday", name)
        if training:
            for blackout in self.engagement.training.blackouts:
                applies = not blackout.territory or blackout.territory in places
                if applies and blackout.start <= day <= blackout.end:
                    return Closure("blackout", blackout.reason)
        return None

    def is_working(self, day: dt.date, territories: Iterable[str] = (), training: bool = False) -> bool:
        return self.closure(day, territories, training) is None

    def on_or_after(self, day: dt.date, territories: Iterable[str] = (), training: bool = False) -> dt.date:
        """The first working day from `day` on."""
        places = frozenset(territories)
        while not self.is_working(day, places, training):
            day += ONE_DAY
        return day

    def on_or_before(self, day: dt.date, territories: Iterable[str] = (), training: bool = False) -> dt.date:
        """The last working day up to `day`."""
        places = frozenset(territories)
        while not self.is_working(day, places, training):
            day -= ONE_DAY
        return day

    def working_days(self, start: dt.date, end: dt.date, territories: Iterable[str] = ()) -> list[dt.date]:
        """Working days from `start` to `end`, both included."""
        places = frozenset(territories)
        days, day = [], start
        while day <= end:
            if self.is_working(day, places):
                days.append(day)
            day += ONE_DAY
        return days

    def plan_from(self, day: dt.date, territories: Iterable[str] = ()) -> dt.date:
        """Where open work dated `day` goes: that day, or the as-of date if it is
        past, moved to the next working day."""
        return self.on_or_after(max(day, self.as_of), territories)

    def holiday_name(self, day: dt.date, lang: str, territories: Iterable[str] = ()) -> str:
        """The public holiday's name in the deliverable's language where the
        holidays library has it (else in its own default)."""
        for region in self._regions(territories):
            supported = self._calendar(region).supported_languages
            wanted = [code for code in supported if code.split("_")[0] == lang]
            language = "en_GB" if "en_GB" in wanted else (wanted[0] if wanted else None)
            named = holidays.country_holidays(
                region.country, subdiv=region.subdivision, language=language, years=day.year
            )
            if named.get(day):
                return str(named.get(day))
        return ""

    # -- the client's milestones -----------------------------------------------------

    @cached_property
    def flagged_milestones(self) -> list[tuple[str, MilestoneField, dt.date, Closure]]:
        """(lot, milestone field, date, closure) of every lot milestone set on a
        closed day of the country; kept as the client set it."""
        flagged: list[tuple[str, MilestoneField, dt.date, Closure]] = []
        for lot in self.engagement.lots:
            for name in MILESTONE_FIELDS:
                day = getattr(lot, name)
                closure = None if day is None else self.closure(day)
                if closure is not None:
                    flagged.append((lot.name, name, day, closure))
        return flagged

    # -- internals -------------------------------------------------------------------

    def _regions(self, territories: Iterable[str]) -> list[Region]:
        """Each territory's region; the country's for people anywhere ("" or none),
        also beside territories of their own (a message to the head office and a
        foreign subsidiary avoids the holidays of both)."""
        places = list(territories)
        regions = {territory_region(self.engagement, t) for t in places if t}
        if not places or "" in places:
            regions.add(region_of(self.engagement.engagement.country))
        return sorted(regions, key=lambda r: (r.country, r.subdivision or ""))

    def _calendar(self, region: Region) -> holidays.HolidayBase:
        if region not in self._holidays:
            self._holidays[region] = holidays.country_holidays(
                region.country, subdiv=region.subdivision
            )
        return self._holidays[region]
