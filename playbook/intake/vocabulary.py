"""French and English labels of the enumerated codes, for the workbook and the guide.

The labels are method data (`playbook/method/data/vocabulary.yaml`) so that a
firm rewords them without touching code; the intake only shows them beside the
codes, it never reads labels back (cells hold codes).
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from ..method.labels import Catalogue
from ..method.loader import DEFAULT_DIR


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    with (DEFAULT_DIR / "vocabulary.yaml").open(encoding="utf-8") as handle:
        return Catalogue.model_validate(yaml.safe_load(handle))


def label(vocabulary: str, code: str, lang: str) -> str:
    """`label('buy_in', 'resistant', 'fr')` -> 'Résistant'."""
    return _catalogue().get(f"{vocabulary}.{code}", lang)
