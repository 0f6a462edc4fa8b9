"""The steering committee as a stage over the analysis: a readiness pack before
the first go-live, the adoption pack from it on, "since the last committee" only
of a committee on record, and identities that do not move — on small
engagements built for each rule."""

from __future__ import annotations

import datetime as dt

from playbook.analysis import engine
from playbook.analysis.committee import ADOPTION, READINESS, Previous, steer, steered
from playbook.analysis.engine import analyse
from playbook.method import load_method
from playbook.model import Engagement
from playbook.render.deliverables import build
from playbook.render.ir import Table, TableSlide
from playbook.render.reconcile import check
from tests.factories import minimal_engagement_dict

METHOD = load_method()
D = dt.date.fromisoformat
BEFORE_GO_LIVE, AFTER_GO_LIVE = D("2026-03-02"), D("2026-06-01")  # lot 1 goes live on 18 May


def analysed(**changes):
    data = minimal_engagement_dict()
    data["governance"]["key_users"] = [{"name": "Léa Martin", "population": "Agency advisers"}]
    data.update(changes)
    return analyse(Engagement.model_validate(data), METHOD)


def texts(analysis) -> str:
    document, deck = build("steering", analysis)
    out = [getattr(b, "text", "") for b in document.blocks]
    out += [str(item) for b in document.blocks for item in getattr(b, "items", [])]
    out += [getattr(s, "title", "") + "\n" + getattr(s, "notes", "") for s in deck.slides]
    out += [str(item) for s in deck.slides for item in getattr(s, "items", [])]
    tables = [b for b in document.blocks if isinstance(b, Table)]
    tables += [s.table for s in deck.slides if isinstance(s, TableSlide)]
    out += [str(cell) for t in tables for row in t.rows for cell in row]
    return "\n".join(out)


def test_the_engine_knows_nothing_of_committees():
    assert "copil" not in {f for f in engine.Analysis.__dataclass_fields__}
    source = engine.__file__
    assert "copil" not in open(source, encoding="utf-8").read().lower().replace("committee", "")


def test_before_the_first_go_live_the_pack_is_a_readiness_pack():
    committee = steer(analysed(), BEFORE_GO_LIVE)
    assert committee.phase == READINESS and committee.first_go_live == D("2026-05-18")
    lot = committee.lots[0]
    assert lot.acceptance_end > BEFORE_GO_LIVE and not lot.acceptance_over(BEFORE_GO_LIVE)
    assert lot.key_users_start is not None and not lot.key_users_trained(BEFORE_GO_LIVE)
    document, deck = build("steering", steered(analysed(), BEFORE_GO_LIVE))
    titles = [s.title for s in deck.slides if hasattr(s, "title")]
    assert not any("KPI" in t for t in titles)  # nothing measured yet: no KPI slide
    assert any(t.startswith("First go-live on 18 May 2026") for t in titles)
    assert "measurements taken since go-live" not in texts(steered(analysed(), BEFORE_GO_LIVE))


def test_from_the_first_go_live_the_pack_is_the_adoption_pack():
    committee = steer(analysed(), AFTER_GO_LIVE)
    assert committee.phase == ADOPTION
    _, deck = build("steering", steered(analysed(), AFTER_GO_LIVE))
    assert any(getattr(s, "title", "").startswith("No KPI is measured yet") for s in deck.slides)


def test_late_work_is_listed_with_the_date_it_was_due_and_the_date_it_now_has():
    committee = steer(analysed(), BEFORE_GO_LIVE)
    assert committee.late, "the case is built with actions due before the committee"
    plan = steer(analysed(), BEFORE_GO_LIVE).copil
    assert len(committee.late) == plan.progress["late"]
    for action in committee.late:
        assert action.planned < BEFORE_GO_LIVE <= action.now
    _, deck = build("steering", steered(analysed(), BEFORE_GO_LIVE))
    table = next(s.table for s in deck.slides if isinstance(s, TableSlide)
                 and "New date" in s.table.columns)
    assert table.rows[0][0] == min(committee.late, key=lambda a: a.planned).id  # the title's oldest


def test_the_late_work_is_one_slide_the_oldest_first_saying_how_many_it_shows():
    """Never a list split over near-empty continuation slides under a title that
    counts more rows than they show: one slide, oldest first, 'n of N' when cut
    (cut, the late workshops come first: the plan builds on them)."""
    from playbook.render.deliverables import readiness

    workshops = [{"workshop": w, "date": f"2026-02-{day}", "participants": "Key users"}
                 for w, day in (("target_vision", 16), ("use_cases", 17), ("action_plan", 18))]
    analysis = analysed(governance={**minimal_engagement_dict()["governance"], "workshops": workshops})
    committee = steer(analysis, BEFORE_GO_LIVE)
    late = len(committee.late) + len(committee.late_workshops)
    _, deck = build("steering", steered(analysis, BEFORE_GO_LIVE))
    title = readiness.late_title(steered(analysis, BEFORE_GO_LIVE), committee)
    slides = [s for s in deck.slides if getattr(s, "title", "").startswith(title)]
    assert len(slides) == 1
    table = slides[0].table
    def in_order(rows: list) -> bool:
        due = [row[3] for row in rows]
        return due == sorted(due, key=lambda d: dt.datetime.strptime(d, "%d %B %Y"))

    held = {w.id for w in committee.late_workshops}
    if len(table.rows) < late and held:
        first = [row for row in table.rows if row[0] in held]
        assert table.rows[:len(first)] == first and in_order(first) and in_order(table.rows[len(first):])
    else:
        assert in_order(table.rows)
    if len(table.rows) < late:
        assert table.caption and f"{len(table.rows)} of {late}" in table.caption


