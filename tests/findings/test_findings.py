"""The named facts of one analysis, each a defect of the deliverables that read
them: two budgets, totals that do not add up, claims of order the schedule
contradicts, decisions a summary denies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from playbook.analysis import analyse
from playbook.findings import (
    BUDGET_OVERRUN,
    CASH,
    INTERNAL_TIME,
    LATE_AFTER_GO_LIVE,
    MISSING_SPONSOR,
    OPEN_AFTER_GO_LIVE,
    RULE_GAVE_WAY,
    TRAINING_CAPACITY,
    budget_sentence,
    findings,
    stable_id,
)
from playbook.findings.wording import not_costed_note
from playbook.text import grammar
from playbook.text.typography import format_date

from .conftest import METHOD, analysed, engagement


def test_the_findings_are_computed_once_per_analysis(small):
    assert findings(small) is findings(small)


def test_cash_and_internal_time_are_kept_apart_and_only_cash_meets_the_budget(small):
    budget = findings(small).budget
    assert [line.code for line in budget.of(CASH)] == ["trainers"]
    assert [line.code for line in budget.of(INTERNAL_TIME)] == ["learners", "key_users", "change_team"]
    trainers = budget.line("trainers")
    assert budget.cash == trainers.shown_days * 850  # learners' time is not spending
    assert budget.envelope == 200_000 and budget.overrun is None


def test_a_cost_is_its_printed_days_at_the_rate_as_given(small):
    for line in findings(small).budget.lines:
        assert line.rate in (850, 310)  # never rounded to £900 / £300
        assert line.amount == line.shown_days * line.rate


def test_printed_budget_parts_add_up_to_their_printed_total(small):
    budget = findings(small).budget
    internal = budget.of(INTERNAL_TIME)
    assert sum(line.shown or 0 for line in internal) == budget.internal_shown
    assert budget.internal_shown == grammar.rounded_money(sum(line.amount or 0 for line in internal))
    assert budget.internal_days == sum(line.shown_days for line in internal)


def test_a_budget_overrun_compares_cash_only_and_is_a_decision():
    data = engagement()
    data["engagement"]["change_budget"] = 1_000
    small = analysed(data)
    budget = findings(small).budget
    assert budget.overrun == pytest.approx(budget.cash - 1_000)
    (overrun,) = [d for d in findings(small).decisions if d.kind == BUDGET_OVERRUN]
    assert "exceeded by" in overrun.reason and "£850 a day" in overrun.reason


def test_the_budget_sentence_says_both_lines_once_each(small):
    said = budget_sentence(findings(small).budget, METHOD, "en")
    assert said.count("£200,000") == 1 and "Internal time comes on top, outside that budget" in said
    assert "£850 a day" in said and "£310" in said


def test_without_a_budget_nothing_is_compared_and_without_rates_nothing_can_be():
    data = engagement()
    data["engagement"]["change_budget"] = None
    assert budget_sentence(findings(analysed(data)).budget, METHOD, "en") == ""
    data = engagement(training={})
    uncosted = findings(analysed(data)).budget
    assert budget_sentence(uncosted, METHOD, "en") == ""  # the deliverables say nothing…
    assert "cannot be costed" in not_costed_note(uncosted, METHOD, "en")  # …the consultant is told


def test_effort_by_owner_adds_up_to_the_plan_total_as_printed(small):
    effort = findings(small).effort
    assert sum(owner.shown for owner in effort.by_owner) == effort.shown
    assert effort.shown == grammar.rounded_days(small.change_plan.total_days)[0]
    assert [o.days for o in effort.by_owner] == sorted((o.days for o in effort.by_owner), reverse=True)


def test_key_users_come_first_from_their_own_sessions_not_the_administrators(small):
    lot = findings(small).training.lots[0]
    sessions = small.training_plan.sessions
    own = sessions[(sessions["lot"] == lot.lot) & (sessions["audience"] == "key_user")]
    assert lot.key_users is not None and lot.key_users.start == min(own["start"])
    admins = sessions[(sessions["lot"] == lot.lot) & (sessions["audience"] == "administrator")]
    assert len(admins) and lot.administrators is not None
    assert lot.key_users_first == (lot.key_users.end < lot.first_user_session)


def test_a_lot_without_room_after_acceptance_testing_trains_nobody_early_and_asks_for_a_decision():
    data = engagement()
    data["lots"][0]["acceptance_end"] = "2026-05-15"  # the eve of go-live: no room left
    small = analysed(data)
    lot = findings(small).training.lots[0]
    sessions = small.training_plan.sessions
    users = sessions[(sessions["lot"] == lot.lot) & (sessions["wave"] == "end_users")]
    needs = small.training_plan.needs
    needed = needs[(needs["lot"] == lot.lot) & (needs["wave"] == "end_users")]["sessions"].sum()
    assert users.empty and lot.after_acceptance and lot.unplaced == needed > 0
    (decision,) = [d for d in findings(small).decisions if d.kind == TRAINING_CAPACITY]
    assert decision.subject == lot.lot
    assert "no working day between the end of acceptance testing" in decision.reason
    assert f"sessions without a place: {needed}" in decision.reason
    (later,) = [c.later_go_live for c in small.training_plan.capacity]
    assert later is not None and later > lot.go_live
    assert f"move go-live to {format_date(later, 'en')}" in decision.reason
    assert decision.detail.startswith("go-live moved to ")  # where a list names it: the option, in short


def test_a_territory_without_local_sponsor_is_a_decision_with_the_same_rule_as_the_checks():
    data = engagement()
    data["territories"] = [{"name": "North", "local_management": "supportive", "local_sponsor": ""},
                           {"name": "South", "local_management": "opposed"}]
    data["populations"][2]["territory"] = "South"
    small = analysed(data)
    flagged = {w.subject for w in small.diagnosis.warnings if w.code == "territory_without_sponsor"}
    decided = {d.subject for d in findings(small).decisions if d.kind == MISSING_SPONSOR}
    assert decided == flagged and decided


def test_a_decision_id_comes_from_what_it_is_about_not_its_rank(small):
    data = engagement()
    data["engagement"]["change_budget"] = 1_000
    data["lots"][0]["acceptance_end"] = "2026-05-15"
    first = findings(analysed(data)).decisions
    again = findings(analysed(data)).decisions
    assert [d.id for d in first] == [d.id for d in again]
    assert len({d.id for d in first}) == len(first)
    assert first[0].id == stable_id("D", BUDGET_OVERRUN)


def test_counts_are_those_of_the_engagement(small):
    counts = findings(small).counts
    engagement_ = small.engagement
    assert (counts.populations, counts.resistances) == (len(engagement_.populations),
                                                      len(engagement_.resistances))


def test_findings_are_frozen(small):
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings(small).budget.envelope = 0  # type: ignore[misc]


def test_a_role_carrying_days_with_nobody_named_is_a_governance_decision():
    """The change lead carries days of the plan and nobody holds that role: the gap
    is one decision for the committee, naming the role and its days; once a team
    member's role says it, the plan names them and the decision goes."""
    from playbook.findings import MISSING_OWNER

    small = analysed(engagement())
    change_lead = small.change_plan.actions[small.change_plan.actions["owner"] == "change_lead"]
    assert change_lead["effort_days"].sum() > 0 and not change_lead["owner_name"].astype(bool).any()
    decided = [d for d in findings(small).decisions if d.kind == MISSING_OWNER]
    assert len(decided) == 1 and "Change lead (" in decided[0].reason
    days = grammar.rounded_days(float(change_lead["effort_days"].sum()))[0]
    assert f"Change lead ({days:g} days" in decided[0].reason

    data = engagement()
    data["governance"]["team"] = [{"name": "Ada Quinn", "function": "Transformation", "role": "Change lead",
                                   "seniority": "senior", "allocation": 50}]
    named = analysed(data)
    lead = named.change_plan.actions[named.change_plan.actions["owner"] == "change_lead"]
    assert set(lead["owner_name"]) == {"Ada Quinn"}
    assert all("Change lead (" not in d.reason for d in findings(named).decisions if d.kind == MISSING_OWNER)


