"""Read an engagement YAML file (the shape of `Engagement.model_dump(mode="json")`).

The document is composed once into nodes, which carry line numbers, then
constructed into plain data: every problem can cite `populations[3].headcount
(line 42)` at no extra cost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml
from pydantic import BaseModel

from ..model import Engagement, EngagementInfo, Governance, Person, TrainingConstraints
from ..safe_yaml import MAX_EXPANDED_NODES, PLAIN_TAGS
from ..text import render
from . import messages as msg
from .schema import Sheet
from .source import Cell, Entry, Source
from .values import coerce_code, is_empty
from .vocabulary import aliases
from .yaml_syntax import explain, guess_language

Loc = tuple[str | int, ...]

# libyaml's loader keeps line marks and is several times faster than the pure
# Python one; the latter remains when PyYAML was built without libyaml.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The only tags an engagement's values may carry. Any other (!!binary, !!set,
# !!omap, !!python/..., a local !tag) is refused, located, before anything is
# constructed: bytes or sets would reach the model as their Python spelling
# ("b'...'"), and other tags mean nothing to the intake.
_YAML_ORG = "tag:yaml.org,2002:"
_PLAIN_TAGS = PLAIN_TAGS  # the shared loader's: one rule for every YAML file


def _refused_tag(tag: str) -> str | None:
    """How to name `tag` in a message, when the engagement cannot hold its values."""
    if tag in _PLAIN_TAGS:
        return None
    return "!!" + tag[len(_YAML_ORG):] if tag.startswith(_YAML_ORG) else tag
# However repeated through aliases, an engagement holds far fewer values than
# the shared loader's bound; a "billion laughs" document is refused before it is
# ever expanded. This reader walks the nodes itself to locate every problem.


class _Loader(_SafeLoader):
    """The safe loader, with dates that are impossible read as the text typed.

    `2026-04-31` looks like a date to YAML, whose constructor then raises; as
    text it reaches the intake's date check, which reports it, located.
    """


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# Nested single records whose keys are checked against their model.
_RECORDS: dict[Loc, type[BaseModel]] = {
    (): Engagement,
    ("engagement",): EngagementInfo,
    ("governance",): Governance,
    ("governance", "sponsor"): Person,
    ("governance", "project_manager"): Person,
    ("training",): TrainingConstraints,
}


def _control(exc: yaml.reader.ReaderError) -> str:
    # One wording whichever loader found it (PyYAML says "special characters").
    return f"control characters are not allowed (U+{exc.character:04X})"


class _Recursive(Exception):
    def __init__(self, loc: Loc, node: yaml.Node):
        super().__init__()
        self.loc, self.node = loc, node


class YamlSource(Source):
    def __init__(self, path: Path, lang: str = "en", lang_forced: bool = True):
        super().__init__(file=str(path), lang=lang, container="key")
        self.node: yaml.Node | None = None
        self.data: dict[str, Any] = {}
        raw = path.read_bytes()
        where = msg.text("the_file", lang)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._fatal(where, msg.text("not_utf8", lang))
        if not text.strip():
            self._fatal(where, msg.text("empty_file", lang))
        try:
            loader = _Loader(text)  # refuses control characters (at once, or when parsing)
            try:
                self.node = loader.get_single_node()
                if self.node is not None:
                    self._check_nodes(self.node)
                data = loader.construct_document(self.node) if self.node is not None else None
            finally:
                loader.dispose()
        except yaml.reader.ReaderError as exc:
            self._fatal(
                render("yaml.where", lang, line=text.count("\n", 0, exc.position) + 1,
                       column=exc.position - text.rfind("\n", 0, exc.position)),
                msg.text("yaml_syntax", lang, detail=_control(exc)),
            )
        except yaml.YAMLError as exc:
            # The file's own `language:` is the best guess of who reads this.
            if not lang_forced:
                self.lang = guess_language(text) or lang
            where, message, shown = explain(exc, text, self.lang)
            self.problem(where, message, shown or None)
            raise msg.LocalizedIntakeError(self.file, self.problems, lang=self.lang) from None
        if data is None:
            self._fatal(where, msg.text("empty_file", lang))
        if not isinstance(data, dict):
            self._fatal(render("yaml.where", lang, line=1, column=1),
                        msg.text("yaml_not_mapping", lang))
        self.data = data

    def _check_nodes(self, root: yaml.Node) -> None:
        """Duplicate keys, refused tags and alias bombs, all reported before construction."""
        walk = _NodeWalk(self)
        try:
            if isinstance(root, yaml.MappingNode):
                # Checked key by key, so an alias bomb is located at its top-level key.
                for key_node, value_node in root.value:
                    loc: Loc = (key_node.value,)
                    if walk.size(value_node, loc) <= MAX_EXPANDED_NODES:
                        continue
                    self.problem(
                        self._at(*walk.expansion_at(loc, value_node)),
                        msg.text("yaml_too_many_aliases", self.lang, limit=MAX_EXPANDED_NODES),
                    )
                    break
                walk.size(root, ())
            elif walk.size(root, ()) > MAX_EXPANDED_NODES:
                self.problem(self._at((), root),
                             msg.text("yaml_too_many_aliases", self.lang, limit=MAX_EXPANDED_NODES))
        except _Recursive as loop:
            self.problem(self._at(loop.loc, loop.node), msg.text("yaml_recursive", self.lang))
        if self.problems:
            raise msg.LocalizedIntakeError(self.file, self.problems, lang=self.lang)

    def _at(self, loc: Loc, node: yaml.Node) -> str:
        return msg.yaml_where(self.lang, loc, node.start_mark.line + 1)

    def _fatal(self, where: str, message: str) -> NoReturn:
        self.problem(where, message)
        raise msg.LocalizedIntakeError(self.file, self.problems, lang=self.lang)

    # -- locations ----------------------------------------------------------------

    def line(self, loc: Loc) -> int | None:
        """Line of the deepest node of `loc` present in the file (1-based)."""
        node, line = self.node, None
        for part in loc:
            if node is None:
                break
            line = node.start_mark.line + 1
            if isinstance(node, yaml.MappingNode):
                key, node = next(((k, v) for k, v in node.value if k.value == part), (None, None))
                if key is not None and node is not None and node.start_mark.line < key.start_mark.line:
                    # An alias: its node is the anchor's, met earlier; cite the key using it.
                    node = yaml.ScalarNode(node.tag, "", key.start_mark, key.end_mark)
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and part < len(node.value)
            ):
                node = node.value[part]
            else:
                node = None
        if node is not None:
            line = node.start_mark.line + 1
        return line

    def where(self, loc: Loc) -> str:
        return msg.yaml_where(self.lang, loc, self.line(loc))

    def sheet_where(self, sheet: Sheet) -> str:
        return self.where(sheet.path or (sheet.name,))

    def language_hint(self) -> str | None:
        info = self.data.get("engagement")
        value = info.get("language") if isinstance(info, dict) else None
        if is_empty(value):
            return None
        try:
            return coerce_code(value, ["fr", "en"], aliases("language", ("fr", "en")))
        except ValueError:
            return None

    # -- data -------------------------------------------------------------------------

    def _get(self, loc: Loc) -> Any:
        value: Any = self.data
        for part in loc:
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def _unknown_keys(self, loc: Loc, mapping: dict[str, Any], known: list[str]) -> None:
        for key, split in _split_values(mapping, known).items():
            if split is not None:  # "role: Director, Kestrel": the comma ended the value
                field, value = split
                self.problem(self.where((*loc, key)),
                             msg.text("yaml_comma_split", self.lang, column=str(key), field=field,
                                      value=value), severity="warning")
            elif key not in known:
                self.problem(
                    self.where((*loc, key)),
                    msg.text("unknown_key", self.lang, column=str(key)),
                    severity="warning",
                )

    def check_records(self) -> None:
        """Unknown keys and non-mappings among the single records."""
        for loc, model in _RECORDS.items():
            value = self._get(loc)
            if value is None:
                continue
            if not isinstance(value, dict):
                self.problem(self.where(loc), msg.text("yaml_not_mapping", self.lang), value)
                continue
            self._unknown_keys(loc, value, list(model.model_fields))

    def entries(self, sheet: Sheet) -> list[Entry] | None:
        if sheet.shape == "record":
            return [self._record(sheet)]
        items = self._get(sheet.path)
        if items is None:
            return []
        if not isinstance(items, list):
            self.problem(self.where(sheet.path), msg.text("yaml_not_list", self.lang), items)
            return []
        entries: list[Entry] = []
        for i, item in enumerate(items):
            loc: Loc = (*sheet.path, i)
            if not isinstance(item, dict):
                if not is_empty(item):
                    self.problem(self.where(loc), msg.text("yaml_not_mapping", self.lang), item)
                continue
            self._unknown_keys(loc, item, sheet.column_names)
            cells = {name: Cell(item[name]) for name in sheet.column_names if name in item}
            entries.append(Entry(cells, msg.yaml_where(self.lang, loc, None), self._locator(loc)))
        return entries

    def _locator(self, loc: Loc) -> Callable[[str | None, int | None], str]:
        def locate(column: str | None, item: int | None) -> str:
            full = loc if column is None else (*loc, column)
            return self.where(full if item is None else (*full, item))

        return locate

    def _record(self, sheet: Sheet) -> Entry:
        cells: dict[str, Cell] = {}
        paths = {column.name: column.path for column in sheet.columns}
        for column in sheet.columns:
            parent = self._get(column.path[:-1])
            if isinstance(parent, dict) and column.path[-1] in parent:
                cells[column.name] = Cell(parent[column.path[-1]])

        def locate(column: str | None, item: int | None) -> str:
            loc: Loc = paths[column] if column else (sheet.name,)
            return self.where(loc if item is None else (*loc, item))

        return Entry(cells, self.sheet_where(sheet), locate)


class _NodeWalk:
    """One pass over a YAML node tree: the values each node expands to (aliases
    counted each time they are used), with refused tags and duplicate keys
    reported to `reader` as they are met."""

    def __init__(self, reader: Any):
        self.reader = reader
        self.sizes: dict[int, int] = {}
        self.expanding: set[int] = set()

    def size(self, node: yaml.Node, loc: Loc) -> int:
        """Values `node` expands to, checking it once."""
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        if key in self.expanding:
            raise _Recursive(loc, node)
        self.expanding.add(key)
        refused = _refused_tag(node.tag)
        if refused is not None:
            self.reader.problem(
                self.reader._at(loc, node), msg.text("yaml_tag", self.reader.lang, tag=refused)
            )
        if isinstance(node, yaml.MappingNode):
            total = 1 + self._mapping(node, loc)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + self._sequence(node, loc)
        else:
            total = 1
        self.expanding.discard(key)
        self.sizes[key] = total
        return total

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> int:
        total = 0
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name is not None and name in first:
                self.reader.problem(
                    self.reader._at((*loc, name), key_node),
                    msg.text("yaml_duplicate_key", self.reader.lang, name=name, first=first[name]),
                )
            elif name is not None:
                first[name] = key_node.start_mark.line + 1
            total += self.size(value_node, (*loc, name if name is not None else "?"))
            if total + 1 > MAX_EXPANDED_NODES:
                break
        return total

    def _sequence(self, node: yaml.SequenceNode, loc: Loc) -> int:
        total = 0
        for index, item in enumerate(node.value):
            total += self.size(item, (*loc, index))
            if total + 1 > MAX_EXPANDED_NODES:
                break
        return total

    def expansion_at(self, loc: Loc, node: yaml.Node) -> tuple[Loc, yaml.Node]:
        """Down the keys from `node` to the field that holds the expansion."""
        while isinstance(node, yaml.MappingNode):
            inner = next(
                ((k, v) for k, v in node.value if self.sizes.get(id(v), 0) > MAX_EXPANDED_NODES),
                None,
            )
            if inner is None:
                break
            loc, node = (*loc, inner[0].value), inner[1]
        return loc, node


def _split_values(mapping: dict[str, Any], known: list[str]) -> dict[str, tuple[str, str] | None]:
    """Each key of `mapping` mapped to (field, whole value) when it is a piece of the
    previous field's text that a comma split off in a flow mapping
    (`{role: Director, Kestrel Motors}` reads `Kestrel Motors` as a key without value),
    else None. The pieces of one value are reported once, at the first."""
    found: dict[str, tuple[str, str] | None] = {}
    field, pieces, first = None, [], None
    for key, value in mapping.items():
        found[key] = None
        if key in known:
            field, pieces, first = (key, [str(value)], None) if isinstance(value, str) else (None, [], None)
            continue
        if field is not None and value is None and isinstance(key, str):
            pieces.append(key)
            first = first or key
            found[first] = (field, ", ".join(pieces))
            if key != first:
                found.pop(key)
        else:
            field = None
    return found

