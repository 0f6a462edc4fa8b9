"""Commands that take a second file never let one client's data into another's.

`run --since` compares with a previous state, which must be the same client's
(file or manifest); `training check` grades against a bundled case or a case of
the trainer's folder, never a file a trainee names; `measure import` reads the
export against the engagement it adds to. Each refusal exits with status 2,
names the problem and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.cli import main
from playbook.workbench import previous_engagement
from tests.run.helpers import engagement_data, listing

EXAMPLES = Path(__file__).resolve().parents[2] / "playbook" / "examples"
NORTHWIND, MUTUELLE = EXAMPLES / "northwind_b2b.yaml", EXAMPLES / "mutuelle_horizon.yaml"


def _client_file(folder: Path, client: str, populations: list[str], name: str) -> Path:
    data = engagement_data(client=client, headcounts=tuple(40 + i for i in range(len(populations))))
    for population, given_name in zip(data["populations"], populations, strict=True):
        population["name"] = given_name
    data["lots"][0]["populations"] = populations
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- run --since


def test_since_another_clients_engagement_is_refused_before_anything_is_written(tmp_path, capsys):
    out = tmp_path / "out"

    status = main(["run", str(NORTHWIND), "--only", "steering", "--out", str(out),
                   "--since", str(MUTUELLE)])

    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err == (
        f"--since {MUTUELLE}: this is the engagement of another client, 'Mutuelle Horizon', "
        "not 'Northwind Industrial Supplies'; nothing was written. Give the previous engagement "
        "file of 'Northwind Industrial Supplies', or the manifest.json of its previous run.")
    assert not out.exists()


def test_since_another_clients_manifest_is_refused(tmp_path, capsys):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"client": "Mutuelle Horizon", "engagement": {
        "path": str(MUTUELLE), "sha256": "0" * 64}}), encoding="utf-8")
    out = tmp_path / "out"

    status = main(["run", str(NORTHWIND), "--only", "steering", "--out", str(out),
                   "--since", str(manifest)])

    assert status == 2
    assert "this is the manifest of another client, 'Mutuelle Horizon', not 'Northwind Industrial Supplies'" in (
        capsys.readouterr().err)
    assert not out.exists()


def test_a_manifest_naming_the_client_but_recording_another_clients_file_is_refused(tmp_path, capsys):
    from playbook.run.manifest import sha256

    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"client": "Northwind Industrial Supplies", "engagement": {
        "path": str(MUTUELLE), "sha256": sha256(MUTUELLE)}}), encoding="utf-8")

    status = main(["run", str(NORTHWIND), "--only", "steering", "--out", str(tmp_path / "out"),
                   "--since", str(manifest)])

    assert status == 2
    assert "this is the engagement of another client, 'Mutuelle Horizon'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_same_clients_earlier_file_is_accepted(tmp_path):
    earlier = tmp_path / "northwind-earlier.yaml"
    earlier.write_bytes(NORTHWIND.read_bytes())

    assert previous_engagement(earlier, "Northwind Industrial Supplies").client == "Northwind Industrial Supplies"


def test_a_manifest_linked_to_an_endless_device_is_refused_without_reading_it(tmp_path, capsys):
    manifest = tmp_path / "manifest.json"
    manifest.symlink_to("/dev/zero")

    status = main(["run", str(NORTHWIND), "--only", "steering", "--out", str(tmp_path / "out"),
                   "--since", str(manifest)])

    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"--since {manifest}: not a regular file (a folder, a pipe or a device); "
        "give the previous engagement file or its run's manifest.json")


def test_a_huge_manifest_is_refused_without_reading_it_whole(tmp_path, capsys):
    manifest = tmp_path / "manifest.json"
    with manifest.open("wb") as handle:
        handle.truncate(64 << 20)  # sparse: 64 MB of nothing

    status = main(["run", str(NORTHWIND), "--only", "steering", "--out", str(tmp_path / "out"),
                   "--since", str(manifest)])

    assert status == 2
    assert "not a run manifest (no engagement recorded)" in capsys.readouterr().err


def test_an_output_folders_manifest_linked_to_a_device_is_not_read(tmp_path):
    from playbook.run import manifest as manifest_module
    from playbook.run.folders import owner

    folder = tmp_path / "Acme" / "fr"
    folder.mkdir(parents=True)
    (folder / "manifest.json").symlink_to("/dev/zero")

    assert owner(folder) is None
    assert manifest_module.previous(folder) == {}


# --------------------------------------------------------------------------- training check


def _answer(folder: Path, case: str) -> Path:
    path = folder / "alice.yaml"
    path.write_text(yaml.safe_dump({"trainee": "Alice", "case": case, "populations": ["Someone"]}),
                    encoding="utf-8")
    return path


def test_an_answer_naming_a_client_file_as_its_case_is_refused_unread(tmp_path, capsys):
    out = tmp_path / "cohort"
    answer = _answer(tmp_path, str(MUTUELLE))

    status = main(["training", "check", str(answer), "--out", str(out)])

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"{answer}: case ")
    assert "give the name of an exercise case, not a path" in err
    assert "Conseillers" not in err  # nothing of the client file was read
    assert not out.exists()


@pytest.mark.parametrize("case", ["../../examples/mutuelle_horizon", "contact_centre.yaml", "/etc/passwd"])
def test_a_case_must_be_a_name(tmp_path, capsys, case):
    status = main(["training", "check", str(_answer(tmp_path, case)), "--out", str(tmp_path / "o")])

    assert status == 2
    assert "give the name of an exercise case, not a path" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_trainers_case_folder_given_on_the_command_line_is_read(tmp_path, capsys):
    cases = tmp_path / "cases"
    cases.mkdir()
    _client_file(cases, "Fictional Dairy", ["Drivers", "Depot staff"], "dairy.yaml")
    answer = _answer(tmp_path, "dairy")

    status = main(["training", "check", str(answer), "--cases", str(cases), "--out", str(tmp_path / "o")])

    assert status == 0, capsys.readouterr().err
    assert "Alice: " in capsys.readouterr().out
    assert (tmp_path / "o" / "cohort-report-scores.csv").is_file()


def test_an_unknown_case_lists_the_bundled_ones(tmp_path, capsys):
    status = main(["training", "check", str(_answer(tmp_path, "nope")), "--out", str(tmp_path / "o")])

    assert status == 2
    assert "no exercise case 'nope' among the bundled cases; bundled cases: " in capsys.readouterr().err


# --------------------------------------------------------------------------- random pairs

# Any letters and digits, closed by a letter no hash, date or encoded image holds,
# so a name found in a file is that name.
NAMES = st.text(st.characters(codec="utf-8", categories=("L", "N"), max_codepoint=0x2FFF),
                min_size=3, max_size=12).map(lambda s: f"{s.strip()}Ŋ").filter(lambda s: len(s) >= 4)
# Two clients, then two populations each: no name is part of another.
DISTINCT = st.lists(NAMES, min_size=6, max_size=6, unique_by=str.casefold).filter(
    lambda names: not any(a != b and a.casefold() in b.casefold() for a in names for b in names))


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=DISTINCT)
def test_no_second_file_puts_one_clients_data_in_the_others_outputs(tmp_path_factory, names):
    clients, populations = names[:2], names[2:]
    tmp = tmp_path_factory.mktemp("pair")
    first = _client_file(tmp, clients[0], populations[:2], "first.yaml")
    second = _client_file(tmp, clients[1], populations[2:], "second.yaml")
    before = listing(tmp)
    out = tmp / "out"

    # --since: the other client's file is refused before anything is written
    assert main(["run", str(first), "--only", "steering", "--out", str(out), "--since", str(second)]) == 2
    # measure import: an export of the other client's populations is refused, the file untouched
    export = tmp / "export.csv"
    export.write_text("user,team,week_ending,logins,records_created\n"
                      f"u1,{populations[2]},2027-10-04,3,4\n", encoding="utf-8")
    assert main(["measure", "import", str(first), str(export), "--kind", "usage"]) == 2
    # training check: an answer naming the other client's file as its case is not read
    answer = tmp / "answer.yaml"
    answer.write_text(yaml.safe_dump({"trainee": "T", "case": str(second)}), encoding="utf-8")
    assert main(["training", "check", str(answer), "--out", str(out)]) == 2

    assert not out.exists()
    after = {k: v for k, v in listing(tmp).items() if k not in ("export.csv", "answer.yaml")}
    assert after == before


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=DISTINCT)
def test_a_batch_of_two_clients_keeps_each_ones_data_in_its_own_files(tmp_path_factory, names):
    from tests.run.helpers import docx_text

    clients, populations = names[:2], names[2:]

    tmp = tmp_path_factory.mktemp("batch")
    inbox = tmp / "inbox"
    inbox.mkdir()
    _client_file(inbox, clients[0], populations[:2], "first.yaml")
    _client_file(inbox, clients[1], populations[2:], "second.yaml")
    out = tmp / "out"

    assert main(["batch", str(inbox), "--out", str(out), "--jobs", "2", "--only", "framing_note",
                 "--notebooks", str(Path(__file__).resolve().parents[1] / "fixtures" / "notebooks")]) == 0

    for own, other in ((0, 1), (1, 0)):
        theirs = [clients[other], *populations[2 * other: 2 * other + 2]]
        folder = next(p for p in out.iterdir() if p.is_dir()
                      and (p / "fr" / "manifest.json").is_file()
                      and json.loads((p / "fr" / "manifest.json").read_text("utf-8"))["client"]
                      == clients[own])
        texts = [p.read_text(encoding="utf-8") for p in (folder / "fr").iterdir()
                 if p.suffix in (".ipynb", ".html", ".json")]
        texts += ["\n".join(docx_text(p)) for p in (folder / "fr").glob("*.docx")]
        assert clients[own] in "\n".join(texts)
        for name in theirs:
            assert not any(name in text for text in texts), (name, folder)
