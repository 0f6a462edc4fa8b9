"""`playbook validate` and `playbook intake-template` as a consultant runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from playbook.intake import load_engagement

from .helpers import dump_yaml


def test_validate_summarises_a_valid_engagement(
    valid_xlsx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["validate", str(valid_xlsx)])

    out = capsys.readouterr().out
    assert status == 0
    assert "Client: Verdanne Habitat" in out
    assert "Populations: 3 (1 not using the CRM), 66 people" in out
    assert "  - Lot 1 - Requests: go-live 2026-05-18" in out
    assert "  - Lot 2 - Repairs: go-live 2026-09-14" in out
    assert "Warnings: 0" in out


def test_validate_in_french_lists_warnings(tmp_path: Path, minimal_engagement, capsys) -> None:
    data = minimal_engagement.model_dump(mode="json")
    data["impacts"] = [i for i in data["impacts"] if i["population"] != "Agency managers"]
    path = tmp_path / "engagement.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")

    status = main(["validate", str(path), "--lang", "fr"])

    out = capsys.readouterr().out
    assert status == 0
    assert "Populations : 3 (dont 1 hors utilisateurs du CRM), 66 personnes" in out
    assert "Avertissements : 1" in out
    assert "aucun impact saisi pour la population 'Agency managers'" in out


@pytest.mark.parametrize("lang, line", [
    ("en", "Populations: 3, 66 people"),
    ("fr", "Populations : 3, 66 personnes"),
])
def test_validate_leaves_out_a_zero_count_of_populations_off_the_crm(
    tmp_path: Path, minimal_engagement, capsys, lang: str, line: str
) -> None:
    data = minimal_engagement.model_dump(mode="json")
    for population in data["populations"]:
        population["crm_user"] = True
    path = tmp_path / "engagement.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")

    assert main(["validate", str(path), "--lang", lang]) == 0

    out = capsys.readouterr().out
    assert line in out
    assert " 0 " not in out.split(line)[0].splitlines()[-1] + line


def test_intake_template_writes_a_blank_or_filled_workbook(
    tmp_path: Path, minimal_engagement, capsys
) -> None:
    source = tmp_path / "engagement.yaml"
    source.write_text(dump_yaml(minimal_engagement.model_dump(mode="json")), encoding="utf-8")

    assert main(["intake-template", str(tmp_path / "blank.xlsx"), "--lang", "fr"]) == 0
    assert main(["intake-template", str(tmp_path / "filled.xlsx"), "--from", str(source)]) == 0

    assert (tmp_path / "blank.xlsx").is_file()
    filled = load_engagement(tmp_path / "filled.xlsx")
    # Everything the engagement says, and its plan's actions listed to tick.
    assert filled.model_copy(update={"action_status": []}) == minimal_engagement
    assert filled.action_status and all(r.id and r.lever and r.status is None
                                        for r in filled.action_status)
    assert "filled.xlsx" in capsys.readouterr().out


def test_intake_template_from_a_broken_file_exits_2(tmp_path: Path, capsys) -> None:
    source = tmp_path / "engagement.yaml"
    source.write_text("engagement: {client: X}\n", encoding="utf-8")

    assert main(["intake-template", str(tmp_path / "out.xlsx"), "--from", str(source)]) == 2
    assert "engagement.kickoff" in capsys.readouterr().err
    assert not (tmp_path / "out.xlsx").exists()


def test_validate_speaks_playbook_lang_before_the_engagement_is_known(
        tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PLAYBOOK_LANG", "fr")

    assert main(["validate", str(tmp_path / "absent.xlsx")]) == 2

    assert "fichier introuvable" in capsys.readouterr().err


def test_validate_speaks_lang_over_the_engagement(valid_xlsx: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PLAYBOOK_LANG", "en")

    assert main(["validate", str(valid_xlsx), "--lang", "fr"]) == 0

    assert "Avertissements : 0" in capsys.readouterr().out
