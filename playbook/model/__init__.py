"""The engagement model: what a consultant knows about one client engagement.

Pure data (pydantic v2). It knows nothing of the method's conclusions: brakes,
risks and levers are computed by `playbook.analysis` from these facts.
"""

from .consistency import Inconsistency, find_inconsistencies
from .deployment import Lot, UseCase
from .engagement import Engagement
from .engagement_info import EngagementInfo
from .enums import (
    ActionState,
    Brake,
    BuyIn,
    Criterion,
    CriterionStatus,
    CrmObligation,
    DataEntry,
    Dimension,
    EvaluationBasis,
    HierarchyLevel,
    JourneyStage,
    KpiKind,
    Language,
    Level,
    OrganisationKind,
    PayScheme,
    Priority,
    RelationKind,
    Seniority,
    Stance,
    Visibility,
    Workshop,
    WorkshopStatus,
)
from .experience import JourneyStep, Persona
from .governance import (
    Administrator,
    Governance,
    KeyUser,
    Person,
    PlannedWorkshop,
    TeamMember,
)
from .measurements import Attendance, KpiReading, PulseResult
from .objectives import Objective
from .populations import Impact, Population, Relation, Resistance
from .progress import ActionRecord
from .steering import AdoptionKpi, CriterionAssessment
from .territories import NATIONAL, Territory
from .training import Blackout, TrainingConstraints

__all__ = [
    "ActionRecord", "ActionState", "Attendance", "KpiReading", "PulseResult",
    "Administrator", "AdoptionKpi", "Blackout", "Brake", "BuyIn", "Criterion",
    "CriterionAssessment", "CriterionStatus", "DataEntry", "Dimension", "Engagement",
    "EngagementInfo", "EvaluationBasis", "Governance", "HierarchyLevel", "Impact",
    "Inconsistency", "JourneyStage", "JourneyStep", "KeyUser", "KpiKind", "Language",
    "Level", "Lot", "NATIONAL", "Objective", "Person", "Persona", "PlannedWorkshop",
    "Population", "Priority", "Relation", "RelationKind", "OrganisationKind", "PayScheme",
    "CrmObligation", "Resistance", "Seniority", "Stance", "TeamMember",
    "Territory", "TrainingConstraints", "UseCase", "Visibility", "Workshop", "WorkshopStatus", "find_inconsistencies",
]
