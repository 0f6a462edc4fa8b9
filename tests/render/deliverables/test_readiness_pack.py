"""The readiness pack (before the first go-live) on one-lot and several-lot
engagements: no two slides say the same lot and risk, and late work the plan
only resumes on the committee's own date is put to the committee, not shown as
re-planned to that very day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from playbook.analysis.committee import steered
from playbook.analysis.engine import analyse
from playbook.intake import load_engagement
from playbook.method import load_method
from playbook.model import Engagement
from playbook.render.deliverables import readiness
from playbook.render.ir import TableSlide
from tests.factories import minimal_engagement_dict

ONE_LOT = Path(__file__).resolve().parents[3] / "corpus" / "halvorsen_pharma" / "engagement.yaml"
MID_ENGAGEMENT = dt.date(2027, 9, 20)


def _flat(cells: list) -> str:
    return " ".join(str(cell) for cell in cells)


@pytest.fixture(scope="module")
def one_lot():
    return analyse(load_engagement(ONE_LOT), load_method(), "en")


def _pack(analysis, as_of=None):
    dated = steered(analysis, as_of)
    committee = dated.committee
    assert committee.readiness
    return dated, committee, readiness.build_deck(dated, committee, readiness.key_messages(dated, committee))


@pytest.mark.parametrize("as_of", [None, MID_ENGAGEMENT])
def test_one_lot_and_its_risk_are_said_on_one_slide(one_lot, as_of):
    dated, committee, deck = _pack(one_lot, as_of)
    (lot,) = committee.lots
    assert committee.risks
    tables = [s for s in deck.slides if isinstance(s, TableSlide)]
    for risk in committee.risks:  # who, which risk and its cause: on one slide only
        holding = [s for s in tables if any(risk.id in _flat(row) for row in s.table.rows)]
        assert len(holding) == 1, [s.title for s in holding]
        (slide,) = holding
        assert lot.lot in _flat(slide.table.rows[0])
        assert readiness._cause(dated, risk) in _flat(slide.table.rows[0])
        assert risk.reason[:40] in slide.notes
    titles = [s.title for s in deck.slides]
    assert readiness.risks_title(dated, committee) not in titles
    assert len(set(titles)) == len(titles)


def test_several_lots_keep_their_lots_slide_and_their_risks_slide():
    data = minimal_engagement_dict()
    data["engagement"]["as_of"] = "2026-03-02"
    analysis = analyse(Engagement.model_validate(data), load_method(), "en")
    dated, committee, deck = _pack(analysis)
    assert len(committee.lots) > 1 and not readiness.one_lot(committee)
    titles = [s.title for s in deck.slides]
    assert readiness.lots_title(dated, committee) in titles
    if committee.risks:
        assert readiness.risks_title(dated, committee) in titles


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_late_work_resuming_on_the_committee_date_is_for_the_committee_to_re_plan(lang):
    analysis = analyse(load_engagement(ONE_LOT), load_method(), lang)
    dated, committee, deck = _pack(analysis, MID_ENGAGEMENT)
    resumed = [a for a in committee.late if a.now <= committee.as_of]
    assert resumed  # the plan resumes the oldest late work on the committee's date
    committee_day = readiness.c.date(dated, committee.as_of)
    ask = readiness._t(dated, "cells.replan")
    title = readiness.late_title(dated, committee)
    # deck and note read the same table: no late row is "re-planned" to the committee's day
    for table in (readiness.late_slide_table(dated, committee), readiness.late_table(dated, committee)):
        assert all(row[4] != committee_day for row in table.rows)
    whole = readiness.late_table(dated, committee)
    assert sum(row[4] == ask for row in whole.rows) == len(resumed)
    oldest = min(a.planned for a in committee.late)
    assert title == readiness._n(dated, "titles.late_replan", len(committee.late),
                                 oldest=readiness.c.date(dated, oldest))
    assert title in [s.title for s in deck.slides]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_late_workshop_says_whether_the_plan_re_dated_it_or_the_committee_must(lang):
    """A single late workshop the plan already resumes after the committee is
    'replanned for' its new date; one resuming on the committee's own day is
    put to the committee. The two titles never read the same."""
    import dataclasses

    analysis = analyse(load_engagement(ONE_LOT), load_method(), lang)
    dated, committee, _ = _pack(analysis, MID_ENGAGEMENT)
    planned = committee.as_of - dt.timedelta(days=10)
    later = committee.as_of + dt.timedelta(days=7)
    from playbook.analysis.committee import LateWorkshop

    workshop = LateWorkshop(id="W1", workshop="use_cases", planned=planned, now=later)
    re_dated = dataclasses.replace(committee, late=[], late_workshops=[workshop])
    to_set = dataclasses.replace(committee, late=[],
                                 late_workshops=[dataclasses.replace(workshop, now=committee.as_of)])
    title = readiness.late_title(dated, re_dated)
    assert readiness.c.date(dated, later) in title
    assert readiness.late_title(dated, to_set) != title
    assert readiness.c.date(dated, later) not in readiness.late_title(dated, to_set)
