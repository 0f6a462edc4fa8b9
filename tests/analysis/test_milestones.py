"""Lot milestones: the five dates every action and training wave hangs on."""

from __future__ import annotations

import pandas as pd

from playbook.analysis.milestones import lot_of, milestones, phase_at
from playbook.method import load_method

from .change_plan_cases import LOT_1, LOT_2, engagement, population


def two_lots():
    return engagement(
        [population("Sales"), population("Service"), population("Finance", crm_user=False)],
        lots=[(LOT_2, ["Service", "Sales"]), (LOT_1, ["Sales"])],
    )


def test_each_lot_gets_design_acceptance_pre_go_live_go_live_and_reinforcement():
    table = milestones(two_lots(), load_method())
    assert list(table.index) == ["Lot 1", "Lot 2"]  # by go-live, whatever the intake order
    lot = table.loc["Lot 1"]
    assert lot["design"] == pd.Timestamp("2026-02-02")
    assert lot["acceptance"] == pd.Timestamp("2026-04-06")
    assert lot["pre_go_live"] == pd.Timestamp("2026-04-20")  # go-live − 4 weeks
    assert lot["go_live"] == pd.Timestamp("2026-05-18")
    assert lot["post_go_live"] == pd.Timestamp("2026-07-13")  # go-live + 8 weeks


def test_a_population_hangs_on_its_earliest_lot_or_on_the_first_one():
    e = two_lots()
    assert lot_of(e, "Sales").name == "Lot 1"
    assert lot_of(e, "Service").name == "Lot 2"
    assert lot_of(e, "Finance").name == "Lot 1"


def test_phase_at_names_the_last_milestone_reached():
    table = milestones(two_lots())
    assert phase_at(table, "Lot 1", pd.Timestamp("2026-03-01")) == "design"
    assert phase_at(table, "Lot 1", pd.Timestamp("2026-04-21")) == "pre_go_live"
    assert phase_at(table, "Lot 1", pd.Timestamp("2026-08-01")) == "post_go_live"
