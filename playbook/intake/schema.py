"""The intake workbook, described once, from the pydantic model.

Sheet and column names, types, required flags, bounds and allowed codes are read
from the model's fields; only the explanations come from `columns.py`. The
readers (xlsx and YAML), the template writer and the intake guide all walk this
description, so the four can never disagree.

Two shapes of sheet:

* a *table* (`populations`, `lots`...): one row per record, one column per field
  of the record's model;
* a *record* (`engagement`, `training`): one row per field, key in column A,
  value in column B; it may gather fields of several models (the `engagement`
  sheet holds the engagement info and the single records of the governance).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..model import (
    ActionRecord,
    Administrator,
    AdoptionKpi,
    Attendance,
    Blackout,
    CriterionAssessment,
    Engagement,
    EngagementInfo,
    Governance,
    Impact,
    JourneyStep,
    KeyUser,
    KpiReading,
    Lot,
    Objective,
    Persona,
    PlannedWorkshop,
    Population,
    PulseResult,
    Relation,
    Resistance,
    TeamMember,
    Territory,
    TrainingConstraints,
    UseCase,
)
from ..model.enums import Vocabulary
from ..model.types import normalise_name
from ..text import check_lang
from .columns import COLUMN_HELP, SHEET_HELP

Kind = Literal["name", "text", "names", "int", "float", "bool", "date", "enum"]
Path = tuple[str, ...]

# Columns whose values must name a row of another sheet (drives the dropdowns).
_REFERENCES = {"population": "populations", "lot": "lots", "territory": "territories"}
_LIST_REFERENCES = {
    ("lots", "populations"): "populations",
    ("populations", "shifts_tasks_to"): "populations",
    ("relations", "other"): "populations",
}


@dataclass(frozen=True)
class Column:
    """One field of the intake: a column of a table, or a row of a record sheet."""

    name: str
    kind: Kind
    required: bool
    default: Any
    help_en: str
    help_fr: str
    path: Path  # table: (field,) in the row model; record: full path from the Engagement
    vocabulary: type[Vocabulary] | None = None
    gt: float | None = None
    ge: float | None = None
    le: float | None = None
    min_items: int = 0
    references: str | None = None  # sheet whose names this column must use

    @property
    def codes(self) -> list[str]:
        return self.vocabulary.codes() if self.vocabulary else []

    @property
    def vocabulary_key(self) -> str:
        """Snake-case name of the enum, the prefix of its labels (`buy_in`)."""
        assert self.vocabulary is not None
        return snake_case(self.vocabulary.__name__)

    @property
    def is_share(self) -> bool:
        """A fraction 0..1 that consultants type as a percentage (25%)."""
        return self.kind == "float" and self.le == 1

    def help(self, lang: str) -> str:
        return str(getattr(self, f"help_{check_lang(lang)}"))


@dataclass(frozen=True)
class Part:
    """A model validated on its own from some rows of a record sheet."""

    path: Path  # where the model sits in the Engagement: ("governance",)
    model: type[BaseModel]


@dataclass(frozen=True)
class Sheet:
    name: str
    shape: Literal["table", "record"]
    help_en: str
    help_fr: str
    columns: tuple[Column, ...]
    model: type[BaseModel] | None = None  # table: the row model
    path: Path = ()  # table: where the list sits in the Engagement
    parts: tuple[Part, ...] = field(default_factory=tuple)  # record sheets

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def help(self, lang: str) -> str:
        return str(getattr(self, f"help_{check_lang(lang)}"))


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _is_name(metadata: list[Any]) -> bool:
    return any(getattr(m, "func", None) is normalise_name for m in metadata)


def _kind(info: FieldInfo) -> tuple[Kind, type[Vocabulary] | None]:
    annotation = _unwrap_optional(info.annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if typing.get_origin(item) is typing.Annotated and _is_name(list(item.__metadata__)):
            return "names", None
        raise TypeError(f"unsupported list item type {item!r}")
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        return "enum", annotation
    if annotation is bool:
        return "bool", None
    if annotation is int:
        return "int", None
    if annotation is float:
        return "float", None
    if annotation is dt.date:
        return "date", None
    if annotation is str:
        return ("name" if _is_name(info.metadata) else "text"), None
    raise TypeError(f"unsupported field type {annotation!r}")


def _column(sheet: str, name: str, info: FieldInfo, path: Path) -> Column:
    kind, vocabulary = _kind(info)
    try:
        help_en, help_fr = COLUMN_HELP[sheet][name]
    except KeyError:
        raise KeyError(f"no help text for column {sheet}.{name} in columns.py") from None
    bounds: dict[str, Any] = {}
    for meta in info.metadata:
        if isinstance(meta, at.Gt):
            bounds["gt"] = meta.gt
        elif isinstance(meta, at.Ge):
            bounds["ge"] = meta.ge
        elif isinstance(meta, at.Le):
            bounds["le"] = meta.le
        elif isinstance(meta, at.MinLen):
            bounds["min_items"] = meta.min_length
    field_name = path[-1]
    if kind == "names":
        references = _LIST_REFERENCES.get((sheet, field_name))
    else:
        references = _LIST_REFERENCES.get((sheet, field_name)) or _REFERENCES.get(field_name)
        if references == sheet or (sheet == "lots" and field_name == "population"):
            references = None
    return Column(
        name=name,
        kind=kind,
        required=info.is_required(),
        default=None if info.is_required() else info.get_default(call_default_factory=True),
        help_en=help_en,
        help_fr=help_fr,
        path=path,
        vocabulary=vocabulary,
        references=references,
        **bounds,
    )


def _table(name: str, model: type[BaseModel], path: Path) -> Sheet:
    columns = tuple(_column(name, f, info, (f,)) for f, info in model.model_fields.items())
    help_en, help_fr = SHEET_HELP[name]
    return Sheet(name, "table", help_en, help_fr, columns, model=model, path=path)


def _fields(
    model: type[BaseModel], prefix: Path, skip: tuple[str, ...] = ()
) -> list[tuple[str, FieldInfo, Path]]:
    """Scalar fields of `model` (nested single records flattened as `parent_child`)."""
    out: list[tuple[str, FieldInfo, Path]] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for child, child_info in annotation.model_fields.items():
                out.append((f"{name}_{child}", child_info, (*prefix, name, child)))
        else:
            out.append((name, info, (*prefix, name)))
    return out


def _record(name: str, parts: list[tuple[Path, type[BaseModel], tuple[str, ...]]]) -> Sheet:
    columns: list[Column] = []
    for path, model, skip in parts:
        for column_name, info, full_path in _fields(model, path, skip):
            columns.append(_column(name, column_name, info, full_path))
    help_en, help_fr = SHEET_HELP[name]
    return Sheet(
        name,
        "record",
        help_en,
        help_fr,
        tuple(columns),
        parts=tuple(Part(path, model) for path, model, _ in parts),
    )


_GOVERNANCE_LISTS = ("team", "key_users", "administrators", "workshops")

# Order of the workbook's sheets: framing first, then diagnosis, then the rest.
SHEETS: tuple[Sheet, ...] = (
    _record(
        "engagement",
        [(("engagement",), EngagementInfo, ()), (("governance",), Governance, _GOVERNANCE_LISTS)],
    ),
    _table("objectives", Objective, ("objectives",)),
    _table("success_criteria", CriterionAssessment, ("success_criteria",)),
    _table("lots", Lot, ("lots",)),
    _table("use_cases", UseCase, ("use_cases",)),
    _table("territories", Territory, ("territories",)),
    _table("populations", Population, ("populations",)),
    _table("relations", Relation, ("relations",)),
    _table("impacts", Impact, ("impacts",)),
    _table("resistances", Resistance, ("resistances",)),
    _table("personas", Persona, ("personas",)),
    _table("journeys", JourneyStep, ("journeys",)),
    _table("kpis", AdoptionKpi, ("kpis",)),
    _table("team", TeamMember, ("governance", "team")),
    _table("key_users", KeyUser, ("governance", "key_users")),
    _table("administrators", Administrator, ("governance", "administrators")),
    _table("workshops", PlannedWorkshop, ("governance", "workshops")),
    _record("training", [(("training",), TrainingConstraints, ("blackouts",))]),
    _table("blackouts", Blackout, ("training", "blackouts")),
    _table("action_status", ActionRecord, ("action_status",)),
    # Step 5, run and steer: readings brought to each COPIL after go-live.
    _table("kpi_readings", KpiReading, ("kpi_readings",)),
    _table("attendance", Attendance, ("attendance",)),
    _table("pulse_results", PulseResult, ("pulse_results",)),
)

SHEETS_BY_NAME: dict[str, Sheet] = {sheet.name: sheet for sheet in SHEETS}
TABLES: tuple[Sheet, ...] = tuple(s for s in SHEETS if s.shape == "table")


def table_for(path: Path) -> Sheet | None:
    """The table sheet whose list sits at `path` in the Engagement."""
    for sheet in TABLES:
        if sheet.path == path:
            return sheet
    return None


def vocabularies() -> list[type[Vocabulary]]:
    """Every enum a column uses, once, in order of first use."""
    seen: dict[type[Vocabulary], None] = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.vocabulary is not None:
                seen.setdefault(column.vocabulary, None)
    return list(seen)


def _check_coverage() -> None:
    """Every list and single record of the Engagement must have a home in the workbook."""
    covered = {s.path for s in TABLES} | {p.path for s in SHEETS for p in s.parts}
    for name in Engagement.model_fields:
        if (name,) not in covered and name != "governance":
            raise RuntimeError(f"Engagement.{name} has no sheet in the intake schema")
    for name in _GOVERNANCE_LISTS:
        if ("governance", name) not in covered:
            raise RuntimeError(f"Governance.{name} has no sheet in the intake schema")


_check_coverage()
