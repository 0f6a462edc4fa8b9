"""The training plan (Plan de formation): the "Be able" part of the Change plan.

Needs come from each population's tool and job impacts, IT comfort and role
(end users, managers; key users and administrators from governance; non-users
get awareness only, never tool training). Sessions are ceil(headcount / group
size) per module, the group size being the format's, capped by the client's
and by the share of a team that may be away at once. Waves follow the lots
(seed 000): key users (train-the-trainer) and administrators first, then end
users within the weeks before go-live. New hires get an onboarding module per
year (seed 002); evaluation follows Kirkpatrick's four levels.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from ..method import Method
from ..method.levers import Condition
from ..method.training import Module
from ..model import Engagement
from ..text import grammar
from ..text.typography import format_date
from .calendar import WorkingCalendar
from .change_plan_inputs import Profile, profiles
from .change_plan_rules import match, sentence
from .ids import unique_ids
from .milestones import lot_of, milestones
from .records import CapacityDecision, Diagnosis, MethodWarning, TrainingPlan
from .training_plan_calendar import ONE_DAY, Calendar, Placement, Request, Seat
from .training_plan_groups import Group, cohorts
from .training_plan_tables import evaluation, modules_table, onboarding, support, totals

PREPARATORY, END_USERS = "preparatory", "end_users"
SHARED = "shared"  # a session seating several populations, known by its site
SHARE_CAPPED = ("end_user", "manager", "non_user_awareness")  # teams at work; key users are released
_AUDIENCE_ORDER = {"manager": 0, "end_user": 1, "non_user_awareness": 2}


@dataclass(frozen=True)
class Need:
    """One module needed by one group of people in one lot."""

    lot: str
    wave: str
    population: str
    audience: str
    module: Module
    headcount: int
    territories: frozenset[str]
    group_size: int
    share_cap: int | None
    reason: str


def plan_training(
    engagement: Engagement, method: Method, diagnosis: Diagnosis, lang: str,
    working: WorkingCalendar | None = None,
) -> TrainingPlan:
    catalogue = method.training
    working = working or WorkingCalendar.of(engagement)
    table = milestones(engagement, method)
    needs = training_needs(engagement, method, profiles(engagement, diagnosis), lang)
    rows, warnings, capacity, unplaced = _schedule(engagement, method, table, needs, lang, working)
    sessions = _numbered(pd.DataFrame(rows, columns=SESSION_COLUMNS))
    warnings.extend(_capped_groups(needs, engagement, method, lang))
    self_paced = _self_paced(needs, sessions, table, engagement, method, lang, working)
    calendar = _calendar(population_seats(sessions), self_paced)
    if not engagement.governance.key_users and any(n.wave == END_USERS for n in needs):
        warnings.insert(0, MethodWarning("no_key_user", catalogue.texts["no_key_user"].in_(lang)))
    return TrainingPlan(
        needs=_needs_frame(needs, method, engagement.training.max_group_size, lang),
        modules=modules_table(needs, sessions, method, lang, engagement.training.session_hours),
        sessions=sessions,
        calendar=calendar,
        onboarding=onboarding(engagement, method, lang),
        evaluation=evaluation(table, sessions, method, lang),
        support=support(table, method, lang),
        totals=totals(calendar, sessions, needs, engagement, method, lang),
        warnings=tuple(warnings),
        capacity=tuple(capacity),
        unplaced=unplaced,
    )


# -------------------------------------------------------------------- needs


def training_needs(
    engagement: Engagement, method: Method, people: dict[str, Profile], lang: str
) -> list[Need]:
    catalogue = method.training
    limits = engagement.training
    texts = catalogue.texts
    needs: list[Need] = []
    for profile in people.values():
        population = profile.population
        if profile.impact <= 0:
            continue
        lots = lots_changing(engagement, population.name)
        cap = share_cap(population, limits.max_share_away)
        for module in catalogue.modules:
            if module.trigger is None or module.audience not in SHARE_CAPPED:
                continue
            if module.trigger.later_lot:
                targets = [(lot.name, texts["need_later_lot"].in_(
                    lang, population=population.name, lot=lot.name)) for lot in lots[1:]]
            else:
                clauses = match(_condition(module), profile)
                if clauses is None:
                    continue
                targets = [(lots[0].name, sentence(population.name, clauses, method, lang))]
            for lot, reason in targets:
                needs.append(
                    Need(
                        lot=lot, wave=END_USERS, population=population.name,
                        audience=module.audience, module=module,
                        headcount=population.headcount,
                        territories=frozenset({population.territory}),
                        group_size=_group_size(module, method, limits.max_group_size, cap),
                        share_cap=cap, reason=reason,
                    )
                )
    needs.extend(_key_user_needs(engagement, method, lang))
    needs.extend(_administrator_needs(engagement, method, lang))
    return needs


def lots_changing(engagement: Engagement, population: str) -> list[Any]:
    """The lots that change a population's work, earliest go-live first: those it
    goes live in and those holding one of its use cases; a population in none
    follows the first lot."""
    named = {lot.name for lot in engagement.lots_of(population)}
    named |= {case.lot for case in engagement.use_cases if case.population == population}
    lots = sorted((lot for lot in engagement.lots if lot.name in named), key=lambda lot: lot.go_live)
    return lots or [lot_of(engagement, population)]


def share_cap(population: Any, share: float) -> int:
    """Most people of a population away in training on one day: the share applies
    to each team (a branch, a shift), at least one per team; without a team size
    the population is one team."""
    size = min(population.team_size or population.headcount, population.headcount)
    teams = math.ceil(population.headcount / size)
    return int(min(population.headcount, teams * max(1, math.floor(size * share + 1e-9))))


def _condition(module: Module) -> Condition:
    """A module's trigger read as a levers condition, to reuse its reasons."""
    trigger = module.trigger
    if trigger is None:  # callers skip modules without a trigger
        raise ValueError(f"module {module.id!r} has no trigger")
    return Condition(
        crm_user=trigger.crm_user,
        min_dimension=trigger.min_dimension,
        min_impact=trigger.min_impact,
        it_comfort=trigger.it_comfort,
        levels=trigger.levels,
        receives_tasks=trigger.receives_tasks,
    )


