"""The consultant's edits carried forward into the newly rendered deliverables.

At commit (the one place every run moves its files into a client folder), each
newly rendered `.docx` and `.pptx` is given its stable identities (see `word`
and `deck`), and a copy of it as generated is kept as the base for the next run
(`history/.generated/<name>`). When the file it replaces differs from the base
the previous run kept, the consultant edited it (or edits were carried into it
before): their edits are carried into the new file (`word.carry`,
`deck.carry`), and what was carried, what conflicts and which generated
passages changed go to `manifest.json`, the console and a review page beside
the outputs (`<deliverable>.edits.html`).

A file that cannot be carried (damaged, or saved in a form the readers refuse)
is left as generated; the edited version is still kept under `history/` by the
guard (run.edits), so nothing is lost.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .. import manifest as manifest_module

if TYPE_CHECKING:
    from .word import Item, Outcome, Say

GENERATED_DIR = "history/.generated"
REVIEW_SUFFIX = ".edits.html"
EDITABLE = (".docx", ".pptx")


@dataclass
class FileReview:
    """What carrying the edits of one file did."""

    file: str
    carried: list[Item] = field(default_factory=list)
    conflicts: list[Item] = field(default_factory=list)
    changed: list[Item] = field(default_factory=list)
    error: str = ""

    def counts(self) -> dict[str, int]:
        return {"carried": len(self.carried), "conflicts": len(self.conflicts),
                "changed": len(self.changed)}


class _Format(Protocol):
    """What `word` and `deck` each provide for their files."""

    def stamp(self, path: Path) -> None: ...

    def carry(self, base_path: Path, edited_path: Path, new_path: Path, say: Say) -> Outcome: ...


def _say(lang: str) -> Say:
    from ...text import render

    def say(code: str, **values: object) -> str:
        return render(f"edits.{code}", lang, **values)

    return say


def identified_as_written() -> AbstractContextManager[None]:
    """Within the block, every report and deck written gets its identities before
    it is saved (`word.stamp_document`, `deck.stamp_presentation`): what `prepare`
    then finds identified is not opened and saved again. Notebooks run in this
    process (the warm engine) write that way; a kernel's are identified at commit."""
    from ...render.finish import before_save
    from . import deck, word

    return before_save({"docx": word.stamp_document, "pptx": deck.stamp_presentation})


def prepare(folder: Path, staging: Path, names: list[str], manifest: manifest_module.Manifest
            ) -> tuple[list[str], list[FileReview]]:
    """Identify the staged files, carry the edits of the files they replace, stage
    the new bases and review pages; the extra names staged, and the reviews."""
    from . import deck, word

    say = _say(manifest.language)
    extra: list[str] = []
    reviews: list[FileReview] = []
    for name in names:
        suffix = Path(name).suffix.lower()
        if "/" in name or suffix not in EDITABLE:
            continue
        module: _Format = word if suffix == ".docx" else deck
        staged = staging / name
        try:
            module.stamp(staged)
        except Exception:  # noqa: BLE001 - not a file the readers take: left as it is
            continue
        base_name = f"{GENERATED_DIR}/{name}"
        (staging / base_name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staged, staging / base_name)
        extra.append(base_name)
        review = _carry(module, folder / base_name, folder / name, staged, say, name)
        if review is not None:
            reviews.append(review)
    _update_digests(manifest, staging)
    for deliverable, record in manifest.deliverables.items():
        mine = [r for r in reviews if r.file in record.files]
        if mine:
            record.carried = [_summary(r) for r in mine]
            page = f"{deliverable}{REVIEW_SUFFIX}"
            from .review import review_page

            (staging / page).write_text(
                review_page(manifest.client, deliverable, mine, manifest.language), encoding="utf-8")
            extra.append(page)
    return extra, reviews


def _carry(module: _Format, base: Path, previous: Path, staged: Path, say: Say, name: str
           ) -> FileReview | None:
    """Carry `previous`'s edits into `staged` when it differs from its base."""
    from .word import NoIdentities

    if not base.is_file() or not previous.is_file():
        return None
    if manifest_module.sha256(base) == manifest_module.sha256(previous):
        return None  # the file as generated: nothing to carry
    generated = staged.with_name(f".generated-{staged.name}")
    shutil.copyfile(staged, generated)
    try:
        outcome = module.carry(base, previous, staged, say)
    except NoIdentities:  # e.g. written by a notebook run by hand: nothing to match
        shutil.copyfile(generated, staged)
        return FileReview(name, error=say("no_identities"))
    except Exception as error:  # noqa: BLE001 - the edited file is kept by the guard anyway
        shutil.copyfile(generated, staged)
        return FileReview(name, error=f"{type(error).__name__}: {error}")
    finally:
        generated.unlink(missing_ok=True)
    return FileReview(name, outcome.carried, outcome.conflicts, outcome.changed)


def _update_digests(manifest: manifest_module.Manifest, staging: Path) -> None:
    for record in manifest.deliverables.values():
        for name in record.files:
            if Path(name).suffix.lower() in EDITABLE and (staging / name).is_file():
                record.files[name] = manifest_module.sha256(staging / name)


def _summary(review: FileReview) -> dict[str, Any]:
    return {"file": review.file, **review.counts(), "conflicts_list": review.conflicts,
            "error": review.error}


def stale_reviews(folder: Path, manifest: manifest_module.Manifest, produced: Iterable[str]
                  ) -> list[Path]:
    """Review pages of deliverables rendered now with nothing to carry: obsolete."""
    return [
        folder / f"{name}{REVIEW_SUFFIX}"
        for name in produced
        if not getattr(manifest.deliverables.get(name), "carried", None)
    ]
