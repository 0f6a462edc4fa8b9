"""Review of the Change plan (notebook 04): levers on the three pillars for every
impacted population, actions started at design, effort month by month, and what
the COPIL is asked to arbitrate."""

from __future__ import annotations

import dataclasses

import pytest

from playbook.method.levers import PILLARS
from playbook.review import change_plan as review

from .helpers import note, picture

NOTEBOOK_ACTION_COLUMNS = ["id", "date", "lot", "phase", "pillar", "action", "population",
                           "owner_label", "owner_name", "effort_days", "reason"]


def with_levers(analysis, population: str, **pillars: int):
    """The same analysis with some pillar counts of one population overridden."""
    by_population = analysis.change_plan.by_population.copy()
    for pillar, count in pillars.items():
        by_population.at[population, pillar] = count
    plan = dataclasses.replace(analysis.change_plan, by_population=by_population)
    return dataclasses.replace(analysis, change_plan=plan)


# --------------------------------------------------------------------------- actions


def test_the_actions_table_has_one_row_per_dated_action_with_the_notebook_columns(example):
    table = review.actions(example)
    assert list(table.columns) == NOTEBOOK_ACTION_COLUMNS
    assert len(table) == len(example.change_plan.actions) > 0
    assert table["id"].is_unique
    assert table["date"].notna().all()


def test_every_action_says_why_it_is_there_and_who_carries_it(example):
    table = review.actions(example)
    assert table["reason"].map(bool).all()
    assert table["owner_label"].map(bool).all()


def test_the_actions_of_one_population_are_exactly_its_own(example):
    name = example.engagement.populations[0].name
    own = review.actions(example, name)
    assert len(own) > 0
    assert set(own["population"]) == {name}
    assert len(own) == example.change_plan.by_population.at[name, "actions"]


def test_action_owners_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = review.actions(mutuelle), review.actions(mutuelle_en)
    assert list(french["id"]) == list(english["id"])
    assert "Chef de projet CRM" in set(french["owner_label"])
    assert "CRM project manager" in set(english["owner_label"])


def test_with_nothing_planned_the_actions_table_is_empty_with_its_columns(nothing_planned):
    table = review.actions(nothing_planned)
    assert table.empty
    assert list(table.columns) == NOTEBOOK_ACTION_COLUMNS


# --------------------------------------------------------------------------- pillar coverage


def test_pillar_coverage_has_one_row_per_population_without_the_cross_cutting_row(example):
    table = review.pillar_coverage(example)
    assert list(table.index) == [p.name for p in example.engagement.populations]
    assert {"impact", "buy_in", "actions", *PILLARS, "effort_days", "missing"} <= set(table.columns)
    assert (table[list(PILLARS)].sum(axis=1) == table["actions"]).all()


def test_every_impacted_population_of_the_examples_has_levers_on_all_three_pillars(example):
    table = review.pillar_coverage(example)
    impacted = table[table["impact"] > 0]
    assert len(impacted) == len(table)
    assert (impacted["missing"] == "").all()
    assert (impacted[list(PILLARS)] > 0).all(axis=None)


def test_an_impacted_population_without_a_pillar_has_it_listed_as_missing(minimal):
    table = review.pillar_coverage(with_levers(minimal, "Agency managers", want=0))
    assert table.at["Agency managers", "missing"] == "want"
    assert table.at["Agency advisers", "missing"] == ""


def test_missing_pillars_are_listed_in_the_method_order(minimal):
    table = review.pillar_coverage(with_levers(minimal, "Agency advisers", be_able=0, understand=0))
    assert table.at["Agency advisers", "missing"] == "understand, be_able"


def test_a_population_with_no_impact_is_not_reported_as_missing_levers(nothing_planned):
    table = review.pillar_coverage(nothing_planned)
    assert list(table.index) == ["Back-office assistants"]
    assert table.at["Back-office assistants", "impact"] == 0
    assert table.at["Back-office assistants", "missing"] == ""


def test_pillar_coverage_buy_in_follows_the_analysis_language(mutuelle, mutuelle_en):
    assert "Réticent" in set(review.pillar_coverage(mutuelle)["buy_in"])
    assert "Reluctant" in set(review.pillar_coverage(mutuelle_en)["buy_in"])


# --------------------------------------------------------------------------- started before acceptance


def test_started_before_acceptance_has_one_row_per_lot_and_counts_every_action(example):
    table = review.started_before_acceptance(example)
    assert list(table.index) == list(example.change_plan.milestones.index)
    assert list(table.columns) == ["actions", "before_acceptance", "after_go_live"]
    assert table["actions"].sum() == len(example.change_plan.actions)
    assert (table["before_acceptance"] + table["after_go_live"] <= table["actions"]).all()


def test_started_before_acceptance_agrees_with_the_action_dates_and_the_lot_milestones(example):
    table = review.started_before_acceptance(example)
    actions = example.change_plan.actions
    for lot, milestones in example.change_plan.milestones.iterrows():
        dates = actions.loc[actions["lot"] == lot, "date"]
        assert table.at[lot, "before_acceptance"] == (dates < milestones["acceptance"]).sum()
        assert table.at[lot, "after_go_live"] == (dates > milestones["go_live"]).sum()


def test_the_first_lot_starts_its_change_actions_at_design(example):
    first = review.started_before_acceptance(example).iloc[0]
    assert first["before_acceptance"] > 0


def test_a_lot_with_nothing_planned_shows_zero_actions(nothing_planned):
    table = review.started_before_acceptance(nothing_planned)
    assert list(table.index) == ["Lot 1 - Requests"]
    assert table.loc["Lot 1 - Requests"].tolist() == [0, 0, 0]


# --------------------------------------------------------------------------- effort and arbitration


def test_effort_gives_the_four_breakdowns_the_notebook_reads(example):
    assert set(review.effort(example)) == {"by_pillar", "by_population", "by_lever", "by_month"}


def test_every_effort_breakdown_adds_up_to_the_plan_total(example):
    total_days = example.change_plan.actions["effort_days"].sum()
    total_actions = len(example.change_plan.actions)
    for name, table in review.effort(example).items():
        assert table["effort_days"].sum() == pytest.approx(total_days), name
        assert table["actions"].sum() == total_actions, name


def test_effort_by_pillar_has_the_three_pillars_and_shares_adding_to_one(example):
    table = review.effort(example)["by_pillar"]
    assert list(table.index) == list(PILLARS)
    assert table["share"].sum() == pytest.approx(1)


def test_effort_by_month_splits_each_month_between_the_pillars(example):
    table = review.effort(example)["by_month"]
    assert list(table[list(PILLARS)].sum(axis=1)) == pytest.approx(list(table["effort_days"]))
    assert table.index.is_monotonic_increasing


def test_the_arbitration_is_ranked_from_one_so_its_head_is_what_the_copil_sees_first(example):
    table = review.arbitration(example)
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert table["quadrant_label"].map(bool).all()


# --------------------------------------------------------------------------- figures


def test_the_timeline_and_month_figures_are_pngs_at_the_document_width(example):
    picture(review.timeline_figure(example))
    picture(review.month_figure(example))


def test_with_nothing_planned_the_month_figure_is_a_note_in_the_analysis_language(nothing_planned):
    text = note(review.month_figure(nothing_planned))
    assert text == f"*{nothing_planned.method.text('common.nothing_to_chart', nothing_planned.lang)}*"


def test_with_nothing_planned_the_timeline_still_shows_the_lot_milestones(nothing_planned):
    picture(review.timeline_figure(nothing_planned))