def _group_size(module: Module, method: Method, client_max: int, share_cap: int | None) -> int:
    size = client_max
    fmt = method.training.formats[module.format]
    if fmt.group_size is not None:
        size = min(size, fmt.group_size)
    if share_cap is not None:
        size = min(size, share_cap)
    return max(1, size)


def _key_user_needs(engagement: Engagement, method: Method, lang: str) -> list[Need]:
    catalogue = method.training
    module = next(m for m in catalogue.modules if m.audience == "key_user")
    by_lot: dict[str, list[Any]] = {}
    for key_user in engagement.governance.key_users:
        lot = lot_of(engagement, key_user.population).name
        by_lot.setdefault(lot, []).append(key_user)
    needs = []
    for lot, key_users in by_lot.items():
        territories = frozenset(
            k.territory or _territory(engagement, k.population) for k in key_users
        )
        needs.append(
            Need(
                lot=lot, wave=PREPARATORY, population=catalogue.texts["key_users"].in_(lang),
                audience="key_user", module=module, headcount=len(key_users),
                territories=territories,
                group_size=_group_size(module, method, engagement.training.max_group_size, None),
                share_cap=None,
                reason=grammar.fill(catalogue.texts["need_key_users"].in_(lang), lang, count=len(key_users)),
            )
        )
    return needs


def _administrator_needs(engagement: Engagement, method: Method, lang: str) -> list[Need]:
    administrators = engagement.governance.administrators
    if not administrators or not engagement.lots:
        return []
    catalogue = method.training
    module = next(m for m in catalogue.modules if m.audience == "administrator")
    first = milestones(engagement, method).index[0]
    return [
        Need(
            lot=first, wave=PREPARATORY, population=catalogue.texts["administrators"].in_(lang),
            audience="administrator", module=module, headcount=len(administrators),
            territories=frozenset(),
            group_size=_group_size(module, method, engagement.training.max_group_size, None),
            share_cap=None,
            reason=grammar.fill(catalogue.texts["need_administrators"].in_(lang), lang, count=len(administrators)),
        )
    ]


def _territory(engagement: Engagement, population: str) -> str:
    try:
        return engagement.population(population).territory
    except KeyError:
        return ""


# ---------------------------------------------------------------- scheduling

SESSION_COLUMNS = [
    "lot", "wave", "population", "audience", "module", "label", "format", "session",
    "start", "end", "participants", "trainer", "hours", "trainer_days", "learner_days",
    "in_window", "territories", "seats", "id",
]


