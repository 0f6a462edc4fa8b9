"""A session's material: the answer workbook a trainee fills in Excel, graded by
`training check`; the trainee's copies without the model answer, the trainer's with it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from playbook.cli import main
from playbook.method import load_method
from playbook.training import check, reference, solution
from playbook.training.cases import case_names
from playbook.training.cohort import AnswerFileError, check_cohort
from playbook.training.facilitator import model_answer_table
from playbook.training.materials import Material, prepare

CASE = "contact_centre"
NOTEBOOKS = Path(__file__).parents[2] / "notebooks" / "training"


@pytest.fixture(scope="module")
def method():
    return load_method()


@pytest.fixture(scope="module")
def material(tmp_path_factory, method) -> dict[str, list[Material]]:
    """Every case's material, in French and in English."""
    root = tmp_path_factory.mktemp("material")
    return {lang: prepare(root / lang, lang, method) for lang in ("fr", "en")}


def _of(materials: list[Material], case: str) -> Material:
    return next(m for m in materials if m.case == case)


def fill(blank: Path, path: Path, answer: dict, lang: str, trainee: str, method) -> Path:
    """The workbook as a trainee fills it: labels picked from the dropdowns, in `lang`."""
    shutil.copy(blank, path)
    book = load_workbook(path)
    intro, populations, brakes, risks, levers = (book[s] for s in book.sheetnames[:5])
    intro["B3"] = trainee
    for row, name in enumerate(answer["populations"], 2):
        populations.cell(row, 1, name)
    rows = [(p, method.brakes.brake(c).label.in_(lang)) for p, codes in answer["brakes"].items()
            for c in codes]
    for row, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            brakes.cell(row, column, value)
    level = {n: method.text(f"training.risk_levels.{n}", lang) for n in range(4)}
    for row, (name, kinds) in enumerate(answer["risks"].items(), 2):
        risks.cell(row, 1, name)
        risks.cell(row, 2, level[kinds["rejection"]])
        risks.cell(row, 3, level[kinds["misuse"]])
    rows = [(p, method.levers.pillars[pillar].label.in_(lang), method.levers.lever(i).label.in_(lang))
            for p, pillars in answer["levers"].items() for pillar, ids in pillars.items() for i in ids]
    for row, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            levers.cell(row, column, value)
    book.save(path)
    return path


def _cells(path: Path) -> str:
    """Every value of every sheet of a workbook, as one text."""
    book = load_workbook(path)
    return "\n".join(" | ".join(str(v) for v in row if v is not None)
                     for ws in book.worksheets for row in ws.iter_rows(values_only=True))


