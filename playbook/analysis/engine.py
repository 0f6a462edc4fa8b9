"""The method engine in one call: diagnosis, Change plan, training plan, steering.

Each deliverable reads the same `Analysis`, computed once per engagement and
language, so the five documents can never disagree with one another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..method import Method
from ..model import Engagement
from .calendar import WorkingCalendar
from .records import ChangePlan, Diagnosis, Steering, TrainingPlan

if TYPE_CHECKING:
    from .copil import Copil


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
    copil: Copil | None = None  # step 5: the COPIL of a date, when one is prepared

    @property
    def as_of(self) -> dt.date:
        """The date the deliverables describe the engagement at."""
        assert self.calendar is not None
        return self.calendar.as_of


def analyse(engagement: Engagement, method: Method, lang: str | None = None) -> Analysis:
    """Apply the whole method to one engagement, in `lang` (default: its own)."""
    from .change_plan import plan_change
    from .diagnosis import diagnose
    from .steering import steering
    from .training_plan import plan_training

    lang = lang or engagement.language
    working = WorkingCalendar.of(engagement)
    diagnosis = diagnose(engagement, method, lang)
    training_plan = plan_training(engagement, method, diagnosis, lang, working)
    change_plan = plan_change(engagement, method, diagnosis, lang, working, training_plan)
    steer = steering(engagement, method, change_plan, training_plan, lang, working)
    return Analysis(engagement, method, lang, diagnosis, change_plan, training_plan, steer, working)
