"""The Change plan (Plan d'accompagnement des changements, seed 004, step 3).

For every impacted population, levers are chosen on Understand / Want / Be able
from the levers catalogue, differentiated by its impact level, buy-in and the
brakes the diagnosis detected (a lever listed against a detected brake in
`brakes.yaml` is chosen too); a pillar no rule filled gets the method's
baseline lever, since seed 004 activates all three for every population. The
cross-population actions (communication rhythm, ambassadors, managers'
rituals...) are planned once. Every action is dated on the milestones of the
lot the population goes live in, costed, and carries the reason it was chosen.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from typing import Any, Literal

import pandas as pd

from ..method import Method
from ..method.levers import PILLARS, Lever
from ..model import Engagement
from ..text import grammar
from ..text.typography import format_date, format_number
from . import wording
from .calendar import WorkingCalendar
from .change_plan_inputs import Profile, profiles
from .change_plan_replan import replan_late
from .change_plan_rules import Clause, brake_clause, cited, first_match, match, sentence
from .change_plan_schedule import Waves, schedule, settle, training_waves
from .change_plan_tables import (
    ALL,
    arbitration,
    by_lever,
    by_month,
    by_pillar,
    by_population,
    quick_wins,
)
from .facts import (
    population_facts,
    roll_out_territories,
    territories_without_sponsor,
)
from .ids import stable_id, unique_ids
from .milestones import lot_of, milestones, phase_at, phase_date
from .progress import LATE
from .records import ChangePlan, Diagnosis, MethodWarning, PlannedActions, TrainingPlan

ACTION_COLUMNS = [
    "id", "lever", "action", "pillar", "adkar", "scope", "population", "audience",
    "headcount", "lot", "phase", "date", "owner", "owner_label", "owner_name",
    "effort_days", "effect", "impact", "costed_in", "reason", "planned", "end", "status",
    "territories",  # where the people it gathers work ("" for the whole country): its calendar
]


def plan_change(
    engagement: Engagement, method: Method, diagnosis: Diagnosis, lang: str,
    working: WorkingCalendar | None = None, training_plan: TrainingPlan | None = None,
    earlier: ChangePlan | None = None,
) -> ChangePlan:
    """`training_plan`, when given, dates the actions it costs (its waves are
    the single source of those dates). `earlier`, when given, is this
    engagement's plan by this method in `lang` at another as-of date: its
    actions as planned are this plan's when the training plan dates the same
    waves (see `PlannedActions`); only what the as-of date decides is redone."""
    working = working or WorkingCalendar.of(engagement)
    table = milestones(engagement, method)
    people = profiles(engagement, diagnosis)
    waves = training_waves(training_plan.calendar) if training_plan is not None else None
    reused = earlier.planned if earlier is not None else None
    if reused is None or reused.waves != waves:
        reused = _planned_actions(people, engagement, method, table, lang, working, waves)
    # Each plan settles copies: settling sets an action's status and dates at its as-of date.
    drafts = [dict(draft) for draft in reused.drafts]
    due = [draft["end"] for draft in drafts]  # the last day each action was planned to end
    for draft in drafts:
        settle(draft, engagement, working)
    replan_late(drafts, engagement, method, working)
    behind_go_live = _late_after_go_live(drafts, due, table, method, lang, working.as_of)
    actions = _frame(drafts)
    ranking = arbitration(
        actions, method, lang, _risk_answers(diagnosis, method), population_groups(engagement),
        lambda names: group_name(names, engagement, method, lang))
    return ChangePlan(
        actions=actions,
        by_population=by_population(actions, people, method, lang),
        by_lever=by_lever(actions, method, lang),
        by_pillar=by_pillar(actions, method, lang),
        by_month=by_month(actions),
        arbitration=ranking,
        quick_wins=quick_wins(ranking, method.levers.priority.quick_wins),
        milestones=table,
        warnings=tuple(_warnings(people, actions, method, lang) + _unnamed_owners(actions, method, lang)
                       + _closed_milestones(working, method, lang) + behind_go_live),
        planned=reused,
    )


def _planned_actions(
    people: dict[str, Profile], engagement: Engagement, method: Method, table: pd.DataFrame,
    lang: str, working: WorkingCalendar, waves: Waves | None,
) -> PlannedActions:
    """Every action of the plan dated as planned, with its id: the population
    levers, the cross-population actions, the governance gaps and the country's
    rules, on the milestones and the training plan's `waves`."""
    drafts: list[dict[str, Any]] = []
    for profile in people.values():
        drafts.extend(_population_actions(profile, engagement, method, table, lang))
    drafts.extend(_cross_actions(people, engagement, method, table, lang))
    impacts = {name: profile.impact for name, profile in people.items()}
    drafts.extend(_governance_gaps(drafts, impacts, engagement, method, table, lang))
    drafts.extend(_country_rule_actions(impacts, engagement, method, table, lang))
    for draft in drafts:
        draft.pop("missing_owner", None)
        schedule(draft, engagement, method, working, waves)
    # Ids come from the dates as planned, before any record moves a late action:
    # the consultant ticks an action by its id (`playbook plan export`).
    for draft, action_id in zip(drafts, action_ids(pd.DataFrame(drafts)), strict=True):
        draft["id"] = action_id
    return PlannedActions(waves, tuple(drafts))


