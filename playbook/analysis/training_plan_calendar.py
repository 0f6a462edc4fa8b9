"""Placing training sessions on working days under the client's constraints.

Sessions are placed backwards from their deadline (the day before go-live for
end users; a buffer before the first end-user session for key users and
administrators), so people are trained as close as possible to the moment they
will use what they learnt. Hard rules: the working calendar's closed days
(weekends, public holidays, blackout periods; a territory's own bind only that
territory) are never used; at most
`max_share_away` of a population is in training on any one day (a session
may seat several populations, each within its own share); each trainer
runs at most a day's worth of sittings a day. Besides the client's trainers,
the calendar may count co-trainers (key users once trained and prepared) and
trainers the plan asks the steering committee for, each available from a given
day. The wave's window (`weeks_before_go_live`) is a target: when capacity
cannot fit it, the wave starts earlier and the plan says so.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..model import TrainingConstraints
from .calendar import WorkingCalendar

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Seat:
    """The people of one population in one session."""

    key: str  # identifies the population (share-away accounting)
    size: int
    share_cap: int | None  # most people of `key` away on one day; None: no cap


@dataclass(frozen=True)
class Request:
    """One session to place: its learners, population by population, and its length."""

    seats: tuple[Seat, ...]
    hours: float
    territories: frozenset[str]


@dataclass(frozen=True)
class Placement:
    days: tuple[dt.date, ...]
    trainer: int  # 1-based
    seats: tuple[Seat, ...]

    @property
    def participants(self) -> int:
        return sum(seat.size for seat in self.seats)

    @property
    def start(self) -> dt.date:
        return self.days[0]

    @property
    def end(self) -> dt.date:
        return self.days[-1]


@dataclass
class Calendar:
    constraints: TrainingConstraints
    day_hours: float
    floor: dt.date  # nothing is placed before this day (kickoff, or the as-of date)
    working: WorkingCalendar
    # trainers beyond the client's own, each as (first day, last day or None)
    extra: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    _slots: dict[tuple[dt.date, int], int] = field(default_factory=dict)
    _away: dict[tuple[str, dt.date], int] = field(default_factory=dict)
    _used: dict[dt.date, int] = field(default_factory=dict)  # sittings taken on a day, all trainers
    # What the working calendar says of a day's span for given territories never
    # changes: computed once, shared by the copies a capacity search tries.
    _spans: dict[tuple[dt.date, int, frozenset[str]], tuple[dt.date, ...] | None] = field(
        default_factory=dict, repr=False)
    _blocked: dict[tuple[dt.date, frozenset[str]], bool] = field(default_factory=dict, repr=False)
    # Who may train on a day or a span, until trainers are added.
    _present: dict[dt.date, int] = field(default_factory=dict, repr=False)
    _crew: dict[tuple[dt.date, dt.date], list[int]] = field(default_factory=dict, repr=False)
    slots_per_day: int = field(init=False)  # sittings a trainer runs in a day

    def copy(self) -> Calendar:
        """A calendar to try a placement on, without touching this one."""
        return Calendar(self.constraints, self.day_hours, self.floor, self.working, list(self.extra),
                        dict(self._slots), dict(self._away), dict(self._used), self._spans, self._blocked)

    def adopt(self, other: Calendar) -> None:
        """Take on what was placed on a copy (its trainers, sittings and floor)."""
        self.floor, self.extra = other.floor, list(other.extra)
        self._slots, self._away, self._used = dict(other._slots), dict(other._away), dict(other._used)
        self._present.clear()
        self._crew.clear()

    def add_trainers(self, count: int, first: dt.date, last: dt.date | None = None) -> None:
        self.extra.extend([(first, last)] * count)
        self._present.clear()
        self._crew.clear()

    def _trainers(self, days: tuple[dt.date, ...]) -> list[int]:
        """The trainers (1-based) who may run a session on these days."""
        key = (days[0], days[-1])
        crew = self._crew.get(key)
        if crew is None:
            own = self.constraints.trainers_available
            crew = self._crew[key] = list(range(1, own + 1)) + [
                own + k + 1 for k, (first, last) in enumerate(self.extra)
                if first <= days[0] and (last is None or days[-1] <= last)
            ]
        return crew

    def _trainers_on(self, day: dt.date) -> int:
        """How many trainers may train on `day`: only they can have sittings then."""
        count = self._present.get(day)
        if count is None:
            count = self._present[day] = self.constraints.trainers_available + sum(
                1 for first, last in self.extra if first <= day and (last is None or day <= last))
        return count

    def __post_init__(self) -> None:
        self.slots_per_day = max(1, math.floor(self.day_hours / self.constraints.session_hours + 1e-9))

    def sittings(self, hours: float) -> list[int]:
        """Slots used on each day of a session of `hours` (e.g. 14 h of 3.5 h
        sittings, two a day: [2, 2])."""
        total = sitting_count(hours, self.constraints.session_hours)
        per_day = self.slots_per_day
        return [min(per_day, total - i) for i in range(0, total, per_day)]

    def blocked(self, day: dt.date, territories: frozenset[str]) -> bool:
        key = (day, territories)
        found = self._blocked.get(key)
        if found is None:
            found = self._blocked[key] = not self.working.is_working(day, territories, training=True)
        return found

    def place(self, request: Request, latest: dt.date) -> Placement | None:
        """Place one session ending on or before `latest`, as late as possible."""
        pattern = self.sittings(request.hours)
        per_day = self.slots_per_day
        length = len(pattern)
        start = latest
        while start >= self.floor:
            days = self._span(start, length, request.territories)
            if days is not None and days[-1] <= latest:
                placement = self._fit(request, days, pattern, per_day)
                if placement is not None:
                    self._commit(request, placement, pattern)
                    return placement
            start -= ONE_DAY
        return None

    def _span(self, start: dt.date, length: int, territories: frozenset[str]) -> tuple[dt.date, ...] | None:
        """`length` consecutive working days from `start`, none of them blocked."""
        key = (start, length, territories)
        if key in self._spans:
            return self._spans[key]
        found: tuple[dt.date, ...] | None = None
        if not self.blocked(start, territories):
            days = [start]
            day = start
            while len(days) < length:
                day += ONE_DAY
                if day.weekday() >= 5:
                    continue
                if self.blocked(day, territories):
                    break
                days.append(day)
            else:
                found = tuple(days)
        self._spans[key] = found
        return found

    def _fit(self, request: Request, days: tuple[dt.date, ...], pattern: list[int],
             per_day: int) -> Placement | None:
        for day, need in zip(days, pattern, strict=True):
            # A day whose sittings are all but taken has no trainer free for this one.
            if self._used.get(day, 0) + need > self._trainers_on(day) * per_day:
                return None
        away = self._away
        for seat in request.seats:  # each population within its own share away
            if seat.share_cap is None:
                continue
            for day in days:
                if away.get((seat.key, day), 0) + seat.size > seat.share_cap:
                    return None
        slots = self._slots
        for trainer in self._trainers(days):
            for day, need in zip(days, pattern, strict=True):
                if slots.get((day, trainer), 0) + need > per_day:
                    break
            else:
                return Placement(days, trainer, request.seats)
        return None

    def release(self, hours: float, placement: Placement) -> None:
        """Free what a placed session took (its trainer's sittings, its learners' days)."""
        for day, need in zip(placement.days, self.sittings(hours), strict=True):
            self._slots[(day, placement.trainer)] -= need
            self._used[day] -= need
        for seat in placement.seats:
            self.release_seat(placement, seat)

    def release_seat(self, placement: Placement, seat: Seat) -> None:
        """Free the days one population's learners took in a placed session."""
        for day in placement.days:
            self._away[(seat.key, day)] -= seat.size

    def _commit(self, request: Request, placement: Placement, pattern: list[int]) -> None:
        for day, need in zip(placement.days, pattern, strict=True):
            self._slots[(day, placement.trainer)] = self._slots.get((day, placement.trainer), 0) + need
            self._used[day] = self._used.get(day, 0) + need
            for seat in placement.seats:
                self._away[(seat.key, day)] = self._away.get((seat.key, day), 0) + seat.size


def sitting_count(hours: float, session_hours: float) -> int:
    """How many of the client's sessions a module of `hours` takes (7 h in sessions
    of 2 h: 4), the last one possibly shorter."""
    return max(1, math.ceil(hours / session_hours - 1e-9))


def balanced_sizes(headcount: int, group_size: int) -> tuple[int, ...]:
    """ceil(headcount / group_size) sessions, sizes as even as possible (50 people
    in groups of at most 12: five sessions of 10, not four of 12 and one of 2)."""
    count = math.ceil(headcount / group_size)
    base, extra = divmod(headcount, count)
    return tuple(base + 1 if i < extra else base for i in range(count))
