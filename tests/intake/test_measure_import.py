"""Importers of step 5: a CRM usage export and a pulse-survey export become the
engagement's measurements, with located errors and anonymity of small groups;
`playbook measure import` adds them to the engagement file atomically."""

from __future__ import annotations

import datetime as dt

import pytest

from playbook.cli import main
from playbook.errors import IntakeError
from playbook.intake import load_engagement, write_intake_template
from playbook.intake.append import append_yaml_items, previous_path
from playbook.intake.measure_import import import_survey, import_usage
from playbook.model import Engagement
from tests.factories import minimal_engagement_dict

from .helpers import write_yaml

ADOPTION = {"kind": "adoption", "name": "Adoption – everyone", "population": "", "unit": "%",
            "baseline": 0, "target": 80}


@pytest.fixture
def engagement() -> Engagement:
    data = minimal_engagement_dict()
    data["kpis"] = [ADOPTION]
    return Engagement.model_validate(data)


@pytest.fixture
def engagement_file(tmp_path):
    data = minimal_engagement_dict()
    data["kpis"] = [ADOPTION]
    return write_yaml(tmp_path / "verdanne.yaml", data)


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


USAGE = """user,team,week_ending,logins,records_created
a1,Agency advisers,2026-06-01,5,12
a2,Agency advisers,2026-06-01,3,0
a3,Agency advisers,2026-06-01,0,0
a4,Agency advisers,2026-06-01,2,4
m1,Agency managers,2026-06-01,4,2
"""


# --------------------------------------------------------------------------- usage


def test_usage_adoption_counts_users_with_a_login_and_a_record(tmp_path, engagement):
    imported = import_usage(write(tmp_path / "usage.csv", USAGE), engagement)
    values = {(r.kpi, r.population): r.value for r in imported.kpi_readings}
    assert values[("adoption", "Agency advisers")] == 50.0  # a1 and a4 of four
    assert values[("adoption", "Agency managers")] == 100.0
    assert values[("Adoption – everyone", "")] == 60.0  # the engagement's own KPI, 3 of 5
    assert {r.date for r in imported.kpi_readings} == {dt.date(2026, 6, 1)}


def test_usage_columns_are_matched_by_their_french_names_too(tmp_path, engagement):
    text = ("Utilisateur;Équipe;Semaine;Connexions;Fiches créées\n"
            "a1;Agency advisers;01/06/2026;5;12\n")
    imported = import_usage(write(tmp_path / "usage.csv", text), engagement)
    assert ("adoption", "Agency advisers", 100.0) in {
        (r.kpi, r.population, r.value) for r in imported.kpi_readings}


def test_usage_feeds_the_method_s_usage_and_data_quality_kpis_when_the_engagement_has_none(
        tmp_path, engagement):
    text = ("user,team,date,logins,records,mandatory_completed,mandatory_total\n"
            "a1,Agency advisers,2026-06-01,5,12,90,100\n"
            "a2,Agency advisers,2026-06-01,5,8,60,100\n")
    imported = import_usage(write(tmp_path / "usage.csv", text), engagement)
    values = {r.kpi: r.value for r in imported.kpi_readings if not r.population}
    assert values["usage"] == 10.0  # records per active user
    assert values["data_quality"] == 75.0


def test_every_bad_usage_row_is_reported_at_once_with_its_place(tmp_path, engagement):
    text = ("user,team,week_ending,logins,records_created\n"
            "a1,Agency advisors,2026-06-01,5,12\n"
            "a2,Agency advisers,June,3,0\n"
            "a3,Agency advisers,2026-06-01,-1,two\n")
    with pytest.raises(IntakeError) as caught:
        import_usage(write(tmp_path / "usage.csv", text), engagement)
    where = [(p.where, p.message) for p in caught.value.problems]
    assert where == [
        ("row 2, column B (team)", "unknown population"),
        ("row 3, column C (week_ending)", "invalid date"),
        ("row 4, column D (logins)", "invalid count"),
        ("row 4, column E (records_created)", "invalid count"),
    ]
    assert "Agency advisers" in caught.value.problems[0].expected


def test_a_missing_usage_column_names_what_was_expected_and_what_was_found(tmp_path, engagement):
    with pytest.raises(IntakeError) as caught:
        import_usage(write(tmp_path / "usage.csv", "user,team,date,logins\na1,Agency advisers,2026-06-01,1\n"),
                     engagement)
    (problem,) = caught.value.problems
    assert problem.message == "missing column for 'records'"
    assert "records_created" in problem.expected and "columns found: user, team" in problem.expected


def test_usage_reads_an_xlsx_export(tmp_path, engagement):
    import pandas as pd

    path = tmp_path / "usage.xlsx"
    pd.DataFrame({"user": ["a1"], "team": ["Agency managers"], "date": [dt.date(2026, 6, 1)],
                  "logins": [2], "records": [1]}).to_excel(path, index=False)
    assert any(r.population == "Agency managers" for r in import_usage(path, engagement).kpi_readings)


# --------------------------------------------------------------------------- survey


def survey(rows: list[tuple[str, int, int, int]]) -> str:
    lines = ["team,submitted,understand_why,want_to_use,able_daily_use,comment"]
    lines += [f"{team},2026-06-15,{u},{w},{a},I am the only one who says this" for team, u, w, a in rows]
    return "\n".join(lines) + "\n"


def test_survey_results_are_mean_scores_per_population(tmp_path, engagement):
    rows = [("Agency advisers", 4, 2, 3)] * 3 + [("Agency advisers", 5, 3, 4)] * 2
    (result,) = import_survey(write(tmp_path / "s.csv", survey(rows)), engagement, 5).pulse_results
    assert (result.population, result.respondents) == ("Agency advisers", 5)
    assert (result.understand, result.want, result.able) == (4.4, 2.4, 3.4)
    assert result.comments == ""  # free comments can identify their author: never imported