def _risk_answers(diagnosis: Diagnosis, method: Method) -> dict[tuple[str, str], tuple[int, bool]]:
    """(lever, population) -> (the level of the risk it answers, whether it answers the
    main cause of the population's main risk): a lever answers a risk when
    `brakes.yaml` recommends it against a brake causing that risk."""
    result: dict[tuple[str, str], tuple[int, bool]] = {}
    attention = method.brakes.risk_model.attention_from
    by_population: dict[str, list[Any]] = {}
    for risk in diagnosis.risks:
        by_population.setdefault(risk.population, []).append(risk)
    for population, risks in by_population.items():
        top = max(risks, key=lambda r: r.level)
        main_sources = {c.source for c in top.causes[:1]} if top.level >= attention else set()
        if len(top.reasons) and top.causes[1:] and top.reasons[0] != top.causes[0].reason:
            main_sources.add(top.causes[1].source)  # two causes weighing the same: both are main
        for risk in risks:
            for cause in risk.causes:
                if cause.source == "rule" or risk.level == 0:
                    continue
                for lever in method.brakes.brake(cause.source).levers:
                    level, main = result.get((lever, population), (0, False))
                    is_main = risk is top and cause.source in main_sources
                    result[(lever, population)] = (max(level, risk.level), main or is_main)
    return result


def population_groups(engagement: Engagement) -> dict[str, str]:
    """Population -> its group, for the populations doing the same job (function
    and level, employed by the client or not) in several territories, one
    population per territory: a lever is one decision for all of them."""
    by_job: dict[tuple[str, str, bool], list[Any]] = {}
    for population in engagement.populations:
        key = (population.function.casefold(), population.level.value, population.external)
        by_job.setdefault(key, []).append(population)
    result: dict[str, str] = {}
    for members in by_job.values():
        places = [p.territory for p in members]
        if len(members) > 1 and len(set(places)) == len(places):
            result.update({p.name: members[0].name for p in members})
    return result


GROUP_SEPARATORS = (" – ", " — ", " - ")
GROUP_NAME_CHARS = 48  # beyond, the parts are counted: a ranking row keeps to its slide


def group_name(names: list[str], engagement: Engagement, method: Method, lang: str) -> str:
    """'Advisers – North', 'Advisers – South' -> 'Advisers – North, South' (counted
    when the parts run long); without a common stem, the names, or their function
    and how many populations."""
    counted = method.text("change_plan.progress.populations", lang, count=len(names))
    prefix = os.path.commonprefix(names)
    for separator in GROUP_SEPARATORS:
        cut = prefix.rfind(separator)
        if cut > 0:
            parts = ", ".join(name[cut + len(separator):] for name in names)
            return f"{names[0][:cut]}{separator}{parts if len(parts) <= GROUP_NAME_CHARS else counted}"
    joined = ", ".join(names)
    if len(joined) <= GROUP_NAME_CHARS:
        return joined
    return f"{engagement.population(names[0]).function} – {counted}"


# ----------------------------------------------------------------- choosing


