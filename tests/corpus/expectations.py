"""What a senior consultant expects of a corpus engagement, and the check of it.

Each `corpus/<slug>/expected.yaml` names its engagement file and lists
expectations, written from the brief before the engine was run:

    engagement: engagement.yaml          # or engagement.xlsx, beside this file
    generic_xfail: {calendar: 23}        # generic checks known to fail, with their issue
    expectations:
      - id: dealer-misuse-is-rivalry     # unique in the file, stable (tests are named by it)
        says: One sentence a consultant would say.
        kind: main_cause                 # one of KINDS below
        population: Dealer sales executives – England
        risk: misuse
        brake: competition_culture
        xfail: 23                        # fails today; the issue that will make it hold

An expectation that fails today keeps its `xfail` with the issue that will fix
it; it is never weakened to pass. The tests run it as a strict expected failure,
so the day it holds the suite says so and the mark is removed.

Every check reads the engine's typed results (`Analysis`: diagnosis, Change
plan, training plan, COPIL); none recomputes a finding. A check returns the
list of what is wrong, empty when the expectation holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from playbook.analysis.engine import Analysis
from playbook.analysis.training_plan import END_USERS, population_seats
from playbook.findings import findings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@dataclass(frozen=True)
class Expectation:
    slug: str
    id: str
    kind: str
    says: str
    params: dict[str, Any]
    xfail: int | None = None


@dataclass(frozen=True)
class Case:
    """One corpus engagement: its folder, engagement file and expectations."""

    slug: str
    path: Path
    expectations: tuple[Expectation, ...]
    generic_xfail: dict[str, int] = field(default_factory=dict)


class ExpectationError(ValueError):
    """An expected.yaml that cannot be read as written (located, all at once)."""


def slugs() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob("*/expected.yaml"))


def load_case(slug: str) -> Case:
    folder = CORPUS / slug
    source = folder / "expected.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    path = folder / str(data.get("engagement", ""))
    if not data.get("engagement") or not path.is_file():
        problems.append(f"{source}: 'engagement' must name a file beside it (found {data.get('engagement')!r})")
    expectations, seen = [], set()
    for number, raw in enumerate(data.get("expectations") or [], 1):
        where = f"{source}, expectation {number}"
        raw = dict(raw)
        ident, kind, says = raw.pop("id", None), raw.pop("kind", None), raw.pop("says", "")
        xfail = raw.pop("xfail", None)
        if not ident or ident in seen:
            problems.append(f"{where}: 'id' missing or repeated ({ident!r})")
        seen.add(ident)
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r} (expected one of {', '.join(sorted(KINDS))})")
            continue
        required, optional = SIGNATURES[kind]
        missing = [k for k in required if k not in raw]
        unknown = [k for k in raw if k not in required and k not in optional]
        if missing or unknown:
            problems.append(f"{where} ({kind}): missing {missing}, unknown {unknown}")
        if not says:
            problems.append(f"{where}: 'says' is empty: say the expectation in a sentence")
        if xfail is not None and not isinstance(xfail, int):
            problems.append(f"{where}: 'xfail' is the number of the issue that will fix it")
        expectations.append(Expectation(slug, str(ident), kind, says, raw, xfail))
    generic = dict(data.get("generic_xfail") or {})
    if problems:
        raise ExpectationError("\n".join(problems))
    return Case(slug, path, tuple(expectations), generic)


def check(expectation: Expectation, analysis: Analysis) -> list[str]:
    """What is wrong with `expectation` on the analysed engagement; [] when it holds."""
    names = {p.name for p in analysis.engagement.populations}
    params = expectation.params
    wanted = [params["population"]] if params.get("population") else list(params.get("populations", []))
    unknown = [n for n in wanted if n not in names]
    if unknown:
        return [f"no population named {n!r} in the engagement" for n in unknown]
    if "lot" in params and params["lot"] not in {lot.name for lot in analysis.engagement.lots}:
        return [f"no lot named {params['lot']!r} in the engagement"]
    return KINDS[expectation.kind](analysis, params)


# --------------------------------------------------------------------------- kinds


def _level(found: int, spec: Any) -> bool:
    if isinstance(spec, dict):
        return found >= spec.get("at_least", found) and found <= spec.get("at_most", found)
    return found == int(spec)


def _risk(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    found = analysis.diagnosis.risk(p["population"], p["risk"])
    return [] if _level(found.level, p["level"]) else [
        f"{p['risk']} risk is {found.level}, expected {p['level']}"]


def _main_cause(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    found = analysis.diagnosis.risk(p["population"], p["risk"])
    if not found.causes:
        return [f"no cause given for the {p['risk']} risk (level {found.level})"]
    problems = []
    if found.causes[0].source != p["brake"]:
        problems.append(f"main cause is {found.causes[0].source!r}, expected {p['brake']!r}: "
                        f"{found.reasons[0] if found.reasons else ''}")
    reason = (found.reasons[0] if found.reasons else "").casefold()
    problems += [f"main reason does not cite {word!r}: {reason}" for word in p.get("cites", [])
                 if word.casefold() not in reason]
    return problems


def _brake(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    found = [b for b in analysis.diagnosis.brakes
             if b.brake == p["brake"] and (not p.get("population") or b.population == p["population"])]
    where = p.get("population") or "any population"
    if p.get("present", True):
        return [] if found else [f"brake {p['brake']!r} not found for {where}"]
    return [f"brake {p['brake']!r} found for {b.population}" for b in found]


def _levers(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    actions = analysis.change_plan.actions
    levers = set(actions.loc[actions["population"] == p["population"], "lever"])
    missing = [f"lever {lever!r} missing" for lever in p.get("must", []) if lever not in levers]
    return missing + [f"lever {lever!r} planned" for lever in p.get("must_not", []) if lever in levers]


def warnings_of(analysis: Analysis) -> list[Any]:
    return [*analysis.diagnosis.warnings, *analysis.change_plan.warnings,
            *analysis.training_plan.warnings, *analysis.steering.warnings]


def _warning(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    subject = str(p.get("subject", "")).casefold()
    found = [w for w in warnings_of(analysis)
             if w.code == p["code"] and (not subject or w.subject.casefold() == subject)]
    if p.get("present", True):
        return [] if found else [f"no warning {p['code']!r}" + (f" on {p['subject']!r}" if subject else "")]
    return [f"warning {w.code!r}: {w.message}" for w in found]


def _sessions_of(analysis: Analysis, population: str) -> Any:
    """The sessions a population's people sit, alone or with others."""
    sessions = population_seats(analysis.training_plan.sessions)
    return sessions[sessions["population"] == population] if len(sessions) else sessions


