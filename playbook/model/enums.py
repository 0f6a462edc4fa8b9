"""Enumerated vocabularies of the intake.

Values are stable English codes (they are what the workbook dropdowns and YAML
files hold); their French and English labels live in the method data
(`playbook/method/data/labels.yaml`), so a firm can reword them without code.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A closed list of codes; `str` so values compare and serialise as text."""

    @classmethod
    def codes(cls) -> list[str]:
        return [member.value for member in cls]


class Language(Vocabulary):
    FR = "fr"
    EN = "en"


class Dimension(Vocabulary):
    """Nature of a change (seed 004: job, tool, culture; practice adds the rest)."""

    JOB = "job"  # métier and processes
    TOOL = "tool"
    CULTURE = "culture"
    ORGANISATION = "organisation"  # organisation and roles
    SKILLS = "skills"
    PERFORMANCE = "performance"  # how performance is measured


class BuyIn(Vocabulary):
    """Current adherence of a population (seeds 002, 004), most to least."""

    ENTHUSIASTIC = "enthusiastic"
    FAVOURABLE = "favourable"
    NEUTRAL = "neutral"
    RELUCTANT = "reluctant"
    RESISTANT = "resistant"


class Level(Vocabulary):
    """A three-step ordinal used for comfort, data-entry load, sense of service."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class DataEntry(Vocabulary):
    """How heavy mandatory data entry is, read by the method from the number of
    mandatory fields per interaction (thresholds in `brakes.yaml`)."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class HierarchyLevel(Vocabulary):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    TEAM_LEADER = "team_leader"
    STAFF = "staff"


class EvaluationBasis(Vocabulary):
    """What the population is evaluated on today (signals of efficiency loss,
    feeling watched and competition)."""

    HANDLING_TIME = "handling_time"  # e.g. average call-handling time
    VOLUME = "volume"  # number of calls, visits, files
    INDIVIDUAL_SALES = "individual_sales"  # individual sales targets
    QUALITY = "quality"
    CUSTOMER_SATISFACTION = "customer_satisfaction"
    COLLECTIVE_OBJECTIVES = "collective_objectives"  # team or site objectives only


class Visibility(Vocabulary):
    """How often management sees the population's activity dashboards."""

    NONE = "none"
    WEEKLY = "weekly"
    DAILY = "daily"
    REAL_TIME = "real_time"


class Stance(Vocabulary):
    """Local management's stance towards the project."""

    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    OPPOSED = "opposed"


class Brake(Vocabulary):
    """The typical brakes of seed 004 (and the culture check of seed 002)."""

    DESILOING = "desiloing"
    FEELING_WATCHED = "feeling_watched"
    EFFICIENCY_LOSS = "efficiency_loss"
    RELUCTANT_TERRITORY = "reluctant_territory"
    ADMIN_LOAD = "admin_load"
    COMPETITION_CULTURE = "competition_culture"


class OrganisationKind(Vocabulary):
    """Who employs a population: the client, or a company it works with."""

    CLIENT = "client"
    DEALER = "dealer"
    FRANCHISEE = "franchisee"
    BROKER = "broker"
    AGENT = "agent"
    OUTSOURCER = "outsourcer"


class CrmObligation(Vocabulary):
    """What binds an external population to use the CRM."""

    CONTRACTUAL = "contractual"  # its contract (or, for the client's staff, their job) requires it
    INCENTIVE = "incentive"  # paid or rewarded for using it, not obliged
    NONE = "none"  # nothing obliges it


class PayScheme(Vocabulary):
    """How a population is paid: what rivalry and individual targets rest on."""

    FIXED = "fixed"
    TEAM_BONUS = "team_bonus"
    INDIVIDUAL_BONUS = "individual_bonus"
    COMMISSION_PER_UNIT = "commission_per_unit"
    COMMISSION_PER_SALE = "commission_per_sale"


class RelationKind(Vocabulary):
    """How two populations stand to each other."""

    COMPETES_WITH = "competes_with"  # same market, shared lead pool
    AUDITS = "audits"  # audits or watches the other's work
    RECEIVES_TASKS_FROM = "receives_tasks_from"  # takes over tasks the other did


class Seniority(Vocabulary):
    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"


class Workshop(Vocabulary):
    """The four workshops of seed 000."""

    TARGET_VISION = "target_vision"
    CUSTOMER_JOURNEYS = "customer_journeys"
    USE_CASES = "use_cases"
    ACTION_PLAN = "action_plan"


class WorkshopStatus(Vocabulary):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class ActionState(Vocabulary):
    """What the consultant records of a Change-plan action."""

    DONE = "done"
    CANCELLED = "cancelled"


class Criterion(Vocabulary):
    """The first six success criteria of seed 001."""

    USER_SATISFACTION = "user_satisfaction"
    TOP_MANAGEMENT = "top_management"
    KEY_RESOURCES = "key_resources"
    EXPERIENCE_BALANCE = "experience_balance"
    SHARED_KNOWLEDGE = "shared_knowledge"
    TRAINING_MENTORING = "training_mentoring"


class CriterionStatus(Vocabulary):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Priority(Vocabulary):
    """MoSCoW, as use-case workshops usually rank."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"


class JourneyStage(Vocabulary):
    """Stages of the user journey (seed 002)."""

    DISCOVER = "discover"
    DAILY_USE = "daily_use"
    GET_HELP = "get_help"
    REQUEST_CHANGE = "request_change"
    ONBOARDING = "onboarding"


class KpiKind(Vocabulary):
    """Steering KPI families (seeds 000, 002)."""

    ADOPTION = "adoption"
    USAGE = "usage"
    DATA_QUALITY = "data_quality"
    SATISFACTION = "satisfaction"
    TRAINING_COVERAGE = "training_coverage"
    SUPPORT = "support"

