"""A session's material for each exercise: the trainee's copy and the trainer's.

The trainee gets the exercise notebook (in the session's language) and the
answer workbook; neither holds the model answer, which is the engine's own
diagnosis of the case. The trainer gets the same notebook followed by the
model answer (the facilitator guide's table) and the engine's reasons for it,
to show at the debrief. The repository's exercise notebooks are the trainee's
version: they never carry the model answer either.
"""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import atomic_write_text
from ..method import Method
from ..resources import resource_dir
from ..text import render
from .answer import Vocabulary
from .cases import case_names, case_path, case_text
from .check import reference
from .facilitator import model_answer_table
from .workbook import write_answer_workbook


def _t(key: str, lang: str, **values: Any) -> str:
    return render(f"materials.{key}", lang, **values)


@dataclass(frozen=True)
class Material:
    """Where one case's files go under the output folder."""

    case: str
    trainee_notebook: Path
    trainee_workbook: Path
    trainer_notebook: Path

    @classmethod
    def under(cls, out: Path, case: str, lang: str) -> Material:
        stem = case.replace("_", "-")
        trainees, trainer = out / _t("trainees", lang), out / _t("trainer", lang)
        return cls(case,
                   trainees / f"{_t('notebook', lang, case=stem)}.ipynb",
                   trainees / f"{_t('workbook', lang, case=stem)}.xlsx",
                   trainer / f"{_t('model_notebook', lang, case=stem)}.ipynb")


def exercise_notebook(case: str) -> dict[str, Any]:
    """The repository's exercise notebook whose parameters name `case`."""
    for path in sorted((resource_dir("notebooks") / "training").glob("01_exercise_*.ipynb")):
        notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        source = "".join(_parameters(notebook)["source"])
        if f'case = "{case}"' in source:
            return notebook
    raise LookupError(f"no exercise notebook has case = {case!r}")


def _parameters(notebook: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))


def draft_in(answer: dict[str, Any], case: str, lang: str, method: Method) -> dict[str, Any]:
    """A draft answer in the words of `lang`: the case's population names, the
    method's labels for brakes, risks, levels, pillars and levers (never codes)."""
    vocab = Vocabulary(method)
    names = case_text(case).translations(lang)
    pillars = method.levers.pillars

    def name(text: str) -> str:
        return names.get(text, text)

    def label(code: str | None, entry: Any, text: str) -> str:
        return entry(code).label.in_(lang) if code else text

    def level(value: Any) -> Any:
        number = vocab.level(value)
        return method.text(f"training.risk_levels.{number}", lang) if number is not None else value

    return {
        "populations": [name(p) for p in answer.get("populations", [])],
        "brakes": {name(p): [label(vocab.brake(b), method.brakes.brake, b) for b in codes]
                   for p, codes in answer.get("brakes", {}).items()},
        "risks": {name(p): {label(vocab.risk(k), method.brakes.risk, k): level(v)
                            for k, v in kinds.items()}
                  for p, kinds in answer.get("risks", {}).items()},
        "levers": {name(p): {(pillars[pillar].label.in_(lang)
                              if (pillar := vocab.pillar(k)) else k):
                             [label(vocab.lever(i), method.levers.lever, i) for i in ids]
                             for k, ids in chosen.items()}
                   for p, chosen in answer.get("levers", {}).items()},
    }


def _literal(value: Any, depth: int = 0) -> str:
    """A dict of lists of strings as Python: a key a line, a long list an item a line."""
    pad = "    " * (depth + 1)
    if isinstance(value, list) and len(json.dumps(value, ensure_ascii=False)) > 70:
        lines = [f"{pad}{json.dumps(item, ensure_ascii=False)}," for item in value]
        return "[\n" + "\n".join(lines) + "\n" + "    " * depth + "]"
    if not isinstance(value, dict) or not value:
        return json.dumps(value, ensure_ascii=False)  # strings and lists of them read as Python
    items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_literal(v, depth + 1)}," for k, v in value.items()]
    return "{\n" + "\n".join(items) + "\n" + "    " * depth + "}"


def trainee_notebook(case: str, lang: str, method: Method) -> dict[str, Any]:
    """The exercise notebook in `lang`, its draft answer in the words of `lang`,
    outputs cleared: what a trainee works in."""
    notebook = exercise_notebook(case)
    cell = _parameters(notebook)
    source = "".join(cell["source"])
    head, _, draft = source.partition("answer = ")
    answer = draft_in(ast.literal_eval(draft), case, lang, method)
    lines = head.splitlines(keepends=True)
    lines = [f'lang = "{lang}"\n' if line.startswith("lang =") else line for line in lines]
    cell["source"] = [*lines, *f"answer = {_literal(answer)}".splitlines(keepends=True)]
    for each in notebook["cells"]:
        if each["cell_type"] == "code":
            each["outputs"], each["execution_count"] = [], None
    return notebook


def trainer_notebook(case: str, lang: str, method: Method) -> dict[str, Any]:
    """The trainee's notebook followed by the model answer and the engine's reasons."""
    notebook = trainee_notebook(case, lang, method)
    ref = reference(case, lang, method)
    table = model_answer_table(ref, method, lang)
    notebook["cells"] += [
        _markdown(f"## {_t('model_title', lang)}\n\n{_t('model_intro', lang)}\n\n"
                  + markdown_table(table.columns, table.rows)),
        _markdown(f"### {_t('reasons_title', lang)}"),
        _code("from playbook.training.debrief import engine_tables\n\n"
              "engine_tables(case, lang)"),
    ]
    return notebook


def markdown_table(columns: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        return " ".join(str(value).split()).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(c) for c in columns) + " |",
             "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _markdown(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": _cell_id(text), "metadata": {"tags": ["model_answer"]},
            "source": text.splitlines(keepends=True)}


def _code(text: str) -> dict[str, Any]:
    return {"cell_type": "code", "id": _cell_id(text), "execution_count": None,
            "metadata": {"tags": ["model_answer"]},
            "outputs": [], "source": text.splitlines(keepends=True)}


def _cell_id(text: str) -> str:
    """A stable cell id (nbformat 4.5): the same material gives the same notebook."""
    return "model-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _write_notebook(path: Path, notebook: dict[str, Any]) -> Path:
    return atomic_write_text(path, json.dumps(notebook, ensure_ascii=False, indent=1) + "\n")


def prepare(out_dir: str | Path, lang: str, method: Method,
            cases: list[str] | None = None) -> list[Material]:
    """Every chosen case's material (all bundled cases by default), written atomically."""
    chosen = cases or case_names()
    for case in chosen:
        case_path(case, lang)  # an unknown case stops before anything is written
    written = []
    for case in chosen:
        material = Material.under(Path(out_dir), case, lang)
        _write_notebook(material.trainee_notebook, trainee_notebook(case, lang, method))
        write_answer_workbook(case, material.trainee_workbook, lang, method)
        _write_notebook(material.trainer_notebook, trainer_notebook(case, lang, method))
        written.append(material)
    return written
