"""Build an `Engagement` from a reader's entries, reporting every problem at once.

Each row (and each single record) is validated on its own, so one bad row never
hides another. The engagement is then assembled from the valid rows and the
model's cross-record rules run on it, so broken references and misordered
dates are reported in the same pass. Rows rejected for a bad cell still name
things (a population, a lot, a territory): those names are checked in the same
pass too, and count as known for the other rows, so one round of corrections
is enough. Problems caused only by an invalid row (an impact naming a
population whose row was rejected) are not repeated, and a near-miss name
gets the spelling it most likely meant.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import brief
from ..model import (
    NATIONAL,
    Engagement,
    EngagementInfo,
    Governance,
    Inconsistency,
    TrainingConstraints,
    find_inconsistencies,
)
from ..model.types import normalise_name
from ..text import Message, render
from . import messages as msg
from .schema import SHEETS, TABLES, Column, Path, Sheet
from .source import BROKEN, Entry, Source
from .suggest import closest
from .values import Invalid, coerce, is_empty

_REFERENCED = ("populations", "lots", "territories")
# What the analysis says of the ids `action_status` names in a file read with
# errors (see `workbench.plan_ids`). Given the candidate engagement, those ids
# and, when errors lie outside `action_status`, every population and lot name the
# file gives (rejected rows included): the plan's ids (for "did you mean") and
# those of the given ids that no plan of the file can have, however its errors
# are corrected.
PlanNames = tuple[list[str], list[str]]
PlanIds = Callable[[Engagement, list[str], "PlanNames | None"], "tuple[list[str], set[str]]"]


class Assembly:
    def __init__(self, source: Source, levers: list[str] | None = None,
                 action_ids: list[str] | None = None, plan_ids: PlanIds | None = None):
        self.source = source
        self.levers = levers  # lever codes `action_status` may name; None: not checked
        self.action_ids = action_ids  # the plan's action ids; None: not checked
        self.plan_ids = plan_ids  # the plan of a candidate, when the file has errors
        self.lang = source.lang
        # each sheet's rows as its own row model (read by field name: Any)
        self.rows: dict[str, list[tuple[Any, Entry]]] = {}
        # Rows rejected for a bad cell: their readable values, still cross-checked.
        self.invalid_rows: dict[str, list[tuple[dict[str, Any], Entry]]] = {}
        self.unreadable: dict[str, list[set[str]]] = {}  # per rejected row: columns reported
        self.records: dict[Path, BaseModel | None] = {}
        self.partial: dict[Path, dict[str, Any]] = {}
        self.record_entries: dict[str, Entry] = {}
        self.invalid_names: dict[str, set[str]] = {name: set() for name in _REFERENCED}
        self.tables_with_invalid_rows: set[str] = set()
        self.missing_tables: set[str] = set()  # sheets absent from the file (reported)

    # -- problems ---------------------------------------------------------------

    def error(self, where: str, message: str, found: Any = None, expected: str = "") -> None:
        self.source.problem(where, message, found, expected)

    def warning(self, where: str, message: str, found: Any = None, expected: str = "") -> None:
        self.source.problem(where, message, found, expected, severity="warning")

    # -- cells ------------------------------------------------------------------

    def _coerce_cells(
        self, sheet: Sheet, entry: Entry, columns: list[Column]
    ) -> tuple[dict[str, Any], set[str]]:
        """Typed values of the filled cells, by column name; `bad`: columns already reported."""
        values: dict[str, Any] = {}
        bad: set[str] = set(entry.absent)
        for column in columns:
            cell = entry.cells.get(column.name)
            if cell is None:
                continue
            if cell.value is BROKEN:
                bad.add(column.name)
                continue
            if is_empty(cell.value):
                continue
            try:
                values[column.name] = coerce(column, cell.value, percent_format=cell.percent_format)
            except Invalid:
                bad.add(column.name)
                self.error(
                    entry.locate(column.name, None),
                    msg.text(f"invalid_{column.kind}", self.lang),
                    cell.value,
                    self._expected(column),
                )
        return values, bad

    def _expected(self, column: Column) -> str:
        text = msg.expected(column, self.lang)
        if column.references and column.kind != "names":
            names = self._names(column.references)
            if names:
                text += "; " + self._names_from(column.references, names)
        return text

    def _names(self, table: str) -> list[str]:
        """Names the consultant gave in `table`, rejected rows included (they are meant)."""
        names = [record.name for record, _ in self.rows.get(table, [])]
        for data, _ in self.invalid_rows.get(table, []):
            if isinstance(data.get("name"), str) and data["name"] not in names:
                names.append(data["name"])
        return names

    def _names_from(self, table: str, names: list[str]) -> str:
        shown = ", ".join(brief(name) for name in names[:12]) + (", ..." if len(names) > 12 else "")
        key = "names_from_key" if self.source.container == "key" else "names_from"
        return msg.text(key, self.lang, sheet=table, names=shown)

    def _did_you_mean(self, message: str, name: Any, known: list[str]) -> str:
        """`message`, with the known name `name` most likely meant, if any."""
        guess = closest(name, known) if isinstance(name, str) else None
        if guess is None:
            return message
        return f"{message} ({render('intake.did_you_mean', self.lang, name=brief(guess))})"

    def _found(self, entry: Entry, column: str | None) -> Any:
        cell = entry.cells.get(column) if column else None
        return None if cell is None or cell.value is BROKEN else cell.value

    # -- tables -----------------------------------------------------------------

    def table(self, sheet: Sheet, entries: list[Entry]) -> None:
        assert sheet.model is not None
        valid: list[tuple[BaseModel, Entry]] = []
        columns = list(sheet.columns)
        for entry in entries:
            values, bad = self._coerce_cells(sheet, entry, columns)
            data = {sheet.column(name).path[-1]: value for name, value in values.items()}
            try:
                record = sheet.model.model_validate(data)
            except ValidationError as exc:
                for error in exc.errors():
                    loc = error["loc"]
                    column = str(loc[0]) if loc else None
                    if column in bad:
                        continue
                    item = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
                    self._pydantic_problem(
                        entry, sheet.column(column) if column else None, error, item
                    )
                record = None
            if record is None or bad:
                self._remember_invalid(sheet, data)
                self.invalid_rows.setdefault(sheet.name, []).append((data, entry))
                self.unreadable.setdefault(sheet.name, []).append(bad)
                continue
            valid.append((record, entry))
        self.rows[sheet.name] = valid

    def _remember_invalid(self, sheet: Sheet, data: dict[str, Any]) -> None:
        self.tables_with_invalid_rows.add(sheet.name)
        if sheet.name in self.invalid_names and isinstance(data.get("name"), str):
            self.invalid_names[sheet.name].add(normalise_name(data["name"]))

    def _pydantic_problem(
        self, entry: Entry, column: Column | None, error: ErrorDetails, item: int | None
    ) -> None:
        where = entry.locate(column.name if column else None, item)
        found = (
            None
            if error["type"] == "missing"
            else self._found(entry, column.name if column else None)
        )
        if error["type"] == "too_long" or (found is None and error["type"] != "missing"):
            # too long: the item at fault (one name of a list), not the whole cell
            found = error.get("input") if not isinstance(error.get("input"), dict) else None
        self.error(
            where,
            msg.pydantic_message(error, self.lang),
            found,
            self._expected(column) if column else "",
        )

    # -- record sheets ------------------------------------------------------------

    def record(self, sheet: Sheet, entry: Entry | None) -> None:
        if entry is not None:
            self.record_entries[sheet.name] = entry
        for part in sheet.parts:
            columns = [c for c in sheet.columns if c.path[: len(part.path)] == part.path]
            values: dict[str, Any]
            bad: set[str]
            if entry is None:  # sheet missing, already reported: defaults only
                values, bad = {}, set()
            else:
                values, bad = self._coerce_cells(sheet, entry, columns)
            data: dict[str, Any] = {}
            for column in columns:  # nested records present, so each missing field is named
                sub = column.path[len(part.path) :]
                if len(sub) > 1:
                    data.setdefault(sub[0], {})
            for name, value in values.items():
                _set(data, sheet.column(name).path[len(part.path) :], value)
            self.partial[part.path] = data
            try:
                self.records[part.path] = part.model.model_validate(data)
            except ValidationError as exc:
                self.records[part.path] = None
                if entry is None:
                    continue
                for error in exc.errors():
                    full = (*part.path, *(str(p) for p in error["loc"]))
                    at_fault = _column_at(columns, full)
                    if at_fault is None:
                        self.error(
                            self.source.sheet_where(sheet), msg.pydantic_message(error, self.lang)
                        )
                    elif at_fault.name not in bad:
                        depth = len(at_fault.path) - len(part.path)
                        loc = error["loc"]
                        item = step if len(loc) > depth and isinstance(step := loc[depth], int) else None
                        self._pydantic_problem(entry, at_fault, error, item)
                continue
            if bad:
                self.records[part.path] = None

    # -- the engagement -------------------------------------------------------------

    def engagement(self) -> Engagement | None:
        """The candidate engagement (stand-ins for broken single records) and its checks."""
        info = self.records.get(("engagement",)) or EngagementInfo.model_construct(
            kickoff=_date_or_min(self.partial.get(("engagement",), {}).get("kickoff"))
        )
        governance = self.records.get(("governance",)) or Governance.model_construct()
        training = self.records.get(("training",)) or TrainingConstraints.model_construct()

        def rows(name: str) -> list[BaseModel]:
            return [record for record, _ in self.rows.get(name, [])]

        governance = governance.model_copy(
            update={s.path[1]: rows(s.name) for s in TABLES if s.path[0] == "governance"}
        )
        training = training.model_copy(update={"blackouts": rows("blackouts")})
        tables: dict[str, Any] = {s.path[0]: rows(s.name) for s in TABLES if len(s.path) == 1}
        candidate = Engagement.model_construct(
            engagement=info,
            governance=governance,
            training=training,
            **tables,
        )
        self._consistency(candidate)
        self._intake_checks(candidate)
        if any(p.severity == "error" for p in self.source.problems):
            self._action_ids_of_candidate(candidate)
            return None
        return Engagement.model_validate(candidate.model_dump())

    def _consistency(self, candidate: Engagement) -> None:
        rejected = set().union(*self.invalid_names.values())
        for inconsistency in find_inconsistencies(candidate):
            loc = inconsistency.loc
            sheet, rest = _table_at(loc)
            if sheet is not None and not rest and (
                sheet.name in self.tables_with_invalid_rows or sheet.name in self.missing_tables
            ):
                continue  # "at least one population": the rows were rejected, already said
            unknown = _UNKNOWN.get(inconsistency.code)
            if unknown in self.missing_tables:
                continue  # every name would be unknown: the missing sheet is the one problem
            value = inconsistency.value
            if isinstance(value, str) and value in rejected and unknown:
                continue  # refers to a rejected row, already said
            where, column = self._where(loc)
            expected = ""
            names: list[str] = []
            if unknown and column is not None:
                target = column.references or unknown
                names = self._names(target)
                expected = self._names_from(target, names) if names else ""
            message = inconsistency.text(self.lang, **self._first_row(sheet, inconsistency))
            if isinstance(value, dt.date):
                value = value.isoformat()
            text = self._did_you_mean(message, value, names) if names else message
            if isinstance(value, str) and repr(value) in message:
                value = None  # the message already quotes it
            self.error(where, text, value, expected)
        self._rejected_row_references()

    def _rejected_row_references(self) -> None:
        """References named by rejected rows, checked now rather than on the next run."""
        for sheet in TABLES:
            for data, entry in self.invalid_rows.get(sheet.name, []):
                for column in sheet.columns:
                    target = column.references
                    if target is None or column.name not in data or target in self.missing_tables:
                        continue
                    if column.name == "shifts_tasks_to":
                        continue  # a warning of the intake checks, for rejected rows too
                    if target == "territories" and sheet.name != "populations":
                        continue  # blackouts', key users' territories: warnings of the intake checks
                    values = data[column.name] if column.kind == "names" else [data[column.name]]
                    names = self._names(target)
                    known = {normalise_name(n).casefold() for n in names}
                    if target == "territories":
                        known.add(NATIONAL.casefold())
                    for j, value in enumerate(values):
                        if value == "" or normalise_name(value).casefold() in known:
                            continue
                        word = _UNKNOWN_WORD[target]
                        text = render(f"consistency.unknown_{word}", self.lang, name=value)
                        self.error(
                            entry.locate(column.name, j if column.kind == "names" else None),
                            self._did_you_mean(text, value, names),
                            None,
                            self._names_from(target, names) if names else "",
                        )

    def _first_row(self, sheet: Sheet | None, inconsistency: Inconsistency) -> dict[str, str]:
        """'row 3 of this table' (an index among valid rows) -> where that row really is."""
        first = inconsistency.params.get("first")
        if sheet is None or not isinstance(first, Message):
            return {}
        rows = self.rows.get(sheet.name, [])
        index = int(first.params["row"]) - 1
        return {"first": rows[index][1].label} if 0 <= index < len(rows) else {}

    def _where(self, loc: tuple[Any, ...]) -> tuple[str, Column | None]:
        sheet, rest = _table_at(loc)
        if sheet is not None:
            if not rest:
                return self.source.sheet_where(sheet), None
            _, entry = self.rows[sheet.name][rest[0]]
            column = sheet.column(str(rest[1])) if len(rest) > 1 else None
            item = rest[2] if len(rest) > 2 and isinstance(rest[2], int) else None
            return entry.locate(column.name if column else None, item), column
        for record_sheet in SHEETS:
            if record_sheet.shape != "record":
                continue
            column = _column_at(list(record_sheet.columns), tuple(str(p) for p in loc))
            entry = self.record_entries.get(record_sheet.name)
            if column is not None and entry is not None:
                return entry.locate(column.name, None), column
        return ".".join(str(p) for p in loc), None

    def _action_levers(self) -> None:
        """A status recorded against a lever the method does not have would be ignored."""
        if self.levers is None:
            return
        rows = [(r.lever, e) for r, e in self.rows.get("action_status", [])]
        rows += [(d.get("lever"), e) for d, e in self.invalid_rows.get("action_status", [])]
        for code, entry in rows:
            if not isinstance(code, str) or not code or code in self.levers:
                continue
            self.error(
                entry.locate("lever", None),
                self._did_you_mean(msg.text("unknown_lever", self.lang, name=code), code, self.levers),
            )

    def _action_ids(self, unknown: set[str] | None = None) -> None:
        """A status recorded against an id the plan does not have would be ignored
        (a typo, or a row copied from another client's sheet). `unknown`: only
        these ids are said unknown (the others may be the plan's once the file's
        other errors are corrected)."""
        if self.action_ids is None:
            return
        known = self.action_ids
        for code, entry in self._given_action_ids():
            if code.upper() in known or (unknown is not None and code.upper() not in unknown):
                continue
            self.error(
                entry.locate("id", None),
                self._did_you_mean(msg.text("unknown_action_id", self.lang, name=code), code, known),
                code,
            )

    def _given_action_ids(self) -> list[tuple[str, Entry]]:
        rows = [(r.id, e) for r, e in self.rows.get("action_status", [])]
        rows += [(d.get("id"), e) for d, e in self.invalid_rows.get("action_status", [])]
        return [(code, entry) for code, entry in rows if isinstance(code, str) and code]

    def _action_ids_of_candidate(self, candidate: Engagement) -> None:
        """The file has errors: its `action_status` ids are checked now, with
        them, rather than on the next run once the rest is corrected. When every
        error lies in `action_status` itself the plan is the file's own (the plan
        does not read that sheet for its ids) and every id it lacks is unknown.
        An error elsewhere (a population, a date) can change the plan: then only
        the ids no plan of the file's populations and lots can have are said
        unknown; the others wait for the next run."""
        if self.action_ids is not None or self.plan_ids is None:
            return
        given = [code for code, _ in self._given_action_ids()]
        if not given:
            return
        names = None
        if any(p.severity == "error" and not self._in_action_status(p.where)
               for p in self.source.problems):
            names = self._plan_names()
            if names is None:
                return
        try:
            planned, unknown = self.plan_ids(candidate, given, names)
        except Exception:  # noqa: BLE001 - a candidate the analysis cannot plan: the next round says it
            return
        self.action_ids = planned
        self._action_ids(unknown)

    def _plan_names(self) -> PlanNames | None:
        """Every population and lot the file names, rejected rows included: what
        the plan's ids are made of. None when one of them cannot be read."""
        for table in ("populations", "lots"):
            if table in self.missing_tables or any(
                    not isinstance(data.get("name"), str) or not data["name"]
                    for data, _ in self.invalid_rows.get(table, [])):
                return None
        return self._names("populations"), self._names("lots")

    def _in_action_status(self, where: str) -> bool:
        entries = [e for _, e in self.rows.get("action_status", [])]
        entries += [e for _, e in self.invalid_rows.get("action_status", [])]
        for entry in entries:
            label = entry.locate(None, None).split(" (")[0]  # without a YAML line number
            if label and where.startswith(label) and where[len(label):][:1] in ("", ",", ".", " "):
                return True
        return False

    def action_rows(self) -> list[str]:
        """Where each `action_status` row read is (its planned date's cell), in order."""
        return [entry.locate("planned", None) for _, entry in self.rows.get("action_status", [])]

    def _intake_checks(self, candidate: Engagement) -> None:
        """Checks the model leaves to the intake: task shifts, lots, impacts coverage."""
        populations = {p.name for p in candidate.populations}
        # Rejected rows count for what they name: an impact row with a bad
        # intensity still says its population is impacted.
        in_lots = {name for lot in candidate.lots for name in lot.populations}
        in_lots |= self._rejected_values("lots", "populations")
        impacted = {impact.population for impact in candidate.impacts}
        impacted |= self._rejected_values("impacts", "population")
        # A rejected row whose very reference is unreadable leaves the question
        # open: the warning would follow from an error already reported.
        lots_known = not self._rejected_without("lots", "populations")
        impacts_known = not self._rejected_without("impacts", "population")
        rejected = self.invalid_names["populations"]
        mapped = sorted(set(self._names("populations")))
        shifts = [(p.name, p.shifts_tasks_to, e) for p, e in self.rows.get("populations", [])]
        shifts += [(d.get("name"), d.get("shifts_tasks_to") or [], e)
                   for d, e in self.invalid_rows.get("populations", [])]
        for _, targets, entry in shifts:
            for j, name in enumerate(targets):
                # A warning, not an error: an unmapped population that inherits
                # tasks is exactly the trap the method's checks must show (seed 004).
                if name not in populations and name not in rejected:
                    self.warning(
                        entry.locate("shifts_tasks_to", j),
                        self._did_you_mean(
                            msg.text("unknown_shift_target", self.lang, name=name), name, mapped
                        ),
                        name,
                        self._names_from("populations", mapped),
                    )
        for population, entry in self.rows.get("populations", []):
            if (population.crm_user and candidate.lots and lots_known
                    and population.name not in in_lots):
                self.warning(
                    entry.locate("name", None),
                    msg.text("population_in_no_lot", self.lang, name=population.name),
                )
            if impacts_known and population.name not in impacted:
                self.warning(
                    entry.locate("name", None),
                    msg.text("population_without_impact", self.lang, name=population.name),
                )
        self._territory_checks(candidate)
        self._look_alike_client(candidate)
        self._action_levers()
        self._action_ids()

    def _look_alike_client(self, candidate: Engagement) -> None:
        """A client name mixing Latin letters with Cyrillic or Greek ones (a
        Cyrillic « А » in "Аcme") reads as another client's and gets its own
        folder: said, since nobody sees it."""
        client = getattr(getattr(candidate, "engagement", None), "client", None)
        if not isinstance(client, str):
            return  # the name itself was refused: reported already
        scripts = sorted({unicodedata.name(c, "?").split()[0] for c in client if c.isalpha()})
        if "LATIN" in scripts and {"CYRILLIC", "GREEK"} & set(scripts):
            entry = self.record_entries.get("engagement")
            self.warning(
                entry.locate("client", None) if entry else "engagement.client",
                msg.text("look_alike_client", self.lang,
                         scripts=", ".join(s.capitalize() for s in scripts)),
                client,
            )

    def _rejected_values(self, table: str, column: str) -> set[str]:
        """Names a column of `table`'s rejected rows gives (one, or a list)."""
        found: set[str] = set()
        default = next(s for s in TABLES if s.name == table).column(column).default
        for data, _ in self.invalid_rows.get(table, []):
            value = data.get(column, default)  # an empty cell means the default
            found |= set(value) if isinstance(value, list) else {value} if value else set()
        return found

    def _rejected_without(self, table: str, column: str) -> bool:
        """Whether a rejected row of `table` has `column` unreadable (already reported)."""
        return any(column in bad for bad in self.unreadable.get(table, []))

    def _territory_checks(self, candidate: Engagement) -> None:
        """A territory no population works in: a blackout that never applies (the
        calendar matches territories exactly), a key user for nobody, a territory
        described for nobody."""
        if self._rejected_without("populations", "territory"):
            return  # a population's territory is unreadable: every warning could be false
        territories = sorted(
            {p.territory for p in candidate.populations}
            | {t for t in self._rejected_values("populations", "territory") if isinstance(t, str)}
        )
        expected = self._names_from("populations", territories)
        for sheet, field, exact in (
            ("blackouts", "territory", True),
            ("key_users", "territory", False),
            ("territories", "name", False),
        ):
            known = set(territories) if exact else {t.casefold() for t in territories}
            rows = [(getattr(r, field, ""), e) for r, e in self.rows.get(sheet, [])]
            rows += [(d.get(field, ""), e) for d, e in self.invalid_rows.get(sheet, [])]
            for territory, entry in rows:
                if not isinstance(territory, str) or not territory:
                    continue
                if (territory if exact else territory.casefold()) not in known:
                    self.warning(
                        entry.locate(field, None),
                        self._did_you_mean(
                            msg.text(f"unknown_territory_{sheet}", self.lang, name=territory),
                            territory, territories,
                        ),
                        territory,
                        expected,
                    )


