"""Load the method's catalogues from a folder of YAML files.

The method is data: a firm adapts the catalogues by copying `data/` and pointing
the playbook at the copy (`--method DIR`). Every file is validated by the
pydantic model of its own module (`playbook.method.<name>.Catalogue`), so a typo
in an adapted catalogue is reported with its file and key path, not discovered
half-way through a deck.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .. import safe_yaml
from ..errors import MethodError
from ..safe_yaml import YamlRefused
from . import (
    brakes,
    copil,
    criteria,
    delivery,
    dimensions,
    kpis,
    labels,
    levers,
    raci,
    steps,
    training,
    workshops,
)

DEFAULT_DIR = Path(__file__).parent / "data"

# The C loader reads the catalogues ~10x faster; same safety as safe_load.

# file stem -> the pydantic model validating it
CATALOGUES: dict[str, type[BaseModel]] = {
    "dimensions": dimensions.Catalogue,
    "brakes": brakes.Catalogue,
    "levers": levers.Catalogue,
    "criteria": criteria.Catalogue,
    "workshops": workshops.Catalogue,
    "kpis": kpis.Catalogue,
    "copil": copil.Catalogue,
    "training": training.Catalogue,
    "steps": steps.Catalogue,
    "raci": raci.Catalogue,
    "vocabulary": labels.Catalogue,
    "labels": labels.Catalogue,
    "delivery": delivery.Catalogue,
}
# Catalogues a firm's adapted copy may lack (added after firms copied `data/`):
# the bundled file is read in its place.
OPTIONAL = ("delivery",)

_C = TypeVar("_C", bound=BaseModel)


@dataclass(frozen=True, eq=False, repr=False)
class Method:
    """All catalogues of one method folder, validated, plus a content hash.

    One typed attribute per catalogue, named after its file (`method.brakes`,
    `method.levers`, ...). `version` changes whenever any file changes, so a
    manifest can prove which method produced a deliverable.
    """

    root: Path
    version: str
    dimensions: dimensions.Catalogue
    brakes: brakes.Catalogue
    levers: levers.Catalogue
    criteria: criteria.Catalogue
    workshops: workshops.Catalogue
    kpis: kpis.Catalogue
    copil: copil.Catalogue
    training: training.Catalogue
    steps: steps.Catalogue
    raci: raci.Catalogue
    vocabulary: labels.Catalogue
    labels: labels.Catalogue
    delivery: delivery.Catalogue

    def catalogues(self) -> dict[str, BaseModel]:
        """Every catalogue by file stem, in the order of `CATALOGUES`."""
        return {
            "dimensions": self.dimensions, "brakes": self.brakes, "levers": self.levers,
            "criteria": self.criteria, "workshops": self.workshops, "kpis": self.kpis,
            "copil": self.copil, "training": self.training, "steps": self.steps, "raci": self.raci,
            "vocabulary": self.vocabulary, "labels": self.labels, "delivery": self.delivery,
        }

    def in_country(self, country: str) -> Method:
        """The method as an engagement of `country` reads it: the levers that name a
        country's own mechanism (its employee representatives' consultation or
        agreement) in that country's words. Same files, same version."""
        levers_ = self.levers.in_country(country) if country else self.levers
        return self if levers_ is self.levers else replace(self, levers=levers_)

    def text(self, key: str, lang: str, **values: Any) -> str:
        """A deliverable or vocabulary label in `lang`; fails loudly when missing."""
        for catalogue in (self.labels, self.vocabulary):
            if catalogue.has(key):
                return catalogue.get(key, lang, **values)
        raise MethodError(f"{self.root}: no label {key!r} in labels.yaml or vocabulary.yaml")

    def term(self, vocabulary: str, code: Any, lang: str) -> str:
        """Label of an enumerated code, e.g. term('buy_in', 'resistant', 'fr')."""
        code = getattr(code, "value", code)
        return self.text(f"{vocabulary}.{code}", lang)

    def __repr__(self) -> str:
        return f"Method(root={str(self.root)!r}, version={self.version!r})"


def load_method(directory: str | Path | None = None) -> Method:
    """Load and validate the method in `directory` (default: the bundled method)."""
    root = Path(directory) if directory else DEFAULT_DIR
    return _load(root.resolve())