def _schedule(
    engagement: Engagement, method: Method, table: pd.DataFrame, needs: list[Need], lang: str,
    working: WorkingCalendar,
) -> tuple[list[dict[str, Any]], list[MethodWarning], list[CapacityDecision], dict[str, int]]:
    """Place every lot's waves, earliest go-live first (it gets the trainers first).

    Per lot, the method's order: end users after acceptance testing ends and
    before go-live (placed backwards from the eve of go-live), then key users and
    administrators, ending `trainer_buffer_weeks` before the first end-user
    session. The order is a rule, not a target: when the trainers cannot hold
    it, the key users are trained first and co-train the wave (the method's
    `key_users_co_train`); what still does not fit is put to the steering
    committee with its numbers (trainers missing, or the later go-live it
    would take), and the calendar counts the trainers it asks for.
    Open work is never placed before the as-of date.
    """
    catalogue = method.training
    limits = engagement.training
    kickoff = engagement.engagement.kickoff
    calendar = Calendar(limits, catalogue.day_hours, floor=kickoff, working=working)
    buffer = dt.timedelta(weeks=catalogue.trainer_buffer_weeks)
    rows: list[dict[str, Any]] = []
    warnings: list[MethodWarning] = []
    capacity: list[CapacityDecision] = []
    unplaced: dict[str, int] = {}  # lot -> end-user sessions (groups of learners) without a place
    co_trainers = 0  # key users trained so far, counted as trainers once prepared
    for lot in table.index:
        go_live = table.at[lot, "go_live"].date()
        lot_floor = max(kickoff, working.as_of) if go_live > working.as_of else kickoff
        accepted = table.at[lot, "acceptance_end"].date()
        opens = max(lot_floor, accepted + ONE_DAY)  # the first day end users may be trained
        window_start = go_live - dt.timedelta(weeks=limits.weeks_before_go_live)
        latest = go_live - ONE_DAY
        end_user = [n for n in needs if n.lot == lot and n.wave == END_USERS]
        preparatory = [n for n in needs if n.lot == lot and n.wave == PREPARATORY]
        wave = _Wave(end_user, latest, opens, method, lang, window_start, limits.max_group_size)
        prepared: list[tuple[Placement, Need]] = []
        trial = wave.trial(calendar)
        if trial.short.sessions and preparatory and catalogue.key_users_co_train:
            # Key users first, prepared by the day the wave opens, so they co-train it.
            calendar.floor = lot_floor
            prepared, _ = _place_wave(calendar, preparatory, opens - ONE_DAY - buffer, method, lang, rows,
                                   warnings, window_start=None, fallback=opens - ONE_DAY)
            co_trainers += _co_trainers(calendar, prepared, buffer)
            trial = wave.trial(calendar)
        if trial.short.sessions:
            warning, decision, trial = _capacity_decision(lot, wave, trial, calendar, co_trainers, lot_floor,
                                                          accepted, engagement, method, lang)
            warnings.append(warning)
            capacity.append(decision)
        # The wave as tried is the wave as placed: same calendar, floor and trainers.
        calendar.adopt(trial.calendar)
        unplaced[lot] = trial.short.sessions
        rows.extend(trial.rows)
        warnings.extend(trial.warnings)
        placed = [p for p, _ in trial.placed]
        first_session = min((p.start for p in placed), default=opens)
        if not prepared:
            calendar.floor = lot_floor
            prepared, _ = _place_wave(
                calendar, preparatory, first_session - buffer, method, lang, rows, warnings,
                window_start=None, fallback=first_session - ONE_DAY,
            )
            if catalogue.key_users_co_train:
                co_trainers += _co_trainers(calendar, prepared, buffer)  # for the lots after
        if placed and prepared:
            end = max(p.end for p, _ in prepared)
            if end > first_session - buffer:
                warnings.append(
                    MethodWarning(
                        "training_buffer_short",
                        catalogue.texts["buffer_short"].in_(
                            lang, lot=lot, first=format_date(first_session, lang), end=format_date(end, lang),
                            buffer=buffer.days, days=(first_session - end).days,
                        ),
                        subject=lot,
                    )
                )
        early = [r for r in rows if r["lot"] == lot and not r["in_window"]]
        if early:
            start = min(r["start"] for r in early)
            warnings.append(
                MethodWarning(
                    "training_window_too_short",
                    catalogue.texts["window_too_short"].in_(
                        lang, lot=lot, sessions=len(early), weeks=limits.weeks_before_go_live,
                        go_live=format_date(go_live, lang), trainers=limits.trainers_available,
                        share=round(limits.max_share_away * 100), start=format_date(start, lang),
                    ),
                    subject=lot,
                )
            )
    return rows, warnings, capacity, unplaced


def _co_trainers(calendar: Calendar, prepared: list[tuple[Placement, Need]], buffer: dt.timedelta) -> int:
    """Count the key users just trained as trainers from the day they are prepared."""
    trained = [p for p, n in prepared if n.audience == "key_user"]
    if not trained:
        return 0
    count = sum(p.participants for p in trained)
    calendar.add_trainers(count, max(p.end for p in trained) + max(buffer, ONE_DAY))
    return count


@dataclass(frozen=True)
class Shortfall:
    """End-user sessions of a wave that find no place, and their learners."""

    sessions: int
    people: int


