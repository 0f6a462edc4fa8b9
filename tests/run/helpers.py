"""Engagements for the run tests, and reading what a run wrote."""

from __future__ import annotations

import time
from pathlib import Path

import docx
import pptx
import yaml


def wait_for(condition, seconds: float, what: str = "a condition"):
    """`condition()`'s first true value, asked every 50 ms for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def docx_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def pptx_text(path: Path) -> list[str]:
    deck = pptx.Presentation(str(path))
    return [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
            if shape.has_text_frame]


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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