def choose_levers(profile: Profile, method: Method) -> dict[str, list[Clause]]:
    """Population levers chosen for one population, with the clauses citing why.

    Catalogue order is kept; an impact of 0 means nothing to accompany.
    """
    if profile.impact <= 0:
        return {}
    catalogue = method.levers
    against_brakes = _brake_levers(profile, method)
    chosen: dict[str, list[Clause]] = {}
    excluded = set(catalogue.external_populations.excluded) if profile.population.external else set()
    for lever in catalogue.levers:
        if lever.scope != "population" or lever.id in excluded or not _allowed(lever, profile):
            continue
        if lever.pairs and not profile.task_partners:
            continue  # a pairing action needs the population it pairs with
        clauses = first_match(lever.when, profile)
        brakes = against_brakes.get(lever.id, [])
        if clauses is None and not brakes:
            continue
        clauses = list(clauses or [])
        clauses.extend(c for c in brakes if c not in clauses)
        chosen[lever.id] = clauses
    for pillar in PILLARS:
        if any(catalogue.lever(lever_id).pillar == pillar for lever_id in chosen):
            continue
        for lever_id in catalogue.pillars[pillar].defaults:
            if _allowed(catalogue.lever(lever_id), profile):
                label = catalogue.pillars[pillar].label
                chosen[lever_id] = [("default", {"pillar": label, "impact": profile.impact})]
                break
    return chosen


def _allowed(lever: Lever, profile: Profile) -> bool:
    return lever.requires is None or match(lever.requires, profile) is not None


def _brake_levers(profile: Profile, method: Method) -> dict[str, list[Clause]]:
    """Levers `brakes.yaml` recommends against the brakes detected for the population."""
    result: dict[str, list[Clause]] = {}
    for brake, severity in sorted(profile.brakes.items(), key=lambda item: -item[1]):
        for lever_id in method.brakes.brake(brake).levers:
            result.setdefault(lever_id, []).append(brake_clause(brake, severity))
    return result


# ------------------------------------------------------------------ actions


def _population_actions(
    profile: Profile, engagement: Engagement, method: Method, table: pd.DataFrame, lang: str
) -> list[dict[str, Any]]:
    population = profile.population
    lot = lot_of(engagement, population.name).name
    rows = []
    for lever_id, clauses in choose_levers(profile, method).items():
        lever = method.levers.lever(lever_id)
        effort = _effort(lever, population.headcount, impacted=1)
        audience = f"{population.name} ({population.headcount})"
        reason = sentence(population.name, clauses, method, lang)
        if lever.pairs and profile.task_partners:
            # "Walk in my shoes" says with whom: the populations it exchanges tasks with,
            # the givers named to the receiver and the receivers to the giver.
            separator = method.levers.reasons["list_separator"].in_(lang)
            audience += f" ⇄ {separator.join(profile.task_partners)}"
            if profile.receives_from:
                reason += " " + method.levers.reasons["paired_from"].in_(
                    lang, population=population.name, partners=profile.task_sources())
            if profile.hands_to:
                reason += " " + method.levers.reasons["paired_to"].in_(
                    lang, population=population.name, partners=separator.join(profile.hands_to),
                    tasks=f" ({population.shifted_tasks})" if population.shifted_tasks else "")
        for phase, date in _dates(lever, [lot], table):
            rows.append(
                _row(
                    lever, method, lang, engagement,
                    population=population.name, audience=audience,
                    headcount=population.headcount,
                    lot=lot, phase=phase, date=date, effort=effort,
                    impact=profile.impact, reason=reason,
                    territory=population.territory,
                )
            )
    return rows


