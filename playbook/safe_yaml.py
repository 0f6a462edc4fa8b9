"""The one YAML loader of the playbook: safe, bounded, strict about keys.

Every YAML file the playbook reads goes through `load` (or `load_file`):
method catalogues, exercise cases, trainees' answers, its own data. A file is
composed into nodes first and checked before anything is constructed, so
that a document written to hurt (a "billion laughs" of aliases, a recursive
alias, a link to /dev/zero) is refused in a fraction of a second instead of
exhausting memory, and two values for one key never silently replace each
other. The engagement reader (`intake.yaml_reader`) applies the same limits
with located, translated messages of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .files import read_regular

# However repeated through aliases, no file of the playbook holds more values than this.
MAX_EXPANDED_NODES = 100_000
# The largest YAML file read (the engagement reader has its own, per format).
MAX_BYTES = 16 << 20

_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_ORG = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(
    _YAML_ORG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)


class YamlRefused(ValueError):
    """A YAML file that is not read: why, and the line (1-based) when known."""

    def __init__(self, reason: str, line: int | None = None):
        self.reason, self.line = reason, line
        super().__init__(f"line {line}: {reason}" if line else reason)


def load(text: str | bytes, max_nodes: int = MAX_EXPANDED_NODES) -> Any:
    """The data of one YAML document; `YamlRefused` for a syntax error, an
    alias expansion beyond `max_nodes` values, a recursive alias, a duplicate
    key or a tag other than the plain ones (no bytes, sets or Python objects)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise YamlRefused("not UTF-8 text") from None
    loader = _SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            raise YamlRefused(f"not valid YAML: {problem}",
                              mark.line + 1 if mark is not None else None) from None
        if node is None:
            return None
        _Walk(max_nodes).size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_file(path: str | Path, max_bytes: int = MAX_BYTES,
              max_nodes: int = MAX_EXPANDED_NODES) -> Any:
    """`load` of a regular file of at most `max_bytes` (OSError otherwise)."""
    return load(read_regular(path, max_bytes), max_nodes)


class _Walk:
    """Values each node expands to, aliases counted each time they are used."""

    def __init__(self, limit: int):
        self.limit = limit
        self.sizes: dict[int, int] = {}
        self.expanding: set[int] = set()

    def size(self, node: yaml.Node) -> int:
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        if key in self.expanding:
            raise YamlRefused("an alias refers to the value that contains it",
                              node.start_mark.line + 1)
        if node.tag not in PLAIN_TAGS:
            raise YamlRefused(f"values tagged {_shown_tag(node.tag)} are not accepted",
                              node.start_mark.line + 1)
        self.expanding.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if name is not None and key_node.tag != _YAML_ORG + "merge":
                    if name in first:
                        raise YamlRefused(f"key {name!r} appears twice in the same mapping "
                                          f"(first at line {first[name]})",
                                          key_node.start_mark.line + 1)
                    first[name] = key_node.start_mark.line + 1
                total += self._within(self.size(value_node), total, node)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += self._within(self.size(item), total, node)
        self.expanding.discard(key)
        self.sizes[key] = total
        return total

    def _within(self, added: int, total: int, node: yaml.Node) -> int:
        if total + added > self.limit:
            raise YamlRefused(f"repeated references (YAML aliases) expand to more than "
                              f"{self.limit} values here", node.start_mark.line + 1)
        return added


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_ORG):] if tag.startswith(_YAML_ORG) else tag
