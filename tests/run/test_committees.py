"""What each COPIL saw: the steering pack kept per committee date, and `--since`
reading that recorded history."""

from __future__ import annotations

import datetime as dt
import json

import pptx

from playbook.run.execute import run_engagement
from playbook.run.manifest import sha256
from playbook.workbench import previous_engagement_file

from .helpers import docx_text, write_engagement

CLIENT = "Coopérative Laitière du Val"


def steering(engagement, out_dir, notebooks, day, **options):
    return run_engagement(engagement, out_dir, notebooks_dir=notebooks, only=["steering"],
                          as_of=day, **options)


def test_each_committee_keeps_its_pack_and_the_latest_is_at_the_usual_name(
    engagement, out_dir, notebooks, tmp_path
):
    steering(engagement, out_dir, notebooks, "2027-07-12")
    write_engagement(tmp_path, headcounts=(120, 60))  # the engagement moved on
    result = steering(engagement, out_dir, notebooks, "2027-07-26")
    folder = result.folder

    history = folder / "steering"
    assert sorted(p.name for p in history.iterdir()) == [
        "2027-07-12.docx", "2027-07-12.engagement.yaml", "2027-07-12.pptx",
        "2027-07-26.docx", "2027-07-26.engagement.yaml", "2027-07-26.pptx",
    ]
    assert "as of: 2027-07-12; since: " in docx_text(history / "2027-07-12.docx")
    # No --since: the pack compares with the committee the folder records before it.
    assert f"as of: 2027-07-26; since: {folder / 'manifest.json'}" in docx_text(folder / "steering.docx")
    assert sha256(folder / "steering.pptx") == sha256(history / "2027-07-26.pptx")
    assert "155 people" in [s.text_frame.text for s in pptx.Presentation(
        str(history / "2027-07-12.pptx")).slides[0].shapes if s.has_text_frame]
    assert "Population 2: 35" in docx_text(history / "2027-07-12.docx")
    assert "Population 2: 60" in docx_text(history / "2027-07-26.docx")
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["deliverables"]["steering"]
    assert record["committee"] == "2027-07-26"
    assert list(record["committees"]) == ["2027-07-12", "2027-07-26"]
    assert record["committees"]["2027-07-12"]["pptx"] == "steering/2027-07-12.pptx"
    assert {p.name for p in result.files} == {"steering.docx", "steering.pptx", "steering.ipynb",
                                              "steering.html"}


def test_the_same_committee_rendered_again_replaces_its_dated_copy_without_calling_it_edited(
    engagement, out_dir, notebooks
):
    steering(engagement, out_dir, notebooks, "2027-07-12")
    result = steering(engagement, out_dir, notebooks, "2027-07-12", force=True)
    assert result.kept_edits == []
    assert not list((result.folder / "history").glob("*.edited*"))
    assert sha256(result.folder / "steering.pptx") == sha256(result.folder / "steering/2027-07-12.pptx")


def test_since_a_manifest_reads_the_engagement_of_the_previous_committee(
    engagement, out_dir, notebooks, tmp_path
):
    first = engagement.read_bytes()
    steering(engagement, out_dir, notebooks, "2027-07-12")
    write_engagement(tmp_path, headcounts=(120, 60))
    second = engagement.read_bytes()
    result = steering(engagement, out_dir, notebooks, "2027-07-26")
    write_engagement(tmp_path, headcounts=(120, 90))  # the file as it stands today

    manifest = result.folder / "manifest.json"
    assert previous_engagement_file(manifest, before=dt.date(2027, 8, 9)).read_bytes() == second
    assert previous_engagement_file(manifest, before=dt.date(2027, 7, 26)).read_bytes() == first
    # Before any recorded committee: the engagement the run recorded, when it still matches.
    (result.folder / "steering" / "2027-07-12.engagement.yaml").write_text("edited by hand")
    import pytest

    from playbook.errors import PlaybookError

    with pytest.raises(PlaybookError, match="has changed since that run"):
        previous_engagement_file(manifest, before=dt.date(2027, 7, 26))


def test_a_run_without_the_steering_pack_keeps_the_committee_history_recorded(
    engagement, out_dir, notebooks
):
    result = steering(engagement, out_dir, notebooks, "2027-07-12")
    run_engagement(engagement, out_dir, notebooks_dir=notebooks, only=["framing_note"])
    record = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert list(record["deliverables"]["steering"]["committees"]) == ["2027-07-12"]


def test_a_run_without_since_compares_with_the_committee_the_folder_records(
    engagement, out_dir, notebooks, tmp_path
):
    steering(engagement, out_dir, notebooks, "2027-07-12")
    write_engagement(tmp_path, headcounts=(120, 60))
    result = steering(engagement, out_dir, notebooks, "2027-07-26")
    manifest = result.folder / "manifest.json"
    assert f"as of: 2027-07-26; since: {manifest}" in docx_text(result.folder / "steering.docx")
    assert result.compared_with == "2027-07-12"
    # The same committee again compares with the one before it, not with itself.
    again = steering(engagement, out_dir, notebooks, "2027-07-26", force=True)
    assert again.compared_with == "2027-07-12"


def test_the_first_committee_of_a_folder_compares_with_none(engagement, out_dir, notebooks):
    result = steering(engagement, out_dir, notebooks, "2027-07-12")
    assert result.compared_with == ""
    assert "as of: 2027-07-12; since: " in docx_text(result.folder / "steering.docx")


def test_the_run_summary_says_which_committee_it_compared_with():
    from playbook.cli.run import compared_line

    assert compared_line("2027-07-12", "en") == (
        'Steering pack: "since the last committee" compares with the committee of 12 July 2027.')
    assert "COPIL du 12 juillet 2027" in compared_line("2027-07-12", "fr")
