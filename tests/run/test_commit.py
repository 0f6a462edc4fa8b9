"""Putting a run's files in place: the one commit local and Dask runs share."""

from __future__ import annotations

import json

import pytest

from playbook.run import commit as commit_module
from playbook.run.commit import FAILED_DIR, Terminated, commit
from playbook.run.manifest import MANIFEST, DeliverableRecord, Manifest

from .helpers import listing


def record(name: str, folder) -> DeliverableRecord:
    from playbook.run.manifest import sha256

    files = {f"{name}.docx": sha256(folder / f"{name}.docx")} if (folder / f"{name}.docx").exists() else {}
    return DeliverableRecord(
        notebook=f"{name}.ipynb", files=files, seconds=1.0, engagement_sha256="e",
        method_version="m", generated_at="2027-01-01T00:00:00+00:00", inputs={"language": "fr"},
    )


def manifest(records: dict[str, DeliverableRecord]) -> Manifest:
    return Manifest(
        client="Client A", language="fr", engagement={"path": "a.yaml", "sha256": "e"},
        playbook_version="0", method_version="m", engine="warm", versions={},
        generated_at="2027-01-01T00:00:00+00:00", deliverables=records,
    )


@pytest.fixture
def folder(tmp_path):
    """A client folder whose earlier run produced the training plan."""
    folder = tmp_path / "Client A" / "fr"
    folder.mkdir(parents=True)
    (folder / "training_plan.docx").write_bytes(b"earlier plan")
    (folder / MANIFEST).write_text(
        manifest({"training_plan": record("training_plan", folder)}).to_json(), encoding="utf-8"
    )
    return folder


def stage(folder, *names: str):
    staging = folder / f".staging-test-{len(list(folder.glob('.staging-test-*')))}"
    staging.mkdir()
    for name in names:
        (staging / name).write_bytes(f"new {name}".encode())
    return staging


def test_files_move_in_and_the_manifest_keeps_the_other_deliverables_in_method_order(folder):
    staging = stage(folder, "framing_note.docx")
    written = commit(folder, staging, ["framing_note.docx"], manifest(
        {"framing_note": record("framing_note", staging)}), ["framing_note"])

    assert written == [folder / "framing_note.docx"]
    assert (folder / "framing_note.docx").read_bytes() == b"new framing_note.docx"
    assert not any(staging.iterdir())
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert list(data["deliverables"]) == ["framing_note", "training_plan"]


def test_a_success_clears_its_own_kept_failure_only(folder):
    failed = folder / FAILED_DIR
    failed.mkdir()
    (failed / "framing_note.ipynb").write_text("{}")
    (failed / "change_plan.ipynb").write_text("{}")
    staging = stage(folder, "framing_note.docx")
    commit(folder, staging, ["framing_note.docx"], manifest({}), ["framing_note"])
    assert sorted(p.name for p in failed.iterdir()) == ["change_plan.ipynb"]

    staging = stage(folder, "change_plan.docx")
    commit(folder, staging, ["change_plan.docx"], manifest({}), ["change_plan"])
    assert not failed.exists()


def test_a_client_whose_parent_is_gone_changes_nothing(folder, monkeypatch):
    before = listing(folder)
    staging = stage(folder, "framing_note.docx")
    monkeypatch.setattr(commit_module.signals, "parent_pid", -1)
    with pytest.raises(Terminated):
        commit(folder, staging, ["framing_note.docx"], manifest({}), ["framing_note"])
    after = listing(folder)
    after.pop(".staging-test-0/framing_note.docx")
    assert after == before


def test_a_manifest_reads_back_as_it_was_written(folder):
    original = manifest({"training_plan": record("training_plan", folder)})
    assert Manifest.from_json(original.to_json()) == original
    with pytest.raises(ValueError):
        Manifest.from_json('{"client": "x"}')
