"""Defects partners struck out, each on a small engagement made for it: the
builders now read the facts from the findings, so what was contradicted is not."""

from __future__ import annotations

import re
from typing import Any

import pytest

from playbook.findings import findings
from playbook.render.deliverables import build
from playbook.render.deliverables import change_plan as cp
from playbook.render.deliverables import training_plan as tp
from playbook.render.ir import KeyMessages
from tests.findings.conftest import analysed, engagement


def _texts(document: Any) -> str:
    out = []
    for block in document.blocks:
        out += getattr(block, "items", []) or [getattr(block, "text", "")]
    return "\n".join(str(getattr(x, "text", x)) for x in out)


@pytest.fixture(scope="module")
def overrun() -> Any:
    """A cash budget the trainers alone exceed, and a lot whose acceptance testing
    ends on the eve of go-live: two decisions for the committee."""
    data = engagement()
    data["engagement"]["change_budget"] = 1_000
    data["lots"][0]["acceptance_end"] = "2026-05-15"
    return analysed(data)


def test_the_change_plan_summary_never_denies_a_decision_its_pages_ask_for(overrun):
    document, deck = build("change_plan", overrun)
    said = _texts(document)
    assert overrun.method.text("change_plan.messages.to_arbitrate.zero", "en") not in said
    (summary,) = [b for b in document.blocks if isinstance(b, KeyMessages)]
    assert any("decisions await the steering committee" in item for item in summary.items)
    assert "budget overrun" in summary.items[-1]


def test_every_summary_and_the_steering_pack_list_the_same_decisions(overrun):
    topics = ["budget overrun", "training capacity between acceptance testing and go-live (Lot 1 - Requests) — go-live moved to"]
    for name in ("framing_note", "impact_diagnosis", "change_plan", "training_plan"):
        document, _ = build(name, overrun)
        (summary,) = [b for b in document.blocks if isinstance(b, KeyMessages)]
        assert all(topic in summary.items[-1] for topic in topics), name
    _, deck = build("steering", overrun)
    # a bullet opens with a capital: "Budget overrun" is the summary's "budget overrun"
    listed = "\n".join(getattr(b, "text", b) for s in deck.slides for b in getattr(s, "bullets", []))
    assert all(topic[:1].upper() + topic[1:] in listed for topic in topics)


def test_the_budget_is_trainers_cash_against_the_business_case_internal_time_beside_it(overrun):
    said = _texts(build("change_plan", overrun)[0])
    budget = findings(overrun).budget
    assert "Change-and-training budget exceeded" in said and "£1,000 in the business case" in said
    shown = re.search(r"trainers: ([\d.]+) days at £850 a day", said)  # not £900
    assert shown and float(shown.group(1)) == budget.line("trainers").shown_days
    assert "Internal time comes on top, outside that budget" in said


def test_the_plan_s_cost_against_its_budget_is_said_with_its_effort_not_as_a_point_to_watch():
    """A budget kept is a fact of the plan: under "Points to watch" it reads as a
    worry. Over or within, the sentence stands in the effort section."""
    from playbook.render.ir import Bullets, Heading, Paragraph

    for budget, said_as in ((1_000, "budget exceeded"), (10_000_000, "budget kept")):
        data = engagement()
        data["engagement"]["change_budget"] = budget
        document, _ = build("change_plan", analysed(data))
        section, where = "", []
        for block in document.blocks:
            if isinstance(block, Heading) and block.level == 1:
                section = block.text
            texts = ([block.text] if isinstance(block, Paragraph)
                     else [str(getattr(i, "text", i)) for i in block.items]
                     if isinstance(block, Bullets) else [])
            for text in texts:
                if "£" in text and "business case" in text:
                    where.append(section)
        # over budget, the committee's decision gives it as its reason too
        assert "Owners and effort" in where and "Points to watch" not in where, (said_as, where)


def test_rates_print_as_the_engagement_gives_them(overrun):
    rates = tp._rates_text(overrun)
    assert "£850 per trainer-day" in rates and "£310 per learner-day" in rates


def test_effort_by_owner_adds_up_to_the_total_the_summary_states(overrun):
    table = cp.owner_table(overrun)
    elsewhere = overrun.method.text("change_plan.text.costed_in_training", overrun.lang)
    # a role whose days the training plan counts adds nothing here
    shown = sum(float(row[-1]) for row in table.rows if row[-1] != elsewhere)
    assert shown == findings(overrun).effort.shown


def test_a_wave_whose_sessions_find_no_place_after_acceptance_testing_does_not_claim_all_is_well(overrun):
    lot = findings(overrun).training.lots[0]
    assert lot.unplaced and lot.before_acceptance_end == 0  # nobody trained on an untested system
    title = tp.wave_title(overrun, lot.lot, (lot.end_users.start, lot.end_users.end))
    assert f"{lot.unplaced} sessions cannot be fitted between acceptance testing and go-live" in title
    assert "everyone trained" not in title


@pytest.fixture(scope="module")
def narrow() -> Any:
    """Three working days between acceptance testing and go-live: the key users are
    trained first to co-train, and what still does not fit is a decision."""
    data = engagement()
    data["lots"][0]["acceptance_end"] = "2026-05-12"
    return analysed(data)


def test_key_users_first_is_dated_by_the_key_users_own_sessions(narrow):
    lot = findings(narrow).training.lots[0]
    message = tp._order_message(narrow)
    assert lot.administrators is not None and lot.key_users is not None
    if lot.key_users_first:
        from playbook.render.deliverables import common as c
        assert c.date(narrow, lot.key_users.start) in message
    else:
        assert "only" in message


def test_the_change_plan_report_says_a_decision_s_topic_once():
    """« Rôles sans titulaire » then « Rôles sans titulaire : Responsable du
    Change… » under it: the detail goes straight to what the topic announces."""
    from playbook.render.ir import Bullets

    analysis = analysed(engagement())
    (listed,) = [b for b in cp._decision_blocks(analysis) if isinstance(b, Bullets)]
    items = [(i.level, str(i.text)) for i in listed.items]
    details = dict(zip([t.strip("*") for lvl, t in items if lvl == 0],
                       [t for lvl, t in items if lvl == 1], strict=True))
    roles = details["Roles with nobody named"]
    assert roles.startswith("Change lead (") and "nobody named" not in roles.split(":")[0]