def _cross_actions(
    people: dict[str, Profile], engagement: Engagement, method: Method, table: pd.DataFrame,
    lang: str,
) -> list[dict[str, Any]]:
    impacted = [p for p in people.values() if p.impact > 0]
    if not impacted:
        return []
    reasons = method.levers.reasons
    lots = list(table.index)
    rows = []
    everyone = sum(p.population.headcount for p in impacted)
    for lever in method.levers.levers:
        if lever.scope != "cross" or (lever.min_people and everyone < lever.min_people):
            continue  # a network or a film for a team that one meeting reaches is not a plan
        matched, by_brake = [], []
        for profile in impacted:
            clauses = first_match(lever.when, profile) if lever.when else None
            brakes = [
                brake_clause(b, s)
                for b, s in profile.brakes.items()
                if lever.id in method.brakes.brake(b).levers
            ]
            if clauses is not None:
                matched.append((profile, clauses + brakes))
            elif brakes:
                by_brake.append((profile, brakes))
        if lever.when and not matched and not by_brake:
            continue
        if lever.when and matched:
            reason = reasons["cross_matched"].in_(lang, populations=_cited_together(matched, method, lang))
        else:
            reason = reasons["cross_always"].in_(lang, populations=len(impacted))
        if by_brake:
            reason += " " + reasons["cross_brakes"].in_(
                lang, populations=_cited_together(by_brake, method, lang))
        concerned = [p for p, _ in matched + by_brake]
        audience_people = concerned if lever.when else impacted
        headcount = sum(p.population.headcount for p in audience_people)
        effort = _effort(lever, headcount, impacted=len(impacted))
        audience = lever.audience.in_(lang) if lever.audience else ""
        for phase, date in _dates(lever, lots, table):
            rows.append(
                _row(
                    lever, method, lang, engagement,
                    population=ALL, audience=audience, headcount=headcount,
                    lot=_lot_at(table, date), phase=phase, date=date, effort=effort,
                    impact=max(p.impact for p in audience_people), reason=reason,
                    territory="",
                )
            )
    return rows


def _dates(lever: Lever, lots: list[str], table: pd.DataFrame) -> list[tuple[str, pd.Timestamp]]:
    """(phase, date) of every occurrence: the main one on the first of `lots`,
    its repeats (in whatever phase they fall; after each of `lots` for a series
    that starts again at every lot), and its further moments at each of `lots`."""
    first = phase_date(table, lots[0], lever.phase, lever.offset_weeks)
    dates: list[tuple[str, pd.Timestamp]] = [(lever.phase, first)]
    if lever.repeat is not None and lever.repeat.each_lot:
        # The series starts again at every lot: `count` occurrences after each.
        step = pd.Timedelta(weeks=lever.repeat.every_weeks)
        for lot in lots:
            start = phase_date(table, lot, lever.phase, lever.offset_weeks)
            for i in range(lever.repeat.count or 1):
                date = start + step * i
                dates.append((lever.phase if i == 0 else phase_at(table, lot, date), date))
    elif lever.repeat is not None:
        step = pd.Timedelta(weeks=lever.repeat.every_weeks)
        if lever.repeat.count is not None:
            repeats = [first + step * i for i in range(1, lever.repeat.count)]
        else:
            end = phase_date(table, table.index[-1], str(lever.repeat.until))
            repeats = list(pd.date_range(first + step, end, freq=step))
        for date in repeats:
            lot = lots[0] if len(lots) == 1 else _lot_at(table, date)
            dates.append((phase_at(table, lot, date), date))
    for moment in lever.moments:
        dates += [(moment, phase_date(table, lot, moment)) for lot in lots]
    return sorted(set(dates), key=lambda item: item[1])


def _lot_at(table: pd.DataFrame, date: pd.Timestamp) -> str:
    """The lot a cross action belongs to: the first still running at that date
    (up to its post-go-live reinforcement), else the last one."""
    for lot, end in table["post_go_live"].items():
        if date <= end:
            return str(lot)
    return str(table.index[-1])


def _effort(lever: Lever, headcount: int, impacted: int) -> float:
    effort = lever.effort
    if effort.per == "training_plan":
        return 0.0
    if effort.per == "impacted_population":
        return effort.days * impacted
    if effort.per == "session":
        units = math.ceil(headcount / (effort.group_size or 1))  # set for sessions (validated)
        if effort.max_units is not None:
            units = min(units, effort.max_units)
        return effort.days * units
    return effort.days  # per population, per event


