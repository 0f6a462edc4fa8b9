"""The file names the README gives a trainer are the names the playbook writes,
in English and in French (a report the README calls `cohort-report.docx` must
not appear as anything else without the README saying so)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from playbook.method import load_method
from playbook.training import solution
from playbook.training.cohort import check_cohort, write_cohort_report
from playbook.training.materials import prepare

README = Path(__file__).parents[2] / "README.md"
CASE = "contact_centre"
TRAINEE = "Ana"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Training new consultants")
    return text[start:text.index("\n## ", start + 1)]


def _named_in_readme() -> set[str]:
    return set(re.findall(r"`([\w<>/.-]+\.(?:docx|csv|xlsx|ipynb))`", _section()))


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> set[str]:
    """Every file `training prepare` and `training check` write, as the README names them."""
    root = tmp_path_factory.mktemp("names")
    answer = root / "ana.yaml"
    answer.write_text(yaml.safe_dump({"trainee": TRAINEE, "case": CASE, **solution(CASE)}),
                      encoding="utf-8")
    names = set()
    for lang in ("en", "fr"):
        prepare(root / lang / "material", lang, load_method(), [CASE])
        write_cohort_report(check_cohort([answer], lang=lang), root / lang / "cohort")
        for folder in ("material", "cohort"):
            for path in (root / lang / folder).rglob("*.*"):
                name = path.relative_to(root / lang / folder).as_posix()
                names.add(name.replace(TRAINEE, "<trainee>"))
    return names


def test_every_training_file_the_readme_names_is_one_the_playbook_writes(written) -> None:
    named = _named_in_readme()
    shipped = {n for n in named if (README.parent / n).is_file()}  # the repository's notebooks
    assert len(named - shipped) >= 9, "the README names the files a trainer gets"
    assert named - shipped - written == set()


def test_every_training_file_the_playbook_writes_is_named_in_the_readme(written) -> None:
    section = _section()
    unnamed = {n for n in written if n not in section and n.split("/")[-1] not in section}
    assert unnamed == set()
