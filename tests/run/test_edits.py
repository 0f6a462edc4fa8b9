"""The consultant's edits are never lost: a run keeps an edited deliverable before
replacing it, whatever the path (incremental, --force, batch, Dask, a killed run)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import signal
import subprocess
import sys
import time

import docx
import pptx
import pytest

from playbook.cli import main
from playbook.run.batch import run_batch
from playbook.run.execute import run_engagement
from playbook.run.manifest import sha256

from .helpers import docx_text, write_engagement

CLIENT = "Coopérative Laitière du Val"
TWO = ["framing_note", "change_plan"]
EDIT = "Ajout de l'associée : le sponsor sera présent au COPIL de lancement."


@pytest.fixture
def folder(engagement, out_dir, notebooks):
    """A client folder where framing note and change plan were just produced."""
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)
    return out_dir / CLIENT / "fr"


def edit_report(path, text=EDIT):
    """What a consultant does in Word: add a paragraph, save."""
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))
    return sha256(path)


def edit_deck(path, title="Titre revu par l'associée"):
    deck = pptx.Presentation(str(path))
    deck.slides[0].shapes.title.text = title
    deck.save(str(path))
    return sha256(path)


def history_of(folder):
    """The versions kept in history/ (not the hidden bases of the next carry)."""
    history = folder / "history"
    return sorted(p.name for p in history.iterdir() if not p.name.startswith(".")) if (
        history.is_dir()) else []


def today():
    return dt.date.today().isoformat()


def test_an_edited_report_is_kept_before_a_changed_engagement_replaces_it(
    folder, engagement, out_dir, notebooks, tmp_path
):
    digest = edit_report(folder / "framing_note.docx")
    write_engagement(tmp_path, headcounts=(120, 99))  # the engagement moves on

    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)

    kept = folder / "history" / f"framing_note.{today()}.edited.docx"
    assert EDIT in docx_text(kept) and sha256(kept) == digest
    assert EDIT in docx_text(folder / "framing_note.docx")  # carried into the new file (below)
    assert "Population 2: 99" in docx_text(folder / "framing_note.docx")
    assert history_of(folder) == [kept.name]  # the unedited files were not copied
    assert [(k.file, k.kept) for k in result.kept_edits] == [
        ("framing_note.docx", f"history/{kept.name}")
    ]
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["deliverables"]
    assert [(e["file"], e["kept"], e["sha256"]) for e in record["framing_note"]["edited"]] == [
        ("framing_note.docx", f"history/{kept.name}", digest)
    ]
    assert record["change_plan"]["edited"] == []


def test_an_edited_file_with_nothing_else_changed_is_kept_too(folder, engagement, out_dir, notebooks):
    edit_deck(folder / "change_plan.pptx")
    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)
    assert result.up_to_date == ["framing_note"] and result.rendered == ["change_plan"]
    kept = folder / "history" / f"change_plan.{today()}.edited.pptx"
    assert pptx.Presentation(str(kept)).slides[0].shapes.title.text == "Titre revu par l'associée"


def test_force_renders_again_but_keeps_the_edited_file(folder, engagement, out_dir, notebooks):
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks, force=True)
    assert history_of(folder) == []  # nothing edited, nothing kept

    edit_report(folder / "change_plan.docx")
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks, force=True)
    assert history_of(folder) == [f"change_plan.{today()}.edited.docx"]


def test_a_kept_version_is_never_overwritten(folder, engagement, out_dir, notebooks):
    first = edit_report(folder / "framing_note.docx", "Première version revue.")
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)
    second = edit_report(folder / "framing_note.docx", "Seconde version revue.")
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)

    day = today()
    assert history_of(folder) == [f"framing_note.{day}.edited-2.docx", f"framing_note.{day}.edited.docx"]
    assert sha256(folder / "history" / f"framing_note.{day}.edited.docx") == first
    assert sha256(folder / "history" / f"framing_note.{day}.edited-2.docx") == second
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["deliverables"]
    assert [e["sha256"] for e in record["framing_note"]["edited"]] == [first, second]


def test_a_deleted_file_is_simply_rendered_again(folder, engagement, out_dir, notebooks):
    (folder / "framing_note.docx").unlink()
    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)
    assert result.rendered == ["framing_note"] and result.kept_edits == []
    assert (folder / "framing_note.docx").is_file() and history_of(folder) == []


def test_a_file_no_manifest_vouches_for_is_kept(folder, engagement, out_dir, notebooks):
    (folder / "manifest.json").unlink()
    shutil.rmtree(folder / "history" / ".generated")  # nor the copy of what was generated
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    assert history_of(folder) == [f"framing_note.{today()}.edited.docx",
                                  f"framing_note.{today()}.edited.pptx"]


def test_without_a_manifest_the_generated_copy_vouches_for_a_file(
    folder, engagement, out_dir, notebooks
):
    """The copy of what the playbook generated (the base of the next carry) proves an
    untouched file is its own; an edited one is kept."""
    digest = edit_report(folder / "framing_note.docx")
    (folder / "manifest.json").unlink()
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    assert history_of(folder) == [f"framing_note.{today()}.edited.docx"]
    assert sha256(folder / "history" / f"framing_note.{today()}.edited.docx") == digest


@pytest.mark.parametrize("lang, said, fate", [
    ("fr", "framing_note.docx a été modifié depuis que le playbook l'a écrit",
     "framing_note.docx : 1 de vos modifications reportées dans le nouveau fichier, 0 conflits"),
    ("en", "framing_note.docx was edited since the playbook wrote it",
     "framing_note.docx: 1 of your edits carried into the new file, 0 conflicts"),
])
def test_the_console_says_where_the_edits_are_and_what_became_of_them(
    out_dir, notebooks, capsys, tmp_path, lang, said, fate
):
    """In the engagement's language."""
    engagement = write_engagement(tmp_path, f"{lang}.yaml", language=lang)
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    edit_report(out_dir / CLIENT / lang / "framing_note.docx")
    assert main(["run", str(engagement), "--out", str(out_dir), "--notebooks", str(notebooks),
                 "--only", "framing_note", "--force"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert said in out and f"history/framing_note.{today()}.edited.docx" in out
    assert fate in out and "framing_note.edits.html" in out


def test_without_the_previous_generated_version_the_console_says_the_edits_were_not_carried(
    folder, engagement, out_dir, notebooks, capsys, monkeypatch
):
    """A folder written before identities existed: the edited file is kept, and said to be."""
    import shutil

    shutil.rmtree(folder / "history" / ".generated")
    monkeypatch.setenv("PLAYBOOK_LANG", "fr")
    edit_report(folder / "framing_note.docx")
    assert main(["run", str(engagement), "--out", str(out_dir), "--notebooks", str(notebooks),
                 "--only", "framing_note", "--force"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "reportez-les depuis la version conservée" in out
    assert EDIT not in docx_text(folder / "framing_note.docx")
    assert EDIT in docx_text(folder / "history" / f"framing_note.{today()}.edited.docx")


def test_a_batch_keeps_edited_files_and_lists_them_in_its_summary(tmp_path, notebooks):
    engagements = tmp_path / "engagements"
    engagements.mkdir()
    write_engagement(engagements, "a.yaml", client="Client A")
    write_engagement(engagements, "b.yaml", client="Client B")
    out = tmp_path / "out"
    run_batch([engagements], out, jobs=2, only=TWO, notebooks_dir=notebooks)
    edit_report(out / "Client A" / "fr" / "framing_note.docx")

    result = run_batch([engagements], out, jobs=2, only=TWO, notebooks_dir=notebooks)

    by_client = {r.client: r for r in result.clients}
    assert by_client["Client A"].rendered == ["framing_note"]
    assert [e["file"] for e in by_client["Client A"].kept_edits] == ["framing_note.docx"]
    assert by_client["Client B"].kept_edits == [] and by_client["Client B"].rendered == []
    assert EDIT in docx_text(out / "Client A" / "fr" / "history" / f"framing_note.{today()}.edited.docx")
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert [c["kept_edits"][0]["file"] for c in summary["clients"] if c["kept_edits"]] == [
        "framing_note.docx"
    ]


def test_a_dask_batch_keeps_edited_files_where_it_writes_them_back(tmp_path, notebooks):
    distributed = pytest.importorskip("distributed")
    engagements = tmp_path / "engagements"
    engagements.mkdir()
    write_engagement(engagements, "a.yaml", client="Client A")
    out = tmp_path / "out"
    run_batch([engagements], out, only=["framing_note"], notebooks_dir=notebooks)
    edit_report(out / "Client A" / "fr" / "framing_note.docx")
    with distributed.LocalCluster(
        processes=True, n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        result = run_batch([engagements], out, only=["framing_note"], notebooks_dir=notebooks,
                           force=True, dask_address=cluster.scheduler_address)
    assert [e["file"] for e in result.clients[0].kept_edits] == ["framing_note.docx"]
    kept = out / "Client A" / "fr" / "history" / f"framing_note.{today()}.edited.docx"
    assert EDIT in docx_text(kept)


def test_a_killed_run_leaves_the_edited_file_in_place_and_the_next_run_keeps_it(
    folder, out_dir, notebooks, tmp_path
):
    digest = edit_report(folder / "change_plan.docx")
    hanging = write_engagement(tmp_path, "hanging.yaml", sector="fixture: sleep change_plan")
    command = [sys.executable, "-c", "import sys; from playbook.cli import main; sys.exit(main())",
               "run", str(hanging), "--out", str(out_dir), "--notebooks", str(notebooks),
               "--only", "framing_note", "--only", "change_plan"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not any(folder.glob(".staging-*/framing_note.docx")):
            assert time.monotonic() < deadline, "the run never started rendering"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    assert sha256(folder / "change_plan.docx") == digest

    write_engagement(tmp_path, "hanging.yaml")
    run_engagement(hanging, out_dir, only=TWO, notebooks_dir=notebooks)
    assert sha256(folder / "history" / f"change_plan.{today()}.edited.docx") == digest


def test_edits_are_carried_into_the_new_report_and_conflicts_kept_beside_the_new_text(
    folder, engagement, out_dir, notebooks, tmp_path, capsys, monkeypatch
):
    report = folder / "framing_note.docx"
    document = docx.Document(str(report))
    by_text = {p.text: p for p in document.paragraphs}
    by_text["language: fr"].runs[0].text = "Langue : français (revu)"  # facts unchanged
    by_text["Population 2: 35"].runs[0].text = "Population 2 : 35 conseillers"  # facts change
    by_text["Population 1: 120"].insert_paragraph_before(EDIT)
    document.add_comment(by_text["namespace fresh: True"].runs, text="À vérifier", author="Associée")
    document.save(str(report))
    write_engagement(tmp_path, headcounts=(120, 60))

    assert main(["run", str(engagement), "--out", str(out_dir), "--notebooks", str(notebooks),
                 "--only", "framing_note"]) == 0

    new = docx.Document(str(report))
    texts = [p.text for p in new.paragraphs]
    assert "Langue : français (revu)" in texts and "language: fr" not in texts
    assert "Population 2: 60" in texts and "Population 2 : 35 conseillers" not in texts
    assert texts.index(EDIT) == texts.index("Population 1: 120") - 1
    comments = {c.text: c.author for c in new.comments}
    assert comments["À vérifier"] == "Associée"
    assert any("Population 2 : 35 conseillers" in text for text in comments)  # your version, beside
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["deliverables"]
    carried = record["framing_note"]["carried"]
    assert [(c["file"], c["carried"], c["conflicts"]) for c in carried] == [("framing_note.docx", 3, 1)]
    page = (folder / "framing_note.edits.html").read_text(encoding="utf-8")
    assert "Population 2 : 35 conseillers" in page and "Population 2: 60" in page
    out = " ".join(capsys.readouterr().out.split())
    assert "framing_note.docx : 3 de vos modifications reportées dans le nouveau fichier, 1 conflits" in out
    assert f"history/framing_note.{today()}.edited.docx" in out

    # The next run, nothing edited since: the carried edits are carried again, the
    # conflict's comment stays until settled, and the file is not "edited" again.
    write_engagement(tmp_path, headcounts=(120, 61))
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    texts = [p.text for p in docx.Document(str(report)).paragraphs]
    assert "Langue : français (revu)" in texts and EDIT in texts and "Population 2: 61" in texts
    assert any("Population 2 : 35 conseillers" in c.text for c in docx.Document(str(report)).comments)
    assert history_of(folder) == [f"framing_note.{today()}.edited.docx"]


def test_a_history_folder_that_is_a_link_is_refused_and_the_edited_file_left_alone(
    folder, engagement, out_dir, notebooks, tmp_path
):
    from playbook.errors import PlaybookError

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "history").rename(tmp_path / "moved-history")
    (folder / "history").symlink_to(elsewhere, target_is_directory=True)
    digest = edit_report(folder / "framing_note.docx")
    with pytest.raises(PlaybookError, match="est un lien"):
        run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks, force=True)
    assert sha256(folder / "framing_note.docx") == digest
    assert not any(elsewhere.iterdir())