def _row(
    lever: Lever, method: Method, lang: str, engagement: Engagement, *, population: str,
    audience: str, headcount: int, lot: str, phase: str, date: pd.Timestamp, effort: float,
    impact: int, reason: str, territory: str,
) -> dict[str, Any]:
    carrier = _external_carrier(lever.owner, engagement, population, method)
    owner = carrier or _present_owner(lever.owner, engagement, population, territory, method)
    if carrier:
        reason = " ".join((reason, method.levers.reasons["owner_external"].in_(
            lang, carrier=method.levers.owners[carrier].in_(lang),
            role=method.levers.owners[lever.owner].in_(lang).lower())))
    return {
        "lever": lever.id,
        "action": lever.label.in_(lang),
        "pillar": lever.pillar,
        "adkar": lever.adkar,
        "scope": lever.scope,
        "population": population,
        "audience": audience,
        "headcount": headcount,
        "lot": lot,
        "phase": phase,
        "date": date,
        "owner": owner,
        "owner_label": method.levers.owners[owner].in_(lang),
        "owner_name": _owner_name(owner, engagement, population, territory, method),
        "effort_days": float(effort),
        "effect": lever.effect,
        "impact": impact,
        "costed_in": "training_plan" if lever.effort.per == "training_plan" else "",
        "reason": reason if owner == lever.owner or carrier else " ".join(
            (reason, method.levers.reasons["owner_fallback"].in_(
                lang, fallback=method.levers.owners[owner].in_(lang),
                role=method.levers.owners[lever.owner].in_(lang)))
        ),
        "territory": territory,
        # A population's action follows its territory's calendar; an action for the plan
        # as a whole (cross, country rule, a sponsor to name) a day nobody in it is off,
        # at the client's head office or in any territory.
        "territories": (territory,) if population != ALL else _everywhere(engagement),
        "missing_owner": lever.owner if owner != lever.owner and not carrier else "",
    }


def _everywhere(engagement: Engagement) -> tuple[str, ...]:
    """The client's own country ("") and the territory of every population: an action
    of the plan as a whole is run from the client's head office for all of them."""
    return tuple(sorted({"", *(p.territory for p in engagement.populations)}))


def _external_carrier(role: str, engagement: Engagement, population: str, method: Any) -> str:
    """The role that carries `role`'s action for a population another company employs
    (the client's HR or managers have no authority there); '' otherwise."""
    if population == ALL or not engagement.population(population).external:
        return ""
    return str(method.levers.external_populations.owners.get(role, ""))


def _present_owner(role: str, engagement: Engagement, population: str, territory: str, method: Any) -> str:
    """`role`, or the method's fallback when the engagement's governance has nobody in it."""
    missing = method.levers.missing_roles.get(role)
    if missing is None or _owner_name(role, engagement, population, territory):
        return role
    if role == "key_users" and population == ALL and engagement.governance.key_users:
        return role  # cross actions: the key users as a body
    return str(missing.fallback)


def _governance_gaps(
    drafts: list[dict[str, Any]], people_impact: dict[str, int], engagement: Engagement,
    method: Any, table: pd.DataFrame, lang: str,
) -> list[dict[str, Any]]:
    """For each territory whose actions lack their owner, the action that gets one named
    comes first (seed 004: a reluctant territory needs its local relay)."""
    rows = []
    gaps: dict[tuple[str, str], list[dict[str, Any]]] = {}
    # Nobody is appointed inside a company the client does not employ.
    partners_only = {
        t for t in engagement.territory_names
        if method.levers.external_populations.no_gap_actions
        and all(p.external for p in engagement.populations if p.territory == t)
    }
    for territory in territories_without_sponsor(engagement):  # a relay in each (seed 004)
        gaps[("local_sponsor", territory)] = []
    for row in drafts:
        if row["missing_owner"] and row["territory"]:
            gaps.setdefault((row["missing_owner"], row["territory"]), []).append(row)
    for (role, territory), needing in gaps.items():
        if role not in method.levers.missing_roles or territory in partners_only:
            continue
        gap_action = method.levers.missing_roles[role].gap_action
        if gap_action is None:
            continue
        lever = method.levers.lever(gap_action)
        people = [p for p in engagement.populations if p.territory == territory]
        headcount = sum(p.headcount for p in people)
        lots = [lot_of(engagement, p.name).name for p in people]
        first_lot = min(lots, key=lambda lot: phase_date(table, lot, "design"))
        date = phase_date(table, first_lot, lever.phase, lever.offset_weeks)
        actions = method.levers.reasons["list_separator"].in_(lang).join(
            dict.fromkeys(f"{row['action']} – {row['population']}" for row in needing)
        )
        reason = method.levers.reasons["governance_gap" if needing else "governance_gap_rollout"].in_(
            lang, territory=territory, headcount=wording.people(method, headcount, lang),
            stance=method.term("stance", engagement.territory(territory).local_management, lang),
            actions=actions, territories=roll_out_territories(engagement),
        )
        rows.append(
            _row(
                lever, method, lang, engagement,
                population=ALL, audience=f"{lever.audience.in_(lang)} – {territory}"
                if lever.audience else territory,
                headcount=headcount, lot=first_lot, phase=lever.phase, date=date,
                effort=_effort(lever, headcount, impacted=1),
                impact=max((people_impact.get(p.name, 0) for p in people), default=0),
                reason=reason, territory=territory,
            )
        )
    return rows