def test_the_readiness_summary_is_developed_slide_by_slide_in_its_order():
    from playbook.render.deliverables.steering import key_messages

    analysis = steered(analysed(), BEFORE_GO_LIVE)
    messages = key_messages(analysis)
    _, deck = build("steering", analysis)
    titles = [getattr(s, "title", "") for s in deck.slides]
    assert 3 <= len(messages) <= 5
    positions = [titles.index(m) for m in messages]  # each message heads a slide
    assert positions == sorted(positions)


def test_the_decisions_title_counts_the_plan_s_decisions_as_the_other_summaries_do():
    from playbook.render.deliverables import decisions
    from playbook.render.deliverables.steering import key_messages

    analysis = steered(analysed(), BEFORE_GO_LIVE)
    plan = len(decisions.of(analysis))
    assert plan >= 1
    said = key_messages(analysis)[-1]
    if plan == 1:  # said by its kind: "1 plan alert" would tell the committee nothing
        assert decisions.topic(analysis, decisions.of(analysis)[0]).split(" (")[0] in said
    else:
        assert f"{plan} plan alerts" in said  # 5 decisions: late work and the 4 the plan raises


def test_open_high_risks_are_cited_by_their_stable_id_in_the_pack():
    analysis = analysed()
    committee = steer(analysis, BEFORE_GO_LIVE)
    high = {r.id for r in analysis.diagnosis.risks if r.level >= 3}
    assert {r.id for r in committee.risks} == high
    if high:
        assert all(r in texts(steered(analysis, BEFORE_GO_LIVE)) for r in high)


def test_the_risks_table_reads_who_and_what_first_and_the_id_last():
    """A one-risk table is drawn as a card headed by its first cell: the population,
    never an opaque code; the id stays, last, for the committee to cite."""
    from playbook.render.deliverables import readiness

    analysis = analysed()
    committee = steer(analysed(), BEFORE_GO_LIVE)
    assert committee.risks
    table = readiness.risks_table(steered(analysis, BEFORE_GO_LIVE), committee)
    assert [row[0] for row in table.rows] == [r.population for r in committee.risks]
    assert [row[-1] for row in table.rows] == [r.id for r in committee.risks]


def test_no_committee_on_record_no_since_the_last_committee():
    for day in (BEFORE_GO_LIVE, AFTER_GO_LIVE):
        said = texts(steered(analysed(), day))
        assert "since the last steering committee" not in said
        assert "compared with the steering committee of" not in said.casefold()


def test_a_committee_on_record_is_named_with_its_own_date():
    analysis = analysed()
    previous = Previous(D("2026-02-16"), analysis)
    said = texts(steered(analysis, BEFORE_GO_LIVE, previous))
    assert "Compared with the steering committee of 16 February 2026." in said


def test_a_later_committee_is_never_taken_for_the_previous_one():
    analysis = analysed()
    assert steer(analysis, BEFORE_GO_LIVE, Previous(D("2026-04-01"), analysis)).previous is None


def test_no_empty_table_and_nothing_to_reconcile_before_or_after_go_live():
    for lang in ("en", "fr"):
        base = analyse(analysed().engagement, METHOD, lang)
        for day in (BEFORE_GO_LIVE, AFTER_GO_LIVE):
            analysis = steered(base, day)
            document, deck = build("steering", analysis)
            tables = [b for b in document.blocks if isinstance(b, Table)]
            tables += [s.table for s in deck.slides if isinstance(s, TableSlide)]
            assert all(t.rows for t in tables)
            assert check("steering", document, deck, analysis) == []


def test_session_and_risk_ids_are_stable_across_runs_and_languages():
    first, again = analysed(), analysed()
    french = analyse(first.engagement, METHOD, "fr")
    ids = lambda a: list(a.training_plan.sessions["id"])  # noqa: E731
    assert ids(first) == ids(again) == ids(french)
    assert len(set(ids(first))) == len(ids(first))
    assert [r.id for r in first.diagnosis.risks] == [r.id for r in french.diagnosis.risks]


def test_a_session_id_is_what_the_session_is_not_where_it_falls():
    """Another population's sessions added before it do not renumber a session."""
    base = analysed()
    data = minimal_engagement_dict()
    data["governance"]["key_users"] = [{"name": "Léa Martin", "population": "Agency advisers"}]
    data["populations"].append({**data["populations"][0], "name": "Brokers", "headcount": 30})
    data["lots"][0]["populations"].append("Brokers")
    data["impacts"] += [{**i, "population": "Brokers"} for i in data["impacts"]
                        if i["population"] == data["populations"][0]["name"]]
    grown = analyse(Engagement.model_validate(data), METHOD)
    key = ["lot", "population", "module", "session"]
    old = base.training_plan.sessions.set_index(key)["id"]
    new = grown.training_plan.sessions.set_index(key)["id"]
    shared = old.index.intersection(new.index)
    assert len(shared) and (old.loc[shared] == new.loc[shared]).all()


