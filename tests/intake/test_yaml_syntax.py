"""A broken YAML file is explained in plain words: what to do, line and column.

The consultant's usual slips each get their fix; the message speaks the
engagement's language when the file says it, even though it cannot be read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from playbook.errors import IntakeError
from playbook.intake import read_intake
from playbook.intake.yaml_syntax import guess_language

HEAD = "engagement:\n  client: Acme\n"


def _problem(tmp_path: Path, text: str, lang: str | None = None):
    path = tmp_path / "engagement.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IntakeError) as caught:
        read_intake(path, lang=lang)
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        (HEAD + "  strategy: Objective: 20 % more sales\n", "line 3, column 22",
         "put the whole value in quotes"),
        ("engagement:\n\tclient: Acme\n", "line 2, column 1", "replace the tab by spaces"),
        (HEAD + "  sector: 'Retail\n  kickoff: 2026-01-05\n", "line 3, column 11",
         "the quote opened here is never closed"),
        (HEAD + "  sector: 'l'agence'\n", "line 3, column 14", "double it inside single quotes"),
        (HEAD + " sector: Retail\n", "line 3, column 2", "not indented like the lines above"),
        (HEAD + "  sector: @retail\n", "line 3, column 11", "starts with '@'"),
        (HEAD + "  consultants: [Ana, Bo\n  sector: x\n", "line 3, column 16",
         "opened here with [ or { is not closed"),
    ],
    ids=["colon-in-value", "tab", "open-quote", "quote-in-quotes", "indentation",
         "reserved-character", "open-bracket"],
)
def test_each_usual_slip_gets_its_fix_and_place(tmp_path: Path, text: str, where: str, hint: str) -> None:
    problem = _problem(tmp_path, text)

    assert problem.where == where
    assert problem.message.startswith("not valid YAML")
    assert hint in problem.message


def test_the_offending_line_is_shown(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + "  strategy: Objective: 20 % more sales\n")

    assert problem.found == "strategy: Objective: 20 % more sales"


def test_a_french_engagement_reads_the_explanation_in_french(tmp_path: Path, capsys) -> None:
    """French spacing puts a space after « : », so an unquoted value breaks the file."""
    path = tmp_path / "engagement.yaml"
    path.write_text(HEAD + "  language: fr\n  strategy: Objectif : 20 % de ventes en plus\n",
                    encoding="utf-8")

    assert main(["validate", str(path)]) == 2

    err = capsys.readouterr().err
    assert "1 problème trouvé" in err
    assert "ligne 4, colonne 22 : YAML invalide" in err
    assert "mettre toute la valeur entre guillemets" in err
    assert "(top)" not in err and "mapping values" not in err


def test_a_chosen_language_wins_over_the_guess(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + "  language: fr\n\tsector: x\n", lang="en")

    assert problem.message.startswith("not valid YAML")


@pytest.mark.parametrize(
    ("text", "lang"),
    [("engagement:\n  language: fr\n", "fr"), ("  language: 'EN'  # comment\n", "en"),
     ("engagement:\n  client: x\n", None)],
)
def test_the_language_is_guessed_from_a_plain_language_line(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang
