"""Incremental runs: a deliverable is rendered again exactly when something it is made
from changed, and a skipped deliverable is never a stale file presented as current."""

from __future__ import annotations

import json
import os
import shutil

import nbformat
import pytest

from playbook.cli import main
from playbook.method.loader import DEFAULT_DIR as METHOD_DIR
from playbook.render.templates import default_template_dir
from playbook.run import freshness
from playbook.run.batch import run_batch
from playbook.run.execute import run_engagement

from .helpers import listing, write_engagement

ALL = ["framing_note", "target_vision", "impact_diagnosis", "change_plan", "training_plan", "steering"]
TWO = ["framing_note", "change_plan"]
CLIENT = "Coopérative Laitière du Val"


@pytest.fixture
def first_run(engagement, out_dir, notebooks):
    """A folder where framing note and change plan were just produced."""
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)
    return out_dir / CLIENT / "fr"


def rerun(engagement, out_dir, notebooks, **options):
    options.setdefault("only", TWO)
    return run_engagement(engagement, out_dir, notebooks_dir=notebooks, **options)


def test_a_second_run_with_nothing_changed_renders_nothing_and_touches_no_file(
    first_run, engagement, out_dir, notebooks
):
    before = listing(first_run)
    stamps = {p.name: p.stat().st_mtime_ns for p in first_run.iterdir()}

    result = rerun(engagement, out_dir, notebooks)

    assert result.up_to_date == TWO and result.rendered == []
    produced = {n for n in before if n != "manifest.json" and not n.startswith("history/")}
    assert {p.name for p in result.files} == produced
    assert listing(first_run) == before
    assert {p.name: p.stat().st_mtime_ns for p in first_run.iterdir()} == stamps


def test_touching_the_engagement_without_editing_it_keeps_everything_current(
    first_run, engagement, out_dir, notebooks
):
    os.utime(engagement, (1, 1))
    assert rerun(engagement, out_dir, notebooks).rendered == []


def test_editing_the_engagement_renders_every_deliverable(first_run, engagement, out_dir, notebooks):
    write_engagement(engagement.parent, engagement.name, headcounts=(120, 36))
    result = rerun(engagement, out_dir, notebooks)
    assert result.rendered == TWO and result.up_to_date == []


def test_an_adapted_method_renders_again(first_run, engagement, out_dir, notebooks, tmp_path):
    method = tmp_path / "method"
    shutil.copytree(METHOD_DIR, method)
    labels = method / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8") + "\n# firm edition\n", encoding="utf-8")
    assert rerun(engagement, out_dir, notebooks, method_dir=method).rendered == TWO


def test_a_changed_template_renders_again(first_run, engagement, out_dir, notebooks, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(default_template_dir(), templates)
    assert rerun(engagement, out_dir, notebooks, templates_dir=templates).rendered == []
    house = next(p for p in templates.iterdir() if p.suffix == ".pptx")
    house.write_bytes(house.read_bytes() + b"\0")
    assert rerun(engagement, out_dir, notebooks, templates_dir=templates).rendered == TWO


def test_a_changed_notebook_renders_only_its_deliverable(
    engagement, out_dir, notebooks, tmp_path
):
    copy = tmp_path / "notebooks"
    shutil.copytree(notebooks, copy)
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=copy)
    path = copy / "04_change_plan.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("A note for the consultant."))
    nbformat.write(notebook, path)

    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=copy)
    assert result.rendered == ["change_plan"] and result.up_to_date == ["framing_note"]


def test_a_new_playbook_version_renders_again(first_run, engagement, out_dir, notebooks, monkeypatch):
    monkeypatch.setattr(freshness, "code_digest", lambda: "0.2.0+other")
    assert rerun(engagement, out_dir, notebooks).rendered == TWO


def test_another_language_is_another_folder_and_is_rendered(first_run, engagement, out_dir, notebooks):
    result = rerun(engagement, out_dir, notebooks, lang="en")
    assert result.rendered == TWO and result.folder == out_dir / CLIENT / "en"


def test_a_deleted_output_renders_its_deliverable_again(first_run, engagement, out_dir, notebooks):
    (first_run / "change_plan.html").unlink()
    result = rerun(engagement, out_dir, notebooks)
    assert result.rendered == ["change_plan"] and result.up_to_date == ["framing_note"]
    assert (first_run / "change_plan.html").is_file()


