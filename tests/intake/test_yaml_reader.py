"""Reading an engagement YAML file: same model, same checks, key paths and lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from playbook.cli import main
from playbook.errors import IntakeError
from playbook.intake import load_engagement, read_intake
from tests.factories import minimal_engagement_dict

from .helpers import dump_yaml, write_yaml


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _delete(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return edit


# (case, edit of the minimal engagement, key path, message)
BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "headcount in words",
        _set(("populations", 1, "headcount"), "douze"),
        "populations[1].headcount",
        "not a whole number (found 'douze'); expected a whole number > 0",
    ),
    (
        "zero headcount",
        _set(("populations", 0, "headcount"), 0),
        "populations[0].headcount",
        "value out of range (found 0)",
    ),
    (
        "code outside the list",
        _set(("impacts", 2, "dimension"), "mood"),
        "impacts[2].dimension",
        "value not in the list (found 'mood'); expected one of: job, tool, culture",
    ),
    (
        "impact on an unknown population",
        _set(("impacts", 1, "population"), "Call centre"),
        "impacts[1].population",
        "unknown population 'Call centre'",
    ),
    (
        "lot naming an unknown population",
        _set(("lots", 0, "populations"), ["Agency advisers", "Drivers"]),
        "lots[0].populations[1]",
        "unknown population 'Drivers'",
    ),
    (
        "duplicate population",
        _set(("populations", 2, "name"), "Agency managers"),
        "populations[2].name",
        "duplicate population name (already used in populations[1])",
    ),
    (
        "go-live before kickoff",
        _set(("lots", 1, "go_live"), "2025-11-30"),
        "lots[1].go_live",
        "go-live must come after the kickoff (2026-01-12)",
    ),
    (
        "missing required key",
        _delete(("engagement", "kickoff")),
        "engagement.kickoff",
        "required value is missing",
    ),
    (
        "missing sponsor role",
        _delete(("governance", "sponsor", "role")),
        "governance.sponsor.role",
        "required value is missing",
    ),
    (
        "table that is not a list",
        _set(("impacts",), {"population": "Agency advisers"}),
        "impacts",
        "expected a list of records",
    ),
]


@pytest.mark.parametrize(("case", "edit", "where", "message"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_yaml_is_refused_with_the_key_path_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, edit, where: str, message: str
) -> None:
    data = minimal_engagement_dict()
    edit(data)
    path = write_yaml(tmp_path / "engagement.yaml", data)

    status = main(["validate", str(path)])

    err = capsys.readouterr().err
    assert status == 2
    assert any(
        line.startswith(f"  - {where} (line ") and f"): {message}" in line
        for line in err.splitlines()
    ), err


def test_the_line_number_points_at_the_offending_key(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["populations"][1]["headcount"] = "douze"
    path = write_yaml(tmp_path / "engagement.yaml", data)

    with pytest.raises(IntakeError) as caught:
        load_engagement(path)

    (problem,) = caught.value.errors
    line = int(problem.where.split("(line ")[1].rstrip(")"))
    assert path.read_text().splitlines()[line - 1].strip() == "headcount: douze"


def test_three_independent_errors_are_reported_together(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["engagement"]["kickoff"] = "someday"
    data["populations"][1]["headcount"] = -1
    data["resistances"][0]["brake"] = "laziness"
    path = write_yaml(tmp_path / "engagement.yaml", data)

    with pytest.raises(IntakeError) as caught:
        load_engagement(path)

    assert [p.where.split(" (")[0] for p in caught.value.errors] == [
        "engagement.kickoff",
        "populations[1].headcount",
        "resistances[0].brake",
    ]


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    path = tmp_path / "engagement.yaml"
    path.write_text("engagement:\n  client: Verdanne\n  sector: [unclosed\npopulations: []\n")

    with pytest.raises(IntakeError) as caught:
        load_engagement(path)

    (problem,) = caught.value.errors
    assert problem.where == "line 3, column 11"  # where the bracket was opened
    assert problem.message.startswith("not valid YAML")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("# nothing yet\n", "the file is empty"),
        ("- a\n- b\n", "expected a mapping"),
    ],
)
def test_a_yaml_without_an_engagement_is_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "engagement.yml"
    path.write_text(content)

    with pytest.raises(IntakeError) as caught:
        load_engagement(path)

    assert caught.value.errors[0].message.startswith(message)


def test_french_dates_booleans_and_untrimmed_names_are_accepted(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["engagement"]["kickoff"] = "12 janvier 2026"
    data["lots"][0]["go_live"] = "18/05/2026"
    data["populations"][2]["crm_user"] = "non"
    data["populations"][2]["name"] = "Back-office\u00a0assistants "
    path = write_yaml(tmp_path / "engagement.yaml", data)

    engagement = load_engagement(path)

    assert engagement.engagement.kickoff == dt.date(2026, 1, 12)
    assert engagement.lots[0].go_live == dt.date(2026, 5, 18)
    assert engagement.population("Back-office assistants").crm_user is False


def test_unknown_keys_are_warnings(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["populations"][0]["notes"] = "from HR"
    data["budget_owner"] = "Finance"
    path = write_yaml(tmp_path / "engagement.yaml", data)

    report = read_intake(path)

    assert sorted(w.where.split(" (")[0] for w in report.warnings) == [
        "budget_owner",
        "populations[0].notes",
    ]


def test_a_comma_inside_braces_is_named_as_the_cause_with_the_value_to_quote(tmp_path: Path) -> None:
    """`{role: Managing Director, Kestrel}` is valid YAML that cuts the role short:
    the consultant is told which value to quote, once per value, not "unknown field"."""
    data = minimal_engagement_dict()
    data["governance"].pop("sponsor", None)
    text = dump_yaml(data).replace(
        "governance:\n",
        "governance:\n  sponsor: {name: Ann Lee, role: Managing Director, North Ltd, Leeds}\n", 1)
    path = tmp_path / "engagement.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  sponsor: {name: Ann Lee, role: Managing Director, North Ltd, Leeds}") + 1

    report = read_intake(path)

    (warning,) = [w for w in report.warnings if "sponsor" in w.where]
    assert warning.where.startswith(f"governance.sponsor.North Ltd (line {line})")
    assert 'write role: "Managing Director, North Ltd, Leeds" in quotes' in warning.message
    assert report.engagement.governance.sponsor.role == "Managing Director"


def test_messages_are_in_french_for_a_french_engagement(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["engagement"]["language"] = "fr"
    data["impacts"][0]["population"] = "Inconnus"
    path = write_yaml(tmp_path / "engagement.yaml", data)

    with pytest.raises(IntakeError) as caught:
        load_engagement(path)

    assert "impacts[0].population (ligne " in str(caught.value)
    assert "population inconnue 'Inconnus'" in str(caught.value)


def test_a_model_dump_reads_back_equal(tmp_path: Path, minimal_engagement) -> None:
    path = tmp_path / "engagement.yaml"
    path.write_text(dump_yaml(minimal_engagement.model_dump(mode="json")), encoding="utf-8")

    assert load_engagement(path) == minimal_engagement


def test_tasks_shifted_to_an_unmapped_population_is_a_warning_the_method_checks_show(
    tmp_path: Path,
) -> None:
    from playbook.intake import read_intake

    data = minimal_engagement_dict()
    data["populations"][0]["shifts_tasks_to"] = ["Drivers"]
    report = read_intake(write_yaml(tmp_path / "engagement.yaml", data))

    assert any(
        w.where.startswith("populations[0].shifts_tasks_to[0]") and "'Drivers'" in w.message
        for w in report.warnings
    )


def test_a_territory_where_no_population_works_is_a_located_warning(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["training"] = {"blackouts": [
        {"start": "2026-07-01", "end": "2026-07-31", "territory": "Nord", "reason": "Summer"},
        {"start": "2026-12-20", "end": "2026-12-31", "territory": "North", "reason": "Year end"},
    ]}
    data["territories"].append({"name": "South", "local_sponsor": "Marc Dupuis"})
    report = read_intake(write_yaml(tmp_path / "engagement.yaml", data))

    flagged = {w.where.split(" (")[0]: w.message for w in report.warnings
               if "territor" in w.where}
    # The calendar matches a blackout's territory exactly: "Nord" would never apply.
    assert set(flagged) == {"training.blackouts[0].territory", "territories[1].name"}
    assert "'Nord'" in flagged["training.blackouts[0].territory"]
    assert "never apply" in flagged["training.blackouts[0].territory"]
    assert "'South'" in flagged["territories[1].name"]
    assert report.engagement is not None  # warnings, not errors


def test_a_population_in_an_undescribed_territory_is_a_located_error(tmp_path: Path) -> None:
    data = minimal_engagement_dict()
    data["populations"][0]["territory"] = "Nrth"
    with pytest.raises(IntakeError) as caught:
        read_intake(write_yaml(tmp_path / "engagement.yaml", data))
    (problem,) = caught.value.errors
    assert problem.where.startswith("populations[0].territory")
    assert problem.message == "unknown territory 'Nrth' (did you mean 'North'?)"
    assert "North" in problem.expected
