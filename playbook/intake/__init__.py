"""The intake: an engagement file (Excel workbook or YAML) in, an `Engagement` out.

    engagement = load_engagement("acme.xlsx")            # or "acme.yaml"
    report = read_intake("acme.xlsx")                     # + the warnings
    write_intake_template("blank.xlsx", lang="fr")        # the consultant's workbook

Both formats are read into the same model, and both report every problem at
once, located (sheet/row/column or YAML key path and line), in the
engagement's language; see `docs/intake.md` for the workbook's columns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import Problem
from ..model import Engagement
from . import messages as msg
from .assemble import PlanIds, assemble
from .schema import SHEETS, Column, Sheet
from .source import Source
from .xlsx_writer import write_intake_template

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class IntakeReport:
    """A valid engagement and what deserves a look without blocking (warnings)."""

    engagement: Engagement
    warnings: list[Problem] = field(default_factory=list)
    # Where each `action_status` row is, in the order of `engagement.action_status`.
    action_rows: list[str] = field(default_factory=list)
    file: str = ""  # the file read, as the problems name it


def read_intake(
    path: str | Path, *, lang: str | None = None, method_dir: str | Path | None = None,
    action_ids: list[str] | None = None, plan_ids: PlanIds | None = None,
) -> IntakeReport:
    """Read and check an engagement file; raise `IntakeError` with every problem.

    `lang` forces the language of the messages; by default it is the
    engagement's own language when the file says it, else the consultant's
    (`PLAYBOOK_LANG`, the system locale: see `playbook.text.language`).
    `method_dir`: an adapted method, whose lever codes `action_status` may name
    (default: the bundled method's). `action_ids`: the ids of the engagement's
    planned actions (the analysis knows them, see `workbench.check_action_ids`),
    which `action_status` rows giving an id must name. `plan_ids`: how to plan a
    candidate engagement (see `workbench.plan_ids`), so that a file with errors
    has its `action_status` ids checked in the same round.
    """
    from ..text import render
    from ..text.language import preferred_language

    path = Path(path)
    first_lang = lang or preferred_language() or "en"
    where = render("yaml.where_unknown", first_lang)

    def fail(message: str) -> msg.LocalizedIntakeError:
        return msg.LocalizedIntakeError(
            str(path), [Problem(str(path), where, message)], lang=first_lang
        )

    if path.is_dir():
        raise fail(msg.text("is_folder", first_lang))
    if path.exists() and not path.is_file():
        raise fail(msg.text("not_regular_file", first_lang))
    if not path.is_file():
        raise fail(msg.text("not_found", first_lang))
    if not os.access(path, os.R_OK):
        raise fail(msg.text("unreadable", first_lang))
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        from .yaml_reader import YamlSource

        source: Source = YamlSource(path, first_lang, lang_forced=lang is not None)
    elif suffix in XLSX_SUFFIXES:
        from .xlsx_reader import XlsxSource

        source = XlsxSource(path, first_lang)
    elif suffix == ".xls":
        raise fail(msg.text("old_xls", first_lang))
    else:
        raise fail(msg.text("unsupported_extension", first_lang, ext=suffix or path.name))
    if lang is None:
        source.lang = source.language_hint() or first_lang
    check_records = getattr(source, "check_records", None)
    if check_records is not None:
        check_records()
    try:
        engagement, action_rows = assemble(source, lever_codes(method_dir), action_ids, plan_ids)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    if engagement is None:
        raise msg.LocalizedIntakeError(str(path), source.problems, lang=source.lang)
    return IntakeReport(engagement, [p for p in source.problems if p.severity == "warning"],
                        action_rows, str(path))


def load_engagement(
    path: str | Path, *, lang: str | None = None, method_dir: str | Path | None = None,
    plan_ids: PlanIds | None = None,
) -> Engagement:
    """The engagement in `path` (.xlsx or .yaml); `IntakeError` lists every problem
    (`plan_ids`: see `read_intake`)."""
    return read_intake(path, lang=lang, method_dir=method_dir, plan_ids=plan_ids).engagement


def lever_codes(method_dir: str | Path | None = None) -> list[str] | None:
    """The lever codes of the method in `method_dir` (default: the bundled one), read
    from its `levers.yaml`; None when it cannot be read (the method's own loading
    reports that)."""
    from .. import safe_yaml
    from ..files import read_regular
    from ..method.loader import DEFAULT_DIR

    try:
        codes = _lever_codes(read_regular(Path(method_dir or DEFAULT_DIR) / "levers.yaml",
                                          safe_yaml.MAX_BYTES))
    except Exception:  # an unreadable catalogue is the method loader's to report
        return None
    return list(codes) if codes is not None else None


@lru_cache(maxsize=4)
def _lever_codes(content: bytes) -> tuple[str, ...] | None:
    """The lever codes of one `levers.yaml`, by its bytes: every engagement read
    in a process reads the same catalogue, parsed once."""
    from .. import safe_yaml

    try:
        data = safe_yaml.load(content)
        return tuple(str(lever["id"]) for lever in data["levers"])
    except Exception:  # a broken catalogue is the method loader's to report
        return None


__all__ = [
    "SHEETS",
    "Column",
    "IntakeReport",
    "Sheet",
    "load_engagement",
    "read_intake",
    "write_intake_template",
]
