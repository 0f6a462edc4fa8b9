"""What a notebook run by hand relies on: paths found from any folder, one
output folder per client and language."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook import workbench
from playbook.workbench import from_repository, open_engagement, write_deliverable

EXAMPLE = "playbook/examples/mutuelle_horizon.yaml"


def test_a_notebook_default_path_is_found_from_any_working_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # Jupyter started elsewhere than the repository

    assert from_repository(EXAMPLE).is_file()
    assert from_repository("templates").joinpath("house.docx").is_file()
    assert open_engagement(EXAMPLE).engagement.client == "Mutuelle Horizon"


def test_a_path_that_exists_from_the_working_folder_is_kept(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()

    assert from_repository("templates") == Path("templates")
    assert from_repository(tmp_path / "x.yaml") == tmp_path / "x.yaml"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_interactive_run_writes_under_outputs_client_lang(tmp_path, monkeypatch, lang) -> None:
    (tmp_path / "pyproject.toml").touch()  # a source checkout
    monkeypatch.setattr(workbench, "REPOSITORY", tmp_path)
    analysis = open_engagement(Path(__file__).parents[1] / EXAMPLE, lang)

    written = write_deliverable("framing_note", analysis)

    folder = tmp_path / "outputs" / "Mutuelle Horizon" / lang
    assert sorted(Path(p).name for p in written.values()) == ["framing_note.docx",
                                                              "framing_note.pptx"]
    assert all(Path(p).parent == folder for p in written.values())


def test_an_installed_playbook_writes_a_notebook_run_in_the_working_folder_not_site_packages(
        tmp_path, monkeypatch) -> None:
    # An installed wheel: the package's parent holds no pyproject.toml.
    installed = tmp_path / "site-packages"
    (installed / "playbook").mkdir(parents=True)
    monkeypatch.setattr(workbench, "REPOSITORY", installed)
    work = tmp_path / "consultant"
    work.mkdir()
    monkeypatch.chdir(work)
    analysis = open_engagement(Path(__file__).resolve().parents[1] / EXAMPLE)

    assert workbench.interactive_output(analysis).is_relative_to(work / "outputs")
    assert from_repository("outputs/mine") == Path("outputs/mine")
    assert from_repository(EXAMPLE) == installed / EXAMPLE
    assert from_repository("templates").name == "templates"
    assert not from_repository("templates").is_relative_to(installed.parent / "templates")
