"""A consultant's own mistakes are told as such, never as an internal error.

An `--out` that is a file or a read-only folder, a folder or a pipe given as
the engagement file: each is refused before anything runs, with what to do,
exit status 2, and nothing written anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook.cli import main
from tests.run.helpers import listing, write_engagement

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
RUN = ["--only", "framing_note", "--notebooks", str(NOTEBOOKS)]


@pytest.fixture
def engagement(tmp_path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return write_engagement(inbox, client="Acme")


@pytest.mark.parametrize("command", ["run", "batch"])
def test_an_out_that_is_a_file_is_refused_as_the_users_mistake(tmp_path, engagement, capsys, command):
    out = tmp_path / "deliverables.docx"
    out.write_bytes(b"a report, not a folder")
    before = listing(tmp_path)

    status = main([command, str(engagement), "--out", str(out / "sub"), *RUN])

    err = capsys.readouterr().err
    assert status == 2
    if command == "run":  # one client's run speaks its engagement's language
        assert err.strip() == (
            f"--out {out / 'sub'} : {out} est un fichier, pas un dossier ; rien n'a été écrit. "
            "Indiquez un dossier pour les livrables."
        )
    else:  # many clients: the consultant's language (PLAYBOOK_LANG=en here)
        assert err.strip() == (
            f"--out {out / 'sub'}: {out} is a file, not a folder; nothing was written. "
            "Give a folder for the deliverables."
        )
    assert "internal error" not in err
    assert listing(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="the superuser writes in read-only folders")
@pytest.mark.parametrize("command", ["run", "batch"])
def test_a_read_only_out_folder_is_refused_as_the_users_mistake(tmp_path, engagement, capsys, command):
    out = tmp_path / "shared"
    out.mkdir()
    out.chmod(0o555)
    try:
        status = main([command, str(engagement), "--out", str(out), *RUN])
    finally:
        out.chmod(0o755)

    err = capsys.readouterr().err
    assert status == 2
    assert (f"le dossier {out} est en lecture seule ; rien n'a été écrit" if command == "run"
            else f"the folder {out} is read-only; nothing was written") in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_folder_given_as_the_engagement_file_is_called_a_folder(tmp_path, capsys, command):
    folder = tmp_path / "acme.yaml"
    folder.mkdir()

    status = main([command, str(folder), *(["--out", str(tmp_path / "out"), *RUN] if command == "run" else [])])

    assert status == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  - file: this is a folder, not an engagement file: give the .xlsx or .yaml file inside it"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["validate", "run", "batch"])
def test_a_pipe_given_as_the_engagement_file_is_called_a_pipe(tmp_path, capsys, command):
    fifo = tmp_path / "acme.yaml"
    os.mkfifo(fifo)
    extra = ["--out", str(tmp_path / "out"), *RUN] if command != "validate" else []

    status = main([command, str(fifo), *extra])

    err = capsys.readouterr().err
    assert status == 2
    assert "not a regular file (a pipe, a device or a socket): give the engagement file itself" in err
    assert "not found" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml"]


def test_a_file_where_the_client_folder_goes_fails_that_client_by_name(tmp_path, engagement, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "Acme").write_bytes(b"someone's notes named like the client")

    status = main(["run", str(engagement), "--out", str(out), *RUN])

    err = " ".join(capsys.readouterr().err.split())
    assert status == 1
    assert (f"Acme / (exécution) : échec : impossible d'écrire ou de lire {out / 'Acme' / 'fr'} : "
            "ce n'est pas un dossier") in err
    assert "internal error" not in err and "client.yaml" not in err
    assert (out / "Acme").read_bytes() == b"someone's notes named like the client"


def test_a_fault_of_the_playbook_itself_is_named_so_under_the_clients_name(
    tmp_path, engagement, capsys, monkeypatch
):
    import playbook.run.execute as execute

    def broken(job, engagement, emit):
        raise KeyError("boom")

    monkeypatch.setattr(execute, "_run_planned", broken)  # in the client's process

    status = main(["run", str(engagement), "--out", str(tmp_path / "out"), *RUN])

    err = " ".join(capsys.readouterr().err.split())
    assert status == 1
    assert "Acme / (exécution) : échec : erreur interne : KeyError: 'boom'" in err
    assert not (tmp_path / "out").exists()