@dataclass
class _Trial:
    """A wave placed on a copy of the calendar: what it left out, and all it placed."""

    short: Shortfall
    calendar: Calendar
    placed: list[tuple[Placement, Need]]
    rows: list[dict[str, Any]]
    warnings: list[MethodWarning]


@dataclass(frozen=True)
class _Wave:
    """A lot's end-user wave, to try on a copy of the calendar before placing it."""

    needs: list[Need]
    latest: dt.date
    opens: dt.date
    method: Method
    lang: str
    window_start: dt.date
    client_max: int  # the client's largest group

    def trial(self, calendar: Calendar, floor: dt.date | None = None, trainers: int = 0) -> _Trial:
        copy = calendar.copy()
        copy.floor = floor or self.opens
        copy.add_trainers(trainers, copy.floor, self.latest)
        rows: list[dict[str, Any]] = []
        warnings: list[MethodWarning] = []
        placed, missing = _place_wave(copy, self.needs, self.latest, self.method, self.lang, rows, warnings,
                                      self.window_start)
        people = sum(n.headcount for n in self.needs if self._led(n))
        short = Shortfall(missing, people - sum(p.participants for p, _ in placed))
        return _Trial(short, copy, placed, rows, warnings)

    @cached_property
    def groups(self) -> list[Group]:
        """The wave's led sessions as composed before they are dated."""
        led = [n for n in self.needs if self._led(n)]
        return [group for cohort in session_groups(led, self.method, self.client_max) for group in cohort]

    def sessions(self) -> int:
        return len(self.groups)

    def sittings(self, calendar: Calendar) -> list[int]:
        """The trainer sittings each of the wave's led sessions takes."""
        return [sum(calendar.sittings(group[0][0].module.hours)) for group in self.groups]

    def _led(self, need: Need) -> bool:
        return self.method.training.formats[need.module.format].led_by_trainer


MORE_TRAINERS_AT_MOST = 20


def _capacity_decision(
    lot: str, wave: _Wave, tried: _Trial, calendar: Calendar, co_trainers: int, lot_floor: dt.date,
    accepted: dt.date, engagement: Engagement, method: Method, lang: str,
) -> tuple[MethodWarning, CapacityDecision, _Trial]:
    """The decision a wave that does not fit after acceptance testing calls for, with
    its numbers, and the wave placed with the trainers it asks for."""
    texts = method.training.texts
    limits = engagement.training
    working = calendar.working
    short = tried.short
    go_live = wave.latest + ONE_DAY
    # The fewest trainers more that place all that trainers can place (the share
    # of a team away and closed days may leave some out whatever the trainers).
    days = len(working.working_days(wave.opens, wave.latest))
    # Beyond twice the trainers the trainer-days need over the window's days, more
    # trainers would only sit idle: the search stops there.
    trainer_days = sum(len(calendar.sittings(group[0][0].module.hours)) for group in wave.groups)
    # Nor does a committee add more than MORE_TRAINERS_AT_MOST for one wave: beyond,
    # the answer is a later go-live.
    ceiling = (min(wave.sessions(), 2 * math.ceil(trainer_days / max(1, days)) + 2, MORE_TRAINERS_AT_MOST)
               if days else 0)
    extra, least, chosen = _fewest_more_trainers(wave, calendar, tried, ceiling)
    # The later go-live that the present capacity would need: the wave placed
    # without the acceptance rule starts this many working days too early.
    unbounded = wave.trial(calendar, floor=lot_floor)
    later, moved = "", None
    if not unbounded.short.sessions and unbounded.placed:
        first = min(p.start for p, _ in unbounded.placed)
        shift = max(1, len(working.working_days(first, wave.opens - ONE_DAY)))
        moved = go_live
        for _ in range(shift):
            moved = working.on_or_after(moved + ONE_DAY)
        later = texts["capacity_later_go_live"].in_(lang, days=shift, go_live=format_date(moved, lang))
    key = ("capacity_no_window" if not ceiling else "capacity_short" if least == 0
           else "capacity_partly" if extra else "capacity_blocked")
    warning = MethodWarning(
        "training_capacity_short",
        texts[key].in_(
            lang, lot=lot, sessions=short.sessions, people=short.people, trainers=limits.trainers_available,
            co_trainers=co_trainers, acceptance_end=format_date(accepted, lang),
            go_live=format_date(go_live, lang), extra=extra, left=least,
            share=round(limits.max_share_away * 100),
            later=later or texts["capacity_no_later"].in_(lang),
        ),
        subject=lot,
    )
    # The decision in a few words, for the titles and lists that name it.
    options = [texts["capacity_topic_trainers"].in_(lang, extra=extra)] if extra else []
    if moved is not None:
        options.append(texts["capacity_topic_go_live"].in_(lang, go_live=format_date(moved, lang)))
    topic = (texts["capacity_topic_or"].in_(lang).join(options) if options
             else texts["capacity_topic_none"].in_(lang, sessions=short.sessions))
    return warning, CapacityDecision(lot, short.sessions, short.people, extra, moved, topic), chosen


