"""The method engine in one call: diagnosis, Change plan, training plan, steering.

Each deliverable reads the same `Analysis`, computed once per engagement and
language, so the five documents can never disagree with one another.
`analysed` is that "once": the analyses of a process are kept by what they
were made from (the engagement's content, its as-of date included, the
method's version and the language), so the six deliverables and the steering
committee of one date share one analysis. The committee is a stage over the
analysis (`committee.steer`), not a part of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..method import Method
from ..model import Engagement
from .calendar import WorkingCalendar
from .records import ChangePlan, Diagnosis, MethodWarning, Steering, TrainingPlan


@dataclass(frozen=True)
class Analysis:
    """One engagement analysed by one method, in one language (`records` has the parts)."""

    engagement: Engagement
    method: Method
    lang: str
    diagnosis: Diagnosis
    change_plan: ChangePlan
    training_plan: TrainingPlan
    steering: Steering
    calendar: WorkingCalendar | None = None  # working days and the as-of date

    @property
    def as_of(self) -> dt.date:
        """The date the deliverables describe the engagement at."""
        assert self.calendar is not None
        return self.calendar.as_of


def method_warnings(analysis: Analysis) -> list[MethodWarning]:
    """Every warning of the analysis, once each, warnings before notes: what the
    console's summary after `run` and `validate` names (the run records them in
    its manifest)."""
    found: list[MethodWarning] = []
    seen: set[tuple[str, str, str]] = set()
    for part in (analysis.diagnosis, analysis.change_plan, analysis.training_plan,
                 analysis.steering):
        for warning in getattr(part, "warnings", ()):
            key = (warning.code, warning.subject, warning.message)
            if key not in seen:
                seen.add(key)
                found.append(warning)
    return sorted(found, key=lambda w: w.severity != "warning")


def analyse(engagement: Engagement, method: Method, lang: str | None = None,
            earlier: Analysis | None = None) -> Analysis:
    """Apply the whole method to one engagement, in `lang` (default: its own).

    `earlier`, when given, is this engagement analysed by this method in `lang`
    at another as-of date (see `analysed`): its diagnosis, which reads no date,
    is this one's, the working days its calendar worked out hold, and so do its
    Change plan's actions as planned when the training plan dates the same waves."""
    from .brakes import classify_resistances
    from .change_plan import plan_change
    from .diagnosis import diagnose
    from .steering import steering
    from .training_plan import plan_training

    lang = lang or engagement.language
    # Every deliverable names a lever as the client's country does (a works council's
    # agreement in Germany, the CSE informed and consulted in France).
    method = method.in_country(engagement.engagement.country)
    working = WorkingCalendar.of(engagement)
    if earlier is not None and earlier.calendar is not None:
        working = earlier.calendar.moved(working.as_of, engagement)
    diagnosis = earlier.diagnosis if earlier is not None else diagnose(engagement, method, lang)
    training_plan = plan_training(engagement, method, diagnosis, lang, working)
    change_plan = plan_change(engagement, method, diagnosis, lang, working, training_plan,
                              earlier.change_plan if earlier is not None else None)
    steer = steering(engagement, method, change_plan, training_plan, lang, working)
    if any(r.brake is None for r in engagement.resistances):
        # The deliverables show each observation with the brake the method gave it.
        classified, _ = classify_resistances(engagement, method, lang)
        engagement = engagement.model_copy(update={"resistances": [r for r, _ in classified]})
    return Analysis(engagement, method, lang, diagnosis, change_plan, training_plan, steer, working)


# A few analyses per process: a client's own one and the one at its committee's
# date (a worker rendering several clients keeps only the latest ones).
_KEPT = 4
_ANALYSES: OrderedDict[tuple[str, str, str], Analysis] = OrderedDict()
# The same analyses by the engagement's content without its as-of date: the
# committee's analysis reuses what of its client's reads no date.
_UNDATED: OrderedDict[tuple[str, str, str], Analysis] = OrderedDict()


def content_key(engagement: Engagement, method: Method, lang: str) -> tuple[str, str, str]:
    """What an analysis is made of: the engagement's content (every field, the
    as-of date included), the method's version (which changes with any of its
    files) and the language."""
    digest = hashlib.sha256(engagement.model_dump_json().encode()).hexdigest()
    return digest, method.version, lang


def analysed(engagement: Engagement, method: Method, lang: str | None = None) -> Analysis:
    """`analyse`, computed once for the same engagement content, method and language.

    The key is content, never a file name or an object: an edited engagement is
    analysed again, and two clients can never share an entry.
    """
    lang = lang or engagement.language
    key = content_key(engagement, method, lang)
    found = _ANALYSES.get(key)
    if found is None:
        undated = content_key(engagement.model_copy(update={
            "engagement": engagement.engagement.model_copy(update={"as_of": None})}), method, lang)
        found = analyse(engagement, method, lang, _UNDATED.get(undated))
        _keep(_ANALYSES, key, found)
        _keep(_UNDATED, undated, found)
    else:
        _ANALYSES.move_to_end(key)
    return found


def _keep(kept: OrderedDict[tuple[str, str, str], Any], key: tuple[str, str, str], value: Any) -> None:
    """`value` kept under `key`, the oldest entries dropped beyond `_KEPT`."""
    kept[key] = value
    kept.move_to_end(key)
    while len(kept) > _KEPT:
        kept.popitem(last=False)
