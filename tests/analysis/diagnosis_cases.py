"""Small hand-made engagements for the impact-diagnosis tests.

Each test states only the facts it is about; everything else takes a neutral
default (a CRM user, neutral buy-in, no signal set, one lot holding every
population), so an expectation can be computed by hand from the test itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from playbook.model import Engagement


def pop(name: str, **fields: Any) -> dict[str, Any]:
    """A population record with neutral defaults."""
    return {
        "name": name,
        "function": "Ventes",
        "level": "staff",
        "headcount": 10,
        "crm_user": True,
        "it_comfort": "medium",
        "buy_in": "neutral",
        **fields,
    }


def impact(population: str, dimension: str, intensity: int) -> dict[str, Any]:
    return {"population": population, "dimension": dimension, "intensity": intensity}


def resistance(population: str, brake: str, evidence: str = "Vu en entretien.") -> dict[str, Any]:
    return {"population": population, "brake": brake, "evidence": evidence, "source": "entretien"}


def engagement(
    populations: list[dict[str, Any]],
    impacts: list[dict[str, Any]] | None = None,
    resistances: list[dict[str, Any]] | None = None,
    lots: list[dict[str, Any]] | None = None,
    territories: list[dict[str, Any]] | None = None,
    language: str = "fr",
    relations: list[dict[str, Any]] | None = None,
) -> Engagement:
    """An engagement around the given populations; by default one lot holds them all.
    A territory left out of `territories` has neutral management and no local sponsor."""
    if lots is None:
        lots = [lot("Lot 1", [p["name"] for p in populations])]
    return Engagement.model_validate(
        {
            "engagement": {
                "client": "Coopérative Exemple",
                "sector": "Distribution",
                "language": language,
                "consultants": ["Camille Martin"],
                "kickoff": "2030-01-07",
                "as_of": "2030-01-07",
                "strategy": "Mettre le client au centre.",
                "business_case": "Mieux vendre.",
                "current_situation": "Des fichiers Excel.",
            },
            "governance": {
                "sponsor": {"name": "Alex Durand", "role": "Directeur général"},
                "project_manager": {"name": "Sam Roche", "role": "Chef de projet CRM"},
            },
            "lots": lots,
            "territories": territories or [],
            "populations": populations,
            "impacts": impacts or [],
            "resistances": resistances or [],
            "relations": relations or [],
        }
    )


def lot(name: str, populations: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "functional_blocks": ["Socle"],
        "populations": populations,
        "design_start": dt.date(2030, 2, 4),
        "acceptance_start": dt.date(2030, 4, 1),
        "go_live": dt.date(2030, 5, 13),
    }
