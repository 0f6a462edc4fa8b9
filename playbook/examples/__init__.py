"""Fictional example engagements, shipped with the package.

They serve three purposes: a consultant opens one to see what a complete
intake looks like, the notebooks run on them to show every deliverable, and the
method's acceptance tests rely on the facts they contain (a back-office that
inherits tasks, a call centre evaluated on speed, a territory whose management
opposes the project...). Each file has the shape of
`Engagement.model_dump(mode="json")`, every field written out.

- `mutuelle_horizon`: a French mutual insurer, national roll-out over four
  territories in three lots (language `fr`).
- `northwind_b2b`: an industrial B2B distributor across three European
  regions, in two lots (language `en`).
"""

from __future__ import annotations

from pathlib import Path

from playbook import safe_yaml
from playbook.errors import PlaybookError
from playbook.model import Engagement

EXAMPLES_DIR = Path(__file__).resolve().parent


def example_names() -> list[str]:
    """Names of the shipped examples (file stems), sorted."""
    return sorted(path.stem for path in EXAMPLES_DIR.glob("*.yaml"))


def example_path(name: str) -> Path:
    """Path of the example called `name`, with or without its `.yaml` suffix.

    An unknown name is a `PlaybookError` listing the available ones, so a
    mistyped name on the command line gets an answer rather than a traceback.
    """
    stem = name.removesuffix(".yaml")
    path = EXAMPLES_DIR / f"{stem}.yaml"
    if stem != Path(stem).name or not path.is_file():
        available = ", ".join(example_names())
        raise PlaybookError(f"unknown example {name!r}; available: {available}")
    return path


def load_example(name: str) -> Engagement:
    """The example called `name`, validated as an `Engagement`.

    The examples are trusted package data, so this reads them directly; user
    files go through `playbook.intake`, which reports every problem with its place.
    """
    return Engagement.model_validate(safe_yaml.load_file(example_path(name)))
