"""Specification of the builders every deliverable shares: population labels,
values with units, dated next steps, speaker notes and cover fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from playbook.model import Engagement
from playbook.render.deliverables import common as c
from playbook.render.ir import ClosingSlide, Heading, KeyMessages, Table
from tests.factories import minimal_engagement_dict

from .conftest import flat


@pytest.fixture(scope="module")
def mutuelle(analyses):
    return analyses["mutuelle_fr"]


def test_a_population_label_gives_headcount_and_a_territory_not_already_in_its_name(mutuelle):
    labels = {p.name: flat(c.population_label(mutuelle, p)) for p in mutuelle.engagement.populations}
    assert labels["Conseillers en agence – Nord"] == "Conseillers en agence – Nord (135 pers.)"
    assert labels["Directeurs d’agence"] == "Directeurs d'agence (58 pers.)"  # national: no territory


def test_a_regional_territory_missing_from_the_name_is_added(mutuelle):
    nord = mutuelle.engagement.population("Conseillers en agence – Nord")
    renamed = nord.model_copy(update={"name": "Conseillers en agence"})
    assert flat(c.population_label(mutuelle, renamed)) == "Conseillers en agence (135 pers., Nord)"


@pytest.mark.parametrize(("value", "unit", "lang", "expected"), [
    (11.5, "%", "fr", "11,5 %"),
    (11.5, "%", "en", "11.5%"),
    (7, "/10", "fr", "7/10"),
    (10, "nb", "en", "10"),
    (0.3, "tickets", "en", "0.3 tickets"),
    (None, "%", "fr", ""),
])
def test_a_measure_carries_its_unit_in_the_language_of_the_deliverable(mutuelle, value, unit, lang, expected):
    analysis = replace(mutuelle, lang=lang)
    assert flat(c.measure(analysis, value, unit)) == expected


def at(analysis, day: dt.date):
    """The same analysis seen from another as-of date."""
    calendar = replace(analysis.calendar, as_of=day)
    return replace(analysis, calendar=calendar)


def test_next_steps_start_at_the_as_of_date_and_are_dated_in_order(mutuelle):
    steps = c.next_steps(mutuelle)
    assert mutuelle.as_of == dt.date(2027, 4, 12)  # the example's own as-of date
    assert steps and all(s.date >= mutuelle.as_of for s in steps)
    assert [s.date for s in steps] == sorted(s.date for s in steps)
    assert len(steps) <= c.NEXT_STEPS_SHOWN


def test_a_late_workshop_is_a_next_step_at_the_as_of_date_not_in_the_past(mutuelle):
    late = [w for w in mutuelle.engagement.governance.workshops
            if w.status.value == "planned" and w.date < mutuelle.as_of]
    assert late, "the example has a workshop still to hold after its date"
    steps = c.next_steps(mutuelle)
    # It says it is late and to reschedule, dated by the next steering committee that
    # reschedules it: the as-of date is no date anyone set for it.
    committee = mutuelle.steering.next_committee
    assert committee is not None and committee > mutuelle.as_of
    late_step = c.NextStep(committee, "Atelier « Plan d'actions » à replanifier",
                           "Atelier « Plan d'actions », prévu le 25 mars 2027 et en retard : à replanifier")
    assert late_step in steps
    assert not [s for s in steps if s.date == mutuelle.as_of and "replanifier" in s.text]


def test_next_steps_follow_the_as_of_date_once_the_engagement_is_under_way(mutuelle):
    steps = c.next_steps(at(mutuelle, dt.date(2027, 7, 1)))
    assert steps[0].date >= dt.date(2027, 7, 1)
    assert any("Lot 2" in s.text for s in steps)


def test_a_deliverable_may_add_its_own_dated_steps(mutuelle):
    extra = c.NextStep(dt.date(2027, 4, 12), "Vague de formation des utilisateurs clés")
    steps = c.next_steps(mutuelle, extra=[extra])
    assert extra in steps


def test_next_steps_blocks_and_closing_slide_show_every_step(mutuelle):
    steps = c.next_steps(mutuelle)
    blocks = c.next_steps_blocks(mutuelle, steps)
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Prochaines étapes"
    table = next(b for b in blocks if isinstance(b, Table))
    assert [row[1] for row in table.rows] == [s.in_full for s in steps]  # the report says each in full
    slide = c.closing_slide(mutuelle, steps)
    assert isinstance(slide, ClosingSlide) and len(slide.bullets) == len(steps)
    assert flat(c.date(mutuelle, steps[0].date)) in flat(slide.bullets[0])


def test_every_cover_is_dated_on_the_as_of_date_not_the_day_it_was_generated(mutuelle):
    assert c.cover(mutuelle, "framing_note")["date"] == dt.date(2027, 4, 12)


def test_one_reason_reads_as_a_reason_line(mutuelle):
    assert c.reason_notes(mutuelle, ["le territoire résiste"]) == "Raison : le territoire résiste"


def test_several_reasons_are_listed_once_each_after_the_lead(mutuelle):
    notes = c.reason_notes(mutuelle, ["a", "b", "a", " "], lead="À dire d'abord.")
    assert notes.splitlines() == ["À dire d'abord.", "Raisons :", "– a", "– b"]


def test_key_messages_open_with_the_shared_heading_and_close_on_the_decisions_to_take(mutuelle):
    heading, box = c.key_messages_blocks(mutuelle, ["Un", "Deux"])
    assert heading.text == "Synthèse" and isinstance(box, KeyMessages)
    assert box.items[:2] == ["Un", "Deux"]
    # Late work re-planned past lot 1's go-live, the missing sponsor, the unnamed roles.
    assert box.items[2].startswith("3 décisions attendent le COPIL : ")
    assert c.key_messages_slide(replace(mutuelle, lang="en"), ["One"]).title == "Executive summary"


def test_a_full_summary_gives_its_last_place_to_the_decisions_to_take(mutuelle):
    messages = [f"Message {n}" for n in range(1, 7)]
    heading, box = c.key_messages_blocks(mutuelle, messages)
    assert len(box.items) == c.SUMMARY_MAX
    assert box.items[:4] == messages[:4] and "décisions attendent le COPIL" in box.items[4]


def test_the_cover_names_client_authors_and_a_localised_confidentiality(mutuelle):
    cover = c.cover(mutuelle, "framing_note")
    assert cover["title"] == "Note de cadrage"
    assert cover["client"] == "Mutuelle Horizon"
    assert cover["author"] == "Claire Dufresne, Thomas Vasseur"
    assert cover["confidentiality"] == "Confidentiel – diffusion restreinte au COPIL"


def test_the_models_english_default_confidentiality_is_left_to_the_writer_to_localise(mutuelle):
    engagement = Engagement.model_validate(minimal_engagement_dict())
    assert engagement.engagement.confidentiality == "Confidential"
    analysis = replace(mutuelle, engagement=engagement)
    assert c.cover(analysis, "framing_note")["confidentiality"] == ""


@pytest.mark.parametrize(("values", "total", "shown"), [
    ([33.3, 33.3, 33.4], 100, [33, 33, 34]),
    ([122.5, 172.5, 72.5], 367.5, [123, 173, 72]),  # 367.5 shows as 368
    ([0.4, 0.4, 0.2], 1.0, [1, 0, 0]),
    ([], 0, []),
])
def test_shown_parts_add_up_to_the_shown_total(values, total, shown):
    assert c.apportioned(values, total) == shown
    assert all(abs(s - v) < 1 for s, v in zip(shown, values, strict=True))


def test_a_message_carries_the_headline_its_catalogue_words_for_the_summary_slide(mutuelle):
    said = c.message(mutuelle, "change_plan.messages.effort", days="356", want="Vouloir",
                     want_share="49 %")
    assert said.startswith("Charge totale de 356 jours") and "Plan de formation" in said
    assert c.headline(said) == "Charge totale de 356 jours, dont 49 % sur le pilier « Vouloir »."
    plain = c.message(mutuelle, "change_plan.messages.quick_wins", 2)
    assert c.headline(plain) == plain == "2 gains rapides (effet fort, charge réduite) sont à lancer sans attendre."


def test_the_summary_slide_shows_headlines_and_says_the_messages_in_full_in_its_notes(mutuelle):
    first = c.Message("Les trois populations concentrent 38 % de la charge : A, B et C.",
                      "Les trois populations concentrent 38 % de la charge.")
    joined = c.joined(c.Message("100 % des places planifiées, en détail.", "100 % des places."),
                      "Au plus 25 % d'une équipe.")
    slide = c.key_messages_slide(mutuelle, [first, "8 actions transverses.", joined], decisions=False)
    assert slide.items == ["Les trois populations concentrent 38 % de la charge.",
                           "8 actions transverses.", "100 % des places. Au plus 25 % d'une équipe."]
    assert slide.notes.split("\n") == [
        "1. Les trois populations concentrent 38 % de la charge : A, B et C.",
        "3. 100 % des places planifiées, en détail. Au plus 25 % d'une équipe."]


def _ranked_slide(rows: int) -> Any:
    from playbook.render.ir import TableSlide

    table = Table(["Population", "Effectif"], [[f"Population {i}", i] for i in range(rows)])
    return TableSlide("Soixante populations", table, counted=rows, rank=[float(i) for i in range(rows)])


def test_a_ranked_table_too_long_to_present_shows_its_heaviest_rows_and_opens_the_appendix(mutuelle):
    """Sixty populations are no six-slide finding: the slide shows the heaviest rows,
    says how many of how many, and the whole table, same title, opens the appendix."""
    from playbook.render.deliverables import budget
    from playbook.render.ir import SectionSlide, TableSlide

    deck = c.story_deck(mutuelle, "impact_diagnosis", [c.Finding("Message", [_ranked_slide(60)])])
    tables = [s for s in deck.slides if isinstance(s, TableSlide)]
    shown, whole = tables
    assert len(budget.pages(shown.table)) == 1
    assert [row[1] for row in shown.table.rows] == sorted((row[1] for row in shown.table.rows), reverse=True)
    assert shown.table.rows[0] == ["Population 59", 59]
    assert flat(shown.table.caption) == flat(c.text(mutuelle, "common.leading_rows", shown=len(shown.table.rows),
                                                    total=60))
    assert shown.counted is None  # the title's count is the whole table's, in the appendix
    assert whole.reference and whole.counted == 60 and len(whole.table.rows) == 60
    section = next(i for i, s in enumerate(deck.slides) if isinstance(s, SectionSlide))
    assert deck.slides.index(whole) > section > deck.slides.index(shown)


def test_a_ranked_table_of_two_slides_is_presented_whole(mutuelle):
    from playbook.render.deliverables import budget
    from playbook.render.ir import TableSlide

    rows = next(n for n in range(2, 200) if len(budget.pages(_ranked_slide(n).table)) == 2)
    deck = c.story_deck(mutuelle, "impact_diagnosis", [c.Finding("Message", [_ranked_slide(rows)])])
    [slide] = [s for s in deck.slides if isinstance(s, TableSlide)]
    assert len(slide.table.rows) == rows and not slide.reference


def test_after_every_milestone_the_next_step_is_the_committee_at_the_engagements_cadence():
    """A deliverable dated after the last go-live still closes on a dated step: the
    next steering committee, the engagement's own cadence after the as-of date
    (never an empty 'Next steps' slide)."""
    from playbook.analysis.engine import analyse
    from playbook.method import load_method

    data = minimal_engagement_dict()
    data["engagement"]["as_of"] = "2026-10-01"  # a Thursday after both go-lives
    data["governance"]["copil_every_weeks"] = 4
    analysis = analyse(Engagement.model_validate(data), load_method(), "en")

    (step,) = c.next_steps(analysis)
    assert step.date == dt.date(2026, 10, 29)
    assert step.text == "Next steering committee: adoption measures and decisions"
    assert c.closing_slide(analysis, [step]).bullets