def test_a_group_below_the_minimum_size_keeps_its_count_but_not_its_scores(tmp_path, engagement):
    rows = [("Agency managers", 1, 1, 1)] * 4 + [("Agency advisers", 4, 4, 4)] * 5
    imported = import_survey(write(tmp_path / "s.csv", survey(rows)), engagement, 5)
    results = {r.population: r for r in imported.pulse_results}
    managers = results["Agency managers"]
    assert managers.respondents == 4 and (managers.understand, managers.want, managers.able) == (None,) * 3
    assert results["Agency advisers"].want == 4.0  # five respondents: published
    notes = [note.text("en") for note in imported.notes]
    assert any("Agency managers" in note and "withheld" in note for note in notes)
    french = [note.text("fr") for note in imported.notes]  # one language per sentence
    assert any("4 répondants, moins de 5 ; scores non communiqués" in note for note in french)


def test_an_answer_off_the_likert_scale_is_located(tmp_path, engagement):
    text = survey([("Agency advisers", 4, 4, 4)]).replace(",4,4,4,", ",4,7,4,")
    with pytest.raises(IntakeError) as caught:
        import_survey(write(tmp_path / "s.csv", text), engagement, 5)
    (problem,) = caught.value.problems
    assert (problem.where, problem.found) == ("row 2, column D (want_to_use)", "7")


# --------------------------------------------------------------------------- appending


def test_import_appends_to_a_yaml_engagement_and_keeps_the_previous_file(tmp_path, engagement_file):
    before = engagement_file.read_text(encoding="utf-8")
    export = write(tmp_path / "usage.csv", USAGE)
    assert main(["measure", "import", str(engagement_file), str(export), "--kind", "usage"]) == 0
    assert previous_path(engagement_file).read_text(encoding="utf-8") == before
    readings = load_engagement(engagement_file).kpi_readings
    assert len(readings) == 4  # adoption of two populations and of everyone, usage
    later = write(tmp_path / "usage-2.csv", USAGE.replace("2026-06-01", "2026-06-15"))
    assert main(["measure", "import", str(engagement_file), str(later), "--kind", "usage"]) == 0
    assert len(load_engagement(engagement_file).kpi_readings) == 8  # appended, not replaced


def test_import_appends_rows_to_the_workbook_s_sheet(tmp_path, engagement):
    workbook = write_intake_template(tmp_path / "verdanne.xlsx", engagement)
    export = write(tmp_path / "survey.csv", survey([("Agency advisers", 4, 3, 2)] * 6))
    assert main(["measure", "import", str(workbook), str(export), "--kind", "survey"]) == 0
    (result,) = load_engagement(workbook).pulse_results
    assert (result.respondents, result.able) == (6, 2.0)
    assert load_engagement(workbook).populations == engagement.populations  # the rest untouched


def test_a_bad_export_changes_nothing(tmp_path, engagement_file, capsys):
    before = engagement_file.read_bytes()
    export = write(tmp_path / "usage.csv", USAGE.replace("Agency managers", "Managers"))
    assert main(["measure", "import", str(engagement_file), str(export), "--kind", "usage"]) == 2
    assert "row 6, column B (team): unknown population" in capsys.readouterr().err
    assert engagement_file.read_bytes() == before
    assert not previous_path(engagement_file).exists()


def test_yaml_items_go_at_the_end_of_their_list_and_comments_stay():
    text = "# client file\nkpi_readings:\n  # first COPIL\n  - {kpi: usage, value: 1}\n\nkpis: []\n"
    out = append_yaml_items(text, "kpi_readings", [{"kpi": "usage", "value": 2}])
    assert out == ("# client file\nkpi_readings:\n  # first COPIL\n  - {kpi: usage, value: 1}\n"
                   "  - {kpi: usage, value: 2}\n\nkpis: []\n")
    assert append_yaml_items("a: 1\n", "pulse_results", [{"x": 1}]).endswith("pulse_results:\n  - {x: 1}\n")


# --------------------------------------------------------------------------- the measurement sheets


def test_the_workbook_has_the_three_measurement_sheets_with_dropdowns(tmp_path, engagement):
    from openpyxl import load_workbook

    book = load_workbook(write_intake_template(tmp_path / "blank.xlsx", engagement))
    for sheet in ("kpi_readings", "attendance", "pulse_results"):
        assert sheet in book.sheetnames
    populations = [v.formula1 for v in book["pulse_results"].data_validations.dataValidation]
    assert any("populations" in (f or "") for f in populations)


def test_a_bad_measurement_row_is_located_like_any_other(tmp_path):
    data = minimal_engagement_dict()
    data["kpis"] = [ADOPTION]
    data["kpi_readings"] = [{"kpi": "Adoption – everyone", "date": "2026-06-01", "value": 70},
                            {"kpi": "Adoption rate", "date": "2026-06-01", "value": 70},
                            {"kpi": "adoption", "territory": "South", "date": "2026-06-01", "value": 70}]
    data["pulse_results"] = [{"population": "Agency managers", "date": "2026-06-01", "respondents": 6,
                              "want": 6}]
    with pytest.raises(IntakeError) as caught:
        load_engagement(write_yaml(tmp_path / "bad.yaml", data))
    where = sorted(p.where.split(" (line")[0] for p in caught.value.errors)
    assert where == ["kpi_readings[1].kpi", "kpi_readings[2].territory", "pulse_results[0].want"]