# A cross action's audience names its populations up to this many; beyond, it counts them
# (a table cell naming every population of a large map runs over its slide).
AUDIENCE_NAMED = 3


def _audience(lever: Any, method: Any, people: list[str], lang: str, names: str) -> str:
    if not lever.audience:
        return names
    who = (", ".join(people) if len(people) <= AUDIENCE_NAMED
           else method.text("change_plan.progress.populations", lang, count=len(people)))
    return f"{lever.audience.in_(lang)} – {who}"


def _country_rule_actions(
    people_impact: dict[str, int], engagement: Engagement, method: Any, table: pd.DataFrame, lang: str,
) -> list[dict[str, Any]]:
    """What a country's law requires (the `country_rules` of `levers.yaml`): one action
    per rule that holds for some populations, before their first lot, citing its source."""
    facts = population_facts(engagement, method)
    rows = []
    for rule in method.levers.country_rules:
        people = [p for p in engagement.populations if rule.holds(facts[p.name])]
        if not people:
            continue
        lever = method.levers.lever(rule.lever)
        lots = [lot_of(engagement, p.name).name for p in people]
        first_lot = min(lots, key=lambda lot: phase_date(table, lot, "design"))
        names = wording.names(method, [p.name for p in people], lang)
        headcount = sum(p.headcount for p in people)
        rows.append(
            _row(
                lever, method, lang, engagement,
                population=ALL, audience=_audience(lever, method, [p.name for p in people], lang, names),
                headcount=headcount, lot=first_lot, phase=lever.phase,
                date=phase_date(table, first_lot, lever.phase, lever.offset_weeks),
                effort=_effort(lever, headcount, impacted=1),
                impact=max((people_impact.get(p.name, 0) for p in people), default=0),
                reason=rule.reason.in_(lang, populations=names, source=rule.source.in_(lang)),
                territory="",
            )
        )
    return rows


def _owner_name(role: str, engagement: Engagement, population: str, territory: str, method: Any = None) -> str:
    """The named person behind an owner role, when the engagement names one."""
    governance = engagement.governance
    if role == "sponsor":
        return governance.sponsor.name
    if role == "project_manager":
        return governance.project_manager.name
    if role == "local_sponsor":
        return engagement.territory(territory).local_sponsor if territory else ""
    if role == "key_users" and population != ALL:
        return ", ".join(k.name for k in governance.key_users if k.population == population)
    if role == "frontline_managers" and population != ALL:
        managers = _managers_of(engagement, population)
        if managers:
            return ", ".join(managers)
    return _team_owner(role, engagement, method) if method is not None else ""


MANAGING_LEVELS = ("manager", "team_leader")


def _managers_of(engagement: Engagement, population: str) -> list[str]:
    """The manager populations of the engagement that the population's own facts name
    as those who see its dashboards ("the branch managers and the regional director"):
    its front-line managers are a population the engagement has, not a role in the air."""
    seen_by = engagement.population(population).dashboards_seen_by.casefold()
    if not seen_by:
        return []
    return [p.name for p in engagement.populations
            if p.name != population and p.level.value in MANAGING_LEVELS
            and re.search(rf"(?<!\w){re.escape(p.name.casefold())}(?!\w)", seen_by)]


