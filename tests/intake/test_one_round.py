"""Validation in one round: every problem on the first run, no false alarms.

Rows rejected for a bad cell still name populations, lots and territories; a
consultant who fixes everything reported must not meet new errors on the next
run, nor warnings that only follow from an error already reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.errors import IntakeError
from playbook.intake import read_intake
from playbook.intake.suggest import closest
from tests.factories import minimal_engagement_dict

from .helpers import write_yaml


def _problems(path: Path) -> list:
    with pytest.raises(IntakeError) as caught:
        read_intake(path)
    return caught.value.problems


def test_bad_population_rows_raise_no_territory_false_alarms(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["territories"] = [{"name": "Nord"}]
    for population in data["populations"]:
        population["territory"] = "Nord"
        population["headcount"] = "douze"  # every population row rejected
    data["training"] = {"blackouts": [
        {"start": "2026-07-01", "end": "2026-07-31", "territory": "Nord", "reason": "Été"}]}
    data["governance"]["key_users"] = [{"name": "Iris Vidal", "population": "Agency advisers",
                                        "territory": "Nord"}]

    problems = _problems(write_yaml(tmp_path / "e.yaml", data))

    assert [p.where.split(" (")[0] for p in problems if p.severity == "error"] == [
        f"populations[{i}].headcount" for i in range(3)]
    assert not [p for p in problems if p.severity == "warning"]


def test_a_rejected_row_still_has_its_reference_checked(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["impacts"].append({"population": "Agency advisors", "dimension": "skills",
                            "intensity": "strong"})

    problems = _problems(write_yaml(tmp_path / "e.yaml", data))

    where = {p.where.split(" (")[0]: p for p in problems}
    assert set(where) == {"impacts[4].intensity", "impacts[4].population"}
    unknown = where["impacts[4].population"]
    assert unknown.message == "unknown population 'Agency advisors' (did you mean 'Agency advisers'?)"


def test_unknown_name_lists_include_rows_that_had_errors(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["populations"][2]["headcount"] = 0  # the back office row is rejected
    data["impacts"].append({"population": "Drivers", "dimension": "job", "intensity": 1})

    problems = _problems(write_yaml(tmp_path / "e.yaml", data))

    unknown = next(p for p in problems if "Drivers" in p.message)
    assert "Back-office assistants" in unknown.expected
    assert "key 'populations'" in unknown.expected  # a YAML file has keys, not sheets
    # The back office is impacted by a valid row and named by the rejected one:
    assert not any("Back-office" in p.message for p in problems if p.severity == "warning")


def test_a_rejected_impact_row_still_counts_as_an_impact(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["impacts"][2]["intensity"] = 7  # the only impact of "Agency managers"

    problems = _problems(write_yaml(tmp_path / "e.yaml", data))

    assert [p.where.split(" (")[0] for p in problems] == ["impacts[2].intensity"]


def test_a_rejected_lot_row_still_counts_for_its_populations(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["lots"][0]["go_live"] = "someday"  # the only lot of "Agency managers"

    problems = _problems(write_yaml(tmp_path / "e.yaml", data))

    assert [p.where.split(" (")[0] for p in problems] == ["lots[0].go_live"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("agency advisers", "Agency advisers"),  # case
        ("Equipe Nord", "Équipe Nord"),  # accents
        ("Agency advisors", "Agency advisers"),  # one letter
        ("Back office assistants", "Back-office assistants"),  # hyphen
    ],
)
def test_near_miss_names_get_the_spelling_meant(typed: str, meant: str) -> None:
    known = ["Agency advisers", "Équipe Nord", "Back-office assistants"]
    assert closest(typed, known) == meant


def test_a_name_far_from_every_known_one_gets_no_guess() -> None:
    assert closest("Drivers", ["Agency advisers", "Agency managers"]) is None


def test_a_case_slip_in_a_lot_reference_is_pointed_out_in_french(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["engagement"]["language"] = "fr"
    data["lots"][1]["populations"] = ["agency advisers"]

    problems = _problems(write_yaml(tmp_path / "e.yaml", data))

    (problem,) = problems
    assert problem.message == (
        "population inconnue 'agency advisers' (vouliez-vous dire 'Agency advisers' ?)")
    assert "un nom de la clé 'populations'" in problem.expected


def test_a_blackout_territory_spelt_with_another_case_gets_the_exact_spelling(
    tmp_path: Path,
) -> None:
    data = minimal_engagement_dict()
    data["training"] = {"blackouts": [
        {"start": "2026-07-01", "end": "2026-07-31", "territory": "north", "reason": "Summer"}]}

    report = read_intake(write_yaml(tmp_path / "e.yaml", data))

    (warning,) = [w for w in report.warnings if "territory" in w.where]
    assert warning.message.endswith("(did you mean 'North'?)")
