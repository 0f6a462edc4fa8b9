"""Copies named for the client's inbox (`delivery.yaml`): "Note de cadrage – <client> –
<date>.docx" beside the stable names, recorded in the manifest, and a copy the
consultant edited never replaced nor removed."""

from __future__ import annotations

import json
import shutil

import docx
import pytest
import yaml

from playbook.cli import main
from playbook.errors import MethodError
from playbook.method import DEFAULT_DIR, load_method
from playbook.run.execute import run_engagement
from playbook.run.manifest import sha256

from .helpers import docx_text, engagement_data

CLIENT = "Coopérative Laitière du Val"
TWO = ["framing_note", "change_plan"]
EDIT = "Relu par l'associée avant envoi."


def firm_method(tmp_path, **inbox) -> str:
    """The bundled method with the inbox copies turned on (and `inbox` changed)."""
    folder = tmp_path / "firm-method"
    shutil.copytree(DEFAULT_DIR, folder)
    path = folder / "delivery.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["inbox"].update({"enabled": True, **inbox})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(folder)


def engagement_at(tmp_path, as_of: str, name: str = "client.yaml", **fields):
    data = engagement_data(**fields)
    data["engagement"]["as_of"] = as_of
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def recorded_inbox(folder, deliverable="framing_note"):
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return manifest["deliverables"][deliverable]["inbox"]


def edit(path, text=EDIT):
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))
    return sha256(path)


def test_off_by_default_the_folder_holds_only_the_stable_names(tmp_path, out_dir, notebooks):
    engagement = engagement_at(tmp_path, "2027-04-15")
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks)
    folder = out_dir / CLIENT / "fr"
    assert not (folder / "envoi").exists()
    assert recorded_inbox(folder) == []


@pytest.mark.parametrize("lang, copy", [
    ("fr", "envoi/Note de cadrage – Coopérative Laitière du Val – 2027-04-15"),
    ("en", "to-send/Framing note – Coopérative Laitière du Val – 2027-04-15"),
])
def test_each_deliverable_gets_a_copy_named_for_the_client_in_its_language(
    tmp_path, out_dir, notebooks, lang, copy
):
    engagement = engagement_at(tmp_path, "2027-04-15", language=lang)
    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks,
                            method_dir=firm_method(tmp_path))
    folder = out_dir / CLIENT / lang
    for suffix in (".docx", ".pptx"):
        # the same file as the stable name, which stays the canonical one
        assert (folder / f"{copy}{suffix}").read_bytes() == (
            folder / f"framing_note{suffix}").read_bytes()
    assert {(e["file"], e["of"], e["state"]) for e in recorded_inbox(folder)} == {
        (f"{copy}.docx", "framing_note.docx", "written"),
        (f"{copy}.pptx", "framing_note.pptx", "written"),
    }
    assert all(e["sha256"] == sha256(folder / e["file"]) for e in recorded_inbox(folder))
    assert f"{copy}.docx" in {c.file for c in result.inbox}
    change_plan = "Plan d'accompagnement des changements" if lang == "fr" else "Change plan"
    assert any(c.file.startswith(f"{copy.split('/')[0]}/{change_plan} – ") for c in result.inbox)


