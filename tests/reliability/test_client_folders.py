"""Nothing crossed: one folder per exact client, never a folder shared by two.

Client names fold when made safe for a disk ("Acme/Corp" and "Acme?Corp" both
read "Acme-Corp"); the folder of a folded name carries a digest of the exact
name, a folder whose manifest names another client is refused, and a batch
never reports two engagements that would write one folder as succeeded.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.cli import main
from playbook.files import safe_name, unique_name
from playbook.model.types import normalise_name
from playbook.run.batch import ClientReport, fail_merged, run_batch
from playbook.run.execute import run_engagement
from tests.run.helpers import listing, write_engagement

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
ONLY = ["framing_note"]


def _client_of(folder: Path) -> str:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["client"]


def _heading(docx_path: Path) -> str:
    return docx.Document(str(docx_path)).paragraphs[0].text


def test_a_name_that_is_already_safe_is_its_own_folder_name() -> None:
    assert unique_name("Mutuelle Horizon") == "Mutuelle Horizon"
    assert unique_name("Coopérative Laitière du Val") == "Coopérative Laitière du Val"


def test_names_that_fold_alike_get_different_folders_that_still_read_as_the_client() -> None:
    names = ["Acme/Corp", "Acme?Corp", "Acme-Corp", "Acme:Corp", 'Acme"Corp', "Acme|Corp"]
    folders = [unique_name(name) for name in names]
    assert len(set(folders)) == len(names)
    assert all(folder.startswith("Acme-Corp") for folder in folders)
    assert unique_name("Acme-Corp") == "Acme-Corp"


def test_names_cut_at_the_same_length_get_different_folders() -> None:
    first, second = "A" * 90 + "one", "A" * 90 + "two"
    assert safe_name(first) == safe_name(second)
    assert unique_name(first) != unique_name(second)
    assert len(unique_name(first)) <= 80


def test_bidi_override_characters_never_reach_a_folder_name() -> None:
    # U+202E shows "Acme gpj.exe" as "Acme exe.jpg" in a file browser.
    name = "Acme \u202egpj.exe"
    assert "\u202e" not in unique_name(name)
    assert unique_name(name) != unique_name("Acme gpj.exe")
    for invisible in ("\u202a", "\u202b", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200f"):
        assert invisible not in unique_name(f"Acme{invisible}Corp")


def test_two_clients_whose_names_fold_alike_keep_their_own_files(tmp_path) -> None:
    out = tmp_path / "out"
    first = write_engagement(tmp_path, "first.yaml", client="Acme/Corp", headcounts=(11,))
    second = write_engagement(tmp_path, "second.yaml", client="Acme?Corp", headcounts=(22,))

    one = run_engagement(first, out, only=ONLY, notebooks_dir=NOTEBOOKS)
    two = run_engagement(second, out, only=ONLY, notebooks_dir=NOTEBOOKS)

    assert one.folder != two.folder
    assert _client_of(one.folder) == "Acme/Corp" and _client_of(two.folder) == "Acme?Corp"
    assert _heading(one.folder / "framing_note.docx") == "framing_note - Acme/Corp"
    assert _heading(two.folder / "framing_note.docx") == "framing_note - Acme?Corp"


def test_a_folder_whose_manifest_names_another_client_is_refused_untouched(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    first = write_engagement(tmp_path, "first.yaml", client="Acme")
    run_engagement(first, out, only=ONLY, notebooks_dir=NOTEBOOKS)
    # The folder renamed by hand (or a disk that ignores case) puts another client there.
    folder = out / "Acme" / "fr"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["client"] = "Globex"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = listing(out)

    status = main(["run", str(first), "--out", str(out), "--only", "framing_note",
                   "--notebooks", str(NOTEBOOKS)])

    err = capsys.readouterr().err
    assert status == 2
    assert f"{folder} contient les livrables d'un autre client, 'Globex'" in err
    assert "rien n'a été écrit pour 'Acme'" in err
    assert "internal error" not in err and "Traceback" not in err
    assert listing(out) == before


def test_a_batch_fails_both_engagements_that_would_write_one_folder(tmp_path, capsys) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_engagement(inbox, "acme-march.yaml", client="Acme", headcounts=(10,))
    write_engagement(inbox, "acme-april.yaml", client="Acme", headcounts=(20,))
    write_engagement(inbox, "globex.yaml", client="Globex")
    out = tmp_path / "out"

    status = main(["batch", str(inbox), "--out", str(out), "--only", "framing_note",
                   "--notebooks", str(NOTEBOOKS), "--jobs", "1"])

    assert status == 1
    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    status_of = {Path(c["engagement"]).name: c for c in summary["clients"]}
    assert status_of["globex.yaml"]["status"] == "succeeded"
    for name, other in (("acme-march.yaml", "acme-april.yaml"), ("acme-april.yaml", "acme-march.yaml")):
        report = status_of[name]
        assert report["status"] == "failed"
        assert report["error"]["kind"] == "shared folder"
        assert report["error"]["message"] == (
            f"'Acme' ({name}) and 'Acme' ({other}) would write the same folder "
            f"{(out / 'Acme' / 'fr').resolve()}; none of them was run. Keep one engagement "
            "file per client, or run them with different --out folders."
        )
    assert not (out / "Acme").exists()


_FOLDED = st.sampled_from(list('/\\?*:<>|"') + ["\u202e", "\u200b", "  ", "\t", "."])
_PLAIN = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "Zs", "P", "S"]), min_size=1, max_size=12
)


@st.composite
def _client_pairs(draw) -> tuple[str, str]:
    """Two distinct client names, often differing only where `safe_name` folds."""
    base = draw(_PLAIN).strip() or "Client"
    if draw(st.booleans()):
        left, right = draw(_FOLDED), draw(_FOLDED)
        cut = draw(st.integers(0, len(base)))
        first, second = base[:cut] + left + base[cut:], base[:cut] + right + base[cut:]
    else:
        first, second = base, draw(_PLAIN).strip() or "Other"
    # Names are keys: the model collapses spaces and drops controls, as it must.
    first, second = normalise_name(first) or "Client", normalise_name(second) or "Client"
    if first == second:
        second = f"{first} 2"
    return first, second


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=_client_pairs())
def test_any_two_distinct_clients_of_a_batch_get_their_own_folder_and_files(tmp_path, pair) -> None:
    run_dir = Path(tmp_path) / f"case-{abs(hash(pair))}"
    inbox = run_dir / "inbox"
    inbox.mkdir(parents=True)
    for index, client in enumerate(pair):
        write_engagement(inbox, f"{index}.yaml", client=client, headcounts=(10 + index,))
    out = run_dir / "out"

    result = run_batch([inbox], out, jobs=1, only=ONLY, notebooks_dir=NOTEBOOKS)

    assert [c.status for c in result.clients] == ["succeeded", "succeeded"], result.clients
    folders = [Path(c.folder) for c in result.clients]
    assert folders[0] != folders[1]
    for index, (folder, own, other) in enumerate(
        ((folders[0], *pair), (folders[1], *reversed(pair)))
    ):
        assert folder.parent.parent == out.resolve()
        assert _client_of(folder) == own
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["engagement"]["path"] == str((inbox / f"{index}.yaml").resolve())
        assert set(manifest["deliverables"]) == {"framing_note"}
        assert _heading(folder / "framing_note.docx") == f"framing_note - {own}"
        paragraphs = [p.text for p in docx.Document(str(folder / "framing_note.docx")).paragraphs]
        assert f"framing_note - {other}" not in paragraphs
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["framing_note.docx", "framing_note.pptx", "framing_note.ipynb",
             "framing_note.html", "history", "manifest.json"]
        )
        # history/ keeps this client's file as generated (the base for carrying edits), nothing else
        kept = sorted(p.name for p in (folder / "history").rglob("*") if p.is_file())
        assert kept == ["framing_note.docx", "framing_note.pptx"]


@pytest.mark.parametrize("hostile", ["Acme [/] Holdings", "[bold]Acme[/bold]", "Acme {Europe}", "{0}{client}"])
def test_brackets_and_braces_in_a_name_are_just_characters_of_the_folder(tmp_path, hostile) -> None:
    path = write_engagement(tmp_path, client=hostile)
    result = run_engagement(path, tmp_path / "out", only=ONLY, notebooks_dir=NOTEBOOKS)
    assert _client_of(result.folder) == hostile
    assert _heading(result.folder / "framing_note.docx") == f"framing_note - {hostile}"


def test_clients_that_a_disk_put_in_one_folder_are_not_reported_succeeded(tmp_path) -> None:
    # On a disk that ignores case, "out/Acme" and "out/ACME" are one folder; a link
    # stands for that disk here.
    (tmp_path / "Acme" / "fr").mkdir(parents=True)
    (tmp_path / "ACME").symlink_to(tmp_path / "Acme")
    reports = [
        ClientReport(engagement=f"{name}.yaml", status="succeeded", seconds=1.0, client=name,
                     language="fr", folder=str(tmp_path / name / "fr"))
        for name in ("Acme", "ACME")
    ] + [ClientReport(engagement="globex.yaml", status="succeeded", seconds=1.0,
                      client="Globex", language="fr", folder=str(tmp_path))]

    checked = fail_merged(reports)

    assert [r.status for r in checked] == ["failed", "failed", "succeeded"]
    assert checked[0].error["message"] == (
        f"'Acme' and 'ACME' were written to the same folder {tmp_path / 'Acme' / 'fr'} "
        "(the disk does not tell upper from lower case): its files may mix them. "
        "Run them with different --out folders."
    )
