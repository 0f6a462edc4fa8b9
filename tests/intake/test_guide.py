"""The intake guide in docs/ is the schema, rendered: never out of date."""

from __future__ import annotations

from pathlib import Path

from playbook.intake.guide import render_guide
from playbook.intake.schema import SHEETS

GUIDE = Path(__file__).parents[2] / "docs" / "intake.md"


def test_docs_intake_md_is_up_to_date_with_the_schema() -> None:
    assert GUIDE.read_text(encoding="utf-8") == render_guide(), (
        "docs/intake.md is stale: run `python -m playbook.intake.guide docs/intake.md`"
    )


def test_the_guide_documents_every_column_with_its_type_and_codes() -> None:
    text = render_guide()
    for sheet in SHEETS:
        assert f"### `{sheet.name}`" in text
        for column in sheet.columns:
            assert f"| `{column.name}` |" in text
    assert "| `headcount` | effectif | whole number | **required** | a whole number > 0 |" in text


def test_the_guide_gives_the_french_workbook_s_tabs_and_headers() -> None:
    """A French workbook shows French tabs and headers: the guide names each one
    beside its code, so the consultant finds the column the page describes."""
    from playbook.intake.headers import column_header, sheet_title

    text = render_guide()
    for sheet in SHEETS:
        assert f"French tab: **{sheet_title(sheet.name, 'fr')}**" in text
        for column in sheet.columns:
            assert f"| `{column.name}` | {column_header(sheet.name, column.name, 'fr')} |" in text
    assert "| `status` | statut |" in text and "French tab: **Suivi des actions**" in text
    assert "| `desiloing` | Working in silos | Décloisonnement |" in text