def _team_owner(role: str, engagement: Engagement, method: Any) -> str:
    """The team member whose function or role names `role` (`owner_functions` of
    levers.yaml): an owner who exists rather than a role nobody holds."""
    words = method.levers.owner_functions.get(role, [])
    for member in engagement.governance.team:
        text = f"{member.function} {member.role}"
        if any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE) for word in words):
            return member.name
    return ""


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    pillar_order = {p: i for i, p in enumerate(PILLARS)}
    frame = pd.DataFrame(rows, columns=ACTION_COLUMNS)  # drops helper keys
    if frame.empty:
        frame["id"] = frame["id"].astype(str)
        for column in ("date", "planned", "end"):
            frame[column] = pd.to_datetime(frame[column])
        return frame
    frame["_pillar"] = frame["pillar"].map(pillar_order)
    frame["_cross"] = frame["population"].eq(ALL)
    frame = frame.sort_values(["date", "_pillar", "_cross", "population", "lever"], kind="stable")
    return frame.drop(columns=["_pillar", "_cross"]).reset_index(drop=True)


def action_ids(frame: pd.DataFrame) -> list[str]:
    """Each action's id, from what it is: its lever, its population, its lot and,
    for a recurring lever, which occurrence it is (by planned date). An action
    keeps its id when others are added, moved or recorded done, run after run, and
    every deliverable that names it names it so (minutes of a committee cite it)."""
    if frame.empty:
        return []
    order = frame.sort_values("planned", kind="stable")
    occurrence = (order.groupby(["lever", "population", "lot"], sort=False).cumcount() + 1
                  ).loc[frame.index].to_numpy()
    return unique_ids("A", list(zip(frame["lever"], frame["population"], frame["lot"], occurrence,
                                    strict=True)))


def possible_action_ids(levers: list[str], populations: list[str], lots: list[str],
                        occurrences: int, lengths: set[int]) -> set[str]:
    """Every id `action_ids` can give an action of one of `levers` for one of
    `populations` (or all of them) in one of `lots`, up to its `occurrences`-th
    occurrence, with a code of one of `lengths` (4, or 10 for the rare ids that
    collide): an id outside it is no action of any plan of those names."""
    return {stable_id("A", lever, population, lot, occurrence, length=length)
            for lever in levers for population in [*populations, ALL] for lot in lots
            for occurrence in range(1, occurrences + 1) for length in lengths & {4, 10}}


def most_occurrences(actions: pd.DataFrame) -> int:
    """The most occurrences one action has in the plan `actions` (0: none)."""
    if actions.empty:
        return 0
    return int(actions.groupby(["lever", "population", "lot"]).size().max())


def _unnamed_owners(actions: pd.DataFrame, method: Method, lang: str) -> list[MethodWarning]:
    """The owner roles that carry days of the plan with nobody named in any of their
    actions: a governance gap for the committee to fill (seed 000: a team with named
    roles), said once for all of them, most days first. Roles with their own gap
    action (a territory's local sponsor) are left to it."""
    if actions.empty:
        return []
    open_work = actions[actions["effort_days"] > 0]
    unnamed = []
    for role, own in open_work.groupby("owner", sort=False):
        if role in method.levers.missing_roles or own["owner_name"].astype(bool).any():
            continue
        # distinct actions, a recurring one counted once: the count the owner table gives
        every = actions[actions["owner"] == role]
        count = len(every[["population", "lever"]].drop_duplicates())
        unnamed.append((float(own["effort_days"].sum()), count, str(own["owner_label"].iloc[0])))
    if not unnamed:
        return []
    unnamed.sort(key=lambda item: -item[0])
    reasons = method.levers.reasons
    template = reasons["owner_unnamed_role"].in_(lang)
    roles = reasons["list_separator"].in_(lang).join(
        grammar.fill(template, lang, role=label, actions=count,
                     days=format_number(grammar.rounded_days(days)[0], lang, grammar.rounded_days(days)[1]))
        for days, count, label in unnamed)
    return [MethodWarning(
        code="owner_unnamed",
        message=method.levers.warnings["owner_unnamed"].in_(lang, roles=roles),
        # named in a summary's list of decisions while it stays short; the message names all
        subject=reasons["list_separator"].in_(lang).join(label for _, _, label in unnamed)
        if len(unnamed) <= UNNAMED_ROLES_IN_SUBJECT else "",
    )]


UNNAMED_ROLES_IN_SUBJECT = 2