def test_the_french_workbook_has_a_sheet_per_question_and_dropdowns_of_labels(material, method):
    book = load_workbook(_of(material["fr"], CASE).trainee_workbook)
    assert book.sheetnames == ["Consignes", "Populations", "Freins", "Risques", "Leviers", "Référentiel"]
    reference_sheet = book["Référentiel"]
    brake_labels = [b.label.in_("fr") for b in method.brakes.brakes]
    assert [reference_sheet.cell(r, 1).value for r in range(2, 2 + len(brake_labels))] == brake_labels
    lists = {str(v.sqref): v.formula1 for v in book["Freins"].data_validations.dataValidation}
    assert lists["B2:B61"] == f"'Référentiel'!$A$2:$A${len(brake_labels) + 1}"
    assert lists["A2:A61"] == "'Populations'!$A$2:$A$61"  # the trainee's own populations
    levels = {str(v.sqref): v.formula1 for v in book["Risques"].data_validations.dataValidation}
    assert [reference_sheet[f"I{r}"].value for r in range(2, 6)] == ["aucun", "faible", "moyen", "élevé"]
    assert levels["B2:B61"] == levels["C2:C61"] == "'Référentiel'!$I$2:$I$5"
    assert [c.value for c in book["Risques"][1]] == ["Population", "Rejet", "Dévoiement"]
    text = _cells(_of(material["fr"], CASE).trainee_workbook)
    assert "efficiency_loss" not in text and "training_classroom" not in text  # labels, not codes
    english = load_workbook(_of(material["en"], CASE).trainee_workbook)
    assert english.sheetnames == ["Instructions", "Populations", "Barriers", "Risks", "Levers", "Reference"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_filled_workbook_is_graded_as_the_same_answer_typed_in_the_notebook(
        tmp_path, material, method, lang):
    blank = _of(material[lang], CASE).trainee_workbook
    perfect = solution(CASE, lang)
    forgotten = perfect["populations"][-1]
    partial = {"populations": perfect["populations"][:-1],
               **{k: {p: v for p, v in perfect[k].items() if p != forgotten}
                  for k in ("brakes", "risks", "levers")}}
    files = [fill(blank, tmp_path / "ana.xlsx", perfect, lang, "Ana", method),
             fill(blank, tmp_path / "ben.xlsx", partial, lang, "Ben", method)]

    cohort = check_cohort(files, lang="fr" if lang == "en" else "en")  # read in the other language

    scores = {g.trainee: g.feedback.score for g in cohort.graded}
    assert scores["Ana"] == 1.0
    assert scores["Ben"] == check(partial, CASE, lang).score < 1.0
    assert {g.case for g in cohort.graded} == {CASE}


def test_every_refused_cell_of_every_workbook_is_located_at_once_and_nothing_is_written(
        tmp_path, material, method, capsys):
    blank = _of(material["fr"], CASE).trainee_workbook
    good = fill(blank, tmp_path / "ana.xlsx", solution(CASE, "fr"), "fr", "Ana", method)
    bad = fill(blank, tmp_path / "ben.xlsx", solution(CASE, "fr"), "fr", "Ben", method)
    book = load_workbook(bad)
    book["Freins"]["B2"] = "Flemme"
    book["Risques"]["C3"] = "énorme"
    book["Leviers"]["A4"] = None
    book.save(bad)
    out = tmp_path / "cohort"

    status = main(["training", "check", str(good), str(bad), "--lang", "fr", "--out", str(out)])

    errors = capsys.readouterr().err.splitlines()
    assert status == 2
    assert errors == [
        f"{bad}, feuille « Freins », ligne 2, colonne B (Frein) : « Flemme » ; "
        "attendu : un frein de la liste (feuille « Référentiel », colonne A)",
        f"{bad}, feuille « Risques », ligne 3, colonne C (Dévoiement) : « énorme » ; "
        "attendu : un niveau : aucun, faible, moyen, élevé",
        f"{bad}, feuille « Leviers », ligne 4, colonne A (Population) : « (vide) » ; "
        "attendu : une population (la ligne a des réponses mais pas de population)",
    ]
    assert not out.exists()


def test_a_workbook_whose_sheet_was_deleted_says_which(tmp_path, material, method):
    path = tmp_path / "cleo.xlsx"
    shutil.copy(_of(material["en"], CASE).trainee_workbook, path)
    book = load_workbook(path)
    del book["Risks"]
    book.save(path)
    with pytest.raises(AnswerFileError) as raised:
        check_cohort([path])
    assert raised.value.problems == [
        f"{path}: no sheet “Risks”; expected the answer workbook written by `playbook training prepare`"]


def _model_rows(case: str, lang: str, method) -> list[str]:
    """The model answer's own content: each population's row (its brakes, risks and levers)."""
    table = model_answer_table(reference(case, lang, method), method, lang)
    return [" | ".join(" ".join(str(v).split()) for v in row) for row in table.rows]


@pytest.mark.parametrize("case", case_names())
def test_the_model_answer_is_in_the_trainer_s_copy_only(material, method, case):
    for lang in ("fr", "en"):
        mine = _of(material[lang], case)
        rows = _model_rows(case, lang, method)
        trainer = mine.trainer_notebook.read_text(encoding="utf-8")
        trainee = mine.trainee_notebook.read_text(encoding="utf-8") + _cells(mine.trainee_workbook)
        assert all(row in trainer for row in rows), (case, lang)
        assert not any(row in trainee for row in rows), (case, lang)
        # nor the code that would print it
        assert "engine_tables" in trainer and "engine_tables" not in trainee
        assert "reference(" not in trainee and "solution(" not in trainee
        parameters = json.loads(mine.trainee_notebook.read_text(encoding="utf-8"))["cells"][1]
        assert f'lang = "{lang}"\n' in parameters["source"]
        assert f'case = "{case}"\n' in parameters["source"]
    for path in NOTEBOOKS.glob("01_exercise_*.ipynb"):  # what trainees open from the repository
        text = path.read_text(encoding="utf-8")
        assert "reference(" not in text and "solution(" not in text and "engine_tables" not in text


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "no exercise case 'no_such_case'; bundled cases: "),
    ("fr", "aucun cas d'exercice 'no_such_case' ; cas fournis : "),
])
def test_prepare_refuses_an_unknown_case_before_writing_anything(tmp_path, capsys, lang, said):
    status = main(["training", "prepare", CASE, "no_such_case", "--lang", lang,
                   "--out", str(tmp_path / "m")])
    assert status == 2
    assert said + ", ".join(case_names()) in capsys.readouterr().err  # in the session's language
    assert not (tmp_path / "m").exists()


def test_the_trainer_s_notebook_runs_and_shows_the_engine_s_reasons(tmp_path, material):
    import nbformat
    import papermill

    from playbook.run.engines import ENGINE_NAME, register

    register()
    mine = _of(material["fr"], CASE)
    papermill.execute_notebook(str(mine.trainer_notebook), str(tmp_path / "out.ipynb"),
                               engine_name=ENGINE_NAME, progress_bar=False,
                               cwd=str(tmp_path))
    cells = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells
    last = cells[-1]
    assert "engine_tables" in last.source
    shown = last.outputs[0].data["text/html"]
    assert "Conseillers du centre de contacts" in shown and "Perte d’efficacité" in shown


@pytest.mark.parametrize("case", case_names())
def test_the_trainee_s_draft_answer_is_in_the_session_s_words_and_grades_the_same(material, method, case):
    namespaces = {}
    for lang in ("fr", "en"):
        cell = json.loads(_of(material[lang], case).trainee_notebook.read_text(encoding="utf-8"))["cells"][1]
        namespaces[lang] = {}
        exec("".join(cell["source"]), namespaces[lang])  # the parameters cell holds literals only
    codes = {b.code.value for b in method.brakes.brakes} | {lever.id for lever in method.levers.levers}
    french = namespaces["fr"]["answer"]
    assert not codes & set(json.dumps(french, ensure_ascii=False).replace('"', " ").split())
    assert not {"understand", "want", "be_able"} & {k for v in french["levers"].values() for k in v}
    english_names = {p.name for p in reference(case, "en", method).engagement.populations}
    assert not english_names & set(french["populations"])
    assert (check(french, case, "fr", method).score
            == check(namespaces["en"]["answer"], case, "en", method).score)
