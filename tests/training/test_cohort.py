"""A trainer checks a cohort: one answer file per trainee, YAML or Excel; a
report with every score and the points most trainees missed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import papermill
import pytest
import yaml
from openpyxl import Workbook

from playbook.cli import main
from playbook.training import solution
from playbook.training.cohort import AnswerFileError, check_cohort, write_cohort_report

CASE = "contact_centre"
EXERCISES = sorted((Path(__file__).parents[2] / "notebooks" / "training").glob("01_exercise_*.ipynb"))


@pytest.fixture(scope="module")
def perfect() -> dict:
    return solution(CASE)


def _without(answer: dict, population: str) -> dict:
    """The answer of a trainee who never thought of `population`."""
    return {"populations": [p for p in answer["populations"] if p != population],
            **{key: {p: v for p, v in answer[key].items() if p != population}
               for key in ("brakes", "risks", "levers")}}


def _yaml(path: Path, trainee: str, answer: dict, case: str | None = CASE) -> Path:
    data = {"trainee": trainee, **({"case": case} if case else {}), **answer}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _xlsx(path: Path, trainee: str, answer: dict) -> Path:
    """The workbook layout: trainee and case on top, one row per population."""
    book = Workbook()
    ws = book.active
    ws.append(["trainee", trainee])
    ws.append(["case", CASE])
    ws.append([])
    ws.append(["population", "brakes", "rejection", "misuse", "understand", "want", "be_able"])
    for name in answer["populations"]:
        risks = answer["risks"].get(name, {})
        levers = answer["levers"].get(name, {})
        ws.append([name, "; ".join(answer["brakes"].get(name, [])),
                   risks.get("rejection"), risks.get("misuse"),
                   *("; ".join(levers.get(p, [])) for p in ("understand", "want", "be_able"))])
    book.save(path)
    return path


def test_a_perfect_answer_scores_full_marks_in_yaml_and_in_excel(tmp_path, perfect) -> None:
    files = [_yaml(tmp_path / "ana.yaml", "Ana", perfect),
             _xlsx(tmp_path / "ben.xlsx", "Ben", perfect)]

    cohort = check_cohort(files)

    assert {g.trainee: g.feedback.score for g in cohort.graded} == {"Ana": 1.0, "Ben": 1.0}
    assert cohort.most_missed() == []


def test_the_points_most_trainees_missed_come_first(tmp_path, perfect) -> None:
    forgotten = perfect["populations"][-1]
    partial = _without(perfect, forgotten)
    files = [_yaml(tmp_path / f"{n}.yaml", n, partial) for n in ("Ana", "Ben")]
    files.append(_yaml(tmp_path / "cleo.yaml", "Cléo", perfect))

    cohort = check_cohort(files)

    kind, subject, count = cohort.most_missed()[0]
    assert (kind, subject, count) == ("Forgotten population", forgotten, 2)


def test_the_report_reopens_with_every_score_and_the_most_missed(tmp_path, perfect) -> None:
    partial = _without(perfect, perfect["populations"][-1])
    files = [_yaml(tmp_path / "ana.yaml", "Ana", perfect),
             _yaml(tmp_path / "ben.yaml", "Ben", partial)]

    written = write_cohort_report(check_cohort(files, lang="fr"), tmp_path / "out")

    document = docx.Document(str(written["docx"]))
    scores, missed = document.tables[-2:]
    assert [c.text for c in scores.rows[0].cells] == ["Stagiaire", "Cas", "Score", "Remarques"]
    assert [c.text for c in scores.rows[1].cells][0::2] == ["Ana", "100/100"]
    assert missed.rows[1].cells[0].text == "Population oubliée"
    assert missed.rows[1].cells[2].text == "1/2"
    rows = list(csv.DictReader(written["csv"].open(encoding="utf-8")))
    assert [(r["trainee"], r["score"]) for r in rows][0] == ("Ana", "100")


def test_unreadable_answers_are_all_listed_and_nothing_is_written(tmp_path, perfect) -> None:
    (tmp_path / "broken.yaml").write_text("trainee: [unclosed\n", encoding="utf-8")
    nameless = _yaml(tmp_path / "nocase.yaml", "Dan", perfect, case=None)

    with pytest.raises(AnswerFileError) as caught:
        check_cohort([tmp_path / "broken.yaml", nameless, tmp_path / "absent.yaml"])

    assert len(caught.value.problems) == 3
    assert "give --case" in str(caught.value)


def test_the_command_grades_the_cohort_and_writes_the_report(tmp_path, perfect, capsys) -> None:
    files = [_yaml(tmp_path / "ana.yaml", "Ana", perfect, case=None)]

    status = main(["training", "check", *map(str, files), "--case", CASE,
                   "--out", str(tmp_path / "out")])

    out = capsys.readouterr().out
    assert status == 0
    assert "Ana: 100/100" in out
    assert (tmp_path / "out" / "cohort-report.docx").is_file()


def test_a_broken_answer_file_exits_2_with_nothing_written(tmp_path, capsys) -> None:
    status = main(["training", "check", str(tmp_path / "absent.yaml"), "--out", str(tmp_path / "o")])

    assert status == 2
    assert "absent.yaml: file not found" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_the_answer_is_a_parameter_papermill_can_inject(path: Path) -> None:
    parameters = papermill.inspect_notebook(str(path))

    assert "answer" in parameters
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    later = [c for c in cells[1:] if c["cell_type"] == "code"]
    assert not any("".join(c["source"]).lstrip().startswith("answer =") for c in later)


def _document_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def test_each_trainee_gets_a_feedback_document_with_what_was_right_and_what_was_missed(
        tmp_path, perfect) -> None:
    forgotten = perfect["populations"][-1]
    files = [_yaml(tmp_path / "ana.yaml", "Ana Martin", perfect),
             _yaml(tmp_path / "ben.yaml", "Ben Morel", _without(perfect, forgotten))]
    cohort = check_cohort(files)

    written = write_cohort_report(cohort, tmp_path / "out")

    ben = tmp_path / "out" / "feedback" / "feedback-Ben Morel.docx"
    assert ben in written.values() and (tmp_path / "out" / "feedback" / "feedback-Ana Martin.docx").is_file()
    text = _document_text(ben)
    feedback = next(g.feedback for g in cohort.graded if g.trainee == "Ben Morel")
    assert f"Score: {round(feedback.score * 100)}/100" in text
    found, missed = text.split("What you missed, and why")
    assert "What you found" in found
    first = perfect["populations"][0]
    assert f"“{first}” mapped" in found
    assert f"Risk of rejection of “{first}” at the right level" in found
    assert forgotten not in found
    remark = feedback.of_kind("missing_population")[0]
    assert f"Forgotten population — {forgotten}" in missed
    assert remark.message.split(".")[0] in missed.replace("\u00a0", " ")  # why, per the method
    assert "Ana" not in text  # one trainee's file holds nobody else's answer
    assert main(["check-text", str(tmp_path / "out" / "feedback")]) == 0  # nothing a trainee must not read


def test_a_french_feedback_document_is_named_and_worded_in_french(tmp_path, perfect) -> None:
    files = [_yaml(tmp_path / "ana.yaml", "Ana", perfect), _yaml(tmp_path / "ana2.yaml", "Ana", perfect)]

    write_cohort_report(check_cohort(files, lang="fr"), tmp_path / "out")

    folder = tmp_path / "out" / "retours"
    assert sorted(p.name for p in folder.iterdir()) == ["retour-Ana-2.docx", "retour-Ana.docx"]
    text = _document_text(folder / "retour-Ana.docx")
    assert "Retour individuel" in text and "Ce que vous avez trouvé" in text
    assert "Aucune différence avec le diagnostic de la méthode" in text


def test_a_french_check_names_every_unreadable_answer_in_french(tmp_path, perfect, capsys) -> None:
    nameless = _yaml(tmp_path / "sanscas.yaml", "Dan", perfect, case=None)
    (tmp_path / "notes.txt").write_text("?", encoding="utf-8")

    status = main(["training", "check", str(nameless), str(tmp_path / "absent.yaml"),
                   str(tmp_path / "notes.txt"), "--lang", "fr", "--out", str(tmp_path / "o")])

    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{nameless} : pas de cas : ajoutez « case: <nom> » au fichier ou donnez --case",
        f"{tmp_path / 'absent.yaml'} : fichier introuvable",
        f"{tmp_path / 'notes.txt'} : type de fichier non pris en charge '.txt' : donnez un .yaml ou un .xlsx",
    ]