def _warnings(
    people: dict[str, Profile], actions: pd.DataFrame, method: Method, lang: str
) -> list[MethodWarning]:
    covered = set(actions.loc[actions["population"] != ALL, "population"]) if len(actions) else set()
    template = method.levers.warnings["high_impact_no_lever"]
    strong = method.dimensions.overall_level.strong_intensity
    return [
        MethodWarning(
            code="high_impact_no_lever",
            message=template.in_(lang, population=p.name, impact=p.impact),
            subject=p.name,
            audience="consultant",  # a question on the catalogue, not a finding
        )
        for p in people.values()
        if p.impact >= strong and p.name not in covered
    ]


LATE_LISTED = 5  # late actions a warning names; beyond, it counts them (the plan lists them all)


def _late_after_go_live(
    drafts: list[dict[str, Any]], due: list[pd.Timestamp], table: pd.DataFrame, method: Method,
    lang: str, as_of: dt.date,
) -> list[MethodWarning]:
    """Late actions that were to end before their lot's go-live and that the
    re-plan now ends on or after it: work the go-live counted on, behind it. One
    warning per lot, naming the actions by id with their new dates, for the
    committee to arbitrate (more hands, a later go-live, going live without them).

    A lot already live at `as_of` offers none of those options: its go-live did
    not wait. Its pre-go-live work not recorded as done is another decision
    (`open_after_go_live`): which of it was done, which the go-live made moot,
    which is still to do."""
    behind: dict[str, list[tuple[str, pd.Timestamp, pd.Timestamp]]] = {}
    for draft, was_due in zip(drafts, due, strict=True):
        if draft["status"] != LATE or draft["lot"] not in table.index:
            continue
        go_live = table.at[draft["lot"], "go_live"]
        if was_due < go_live <= draft["end"]:
            behind.setdefault(draft["lot"], []).append((draft["id"], was_due, draft["end"]))
    warnings = method.levers.warnings
    found = []
    for lot, late in behind.items():
        late.sort(key=lambda item: (item[2], item[0]))
        listed = method.levers.reasons["list_separator"].in_(lang).join(
            grammar.fill(warnings["late_after_go_live_action"].in_(lang), lang, id=action_id,
                         due=format_date(was_due.date(), lang), now=format_date(now.date(), lang))
            for action_id, was_due, now in late[:LATE_LISTED])
        if len(late) > LATE_LISTED:
            listed += grammar.fill(warnings["late_after_go_live_more"].in_(lang), lang,
                                   count=len(late) - LATE_LISTED)
        code: Literal["open_after_go_live", "late_after_go_live"] = (
            "open_after_go_live" if table.at[lot, "go_live"].date() <= as_of else "late_after_go_live")
        found.append(MethodWarning(
            code=code,
            message=grammar.fill(warnings[code].in_(lang), lang, lot=lot,
                                 count=len(late), actions=listed,
                                 go_live=format_date(table.at[lot, "go_live"].date(), lang)),
            subject=lot,
        ))
    return found


def _closed_milestones(working: WorkingCalendar, method: Method, lang: str) -> list[MethodWarning]:
    """Lot milestones the client set on a closed day: kept, and said."""
    levers = method.levers
    return [
        MethodWarning(
            code="milestone_closed",
            message=levers.warnings["milestone_closed"].in_(
                lang, lot=lot, milestone=levers.milestones[name].in_(lang),
                date=format_date(day, lang),
                closure=levers.closures[_country_closure(closure.kind)].in_(
                    lang, name=working.holiday_name(day, lang) or closure.name),
            ),
            subject=lot,
            severity="info",
        )
        for lot, name, day, closure in working.flagged_milestones
    ]


def _country_closure(kind: str) -> Literal["weekend", "holiday"]:
    """A milestone is checked against the country's closed days, never a blackout."""
    return "weekend" if kind == "weekend" else "holiday"


__all__ = ["ALL", "choose_levers", "plan_change"]


def _cited_together(pairs: list[tuple[Any, list[Clause]]], method: Method, lang: str) -> str:
    """'A, B, C (a CRM user population), D (hierarchy level 'Manager')': populations
    cited for the same reasons are named together, their reasons said once."""
    separator = method.levers.reasons["list_separator"].in_(lang)
    groups: dict[str, tuple[list[str], list[Clause]]] = {}
    for profile, clauses in pairs:
        key = cited("", clauses, method, lang)
        groups.setdefault(key, ([], clauses))[0].append(profile.name)
    return separator.join(cited(separator.join(names), clauses, method, lang)
                          for names, clauses in groups.values())
