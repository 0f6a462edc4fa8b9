"""A trainer checks a whole cohort at once: one answer file per trainee.

An answer file is YAML or an Excel workbook:

    # alice.yaml
    trainee: Alice Martin
    case: contact_centre
    populations: [Contact-centre advisers, Team supervisors]
    brakes: {Contact-centre advisers: [efficiency_loss]}
    risks: {Contact-centre advisers: {rejection: high, misuse: medium}}
    levers: {Contact-centre advisers: {understand: [benefits_storytelling]}}

A workbook holds `trainee` and `case` in A1:B2, then a header row and one row
per population: population | brakes | rejection | misuse | understand | want |
be_able (several names in a cell separated by ';'). Each answer is checked like
a notebook's (`check`); the cohort report gives every trainee's score and the
points most trainees missed, which is what the debrief should spend time on.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import safe_yaml
from ..errors import PlaybookError, brief
from ..files import atomic_write_text, spreadsheet_text, unique_name
from ..method import Method, load_method
from ..render import BulletItem, Bullets, Document, Heading, Paragraph, Table, write_docx
from ..render.ir import document_lang
from ..safe_yaml import YamlRefused
from ..text import render
from ..text.typography import colon
from .check import check
from .feedback import Feedback
from .workbook import WorkbookProblems

# An answer names a few populations; a file far larger is not one.
MAX_ANSWER_BYTES = 1 << 20
ANSWER_KEYS = ("populations", "brakes", "risks", "levers")
COLUMNS = ("population", "brakes", "rejection", "misuse", "understand", "want", "be_able")


class AnswerFileError(PlaybookError):
    """Answer files that cannot be read: every one of them, at once."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class TraineeAnswer:
    trainee: str
    case: str
    answer: dict[str, Any]
    path: Path


@dataclass(frozen=True)
class Graded:
    trainee: str
    case: str
    path: Path
    feedback: Feedback


@dataclass(frozen=True)
class Cohort:
    lang: str
    graded: list[Graded]

    def most_missed(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """(kind label, subject, number of trainees) for the commonest remarks."""
        counts: Counter[tuple[str, str]] = Counter()
        labels: dict[str, str] = {}
        for graded in self.graded:
            seen = {(r.kind, r.subject) for r in graded.feedback.remarks}
            counts.update(seen)
            labels.update(graded.feedback.kind_labels)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [(labels.get(kind, kind), subject, n) for (kind, subject), n in ranked[:limit]]


def _e(key: str, lang: str, **values: Any) -> str:
    """A problem with an answer file, in the console's language."""
    return render(f"answer_file.{key}", lang, **values)


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in str(value).replace("\n", ";").split(";") if part.strip()]


def _from_yaml(path: Path, lang: str) -> dict[str, Any]:
    try:
        data = safe_yaml.load_file(path, MAX_ANSWER_BYTES)
    except YamlRefused as exc:
        raise ValueError(_e("yaml_refused", lang, reason=exc)) from None
    except OSError as exc:
        raise ValueError(_e("yaml_unreadable", lang, reason=type(exc).__name__)) from None
    if not isinstance(data, dict):
        raise ValueError(_e("yaml_keys", lang))
    return data


def _from_xlsx(path: Path, method: Method, lang: str) -> dict[str, Any]:
    from openpyxl import load_workbook

    from .workbook import is_answer_workbook, read_answer_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(_e("xlsx_unreadable", lang)) from None
    if is_answer_workbook(book.sheetnames):
        book.close()
        return read_answer_workbook(path, method, lang)
    # A one-sheet table (population | brakes | rejection | misuse | understand | want | be_able).
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    head = {str(r[0]).strip(): r[1] for r in rows[:2] if r and r[0] is not None and len(r) > 1}
    header = next((i for i, r in enumerate(rows) if r and str(r[0]).strip() == "population"), None)
    if header is None:
        raise ValueError(_e("xlsx_header", lang))
    names = [str(c).strip() if c is not None else "" for c in rows[header]]
    data: dict[str, Any] = {"trainee": head.get("trainee"), "case": head.get("case"),
                            "populations": [], "brakes": {}, "risks": {}, "levers": {}}
    for row in rows[header + 1:]:
        cells = dict(zip(names, row, strict=False))
        population = str(cells.get("population") or "").strip()
        if not population:
            continue
        data["populations"].append(population)
        if _split(cells.get("brakes")):
            data["brakes"][population] = _split(cells.get("brakes"))
        risks = {k: cells[k] for k in ("rejection", "misuse") if cells.get(k) not in (None, "")}
        if risks:
            data["risks"][population] = risks
        levers = {k: _split(cells.get(k)) for k in ("understand", "want", "be_able")}
        if any(levers.values()):
            data["levers"][population] = levers
    return data


