"""The workbook's description is the model's, field for field."""

from __future__ import annotations

from playbook.intake.columns import COLUMN_HELP, SHEET_HELP
from playbook.intake.schema import SHEETS, SHEETS_BY_NAME, TABLES
from playbook.model import Engagement, EngagementInfo, Governance, TrainingConstraints


def test_the_sheets_are_the_ones_consultants_are_told_about() -> None:
    assert [s.name for s in SHEETS] == [
        "engagement",
        "objectives",
        "success_criteria",
        "lots",
        "use_cases",
        "territories",
        "populations",
        "relations",
        "impacts",
        "resistances",
        "personas",
        "journeys",
        "kpis",
        "team",
        "key_users",
        "administrators",
        "workshops",
        "training",
        "blackouts",
        "action_status",
        "kpi_readings",
        "attendance",
        "pulse_results",
    ]


def test_every_table_column_is_a_field_of_its_model_in_order() -> None:
    for sheet in TABLES:
        assert sheet.column_names == list(sheet.model.model_fields), sheet.name


def test_every_list_of_the_engagement_has_a_table() -> None:
    paths = {sheet.path for sheet in TABLES}
    lists = {
        (name,)
        for name, f in Engagement.model_fields.items()
        if str(f.annotation).startswith("list")
    }
    lists |= {
        ("governance", n)
        for n, f in Governance.model_fields.items()
        if str(f.annotation).startswith("list")
    }
    lists |= {("training", "blackouts")}
    assert lists == paths


def test_record_sheets_hold_every_single_value() -> None:
    engagement = SHEETS_BY_NAME["engagement"].column_names
    assert engagement[: len(EngagementInfo.model_fields)] == list(EngagementInfo.model_fields)
    assert {
        "sponsor_name",
        "sponsor_role",
        "project_manager_name",
        "project_manager_role",
        "copil_every_weeks",
        "weekly_points",
    } <= set(engagement)
    training = SHEETS_BY_NAME["training"].column_names
    assert training == [f for f in TrainingConstraints.model_fields if f != "blackouts"]


def test_types_bounds_and_codes_come_from_the_model() -> None:
    populations = SHEETS_BY_NAME["populations"]
    headcount = populations.column("headcount")
    assert (headcount.kind, headcount.required, headcount.gt) == ("int", True, 0)
    buy_in = populations.column("buy_in")
    assert buy_in.kind == "enum" and buy_in.codes[-1] == "resistant"
    assert populations.column("shifts_tasks_to").kind == "names"
    assert populations.column("territory").default == "National"
    impacts = SHEETS_BY_NAME["impacts"]
    assert (impacts.column("intensity").ge, impacts.column("intensity").le) == (0, 3)
    assert impacts.column("population").references == "populations"
    assert SHEETS_BY_NAME["training"].column("max_share_away").is_share


def test_every_sheet_and_column_is_explained_in_both_languages_and_nothing_else() -> None:
    assert set(SHEET_HELP) == {s.name for s in SHEETS}
    for sheet in SHEETS:
        assert set(COLUMN_HELP[sheet.name]) == set(sheet.column_names), sheet.name
        for column in sheet.columns:
            assert column.help_en.strip() and column.help_fr.strip(), f"{sheet.name}.{column.name}"
