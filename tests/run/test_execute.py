"""Running one client's notebooks: the files a consultant gets, and what never happens
to them (half-written decks, outputs outside the folder, lost previous versions)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.errors import IntakeError, RunError
from playbook.method import load_method
from playbook.run.execute import run_engagement
from playbook.run.folders import STAGING_MARK, client_folder
from playbook.run.manifest import sha256

from .helpers import docx_text, listing, pptx_text, wait_for, write_engagement

DELIVERABLES = ["framing_note", "target_vision", "impact_diagnosis", "change_plan", "training_plan",
                "steering"]
CLIENT = "Coopérative Laitière du Val"


def test_a_run_writes_four_files_per_deliverable_and_a_manifest(engagement, out_dir, notebooks):
    result = run_engagement(engagement, out_dir, notebooks_dir=notebooks)

    folder = out_dir / CLIENT / "fr"
    assert result.folder == folder
    expected = {f"{name}.{ext}" for name in DELIVERABLES for ext in ("docx", "pptx", "ipynb", "html")}
    # the steering pack's dated copy for its committee (see test_committees), and
    # history/ with the files as generated, the base of the next carry (test_carry)
    assert {p.name for p in folder.iterdir()} == expected | {"manifest.json", "steering", "history"}
    assert {p.name for p in result.files} == expected
    assert "framing_note - " + CLIENT in docx_text(folder / "framing_note.docx")
    assert pptx_text(folder / "training_plan.pptx") == [f"training_plan - {CLIENT}", "155 people"]

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["client"] == CLIENT and manifest["language"] == "fr"
    assert manifest["engagement"]["sha256"] == sha256(engagement)
    assert manifest["method_version"] == load_method().version
    assert manifest["versions"]["playbook"] == manifest["playbook_version"]
    assert {"python", "papermill"} <= set(manifest["versions"])
    assert list(manifest["deliverables"]) == DELIVERABLES
    for record in manifest["deliverables"].values():
        assert record["seconds"] > 0
        assert record["files"] == {f: sha256(folder / f) for f in record["files"]}
        assert len(record["files"]) == 4


def test_the_html_review_copy_shows_results_but_no_code(engagement, out_dir, notebooks):
    run_engagement(engagement, out_dir, only=["impact_diagnosis"], notebooks_dir=notebooks)
    html = (out_dir / CLIENT / "fr" / "impact_diagnosis.html").read_text(encoding="utf-8")
    assert f"impact_diagnosis for {CLIENT} (fr)" in html  # a printed output
    assert "<table" in html and "data:image/png;base64" in html  # a DataFrame, a figure
    for code in ("yaml.safe_load", "document.save", "engagement_path =", "In&nbsp;["):
        assert code not in html


def test_each_notebook_runs_in_a_fresh_namespace(engagement, out_dir, notebooks):
    run_engagement(engagement, out_dir, only=["framing_note", "target_vision"], notebooks_dir=notebooks)
    assert "namespace fresh: True" in docx_text(out_dir / CLIENT / "fr" / "target_vision.docx")


def test_the_language_can_be_forced_and_gets_its_own_folder(engagement, out_dir, notebooks):
    result = run_engagement(engagement, out_dir, lang="en", only=["framing_note"], notebooks_dir=notebooks)
    assert result.folder == out_dir / CLIENT / "en"
    assert "language: en" in docx_text(result.folder / "framing_note.docx")


def test_a_partial_run_keeps_the_other_deliverables_in_the_manifest(engagement, out_dir, notebooks):
    run_engagement(engagement, out_dir, only=["framing_note", "change_plan"], notebooks_dir=notebooks)
    run_engagement(engagement, out_dir, only=["change_plan"], notebooks_dir=notebooks)
    manifest = json.loads((out_dir / CLIENT / "fr" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["deliverables"]) == ["framing_note", "change_plan"]


def test_an_invalid_engagement_is_refused_before_anything_is_written(tmp_path, out_dir, notebooks):
    broken = tmp_path / "broken.yaml"
    broken.write_text("engagement:\n  client: Sans Nom\n", encoding="utf-8")
    with pytest.raises(IntakeError):
        run_engagement(broken, out_dir, notebooks_dir=notebooks)
    assert list(out_dir.iterdir()) == []


def test_a_failing_cell_names_client_deliverable_and_cell_and_keeps_previous_outputs(
    tmp_path, out_dir, notebooks
):
    good = write_engagement(tmp_path, "good.yaml")
    run_engagement(good, out_dir, notebooks_dir=notebooks)
    folder = out_dir / CLIENT / "fr"
    before = listing(folder)

    failing = write_engagement(tmp_path, "failing.yaml", sector="fixture: fail impact_diagnosis")
    with pytest.raises(RunError) as raised:
        run_engagement(failing, out_dir, notebooks_dir=notebooks)

    error = raised.value
    assert (error.client, error.deliverable) == (CLIENT, "impact_diagnosis")
    assert error.cell.startswith("7 (étiquette render) : `import docx`")  # the engagement's language
    assert error.reason == f"ValueError: no lot planned for {CLIENT}"
    assert "Traceback" not in str(error)
    assert Path(error.notebook) == folder / "failed" / "impact_diagnosis.ipynb"
    assert "no lot planned" in Path(error.notebook).read_text(encoding="utf-8")
    after = listing(folder)
    assert after.pop("failed/impact_diagnosis.ipynb")
    assert after == before  # not even the deliverables that succeeded were replaced


def test_a_later_success_clears_the_kept_failed_notebook(tmp_path, out_dir, notebooks):
    failing = write_engagement(tmp_path, "failing.yaml", sector="fixture: fail framing_note")
    with pytest.raises(RunError):
        run_engagement(failing, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    run_engagement(write_engagement(tmp_path), out_dir, only=["framing_note"], notebooks_dir=notebooks)
    assert not (out_dir / CLIENT / "fr" / "failed").exists()


@pytest.mark.parametrize("hostile", ["../../etc", "CON", ".hidden", "a/b\\c", ".."])
def test_hostile_client_names_stay_a_plain_folder_inside_the_output_folder(
    tmp_path, out_dir, notebooks, hostile
):
    path = write_engagement(tmp_path, client=hostile)
    result = run_engagement(path, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    client_dir = result.folder.parent
    assert client_dir.parent == out_dir.resolve()
    assert not client_dir.name.startswith(".") and client_dir.name.casefold() != "con"
    assert "/" not in client_dir.name and "\\" not in client_dir.name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.yaml", "out"]


def test_client_folder_refuses_a_language_that_would_escape(out_dir):
    from playbook.errors import PlaybookError

    with pytest.raises(PlaybookError, match="leads out of the output folder"):
        client_folder(out_dir, "Client", "../..")


def test_a_global_or_environment_variable_set_by_one_client_is_invisible_to_the_next(
    tmp_path, out_dir, notebooks
):
    first = write_engagement(tmp_path, "a.yaml", client="Client A")
    second = write_engagement(tmp_path, "b.yaml", client="Client B")
    run_engagement(first, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    run_engagement(second, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    assert "seen before: none / none" in docx_text(out_dir / "Client B" / "fr" / "framing_note.docx")
    assert "PLAYBOOK_FIXTURE_LEAK" not in os.environ


def test_stale_staging_folders_of_killed_runs_are_removed(engagement, out_dir, notebooks):
    folder = out_dir / CLIENT / "fr"
    stale = folder / ".staging-999999999-deadbeef"
    stale.mkdir(parents=True)
    (stale / STAGING_MARK).write_text("999999999\n", encoding="utf-8")
    (stale / "framing_note.docx").write_bytes(b"half")
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    assert not stale.exists()


def test_a_folder_merely_named_like_a_staging_folder_is_left_alone(engagement, out_dir, notebooks):
    folder = out_dir / CLIENT / "fr"
    mine = folder / ".staging-1-notes"  # a consultant's own folder, no playbook marker
    mine.mkdir(parents=True)
    (mine / "interview.docx").write_bytes(b"weeks of notes")
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks)
    assert (mine / "interview.docx").read_bytes() == b"weeks of notes"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_killing_a_run_leaves_previous_outputs_whole_and_no_temporary_file(
    tmp_path, out_dir, notebooks, signum
):
    run_engagement(write_engagement(tmp_path), out_dir, notebooks_dir=notebooks)
    folder = out_dir / CLIENT / "fr"
    before = listing(folder)

    hanging = write_engagement(tmp_path, "hanging.yaml", sector="fixture: sleep change_plan")
    command = [sys.executable, "-c", "import sys; from playbook.cli import main; sys.exit(main())",
               "run", str(hanging), "--out", str(out_dir), "--notebooks", str(notebooks)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: any(folder.glob(".staging-*/impact_diagnosis.docx")), 60)
        process.send_signal(signum)
        process.wait(10)
        wait_for(lambda: not any(folder.glob(".*")), 15)  # the client process cleans up
    finally:
        process.kill()
    assert listing(folder) == before


def test_the_kernel_engine_produces_the_same_files(engagement, out_dir, notebooks, tmp_path):
    warm = run_engagement(engagement, tmp_path / "warm", only=["framing_note"], notebooks_dir=notebooks)
    cold = run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks, kernel=True)
    assert cold.engine == "kernel"
    assert [p.name for p in cold.files] == [p.name for p in warm.files]
    assert docx_text(cold.folder / "framing_note.docx") == docx_text(warm.folder / "framing_note.docx")


def test_the_copil_date_and_previous_file_reach_the_steering_notebook_only(
        engagement, out_dir, notebooks):
    result = run_engagement(engagement, out_dir, notebooks_dir=notebooks, only=["steering", "change_plan"],
                            as_of="2027-07-26", since=engagement)
    assert f"as of: 2027-07-26; since: {Path(engagement).resolve()}" in docx_text(result.folder / "steering.docx")
    assert "as of" not in docx_text(result.folder / "change_plan.docx")


def test_a_new_copil_date_renders_the_steering_pack_again(engagement, out_dir, notebooks):
    run_engagement(engagement, out_dir, notebooks_dir=notebooks, only=["steering"], as_of="2027-07-12")
    again = run_engagement(engagement, out_dir, notebooks_dir=notebooks, only=["steering"], as_of="2027-07-12")
    assert again.up_to_date == ["steering"]
    later = run_engagement(engagement, out_dir, notebooks_dir=notebooks, only=["steering"], as_of="2027-07-26")
    assert later.up_to_date == []


def test_a_copil_date_that_is_not_a_date_is_refused_before_anything_runs(engagement, out_dir, notebooks):
    from playbook.errors import PlaybookError

    with pytest.raises(PlaybookError, match="--as-of '26/07'"):
        run_engagement(engagement, out_dir, notebooks_dir=notebooks, as_of="26/07")
    assert not out_dir.exists() or not any(out_dir.iterdir())