def test_an_edited_output_is_not_presented_as_current(first_run, engagement, out_dir, notebooks):
    deck = first_run / "framing_note.pptx"
    deck.write_bytes(deck.read_bytes()[:-10])
    result = rerun(engagement, out_dir, notebooks)
    assert result.rendered == ["framing_note"]
    manifest = json.loads((first_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["deliverables"]["framing_note"]["files"]["framing_note.pptx"] == (
        freshness.manifest_module.sha256(deck)
    )


@pytest.mark.parametrize("damage", ["{ not json", "", '{"deliverables": 3}'])
def test_a_corrupt_manifest_renders_everything(first_run, engagement, out_dir, notebooks, damage):
    (first_run / "manifest.json").write_text(damage, encoding="utf-8")
    result = rerun(engagement, out_dir, notebooks)
    assert result.rendered == TWO
    assert list(json.loads((first_run / "manifest.json").read_text())["deliverables"]) == TWO


def test_a_manifest_from_before_incremental_runs_renders_everything(
    first_run, engagement, out_dir, notebooks
):
    path = first_run / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["deliverables"].values():
        del record["inputs"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert rerun(engagement, out_dir, notebooks).rendered == TWO


def test_force_renders_current_deliverables(first_run, engagement, out_dir, notebooks):
    result = rerun(engagement, out_dir, notebooks, force=True)
    assert result.rendered == TWO and result.up_to_date == []


def test_a_wider_run_renders_only_what_is_missing(first_run, engagement, out_dir, notebooks):
    result = rerun(engagement, out_dir, notebooks, only=None)
    assert result.up_to_date == TWO
    assert result.rendered == [name for name in ALL if name not in TWO]
    manifest = json.loads((first_run / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["deliverables"]) == ALL


def test_without_an_as_of_date_yesterdays_run_is_not_current(
    first_run, engagement, out_dir, notebooks, monkeypatch
):
    import datetime as real

    class Tomorrow(real.date):
        @classmethod
        def today(cls):
            return real.date.fromordinal(real.date.today().toordinal() + 1)

    monkeypatch.setattr(freshness, "date", Tomorrow)
    assert rerun(engagement, out_dir, notebooks).rendered == TWO


def test_a_refresh_batch_renders_only_the_edited_client(tmp_path, notebooks):
    folder = tmp_path / "engagements"
    folder.mkdir()
    for name in ("a", "b", "c"):
        write_engagement(folder, f"{name}.yaml", client=f"Client {name.upper()}")
    out = tmp_path / "out"
    first = run_batch([folder], out, jobs=2, only=TWO, notebooks_dir=notebooks)
    assert first.deliverables_rendered == 6 and first.deliverables_current == 0

    write_engagement(folder, "b.yaml", client="Client B", headcounts=(120, 99))
    refresh = run_batch([folder], out, jobs=2, only=TWO, notebooks_dir=notebooks)

    by_client = {r.client: r for r in refresh.clients}
    assert [r.status for r in refresh.clients] == ["succeeded"] * 3
    assert by_client["Client B"].rendered == TWO
    assert by_client["Client A"].up_to_date == TWO and by_client["Client A"].rendered == []
    assert by_client["Client A"].files  # the current files are still listed
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert (summary["deliverables_rendered"], summary["deliverables_up_to_date"]) == (2, 4)


def test_the_commands_say_what_was_kept_and_what_was_rendered(
    first_run, engagement, out_dir, notebooks, capsys, monkeypatch
):
    args = ["run", str(engagement), "--out", str(out_dir), "--notebooks", str(notebooks),
            "--only", "framing_note", "--only", "change_plan", "--only", "training_plan"]
    assert main(args) == 0
    assert "à jour\u00a0: 2, produits\u00a0: 1" in capsys.readouterr().out

    # The console speaks the engagement's language before PLAYBOOK_LANG's
    monkeypatch.setenv("PLAYBOOK_LANG", "en")
    assert main([*args, "--force"]) == 0
    assert "à jour\u00a0: 0, produits\u00a0: 3" in capsys.readouterr().out


def test_a_failure_deciding_what_is_current_renders_instead_of_stopping(
    first_run, engagement, out_dir, notebooks, monkeypatch
):
    def unreadable(*args, **kwargs):
        raise OSError("disk hiccup")

    monkeypatch.setattr(freshness, "is_current", unreadable)
    assert rerun(engagement, out_dir, notebooks).rendered == TWO