def test_a_workshop_still_planned_after_its_date_is_late_work_cited_by_its_id():
    from playbook.analysis.committee import workshop_id

    workshops = [{"workshop": "target_vision", "date": "2026-02-16", "participants": "Sponsor, managers"},
                 {"workshop": "use_cases", "date": "2026-02-17", "participants": "Key users",
                  "status": "done"}]
    analysis = analysed(governance={**minimal_engagement_dict()["governance"], "workshops": workshops})
    committee = steer(analysis, BEFORE_GO_LIVE)
    assert [(w.workshop, w.planned, w.now) for w in committee.late_workshops] == [
        ("target_vision", D("2026-02-16"), BEFORE_GO_LIVE)]
    assert committee.late_workshops[0].id == workshop_id("target_vision")  # what it is, not where
    said = texts(steered(analysis, BEFORE_GO_LIVE))
    # held from the committee's own date: the committee is asked for its new date
    assert workshop_id("target_vision") in said and "late actions and workshops to re-plan at this committee" in said


def test_the_next_go_live_step_names_the_lot_once_and_says_go_live_once():
    _, deck = build("steering", steered(analysed(), BEFORE_GO_LIVE))
    steps = [str(item) for s in deck.slides if s.title == "Next steps" for item in s.bullets]
    (go_live,) = [step for step in steps if "Lot 1 - Requests" in step]
    assert go_live == "**18 May 2026** — Lot 1 - Requests: go-live"
    assert all(step.count("—") == 1 for step in steps)  # one dash: the date, then the step


def test_the_lots_table_names_each_high_risk_by_population_and_kind_with_its_id():
    analysis = analysed()
    committee = steer(analysis, BEFORE_GO_LIVE)
    lot = committee.lots[0]
    assert lot.risks, "the case is built with a high risk in lot 1"
    _, deck = build("steering", steered(analysis, BEFORE_GO_LIVE))
    table = next(s.table for s in deck.slides if isinstance(s, TableSlide)
                 and "High risks" in s.table.columns)
    cell = table.rows[0][table.columns.index("High risks")]
    for risk in lot.risks:
        kind = "risk of rejection" if risk.kind == "rejection" else "risk of misuse"
        assert f"{risk.population}: {kind} ({risk.id})" in cell


def test_the_risks_title_counts_the_open_risks_by_kind_when_it_cannot_name_them():
    """« risque de dévoiement (X) et 4 autres » leaves the reader unable to place the
    others: beyond the one a title names, the risks are counted by kind."""
    import dataclasses

    from playbook.render.deliverables import readiness

    analysis = analyse(Engagement.model_validate(minimal_engagement_dict()), METHOD, "fr")
    committee = steer(analysis, BEFORE_GO_LIVE)
    assert committee.risks
    risk = committee.risks[0]
    other = dataclasses.replace(risk, kind="misuse" if risk.kind == "rejection" else "rejection")
    one = readiness.risks_title(analysis, dataclasses.replace(committee, risks=(risk,)))
    three = readiness.risks_title(analysis, dataclasses.replace(committee, risks=(risk, other, risk)))
    kind = {"rejection": "rejet", "misuse": "dévoiement"}
    assert risk.population in one
    assert three.endswith(f": 2 de {kind[risk.kind]}, 1 de {kind[other.kind]}")
    assert "autre" not in three and risk.population not in three


def test_the_key_users_span_says_its_month_and_year_once():
    from playbook.render.deliverables import common as c
    from playbook.render.deliverables import readiness

    analysis = steered(analysed(), BEFORE_GO_LIVE)
    committee = steer(analysed(), BEFORE_GO_LIVE)
    lot = committee.lots[0]
    start, end = lot.key_users_start, lot.key_users_end
    assert start is not None and end is not None and start < end
    title = readiness.lots_title(analysis, committee)
    assert c.date(analysis, end) in title
    if (start.year, start.month) == (end.year, end.month):
        assert c.date(analysis, start) not in title  # "15 to 16 November 2027"


def test_with_nothing_late_the_due_actions_carry_no_column_of_dashes():
    """Nothing is late yet: the slide lists what is due, without a 'Re-planned for'
    column holding only dashes."""
    analysis = analysed()
    days = (D("2025-09-01") + dt.timedelta(weeks=w) for w in range(40))
    as_of = next(d for d in days if (lambda k: not k.late and not k.late_workshops
                                     and k.copil.actions["due"].any())(steer(analysis, d)))
    _, deck = build("steering", steered(analysis, as_of))
    (table,) = [s.table for s in deck.slides if isinstance(s, TableSlide) and "Planned" in s.table.columns]
    assert all(any(row[i] != "—" for row in table.rows) for i in range(len(table.columns)))
