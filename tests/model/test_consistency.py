"""Rules that tie records together: unique names, references to known populations
and lots, dates in order. Each problem is located by its path in the engagement
and reported with all the others at once."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest

from playbook.model import Inconsistency, find_inconsistencies
from tests.factories import minimal_engagement_dict

from .helpers import engagement

KICKOFF = dt.date(2026, 1, 12)
ADVISERS = "Agency advisers"
LOT_1 = "Lot 1 - Requests"


class Said(NamedTuple):
    """An inconsistency as a consultant reads it in English: where, what, which value."""

    loc: tuple
    message: str
    value: Any = None


def found(data: dict[str, Any]) -> list[Said]:
    return [Said(i.loc, i.message, i.value) for i in find_inconsistencies(engagement(data))]


def where(data: dict[str, Any]) -> list[tuple]:
    return [i.loc for i in found(data)]


def use_case(name: str = "Log a request", **changes: Any) -> dict[str, Any]:
    return {"name": name, "population": ADVISERS, "lot": LOT_1, "priority": "must", **changes}


def persona(name: str = "Nadia", **changes: Any) -> dict[str, Any]:
    return {"name": name, "population": ADVISERS, "portrait": "An adviser.", "it_comfort": "low", **changes}


def kpi(name: str = "Weekly active users", **changes: Any) -> dict[str, Any]:
    return {"kind": "adoption", "name": name, "target": 80, **changes}


def journey(**changes: Any) -> dict[str, Any]:
    return {"population": ADVISERS, "stage": "daily_use", "current": "Paper.", "target": "CRM.", **changes}


def objective(due_date: str) -> dict[str, Any]:
    return {
        "business_objective": "Answer every tenant within two days.",
        "crm_objective": "Every request logged",
        "kpi": "Requests logged",
        "target": 95,
        "due_date": due_date,
        "owner": "Julien Roux",
    }


def test_the_minimal_engagement_is_consistent() -> None:
    assert found(minimal_engagement_dict()) == []


# --- At least one population and one lot -----------------------------------------------


def test_an_engagement_needs_at_least_one_deployment_lot() -> None:
    data = minimal_engagement_dict()
    data["lots"] = []
    assert found(data) == [Said(("lots",), "at least one deployment lot is required")]


def test_an_engagement_needs_at_least_one_population() -> None:
    data = minimal_engagement_dict()
    data["populations"] = []
    problems = found(data)
    assert problems[0] == Said(("populations",), "at least one population is required")
    assert [p.loc for p in problems[1:]] == [
        ("impacts", 0, "population"),
        ("impacts", 1, "population"),
        ("impacts", 2, "population"),
        ("impacts", 3, "population"),
        ("resistances", 0, "population"),
        ("lots", 0, "populations", 0),
        ("lots", 0, "populations", 1),
        ("lots", 1, "populations", 0),
    ]


# --- Unique names ----------------------------------------------------------------------


def _population(name: str) -> dict[str, Any]:
    return {**minimal_engagement_dict()["populations"][1], "name": name}


def _lot(name: str) -> dict[str, Any]:
    return {**minimal_engagement_dict()["lots"][1], "name": name}


TABLES = {
    "populations": ("population", _population, "Agency managers"),
    "lots": ("lot", _lot, "Lot 2 - Repairs"),
    "use_cases": ("use case", use_case, "Log a request"),
    "personas": ("persona", persona, "Nadia"),
    "kpis": ("KPI", kpi, "Weekly active users"),
}


def _with_table(table: str, names: list[str]) -> dict[str, Any]:
    data = minimal_engagement_dict()
    _, build, _ = TABLES[table]
    rows = data.get(table, [])
    data[table] = [row for row in rows if row["name"] not in names] + [build(n) for n in names]
    return data


@pytest.mark.parametrize("table", list(TABLES))
def test_a_name_is_used_only_once_in_its_table_whatever_its_case(table: str) -> None:
    what, _, name = TABLES[table]
    data = _with_table(table, [name, name.upper()])
    index = len(data[table]) - 1
    assert found(data) == [
        Said(
            (table, index, "name"),
            f"duplicate {what} name (already used in row {index} of this table)",
            name.upper(),
        )
    ]


def test_a_repeated_name_is_reported_on_every_repetition_citing_its_first_row() -> None:
    data = _with_table("personas", ["Nadia", "Marc", "nadia", "NADIA"])
    assert [(i.loc, i.message) for i in found(data)] == [
        (("personas", 2, "name"), "duplicate persona name (already used in row 1 of this table)"),
        (("personas", 3, "name"), "duplicate persona name (already used in row 1 of this table)"),
    ]


def test_names_differing_only_in_spacing_are_the_same_name() -> None:
    data = _with_table("lots", ["Lot 2 - Repairs", " Lot\u00a02  -  Repairs "])
    assert where(data) == [("lots", 2, "name")]


def test_names_need_only_be_unique_within_their_own_table() -> None:
    data = minimal_engagement_dict()
    data["use_cases"] = [use_case(LOT_1)]
    data["personas"] = [persona(ADVISERS)]
    data["kpis"] = [kpi(ADVISERS)]
    assert found(data) == []


# --- References to known populations and lots ------------------------------------------


REFERENCES = {
    "impacts": {"population": "Call centre", "dimension": "skills", "intensity": 1},
    "resistances": {"population": "Call centre", "brake": "admin_load", "evidence": "Too much typing."},
    "use_cases": use_case(population="Call centre"),
    "personas": persona(population="Call centre"),
    "journeys": journey(population="Call centre"),
    "kpis": kpi(population="Call centre"),
}


@pytest.mark.parametrize("table", list(REFERENCES))
def test_a_row_refers_to_a_known_population(table: str) -> None:
    data = minimal_engagement_dict()
    data[table] = [*data.get(table, []), REFERENCES[table]]
    index = len(data[table]) - 1
    assert found(data) == [
        Said((table, index, "population"), "unknown population 'Call centre'", "Call centre")
    ]


def test_a_key_user_relays_a_known_population() -> None:
    data = minimal_engagement_dict()
    data["governance"]["key_users"] = [
        {"name": "Paul Girard", "population": ADVISERS},
        {"name": "Inès Roy", "population": "Call centre"},
    ]
    assert found(data) == [
        Said(
            ("governance", "key_users", 1, "population"), "unknown population 'Call centre'", "Call centre"
        )
    ]


def test_a_lot_makes_known_populations_go_live() -> None:
    data = minimal_engagement_dict()
    data["lots"][1]["populations"].append("Call centre")
    assert found(data) == [
        Said(("lots", 1, "populations", 1), "unknown population 'Call centre'", "Call centre")
    ]


def test_a_use_case_is_delivered_by_a_known_lot() -> None:
    data = minimal_engagement_dict()
    data["use_cases"] = [use_case(), use_case("Plan a repair", lot="Lot 3 - Billing")]
    assert found(data) == [
        Said(("use_cases", 1, "lot"), "unknown lot 'Lot 3 - Billing'", "Lot 3 - Billing")
    ]


def test_a_kpi_with_no_population_measures_every_population() -> None:
    data = minimal_engagement_dict()
    data["kpis"] = [kpi(population="")]
    assert found(data) == []


def test_a_reference_must_use_the_population_s_exact_case() -> None:
    data = minimal_engagement_dict()
    data["impacts"][0]["population"] = "agency advisers"
    assert found(data) == [
        Said(("impacts", 0, "population"), "unknown population 'agency advisers'", "agency advisers")
    ]


def test_a_reference_typed_with_other_spaces_still_finds_its_population() -> None:
    data = minimal_engagement_dict()
    data["impacts"][0]["population"] = " Agency\u00a0 advisers\t"
    data["lots"][0]["populations"][0] = "Agency\u202fadvisers"
    assert found(data) == []


def test_a_use_case_may_serve_a_population_that_goes_live_in_another_lot() -> None:
    data = minimal_engagement_dict()
    data["use_cases"] = [use_case(population="Back-office assistants", lot="Lot 2 - Repairs")]
    assert found(data) == []


# --- One impact per population and dimension -------------------------------------------


def test_a_population_s_impact_on_a_dimension_is_given_only_once() -> None:
    data = minimal_engagement_dict()
    data["impacts"].append({"population": ADVISERS, "dimension": "job", "intensity": 1})
    assert found(data) == [
        Said(
            ("impacts", 4, "dimension"),
            "impact of 'Agency advisers' on 'job' already given (row 1 of this table)",
            "job",
        )
    ]


def test_every_repeated_impact_cites_the_first_row_that_gave_it() -> None:
    data = minimal_engagement_dict()
    data["impacts"] += [
        {"population": ADVISERS, "dimension": "tool", "intensity": 1},
        {"population": ADVISERS, "dimension": "tool", "intensity": 3},
    ]
    assert [i.message for i in found(data)] == [
        "impact of 'Agency advisers' on 'tool' already given (row 2 of this table)"
    ] * 2


def test_several_populations_may_be_impacted_on_the_same_dimension() -> None:
    data = minimal_engagement_dict()
    data["impacts"].append({"population": "Agency managers", "dimension": "job", "intensity": 1})
    assert found(data) == []


# --- A lot's milestones in order -------------------------------------------------------


def _lot_dates(design: str, acceptance: str, go_live: str, index: int = 0) -> dict[str, Any]:
    data = minimal_engagement_dict()
    data["lots"][index].update(design_start=design, acceptance_start=acceptance, go_live=go_live)
    return data


def test_a_lot_may_be_designed_from_the_kickoff_day() -> None:
    assert found(_lot_dates("2026-01-12", "2026-04-06", "2026-05-18")) == []


def test_a_lot_is_not_designed_before_the_kickoff() -> None:
    assert found(_lot_dates("2026-01-09", "2026-04-06", "2026-05-18")) == [
        Said(
            ("lots", 0, "design_start"), "design starts before the kickoff (2026-01-12)", dt.date(2026, 1, 9)
        )
    ]


def test_a_lot_s_acceptance_testing_may_start_the_day_design_starts() -> None:
    assert found(_lot_dates("2026-02-02", "2026-02-02", "2026-05-18")) == []


def test_a_lot_s_acceptance_testing_does_not_start_before_its_design() -> None:
    assert found(_lot_dates("2026-02-02", "2026-02-01", "2026-05-18")) == [
        Said(
            ("lots", 0, "acceptance_start"),
            "acceptance testing starts before design (2026-02-02)",
            dt.date(2026, 2, 1),
        )
    ]


def test_a_lot_goes_live_after_its_acceptance_testing_starts() -> None:
    assert found(_lot_dates("2026-02-02", "2026-04-06", "2026-04-07")) == []
    assert found(_lot_dates("2026-02-02", "2026-04-06", "2026-04-06")) == [
        Said(
            ("lots", 0, "go_live"),
            "go-live must come after the start of acceptance testing (2026-04-06)",
            dt.date(2026, 4, 6),
        )
    ]


def test_a_lot_planned_entirely_before_the_kickoff_is_reported_on_design_and_go_live() -> None:
    assert found(_lot_dates("2025-10-01", "2025-11-03", "2026-01-12")) == [
        Said(
            ("lots", 0, "design_start"), "design starts before the kickoff (2026-01-12)", dt.date(2025, 10, 1)
        ),
        Said(
            ("lots", 0, "go_live"), "go-live must come after the kickoff (2026-01-12)", KICKOFF
        ),
    ]


def test_a_lot_going_live_before_its_own_acceptance_and_the_kickoff_gets_both_go_live_problems() -> None:
    problems = found(_lot_dates("2026-01-12", "2026-03-02", "2026-01-05"))
    assert [(i.loc, i.message) for i in problems] == [
        (("lots", 0, "go_live"), "go-live must come after the start of acceptance testing (2026-03-02)"),
        (("lots", 0, "go_live"), "go-live must come after the kickoff (2026-01-12)"),
    ]


def test_each_lot_s_milestones_are_checked_against_its_own_dates() -> None:
    data = _lot_dates("2026-05-04", "2026-09-14", "2026-07-06", index=1)
    assert where(data) == [("lots", 1, "go_live")]


def test_lots_may_overlap_and_be_listed_in_any_order() -> None:
    data = minimal_engagement_dict()
    data["lots"].reverse()
    data["lots"][0]["design_start"] = "2026-02-02"
    assert found(data) == []


# --- Task shifts -----------------------------------------------------------------------


def test_a_population_cannot_shift_tasks_onto_itself() -> None:
    data = minimal_engagement_dict()
    data["populations"][0]["shifts_tasks_to"].append(ADVISERS)
    assert found(data) == [
        Said(("populations", 0, "shifts_tasks_to"), "a population cannot shift tasks onto itself", ADVISERS)
    ]


def test_shifting_tasks_onto_a_population_not_in_the_list_is_left_to_the_method_s_checks() -> None:
    data = minimal_engagement_dict()
    data["populations"][0]["shifts_tasks_to"] = ["Accounting"]
    assert found(data) == []


# --- Objectives ------------------------------------------------------------------------


def test_an_objective_is_due_after_the_kickoff() -> None:
    data = minimal_engagement_dict()
    data["objectives"] = [objective("2026-01-13"), objective("2026-01-12"), objective("2025-12-31")]
    assert found(data) == [
        Said(("objectives", 1, "due_date"), "due date must come after the kickoff (2026-01-12)", KICKOFF),
        Said(
            ("objectives", 2, "due_date"),
            "due date must come after the kickoff (2026-01-12)",
            dt.date(2025, 12, 31),
        ),
    ]


# --- Success criteria ------------------------------------------------------------------


def test_each_success_criterion_is_assessed_once() -> None:
    data = minimal_engagement_dict()
    data["success_criteria"] = [
        {"criterion": "top_management", "status": "met"},
        {"criterion": "key_resources", "status": "partly"},
        {"criterion": "top_management", "status": "not_met"},
    ]
    assert found(data) == [
        Said(("success_criteria", 0, "criterion"), "criterion assessed more than once", "top_management")
    ]


def test_a_criterion_assessed_three_times_is_reported_once_on_its_first_assessment() -> None:
    data = minimal_engagement_dict()
    data["success_criteria"] = [
        {"criterion": "key_resources", "status": "met"},
        {"criterion": "user_satisfaction", "status": "met"},
        {"criterion": "user_satisfaction", "status": "partly"},
        {"criterion": "user_satisfaction", "status": "unknown"},
    ]
    assert where(data) == [("success_criteria", 1, "criterion")]


# --- Every problem at once -------------------------------------------------------------


def test_every_inconsistency_is_reported_in_one_pass_table_by_table() -> None:
    data = minimal_engagement_dict()
    data["populations"].append(_population("agency managers"))
    data["resistances"][0]["population"] = "Call centre"
    data["lots"][1]["go_live"] = "2026-07-06"
    data["use_cases"] = [use_case(lot="Lot 9")]
    data["objectives"] = [objective("2026-01-01")]
    assert where(data) == [
        ("populations", 3, "name"),
        ("resistances", 0, "population"),
        ("use_cases", 0, "lot"),
        ("lots", 1, "go_live"),
        ("objectives", 0, "due_date"),
    ]


# --- Coded messages ----------------------------------------------------------------------


def test_each_problem_carries_a_code_and_its_parameters_not_only_a_sentence() -> None:
    data = minimal_engagement_dict()
    data["use_cases"] = [use_case(lot="Lot 3 - Billing")]
    (problem,) = find_inconsistencies(engagement(data))
    assert isinstance(problem, Inconsistency)
    assert (problem.code, problem.params) == ("consistency.unknown_lot", {"name": "Lot 3 - Billing"})


def test_a_problem_reads_in_french_with_its_terms_and_rows_in_french() -> None:
    data = minimal_engagement_dict()
    data["use_cases"] = [use_case(), use_case(name="log a request")]
    (problem,) = find_inconsistencies(engagement(data))
    assert problem.text("fr") == "nom en double (cas d'usage) : déjà utilisé en ligne 1 de ce tableau"
    assert problem.text("en") == "duplicate use case name (already used in row 1 of this table)"


def test_a_problem_row_can_be_told_as_the_consultant_sees_it() -> None:
    data = minimal_engagement_dict()
    data["kpis"] = [kpi(), kpi()]
    (problem,) = find_inconsistencies(engagement(data))
    assert problem.text("fr", first="ligne 7") == "nom en double (indicateur) : déjà utilisé en ligne 7"


def test_a_rule_cannot_speak_a_sentence_no_catalogue_words() -> None:
    with pytest.raises(KeyError, match="no message 'design starts too early'"):
        Inconsistency(("lots", 0, "design_start"), "design starts too early")
