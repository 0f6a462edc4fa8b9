"""Small valid engagements for tests (fictional client).

`minimal_engagement_dict()` is the shape of `Engagement.model_dump(mode="json")`:
three populations (one of them impacted without using the CRM), two lots,
impacts on every population, one resistance. Each call returns a fresh copy,
so a test may break it freely.
"""

from __future__ import annotations

import copy
from typing import Any

_MINIMAL: dict[str, Any] = {
    "engagement": {
        "client": "Verdanne Habitat",
        "sector": "Social housing",
        "language": "en",
        "consultants": ["Claire Morvan", "Hugo Delmas"],
        "kickoff": "2026-01-12",
        "strategy": "Put the tenant at the centre of every agency's work.",
        "business_case": "Fewer lost requests, faster repairs, one view of each tenant.",
        "current_situation": "Requests tracked in spreadsheets and personal mailboxes.",
    },
    "governance": {
        "sponsor": {"name": "Anne Ferrand", "role": "Managing director"},
        "project_manager": {"name": "Julien Roux", "role": "Head of customer relations"},
    },
    "lots": [
        {
            "name": "Lot 1 - Requests",
            "functional_blocks": ["Tenant requests", "Contact history"],
            "populations": ["Agency advisers", "Agency managers"],
            "design_start": "2026-02-02",
            "acceptance_start": "2026-04-06",
            "go_live": "2026-05-18",
        },
        {
            "name": "Lot 2 - Repairs",
            "functional_blocks": ["Repair orders"],
            "populations": ["Agency advisers"],
            "design_start": "2026-05-04",
            "acceptance_start": "2026-07-06",
            "go_live": "2026-09-14",
        },
    ],
    "populations": [
        {
            "name": "Agency advisers",
            "function": "Customer relations",
            "level": "staff",
            "territory": "North",
            "headcount": 48,
            "crm_user": True,
            "it_comfort": "medium",
            "buy_in": "neutral",
            "evaluated_on": "handling_time",
            "mandatory_fields": 12,
            "shifts_tasks_to": ["Back-office assistants"],
        },
        {
            "name": "Agency managers",
            "function": "Customer relations",
            "level": "manager",
            "territory": "North",
            "headcount": 6,
            "crm_user": True,
            "it_comfort": "high",
            "buy_in": "favourable",
        },
        {
            "name": "Back-office assistants",
            "function": "Administration",
            "level": "staff",
            "headcount": 12,
            "crm_user": False,
            "it_comfort": "low",
            "buy_in": "reluctant",
        },
    ],
    "impacts": [
        {"population": "Agency advisers", "dimension": "job", "intensity": 3},
        {"population": "Agency advisers", "dimension": "tool", "intensity": 2},
        {"population": "Agency managers", "dimension": "culture", "intensity": 2},
        {"population": "Back-office assistants", "dimension": "organisation", "intensity": 2},
    ],
    "resistances": [
        {
            "population": "Agency advisers",
            "brake": "efficiency_loss",
            "evidence": "We are judged on calls handled, not on notes typed.",
        }
    ],
    "territories": [
        {"name": "North", "local_management": "supportive"},
    ],
}


def minimal_engagement_dict() -> dict[str, Any]:
    """A small valid engagement, as a fresh dict (YAML/JSON shape)."""
    return copy.deepcopy(_MINIMAL)
