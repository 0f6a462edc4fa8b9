"""The impact heat map of the diagnosis (seed 004): population × dimension
intensities, the overall level of each population, and what the map means in
people per dimension.

Every mapped population is a row, even with no impact given: a population left
blank is a finding (see `checks`), not something to drop silently.
"""

from __future__ import annotations

import pandas as pd

from ..method import Method
from ..model import Dimension, Engagement


def _dimension_codes(method: Method | None) -> list[str]:
    return list(method.dimensions.codes) if method is not None else Dimension.codes()


def impact_matrix(engagement: Engagement, method: Method | None = None) -> pd.DataFrame:
    """Intensities 0–3, one row per population (intake order), one column per
    dimension (catalogue order; enum order without a method), plus `headcount`
    as the first column. A dimension with no impact row is 0.
    """
    codes = _dimension_codes(method)
    names = [p.name for p in engagement.populations]
    # Filled as plain lists, framed once: the analysis asks for this matrix tens of times.
    rows = {name: dict.fromkeys(codes, 0) for name in names}
    for impact in engagement.impacts:
        if impact.population in rows:
            row = rows[impact.population]
            column = impact.dimension.value
            # The intake rejects duplicate pairs; keep the stronger one if any slip through.
            row[column] = max(row.get(column, 0), impact.intensity)
    # A dimension the method does not list (a method folder without it) stays a column.
    columns = [*codes, *(c for c in dict.fromkeys(c for row in rows.values() for c in row)
                         if c not in codes)]
    matrix = pd.DataFrame([[rows[name].get(c, 0) for c in columns] for name in names],
                          index=pd.Index(names, name="population"), columns=columns, dtype="int64")
    matrix.insert(0, "headcount", [p.headcount for p in engagement.populations])
    matrix.columns.name = "dimension"
    return matrix


def impact_levels(engagement: Engagement, method: Method) -> pd.DataFrame:
    """Overall impact level per population by the rule of `dimensions.yaml`.

    Columns: headcount, crm_user, max_intensity, broad_dimensions (how many
    dimensions reach the bump intensity), bumped (the breadth bump applied),
    level (0–3).
    """
    rule = method.dimensions.overall_level
    matrix = impact_matrix(engagement, method)
    codes = method.dimensions.codes
    rows = []
    grid = matrix[list(codes)].to_numpy().tolist()  # one row per population, intake order
    for population, row in zip(engagement.populations, grid, strict=True):
        intensities = [int(value) for value in row]
        top = max(intensities, default=0)
        broad = sum(1 for value in intensities if value >= rule.bump.min_intensity)
        level = rule.level(intensities)
        rows.append(
            {
                "population": population.name,
                "headcount": population.headcount,
                "crm_user": population.crm_user,
                "max_intensity": top,
                "broad_dimensions": broad,
                "bumped": level > top,
                "level": level,
            }
        )
    columns = ["population", "headcount", "crm_user", "max_intensity", "broad_dimensions", "bumped", "level"]
    return pd.DataFrame(rows, columns=columns).set_index("population")


def dimension_totals(engagement: Engagement, method: Method) -> pd.DataFrame:
    """What the heat map means in people, per dimension (catalogue order).

    Columns: people_impacted (intensity ≥ 1), people_strongly_impacted
    (intensity ≥ `strong_intensity` of `dimensions.yaml`), share_strongly_impacted
    (of all mapped people, 0–1), populations_strongly_impacted, and
    weighted_mean_intensity (headcount-weighted mean over all populations).
    """
    strong = method.dimensions.overall_level.strong_intensity
    matrix = impact_matrix(engagement, method)
    headcount = matrix["headcount"]
    total = int(headcount.sum())
    rows = []
    for code in method.dimensions.codes:
        intensity = matrix[code]
        people_strong = int(headcount[intensity >= strong].sum())
        rows.append(
            {
                "dimension": code,
                "people_impacted": int(headcount[intensity >= 1].sum()),
                "people_strongly_impacted": people_strong,
                "share_strongly_impacted": people_strong / total if total else 0.0,
                "populations_strongly_impacted": int((intensity >= strong).sum()),
                "weighted_mean_intensity": float((intensity * headcount).sum() / total) if total else 0.0,
            }
        )
    return pd.DataFrame(rows).set_index("dimension")