def test_an_edited_copy_is_never_overwritten_and_the_run_says_so(
    tmp_path, out_dir, notebooks, capsys
):
    method = firm_method(tmp_path)
    engagement = engagement_at(tmp_path, "2027-04-15")
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks, method_dir=method)
    folder = out_dir / CLIENT / "fr"
    copy = "envoi/Note de cadrage – Coopérative Laitière du Val – 2027-04-15.docx"
    digest = edit(folder / copy)
    engagement_at(tmp_path, "2027-04-15", headcounts=(120, 99))  # the engagement moves on

    for force in ([], ["--force"], ["--force"]):  # said every time, the copy untouched
        assert main(["run", str(engagement), "--out", str(out_dir), "--notebooks", str(notebooks),
                     "--only", *TWO, "--method", method, *force]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert sha256(folder / copy) == digest and EDIT in docx_text(folder / copy)
        assert f"{copy} a été modifié depuis que le playbook l'a écrit" in out
        assert "La nouvelle version est framing_note.docx" in out
    assert "Population 2: 99" in docx_text(folder / "framing_note.docx")
    entry = next(e for e in recorded_inbox(folder) if e["file"] == copy)
    assert entry["state"] == "edited" and entry["sha256"] != digest  # the digest as written
    deck = copy.replace(".docx", ".pptx")  # the copy not edited is the new version
    assert (folder / deck).read_bytes() == (folder / "framing_note.pptx").read_bytes()


def test_the_english_console_says_it_in_english(tmp_path, out_dir, notebooks, capsys):
    method = firm_method(tmp_path)
    engagement = engagement_at(tmp_path, "2027-04-15", language="en")
    run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks,
                   method_dir=method)
    copy = "to-send/Framing note – Coopérative Laitière du Val – 2027-04-15.docx"
    edit(out_dir / CLIENT / "en" / copy)
    assert main(["run", str(engagement), "--out", str(out_dir), "--notebooks", str(notebooks),
                 "--only", "framing_note", "--method", method, "--force"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"{copy} was edited since the playbook wrote it: it is kept as you left it" in out
    assert "Copy to send to the client: to-send/Framing note" in out


def test_a_new_date_replaces_the_earlier_copy_unless_the_consultant_edited_it(
    tmp_path, out_dir, notebooks
):
    method = firm_method(tmp_path)
    folder = out_dir / CLIENT / "fr"
    stem = "envoi/Note de cadrage – Coopérative Laitière du Val – {}"
    engagement = engagement_at(tmp_path, "2027-04-15")
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks, method_dir=method)
    digest = edit(folder / stem.format("2027-04-15.docx"))

    engagement_at(tmp_path, "2027-05-03")
    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks,
                            method_dir=method)

    assert (folder / stem.format("2027-05-03.docx")).is_file()
    assert sha256(folder / stem.format("2027-04-15.docx")) == digest  # edited: kept
    assert not (folder / stem.format("2027-04-15.pptx")).exists()  # as written: superseded
    assert [(c.file, c.state) for c in result.inbox if c.state == "edited"] == [
        (stem.format("2027-04-15.docx"), "edited")]
    files = {e["file"]: e["state"] for e in recorded_inbox(folder)}
    assert files[stem.format("2027-04-15.docx")] == "edited"  # still known as the consultant's

    engagement_at(tmp_path, "2027-05-17")  # a third run: the edited copy is still there
    run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks, method_dir=method)
    assert sha256(folder / stem.format("2027-04-15.docx")) == digest
    assert not (folder / stem.format("2027-05-03.docx")).exists()


def test_a_file_the_playbook_did_not_write_is_not_replaced(tmp_path, out_dir, notebooks):
    """A file at the copy's name that no manifest knows (put there by hand): kept."""
    method = firm_method(tmp_path)
    engagement = engagement_at(tmp_path, "2027-04-15")
    folder = out_dir / CLIENT / "fr"
    copy = folder / "envoi" / "Note de cadrage – Coopérative Laitière du Val – 2027-04-15.docx"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"the consultant's own file")
    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks,
                            method_dir=method)
    assert copy.read_bytes() == b"the consultant's own file"
    assert ("edited", "framing_note.docx") in {(c.state, c.of) for c in result.inbox}


def test_a_client_name_no_file_system_takes_is_made_safe(tmp_path, out_dir, notebooks):
    client = 'Dupont/Durand : "Associés"?'
    engagement = engagement_at(tmp_path, "2027-04-15", client=client)
    result = run_engagement(engagement, out_dir, only=["framing_note"], notebooks_dir=notebooks,
                            method_dir=firm_method(tmp_path))
    names = sorted(c.file for c in result.inbox)
    assert names == ["envoi/Note de cadrage – Dupont-Durand Associés – 2027-04-15.docx",
                     "envoi/Note de cadrage – Dupont-Durand Associés – 2027-04-15.pptx"]
    assert all((result.folder / name).is_file() for name in names)


def test_a_firm_sets_its_own_pattern_and_folder(tmp_path, out_dir, notebooks):
    method = firm_method(tmp_path, folder={"fr": "à envoyer", "en": "outbox"}, names={
        "framing_note": {"fr": "{date} {client} cadrage", "en": "{date} {client} framing"}})
    engagement = engagement_at(tmp_path, "2027-04-15")
    result = run_engagement(engagement, out_dir, only=TWO, notebooks_dir=notebooks,
                            method_dir=method)
    assert sorted(c.file for c in result.inbox) == [
        "à envoyer/2027-04-15 Coopérative Laitière du Val cadrage.docx",
        "à envoyer/2027-04-15 Coopérative Laitière du Val cadrage.pptx",
    ]  # the change plan has no pattern here: no copy


@pytest.mark.parametrize("inbox, said", [
    ({"names": {"framing_note": {"fr": "Note {client} {jour}", "en": "Note {client} {date}"}}},
     "names.framing_note.fr: unknown placeholder {jour}"),
    ({"names": {"cadrage": {"fr": "Note {client}", "en": "Note {client}"}}},
     "names: unknown deliverable 'cadrage'"),
    ({"folder": {"fr": "../envoi", "en": "to-send"}}, "one plain folder name"),
    ({"names": {"framing_note": {"fr": "a/{client}", "en": "{client}"}}}, "a name, not a path"),
])
def test_a_mistake_in_the_firm_s_patterns_is_refused_and_located(tmp_path, inbox, said):
    method = firm_method(tmp_path, **inbox)
    with pytest.raises(MethodError) as raised:
        load_method(method)
    assert "delivery.yaml" in str(raised.value) and said in str(raised.value)


