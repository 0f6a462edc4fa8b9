"""Step 5, the COPIL: KPIs read against their thresholds, plan progress,
training, pulse surveys, populations falling behind, decisions, and what
changed since the previous COPIL — on small engagements built by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from playbook.analysis.committee import Previous, steer
from playbook.analysis.copil import default_as_of, forecast, is_falling
from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.model import Engagement
from tests.factories import minimal_engagement_dict

METHOD = load_method()
D = dt.date.fromisoformat

# The adoption KPI of the cases: baseline 0, target 80. With kpis.yaml's
# amber_share 0.8, green from 80 and amber from 64 (documented in kpis.yaml).
ADOPTION = {"kind": "adoption", "name": "Adoption", "population": "", "unit": "%",
            "baseline": 0, "target": 80, "review_weeks_after_go_live": 4}


def case(**changes) -> dict:
    data = minimal_engagement_dict()
    data["kpis"] = [dict(ADOPTION)]
    data.update(changes)
    return data


def analysed(data: dict):
    return analyse(Engagement.model_validate(data), METHOD)


def copil(analysis, as_of: dt.date, previous=None):
    """The committee of `as_of`'s measurements and progress (the plan read at that
    date); `previous`: the engagement as analysed at the committee before."""
    committee = steer(analysis, as_of, None if previous is None else
                      Previous(as_of - dt.timedelta(weeks=2), previous))
    return committee.copil


def reading(value: float, date: str, population: str = "", kpi: str = "Adoption") -> dict:
    return {"kpi": kpi, "population": population, "date": date, "value": value}


def kpi_row(pack, name: str = "Adoption"):
    return pack.kpis.set_index("name").loc[name]


# --------------------------------------------------------------------------- KPIs


FALLING = [reading(82, "2026-06-01"), reading(70, "2026-06-15"), reading(60, "2026-06-29")]


def test_a_kpi_at_or_past_target_is_green():
    pack = copil(analysed(case(kpi_readings=FALLING)), D("2026-06-01"))
    assert kpi_row(pack)["rag"] == "green"


def test_a_falling_kpi_turns_amber_below_target_and_is_flagged_falling():
    pack = copil(analysed(case(kpi_readings=FALLING)), D("2026-06-15"))
    row = kpi_row(pack)
    assert (row["latest"], row["previous_value"], row["trend"]) == (70, 82, -12)
    assert (row["previous_rag"], row["rag"]) == ("green", "amber")
    assert row["falling"]
    assert [d.kind for d in pack.decisions if d.subject == "Adoption"] == ["kpi"]


def test_a_falling_kpi_turns_red_below_the_amber_threshold():
    pack = copil(analysed(case(kpi_readings=FALLING)), D("2026-06-29"))
    assert kpi_row(pack)["rag"] == "red"  # 60 < 64 = 80 % of the way from 0 to 80
    decision = next(d for d in pack.decisions if d.subject == "Adoption")
    assert "60%" in decision.reason and "80%" in decision.reason


def test_the_threshold_itself_is_amber_and_one_point_below_is_red():
    at = copil(analysed(case(kpi_readings=[reading(64, "2026-06-01")])), D("2026-06-01"))
    below = copil(analysed(case(kpi_readings=[reading(63, "2026-06-01")])), D("2026-06-01"))
    assert (kpi_row(at)["rag"], kpi_row(below)["rag"]) == ("amber", "red")


def test_readings_after_the_copil_date_are_ignored():
    pack = copil(analysed(case(kpi_readings=FALLING)), D("2026-06-10"))
    assert kpi_row(pack)["latest"] == 82


def test_an_unmeasured_kpi_has_no_colour_and_no_kpi_decision():
    pack = copil(analysed(case()), D("2026-06-10"))
    assert not kpi_row(pack)["measured"] and kpi_row(pack)["rag"] == ""
    assert [d for d in pack.decisions if d.kind == "kpi"] == []


def test_falling_is_points_for_a_share_and_a_share_of_the_target_otherwise():
    assert is_falling(-5, "%", 80, True, 5) and not is_falling(-4.9, "%", 80, True, 5)
    assert is_falling(0.05, "tickets", 1.0, False, 5)  # tickets rising by 5 % of target
    assert not is_falling(-0.05, "tickets", 1.0, False, 5)


def test_the_forecast_extends_the_trend_to_the_target_date_as_a_range():
    history = [(D("2026-06-01"), 50.0), (D("2026-06-15"), 61.0), (D("2026-06-29"), 69.0)]
    low, likely, high = forecast(history, D("2026-07-27"), 3, (0, 100))
    assert likely == pytest.approx(88.5)
    assert low < likely < high, "readings that stray from a line give a range, not a point"
    assert forecast(history, D("2026-07-27"), 4) is None


def test_no_forecast_is_made_for_a_target_date_already_passed():
    rising = [reading(50, "2026-06-01"), reading(61, "2026-06-15"), reading(69, "2026-06-29")]
    analysis = analysed(case(kpi_readings=rising))
    target_date = kpi_row(copil(analysis, D("2026-06-29")))["target_date"]
    assert kpi_row(copil(analysis, D("2026-06-29")))["forecast"] is not None
    after = kpi_row(copil(analysis, target_date + dt.timedelta(days=30)))
    assert after["forecast"] is None and after["forecast_rag"] == ""


def test_two_readings_make_a_line_not_a_forecast():
    history = [(D("2026-06-01"), 50.0), (D("2026-06-15"), 60.0)]
    assert forecast(history, D("2026-06-29"), 2) is None


def test_a_forecast_is_capped_at_what_the_measure_can_be():
    history = [(D("2026-06-01"), 60.0), (D("2026-06-15"), 75.0), (D("2026-06-29"), 92.0)]
    low, likely, high = forecast(history, D("2027-06-28"), 3, (0, 100))
    assert likely == high == 100  # a share never passes 100 %
    falling = [(d, 10 - v / 10) for d, v in history]
    low, likely, high = forecast(falling, D("2027-06-28"), 3, (0, math.inf))
    assert low == likely == 0  # a count never goes below 0


# --------------------------------------------------------------------------- adoption


def test_adoption_per_population_uses_the_population_s_readings_and_territory():
    readings = [reading(50, "2026-06-01", "Agency advisers", "adoption"),
                reading(90, "2026-06-01", "Agency managers", "adoption")]
    pack = copil(analysed(case(kpi_readings=readings)), D("2026-06-01"))
    adoption = pack.adoption.set_index("population")
    assert adoption.loc["Agency advisers", "rag"] == "red"
    assert adoption.loc["Agency managers", "rag"] == "green"
    north = pack.territories.set_index("territory").loc["North"]
    assert north["latest"] == pytest.approx((50 * 48 + 90 * 6) / 54)  # weighted by headcount


def test_a_population_behind_gets_reinforcement_levers_with_reasons():
    readings = [reading(50, "2026-06-01", "Agency advisers", "adoption")]
    pack = copil(analysed(case(kpi_readings=readings)), D("2026-06-01"))
    behind = pack.behind.set_index("population").loc["Agency advisers"]
    assert behind["levers"] == METHOD.copil.reinforcement["adoption"][:2]
    assert "50%" in behind["reasons"][0]
    assert any(d.kind == "reinforce" and d.subject == "Agency advisers" for d in pack.decisions)


def test_a_low_pulse_score_chooses_the_levers_of_its_pillar():
    pulse = {"population": "Agency managers", "date": "2026-06-01", "respondents": 6,
             "understand": 4.0, "want": 2.4, "able": 3.5}
    pack = copil(analysed(case(pulse_results=[pulse])), D("2026-06-01"))
    behind = pack.behind.set_index("population").loc["Agency managers"]
    assert behind["pillars"] == ["want"]
    assert behind["levers"] == METHOD.copil.reinforcement["want"][:2]


def test_a_pulse_of_a_group_below_the_minimum_size_is_withheld():
    pulse = {"population": "Agency managers", "date": "2026-06-01", "respondents": 4,
             "understand": 4.0, "want": 1.5, "able": 3.5, "comments": "Named remarks"}
    pack = copil(analysed(case(pulse_results=[pulse])), D("2026-06-01"))
    row = pack.pulses.set_index("population").loc["Agency managers"]
    assert row["withheld"] and row["want"] is None and row["comments"] == ""
    assert pack.behind.empty  # a withheld score cannot single a population out


# --------------------------------------------------------------------------- plan progress


def test_a_late_action_appears_in_progress_and_in_the_decisions():
    # Only the communication rhythm is recorded done: the other actions planned
    # before the COPIL are late (the plan's own status at that date).
    data = case(action_status=[{"lever": "communication_rhythm", "status": "done"}])
    pack = copil(analysed(data), D("2026-02-10"))
    actions = pack.actions
    rhythm = actions[actions["lever"] == "communication_rhythm"].iloc[0]
    assert rhythm["status"] == "done" and not rhythm["late"]
    late = actions[actions["late"]]
    assert len(late) and pack.progress["late"] == len(late) >= 1
    decision = next(d for d in pack.decisions if d.kind == "late_actions")
    assert late.sort_values("date")["id"].iloc[0] in decision.reason  # cited by its id


def test_the_copil_reads_the_plan_at_its_own_date_not_the_engagement_s():
    data = case(action_status=[{"lever": "communication_rhythm", "status": "done"}])
    data["engagement"]["as_of"] = "2026-01-19"  # the day the first action is due: none late yet
    analysis = analysed(data)
    assert not (analysis.change_plan.actions["status"] == "late").any()
    assert copil(analysis, D("2026-02-10")).progress["late"] >= 1


def test_actions_due_in_the_next_two_weeks_are_counted():
    pack = copil(analysed(case()), D("2026-02-10"))
    due = pack.actions[pack.actions["due"]]
    assert len(due) and all(D("2026-02-10") <= d <= D("2026-02-24") for d in due["date"])


# --------------------------------------------------------------------------- training, criteria


def test_training_below_target_asks_for_catch_up_sessions_and_lowers_the_criterion():
    attendance = [{"module": "crm_essentials", "population": "Agency advisers", "planned": 48,
                   "attended": 30, "date": "2026-05-01"},
                  {"module": "crm_essentials", "population": "Agency advisers", "planned": 48,
                   "attended": 40, "date": "2026-05-15"}]
    pack = copil(analysed(case(attendance=attendance)), D("2026-05-20"))
    assert pack.coverage == pytest.approx(100 * 40 / 48)  # counts are cumulative: latest wins
    decision = next(d for d in pack.decisions if d.kind == "training")
    assert "8 people" in decision.text
    criterion = pack.criteria.set_index("criterion").loc["training_mentoring"]
    assert criterion["status"] == "partly"  # 83 % ≥ 80 % of the 95 % target


# --------------------------------------------------------------------------- what changed


def test_the_changes_name_kpis_that_changed_colour():
    pack = copil(analysed(case(kpi_readings=FALLING)), D("2026-06-15"))
    assert any("Adoption" in c and "green → amber" in c for c in pack.changes)


def test_the_diff_with_the_previous_engagement_file():
    before = case()  # the managers were resistant and heavily impacted: high risk of rejection
    before["populations"][1]["buy_in"] = "resistant"
    before["impacts"][2]["intensity"] = 3
    before["impacts"].append({"population": "Agency managers", "dimension": "job", "intensity": 3})
    after = case()
    after["populations"][0]["headcount"] = 52
    after["resistances"].append({"population": "Agency managers", "brake": "feeling_watched",
                                 "evidence": "Our reps' calendars are visible to head office."})
    previous, current = analysed(before), analysed(after)
    high = lambda a: {(r.population, r.kind) for r in a.diagnosis.risks if r.level >= 3}  # noqa: E731
    resolved = high(previous) - high(current)
    assert resolved  # the case is built so that a high risk disappears

    pack = copil(current, D("2026-06-01"), previous=previous)
    text = "\n".join(pack.changes)
    assert "Headcount of Agency advisers: 48 → 52 people." in text
    assert "New resistance observed: Agency managers" in text
    assert resolved == {("Agency managers", "rejection")}
    assert "High risk of rejection resolved: Agency managers." in text
    assert "Impact on Agency managers, Culture: 3 → 2 out of 3." in text
    assert any(d.kind == "resistance" and d.subject == "Agency managers" for d in pack.decisions)


def test_without_a_date_the_copil_is_the_latest_measurement():
    data = case(kpi_readings=FALLING)
    assert default_as_of(Engagement.model_validate(data)) == D("2026-06-29")
