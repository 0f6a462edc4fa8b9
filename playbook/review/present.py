"""Review tables shown as the report shows them, in the engagement's language.

The review functions return the analysis' own tables (codes, flags, exact
figures) so a consultant can compute on them; a reviewer reading the notebook
or its HTML copy should see what the report prints instead: an empty cell, not
`None`; "Oui"/"Yes", not `True`; 72.8 or 73, not 72.789116; a date in words; a
list as a list of words; a code of the method as its label. `show_as_report`
makes every table a notebook displays read that way; the data stay as they are.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import Any

import pandas as pd

from ..render.typography import format_date, format_number
from ..text.typography import inner_quotes

_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]+$")


def present(frame: pd.DataFrame, analysis: Any) -> pd.DataFrame:
    """`frame` with every cell, column name and index value worded for `analysis.lang`."""
    lang = analysis.lang
    labels = _labels(analysis.method, lang)
    # Cell by cell over the frame's objects, column after column, then one frame
    # built from the worded columns: what mapping each column gives, without pandas'
    # per-column machinery (a notebook shows dozens of small tables).
    columns = frame.astype(object).to_numpy().T
    shown = pd.DataFrame({position: pd.Series([cell(v, lang, labels) for v in values],
                                              index=frame.index, dtype=object).infer_objects()
                          for position, values in enumerate(columns)},
                         index=frame.index, columns=range(len(frame.columns)))
    shown.columns = [_header(name, labels) for name in frame.columns]
    shown.index = pd.Index([cell(v, lang, labels) if not isinstance(v, int | float) or
                            isinstance(v, bool) else v for v in frame.index],
                           name=_header(frame.index.name, labels) if frame.index.name else None)
    return shown


def cell(value: Any, lang: str, labels: dict[str, str]) -> Any:
    """One cell as a reader reads it."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return labels["__yes"] if value else labels["__no"]
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        number = float(value)
        if math.isnan(number):
            return ""
        if number.is_integer():
            return format_number(int(number), lang)
        return format_number(number, lang, 1 if abs(number) < 100 else 0)
    if isinstance(value, int) or type(value).__name__.startswith("int"):
        return format_number(int(value), lang)
    if isinstance(value, pd.Timestamp):
        return format_date(value.date(), lang)
    if isinstance(value, dt.date):
        return format_date(value if not isinstance(value, dt.datetime) else value.date(), lang)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(cell(v, lang, labels)) for v in value)
    if isinstance(value, str):
        if _CODE.match(value) and value in labels:
            return labels[value]
        return inner_quotes(value)  # a quoted label inside a quotation, as the report sets it
    return value


def _header(name: Any, labels: dict[str, str]) -> str:
    text = str(name)
    if text in labels:
        return labels[text]
    return text.replace("_", " ").capitalize() if _CODE.match(text) else text


@lru_cache(maxsize=8)
def _labels(method: Any, lang: str) -> dict[str, str]:
    """Every code the method words, by its last part ('not_assessed', 'quick_win', a
    lever's id), and the deliverables' column headings: the code's label in `lang`.
    A code two vocabularies word differently keeps its first label."""
    found: dict[str, str] = {}
    for catalogue in (method.vocabulary, method.labels):
        for key in catalogue.keys():
            head, _, code = key.rpartition(".")
            if catalogue is method.labels and not head.endswith("columns"):
                continue
            found.setdefault(code, catalogue.get(key, lang))
    for lever in method.levers.levers:
        found.setdefault(lever.id, lever.label.in_(lang))
    for code, pillar in method.levers.pillars.items():
        found.setdefault(getattr(code, "value", code), pillar.label.in_(lang))
    for code, label in method.levers.quadrants.items():
        found.setdefault(code, label.in_(lang))
    for code, label in method.levers.owners.items():
        found.setdefault(code, label.in_(lang))
    for criterion in method.criteria.criteria:
        found.setdefault(getattr(criterion.code, "value", criterion.code), criterion.label.in_(lang))
    for key, label in method.criteria.texts.items():  # "not_assessed_status": a status' label
        if key.endswith("_status"):
            found.setdefault(key.removesuffix("_status"), label.in_(lang))
    found["__yes"] = method.text("common.yes", lang)
    found["__no"] = method.text("common.no", lang)
    return found


def show_as_report(analysis: Any) -> None:
    """Make the running notebook display every table through `present`, in the
    analysis' language (nothing when not inside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebooks' extra
        return
    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, lambda frame: present(frame, analysis).to_html())