def assemble(source: Source, levers: list[str] | None = None,
             action_ids: list[str] | None = None, plan_ids: PlanIds | None = None,
             ) -> tuple[Engagement | None, list[str]]:
    """The engagement read by `source`, or None when any error was found, and
    where each of its `action_status` rows is. `levers`: the method's lever
    codes, which `action_status` rows must name; `action_ids`: the plan's action
    ids, which they must name when they give one; `plan_ids`: how to plan a
    candidate engagement, for those ids when the file has errors."""
    assembly = Assembly(source, levers, action_ids, plan_ids)
    for sheet in SHEETS:
        entries = source.entries(sheet)
        if sheet.shape == "table":
            if entries is None:
                assembly.missing_tables.add(sheet.name)
            assembly.table(sheet, entries or [])
        else:
            assembly.record(sheet, entries[0] if entries else None)
    return assembly.engagement(), assembly.action_rows()


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _column_at(columns: list[Column], loc: tuple[str, ...]) -> Column | None:
    """The column a (record) location points at, or the first one under it."""
    for column in columns:
        if loc[: len(column.path)] == column.path:
            return column
    for column in columns:
        if column.path[: len(loc)] == loc:
            return column
    return None


def _table_at(loc: tuple[Any, ...]) -> tuple[Sheet | None, tuple[Any, ...]]:
    for sheet in sorted(TABLES, key=lambda s: -len(s.path)):
        if tuple(loc[: len(sheet.path)]) == sheet.path:
            return sheet, tuple(loc[len(sheet.path) :])
    return None, ()


# The table an unknown name was looked up in, per message code.
_UNKNOWN = {
    "consistency.unknown_population": "populations",
    "consistency.unknown_lot": "lots",
    "consistency.unknown_territory": "territories",
}
_UNKNOWN_WORD = {"populations": "population", "lots": "lot", "territories": "territory"}


def _date_or_min(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.min
