"""Importers for the files a consultant gets after go-live: a CRM usage export
and a pulse-survey export, turned into measurement records of the engagement.

Both read CSV (comma or semicolon, UTF-8 with or without BOM) or the first
sheet of an .xlsx. Columns are matched by name, case and accents ignored,
through the aliases below (the documented mapping, `docs/measurements.md`).
Every bad row is reported at once, located (file, row, column), and nothing is
returned when any row is bad.

* Usage export, one row per user and period: user, population (or team),
  date, logins, records created; optionally territory and mandatory fields
  completed / required. Aggregated per population and date into adoption
  (active users ÷ licensed users, %, where active means at least one login and
  one record in the period, as kpis.yaml defines it), and overall into
  adoption, usage (records per active user) and data quality (mandatory
  fields completed ÷ required, %).
* Survey export, one row per respondent: population, date, and Likert answers
  (1–5) in columns whose names start with understand / want / able (or
  comprendre / vouloir / pouvoir). Aggregated per population and date into
  mean scores; a group smaller than `min_group` keeps its respondent count
  but its scores are withheld, so no one's answers can be singled out. Free
  comments are never imported: they can identify their author.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import IntakeError, Problem
from ..model import Engagement, KpiKind, KpiReading, PulseResult
from ..model.types import normalise_name
from ..text import Message

# field -> accepted column names (normalised: lower case, no accents, "_" for spaces)
USAGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "user": ("user", "user_id", "username", "email", "utilisateur", "identifiant"),
    "population": ("population", "team", "equipe", "group", "groupe"),
    "territory": ("territory", "territoire", "region"),
    "date": ("date", "week", "week_ending", "period", "semaine", "periode"),
    "logins": ("logins", "log_ins", "sessions", "connexions"),
    "records": ("records_created", "records", "entries", "fiches_creees", "saisies"),
    "mandatory_completed": ("mandatory_completed", "mandatory_fields_completed",
                            "champs_obligatoires_remplis"),
    "mandatory_total": ("mandatory_total", "mandatory_fields", "mandatory_fields_required",
                        "champs_obligatoires"),
}
USAGE_REQUIRED = ("user", "population", "date", "logins", "records")

SURVEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "population": USAGE_COLUMNS["population"],
    "date": ("date", "submitted", "submitted_at", "completed", "reponse_le", "date_de_reponse"),
}
PILLAR_PREFIXES: dict[str, tuple[str, ...]] = {
    "understand": ("understand", "comprendre"),
    "want": ("want", "vouloir"),
    "able": ("able", "be_able", "pouvoir"),
}
LIKERT = (1, 5)


@dataclass(frozen=True)
class Imported:
    """What an import adds to the engagement, and what it chose not to add."""

    kpi_readings: list[KpiReading]
    pulse_results: list[PulseResult]
    notes: list[Message]  # coded: shown in the engagement's language


def normalise_header(name: Any) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    return "_".join(text.lower().replace("-", " ").replace(".", " ").split())


def read_table(path: Path) -> pd.DataFrame:
    """Every cell as text (or None), headers as in the file; rows numbered as
    the consultant sees them (header = row 1)."""
    if not path.is_file():
        raise IntakeError(str(path), [Problem(str(path), "file", "file not found")])
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, sheet_name=0, dtype=object)
        elif path.suffix.lower() in (".csv", ".txt"):
            sample = path.read_text(encoding="utf-8-sig", errors="replace")[:4096]
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter if sample else ","
            frame = pd.read_csv(path, sep=delimiter, dtype=str, encoding="utf-8-sig",
                                keep_default_na=False)
        else:
            raise IntakeError(str(path), [Problem(str(path), "file", "not a CSV or .xlsx file",
                                                  path.suffix, ".csv or .xlsx")])
    except IntakeError:
        raise
    except UnicodeDecodeError:  # Excel's "CSV" on Windows is saved in the ANSI code page
        raise IntakeError(str(path), [Problem(
            str(path), "file", "not UTF-8 text (a CSV saved by Excel as 'CSV' is in Windows-1252)",
            None, "a CSV saved as 'CSV UTF-8 (comma delimited)', or the .xlsx export")]) from None
    except Exception as error:  # unreadable, encrypted, not really CSV...
        raise IntakeError(str(path), [Problem(str(path), "file", f"cannot be read ({error})")]) from None
    frame.index = range(2, len(frame) + 2)
    return frame


def _columns(path: Path, frame: pd.DataFrame, mapping: dict[str, tuple[str, ...]],
             required: tuple[str, ...]) -> tuple[dict[str, str], list[Problem]]:
    """field -> column of the file; a problem for each required field with no column."""
    by_name = {normalise_header(c): c for c in frame.columns}
    found = {f: by_name[a] for f, aliases in mapping.items() for a in aliases if a in by_name}
    problems = [
        Problem(str(path), "header row", f"missing column for {field!r}", None,
                f"one of: {', '.join(mapping[field])} (columns found: {', '.join(map(str, frame.columns))})")
        for field in required if field not in found
    ]
    return found, problems


def _where(row: int, frame: pd.DataFrame, column: str) -> str:
    letter = _letter(list(frame.columns).index(column))
    return f"row {row}, column {letter} ({column})"


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    return None


def _count(value: Any) -> int | None:
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return int(number) if number >= 0 and number.is_integer() else None


class _Rows:
    """Typed cells of the file, collecting a located problem for each bad one."""

    def __init__(self, path: Path, frame: pd.DataFrame, engagement: Engagement):
        self.path, self.frame = path, frame
        self.problems: list[Problem] = []
        self.populations = {p.name: p for p in engagement.populations}

    def bad(self, row: int, column: str, message: str, found: Any, expected: str) -> None:
        self.problems.append(Problem(str(self.path), _where(row, self.frame, column), message,
                                     found, expected))

    def population(self, row: int, column: str, value: Any) -> str | None:
        name = normalise_name(str(value)) if not _empty(value) else ""
        if name in self.populations:
            return name
        shown = ", ".join(sorted(self.populations))
        self.bad(row, column, "unknown population" if name else "empty population", value or None,
                 f"a population of the engagement: {shown}")
        return None

    def date(self, row: int, column: str, value: Any) -> dt.date | None:
        date = None if _empty(value) else _date(value)
        if date is None:
            self.bad(row, column, "invalid date", value or None, "a date such as 2027-07-26 or 26/07/2027")
        return date

    def count(self, row: int, column: str, value: Any) -> int | None:
        number = _count(value) if not _empty(value) else None
        if number is None:
            self.bad(row, column, "invalid count", value or None, "a whole number ≥ 0")
        return number


def _raise(path: Path, problems: list[Problem]) -> None:
    if problems:
        raise IntakeError(str(path), problems)


# --------------------------------------------------------------------------- usage


def import_usage(path: str | Path, engagement: Engagement) -> Imported:
    """KPI readings from a CRM usage export (see the module's docstring)."""
    path = Path(path)
    frame = read_table(path)
    found, problems = _columns(path, frame, USAGE_COLUMNS, USAGE_REQUIRED)
    _raise(path, problems)
    rows = _Rows(path, frame, engagement)
    quality = "mandatory_completed" in found and "mandatory_total" in found
    records = []
    seen: dict[tuple[str, dt.date], int] = {}  # (user, period) -> first row: counted once
    for number, raw in frame.iterrows():
        if all(_empty(v) for v in raw.values):
            continue  # a blank line at the end of an export
        user = raw[found["user"]]
        if _empty(user):
            rows.bad(number, found["user"], "empty user", None, "the user's id or e-mail")
        record: dict[str, Any] = {  # a row of mixed values, validated as a record later
            "user": str(user).strip(),
            "population": rows.population(number, found["population"], raw[found["population"]]),
            "date": rows.date(number, found["date"], raw[found["date"]]),
            "logins": rows.count(number, found["logins"], raw[found["logins"]]),
            "records": rows.count(number, found["records"], raw[found["records"]]),
        }
        if quality:
            record["completed"] = rows.count(number, found["mandatory_completed"],
                                              raw[found["mandatory_completed"]])
            record["required"] = rows.count(number, found["mandatory_total"],
                                             raw[found["mandatory_total"]])
        key = (record["user"].casefold(), record["date"])
        if record["user"] and record["date"] is not None:
            if key in seen:
                rows.bad(number, found["user"], "the same user twice in one period", user,
                         f"one row per user and period (first at row {seen[key]})")
            seen.setdefault(key, number)
        records.append(record)
    _raise(path, rows.problems)
    if not records:
        _raise(path, [Problem(str(path), "file", "no data row")])
    imported = _usage_readings(pd.DataFrame(records), engagement, quality, path.name)
    return Imported(imported.kpi_readings, [], [*imported.notes, *_future(records)])


def _future(records: list[dict[str, Any]]) -> list[Message]:
    """A note for periods dated more than a week after today: a typo (2099) or a
    wrong date format is said, not imported silently as a reading of the future."""
    soon = dt.date.today() + dt.timedelta(days=7)
    later = sorted({r["date"] for r in records if r["date"] is not None and r["date"] > soon})
    if not later:
        return []
    shown = ", ".join(d.isoformat() for d in later[:3]) + (", ..." if len(later) > 3 else "")
    return [Message("measure.future", {"dates": shown})]


def _usage_readings(data: pd.DataFrame, engagement: Engagement, quality: bool, source: str
                    ) -> Imported:
    data["active"] = (data["logins"] > 0) & (data["records"] > 0)
    readings: list[KpiReading] = []
    notes: list[Message] = []
    own = {k.kind.value: k for k in engagement.kpis if k.population == ""}
    overall_adoption = own["adoption"].name if "adoption" in own else KpiKind.ADOPTION.value
    comment = f"{source}"
    for date, period in data.groupby("date", sort=True):
        for population, group in period.groupby("population", sort=True):
            readings.append(KpiReading(kpi="adoption", population=population, date=date,
                                       value=_share(group["active"].sum(), group["user"].nunique()),
                                       comment=comment))
        active = int(period["active"].sum())
        readings.append(KpiReading(kpi=overall_adoption, date=date,
                                   value=_share(active, period["user"].nunique()), comment=comment))
        usage = _target_kpi(engagement, "usage", percent=False)
        if usage and active:
            readings.append(KpiReading(kpi=usage, date=date,
                                       value=round(period.loc[period["active"], "records"].sum() / active, 1),
                                       comment=comment))
        quality_kpi = _target_kpi(engagement, "data_quality", percent=True) if quality else None
        if quality_kpi and period["required"].sum():
            readings.append(KpiReading(kpi=quality_kpi, date=date,
                                       value=_share(period["completed"].sum(), period["required"].sum()),
                                       comment=comment))
    for kind, percent in (("usage", False), ("data_quality", True)):
        if (kind == "usage" or quality) and _target_kpi(engagement, kind, percent) is None:
            names = ", ".join(repr(k.name) for k in engagement.kpis if k.kind.value == kind)
            notes.append(Message("measure.kpi_not_comparable", {"kind": kind, "names": names}))
    return Imported(readings, [], notes)


def _share(part: float, whole: float) -> float:
    return round(100.0 * float(part) / float(whole), 1) if whole else 0.0


def _target_kpi(engagement: Engagement, kind: str, percent: bool) -> str | None:
    """The KPI an overall figure of `kind` feeds: the engagement's own KPI of that
    family for everyone when its unit matches (% or not), the method's default
    when the engagement has none of that family, else None (not comparable)."""
    mine = [k for k in engagement.kpis if k.kind.value == kind and k.population == ""]
    if not mine and not any(k.kind.value == kind for k in engagement.kpis):
        return kind
    for kpi in mine:
        if (kpi.unit.strip() == "%") == percent:
            return kpi.name
    return None


# --------------------------------------------------------------------------- survey


def import_survey(path: str | Path, engagement: Engagement, min_group: int) -> Imported:
    """Pulse results from a survey export (see the module's docstring)."""
    path = Path(path)
    frame = read_table(path)
    found, problems = _columns(path, frame, SURVEY_COLUMNS, ("population", "date"))
    pillars = {pillar: [c for c in frame.columns
                        if normalise_header(c).startswith(prefixes)]
               for pillar, prefixes in PILLAR_PREFIXES.items()}
    if not any(pillars.values()):
        problems.append(Problem(str(path), "header row", "no Likert column", None,
                                "columns named understand…, want…, able… (or comprendre…, "
                                f"vouloir…, pouvoir…); columns found: {', '.join(map(str, frame.columns))}"))
    _raise(path, problems)
    rows = _Rows(path, frame, engagement)
    answers = []
    for number, raw in frame.iterrows():
        if all(_empty(v) for v in raw.values):
            continue
        answer: dict[str, Any] = {
            "population": rows.population(number, found["population"], raw[found["population"]]),
            "date": rows.date(number, found["date"], raw[found["date"]]),
        }
        for column in (c for columns in pillars.values() for c in columns):
            value = raw[column]
            if _empty(value):
                continue  # a question left unanswered
            score = _count(value)
            if score is None or not LIKERT[0] <= score <= LIKERT[1]:
                rows.bad(number, column, "invalid answer", value, "a whole number from 1 to 5")
            else:
                answer[column] = score
        answers.append(answer)
    _raise(path, rows.problems)
    if not answers:
        _raise(path, [Problem(str(path), "file", "no data row")])
    data = pd.DataFrame(answers, columns=["population", "date", *(
        c for columns in pillars.values() for c in columns)])
    results, notes = [], []
    for (population, date), group in data.groupby(["population", "date"], sort=True):
        count = len(group)
        where = f"{population}, {date.isoformat()}"
        if count < min_group:
            notes.append(Message("measure.group_too_small", {
                "population": population, "date": date.strftime("%d/%m/%Y"),
                "count": count, "minimum": min_group}))
            results.append(PulseResult(population=population, date=date, respondents=count))
            continue
        # the record's pillar fields, by name
        means: dict[str, Any] = {pillar: _pillar_mean(group, pillar, columns, min_group, where,
                                                      notes)
                                 for pillar, columns in pillars.items()}
        results.append(PulseResult(population=population, date=date, respondents=count, **means))
    return Imported([], results, notes)


def _pillar_mean(group: pd.DataFrame, pillar: str, columns: list[str], min_group: int,
                 where: str, notes: list[Message]) -> float | None:
    """Mean score of one pillar in one group: each person's mean over the
    pillar's questions, then their mean. A question answered by fewer than
    `min_group` people is left out, and the pillar is withheld when no question
    was answered by `min_group` people, so no one's answer is ever published."""
    if not columns:
        return None
    kept = []
    for column in columns:
        answered = int(group[column].notna().sum())
        if answered >= min_group:
            kept.append(column)
        elif answered:
            notes.append(Message("measure.question_too_few", {
                "where": where, "question": column, "answered": answered, "minimum": min_group}))
    if not kept:
        answered = int(group[columns].notna().any(axis=1).sum())
        notes.append(Message("measure.pillar_withheld", {
            "where": where, "pillar": Message(f"measure.pillar.{pillar}"), "answered": answered,
            "respondents": len(group), "minimum": min_group}))
        return None
    per_person = group[kept].apply(pd.to_numeric).mean(axis=1, skipna=True).dropna()
    return round(float(per_person.mean()), 1)


# --------------------------------------------------------------------------- already recorded


def not_yet_recorded(imported: Imported, engagement: Engagement, path: str | Path) -> Imported:
    """`imported` without what the engagement already records, so importing
    the same export twice changes nothing. A period already recorded with other
    figures (a corrected export, a reading typed by hand) is refused, located:
    the consultant decides which one is right, nothing is doubled."""
    readings = {(r.kpi, r.population, r.territory, r.date): r for r in engagement.kpi_readings}
    pulses = {(p.population, p.date): p for p in engagement.pulse_results}
    problems: list[Problem] = []
    kept_readings, kept_pulses = [], []
    for reading in imported.kpi_readings:
        known = readings.get((reading.kpi, reading.population, reading.territory, reading.date))
        if known is None:
            kept_readings.append(reading)
        elif known.value != reading.value:
            problems.append(Problem(
                str(path), f"{reading.kpi}, {reading.population or 'all'}, {reading.date.isoformat()}",
                "this period is already recorded with another value", reading.value,
                f"the value recorded ({known.value:g}); remove that reading first to replace it"))
    for pulse in imported.pulse_results:
        known_pulse = pulses.get((pulse.population, pulse.date))
        if known_pulse is None:
            kept_pulses.append(pulse)
        elif _figures(known_pulse) != _figures(pulse):
            problems.append(Problem(
                str(path), f"pulse, {pulse.population}, {pulse.date.isoformat()}",
                "this survey is already recorded with other results", pulse.respondents,
                f"the results recorded ({known_pulse.respondents} respondents); remove them "
                "first to replace them"))
    _raise(Path(path), problems)
    skipped = (len(imported.kpi_readings) - len(kept_readings)
               + len(imported.pulse_results) - len(kept_pulses))
    notes = list(imported.notes)
    if skipped:
        notes.append(Message("measure.already_recorded", {"count": skipped}))
    return Imported(kept_readings, kept_pulses, notes)


def _figures(pulse: PulseResult) -> tuple[int, float | None, float | None, float | None]:
    return (pulse.respondents, pulse.understand, pulse.want, pulse.able)
