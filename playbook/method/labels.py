"""Bilingual labels: `labels.yaml` (deliverable text) and `vocabulary.yaml`
(labels of the intake's enumerated codes).

Both files are nested mappings whose leaves are `{fr: ..., en: ...}`; a key is
the dotted path to a leaf (`framing_note.title`, `buy_in.resistant`). Every leaf
must exist in both languages: a French deck with one English heading is a defect.
"""

from __future__ import annotations

import string
from typing import Any

from pydantic import PrivateAttr, RootModel, model_validator

from ..errors import MethodError
from ..text.grammar import fill, unfold_forms

LANGUAGES = ("fr", "en")


class Catalogue(RootModel[dict[str, Any]]):
    _flat: dict[str, dict[str, str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _flatten(self) -> Catalogue:
        flat: dict[str, dict[str, str]] = {}
        _walk(self.root, (), flat)
        self._flat = flat
        return self

    def has(self, key: str) -> bool:
        return key in self._flat

    def keys(self) -> list[str]:
        return list(self._flat)

    def get(self, key: str, lang: str, **values: Any) -> str:
        try:
            text = self._flat[key][lang]
        except KeyError as exc:
            raise MethodError(f"no {lang!r} label for {key!r}") from exc
        return fill(text, lang, **values) if values else text


def _walk(node: Any, path: tuple[str, ...], flat: dict[str, dict[str, str]]) -> None:
    if isinstance(node, dict) and set(node) == set(LANGUAGES):
        for lang in LANGUAGES:
            if not isinstance(node[lang], str) or not node[lang].strip():
                raise ValueError(f"{'.'.join(path)}: empty {lang!r} label")
        flat[".".join(path)] = node
        return
    if isinstance(node, dict):
        if any(lang in node for lang in LANGUAGES):
            raise ValueError(f"{'.'.join(path)}: a label needs both 'fr' and 'en', no other key")
        for key, child in node.items():
            _walk(child, (*path, str(key)), flat)
        return
    raise ValueError(f"{'.'.join(path) or '(top)'}: expected a mapping or a {{fr, en}} label")


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a label (ValueError for a brace left open)."""
    return {field for _, field, _, _ in string.Formatter().parse(unfold_forms(text))
            if field is not None}


def placeholder_problems(adapted: Catalogue, bundled: Catalogue) -> list[str]:
    """Labels of an adapted method whose fields the playbook never fills.

    A label is filled with the values its bundled version names, nothing else:
    an unknown `{field}` (or a brace left open) would fail while writing a
    client's deliverable, so it is refused when the method is loaded.
    """
    problems = []
    for key in adapted.keys():
        known = set()
        if bundled.has(key):
            for lang in LANGUAGES:
                known |= placeholders(bundled._flat[key][lang])
        for lang in LANGUAGES:
            text = adapted._flat[key][lang]
            try:
                unknown = sorted(placeholders(text) - known)
            except ValueError:
                problems.append(f"{key} ({lang}): a brace {{ or }} is left open; write {{{{ or }}}} "
                                "for a brace shown as such")
                continue
            if unknown:
                allowed = ", ".join(f"{{{name}}}" for name in sorted(known)) or "none"
                problems.append(f"{key} ({lang}): unknown placeholder "
                                f"{', '.join(f'{{{name}}}' for name in unknown)}; "
                                f"this label may use: {allowed}")
    return problems
