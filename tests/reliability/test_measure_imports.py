"""`measure import` on the files a consultant really gets, and does twice.

No survey answer is published when fewer than `min_group` people gave it; an
export imported twice changes nothing; the same user twice in a period is
reported; a macro-enabled workbook keeps its macros; a YAML engagement written
in flow style is imported; every version an import replaced stays findable,
and `batch` on the engagements' folder does not take them for clients.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from playbook.intake import load_engagement, write_intake_template
from playbook.intake.append import previous_path, versions_dir
from playbook.intake.measure_import import import_survey
from playbook.model import Engagement
from playbook.run.batch import find_engagements
from tests.factories import minimal_engagement_dict

ADOPTION = {"kind": "adoption", "name": "Adoption – everyone", "population": "", "unit": "%",
            "baseline": 0, "target": 80}
USAGE = """user,team,week_ending,logins,records_created
a1,Agency advisers,2026-06-01,5,12
a2,Agency advisers,2026-06-01,0,0
a3,Agency advisers,2026-06-01,0,0
m1,Agency managers,2026-06-01,4,2
"""


def _data() -> dict:
    data = minimal_engagement_dict()
    data["kpis"] = [ADOPTION]
    return data


@pytest.fixture
def engagement() -> Engagement:
    return Engagement.model_validate(_data())


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- survey anonymity


def test_a_pillar_answered_by_one_person_is_withheld(tmp_path, engagement):
    # Five respondents, enough to publish; only the first answered the "able" question.
    rows = ["team,date,understand_1,want_1,able_1"]
    rows += ["Agency advisers,2026-06-01,4,3," + ("1" if i == 0 else "") for i in range(5)]
    imported = import_survey(_write(tmp_path / "survey.csv", "\n".join(rows) + "\n"), engagement, 5)

    (result,) = imported.pulse_results
    assert (result.respondents, result.understand, result.want, result.able) == (5, 4.0, 3.0, None)
    assert [note.text("en") for note in imported.notes] == [
        "Agency advisers, 2026-06-01: question 'able_1' answered by 1, fewer than 5; left out",
        "Agency advisers, 2026-06-01: 'able' answered by 1 of 5 respondents, no question by 5 or "
        "more; score withheld",
    ]


def test_a_question_answered_by_too_few_is_left_out_of_its_pillar(tmp_path, engagement):
    # able_1 answered by all five (score 4), able_2 by one person only (score 1).
    rows = ["team,date,understand_1,able_1,able_2"]
    rows += ["Agency advisers,2026-06-01,4,4," + ("1" if i == 0 else "") for i in range(5)]
    imported = import_survey(_write(tmp_path / "survey.csv", "\n".join(rows) + "\n"), engagement, 5)

    (result,) = imported.pulse_results
    assert result.able == 4.0  # that person's 1 is not in it
    assert "question 'able_2' answered by 1, fewer than 5; left out" in imported.notes[0].text("en")


# --------------------------------------------------------------------------- twice, duplicates


def test_importing_the_same_export_twice_changes_nothing(tmp_path, capsys):
    engagement = _write(tmp_path / "client.yaml", yaml.safe_dump(_data(), allow_unicode=True))
    export = _write(tmp_path / "usage.csv", USAGE)
    assert main(["measure", "import", str(engagement), str(export), "--kind", "usage"]) == 0
    once = engagement.read_bytes()
    capsys.readouterr()

    assert main(["measure", "import", str(engagement), str(export), "--kind", "usage"]) == 0

    assert engagement.read_bytes() == once
    out = capsys.readouterr().out
    assert "already recorded with the same figures; not added again" in out
    assert f"{engagement}: nothing new to add; the file was not changed" in " ".join(out.split())


def test_a_period_already_recorded_with_other_figures_is_refused(tmp_path, capsys):
    engagement = _write(tmp_path / "client.yaml", yaml.safe_dump(_data(), allow_unicode=True))
    assert main(["measure", "import", str(engagement), str(_write(tmp_path / "u.csv", USAGE)),
                 "--kind", "usage"]) == 0
    once = engagement.read_bytes()
    corrected = _write(tmp_path / "u2.csv", USAGE.replace("a2,Agency advisers,2026-06-01,0,0",
                                                          "a2,Agency advisers,2026-06-01,2,2"))

    status = main(["measure", "import", str(engagement), str(corrected), "--kind", "usage"])

    assert status == 2
    err = " ".join(capsys.readouterr().err.split())
    assert ("adoption, Agency advisers, 2026-06-01: this period is already recorded with another "
            "value (found 66.7); expected the value recorded (33.3); remove that reading first "
            "to replace it") in err
    assert engagement.read_bytes() == once


def test_the_same_user_twice_in_a_period_is_reported_not_counted(tmp_path, engagement, capsys):
    engagement_file = _write(tmp_path / "client.yaml", yaml.safe_dump(_data(), allow_unicode=True))
    before = engagement_file.read_bytes()
    export = _write(tmp_path / "usage.csv", USAGE + "a1,Agency advisers,2026-06-01,5,12\n")

    status = main(["measure", "import", str(engagement_file), str(export), "--kind", "usage"])

    assert status == 2
    assert ("row 6, column A (user): the same user twice in one period (found 'a1'); expected one "
            "row per user and period (first at row 2)") in " ".join(capsys.readouterr().err.split())
    assert engagement_file.read_bytes() == before
    assert not previous_path(engagement_file).exists()


# --------------------------------------------------------------------------- the file's own form


def test_a_yaml_engagement_with_measurements_in_flow_style_is_imported(tmp_path):
    text = yaml.safe_dump(_data(), allow_unicode=True)
    text += ("kpi_readings: [{kpi: adoption, date: 2026-05-18, value: 10.0},\n"
             "  {kpi: adoption, date: 2026-05-25, value: 20.0}]\n")
    engagement = _write(tmp_path / "client.yaml", text)

    assert main(["measure", "import", str(engagement), str(_write(tmp_path / "u.csv", USAGE)),
                 "--kind", "usage"]) == 0

    readings = load_engagement(engagement).kpi_readings
    assert [(r.kpi, str(r.date), r.value) for r in readings[:2]] == [
        ("adoption", "2026-05-18", 10.0), ("adoption", "2026-05-25", 20.0)]
    assert len(readings) == 2 + 4  # adoption of two populations and everyone, usage: 2026-06-01


def test_an_import_whose_result_is_invalid_names_the_engagement_not_a_temporary_file(tmp_path, capsys):
    data = _data()
    data["kpi_readings"] = "not a list"
    engagement = _write(tmp_path / "client.yaml", yaml.safe_dump(data, allow_unicode=True))

    status = main(["measure", "import", str(engagement), str(_write(tmp_path / "u.csv", USAGE)),
                   "--kind", "usage"])

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"{engagement}: ")
    assert ".~playbook-" not in err


def _xlsm(tmp_path: Path, engagement: Engagement) -> Path:
    """The intake workbook saved as a macro-enabled workbook with a VBA project."""
    plain = write_intake_template(tmp_path / "plain.xlsx", engagement)
    xlsm = tmp_path / "client.xlsm"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
                    b"<Default Extension=\"xml\"",
                    b"<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                    b"<Default Extension=\"xml\"")
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                    b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'))
            out.writestr(item, data)
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 a client's macros " * 40)
    return xlsm


def test_an_xlsm_workbook_keeps_its_macros_in_the_file_and_its_backup(tmp_path, engagement):
    xlsm = _xlsm(tmp_path, engagement)
    original = xlsm.read_bytes()
    with zipfile.ZipFile(xlsm) as book:
        macros = book.read("xl/vbaProject.bin")
    survey = "team,date,understand_1\n" + "Agency advisers,2026-06-01,4\n" * 6

    assert main(["measure", "import", str(xlsm), str(_write(tmp_path / "s.csv", survey)),
                 "--kind", "survey"]) == 0

    with zipfile.ZipFile(xlsm) as book:
        assert book.read("xl/vbaProject.bin") == macros
        assert b"macroEnabled.main+xml" in book.read("[Content_Types].xml")
    assert previous_path(xlsm).read_bytes() == original
    assert len(load_engagement(xlsm).pulse_results) == 1


def test_an_xlsm_whose_macros_would_be_lost_is_refused_untouched(tmp_path, engagement, monkeypatch,
                                                                    capsys):
    import playbook.intake.append as append

    xlsm = _xlsm(tmp_path, engagement)
    original = xlsm.read_bytes()
    real = append.load_workbook
    monkeypatch.setattr(append, "load_workbook", lambda path, keep_vba=False: real(path))
    survey = "team,date,understand_1\n" + "Agency advisers,2026-06-01,4\n" * 6

    status = main(["measure", "import", str(xlsm), str(_write(tmp_path / "s.csv", survey)),
                   "--kind", "survey"])

    assert status == 2
    assert (f"{xlsm}: the import would not keep this workbook's macros (xl/vbaProject.bin); "
            "nothing was changed.") in capsys.readouterr().err
    assert xlsm.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.xlsm", "plain.xlsx", "s.csv"]


# --------------------------------------------------------------------------- versions kept


def test_every_replaced_version_is_kept_and_batch_does_not_take_them_for_clients(tmp_path, engagement):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    workbook = write_intake_template(inbox / "client.xlsx", engagement)
    first = workbook.read_bytes()
    usage = _write(tmp_path / "usage.csv", USAGE)
    survey = _write(tmp_path / "survey.csv", "team,date,understand_1\n" + "Agency advisers,2026-06-01,4\n" * 6)

    assert main(["measure", "import", str(workbook), str(usage), "--kind", "usage"]) == 0
    after_usage = workbook.read_bytes()
    assert main(["measure", "import", str(workbook), str(survey), "--kind", "survey"]) == 0

    # The survey belongs to the same committee: `.previous` is still the state before it began.
    assert previous_path(workbook).read_bytes() == first
    kept = sorted(p.read_bytes() for p in versions_dir(workbook).iterdir())
    assert sorted([first, after_usage]) == kept
    assert find_engagements([inbox]) == [workbook.resolve()]
    shutil.rmtree(versions_dir(workbook))


# --------------------------------------------------------------------------- careless exports


def test_an_export_saved_in_windows_1252_gets_the_fix_not_a_codec_error(tmp_path, capsys):
    engagement = _write(tmp_path / "client.yaml", yaml.safe_dump(_data(), allow_unicode=True))
    before = engagement.read_bytes()
    export = tmp_path / "usage.csv"
    export.write_bytes(USAGE.replace("a3,", "Hélène,").encode("cp1252"))

    status = main(["measure", "import", str(engagement), str(export), "--kind", "usage"])

    assert status == 2
    assert ("file: not UTF-8 text (a CSV saved by Excel as 'CSV' is in Windows-1252); expected a "
            "CSV saved as 'CSV UTF-8 (comma delimited)', or the .xlsx export") in " ".join(
        capsys.readouterr().err.split())
    assert engagement.read_bytes() == before


def test_usage_dated_far_in_the_future_is_said(tmp_path, engagement):
    from playbook.intake.measure_import import import_usage

    imported = import_usage(_write(tmp_path / "u.csv", USAGE.replace("2026-06-01", "2099-06-01")),
                            engagement)

    assert ("periods dated in the future (2099-06-01): check the export's dates"
            in [note.text("en") for note in imported.notes])
