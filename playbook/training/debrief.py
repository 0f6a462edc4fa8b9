"""The trainer's debrief in a notebook: the engine's own brakes and risks of a
case, each with the inputs that caused it (only the trainer's copy calls it)."""

from __future__ import annotations

from ..analysis.engine import analyse
from ..method import load_method
from ..render.deliverables import impact_diagnosis
from .check import reference
from .html import Shown, show


def engine_tables(case: str, lang: str = "en") -> Shown:
    """The impact diagnosis' brake and risk tables for the case, in `lang`."""
    method = load_method()
    analysis = analyse(reference(case, lang, method).engagement, method, lang)
    return show([impact_diagnosis.brake_table(analysis), impact_diagnosis.risk_table(analysis)],
                lang)
