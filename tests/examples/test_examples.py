"""The shipped example engagements: valid, complete, and carrying the facts the
method's acceptance tests rely on (seed 004's typical brakes must be there to
be found)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from playbook.analysis import method_checks
from playbook.analysis.impacts import impact_levels
from playbook.errors import PlaybookError
from playbook.examples import (
    EXAMPLES_DIR,
    example_names,
    example_path,
    load_example,
)
from playbook.method import load_method
from playbook.model import (
    Brake,
    Criterion,
    Engagement,
    EvaluationBasis,
    KpiKind,
    Stance,
    Workshop,
    find_inconsistencies,
)

EXAMPLES = {"mutuelle_horizon": "fr", "northwind_b2b": "en"}
NOT_A_TERRITORY = "National"  # the model's default: a population not tied to one territory


def _raw(name: str) -> dict:
    return yaml.safe_load(example_path(name).read_text(encoding="utf-8"))


def _territories(engagement: Engagement) -> set[str]:
    return set(engagement.territory_names) - {NOT_A_TERRITORY}


def _strings(value, path=()):
    """Every text leaf of a dumped engagement, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _keys(value, path=()):
    """Every key path of a nested mapping (list items included)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _keys(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _keys(item, (*path, index))


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def example(request) -> tuple[str, Engagement]:
    return request.param, load_example(request.param)


# --- Finding and loading -------------------------------------------------------------


def test_both_examples_are_shipped_inside_the_package():
    assert example_names() == sorted(EXAMPLES)
    assert all((EXAMPLES_DIR / f"{name}.yaml").is_file() for name in EXAMPLES)


def test_an_example_is_found_with_or_without_its_suffix():
    assert example_path("northwind_b2b.yaml") == example_path("northwind_b2b")


@pytest.mark.parametrize("name", ["mutuelle", "../examples/northwind_b2b", ""])
def test_an_unknown_example_is_a_readable_error_naming_the_available_ones(name):
    with pytest.raises(PlaybookError, match="mutuelle_horizon, northwind_b2b"):
        example_path(name)


# --- Valid and complete --------------------------------------------------------------


def test_each_example_validates_with_no_inconsistency(example):
    name, engagement = example
    assert engagement.language == EXAMPLES[name]
    assert find_inconsistencies(engagement) == []


def test_each_example_writes_out_every_field_of_the_model(example):
    """The files have the shape of `model_dump`: a consultant sees every field
    they can fill, and nothing the model would reject or ignore."""
    name, engagement = example
    written = set(_keys(_raw(name)))
    dumped = set(_keys(engagement.model_dump(mode="json")))
    assert dumped - written == set(), "fields left to their defaults"
    assert written - dumped == set(), "keys the model does not know"


def test_each_example_survives_a_round_trip_through_the_model(example):
    _, engagement = example
    again = Engagement.model_validate(engagement.model_dump(mode="json"))
    assert again == engagement


def test_every_text_the_deliverables_show_is_filled(example):
    """Empty is only allowed where the model gives it a meaning."""
    name, engagement = example
    allowed = {
        ("kpis", "population"),  # all populations
        ("training", "blackouts", "territory"),  # every territory
        ("governance", "workshops", "notes"),  # nothing to note before it is held
        ("territories", "local_sponsor"),  # nobody named yet: a governance gap
        ("territories", "local_sponsor_role"),
        ("territories", "holidays_region"),  # the country's public holidays
        ("populations", "dashboards_seen_by"),  # no dashboard
        ("populations", "shifted_tasks"),  # hands no task over
        ("populations", "organisation"),  # the client's own staff
        ("resistances", "who"),  # said in the source already
        ("action_status", "population"),  # every population
        ("action_status", "id"),  # typed by hand: named by lever, population and date
        ("action_status", "action"),  # filled by plan export, for reading only
        ("action_status", "owner"),
        ("kpi_readings", "population"),  # everyone, or a territory
        ("kpi_readings", "territory"),  # every territory, or a population
        ("kpi_readings", "comment"),
        ("pulse_results", "comments"),  # none given, or the group was too small to publish
    }
    empty = [
        path
        for path, text in _strings(engagement.model_dump(mode="json"))
        if not text.strip()
        and tuple(part for part in path if isinstance(part, str)) not in allowed
    ]
    assert empty == []


def test_every_population_has_at_least_one_impact(example):
    _, engagement = example
    impacted = {impact.population for impact in engagement.impacts}
    assert [p.name for p in engagement.populations if p.name not in impacted] == []


def test_the_impact_scale_discriminates_between_the_populations(example):
    # Nearly everyone at 3/3 would make the heat map useless (the method warns of it);
    # an example shows a spread: some populations at 2/3, low intensities on some dimensions.
    name, engagement = example
    method = load_method()
    assert [w for w in method_checks(engagement, method, EXAMPLES[name]) if w.code == "scale_saturated"] == []
    levels = impact_levels(engagement, method)["level"]
    assert {2, 3} <= set(levels)
    assert any(impact.intensity == 1 for impact in engagement.impacts)


def test_every_population_has_a_target_vision(example):
    _, engagement = example
    for population in engagement.populations:
        assert population.life_tomorrow and population.gains, population.name


def test_every_population_goes_live_in_some_lot(example):
    """Otherwise the training plan would have no wave for it."""
    _, engagement = example
    assert [p.name for p in engagement.populations if not engagement.lots_of(p.name)] == []


def test_lots_are_progressive_with_populations_and_dates_in_order(example):
    _, engagement = example
    lots = engagement.lots
    assert len(lots) >= 2, "a single lot would be a Big Bang"
    for lot in lots:
        assert lot.populations and lot.functional_blocks, lot.name
        assert engagement.engagement.kickoff <= lot.design_start, lot.name
        assert lot.design_start < lot.acceptance_start < lot.go_live, lot.name
    go_lives = [lot.go_live for lot in lots]
    assert go_lives == sorted(go_lives) and len(set(go_lives)) == len(go_lives)
    assert go_lives[-1] - engagement.engagement.kickoff <= dt.timedelta(days=16 * 31)


def test_every_lot_delivers_use_cases(example):
    _, engagement = example
    assert {use_case.lot for use_case in engagement.use_cases} == {lot.name for lot in engagement.lots}
    assert 10 <= len(engagement.use_cases) <= 14


def test_framing_is_complete(example):
    _, engagement = example
    governance = engagement.governance
    assert {c.criterion for c in engagement.success_criteria} == set(Criterion)
    assert {w.workshop for w in governance.workshops} == set(Workshop)
    assert governance.copil_every_weeks == 2 and governance.weekly_points
    assert 7 <= len(governance.team) <= 9
    assert len({member.seniority for member in governance.team}) == 3
    assert len(governance.administrators) == 2
    assert 4 <= len(engagement.objectives) <= 5
    assert all(o.budget and o.resources and o.owner for o in engagement.objectives)


def test_steering_covers_every_kpi_family(example):
    _, engagement = example
    assert {kpi.kind for kpi in engagement.kpis} == set(KpiKind)
    assert 6 <= len(engagement.kpis) <= 8


def test_every_territory_has_its_key_users(example):
    _, engagement = example
    with_key_users = {k.territory for k in engagement.governance.key_users}
    assert _territories(engagement) <= with_key_users


def test_training_constraints_are_those_of_a_real_client(example):
    _, engagement = example
    training = engagement.training
    assert 8 <= training.max_group_size <= 10
    assert training.session_hours == 3.5
    assert training.trainer_day_rate and training.learner_day_cost
    territorial = [b for b in training.blackouts if b.territory]
    assert territorial and all(b.territory in _territories(engagement) for b in territorial)


# --- Facts the method engine's acceptance tests rely on --------------------------------


@pytest.fixture(scope="module")
def horizon() -> Engagement:
    return load_example("mutuelle_horizon")


def test_horizon_has_a_non_user_population_that_inherits_tasks(horizon):
    receivers = {name for p in horizon.populations for name in p.shifts_tasks_to}
    non_users = {p.name for p in horizon.populations if not p.crm_user}
    assert receivers & non_users
    observed = {r.population for r in horizon.resistances if r.brake == Brake.ADMIN_LOAD}
    assert observed & receivers & non_users


def test_horizon_has_a_call_centre_evaluated_on_speed_facing_heavy_data_entry(horizon):
    call_centres = [
        p
        for p in horizon.populations
        if p.evaluated_on == EvaluationBasis.HANDLING_TIME and p.mandatory_fields >= 10
    ]
    assert call_centres
    observed = {r.population for r in horizon.resistances if r.brake == Brake.EFFICIENCY_LOSS}
    assert observed & {p.name for p in call_centres}


def test_horizon_has_a_reluctant_territory_without_a_local_sponsor(horizon):
    opposed = {t.name for t in horizon.territories if t.local_management == Stance.OPPOSED}
    assert opposed
    sponsored = {t.name for t in horizon.territories if t.has_local_sponsor}
    territories = _territories(horizon)
    assert territories - sponsored, "at least one territory must lack a local sponsor"
    assert sponsored & territories, "most territories have one"
    reluctant = {
        horizon.population(r.population).territory
        for r in horizon.resistances
        if r.brake == Brake.RELUCTANT_TERRITORY
    }
    assert opposed & reluctant


def test_horizon_is_a_national_roll_out_in_three_lots(horizon):
    assert len(_territories(horizon)) >= 4
    assert len(horizon.lots) == 3


def test_horizon_covers_every_hierarchy_level_and_non_users(horizon):
    assert {p.level.value for p in horizon.populations} == {
        "executive",
        "manager",
        "team_leader",
        "staff",
    }
    assert any(not p.crm_user for p in horizon.populations)


_MISSING_SPACE = re.compile(r"[^\s][:;!?»%]|«[^\s]")


def test_horizon_follows_french_typography(horizon):
    """A space before « : ; ! ? % » and inside guillemets (the renderers make it
    non-breaking), and typographic apostrophes."""
    faults = [
        (path, text)
        for path, text in _strings(horizon.model_dump(mode="json"))
        if _MISSING_SPACE.search(text) or "'" in text
    ]
    assert faults == []


# --- Northwind: the English counterpart --------------------------------------------


@pytest.fixture(scope="module")
def northwind() -> Engagement:
    return load_example("northwind_b2b")


def test_northwind_field_sales_compete_and_feel_watched(northwind):
    competing = {p.name for p in northwind.populations if p.members_in_competition}
    assert competing
    brakes_on_competing = {r.brake for r in northwind.resistances if r.population in competing}
    assert {Brake.COMPETITION_CULTURE, Brake.FEELING_WATCHED} <= brakes_on_competing


def test_northwind_has_a_non_user_population_that_inherits_tasks(northwind):
    receivers = {name for p in northwind.populations for name in p.shifts_tasks_to}
    assert any(not northwind.population(name).crm_user for name in receivers)


def test_northwind_has_a_region_without_a_local_sponsor(northwind):
    sponsored = {t.name for t in northwind.territories if t.has_local_sponsor}
    assert _territories(northwind) - sponsored
    assert len(northwind.lots) == 2