def _fewest_more_trainers(
    wave: _Wave, calendar: Calendar, tried: _Trial, ceiling: int,
) -> tuple[int, int, _Trial]:
    """The fewest trainers, from 1 to `ceiling`, to add over the wave's window so that
    no more of its sessions are left out than with `ceiling` more (0 when more
    trainers would place none of them), the sessions still left out with
    `ceiling` more, and the wave placed with the trainers found.

    Each try places the whole wave, so the search tries no number that arithmetic
    rules out: with t more trainers the window holds at most (trainers × days
    open to the wave × sittings a day) sittings. Then a bisection, adding
    trainers never leaving more sessions out."""
    if not ceiling:
        return 0, tried.short.sessions, tried
    most = wave.trial(calendar, trainers=ceiling)
    least = most.short.sessions
    if least >= tried.short.sessions:
        return 0, least, tried
    low, high, found = max(1, _fewest_that_could_hold(wave, calendar, wave.sessions() - least)), ceiling, most
    while low < high:
        middle = (low + high) // 2
        attempt = wave.trial(calendar, trainers=middle)
        if attempt.short.sessions <= least:
            high, found = middle, attempt
        else:
            low = middle + 1
    return high, least, found


def _fewest_that_could_hold(wave: _Wave, calendar: Calendar, sessions: int) -> int:
    """A lower bound on the trainers to add for `sessions` of the wave to find a
    place: its smallest sessions' sittings against every trainer's sittings on
    every day open to one of its groups (co-trainers and trainers added for
    other lots counted on all of them, and no sitting taken by other lots, so
    the bound never exceeds the real need)."""
    if sessions <= 0:
        return 0
    places = {n.territories for n in wave.needs}
    days, day = 0, wave.opens
    while day <= wave.latest:
        days += any(not calendar.blocked(day, p) for p in places)
        day += ONE_DAY
    if not days:
        return 0
    needed = sum(sorted(wave.sittings(calendar))[:sessions])
    present = calendar.constraints.trainers_available + len(calendar.extra)
    return max(0, math.ceil(needed / (days * calendar.slots_per_day)) - present)


@dataclass(eq=False)
class _Seated:
    """A session as placed, with the need each of its seats comes from (in order)."""

    placement: Placement
    needs: list[Need]
    hours: float


def _place_wave(
    calendar: Calendar, needs: list[Need], latest: dt.date, method: Method, lang: str,
    rows: list[dict[str, Any]], warnings: list[MethodWarning], window_start: dt.date | None,
    fallback: dt.date | None = None,
) -> tuple[list[tuple[Placement, Need]], int]:
    """Place a wave backwards: the module that comes last in the learners'
    path first, so that the people of each session of a module have done its
    prerequisite (declared in the catalogue) the day before at the latest.
    People of several populations share a session (`training_plan_groups`); a
    shared session that fits nowhere is tried population by population.
    A session that fits nowhere before `latest` may use the days up to `fallback`.
    Returns the sessions placed and how many groups of learners found no place."""
    catalogue = method.training
    index = {m.id: i for i, m in enumerate(catalogue.modules)}
    ordered = sorted(
        (n for n in needs if catalogue.formats[n.module.format].led_by_trainer),  # self-paced: not placed
        key=lambda n: (_depth(n.module, catalogue), _AUDIENCE_ORDER.get(n.audience, 0), index[n.module.id]),
        reverse=True,
    )
    # (population, module) -> its learners' sessions as (start, people), earliest first
    placed_by: dict[tuple[str, str], list[tuple[dt.date, int]]] = {}
    # (population, module) -> the sessions seating its learners
    sessions_of: dict[tuple[str, str], list[_Seated]] = {}
    sessions: list[_Seated] = []
    short = 0
    for cohort in session_groups(ordered, method, calendar.constraints.max_group_size):
        members = list({need.population: need for group in cohort for need, _ in group}.values())
        dependants = {
            need.population: [placed_by[(need.population, m.id)] for m in catalogue.modules
                              if m.prerequisite == need.module.id and placed_by.get((need.population, m.id))]
            for need in members
        }
        before = dict.fromkeys(dependants, 0)  # people of each population in the module's earlier sessions
        own: dict[str, list[tuple[dt.date, int]]] = {need.population: [] for need in members}
        missing = {need.population: 0 for need in members}
        for group in cohort:
            deadlines = []
            for need, size in group:
                deadline = latest
                for dependant in dependants[need.population]:
                    deadline = min(deadline, _needed_by(dependant, before[need.population]) - ONE_DAY)
                before[need.population] += size
                deadlines.append(deadline)
            seated = _place_group(calendar, group, min(deadlines), fallback)
            found = [seated] if seated is not None else []
            if seated is None:
                # Together they fit nowhere: each population's learners on their own.
                alone = [_place_group(calendar, (seat,), deadline, fallback) if len(group) > 1 else None
                         for seat, deadline in zip(group, deadlines, strict=True)]
                for (need, _), placed in zip(group, alone, strict=True):
                    if placed is None:
                        missing[need.population] += 1
                        short += 1
                    else:
                        found.append(placed)
            for placed in found:
                sessions.append(placed)
                for need, seat in zip(placed.needs, placed.placement.seats, strict=True):
                    own[need.population].append((placed.placement.start, seat.size))
                    sessions_of.setdefault((need.population, need.module.id), []).append(placed)
        for need in members:
            placed_by[(need.population, need.module.id)] = sorted(own[need.population])
        for need in members:
            if missing[need.population]:
                short += _left_out(need, missing[need.population], sessions_of, calendar, sessions,
                                   method, lang, warnings)
    rows.extend(_session_row(s, method, lang, window_start) for s in sessions)
    return [(s.placement, s.needs[0]) for s in sessions], short


