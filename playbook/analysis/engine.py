"""The method engine in one call: diagnosis, Change plan, training plan, steering.

Each deliverable reads the same `Analysis`, computed once per engagement and
language, so the five documents can never disagree with one another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Engagement


@dataclass(frozen=True)
class Analysis:
    engagement: Engagement
    method: Any  # playbook.method.Method
    lang: str
    diagnosis: Any  # records.Diagnosis
    change_plan: Any
    training_plan: Any
    steering: Any
    copil: Any = None  # step 5: the COPIL of a date (`copil.copil`), when one is prepared


def analyse(engagement: Engagement, method: Any, lang: str | None = None) -> Analysis:
    """Apply the whole method to one engagement, in `lang` (default: its own)."""
    from .change_plan import plan_change
    from .diagnosis import diagnose
    from .steering import steering
    from .training_plan import plan_training

    lang = lang or engagement.language
    diagnosis = diagnose(engagement, method, lang)
    change_plan = plan_change(engagement, method, diagnosis, lang)
    training_plan = plan_training(engagement, method, diagnosis, lang)
    steer = steering(engagement, method, change_plan, training_plan, lang)
    return Analysis(engagement, method, lang, diagnosis, change_plan, training_plan, steer)
