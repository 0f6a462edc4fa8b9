"""`action_status` rows must name a lever of the method and a mapped population:
a misspelt one would otherwise be silently ignored and its action shown late."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.errors import IntakeError
from playbook.intake import load_engagement, read_intake
from tests.factories import minimal_engagement_dict

from .helpers import write_yaml


def _problems(path: Path, **options) -> list:
    with pytest.raises(IntakeError) as caught:
        read_intake(path, **options)
    return [p for p in caught.value.problems if p.severity == "error"]


def _with_status(tmp_path: Path, *rows: dict) -> Path:
    data = minimal_engagement_dict()
    data["action_status"] = list(rows)
    return write_yaml(tmp_path / "e.yaml", data)


def test_a_misspelt_lever_code_is_an_error_with_the_code_meant(tmp_path: Path) -> None:
    path = _with_status(tmp_path, {"lever": "simplify_data_entri", "status": "done"})
    (problem,) = _problems(path)
    assert problem.where.startswith("action_status[0].lever")
    assert "unknown lever code 'simplify_data_entri'" in problem.message
    assert "simplify_data_entry" in problem.message  # did you mean


def test_a_misspelt_population_is_an_error_with_the_name_meant(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    name = data["populations"][0]["name"]
    path = _with_status(tmp_path, {"lever": "user_guide", "population": name[:-1], "status": "done"},
                        {"lever": "user_guide", "population": name, "status": "cancelled"})
    (problem,) = _problems(path)
    assert problem.where.startswith("action_status[0].population")
    assert "unknown population" in problem.message and name in problem.message


def test_valid_rows_and_an_adapted_method_s_own_levers_pass(tmp_path: Path) -> None:
    path = _with_status(tmp_path, {"lever": "user_guide", "status": "done"})
    assert load_engagement(path).action_status[0].lever == "user_guide"
    firm = tmp_path / "firm"
    firm.mkdir()
    (firm / "levers.yaml").write_text("levers:\n  - id: firm_roadshow\n", encoding="utf-8")
    custom = _with_status(tmp_path, {"lever": "firm_roadshow", "status": "done"})
    assert load_engagement(custom, method_dir=firm).action_status[0].lever == "firm_roadshow"
    assert _problems(custom)  # unknown to the bundled method


def _plan_of(engagement) -> list:
    """The plan's actions (id, lever, population) of a valid engagement."""
    from playbook.analysis.engine import analysed
    from playbook.method import load_method

    actions = analysed(engagement, load_method(), engagement.language).change_plan.actions
    assert not actions.empty
    return list(actions[["id", "lever", "population"]].itertuples(index=False))


def _typo(known: str) -> str:
    return known[:-1] + ("X" if known[-1] != "X" else "Y")


def test_an_unknown_id_is_reported_with_the_other_errors_of_action_status(tmp_path: Path) -> None:
    """One round: a bad status on one row and a misspelt id on another are both
    reported on the first run, the id with the id meant; nothing is returned."""
    from playbook.workbench import plan_ids

    known = _plan_of(load_engagement(_with_status(tmp_path)))[0].id
    typo = _typo(known)
    path = _with_status(tmp_path, {"lever": "user_guide", "status": "finished"},
                        {"id": typo, "status": "done"})

    problems = _problems(path, plan_ids=plan_ids())

    where = {p.where.split(" (")[0]: p.message for p in problems}
    assert set(where) == {"action_status[0].status", "action_status[1].id"}
    assert f"unknown action id '{typo}'" in where["action_status[1].id"]
    assert known in where["action_status[1].id"]  # did you mean


def test_an_id_no_plan_of_the_file_can_have_is_reported_with_an_error_elsewhere(
        tmp_path: Path) -> None:
    """A rejected population changes the plan, yet an id no plan of the file's
    populations and lots can have (a row pasted from another client's sheet) is
    unknown however the headcount is corrected: said in the same round."""
    from playbook.workbench import plan_ids

    data = minimal_engagement_dict()
    data["populations"][0]["headcount"] = "douze"
    data["action_status"] = [{"id": "AZZZZ", "status": "done"}]
    path = write_yaml(tmp_path / "e.yaml", data)

    problems = _problems(path, plan_ids=plan_ids())

    assert sorted(p.where.split(" (")[0] for p in problems) == [
        "action_status[0].id", "populations[0].headcount"]


def test_an_id_of_a_rejected_population_is_not_called_unknown(tmp_path: Path) -> None:
    """The ids of a population whose row is rejected are missing from the plan
    of what was read, but are the plan's once the row is corrected: only the
    row's own error is reported."""
    from playbook.workbench import plan_ids

    data = minimal_engagement_dict()
    name = data["populations"][0]["name"]
    own = next(a.id for a in _plan_of(load_engagement(write_yaml(tmp_path / "v.yaml", data)))
               if a.population == name)
    data["populations"][0]["headcount"] = "douze"
    data["action_status"] = [{"id": own, "status": "done"}]
    path = write_yaml(tmp_path / "e.yaml", data)

    problems = _problems(path, plan_ids=plan_ids())

    assert [p.where.split(" (")[0] for p in problems] == ["populations[0].headcount"]