def _one_region(national_staff: bool):
    """One regional territory with no local sponsor ("Islands"); the rest of the
    populations work in the national default territory, or in the region too."""
    data = engagement()
    data["territories"] = [{"name": "Islands", "local_management": "neutral"}]
    for population in data["populations"]:
        population["territory"] = "Islands"
    if national_staff:
        data["populations"][0]["territory"] = "National"
    return analysed(data)


def test_one_region_beside_head_office_territories_needs_its_local_sponsor_everywhere_alike():
    """A roll-out across head office and one region spans two territories: the
    region without a local sponsor is flagged by the checks, gets its gap action in
    the Change plan, is named by the framing note and is a decision, by one rule."""
    from playbook.render.deliverables import build

    small = _one_region(national_staff=True)
    assert {w.subject for w in small.diagnosis.warnings if w.code == "territory_without_sponsor"} == {
        "Islands"}
    actions = small.change_plan.actions
    assert (actions["lever"] == "name_local_sponsor").sum() == 1
    assert {d.subject for d in findings(small).decisions if d.kind == MISSING_SPONSOR} == {"Islands"}
    document, _ = build("framing_note", small)
    said = "Territory without a local sponsor: Islands"  # one territory: singular
    assert any(said in getattr(b, "text", "") or any(said in str(i) for i in getattr(b, "items", []))
               for b in document.blocks)


def test_a_roll_out_within_one_region_is_not_flagged_for_a_local_sponsor():
    alone = _one_region(national_staff=False)
    assert not [w for w in alone.diagnosis.warnings if w.code == "territory_without_sponsor"]
    assert not (alone.change_plan.actions["lever"] == "name_local_sponsor").any()
    assert not [d for d in findings(alone).decisions if d.kind == MISSING_SPONSOR]


