"""A run that fails says so in the run's language: the engagement's, or `--lang`.

A French consultant whose notebook fails, whose disk is full or whose client
folder is refused reads French, down to what the system said of the file; the
same failure of an English engagement reads English.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.errors import PlaybookError

from .helpers import write_engagement

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
RUN = ["--only", "framing_note", "--notebooks", str(NOTEBOOKS)]
ENGLISH = ("failed in", ": failed", "in cell", "kept at", "executed notebook")


def _failing_run(tmp_path: Path, capsys, language: str, *options: str) -> str:
    engagement = write_engagement(tmp_path, client="Acme", language=language,
                                  sector="fixture: fail framing_note")
    capsys.readouterr()
    assert main(["run", str(engagement), "--out", str(tmp_path / "out"), *RUN, *options]) == 1
    return " ".join(capsys.readouterr().err.split())


def test_a_failed_notebook_of_a_french_engagement_is_told_in_french(tmp_path, capsys) -> None:
    err = _failing_run(tmp_path, capsys, "fr")

    assert err.startswith("Erreur : Acme / framing_note : échec dans la cellule")
    assert "(étiquette render) : `import docx`" in err
    assert "ValueError: no lot planned for Acme" in err  # the notebook's own words, as raised
    kept = tmp_path / "out" / "Acme" / "fr" / "failed" / "framing_note.ipynb"
    assert f"(carnet exécuté conservé dans {kept})" in err
    assert not any(word in err for word in ENGLISH), err


def test_the_same_failure_of_an_english_engagement_is_told_in_english(tmp_path, capsys) -> None:
    err = _failing_run(tmp_path, capsys, "en")

    assert err.startswith("Error: Acme / framing_note: failed in cell") and "(tag render)" in err
    assert "(executed notebook kept at" in err


def test_lang_chooses_the_language_of_the_failure(tmp_path, capsys) -> None:
    err = _failing_run(tmp_path, capsys, "en", "--lang", "fr")

    assert err.startswith("Erreur : Acme / framing_note : échec dans la cellule")
    assert not any(word in err for word in ENGLISH), err


def test_what_the_system_said_is_told_in_the_run_s_language() -> None:
    from playbook.text.system import system_said

    full = OSError(errno.ENOSPC, "No space left on device")
    assert system_said(full, "fr") == "plus de place sur le disque"
    assert system_said(full, "en") == "No space left on device"
    rare = OSError(errno.EXDEV, "Invalid cross-device link")
    assert system_said(rare, "fr") == "Invalid cross-device link"  # the system's own words


def test_a_client_process_that_dies_is_told_in_the_run_s_language(tmp_path) -> None:
    from playbook.run.execute import make_job
    from playbook.run.isolation import ClientProcess

    job = make_job(write_engagement(tmp_path), tmp_path / "out", lang="fr")
    process = ClientProcess.__new__(ClientProcess)  # as the parent sees a child killed
    process.job, process.outcome, process.exitcode = job, None, -9

    error = process.result().error()

    assert str(error).endswith(
        "(exécution) : échec : le processus du client s'est arrêté de façon inattendue "
        "(code de sortie -9)")


def test_a_file_where_the_kept_versions_go_is_refused_in_the_folder_s_language(tmp_path) -> None:
    from playbook.run.edits import HISTORY_DIR, _copy_new

    folder = tmp_path / "Acme" / "fr"
    folder.mkdir(parents=True)
    (folder / "note.docx").write_bytes(b"edited by the consultant")
    (folder / HISTORY_DIR).write_bytes(b"a file named like the folder")

    with pytest.raises(PlaybookError) as raised:
        _copy_new(folder / "note.docx", folder / HISTORY_DIR, iter(["note.edited.docx"]))

    assert str(raised.value) == (
        f"{folder / HISTORY_DIR} est un lien ou un fichier, pas le dossier des versions "
        "conservées ; rien n'a été remplacé, note.docx est tel que vous l'avez laissé. "
        "Supprimez-le et relancez.")
    assert (folder / "note.docx").read_bytes() == b"edited by the consultant"


def test_a_file_where_a_playbook_folder_goes_is_refused_in_the_folder_s_language(tmp_path) -> None:
    from playbook.run.commit import _own_folder

    folder = tmp_path / "Acme" / "fr"
    folder.mkdir(parents=True)
    (folder / "inbox").write_bytes(b"notes")

    with pytest.raises(PlaybookError) as raised:
        _own_folder(folder, folder / "inbox" / "2027-03-01")

    assert str(raised.value) == (
        f"{folder / 'inbox'} est un lien ou un fichier, pas un dossier du playbook ; rien n'a "
        "été remplacé. Supprimez-le et relancez.")
