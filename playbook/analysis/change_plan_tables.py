"""Totals of the Change plan and the COPIL's arbitration view.

Every table is derived from the actions table alone, so totals always add up
to the plan they summarise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..method import Method
from ..method.levers import PILLARS, Quadrant
from .progress import CANCELLED

ALL = "all"  # the population of a cross-population action
QUADRANT_ORDER: tuple[Quadrant, ...] = ("quick_win", "major", "filler", "questionable")


def by_population(
    actions: pd.DataFrame, people: dict[str, Any], method: Method, lang: str
) -> pd.DataFrame:
    """Per population (engagement order, then cross actions): actions, levers per
    pillar, effort."""
    rows = []
    counts = _tally(actions, "population")
    for name in [*people, ALL]:
        own = counts.get(name, _Tally())
        if name == ALL and not own.actions:
            continue
        profile = people.get(name)
        row: dict[str, Any] = {
            "population": name,
            "impact": profile.impact if profile else None,
            "buy_in": method.term("buy_in", profile.population.buy_in, lang) if profile else "",
            "actions": own.actions,
            "levers": len(own.levers),
        }
        for pillar in PILLARS:
            row[pillar] = len(own.pillar_levers.get(pillar, ()))
        row["effort_days"] = own.effort_days
        rows.append(row)
    columns = ["population", "impact", "buy_in", "actions", "levers", *PILLARS, "effort_days"]
    return pd.DataFrame(rows, columns=columns).set_index("population")


@dataclass
class _Tally:
    """What the totals count of the actions sharing one value (a population, a lever)."""

    actions: int = 0
    effort_days: float = 0.0
    levers: set[Any] = field(default_factory=set)
    populations: set[Any] = field(default_factory=set)  # cross-population actions left out
    pillar_levers: dict[Any, set[Any]] = field(default_factory=dict)


def _tally(actions: pd.DataFrame, column: str) -> dict[Any, _Tally]:
    """The actions counted per value of `column` in one pass over plain values
    rather than one frame per value (the plan has hundreds of actions). Effort is
    summed in the actions' order, as pandas sums a column."""
    found: dict[Any, _Tally] = {}
    values = (actions[name].tolist() for name in (column, "lever", "population", "pillar"))
    efforts = actions["effort_days"].to_numpy(dtype=float)
    keys, levers, populations, pillars = values
    positions: dict[Any, list[int]] = {}
    for index, (key, lever, population, pillar) in enumerate(
            zip(keys, levers, populations, pillars, strict=True)):
        own = found.setdefault(key, _Tally())
        own.actions += 1
        own.levers.add(lever)
        if population != ALL:
            own.populations.add(population)
        own.pillar_levers.setdefault(pillar, set()).add(lever)
        positions.setdefault(key, []).append(index)
    for key, own in found.items():
        own.effort_days = float(np.nansum(efforts[positions[key]]))
    return found


def by_lever(actions: pd.DataFrame, method: Method, lang: str) -> pd.DataFrame:
    """Per lever used, in catalogue order: how often, for how many populations, effort."""
    rows = []
    counts = _tally(actions, "lever")
    for lever in method.levers.levers:
        own = counts.get(lever.id)
        if own is None:
            continue
        rows.append(
            {
                "lever": lever.id,
                "action": lever.label.in_(lang),
                "pillar": lever.pillar,
                "scope": lever.scope,
                "actions": own.actions,
                "populations": len(own.populations),
                "effort_days": own.effort_days,
            }
        )
    columns = ["lever", "action", "pillar", "scope", "actions", "populations", "effort_days"]
    return pd.DataFrame(rows, columns=columns).set_index("lever")


def by_pillar(actions: pd.DataFrame, method: Method, lang: str) -> pd.DataFrame:
    """Per pillar: actions, levers, effort and its share of the plan's effort."""
    total = float(actions["effort_days"].sum())
    rows = []
    for pillar in PILLARS:
        own = actions[actions["pillar"] == pillar]
        effort = float(own["effort_days"].sum())
        rows.append(
            {
                "pillar": pillar,
                "label": method.levers.pillars[pillar].label.in_(lang),
                "adkar": method.levers.pillars[pillar].adkar.in_(lang),
                "actions": len(own),
                "levers": own["lever"].nunique(),
                # a population's lever counted once however often it is held: the
                # count of the effort per population, whose pillar columns add up to it
                "distinct_actions": len(own[["population", "lever"]].drop_duplicates()),
                "effort_days": effort,
                "share": effort / total if total else 0.0,
            }
        )
    return pd.DataFrame(rows).set_index("pillar")