def session_groups(needs: list[Need], method: Method, client_max: int) -> list[list[Group]]:
    """The needs' sessions before they are dated: who sits together (the method's
    `group_across_populations`), up to each module's group size."""
    return cohorts(needs, lambda need: _group_size(need.module, method, client_max, None),
                   method.training.group_across_populations)


def _place_group(calendar: Calendar, group: Group, deadline: dt.date, fallback: dt.date | None) -> _Seated | None:
    """One session for a group of learners, as late as possible by its deadline
    (or by `fallback` when it fits nowhere before)."""
    module = group[0][0].module
    request = Request(tuple(Seat(need.population, size, need.share_cap) for need, size in group),
                      module.hours, group[0][0].territories)
    placement = calendar.place(request, deadline)
    if placement is None and fallback is not None and fallback > deadline:
        placement = calendar.place(request, fallback)
    if placement is None:
        return None
    return _Seated(placement, [need for need, _ in group], module.hours)


def _left_out(
    need: Need, missing: int, sessions_of: dict[tuple[str, str], list[_Seated]], calendar: Calendar,
    sessions: list[_Seated], method: Method, lang: str, warnings: list[MethodWarning],
) -> int:
    """Say that a need's `missing` groups found no place, and take its learners out
    of the sessions of the modules that need this one first. Returns how many
    groups of learners those modules lost."""
    catalogue = method.training
    short = 0
    # Learners whose prerequisite found no place do not sit the module after it.
    done = [(s.placement.end, seat.size) for s in sessions_of.get((need.population, need.module.id), [])
            for other, seat in zip(s.needs, s.placement.seats, strict=True)
            if other.population == need.population]
    for module in catalogue.modules:
        if module.prerequisite != need.module.id:
            continue
        dropped = _drop_unready(sessions_of.get((need.population, module.id), []), need.population,
                                done, calendar, sessions)
        short += dropped
        if dropped:
            warnings.append(MethodWarning(
                "training_unscheduled",
                grammar.fill(
                    catalogue.texts["unscheduled"].in_(lang), lang, lot=need.lot, sessions=dropped,
                    module=module.label.in_(lang), population=need.population,
                ),
                subject=need.population,
            ))
    warnings.append(
        MethodWarning(
            "training_unscheduled",
            grammar.fill(
                catalogue.texts["unscheduled"].in_(lang), lang, lot=need.lot, sessions=missing,
                module=need.module.label.in_(lang), population=need.population,
            ),
            subject=need.population,
        )
    )
    return short


