"""The exercise cases: valid engagements, small, fictional, each built around one lesson."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.examples import __file__ as examples_init
from playbook.intake import load_engagement
from playbook.model import find_inconsistencies
from playbook.training import case_names, case_path, load_case, reference


def test_at_least_four_cases_are_bundled():
    assert len(case_names()) >= 4


@pytest.mark.parametrize("case", case_names())
def test_each_case_is_a_small_valid_engagement_distinct_from_the_examples(case):
    engagement = load_case(case)
    assert find_inconsistencies(engagement) == []
    assert 5 <= len(engagement.populations) <= 8
    examples = [load_engagement(p) for p in Path(examples_init).parent.glob("*.yaml")]
    assert engagement.client not in {e.client for e in examples}
    assert not {p.name for p in engagement.populations} & {
        p.name for e in examples for p in e.populations}


def _brakes(case: str) -> set[tuple[str, str]]:
    return {(b.population, b.brake) for b in reference(case).diagnosis.brakes}


def test_the_back_office_case_holds_the_forgotten_non_user_trap():
    engagement = load_case("brokerage_back_office")
    clerks = engagement.population("Policy administration clerks")
    assert not clerks.crm_user
    assert any(clerks.name in p.shifts_tasks_to for p in engagement.populations)
    assert ("Policy administration clerks", "admin_load") in _brakes("brokerage_back_office")


def test_the_contact_centre_case_is_a_misuse_case():
    ref = reference("contact_centre")
    assert {("Contact-centre advisers", "efficiency_loss"),
            ("Contact-centre advisers", "feeling_watched")} <= _brakes("contact_centre")
    assert ref.diagnosis.risk("Contact-centre advisers", "misuse").level == 3


def test_the_regional_case_has_a_reluctant_territory():
    assert ("Branch advisers - South-West", "reluctant_territory") in _brakes("regional_roll_out")


def test_the_distributor_case_is_about_competition_and_de_siloing():
    brakes = _brakes("competing_sales_teams")
    assert ("Agency sales reps", "competition_culture") in brakes
    assert ("After-sales service", "desiloing") in brakes


def test_an_unknown_case_lists_the_bundled_ones():
    with pytest.raises(Exception, match="contact_centre"):
        case_path("no_such_case")
