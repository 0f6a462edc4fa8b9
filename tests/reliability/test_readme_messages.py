"""The README's "When something goes wrong" table quotes the messages as they are.

Each message below is produced by the code itself, so rewording one without
updating the table a consultant reads fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.intake import messages as msg
from playbook.model.types import MAX_NAME, MAX_TEXT

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## When something goes wrong")
    return text[start : text.index("\n## ", start + 1)]


@pytest.mark.parametrize(
    "message",
    [
        msg.text("too_long", "en", length=283, limit=MAX_NAME),
        msg.text("yaml_duplicate_key", "en", name="populations", first=38).split(":")[0],
        msg.text("yaml_tag", "en", tag="!!binary").split(":")[0],
        msg.text("yaml_too_many_aliases", "en", limit=100000).split(":")[0],
        msg.text("is_folder", "en").split(":")[0],
        msg.text("not_regular_file", "en").split(":")[0].split(",")[0],
        "already exists; nothing was written. Add --force to replace it",
        "is the --from file itself",
        "give it a name ending in .xlsx",
        "holds the deliverables of another client",
        "would write the same folder",
        "none of them was run",
        "is a file, not a folder",
        "is read-only",
        "could not write or read",
        f"names 120 characters, texts {MAX_TEXT:,}",
        "this is the engagement of another client",
        "the manifest of another client",
        "give the name of an exercise case, not a path",
        "among the bundled cases",
        "the same user twice in one period",
        "this period is already recorded with another value",
        "nothing new to add",
        "fewer than 5; left out",
        "score withheld",
        "the import would not keep this workbook's macros",
        "unknown placeholder {secret}; this label may use:",
        "more than 64 MB: not read",
        "links to an outside image",
        "is a link that leads out of the output folder; nothing was written",
        "font file LiberationSans-Regular.ttf is missing",
        msg.text("look_alike_client", "en", scripts="Cyrillic, Latin").split(":")[0],
    ],
)
def test_the_table_quotes_the_message(message: str) -> None:
    assert message in _section()


def test_the_yaml_colon_and_did_you_mean_rows_quote_the_messages() -> None:
    from playbook.text import render

    section = _section()
    assert render("yaml.colon_in_value", "en", detail="", char="")[:60] in section
    assert render("intake.did_you_mean", "en", name="Back-office") in section