def _drop_unready(
    dependant: list[_Seated], population: str, prerequisite: list[tuple[dt.date, int]],
    calendar: Calendar, sessions: list[_Seated],
) -> int:
    """Take a population's learners out of the sessions of a module they could not
    all have done the prerequisite of the day before (some of its sessions found
    no place); their days are freed, and a session left with no one its trainer's.
    Returns how many of the population's groups were taken out."""
    seated, dropped = 0, 0
    for session in sorted(dependant, key=lambda s: s.placement.start):
        if not any(s is session for s in sessions):
            continue
        at = [need.population for need in session.needs].index(population)
        seat = session.placement.seats[at]
        ready = sum(size for end, size in prerequisite if end < session.placement.start)
        if seated + seat.size <= ready:
            seated += seat.size
            continue
        dropped += 1
        placement = session.placement
        if len(placement.seats) == 1:
            calendar.release(session.hours, placement)
            sessions[:] = [s for s in sessions if s is not session]
            continue
        calendar.release_seat(placement, seat)
        session.placement = Placement(placement.days, placement.trainer,
                                      placement.seats[:at] + placement.seats[at + 1:])
        del session.needs[at]
    return dropped


def _needed_by(dependant: list[tuple[dt.date, int]], person: int) -> dt.date:
    """Start of the dependant module's session that the `person`-th learner
    (0-based, in session order) attends: by then they must have done the
    prerequisite. Learners beyond the dependant's sessions need it by its last."""
    seen = 0
    for start, size in dependant:
        seen += size
        if person < seen:
            return start
    return dependant[-1][0]


def _numbered(sessions: pd.DataFrame) -> pd.DataFrame:
    """Chronological order, sessions numbered 1..n within each lot × group × module,
    a group being a population (key users and administrators by their role, in
    every language) or, for a session shared by several, its site."""
    if sessions.empty:
        return sessions
    frame = sessions.sort_values(["start", "lot", "population", "module", "trainer"], kind="stable")
    frame = frame.reset_index(drop=True)
    groups = [(r.audience,) if r.wave == PREPARATORY else (r.seats[0][0],) if len(r.seats) == 1
              else (SHARED, *r.territories) for r in frame.itertuples()]
    frame["session"] = frame.assign(_group=[repr(g) for g in groups]).groupby(
        ["lot", "_group", "module"]).cumcount() + 1
    # What a session is: its lot, who sits it (population or role; the site of a
    # shared session), module and rank among theirs, never its place in the whole
    # calendar, so an unchanged plan keeps its ids.
    frame["id"] = unique_ids("S", [
        (r.lot, *group, r.module, r.session) for r, group in zip(frame.itertuples(), groups, strict=True)])
    return frame


def _capped_groups(
    needs: list[Need], engagement: Engagement, method: Method, lang: str
) -> list[MethodWarning]:
    """Say when the share-away rule, not the format, sets a population's group size."""
    catalogue = method.training
    seen: set[str] = set()
    warnings = []
    for need in needs:
        fmt = catalogue.formats[need.module.format]
        if not fmt.led_by_trainer or need.share_cap is None or need.population in seen:
            continue
        usual = min(engagement.training.max_group_size, fmt.group_size or need.headcount)
        if need.group_size < min(usual, need.headcount):
            seen.add(need.population)
            warnings.append(
                MethodWarning(
                    "training_group_capped",
                    catalogue.texts["group_capped"].in_(
                        lang, population=need.population, size=need.group_size,
                        share=round(engagement.training.max_share_away * 100),
                    ),
                    subject=need.population,
                    severity="info",
                )
            )
    return warnings


def _depth(module: Module, catalogue: Any) -> int:
    """How many prerequisites come before a module (its place in the path)."""
    depth, current = 0, module
    while current.prerequisite:
        depth += 1
        current = catalogue.module(current.prerequisite)
    return depth


def _session_row(session: _Seated, method: Method, lang: str, window_start: dt.date | None) -> dict[str, Any]:
    day_hours = method.training.day_hours
    placement, need = session.placement, session.needs[0]
    hours = need.module.hours
    seats = tuple((other.population, seat.size)
                  for other, seat in zip(session.needs, placement.seats, strict=True))
    return {
        "lot": need.lot,
        "wave": need.wave,
        # who sits it: the population, or each population with its learners
        "population": need.population if len(seats) == 1 else ", ".join(f"{p} ({n})" for p, n in seats),
        "audience": need.audience,
        "module": need.module.id,
        "label": need.module.label.in_(lang),
        "format": need.module.format,
        "session": 0,  # numbered once the wave is dated
        "start": placement.start,
        "end": placement.end,
        "participants": placement.participants,
        "trainer": placement.trainer,
        "hours": hours,
        "trainer_days": hours / day_hours,
        "learner_days": placement.participants * hours / day_hours,
        "in_window": window_start is None or placement.start >= window_start,
        "territories": tuple(sorted(need.territories)),  # whose blackouts bind the session
        "seats": seats,
    }


