"""The method engine: pure functions from an engagement and a method to the
findings the deliverables present. No I/O, no file format.
"""

from .brakes import detect_brakes
from .checks import method_checks
from .diagnosis import diagnose
from .facts import population_facts
from .impacts import dimension_totals, impact_levels, impact_matrix
from .records import BrakeFinding, Diagnosis, MethodWarning, RiskAssessment
from .risks import assess_risks
from .segments import populations_by_segment, segments

__all__ = [
    "BrakeFinding",
    "Diagnosis",
    "MethodWarning",
    "RiskAssessment",
    "assess_risks",
    "detect_brakes",
    "diagnose",
    "dimension_totals",
    "impact_levels",
    "impact_matrix",
    "method_checks",
    "population_facts",
    "populations_by_segment",
    "segments",
]
