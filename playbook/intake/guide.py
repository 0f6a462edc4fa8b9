"""The intake guide (`docs/intake.md`), rendered from the schema.

Regenerate after any change to the model or to `columns.py`:

    python -m playbook.intake.guide docs/intake.md

A test fails while the committed guide differs from what this renders.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.types import MAX_NAME, MAX_TEXT
from . import messages as msg
from .headers import column_header, sheet_title
from .schema import SHEETS, Column, Sheet, snake_case, vocabularies
from .vocabulary import label

_INTRO = """\
# The intake: filling the engagement workbook

Everything the deliverables say about a client comes from one engagement file:
the Excel workbook a consultant fills during framing and interviews, or the same
content in YAML. This page lists every sheet and column. It is generated from
the engagement model (`python -m playbook.intake.guide docs/intake.md`), so it
always matches what `playbook validate` checks.

- Get a blank workbook with `playbook intake-template intake.xlsx --lang fr`
  (or `--lang en`); `--from engagement.yaml` fills it from an existing file.
- Check it at any time with `playbook validate intake.xlsx`: every problem is
  listed at once with its sheet, row and column; the exit status is 2 while an
  error remains. Warnings (an unknown column, a CRM-user population that goes
  live in no lot, a population without any impact) do not block.
- A workbook's tabs and column headers are in its language: a French workbook
  shows the French names given below beside each code (`Populations`,
  `effectif`); an English one shows the codes. Either language's names are read
  in any workbook, whatever their case or accents; do not invent others.
  Dark headers are required, light ones optional: an empty optional cell takes
  the default shown below. Point at a header in Excel to read its help.
- `action_status` need not be typed: `intake-template --from` and
  `playbook plan export ENGAGEMENT` list every planned action there (its stable
  id, wording, owner and planned date, in the engagement's language), so only
  the status remains to pick, done or cancelled. An id the plan does not have is
  an error naming the id most likely meant, reported with the file's other
  errors (when other sheets have errors too, an id a plan of the file's
  populations and lots could have once they are corrected is checked after
  they are). A row dated on a day the plan has no
  occurrence of its lever for its population is a warning (`validate`,
  `plan export`, `intake-template --from`) giving its row and the nearest
  planned date: its status
  applies to nothing until the date is corrected.
- `engagement` and `training` hold one value per row: the field name in column A,
  the value in column B.
- The YAML form has the shape of the model: `populations`, `lots`... are lists of
  records with the same field names; `team`, `key_users`, `administrators`
  and `workshops` sit under `governance`, `blackouts` under `training`; the
  sponsor and project manager are `governance.sponsor.name`...
- Territories are described once, in `territories` (local management's stance,
  local sponsor or nobody yet, public-holiday region, specifics); a population,
  key user or blackout names one. A population of the whole country says
  `National`, which needs no row.

## How values are read

| Type | Accepted |
|---|---|
| name | Text; spaces (non-breaking ones included) are trimmed and collapsed. Names are keys: write a population or a lot the same way everywhere. |
| text | Free text; line breaks are kept. |
| names | Several names in one cell, separated by `;` or line breaks (a list in YAML). |
| whole number / number | `12`, `1 200`, `3,5` or `3.5`. A share accepts `25%` or `0.25`. |
| yes/no | `yes`/`no`, `oui`/`non`, `true`/`false`, `1`/`0`, `x`/empty. Empty means the default. |
| date | An Excel date, or text: `2026-03-15`, `15/03/2026`, `15 mars 2026`, `15 March 2026`. Numeric dates are always day first. |
| code | One of the listed codes (case, spaces and hyphens are forgiven: `Team leader` reads as `team_leader`). |

Empty rows are ignored. Merged cells, formulas without a saved result and
password-protected workbooks are refused with a message saying what to do.

## Impact intensity (sheet `impacts`)

| Intensity | Meaning |
|---|---|
| 0 | No change for this population on this dimension. |
| 1 | Low: a few habits change; a short briefing is enough. |
| 2 | Medium: daily work changes noticeably; training and support are needed. |
| 3 | High: the job, tool or culture changes deeply; expect resistance and plan strong support. |
"""

_KIND = {
    "name": "name",
    "text": "text",
    "names": "names",
    "int": "whole number",
    "float": "number",
    "bool": "yes/no",
    "date": "date",
    "enum": "code",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _accepted(column: Column) -> str:
    if column.kind == "enum":
        codes = ", ".join(f"`{code}`" for code in column.codes)
        return f"{codes} (see [{column.vocabulary_key}](#{column.vocabulary_key}))"
    text = msg.expected(column, "en")
    if column.kind in ("name", "names"):
        text += f", at most {MAX_NAME} characters" + (" each" if column.kind == "names" else "")
    elif column.kind == "text":
        text += f", at most {MAX_TEXT:,} characters"
    if column.references:
        text += f"; names from sheet `{column.references}`"
    return text


def _default(column: Column) -> str:
    if column.required:
        return "**required**"
    return f"optional, default: {msg.format_default(column, 'en')}"


def _sheet(sheet: Sheet) -> list[str]:
    lines = [f"### `{sheet.name}`", "", f"French tab: **{sheet_title(sheet.name, 'fr')}**", "",
             sheet.help_en, "", f"*{sheet.help_fr}*", ""]
    first = "Field (column A)" if sheet.shape == "record" else "Column"
    lines += [
        f"| {first} | French header | Type | Required | Accepted values | Meaning | Signification |",
        "|---|---|---|---|---|---|---|",
    ]
    for column in sheet.columns:
        lines.append(
            f"| `{column.name}` | {_cell(column_header(sheet.name, column.name, 'fr'))} "
            f"| {_KIND[column.kind]} | {_default(column)} | {_cell(_accepted(column))} "
            f"| {_cell(column.help_en)} | {_cell(column.help_fr)} |"
        )
    return [*lines, ""]


def render_guide() -> str:
    """The intake guide as Markdown (English, with the French help beside it)."""
    lines = [_INTRO, "## Sheets", ""]
    lines += [f"- [`{s.name}`](#{s.name}): {s.help_en}" for s in SHEETS]
    lines.append("")
    for sheet in SHEETS:
        lines += _sheet(sheet)
    lines += ["## Codes", "", "Labels come from `playbook/method/data/vocabulary.yaml`.", ""]
    for vocabulary in vocabularies():
        key = snake_case(vocabulary.__name__)
        lines += [f"### {key}", "", "| Code | English | Français |", "|---|---|---|"]
        lines += [
            f"| `{code}` | {label(key, code, 'en')} | {label(key, code, 'fr')} |"
            for code in vocabulary.codes()
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render_guide()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
