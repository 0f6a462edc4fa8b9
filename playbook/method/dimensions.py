"""Catalogue of the dimensions of change, the 0–3 intensity scale, the rule that
turns a population's six intensities into one overall impact level, and the
impact × buy-in segments (seed 004: job, tool, culture; practice adds the rest).

This module also defines the two small types every catalogue of the impact
diagnosis shares: `Bilingual` (a text in French and English) and `SeedRef` (the
seed text an item comes from), so that a firm adapting the method cannot leave a
French deliverable with an English sentence in it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..model.enums import BuyIn, Dimension
from ..text import check_lang

SeedRef = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]
"""Number of a seed text of the method ("000" … "004")."""

INTENSITIES = (0, 1, 2, 3)


class Strict(BaseModel):
    """Base of the catalogue models: a misspelt key is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    """One text in both languages of the deliverables; neither may be blank."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @model_validator(mode="after")
    def _not_blank(self) -> Bilingual:
        if not self.fr.strip() or not self.en.strip():
            raise ValueError("both 'fr' and 'en' must be non-blank")
        return self

    def in_(self, lang: str, **values: object) -> str:
        """The text in `lang` ("fr" or "en"), its placeholders filled with `values`."""
        text: str = getattr(self, check_lang(lang))
        return text.format(**values) if values else text


class DimensionEntry(Strict):
    code: Dimension
    label: Bilingual
    definition: Bilingual
    example: Bilingual
    seeds: list[SeedRef] = Field(min_length=1)


class ScaleLevel(Strict):
    intensity: int = Field(ge=0, le=3)
    label: Bilingual
    description: Bilingual


class Bump(Strict):
    """Raise the level when change is broad: many dimensions at a high intensity."""

    min_intensity: int = Field(ge=1, le=3)
    min_dimensions: int = Field(ge=2, le=len(Dimension))
    by: int = Field(ge=1, le=3)


class OverallLevelRule(Strict):
    """Overall level = highest intensity, bumped when the change is broad, capped at 3.

    Monotone by construction: raising any intensity never lowers the result.
    """

    description: Bilingual
    bump: Bump
    strong_intensity: int = Field(
        ge=1, le=3, description="Intensity from which people count as strongly impacted."
    )

    def level(self, intensities: list[int]) -> int:
        top = max(intensities, default=0)
        broad = sum(1 for value in intensities if value >= self.bump.min_intensity)
        if broad >= self.bump.min_dimensions:
            top += self.bump.by
        return min(top, max(INTENSITIES))


class BuyInScore(Strict):
    buy_in: BuyIn
    score: int = Field(ge=-2, le=2)


class Segment(Strict):
    """One cell group of the impact × buy-in map; the first segment that matches wins."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    description: Bilingual
    buy_in: list[BuyIn] = Field(min_length=1)
    min_level: int = Field(default=0, ge=0, le=3)
    max_level: int = Field(default=3, ge=0, le=3)
    # What the deliverables do with this segment's populations, whatever its code:
    # "allies" are named as ambassadors, "priority" ones are to be convinced first.
    role: Literal["allies", "priority"] | None = None

    def matches(self, level: int, buy_in: BuyIn) -> bool:
        return buy_in in self.buy_in and self.min_level <= level <= self.max_level


CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")


class MapQuadrants(Strict):
    """The names of the impact × buy-in map's quadrants: what to do with the populations
    in each, so no two quadrants say the same thing."""

    top_left: Bilingual
    top_right: Bilingual
    bottom_left: Bilingual
    bottom_right: Bilingual

    @model_validator(mode="after")
    def _distinct(self) -> MapQuadrants:
        for lang in ("fr", "en"):
            names = [getattr(self, corner).in_(lang).strip().casefold() for corner in CORNERS]
            if len(set(names)) != len(names):
                raise ValueError(f"the four quadrant names must differ ({lang}): {names}")
        return self


class Segmentation(Strict):
    description: Bilingual
    quadrants: MapQuadrants
    buy_in_scores: list[BuyInScore]
    segments: list[Segment] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Segmentation:
        scored = [s.buy_in for s in self.buy_in_scores]
        if sorted(scored) != sorted(BuyIn):
            raise ValueError(f"buy_in_scores must score each buy-in exactly once: {BuyIn.codes()}")
        codes = [s.code for s in self.segments]
        if len(set(codes)) != len(codes):
            raise ValueError("segment codes must be unique")
        roles = [s.role for s in self.segments if s.role]
        if sorted(roles) != sorted(set(roles)):
            raise ValueError("a role (allies, priority) may be given to one segment only")
        # Every population must land in a segment, whatever its level and buy-in.
        gaps = [
            f"level {level} / {buy_in.value}"
            for level in INTENSITIES
            for buy_in in BuyIn
            if not any(s.matches(level, buy_in) for s in self.segments)
        ]
        if gaps:
            raise ValueError("no segment covers: " + ", ".join(gaps))
        return self

    def score(self, buy_in: BuyIn) -> int:
        return next(s.score for s in self.buy_in_scores if s.buy_in == buy_in)

    def segment_for(self, level: int, buy_in: BuyIn) -> Segment:
        return next(s for s in self.segments if s.matches(level, buy_in))

    def with_role(self, role: Literal["allies", "priority"]) -> list[str]:
        """Codes of the segments playing `role` (none, or one)."""
        return [s.code for s in self.segments if s.role == role]

    def segment(self, code: str) -> Segment:
        for segment in self.segments:
            if segment.code == code:
                return segment
        raise KeyError(code)


class Catalogue(Strict):
    """`dimensions.yaml`."""

    dimensions: list[DimensionEntry]
    scale: list[ScaleLevel]
    overall_level: OverallLevelRule
    segmentation: Segmentation

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        codes = [d.code for d in self.dimensions]
        if sorted(codes) != sorted(Dimension) or len(codes) != len(Dimension):
            raise ValueError(f"dimensions must list each dimension exactly once: {Dimension.codes()}")
        if [s.intensity for s in self.scale] != list(INTENSITIES):
            raise ValueError("scale must describe intensities 0, 1, 2, 3 in that order")
        return self

    @property
    def codes(self) -> list[str]:
        """Dimension codes in the catalogue's order (the order of matrix columns)."""
        return [d.code.value for d in self.dimensions]

    def dimension(self, code: str | Dimension) -> DimensionEntry:
        code = getattr(code, "value", code)
        for entry in self.dimensions:
            if entry.code.value == code:
                return entry
        raise KeyError(code)

    def intensity(self, value: int) -> ScaleLevel:
        return self.scale[value]
