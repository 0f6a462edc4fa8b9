"""Ordinary text that looks like syntax: square brackets (console markup) and
braces (format fields) in client names, values and output paths.

"Acme [/] Holdings" or a folder "Clients {2026}" are a consultant's ordinary
text: they are shown and used as they are, on a terminal or in a log, by
`run` and `batch`, and a batch always writes its summary and its table.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from playbook.cli import main
from tests.run.helpers import write_engagement

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
HOSTILE = ["Acme [/] Holdings", "[bold red]Acme[/]", "Acme {Europe}", "Acme {0} [/b] {client}"]
RUN = ["--only", "framing_note", "--notebooks", str(NOTEBOOKS)]


@pytest.fixture(params=["log", "terminal"])
def console(request, monkeypatch) -> str:
    """Plain lines (a log, a pipe) or rich live displays (a terminal)."""
    if request.param == "terminal":
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "300")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        monkeypatch.setenv("NO_COLOR", "1")
    return request.param


@pytest.mark.parametrize("client", HOSTILE)
def test_run_shows_and_writes_a_client_named_like_markup_or_a_format_string(
    tmp_path, capsys, console, client
) -> None:
    path = write_engagement(tmp_path, client=client)
    out = tmp_path / "out [/] {2026}"

    status = main(["run", str(path), "--out", str(out), *RUN])

    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Traceback" not in captured.err and "MarkupError" not in captured.err
    assert client in captured.out.replace("\n", "")
    [manifest] = out.rglob("manifest.json")
    assert json.loads(manifest.read_text(encoding="utf-8"))["client"] == client
    heading = docx.Document(str(manifest.parent / "framing_note.docx")).paragraphs[0].text
    assert heading == f"framing_note - {client}"


def test_a_failing_client_named_like_markup_gets_its_error_shown(tmp_path, capsys, console) -> None:
    client = "Acme [/] Holdings"
    path = write_engagement(tmp_path, client=client, sector="fixture: fail framing_note")

    status = main(["run", str(path), "--out", str(tmp_path / "out"), *RUN])

    err = capsys.readouterr().err
    assert status == 1
    assert "ValueError: no lot planned for Acme [/] Holdings" in err.replace("\n", "")
    assert "MarkupError" not in err and "Traceback" not in err


def test_a_batch_of_such_clients_writes_its_summary_and_its_table(tmp_path, capsys, console) -> None:
    inbox = tmp_path / "inbox [a]"  # a real folder, not the glob "inbox a"
    inbox.mkdir()
    for index, client in enumerate(HOSTILE):
        write_engagement(inbox, f"{index}.yaml", client=client)
    write_engagement(inbox, "failing.yaml", client="[/] Fails {x}",
                     sector="fixture: fail framing_note")
    out = tmp_path / "Clients {2026} [/]"

    status = main(["batch", str(inbox), "--out", str(out), "--jobs", "1", *RUN])

    captured = capsys.readouterr()
    assert status == 1
    assert "MarkupError" not in captured.err and "Traceback" not in captured.err
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert [c["client"] for c in summary["clients"]] == [*HOSTILE, "[/] Fails {x}"]
    assert [c["status"] for c in summary["clients"]] == ["succeeded"] * 4 + ["failed"]
    shown = captured.out.replace("\n", "")
    assert "4 succeeded, 1 failed" in shown
    assert "no lot planned for [/] Fails {x}" in summary["clients"][-1]["error"]["message"]
    assert f"summary: {out / 'batch-summary.json'}" in shown


def test_validate_shows_values_named_like_markup(tmp_path, capsys, console) -> None:
    path = write_engagement(tmp_path, client="[/b] Acme [link=x]")

    assert main(["validate", str(path)]) == 0
    assert "[/b] Acme [link=x]" in capsys.readouterr().out