def _day(value: Any) -> dt.date:
    return value.date() if hasattr(value, "date") and not isinstance(value, dt.date) else (
        value.date() if isinstance(value, dt.datetime) else value)


def _no_session_on(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    own = _sessions_of(analysis, p["population"])
    if own.empty:
        return [f"no session planned for {p['population']}"]
    # A session over several days is held on its first and last (the days between
    # may be a weekend it skips), as the scheduler places it.
    problems = []
    for day in p["dates"]:
        hit = own[(own["start"] == day) | (own["end"] == day)]
        problems += [f"{row.module} session {row.session} on {day}" for row in hit.itertuples()]
    return problems


def _no_session_between(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    sessions = analysis.training_plan.sessions
    hit = sessions[(sessions["start"] <= p["end"]) & (sessions["end"] >= p["start"])]
    return [f"{row.population}: {row.module} on {row.start}" for row in hit.itertuples()]


def _training_order(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    milestones = analysis.change_plan.milestones
    lot = p["lot"]
    accepted = _day(milestones.at[lot, "acceptance_end"])
    go_live = analysis.engagement.lot(lot).go_live
    sessions = analysis.training_plan.sessions
    users = sessions[(sessions["lot"] == lot) & (sessions["wave"] == END_USERS)]
    if users.empty:
        return [f"no end-user session for {lot}"]
    early = users[users["start"] <= accepted]
    late = users[users["end"] >= go_live]
    return ([f"{len(early)} of {len(users)} end-user sessions start by acceptance end {accepted}"] if len(early)
            else []) + ([f"{len(late)} end-user sessions end on or after go-live {go_live}"] if len(late) else [])


def _not_costed(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    rate = analysis.engagement.training.learner_day_cost
    if rate is None:
        return ["the engagement gives no learner-day cost"]
    # The waves (classroom and self-paced) carry each population's learner-days.
    waves = analysis.training_plan.calendar
    theirs = float(waves.loc[waves["population"].isin(p["populations"]), "learner_days"].sum())
    ours = float(waves.loc[~waves["population"].isin(p["populations"]), "learner_days"].sum())
    stated = float(analysis.training_plan.totals.iloc[-1]["learner_cost"])
    if abs(stated - ours * rate) > 1:
        return [f"learner cost {stated:,.0f} counts their {theirs:g} learner-days "
                f"(the client's own: {ours * rate:,.0f})"]
    # What the deliverables print: the budget's internal time is the client's learners only.
    printed = findings(analysis).budget.line("learners").days
    if abs(printed - ours) > 0.01:
        return [f"the budget's internal time counts {printed:g} learner-days, the client's own are {ours:g}"]
    return []


def _progress(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    count = int((analysis.change_plan.actions["status"] == p["status"]).sum())
    return [] if count >= p["at_least"] else [f"{count} actions {p['status']}, expected at least {p['at_least']}"]


def _late_not_piled(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    actions = analysis.change_plan.actions
    late = actions[actions["status"] == "late"]
    if len(late) < 2:
        return [f"only {len(late)} late action: nothing to re-plan"]
    busiest = late["date"].value_counts()
    if busiest.iloc[0] > len(late) / 2:
        return [f"{busiest.iloc[0]} of {len(late)} late actions moved to {_day(busiest.index[0])}"]
    return []


def _populations(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    counted = len(analysis.diagnosis.levels)
    planned = set(analysis.change_plan.actions["population"]) & {x.name for x in analysis.engagement.populations}
    problems = [] if counted == p["count"] else [f"{counted} populations diagnosed, expected {p['count']}"]
    return problems + ([] if len(planned) == p["count"] else [f"{len(planned)} populations in the Change plan"])


def copil_of(analysis: Analysis) -> Any:
    from playbook.analysis.committee import steer

    return steer(analysis).copil


def _copil_behind(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    behind = copil_of(analysis).behind
    names = set(behind["population"]) if "population" in behind.columns else set(behind.index)
    if p.get("present", True):
        return [] if p["population"] in names else [f"{p['population']} not among {sorted(names)}"]
    return [f"{p['population']} shown as falling behind"] if p["population"] in names else []


def _copil_decision(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    decisions = copil_of(analysis).decisions
    return [] if any(d.kind in p["kinds"] for d in decisions) else [
        f"no decision of kind {p['kinds']} (found {[d.kind for d in decisions]})"]


def _decision(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    """A decision the deliverables put to the steering committee (the findings stage's)."""
    decided = findings(analysis).decisions
    return [] if any(d.kind in p["kinds"] for d in decided) else [
        f"no decision of kind {p['kinds']} (found {[d.kind for d in decided]})"]


def _action_mentions(analysis: Analysis, p: dict[str, Any]) -> list[str]:
    actions = analysis.change_plan.actions
    go_live = analysis.engagement.lot(p["before_go_live"]).go_live
    words = [w.casefold() for w in p["words"]]
    for row in actions.itertuples():
        said = f"{row.action} {row.reason}".casefold()  # the action and the reason it gives
        if _day(row.date) < go_live and any(w in said for w in words):
            return []
    return [f"no action before {go_live} mentions {p['words']}"]


Check = Callable[[Analysis, dict[str, Any]], list[str]]
# kind -> (check, required parameters, optional parameters)
_TABLE: dict[str, tuple[Check, tuple[str, ...], tuple[str, ...]]] = {
    "risk": (_risk, ("population", "risk", "level"), ()),
    "main_cause": (_main_cause, ("population", "risk", "brake"), ("cites",)),
    "brake": (_brake, ("brake",), ("population", "present")),
    "levers": (_levers, ("population",), ("must", "must_not")),
    "warning": (_warning, ("code",), ("subject", "present")),
    "no_session_on": (_no_session_on, ("population", "dates"), ()),
    "no_session_between": (_no_session_between, ("start", "end"), ()),
    "training_order": (_training_order, ("lot",), ()),
    "not_costed": (_not_costed, ("populations",), ()),
    "progress": (_progress, ("status", "at_least"), ()),
    "late_not_piled": (_late_not_piled, (), ()),
    "populations": (_populations, ("count",), ()),
    "copil_behind": (_copil_behind, ("population",), ("present",)),
    "copil_decision": (_copil_decision, ("kinds",), ()),
    "decision": (_decision, ("kinds",), ()),
    "action_mentions": (_action_mentions, ("words", "before_go_live"), ()),
}
KINDS: dict[str, Check] = {kind: entry[0] for kind, entry in _TABLE.items()}
SIGNATURES = {kind: (entry[1], entry[2]) for kind, entry in _TABLE.items()}