def _two_weeks_before_go_live() -> Any:
    """The minimal engagement two weeks before its first go-live, nothing recorded
    done: the plan's earlier work is late, and its owners cannot absorb it in time."""
    data = engagement()
    data["engagement"]["as_of"] = "2026-05-04"
    return analysed(data)


def test_late_work_re_planned_past_its_lot_s_go_live_is_a_decision_with_its_figures():
    late = _two_weeks_before_go_live()
    actions = late.change_plan.actions
    go_live = dt.date(2026, 5, 18)
    behind = actions[(actions["status"] == "late") & (actions["lot"] == "Lot 1 - Requests")
                     & (actions["end"].dt.date >= go_live)]
    assert len(behind)  # the case exists: late work now ending on or after go-live
    (decision,) = [d for d in findings(late).decisions if d.kind == LATE_AFTER_GO_LIVE]
    assert decision.subject == "Lot 1 - Requests" and "18 May 2026" in decision.reason
    first = behind.sort_values(["end", "id"]).iloc[0]
    assert f"{first['id']} (due " in decision.reason
    assert f"now {format_date(first['end'].date(), 'en')})" in decision.reason
    # Every summary lists it: the decisions message names its kind.
    assert decision.id == stable_id("D", LATE_AFTER_GO_LIVE, "Lot 1 - Requests")


def test_a_lot_already_live_with_its_preparation_not_recorded_done_asks_to_sort_it_not_to_delay_go_live():
    """A month after go-live, nothing recorded done: the committee cannot add hands
    before a go-live that has happened nor postpone it. It settles the work instead."""
    data = engagement()
    data["engagement"]["as_of"] = "2026-06-22"  # Lot 1 went live on 18 May 2026
    after = analysed(data)
    kinds = {(d.kind, d.subject) for d in findings(after).decisions}
    assert (OPEN_AFTER_GO_LIVE, "Lot 1 - Requests") in kinds
    assert (LATE_AFTER_GO_LIVE, "Lot 1 - Requests") not in kinds
    (decision,) = [d for d in findings(after).decisions
                   if d.kind == OPEN_AFTER_GO_LIVE and d.subject == "Lot 1 - Requests"]
    assert "live since 18 May 2026" in decision.reason
    assert "more hands" not in decision.reason and "later go-live" not in decision.reason
    assert "done, moot since go-live (cancelled), or still to do" in decision.reason


def test_work_planned_after_go_live_is_not_called_late_past_it(small):
    assert not [d for d in findings(small).decisions if d.kind == LATE_AFTER_GO_LIVE]


def test_a_rule_giving_way_for_several_populations_is_one_decision_counting_and_naming_them():
    late = _two_weeks_before_go_live()
    unscheduled = {w.subject for w in late.training_plan.warnings if w.code == "training_unscheduled"}
    assert len(unscheduled) >= 2  # the rule gave way for several populations
    rules = [d for d in findings(late).decisions if d.kind == RULE_GAVE_WAY]
    assert len(rules) == 1
    (rule,) = rules
    assert rule.subject == f"sessions without a date, {len(unscheduled)} cases"
    assert all(name in rule.reason for name in unscheduled)
    assert rule.id == stable_id("D", RULE_GAVE_WAY, "training_unscheduled")


def test_sixty_populations_whose_sessions_find_no_date_make_one_decision_for_that_rule():
    """The public agency of the corpus, three weeks before its first go-live with
    nothing recorded: sessions of many populations find no date, one arbitration."""
    from pathlib import Path

    from playbook.intake import load_engagement

    path = Path(__file__).resolve().parents[2] / "corpus" / "craf_nord_est" / "engagement.yaml"
    engagement_ = load_engagement(path)
    moved = engagement_.model_copy(update={"engagement": engagement_.engagement.model_copy(
        update={"as_of": dt.date(2028, 4, 20)})})
    late = analyse(moved, METHOD, "fr")
    subjects = {w.subject for w in late.training_plan.warnings if w.code == "training_unscheduled"}
    assert len(subjects) >= 10
    (rule,) = [d for d in findings(late).decisions if d.kind == RULE_GAVE_WAY]
    assert rule.subject == f"sessions sans date, {len(subjects)} cas"
    assert all(subject in rule.reason for subject in subjects)


def test_a_part_that_happens_is_never_shown_as_0_days_and_the_parts_still_add_up():
    """Six learners × half an hour is 0.43 day: shown as half a day, never 0, taken
    from the part the rounding overstated most; a part of nothing stays 0."""
    from playbook.findings.effort import day_parts

    parts = [2.71, 15.2, 5.1, 0.43, 0.0, 2.0, 3.0]
    shown = day_parts(parts, 28.0)
    assert shown[3] == 0.5
    assert shown[4] == 0.0
    assert sum(shown) == 28.0
    assert all(abs(s - p) < 1 for s, p in zip(shown, parts, strict=True))
