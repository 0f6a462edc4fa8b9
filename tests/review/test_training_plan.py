"""Review of the training plan (notebook 05): needs, modules, calendar and totals,
and the two checks a consultant would otherwise make by hand: key users trained
before the end users of each lot, and no session in a blackout period."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from playbook.model import Blackout
from playbook.render.deliverables.training_plan import END_USERS, PREPARATORY
from playbook.review import training_plan as review

from .helpers import note, picture


def with_blackouts(analysis, *blackouts: Blackout):
    """The same plan, checked against other blackout periods than it was planned with."""
    engagement = analysis.engagement
    training = engagement.training.model_copy(update={"blackouts": list(blackouts)})
    return dataclasses.replace(analysis, engagement=engagement.model_copy(update={"training": training}))


def sessions_of(analysis, population: str):
    sessions = analysis.training_plan.sessions
    return sessions[sessions["population"] == population]


def key_users(analysis) -> str:
    sessions = analysis.training_plan.sessions
    return sessions.loc[sessions["audience"] == "key_user", "population"].iloc[0]


# --------------------------------------------------------------------------- plan tables


def test_every_training_need_gives_its_reason(example):
    needs = review.needs(example)
    assert len(needs) > 0
    assert {"lot", "wave", "population", "module", "label", "hours", "headcount", "sessions",
            "reason"} <= set(needs.columns)
    assert needs["reason"].map(bool).all()
    assert set(needs["wave"]) <= {PREPARATORY, END_USERS}


def test_the_modules_table_has_one_row_per_module_with_its_volumes(example):
    modules = review.modules(example)
    assert modules.index.name == "module"
    assert modules.index.is_unique
    assert set(modules.index) == set(review.needs(example)["module"])
    assert {"label", "hours", "learners", "sessions", "trainer_days", "learner_days"} <= set(modules.columns)


def test_the_calendar_places_every_session_the_plan_counts(example):
    calendar = review.calendar(example)
    sessions = example.training_plan.sessions
    # A population's row counts the sessions its people sit, a shared one in each
    # population's row; the modules count each session once.
    assert calendar["sessions"].sum() == sum(len(seats) for seats in sessions["seats"])
    assert review.modules(example)["sessions"].sum() == len(sessions)
    assert example.training_plan.totals.iloc[-1]["sessions"] == len(sessions)
    assert (calendar["start"] <= calendar["end"]).all()


def test_the_totals_have_one_row_per_lot_and_a_total_row_that_adds_them_up(example):
    totals = review.totals(example)
    per_lot, total = totals.iloc[:-1], totals.iloc[-1]
    assert set(per_lot.index) == set(example.training_plan.calendar["lot"])
    assert total["sessions"] == per_lot["sessions"].sum() == len(example.training_plan.sessions)
    for column in ("trainer_days", "learner_days", "seats_needed", "seats_placed"):
        assert total[column] == pytest.approx(per_lot[column].sum()), column


def test_every_seat_needed_in_the_examples_is_placed(example):
    totals = review.totals(example)
    assert (totals["seats_placed"] == totals["seats_needed"]).all()
    assert (totals["coverage"] == 1).all()


def test_training_labels_follow_the_analysis_language(mutuelle, mutuelle_en):
    assert "Utilisateurs clés" in set(review.calendar(mutuelle)["population"])
    assert "Key users" in set(review.calendar(mutuelle_en)["population"])
    assert list(review.needs(mutuelle)["module"]) == list(review.needs(mutuelle_en)["module"])
    assert set(review.needs(mutuelle)["label"]).isdisjoint(review.needs(mutuelle_en)["label"])


def test_with_nobody_to_train_the_plan_tables_are_empty(nothing_planned):
    assert review.needs(nothing_planned).empty
    assert review.calendar(nothing_planned).empty
    assert review.modules(nothing_planned).empty
    assert review.totals(nothing_planned)["sessions"].sum() == 0


# --------------------------------------------------------------------------- trainers first


def test_trainers_first_has_one_row_per_lot_of_the_plan(example):
    table = review.trainers_first(example)
    assert table.index.name == "lot"
    assert list(table.index) == list(review.totals(example).index[:-1])
    assert list(table.columns) == ["preparatory_end", "first_end_user_session", "ok"]


def test_key_users_are_trained_before_the_first_end_user_session_of_each_lot(example):
    table = review.trainers_first(example)
    prepared = table[table["preparatory_end"].notna()]
    assert len(prepared) > 0
    assert prepared["ok"].tolist() == [True] * len(prepared)
    assert (prepared["preparatory_end"] < prepared["first_end_user_session"]).all()


def test_the_first_end_user_session_is_the_first_led_session_of_the_lot(example):
    sessions = example.training_plan.sessions
    for lot, row in review.trainers_first(example).iterrows():
        own = sessions[(sessions["lot"] == lot) & (sessions["wave"] == END_USERS)]
        assert row["first_end_user_session"] == min(own["start"])


def test_a_lot_without_a_preparatory_wave_is_neither_ok_nor_late(mutuelle, minimal):
    lot_3 = review.trainers_first(mutuelle).loc["Lot 3 – Campagnes marketing"]
    assert lot_3["preparatory_end"] is None and lot_3["ok"] is None
    assert review.trainers_first(minimal)["ok"].isna().all()  # no key user mapped yet


def test_key_users_trained_after_the_first_end_user_session_are_flagged_late(mutuelle):
    plan = mutuelle.training_plan
    lot = plan.calendar["lot"].iloc[0]
    first = review.trainers_first(mutuelle).at[lot, "first_end_user_session"]
    calendar = plan.calendar.copy()
    late = (calendar["lot"] == lot) & (calendar["wave"] == PREPARATORY)
    calendar.loc[late, "end"] = first + dt.timedelta(days=3)
    analysis = dataclasses.replace(mutuelle, training_plan=dataclasses.replace(plan, calendar=calendar))
    row = review.trainers_first(analysis).loc[lot]
    assert row["ok"] is False
    assert row["preparatory_end"] == first + dt.timedelta(days=3)


def test_with_nobody_to_train_trainers_first_is_an_empty_table_not_a_crash(nothing_planned):
    table = review.trainers_first(nothing_planned)
    assert table.empty
    assert list(table.columns) == ["preparatory_end", "first_end_user_session", "ok"]


# --------------------------------------------------------------------------- blackouts


def test_no_session_of_the_examples_falls_in_a_blackout(example):
    assert example.engagement.training.blackouts
    assert review.sessions_in_blackouts(example).empty


def test_a_blackout_of_every_territory_catches_each_session_it_overlaps(mutuelle):
    day = mutuelle.training_plan.sessions["start"].min()  # a day the plan trains on
    clashes = review.sessions_in_blackouts(with_blackouts(mutuelle, Blackout(
        start=day, end=day, reason="Séminaire annuel")))
    sessions = mutuelle.training_plan.sessions
    overlapping = sessions[(sessions["start"] <= day) & (sessions["end"] >= day)]
    assert len(clashes) == len(overlapping) > 0
    assert set(clashes["blackout"]) == {"Séminaire annuel"}
    assert {"lot", "population", "module", "start", "end", "blackout"} <= set(clashes.columns)


def test_a_territorial_blackout_catches_only_the_sessions_of_that_territory(mutuelle):
    south_west = "Conseillers en agence – Sud-Ouest"
    first = sessions_of(mutuelle, south_west)["start"].min()
    clashes = review.sessions_in_blackouts(with_blackouts(mutuelle, Blackout(
        start=first, end=first, reason="Salon régional", territory="Sud-Ouest")))
    assert len(clashes) > 0
    assert set(clashes["population"]) == {south_west}
    others = mutuelle.training_plan.sessions
    same_day = others[(others["start"] <= first) & (others["end"] >= first)]
    assert set(same_day["population"]) - {south_west}, "the check must have other sessions to leave out"


def test_a_territorial_blackout_catches_the_key_user_session_its_key_users_attend(mutuelle):
    name = key_users(mutuelle)
    session = sessions_of(mutuelle, name).iloc[0]
    territory = mutuelle.engagement.governance.key_users[0].territory  # "Nord"
    clashes = review.sessions_in_blackouts(with_blackouts(mutuelle, Blackout(
        start=session["start"], end=session["end"], reason="Opération commerciale",
        territory=territory)))
    assert name in set(clashes.get("population", []))


# --------------------------------------------------------------------------- figures


def test_the_waves_figure_is_a_png_at_the_document_width(example):
    picture(review.waves_figure(example))


def test_the_waves_of_one_lot_can_be_drawn_alone(example):
    lot = example.training_plan.calendar["lot"].iloc[0]
    one, every = picture(review.waves_figure(example, lot)), picture(review.waves_figure(example))
    assert one.height < every.height


def test_with_nobody_to_train_the_waves_figure_is_a_note_in_the_analysis_language(nothing_planned):
    text = note(review.waves_figure(nothing_planned))
    assert text == f"*{nothing_planned.method.text('common.nothing_to_chart', nothing_planned.lang)}*"