def by_month(actions: pd.DataFrame) -> pd.DataFrame:
    """Effort per calendar month and pillar, every month of the plan listed
    (months without actions show zero, so a chart keeps its time axis).

    An action's effort is spread evenly over the weekdays from its date to its
    end (a three-week user guide weighs on every month it runs in), so each
    month's bar adds up to the effort really spent then; `actions` counts the
    actions that start in the month.
    """
    columns = ["actions", *PILLARS, "effort_days"]
    if actions.empty:
        return pd.DataFrame(columns=columns, index=pd.PeriodIndex([], freq="M", name="month"))
    spread = monthly_spread(actions)
    effort = spread.pivot_table(
        index="month", columns="pillar", values="effort_days", aggfunc="sum", fill_value=0.0
    )
    start = actions["date"].dt.to_period("M")
    months = pd.period_range(min(start.min(), spread["month"].min()),
                             max(start.max(), spread["month"].max()), freq="M", name="month")
    frame = pd.DataFrame(index=months)
    frame["actions"] = start.value_counts().reindex(months, fill_value=0).astype(int)
    for pillar in PILLARS:
        values = effort[pillar] if pillar in effort.columns else pd.Series(dtype=float)
        frame[pillar] = values.reindex(months, fill_value=0.0).astype(float)
    frame["effort_days"] = frame[list(PILLARS)].sum(axis=1)
    return frame[columns]


def monthly_spread(actions: pd.DataFrame) -> pd.DataFrame:
    """Each action's effort per month, pro rata of its weekdays in each: one row
    per action and month it runs in (action order, then month order).

    Every action against every month of the plan at once: the weekdays of an
    action falling in a month are those between the later of their starts and
    the earlier of their ends. An action dated on a weekend day the calendar had
    to keep, and ending the same weekend, weighs wholly on its own month.
    """
    first = actions["date"].to_numpy("datetime64[D]")
    if "end" in actions.columns:
        end = actions["end"].to_numpy("datetime64[D]")
        end = np.where(np.isnat(end), first, np.maximum(end, first))
    else:
        end = first
    after = end + np.timedelta64(1, "D")  # the day after the last one: counts exclude it
    months = np.arange(first.min().astype("datetime64[M]"), end.max().astype("datetime64[M]") + 1)
    month_start = months.astype("datetime64[D]")
    month_after = (months + 1).astype("datetime64[D]")
    days = np.busday_count(np.maximum(first[:, None], month_start[None, :]),
                           np.minimum(after[:, None], month_after[None, :]))
    days = np.clip(days, 0, None)
    total = days.sum(axis=1)
    weekend = total == 0
    if weekend.any():  # no weekday at all: the whole effort on the action's day
        days[weekend] = (months[None, :] == first[weekend, None].astype("datetime64[M]"))
        total = days.sum(axis=1)
    rows, cols = np.nonzero(days)  # row-major: action order, then month order
    share = days[rows, cols] / total[rows]
    effort = actions["effort_days"].to_numpy(dtype=float)[rows]
    return pd.DataFrame({
        "month": pd.PeriodIndex(months[cols], freq="M"),
        "pillar": actions["pillar"].to_numpy()[rows],
        "effort_days": share * effort,
    })


