"""Write the plan's actions into an engagement's `action_status`, in place.

`playbook plan export` lists every planned action there (id, wording, owner,
date, what was recorded of it) so the consultant only picks a status. The
engagement file is the consultant's: a workbook keeps every other sheet as it
was (only the `action_status` tab is written anew, in the template's layout,
under its own name); a YAML file keeps every other key and its comments (only
the `action_status` list is rewritten). The result is read back with the
ordinary intake before it replaces the file, atomically, and the file as it
was is kept in `<name>.versions/`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook

from ..errors import IntakeError
from ..files import atomic_path
from ..model import ActionRecord
from .append import _check_macros_kept, _keep_version
from .xlsx_writer import replace_table

SHEET = "action_status"


def write_action_status(path: str | Path, records: list[ActionRecord], lang: str,
                        action_ids: list[str] | None = None) -> tuple[Path, list[str]]:
    """Replace the `action_status` of the engagement file at `path` with
    `records`; return where the previous version was kept and where each of
    `records` now is in the file (as problems locate it). `action_ids`: the
    plan's ids, which the rows read back must name. Raises `IntakeError` (file
    untouched) when the result would not read back as a valid engagement."""
    from . import read_intake

    path = Path(path)
    original = path.read_bytes()
    with atomic_path(path) as candidate:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            macros = path.suffix.lower() == ".xlsm"
            book = load_workbook(path, keep_vba=macros)
            replace_table(book, SHEET, records, lang)
            book.save(candidate)
            if macros:
                _check_macros_kept(path, candidate)
        else:
            text = original.decode("utf-8-sig")
            candidate.write_text(replace_yaml_list(text, SHEET, [_item(r) for r in records]),
                                 encoding="utf-8")
        try:
            written = read_intake(candidate, lang=lang, action_ids=action_ids)
        except IntakeError as error:  # the original stays as it was; name it, not the candidate
            raise replace(error, path=str(path), problems=[
                replace(p, file=str(path)) for p in error.problems]) from None
        kept = _keep_version(path, original)
    return kept, written.action_rows


def _item(record: ActionRecord) -> dict[str, Any]:
    """The record as a YAML item: its filled fields, codes as codes, dates as dates."""
    data = record.model_dump(mode="python", exclude_defaults=True)
    return {key: getattr(value, "value", value) for key, value in data.items()}


# --------------------------------------------------------------------------- YAML

_TOP_KEY = re.compile(r"^[A-Za-z_\"'][^:#]*:(\s|$)")


def replace_yaml_list(text: str, key: str, items: list[dict[str, Any]]) -> str:
    """`text` with the top-level list `key` replaced by `items`, one item a line
    (added at the end of the file when absent); every other line is kept."""
    lines = text.splitlines()
    flow = [yaml.safe_dump(item, default_flow_style=True, allow_unicode=True, sort_keys=False,
                           width=10**6).strip() for item in items]
    block = [f"{key}:", *(f"  - {item}" for item in flow)] if flow else [f"{key}: []"]
    head = re.compile(rf"^{re.escape(key)}\s*:")
    start = next((i for i, line in enumerate(lines) if head.match(line)), None)
    if start is None:
        return "\n".join([*lines, "", *block]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank lines and the next key's comment stay with the next key
    return "\n".join([*lines[:start], *block, *lines[end:]]) + "\n"
