"""Small hand-made engagements and diagnoses for the Change plan, training plan
and steering tests (fictional client).

The `Diagnosis` is built by hand, so these tests read the plans' rules alone,
whatever the diagnosis engine concludes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from playbook.analysis.records import BrakeFinding, Diagnosis
from playbook.model import Dimension, Engagement

LOT_1 = {
    "name": "Lot 1",
    "functional_blocks": ["Accounts"],
    "populations": [],
    "design_start": "2026-02-02",
    "acceptance_start": "2026-04-06",
    "go_live": "2026-05-18",  # a Monday
}
LOT_2 = {
    "name": "Lot 2",
    "functional_blocks": ["Service"],
    "populations": [],
    "design_start": "2026-05-04",
    "acceptance_start": "2026-07-06",
    "go_live": "2026-09-14",
}


def population(name: str, **fields: Any) -> dict[str, Any]:
    base = {
        "name": name,
        "function": "Sales",
        "level": "staff",
        "territory": "North",
        "headcount": 20,
        "crm_user": True,
        "it_comfort": "medium",
        "buy_in": "neutral",
    }
    base.update(fields)
    return base


def engagement(
    populations: list[dict[str, Any]],
    lots: list[tuple[dict[str, Any], list[str]]] | None = None,
    **sections: Any,
) -> Engagement:
    """An engagement with these populations; by default all go live in lot 1."""
    if lots is None:
        lots = [(LOT_1, [p["name"] for p in populations])]
    data: dict[str, Any] = {
        "engagement": {
            "client": "Maison Orvel",
            "sector": "Furniture retail",
            "language": "en",
            "consultants": ["Inès Caron"],
            "kickoff": "2026-01-12",
            "as_of": "2026-01-12",
            "strategy": "One customer view across stores.",
            "business_case": "Fewer lost leads.",
            "current_situation": "Spreadsheets.",
        },
        "governance": {
            "sponsor": {"name": "Paul Verne", "role": "CEO"},
            "project_manager": {"name": "Nora Blin", "role": "CRM lead"},
        },
        "populations": populations,
        "lots": [dict(lot, populations=names) for lot, names in lots],
    }
    for key, value in sections.items():
        if key == "governance":
            data["governance"].update(value)
        else:
            data[key] = value
    return Engagement.model_validate(data)


def diagnosis(
    engagement: Engagement,
    impacts: dict[str, dict[str, int]],
    brakes: list[tuple[str, str, int]] = (),
    levels: dict[str, int] | None = None,
) -> Diagnosis:
    """Matrix from `impacts`; overall level = highest intensity unless given."""
    names = [p.name for p in engagement.populations]
    codes = Dimension.codes()
    matrix = pd.DataFrame(0, index=pd.Index(names, name="population"), columns=codes)
    for name, row in impacts.items():
        for code, value in row.items():
            matrix.loc[name, code] = value  # a name outside the engagement adds a row, as a test may want
    overall = {n: int(matrix.loc[n].max()) for n in names}
    overall.update(levels or {})
    level_frame = pd.DataFrame({"level": [overall[n] for n in names]}, index=matrix.index)
    return Diagnosis(
        matrix=matrix,
        levels=level_frame,
        segments=pd.DataFrame(index=matrix.index),
        brakes=tuple(BrakeFinding(p, b, s, reasons=("observed",)) for p, b, s in brakes),
        risks=(),
        warnings=(),
    )