def read_answer(path: str | Path, case: str | None = None, method: Method | None = None,
                lang: str = "en") -> TraineeAnswer:
    """One trainee's answer file; `case` is the default when the file names none.

    An answer workbook's problems are every one located (`WorkbookProblems`)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(_e("not_found", lang))
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data = _from_yaml(path, lang)
    elif suffix == ".xlsx":
        data = _from_xlsx(path, method or load_method(), lang)
    else:
        raise ValueError(_e("file_type", lang, kind=repr(suffix or path.name)))
    chosen = data.get("case") or case
    if not chosen:
        raise ValueError(_e("no_case", lang))
    trainee = str(data.get("trainee") or path.stem)
    return TraineeAnswer(trainee, str(chosen), {k: data.get(k) or {} if k != "populations"
                                                else data.get(k) or [] for k in ANSWER_KEYS},
                         path)


_CASE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")


def case_source(name: str, cases_dir: str | Path | None = None, lang: str = "en") -> str | Path:
    """What an answer's `case` may designate: a bundled case by name, or a case
    of the trainer's folder `cases_dir` (given on the command line) by name.

    Never a path: an answer file is the trainee's, and must not make the
    playbook read (and print the populations of) any other file, such as a
    client's engagement.
    """
    from .cases import case_names

    if not _CASE_NAME.fullmatch(name):
        raise ValueError(_e("case_path", lang, case=repr(brief(name)), cases=", ".join(case_names())))
    if cases_dir is not None:
        folder = Path(cases_dir)
        for suffix in (".yaml", ".yml", ".xlsx"):
            if (folder / f"{name}{suffix}").is_file():
                return folder / f"{name}{suffix}"
    if name in case_names():
        return name
    where = _e("case_or_in", lang, folder=cases_dir) if cases_dir is not None else ""
    raise ValueError(_e("case_unknown", lang, case=repr(name), where=where,
                        cases=", ".join(case_names())))


def check_cohort(paths: Iterable[str | Path], case: str | None = None, lang: str = "en",
                 method: Method | str | Path | None = None,
                 cases_dir: str | Path | None = None) -> Cohort:
    """Every answer checked; `AnswerFileError` lists every unreadable file at once.

    Each answer is graded against a bundled case, or one of `cases_dir` (a
    trainer's own cases), named by the answer file or by `case`."""
    if not isinstance(method, Method):
        method = load_method(method or None)
    if cases_dir is not None and not Path(cases_dir).is_dir():
        raise AnswerFileError([_e("cases_not_folder", lang, folder=cases_dir)])
    answers, problems = [], []
    for path in paths:
        try:
            answer = read_answer(path, case, method, lang)
            answers.append((answer, case_source(answer.case, cases_dir, lang)))
        except WorkbookProblems as exc:
            problems.extend(exc.problems)  # each one names its file, sheet, row and column
        except ValueError as exc:
            problems.append(f"{path}{colon(lang)}{exc}")
    graded = []
    for answer, source in answers:
        try:
            feedback = check(answer.answer, source, lang=lang, method=method)
        except PlaybookError as exc:
            problems.append(f"{answer.path}{colon(lang)}{exc}")
            continue
        graded.append(Graded(answer.trainee, answer.case, answer.path, feedback))
    if problems:
        raise AnswerFileError(problems)
    if not graded:
        raise AnswerFileError([_e("no_answer", lang)])
    return Cohort(lang, graded)




def _t(key: str, lang: str) -> str:
    return render(f"cohort.{key}", lang)


def cohort_document(cohort: Cohort) -> Document:
    lang = cohort.lang
    total = len(cohort.graded)
    scores = Table(
        [_t("trainee", lang), _t("case", lang), _t("score", lang), _t("remarks", lang)],
        [[g.trainee, g.feedback.case, f"{round(g.feedback.score * 100)}/100",
          str(len(g.feedback.remarks))] for g in sorted(cohort.graded, key=lambda g: g.trainee)],
        widths=[4, 4, 1.5, 1.5],
    )
    missed = cohort.most_missed()
    blocks: list[Any] = [Heading(_t("scores", lang)), Paragraph(_t("scores_intro", lang)), scores,
                         Heading(_t("missed", lang))]
    if missed:
        blocks += [Paragraph(_t("missed_intro", lang)), Table(
            [_t("kind", lang), _t("subject", lang), _t("trainees", lang)],
            [[kind, subject, f"{n}/{total}"] for kind, subject, n in missed], widths=[3, 4, 1.5])]
    else:
        blocks.append(Paragraph(_t("none_missed", lang)))
    return Document(title=_t("title", lang), subtitle=_t("subtitle", lang), lang=document_lang(lang),
                    blocks=blocks)


def scores_csv(cohort: Cohort) -> str:
    """The score table as CSV (opens in Excel): trainee, case, score, remarks, file."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["trainee", "case", "score", "remarks", "file"])
    for g in sorted(cohort.graded, key=lambda g: g.trainee):
        writer.writerow([spreadsheet_text(cell) for cell in (
            g.trainee, g.case, round(g.feedback.score * 100), len(g.feedback.remarks), g.path.name)])
    return out.getvalue()


def feedback_document(graded: Graded) -> Document:
    """One trainee's feedback: the score, what the answer got right and what it
    missed, each point with the method's reason and its source."""
    feedback, lang = graded.feedback, graded.feedback.lang
    blocks: list[Any] = [
        Heading(_t("feedback.score", lang)),
        Paragraph(f"**{feedback.texts.get('score', f'{round(feedback.score * 100)}/100')}**"),
        Paragraph(_t("scores_intro", lang)),
        Heading(_t("feedback.found", lang)),
    ]
    if feedback.credits:
        blocks.append(Paragraph(_t("feedback.found_intro", lang)))
        items: list[BulletItem | str] = []
        for subject in dict.fromkeys(c.subject for c in feedback.credits):
            mine = [c for c in feedback.credits if c.subject == subject]
            mapped = next((c.message for c in mine if c.kind == "population"), subject)
            items.append(BulletItem(f"**{mapped}**"))
            items += [BulletItem(c.message, 1) for c in mine if c.kind != "population"]
        blocks.append(Bullets(items))
    else:
        blocks.append(Paragraph(_t("feedback.found_none", lang)))
    blocks.append(Heading(_t("feedback.missed", lang)))
    if feedback.perfect:
        blocks.append(Paragraph(feedback.texts.get("perfect", "")))
    for number, remark in enumerate(feedback.remarks, 1):
        # a heading, so it stays on the page of its explanation
        blocks.append(Heading(f"{number}. {feedback.kind_labels.get(remark.kind, remark.kind)}"
                              f" — {remark.subject}", 3))
        blocks.append(Paragraph(remark.message))
        if remark.seed:
            blocks.append(Paragraph(f"{feedback.texts.get('seed_prefix', '')} {remark.seed}".strip(),
                                    "caption"))
    return Document(title=_t("feedback.title", lang), subtitle=feedback.texts.get("title", ""),
                    client=graded.trainee, lang=document_lang(lang),
                    blocks=blocks)


def feedback_paths(cohort: Cohort, out_dir: str | Path) -> dict[str, Path]:
    """Each trainee's feedback file: `<out>/feedback/feedback-<trainee>.docx`
    (`retours/retour-<stagiaire>.docx` in French); two trainees of one name are numbered."""
    folder = Path(out_dir) / _t("feedback.folder", cohort.lang)
    paths: dict[str, Path] = {}
    taken: set[str] = set()
    for graded in sorted(cohort.graded, key=lambda g: (g.trainee, str(g.path))):
        stem = render("cohort.feedback.file", cohort.lang, trainee=unique_name(graded.trainee))
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        paths[str(graded.path)] = folder / f"{name}.docx"
    return paths


def write_cohort_report(cohort: Cohort, out_dir: str | Path,
                        templates_dir: str | Path | None = None,
                        method: Method | None = None) -> dict[str, Path]:
    """`<out_dir>/cohort-report.docx` (bilan-promotion in French), its scores as
    CSV, and one feedback document per trainee (see `feedback_paths`)."""
    out = Path(out_dir)
    stem = _t("file", cohort.lang)
    labels = method or load_method()
    written = {
        "docx": write_docx(cohort_document(cohort), out / f"{stem}.docx", templates_dir,
                           labels=labels),
        "csv": atomic_write_text(out / f"{stem}-scores.csv", scores_csv(cohort)),
    }
    paths = feedback_paths(cohort, out)
    for graded in sorted(cohort.graded, key=lambda g: (g.trainee, str(g.path))):
        path = paths[str(graded.path)]
        written[f"feedback:{path.name}"] = write_docx(feedback_document(graded), path,
                                                     templates_dir, labels=labels)
    return written