@lru_cache(maxsize=8)
def _load(root: Path) -> Method:
    if not root.is_dir():
        raise MethodError(f"method folder not found: {root}")
    digest = hashlib.sha256()
    catalogues: dict[str, BaseModel] = {}
    problems: list[str] = []
    for name, model in CATALOGUES.items():
        path = root / f"{name}.yaml"
        source = root
        if not path.is_file() and name in OPTIONAL:
            source = DEFAULT_DIR
        elif not path.is_file():
            problems.append(f"{path}: missing")
            continue
        data, file_problems = _read(source, name, digest)
        if file_problems:
            problems.extend(file_problems)
            continue
        try:
            catalogues[name] = model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"]) or "(top)"
                problems.append(f"{path}: {where}: {error['msg']}")
    if not problems and root != DEFAULT_DIR.resolve():
        problems = _adapted_label_problems(root, catalogues)
    if problems:
        raise MethodError("the method data is not usable:\n  - " + "\n  - ".join(problems))

    def take(name: str, kind: type[_C]) -> _C:
        catalogue = catalogues[name]
        if not isinstance(catalogue, kind):  # CATALOGUES and Method disagree: a bug here
            raise TypeError(f"{name}: expected {kind.__name__}, got {type(catalogue).__name__}")
        return catalogue

    method = Method(
        root, digest.hexdigest()[:12],
        dimensions=take("dimensions", dimensions.Catalogue),
        brakes=take("brakes", brakes.Catalogue),
        levers=take("levers", levers.Catalogue),
        criteria=take("criteria", criteria.Catalogue),
        workshops=take("workshops", workshops.Catalogue),
        kpis=take("kpis", kpis.Catalogue),
        copil=take("copil", copil.Catalogue),
        training=take("training", training.Catalogue),
        steps=take("steps", steps.Catalogue),
        raci=take("raci", raci.Catalogue),
        vocabulary=take("vocabulary", labels.Catalogue),
        labels=take("labels", labels.Catalogue),
        delivery=take("delivery", delivery.Catalogue),
    )
    _cross_check(method)
    return method


def _adapted_label_problems(root: Path, catalogues: dict[str, BaseModel]) -> list[str]:
    """Placeholders of an adapted method's labels that the playbook never fills."""
    bundled = _load(DEFAULT_DIR.resolve())
    problems = []
    for name, reference in (("labels", bundled.labels), ("vocabulary", bundled.vocabulary)):
        adapted = catalogues[name]
        if isinstance(adapted, labels.Catalogue):
            problems += [f"{root / (name + '.yaml')}: {p}"
                         for p in labels.placeholder_problems(adapted, reference)]
    return problems


def _read(root: Path, name: str, digest: hashlib._Hash) -> tuple[Any, list[str]]:
    """Read `name.yaml`, merged with its parts `name.*.yaml` (one per deliverable
    for labels), so that large catalogues stay readable files."""
    paths = [root / f"{name}.yaml", *sorted(root.glob(f"{name}.*.yaml"))]
    merged: dict[str, Any] = {}
    problems: list[str] = []
    for path in paths:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        try:
            data = safe_yaml.load(raw) or {}
        except YamlRefused as exc:
            problems.append(f"{path}: not valid YAML ({exc})")
            continue
        if len(paths) == 1:
            return data, problems
        if not isinstance(data, dict):
            problems.append(f"{path}: expected a mapping at the top")
            continue
        for key, value in data.items():
            if key in merged:
                problems.append(f"{path}: top-level key {key!r} already defined in another {name} file")
            merged[key] = value
    return merged, problems


def _cross_check(method: Method) -> None:
    """Catalogues that refer to each other must agree (e.g. a brake's levers exist)."""
    problems: list[str] = []
    for name, catalogue in method.catalogues().items():
        check = getattr(catalogue, "cross_check", None)
        if check is not None:
            problems.extend(f"{method.root / (name + '.yaml')}: {p}" for p in check(method))
    if problems:
        raise MethodError("the method data is inconsistent:\n  - " + "\n  - ".join(problems))