def test_a_firm_method_written_before_the_option_reads_the_bundled_one(tmp_path):
    folder = tmp_path / "older-method"
    shutil.copytree(DEFAULT_DIR, folder)
    (folder / "delivery.yaml").unlink()
    assert load_method(folder).delivery.inbox.enabled is False


def test_the_readme_shows_the_names_the_bundled_patterns_give():
    """The README's example names are what the bundled patterns write, once turned on."""
    from pathlib import Path

    from playbook.run.inbox import copy_name

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    inbox = load_method().delivery.inbox
    french = copy_name(inbox.names["framing_note"].fr, "Mutuelle Horizon", "2027-02-15", ".docx")
    english = copy_name(inbox.names["framing_note"].en, "Northwind Industrial Supplies",
                        "2027-02-15", ".pptx")
    assert f"{inbox.folder.fr}/{french}" in readme and f"{inbox.folder.en}/{english}" in readme
    assert inbox.enabled is False and "off in the bundled method" in readme
    assert "`Dupont-Durand Associés`" in readme and copy_name(
        "{client}", "Dupont/Durand : Associés", "", "") == "Dupont-Durand Associés"


def test_the_steering_pack_s_copy_carries_the_committee_s_date(tmp_path, out_dir, notebooks):
    engagement = engagement_at(tmp_path, "2027-04-15")
    result = run_engagement(engagement, out_dir, only=["steering"], notebooks_dir=notebooks,
                            method_dir=firm_method(tmp_path), as_of="2027-06-14")
    assert sorted(c.file for c in result.inbox) == [
        "envoi/COPIL – Coopérative Laitière du Val – 2027-06-14.docx",
        "envoi/COPIL – Coopérative Laitière du Val – 2027-06-14.pptx",
    ]


def test_a_batch_keeps_an_edited_copy_and_lists_it_in_its_summary(tmp_path, notebooks):
    from playbook.run.batch import run_batch

    method = firm_method(tmp_path)
    engagements = tmp_path / "engagements"
    engagements.mkdir()
    engagement_at(engagements, "2027-04-15", "a.yaml", client="Client A")
    engagement_at(engagements, "2027-04-15", "b.yaml", client="Client B")
    out = tmp_path / "out"
    run_batch([engagements], out, jobs=2, only=["framing_note"], notebooks_dir=notebooks,
              method_dir=method)
    copy = "envoi/Note de cadrage – Client A – 2027-04-15.docx"
    digest = edit(out / "Client A" / "fr" / copy)
    engagement_at(engagements, "2027-04-15", "a.yaml", client="Client A", headcounts=(120, 99))

    result = run_batch([engagements], out, jobs=2, only=["framing_note"], notebooks_dir=notebooks,
                       method_dir=method)

    assert [c.rendered for c in result.clients if c.client == "Client A"] == [["framing_note"]]
    assert sha256(out / "Client A" / "fr" / copy) == digest
    assert "Population 2: 99" in docx_text(out / "Client A" / "fr" / "framing_note.docx")
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    listed = {c["client"]: c["inbox"] for c in summary["clients"]}
    assert {(e["file"], e["state"]) for e in listed["Client A"]} == {
        (copy, "edited"), (copy.replace(".docx", ".pptx"), "written")}
    assert listed["Client B"] == []  # up to date: nothing written
    assert (out / "Client B" / "fr" / "envoi" / "Note de cadrage – Client B – 2027-04-15.docx"
            ).is_file()


def test_a_dask_batch_writes_the_copies_back_and_keeps_an_edited_one(tmp_path, notebooks):
    distributed = pytest.importorskip("distributed")
    from playbook.run.batch import run_batch

    method = firm_method(tmp_path)
    engagements = tmp_path / "engagements"
    engagements.mkdir()
    engagement_at(engagements, "2027-04-15", "a.yaml", client="Client A")
    out = tmp_path / "out"
    run_batch([engagements], out, only=["framing_note"], notebooks_dir=notebooks,
              method_dir=method)
    folder = out / "Client A" / "fr"
    copy = "envoi/Note de cadrage – Client A – 2027-04-15.docx"
    digest = edit(folder / copy)
    (folder / copy.replace(".docx", ".pptx")).unlink()
    with distributed.LocalCluster(
        processes=True, n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        result = run_batch([engagements], out, only=["framing_note"], notebooks_dir=notebooks,
                           method_dir=method, force=True, dask_address=cluster.scheduler_address)
    assert sha256(folder / copy) == digest
    assert (folder / copy.replace(".docx", ".pptx")).read_bytes() == (
        folder / "framing_note.pptx").read_bytes()  # written back into the client folder
    assert {(e["file"], e["state"]) for e in result.clients[0].inbox} == {
        (copy, "edited"), (copy.replace(".docx", ".pptx"), "written")}
