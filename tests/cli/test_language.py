"""One language rule for every command, help pages included.

--lang, then the engagement's language, then PLAYBOOK_LANG, then the system
locale, then English; every sentence comes from the coded messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.main import get_command

from playbook import __version__
from playbook.cli import app, main
from playbook.cli.run import option_date
from playbook.cli.usage import ORDER
from playbook.errors import PlaybookError
from playbook.text.language import choose_language
from playbook.text.messages import catalogue

REPOSITORY = Path(__file__).resolve().parents[2]
FRENCH_EXAMPLE = REPOSITORY / "playbook" / "examples" / "mutuelle_horizon.yaml"


@pytest.fixture
def no_preference(monkeypatch):
    for name in ("PLAYBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_rule_in_its_order(no_preference) -> None:
    assert choose_language() == "en"
    no_preference.setenv("LANG", "fr_FR.UTF-8")
    assert choose_language() == "fr"
    no_preference.setenv("PLAYBOOK_LANG", "en")
    assert choose_language() == "en"
    assert choose_language(None, "fr") == "fr"  # the engagement before the preferences
    assert choose_language("en", "fr") == "en"  # --lang before all
    no_preference.setenv("LC_ALL", "C")
    no_preference.delenv("PLAYBOOK_LANG")
    assert choose_language() == "en"  # LC_ALL set decides, even to C


@pytest.fixture(scope="module")
def french_workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fr") / "lemoine.xlsx"
    assert main(["intake-template", str(path), "--from", str(FRENCH_EXAMPLE)]) == 0
    return path


def test_a_french_workbook_gets_french_errors_on_an_english_machine(
        french_workbook: Path, tmp_path: Path, no_preference, capsys) -> None:
    no_preference.setenv("LANG", "en_GB.UTF-8")
    broken = tmp_path / "broken.xlsx"
    book = load_workbook(french_workbook)
    sheet = book["Populations"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("adhésion") + 1, "plutôt content")
    book.save(broken)
    capsys.readouterr()

    assert main(["validate", str(broken)]) == 2

    err = capsys.readouterr().err
    assert "1 problème trouvé" in err
    assert "attendu : une des valeurs : Enthousiaste, Favorable" in err
    assert "expected" not in err and "problem found" not in err


def test_validate_sums_up_the_method_warnings(french_workbook: Path, no_preference, capsys) -> None:
    assert main(["validate", str(french_workbook)]) == 0

    out = capsys.readouterr().out
    assert "Points de méthode à regarder (" in out
    assert "n'a pas de sponsor local." in out  # the analysis's own warning, first sentence


def test_help_speaks_playbook_lang(no_preference, capsys) -> None:
    no_preference.setenv("PLAYBOOK_LANG", "fr")

    assert main(["run", "--help"]) == 0

    out = capsys.readouterr().out
    assert "Produire les livrables d'un client" in out
    assert "Afficher cette aide et quitter." in out
    assert "Code de sortie : 0" in out
    assert "Show this message" not in out and "Produce" not in out


def test_every_help_text_is_a_coded_message() -> None:
    """A new option cannot reach the help pages in one language only."""
    words = catalogue()
    missing = []

    def walk(command, path):
        if command.help not in words:
            missing.append(path)
        for param in command.params:
            if getattr(param, "help", None) and param.help not in words:
                missing.append(f"{path} {param.name}")
        for name, child in getattr(command, "commands", {}).items():
            walk(child, f"{path} {name}")

    walk(get_command(app), "playbook")
    assert missing == []


def test_help_lists_commands_in_the_order_of_an_engagement(capsys, no_preference) -> None:
    assert main(["--help"]) == 0

    out = capsys.readouterr().out
    places = [out.index(f" {name} ") for name in ORDER if f" {name} " in out]
    assert places == sorted(places)
    assert out.index(" intake-template ") < out.index(" validate ") < out.index(" run ")
    assert "Exit status: 0 done; 1" in out and "2 the input" in out


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"playbook {__version__}"


def test_usage_errors_speak_french(no_preference, capsys) -> None:
    no_preference.setenv("PLAYBOOK_LANG", "fr")

    assert main(["validate", "x.yaml", "--bogus"]) == 2

    err = capsys.readouterr().err.splitlines()
    assert err[0] == "erreur : option inconnue : --bogus"
    assert err[2] == "Voir 'playbook validate --help' pour toutes les options."


@pytest.mark.parametrize("typed", ["31/12/2026", "2026-12-31", "31.12.2026", " 31/12/2026 "])
def test_dates_as_consultants_type_them(typed: str) -> None:
    assert option_date(typed, "--as-of") == "2026-12-31"


def test_a_date_that_is_none_is_refused_in_french(no_preference, capsys) -> None:
    no_preference.setenv("PLAYBOOK_LANG", "fr")
    with pytest.raises(PlaybookError, match="n'est pas une date ; l'écrire 31/12/2026"):
        option_date("31/02/2026", "--as-of")
    assert main(["run", str(FRENCH_EXAMPLE), "--as-of", "demain"]) == 2
    assert "'demain' n'est pas une date" in capsys.readouterr().err


def test_check_templates_speaks_french(no_preference, capsys) -> None:
    no_preference.setenv("LANG", "fr_FR.UTF-8")

    assert main(["check-templates"]) == 0

    assert "OK (house.docx et house.pptx sont utilisables)" in capsys.readouterr().out


def test_the_coded_messages_have_both_languages_filled() -> None:
    for code, sentences in catalogue().items():
        assert sentences["en"].strip() and sentences["fr"].strip(), code


def test_intake_messages_are_coded_not_in_code() -> None:
    source = (REPOSITORY / "playbook" / "intake" / "messages.py").read_text(encoding="utf-8")
    assert '"fr":' not in source
    assert json.dumps("fichier introuvable", ensure_ascii=False)[1:-1] in json.dumps(
        catalogue()["intake.not_found"], ensure_ascii=False)
