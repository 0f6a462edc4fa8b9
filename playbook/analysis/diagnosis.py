"""The impact diagnosis in one call (seed 004, step 3): heat map, overall levels,
people per dimension, impact × buy-in segments, brakes, risks and method checks,
all computed from the same engagement and method, in one language.
"""

from __future__ import annotations

from ..method import Method
from ..model import Engagement
from .brakes import detect_brakes
from .checks import method_checks
from .impacts import dimension_totals, impact_levels, impact_matrix
from .records import Diagnosis
from .risks import assess_risks
from .segments import segments


def diagnose(engagement: Engagement, method: Method, lang: str | None = None) -> Diagnosis:
    """The `Diagnosis` of `engagement` by `method`, sentences in `lang` (default: its own)."""
    lang = lang or engagement.language
    brakes = detect_brakes(engagement, method, lang)
    return Diagnosis(
        matrix=impact_matrix(engagement, method),
        levels=impact_levels(engagement, method),
        segments=segments(engagement, method, lang),
        brakes=brakes,
        risks=assess_risks(engagement, method, lang, brakes=brakes),
        warnings=method_checks(engagement, method, lang),
        dimension_totals=dimension_totals(engagement, method),
    )
