"""The words the writers print themselves ("(suite)", "Page", "Confidentiel").

They live in the method's `labels.yaml` under `render.`, like every other
deliverable label, so a firm adapts them in one place. Writers accept any
object with `text(key, lang, **values)` (a loaded `Method` qualifies); by
default they read the bundled `labels.yaml`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Protocol

from .. import safe_yaml
from ..errors import MethodError
from ..method.labels import Catalogue
from ..method.loader import DEFAULT_DIR

BUNDLED = DEFAULT_DIR / "labels.yaml"


class Labels(Protocol):
    def text(self, key: str, lang: str, **values: Any) -> str: ...


class CatalogueLabels:
    """`Labels` over one labels.yaml file."""

    def __init__(self, catalogue: Catalogue):
        self._catalogue = catalogue

    def text(self, key: str, lang: str, **values: Any) -> str:
        return self._catalogue.get(key, lang, **values)


@lru_cache(maxsize=1)
def default_labels() -> CatalogueLabels:
    try:
        data = safe_yaml.load_file(BUNDLED) or {}
        return CatalogueLabels(Catalogue.model_validate(data))
    except (OSError, ValueError) as exc:
        raise MethodError(f"{BUNDLED}: not usable ({exc})") from exc
