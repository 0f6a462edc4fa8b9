"""Typed results of the method engine.

Records are plain, frozen and language-resolved: reasons are sentences in the
deliverable's language, built from the templates of the method data, each
citing the inputs that caused the finding. Tables are pandas DataFrames.
Nothing here knows a file format.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class BrakeFinding:
    """A brake of the catalogue detected for one population."""

    population: str
    brake: str  # a `playbook.model.Brake` code
    severity: int  # 1 low, 2 medium, 3 high
    reasons: tuple[str, ...]
    observed: bool = False  # confirmed by an observed resistance


@dataclass(frozen=True)
class RiskAssessment:
    """Risk of rejection (rejet) or misuse (dévoiement) for one population."""

    population: str
    kind: str  # "rejection" | "misuse"
    level: int  # 0 none, 1 low, 2 medium, 3 high
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class MethodWarning:
    """Something the method says a consultant must look at before going on."""

    code: str  # stable id, e.g. "no_non_user_population"
    message: str
    subject: str = ""  # population / territory / lot concerned, or ""
    severity: str = "warning"  # "warning" | "info"


@dataclass(frozen=True)
class Diagnosis:
    """Impact diagnosis of one engagement (seed 004, step 2)."""

    matrix: pd.DataFrame  # index: population; columns: dimension codes; values 0..3
    levels: pd.DataFrame  # index: population; overall level and the figures behind it
    segments: pd.DataFrame  # index: population; impact level, buy-in score, segment code
    brakes: tuple[BrakeFinding, ...]
    risks: tuple[RiskAssessment, ...]
    warnings: tuple[MethodWarning, ...]
