"""Specification of the method checks: pitfalls of the seeds that the
engagement data reveals, each firing when the pitfall is there and silent when
it is not."""

from __future__ import annotations

import pytest

from playbook.analysis import method_checks
from playbook.analysis.checks import CHECKS
from playbook.errors import MethodError
from playbook.method import load_method

from .diagnosis_cases import engagement, impact, lot, pop


@pytest.fixture(scope="module")
def method():
    return load_method()


def codes(case, method, lang="fr"):
    return [w.code for w in method_checks(case, method, lang)]


def warnings_of(case, method, code, lang="fr"):
    return [w for w in method_checks(case, method, lang) if w.code == code]


def sound(**changes):
    """A map that passes every check: users and a non-user, staff and managers,
    different functions, impacts described, everyone in a lot."""
    populations = [
        pop("Conseillers", shifts_tasks_to=["Back-office"]),
        pop("Back-office", function="Gestion", crm_user=False),
        pop("Managers", level="manager"),
    ]
    impacts = [impact(p["name"], "tool", 2) for p in populations]
    return engagement(populations, impacts, **changes)


def test_a_sound_map_raises_no_warning(method):
    assert method_checks(sound(), method, "fr") == ()


def test_every_implemented_check_is_described_in_the_bundled_method(method):
    assert set(CHECKS) == {check.code for check in method.steps.checks()}


def test_a_map_of_crm_users_only_is_the_seed_004_trap(method):
    case = engagement([pop("Commerciaux"), pop("Managers", level="manager")], [impact("Commerciaux", "job", 1), impact("Managers", "job", 1)])
    (warning,) = warnings_of(case, method, "no_non_user_population")
    assert "ne doit pas se limiter aux utilisateurs" in warning.message
    assert "no_non_user_population" not in codes(sound(), method)


def test_a_map_of_classic_crm_functions_only_is_flagged(method):
    case = engagement(
        [pop("Commerciaux", function="Ventes"), pop("Chargés de campagne", function="Marketing"), pop("Agents", function="Service client", crm_user=False)]
    )
    (warning,) = warnings_of(case, method, "only_crm_view_functions", "en")
    assert "(Ventes, Marketing, Service client)" in warning.message
    assert "only_crm_view_functions" not in codes(sound(), method)  # Gestion is not a CRM function


def test_tasks_shifted_to_an_unmapped_population_are_flagged(method):
    case = engagement([pop("Commerciaux", shifts_tasks_to=["Assistantes commerciales"])])
    (warning,) = warnings_of(case, method, "shifted_to_unmapped")
    assert warning.subject == "Commerciaux"
    assert "« Assistantes commerciales »" in warning.message
    assert "shifted_to_unmapped" not in codes(sound(), method)


def test_a_map_without_managers_is_flagged(method):
    case = engagement([pop("Commerciaux"), pop("Back-office", crm_user=False)])
    assert "no_manager_population" in codes(case, method)
    assert "no_manager_population" not in codes(sound(), method)


def test_a_territory_without_local_sponsor_is_flagged_only_in_a_multi_territory_roll_out(method):
    populations = [pop("Agences Nord", territory="Nord", headcount=1200), pop("Agences Sud", territory="Sud"), pop("Siège")]
    territories = [{"name": "Nord"}, {"name": "Sud", "local_sponsor": "Lou Garnier"}]
    (warning,) = warnings_of(engagement(populations, territories=territories), method, "territory_without_sponsor")
    assert warning.subject == "Nord"
    assert "« Nord » (1\u202f200\u00a0pers. impactées)" in warning.message
    # One region beside head office is a roll-out across two territories: the region
    # needs its relay (the framing note and the Change plan apply the same rule).
    beside = engagement([pop("Agences Nord", territory="Nord"), pop("Siège")])
    (warning,) = warnings_of(beside, method, "territory_without_sponsor")
    assert warning.subject == "Nord"
    # Within one region alone, the sponsor is on site: nothing to flag.
    single = engagement([pop("Agences Nord", territory="Nord"), pop("Siège Nord", territory="Nord")])
    assert "territory_without_sponsor" not in codes(single, method)


def test_a_population_with_no_impact_described_is_flagged(method):
    case = sound()
    case.populations.append(case.populations[0].model_copy(update={"name": "Assistants"}))
    case.lots[0].populations.append("Assistants")
    (warning,) = warnings_of(case, method, "population_without_impact")
    assert warning.subject == "Assistants"


def test_a_population_in_no_lot_is_flagged(method):
    case = sound(lots=[lot("Lot 1", ["Conseillers", "Managers"])])
    (warning,) = warnings_of(case, method, "population_in_no_lot", "en")
    assert warning.subject == "Back-office"
    assert warning.message.startswith("Back-office (10 people) is in no lot")


def test_a_lot_with_nobody_to_train_is_flagged_as_information(method):
    case = sound(lots=[lot("Lot 1", ["Conseillers", "Managers"]), lot("Lot 2", ["Back-office"])])
    (warning,) = warnings_of(case, method, "lot_without_trainees")
    assert (warning.subject, warning.severity) == ("Lot 2", "info")


def test_sharing_data_without_a_culture_impact_is_flagged_when_strongly_impacted(method):
    strong = engagement([pop("Marketing", shares_data_across_departments=True)], [impact("Marketing", "tool", 3)])
    (warning,) = warnings_of(strong, method, "data_sharing_without_culture_impact")
    assert "(niveau 3/3)" in warning.message
    described = engagement(
        [pop("Marketing", shares_data_across_departments=True)],
        [impact("Marketing", "tool", 3), impact("Marketing", "culture", 1)],
    )
    weak = engagement([pop("Marketing", shares_data_across_departments=True)], [impact("Marketing", "tool", 1)])
    assert "data_sharing_without_culture_impact" not in codes(described, method)
    assert "data_sharing_without_culture_impact" not in codes(weak, method)


def test_a_method_without_the_message_of_a_check_is_a_method_error(method):
    class Steps:
        def checks(self):
            return [c for c in method.steps.checks() if c.code != "no_manager_population"]

    class Partial:
        dimensions = method.dimensions
        brakes = method.brakes
        steps = Steps()

        def term(self, *args):
            return method.term(*args)

    with pytest.raises(MethodError, match="no_manager_population"):
        method_checks(sound(), Partial(), "fr")


def test_a_scale_with_most_people_at_the_top_level_no_longer_discriminates(method):
    populations = [pop("Conseillers", headcount=90), pop("Back-office", crm_user=False, headcount=10)]  # 90 % at 3
    saturated = engagement(populations, [impact("Conseillers", "job", 3), impact("Back-office", "tool", 2)],
                           language="en")
    (warning,) = warnings_of(saturated, method, "scale_saturated", "en")
    assert warning.message.startswith("90% of the people (90 people, 1 population) sit at the top")
    assert "(“High”, 3/3)" in warning.message and "Recalibrate" in warning.message
    balanced = engagement(populations, [impact("Conseillers", "job", 2), impact("Back-office", "tool", 3)])
    assert not warnings_of(balanced, method, "scale_saturated")
