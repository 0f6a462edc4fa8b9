"""The success-criteria catalogue (`criteria.yaml`): the first six of seed 001.

Each criterion carries its early-warning signals (what a consultant sees when it
is slipping) and the advice the method gives when it is not met, so the steering
scorecard can say what to do, not only what is red.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from ..model.enums import Criterion
from .levers import Bilingual, Strict


class CriterionInfo(Strict):
    code: Criterion
    label: Bilingual
    description: Bilingual
    early_warnings: list[Bilingual] = Field(min_length=1)
    when_not_met: Bilingual
    seeds: list[str] = Field(min_length=1)


class Catalogue(Strict):
    source: Bilingual
    criteria: list[CriterionInfo]
    texts: dict[str, Bilingual]

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        codes = [c.code for c in self.criteria]
        missing = [c.value for c in Criterion if c not in codes]
        twice = sorted({c.value for c in codes if codes.count(c) > 1})
        problems = []
        if missing:
            problems.append(f"criteria missing: {', '.join(missing)}")
        if twice:
            problems.append(f"criteria listed twice: {', '.join(twice)}")
        for key in ("not_assessed", "not_assessed_status", "unknown", "not_met", "partly"):
            if key not in self.texts:
                problems.append(f"texts: {key!r} missing")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def criterion(self, code: Criterion | str) -> CriterionInfo:
        code = Criterion(getattr(code, "value", code))
        return next(c for c in self.criteria if c.code == code)
