"""The method engine: pure functions from an engagement and a method to the
findings the deliverables present. No I/O, no file format.
"""

from .brakes import detect_brakes
from .change_plan import plan_change
from .checks import method_checks
from .diagnosis import diagnose
from .engine import Analysis, analyse
from .facts import population_facts
from .impacts import dimension_totals, impact_levels, impact_matrix
from .milestones import milestones
from .records import (
    BrakeFinding,
    ChangePlan,
    Diagnosis,
    MethodWarning,
    RiskAssessment,
    Steering,
    TrainingPlan,
)
from .risks import assess_risks
from .segments import populations_by_segment, segments
from .steering import steering
from .training_plan import plan_training

__all__ = [
    "Analysis",
    "ChangePlan",
    "Steering",
    "TrainingPlan",
    "analyse",
    "milestones",
    "plan_change",
    "plan_training",
    "steering",
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