def arbitration(
    actions: pd.DataFrame, method: Method, lang: str,
    answers: dict[tuple[str, str], tuple[int, bool]] | None = None,
    groups: dict[str, str] | None = None,
    group_name: Callable[[list[str]], str] | None = None,
) -> pd.DataFrame:
    """Effort against expected effect, one row per lever × population, ranked.

    score = expected effect (1-3) × (1 + the population's overall impact, the
    highest concerned for a cross action) × people reached ^ reach_exponent ÷
    (1 + effort in days), the method's `priority` (levers.yaml): an action that
    reaches many strongly impacted people for little effort ranks first, not a
    half day for six people. Quadrants split effect at 2 and effort at the
    median of costed rows; they label each row, the score ranks them. Levers
    costed in the training plan are arbitrated there, with their sessions and
    trainer-days, so they are left out of this view, and so are cancelled actions.

    `answers` ((lever, population) -> (risk level it answers, answers the
    population's main risk)) makes the ranking follow the risks: the impact term
    becomes the higher of the overall impact and the level of the risk the lever
    answers, and the levers answering a population's main cause of its main
    risk come first, with the governance actions the rest depends on.

    `groups` (population -> its group) makes one lever one decision per group of
    populations: the same job in several territories gets its usage charter once,
    its effort and people summed, the highest risk it answers kept, rather than
    three rows of one top ten. `populations` lists the members a row serves and
    `group_name` names them together.
    """
    columns = [
        "rank", "lever", "action", "pillar", "population", "populations", "audience", "occurrences",
        "effort_days", "effect", "impact", "headcount", "risk_answered", "main_risk", "score",
        "quadrant", "quadrant_label", "costed_in",
    ]
    actions = actions[actions["costed_in"] == ""]
    if "status" in actions.columns:  # a cancelled action costs nothing and has nothing left to decide
        actions = actions[actions["status"] != CANCELLED]
    if actions.empty:
        return pd.DataFrame(columns=columns)
    grouped = (
        # by audience too: one governance action per territory it concerns
        actions.groupby(["lever", "population", "audience"], sort=False)
        .agg(
            action=("action", "first"),
            pillar=("pillar", "first"),
            scope=("scope", "first"),
            occurrences=("id", "count"),
            effort_days=("effort_days", "sum"),
            effect=("effect", "first"),
            impact=("impact", "max"),
            headcount=("headcount", "max"),
            costed_in=("costed_in", "first"),
        )
        .reset_index()
    )
    answered = [(answers or {}).get((lever, population), (0, False))
                for lever, population in zip(grouped["lever"], grouped["population"], strict=True)]
    grouped["risk_answered"] = [level for level, _ in answered]
    # A governance action (a local sponsor to name, a works council to consult) is
    # a precondition of the rest: it ranks with the answers to main risks.
    grouped["main_risk"] = [main or scope == "governance"
                            for (_, main), scope in zip(answered, grouped["scope"], strict=True)]
    grouped = _by_group(grouped, groups or {}, group_name or ", ".join)
    weight = grouped[["impact", "risk_answered"]].max(axis=1)
    reach = grouped["headcount"].astype(float) ** method.levers.priority.reach_exponent
    grouped["score"] = grouped["effect"] * (1 + weight) * reach / (1 + grouped["effort_days"])
    costed = grouped.loc[grouped["effort_days"] > 0, "effort_days"]
    median = float(costed.median()) if len(costed) else 0.0
    high_effect = grouped["effect"] >= 2
    high_effort = grouped["effort_days"] > median
    grouped["quadrant"] = [
        ("major" if big else "quick_win") if strong else ("questionable" if big else "filler")
        for strong, big in zip(high_effect, high_effort, strict=True)
    ]
    labels = method.levers.quadrants
    grouped["quadrant_label"] = [labels[q].in_(lang) for q in grouped["quadrant"]]
    grouped = grouped.sort_values(
        ["main_risk", "score", "effort_days", "lever", "population"],
        ascending=[False, False, True, True, True],
        kind="stable",
    ).reset_index(drop=True)
    grouped["rank"] = range(1, len(grouped) + 1)
    return grouped[columns]


def _by_group(rows: pd.DataFrame, groups: dict[str, str], name: Callable[[list[str]], str]) -> pd.DataFrame:
    """One row per lever and population group (a cross action stays one row per
    audience): effort, occurrences and people summed, the highest impact and risk
    answered kept, the main-risk mark if any member's lever answers its main risk."""
    rows = rows.copy()
    population = rows["population"]
    rows["group"] = [name if name == ALL else groups.get(name, name) for name in population]
    rows["members"] = rows["audience"].where(population == ALL, "")
    merged = (
        rows.groupby(["lever", "group", "members"], sort=False)
        .agg(
            action=("action", "first"), pillar=("pillar", "first"), scope=("scope", "first"),
            audience=("audience", "first"), populations=("population", tuple),
            occurrences=("occurrences", "sum"), effort_days=("effort_days", "sum"),
            effect=("effect", "first"), impact=("impact", "max"), headcount=("headcount", "sum"),
            costed_in=("costed_in", "first"), risk_answered=("risk_answered", "max"),
            main_risk=("main_risk", "any"),
        )
        .reset_index()
    )
    order = {member: index for index, member in enumerate(groups)}  # the engagement's order
    merged["populations"] = [tuple(sorted(members, key=lambda m: order.get(m, 0)))
                             for members in merged["populations"]]
    merged["population"] = [members[0] if len(members) == 1 else name(list(members))
                            for members in merged["populations"]]
    return merged.drop(columns=["group", "members"])


def quick_wins(ranking: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The quick wins the plan lists apart: the first `limit` of the ranking in the
    quick-win quadrant, one per lever (its best-ranked row), so that "quick wins"
    stays a short list to start at once, not every cheap action."""
    own = ranking[ranking["quadrant"] == "quick_win"]
    return own.drop_duplicates("lever").head(limit).reset_index(drop=True)
