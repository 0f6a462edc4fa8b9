"""Reports and decks get their identities as they are written (notebooks run in
the run's own process), not by being opened and saved again at commit: the same
file, byte for byte, either way, which the commit then leaves as it is."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from playbook.run.carry import deck, identified_as_written, word
from playbook.run.direct import produce

EXAMPLE = Path(__file__).resolve().parents[2] / "playbook" / "examples" / "northwind_b2b.yaml"
_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def parts(path: Path) -> dict[str, bytes]:
    """Every part of the package; the embedded chart workbooks part by part; the
    creation and modification times aside."""
    found: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith(".xlsx"):
                inner = path.parent / f".{path.name}.{Path(name).name}"
                inner.write_bytes(data)
                found.update({f"{name}/{k}": v for k, v in parts(inner).items()})
                inner.unlink()
            else:
                found[name] = _TIMES.sub(b"", data)
    return found


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The change plan identified after saving, and identified as it is written."""
    folder = tmp_path_factory.mktemp("identities")
    after, written = folder / "after", folder / "written"
    produce("change_plan", EXAMPLE, output_dir=after)
    for suffix, module in ((".docx", word), (".pptx", deck)):
        module.stamp(after / f"change_plan{suffix}")
    with identified_as_written():
        produce("change_plan", EXAMPLE, output_dir=written)
    return after, written


@pytest.mark.parametrize("suffix", [".docx", ".pptx"])
def test_a_file_identified_as_written_is_the_file_identified_after_saving(both, suffix):
    after, written = (folder / f"change_plan{suffix}" for folder in both)
    assert parts(written) == parts(after)
    module = word if suffix == ".docx" else deck
    assert module.stamped(written) and module.stamped(after)


@pytest.mark.parametrize("suffix", [".docx", ".pptx"])
def test_the_commit_leaves_an_identified_file_as_it_is(both, suffix, tmp_path):
    copy = tmp_path / f"change_plan{suffix}"
    shutil.copyfile(both[1] / f"change_plan{suffix}", copy)
    before = copy.read_bytes()
    (word if suffix == ".docx" else deck).stamp(copy)
    assert copy.read_bytes() == before


def test_outside_a_run_files_are_written_without_identities(tmp_path):
    produce("framing_note", EXAMPLE, output_dir=tmp_path)
    assert not word.stamped(tmp_path / "framing_note.docx")
    assert not deck.stamped(tmp_path / "framing_note.pptx")