def _self_paced(
    needs: list[Need], sessions: pd.DataFrame, table: pd.DataFrame, engagement: Engagement,
    method: Method, lang: str, working: WorkingCalendar,
) -> list[dict[str, Any]]:
    """Self-paced modules: no session, a period of working days to complete them
    in, ending before the population's first session of the lot (or before
    go-live), never opening before the as-of date when the lot is still ahead."""
    catalogue = method.training
    first: dict[tuple[str, str], dt.date] = {}  # (lot, population) -> its first session
    for lot, seats, start in zip(sessions.get("lot", ()), sessions.get("seats", ()),
                                 sessions.get("start", ()), strict=True):
        for population, _ in seats:
            first[(lot, population)] = min(start, first.get((lot, population), start))
    rows = []
    for need in needs:
        if catalogue.formats[need.module.format].led_by_trainer:
            continue
        go_live = table.at[need.lot, "go_live"].date()
        places = need.territories
        end = working.on_or_before(first.get((need.lot, need.population), go_live) - dt.timedelta(days=1), places)
        start = min(go_live - dt.timedelta(weeks=engagement.training.weeks_before_go_live),
                    end - dt.timedelta(weeks=1))
        if go_live > working.as_of:
            start = max(start, working.as_of)
        start = min(working.on_or_after(start, places), end)
        rows.append(
            {
                "lot": need.lot, "wave": need.wave, "population": need.population,
                "module": need.module.id, "label": need.module.label.in_(lang),
                "format": need.module.format, "start": start, "end": end, "sessions": 0,
                "participants": need.headcount, "trainer_days": 0.0,
                "learner_days": need.headcount * need.module.hours / catalogue.day_hours,
            }
        )
    return rows


def population_seats(sessions: pd.DataFrame) -> pd.DataFrame:
    """One row per session × population sitting it: the population, its learners
    and learner-days, and its share of the session's trainer-days (in proportion
    to its learners), so that per-population sums add up to the sessions'."""
    if sessions.empty:
        return sessions
    rows = []
    for row in sessions.to_dict("records"):
        for population, people in row["seats"]:
            share = people / row["participants"]
            rows.append({**row, "population": population, "participants": people,
                         "trainer_days": row["trainer_days"] * share,
                         "learner_days": row["learner_days"] * share})
    return pd.DataFrame(rows, columns=sessions.columns)


CALENDAR_COLUMNS = [
    "lot", "wave", "population", "module", "label", "format", "start", "end", "sessions",
    "participants", "trainer_days", "learner_days",
]


def _calendar(sessions: pd.DataFrame, self_paced: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per wave: lot × population × module, with its date range;
    self-paced modules appear with no session."""
    extra = pd.DataFrame(self_paced, columns=CALENDAR_COLUMNS)
    if sessions.empty:
        return extra.reset_index(drop=True)
    grouped = (
        sessions.groupby(["lot", "wave", "population", "module"], sort=False)
        .agg(
            label=("label", "first"),
            format=("format", "first"),
            start=("start", "min"),
            end=("end", "max"),
            sessions=("session", "count"),
            participants=("participants", "sum"),
            trainer_days=("trainer_days", "sum"),
            learner_days=("learner_days", "sum"),
        )
        .reset_index()
    )
    frame = pd.concat([grouped[CALENDAR_COLUMNS], extra], ignore_index=True) if self_paced else grouped
    frame = frame.sort_values(["start", "lot", "population"], kind="stable")
    return frame.reset_index(drop=True)[CALENDAR_COLUMNS]


def _needs_frame(needs: list[Need], method: Method, client_max: int, lang: str) -> pd.DataFrame:
    """One row per need; `sessions` are those its people sit, shared or not."""
    catalogue = method.training
    sitting: dict[tuple[str, str, str], int] = {}  # (lot, population, module) -> sessions
    led = [n for n in needs if catalogue.formats[n.module.format].led_by_trainer]
    for cohort in session_groups(led, method, client_max):
        for group in cohort:
            for need, _ in group:
                key = (need.lot, need.population, need.module.id)
                sitting[key] = sitting.get(key, 0) + 1
    rows = [
        {
            "lot": n.lot,
            "wave": n.wave,
            "population": n.population,
            "audience": n.audience,
            "module": n.module.id,
            "label": n.module.label.in_(lang),
            "format": catalogue.formats[n.module.format].label.in_(lang),
            "hours": n.module.hours,
            "headcount": n.headcount,
            "group_size": n.group_size if catalogue.formats[n.module.format].led_by_trainer else None,
            "sessions": sitting.get((n.lot, n.population, n.module.id), 0),
            "reason": n.reason,
        }
        for n in needs
    ]
    columns = [
        "lot", "wave", "population", "audience", "module", "label", "format", "hours",
        "headcount", "group_size", "sessions", "reason",
    ]
    return pd.DataFrame(rows, columns=columns)
