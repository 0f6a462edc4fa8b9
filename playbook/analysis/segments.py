"""The impact × buy-in map (seeds 002, 004): whom to lean on, whom to convince
first, whom to support, inform or watch. The segments and their order are data
(`dimensions.yaml`, `segmentation`); the first segment that matches wins.
"""

from __future__ import annotations

import pandas as pd

from ..method import Method
from ..model import Engagement
from .impacts import impact_levels


def segments(engagement: Engagement, method: Method, lang: str | None = None) -> pd.DataFrame:
    """One row per population: headcount, impact_level, buy_in (code), buy_in_score
    (−2 resistant … +2 enthusiastic), segment (code) and segment_label in `lang`.
    """
    lang = lang or engagement.language
    segmentation = method.dimensions.segmentation
    levels = impact_levels(engagement, method)
    rows = []
    for population in engagement.populations:
        level = int(levels.at[population.name, "level"])
        segment = segmentation.segment_for(level, population.buy_in)
        rows.append(
            {
                "population": population.name,
                "headcount": population.headcount,
                "impact_level": level,
                "buy_in": population.buy_in.value,
                "buy_in_score": segmentation.score(population.buy_in),
                "segment": segment.code,
                "segment_label": segment.label.in_(lang),
            }
        )
    columns = ["population", "headcount", "impact_level", "buy_in", "buy_in_score", "segment", "segment_label"]
    return pd.DataFrame(rows, columns=columns).set_index("population")


def populations_by_segment(frame: pd.DataFrame, method: Method) -> dict[str, list[str]]:
    """Segment code → population names, every segment of the catalogue in its order."""
    return {
        segment.code: [name for name, code in frame["segment"].items() if code == segment.code]
        for segment in method.dimensions.segmentation.segments
    }
