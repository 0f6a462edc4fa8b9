"""Fixtures of the run tests: small fictional engagements and the fixture notebooks.

The fixture notebooks (tests/fixtures/notebooks) are steered by the
engagement's `sector`: "fixture: fail <deliverable>" makes that deliverable's
`render` cell raise, "fixture: sleep <deliverable>" makes it hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"


def engagement_data(client: str = "Coopérative Laitière du Val", sector: str = "Agroalimentaire",
                    language: str = "fr", headcounts: tuple[int, ...] = (120, 35)) -> dict:
    """A minimal valid engagement (the shape of `Engagement.model_dump(mode="json")`)."""
    populations = [
        {
            "name": f"Population {i + 1}",
            "function": "Ventes" if i % 2 == 0 else "Service client",
            "level": "staff",
            "headcount": headcount,
            "crm_user": True,
            "it_comfort": "medium",
            "buy_in": "neutral",
        }
        for i, headcount in enumerate(headcounts)
    ]
    return {
        "engagement": {
            "client": client,
            "sector": sector,
            "language": language,
            "consultants": ["Hélène Marchand"],
            "kickoff": "2027-03-01",
            "strategy": "Unifier la relation adhérent.",
            "business_case": "Moins d'attrition.",
            "current_situation": "Des fichiers Excel partout.",
        },
        "governance": {
            "sponsor": {"name": "Paul Girard", "role": "Directeur général"},
            "project_manager": {"name": "Inès Robin", "role": "Cheffe de projet CRM"},
        },
        "populations": populations,
        "lots": [
            {
                "name": "Lot 1",
                "functional_blocks": ["Fiche client"],
                "populations": [p["name"] for p in populations],
                "design_start": "2027-04-01",
                "acceptance_start": "2027-06-01",
                "go_live": "2027-09-01",
            }
        ],
    }


def write_engagement(folder: Path, name: str = "client.yaml", **fields) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(engagement_data(**fields), allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def notebooks() -> Path:
    return NOTEBOOKS


@pytest.fixture
def engagement(tmp_path) -> Path:
    return write_engagement(tmp_path)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    return out
