"""Specification of the Framing note (Note de cadrage), read back from the Word
and PowerPoint files written for both examples and the French one in English."""

from __future__ import annotations

from playbook.render.deliverables import budget
from playbook.render.deliverables import common as c
from playbook.render.deliverables import framing_note as fn
from playbook.render.ir import CHART_COUNT_MIN

from .conftest import (
    assert_decisions_slide_before_next_steps,
    body_words,
    flat,
    noted,
    section_slides,
)

SECTION_KEYS = [f"framing_note.sections.{s}" for s in fn.SECTIONS]


DELIVERABLE = "framing_note"


def test_the_document_has_every_section_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    expected = [flat(case.label(k)) for k in ["common.key_messages", *SECTION_KEYS, "common.next_steps"]]
    positions = [headings.index(h) for h in expected]
    assert positions == sorted(positions)


def test_the_cover_names_the_deliverable_and_the_client(case):
    cover = case.slide_text(case.pptx.slides[0])
    assert case.label("framing_note.title") in cover
    assert case.analysis.engagement.client in cover
    assert case.analysis.engagement.client in case.doc_text()


def test_the_deck_opens_with_its_summary_and_closes_with_dated_next_steps(case):
    titles = case.slide_titles()
    assert titles[1].startswith(case.label("common.key_messages"))
    closing = case.main_slides()[-1]
    assert closing.shapes.title.text == case.label("common.next_steps")
    first = c.next_steps(case.analysis)[0]
    assert flat(c.date(case.analysis, first.date)) in flat(case.slide_text(closing))


def test_key_messages_are_computed_from_the_engagement(case):
    e = case.analysis.engagement
    messages = flat(" ".join(fn.key_messages(case.analysis)))
    assert f"{len(e.objectives)} " in messages
    assert f"{len(e.populations)} populations" in messages
    assert flat(c.money(case.analysis, sum(o.budget or 0 for o in e.objectives))) in messages


def test_the_objectives_table_has_one_row_per_objective_and_the_budget_total(case):
    e = case.analysis.engagement
    kpi = case.label("framing_note.objectives.kpi")
    table = next(t for t in case.doc_tables() if kpi in t[0] and case.label("framing_note.objectives.budget") in t[0])
    assert len(table) == 1 + len(e.objectives) + 1
    assert table[-1][0] == case.label("common.total")
    assert flat(table[-1][-2]) == flat(c.money(case.analysis, sum(o.budget or 0 for o in e.objectives)))
    assert [row[0] for row in table[1:-1]] == [o.kpi for o in e.objectives]


def test_the_scope_lists_every_population_with_its_headcount(case):
    e = case.analysis.engagement
    table = next(t for t in case.doc_tables() if t[0][0] == case.label("common.columns.population")
                 and case.label("common.columns.function") in t[0])
    assert [row[0] for row in table[1:-1]] == [p.name for p in e.populations]
    assert flat(table[-1][4]) == flat(c.number(case.analysis, sum(p.headcount for p in e.populations)))


def _deck_tables(case, title: str) -> list:
    return [s.table for slide in case.slides_titled(title) for s in slide.shapes
            if getattr(s, "has_table", False) and s.has_table]


def test_the_raci_has_one_accountable_per_activity_among_the_governance_roles(case):
    tables = _deck_tables(case, case.label("framing_note.governance.raci_title"))
    rows = [[cell.text for cell in row.cells] for table in tables for row in list(table.rows)[1:]]
    assert len(rows) == len(case.analysis.method.raci.activities)
    for row in rows:
        assert sum("A" in cell.split("/") for cell in row[1:]) == 1, row
    assert case.analysis.engagement.governance.sponsor.name in tables[0].cell(0, 1).text


def test_the_raci_slides_say_who_approves_and_does_the_report_also_who_is_consulted_and_informed(case):
    tables = _deck_tables(case, case.label("framing_note.governance.raci_title"))
    letters = {x for table in tables for row in list(table.rows)[1:] for cell in list(row.cells)[1:]
               for x in cell.text.split("/") if x}
    assert letters <= {"R", "A"}
    report = case.doc_table(case.label("framing_note.governance.raci_activity"))
    assert {"C", "I"} <= {x for row in report[1:] for cell in row[1:] for x in cell.split("/")}


def test_every_slide_of_the_sections_holds_within_the_word_budget(case):
    over = {s.shapes.title.text: body_words(s) for s in section_slides(case) if body_words(s) > budget.BUDGET}
    assert over == {}


def test_what_the_slides_leave_out_is_in_their_notes_and_the_report_keeps_it(case):
    e = case.analysis.engagement
    notes = flat(case.notes())
    report = flat(case.doc_text())
    for o in e.objectives:  # the objective's wording, beside its indicator on the slide
        assert noted(case, o.crm_objective, notes) and flat(o.crm_objective) in report
    for lot in e.lots:  # the lot's dates, beside what it delivers
        assert noted(case, c.date(case.analysis, lot.design_start), notes)
    assert noted(case, e.engagement.business_case.split("\n\n")[0].replace("\n", " "),
                 notes.replace("\n", " "))
    for member in e.governance.team:  # who is in the team: an appendix table
        assert any(member.name in case.slide_text(s) for s in case.appendix_slides())


def _section_slide(case, section: str):
    """The first main slide of a section of the deck."""
    main, _ = fn._DECK_SECTIONS[section](case.analysis)
    return case.slides_titled(main[0].title)[0]


def test_the_scorecard_shows_every_criterion_with_its_status_and_the_weak_ones_advice_in_notes(case):
    criteria = case.analysis.steering.criteria
    slide = _section_slide(case, "criteria")
    text = flat(case.slide_text(slide))
    for row in criteria.itertuples():
        assert flat(row.label) in text and flat(row.status_label) in text
    red = criteria[criteria["rag"] == "red"]
    notes = flat(slide.notes_slide.notes_text_frame.text)
    assert all(noted(case, flat(a)[:40], notes) for a in red["advice"])


def test_the_lots_plan_is_a_native_gantt_chart_with_every_lot(case):
    slide = _section_slide(case, "plan")
    charts = [s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]
    assert charts, "the lots plan is a native chart"
    categories = " ".join(str(x) for x in charts[0].chart.plots[0].categories)
    for lot in case.analysis.engagement.lots:
        assert lot.name in categories


def test_the_seniority_balance_is_charted_or_for_a_small_team_said(case):
    """A team of ten or more has its profiles charted; a smaller one's are the sentence
    under the team's table, and the team's slide lists each member's profile."""
    slide = case.slides_titled(case.label("framing_note.governance.balance_title"))
    team = case.analysis.engagement.governance.team
    charted = any(getattr(s, "has_chart", False) and s.has_chart for sl in slide for s in sl.shapes)
    assert charted is bool(slide) is (len(team) >= CHART_COUNT_MIN)
    counts = fn._seniority_counts(team)
    assert flat(fn.balance_line(case.analysis, counts)) in flat(case.doc_text())
    assert sum(counts.values()) == len(team)


def test_first_risks_carry_their_reasons_in_the_speaker_notes(case):
    top = fn.first_risks(case.analysis)[0]
    assert flat(top.reasons[0])[:60] in flat(case.notes())
    slide = _section_slide(case, "risks")
    assert flat(top.population) in flat(case.slide_text(slide))


def test_the_french_files_carry_no_english_heading(written):
    french = written["mutuelle_fr"]
    english = written["mutuelle_en"]
    keys = [*SECTION_KEYS, "common.key_messages", "common.next_steps", "common.appendix",
            "framing_note.governance.raci_title", "framing_note.scope.lots_title",
            "framing_note.governance.team_title", "framing_note.governance.bodies_title"]
    # Words the same in both languages ("Personas", "Total") are not evidence of anything.
    english_labels = [flat(english.label(k)) for k in keys if english.label(k) != french.label(k)]
    french_titles = french.titles_and_headings()
    assert [label for label in english_labels if any(x.startswith(label) for x in french_titles)] == []
    assert flat(french.label("framing_note.governance.raci_title")) in french_titles


def test_a_count_of_nothing_is_said_in_words_not_as_a_zero_in_a_title():
    """« 0 atelier tenu sur 4 » reads as a slip to a client; before any workshop
    is held or criterion met, the titles say « aucun » / "none"."""

    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    for lang, none, unassessed in (("fr", "Aucun des", "Les 6 critères de succès restent à évaluer"),
                                   ("en", "None of the", "The 6 success criteria are to be assessed")):
        data = minimal_engagement_dict()
        data["engagement"]["language"] = lang
        titles = [s.title for s in fn.build_deck(analyse(Engagement.model_validate(data), load_method())).slides
                  if getattr(s, "title", None)]
        assert not [title for title in titles if title.startswith("0")], titles
        assert sum(title.startswith(none) for title in titles) == 1, titles  # workshops
        assert any(title.startswith(unassessed) for title in titles), titles  # not "none met"


def test_the_summary_of_a_one_lot_unbudgeted_client_says_what_is_true(tmp_path):
    """One lot goes live on one date (not 'from 6 December to 6 December'); objectives
    without a budget do not 'total €0'; nobody met is 'none', not 'met: 0 of 6'."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    engagement = load_engagement(EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml")
    assert len(engagement.lots) == 1 and all(o.budget is None for o in engagement.objectives)
    said = fn.messages(analyse(engagement, load_method(), "en"), summary=False)
    assert said["objectives"].endswith("with no budget given per objective.")
    assert said["scope"] == "1 population and 140 people concerned, all of them CRM users."
    assert str(said["plan"]) == "Deployment in one lot, going live on 6 December 2027."
    assert str(said["criteria"]).startswith("The 6 success criteria are still to be assessed: ")
    titles = _slide_titles(analyse(engagement, load_method(), "en"))
    assert "1 population, 140 people, all of them CRM users" in titles  # not "…, a CRM user"


def _corpus_analysis(slug: str, lang: str):
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    return analyse(load_engagement(EXAMPLES.parents[1] / "corpus" / slug / "engagement.yaml"), load_method(), lang)


def test_criteria_nobody_assessed_are_said_to_be_assessed_not_unmet():
    """'None of the 6 criteria is met' is false when none was assessed; a status column
    repeating 'not assessed' six times says nothing."""
    from playbook.render.ir import BulletSlide, Table, TableSlide

    analysis = _corpus_analysis("lumen_telecom", "fr")
    assert fn.none_assessed(analysis)
    said = fn.messages(analysis, summary=False)  # the section's conclusion; the summary may leave it out
    assert str(said["criteria"]).startswith("Les 6 critères de succès restent à évaluer")
    assert "atteint" not in c.headline(said["criteria"])
    deck = fn.build_deck(analysis)
    criteria = [s for s in deck.slides if getattr(s, "title", "").startswith("Les 6 critères de succès")]
    assert len(criteria) == 1 and isinstance(criteria[0], BulletSlide)
    assert len(criteria[0].bullets) == 6
    # the slide lists the criteria: its title promises no action it does not show
    # (each one's recommended action is in the notes)
    assert "action" not in criteria[0].title
    assert not any(isinstance(s, TableSlide) and "Non évalué" in str(s.table.rows) for s in deck.slides)
    tables = [b for b in fn.build_document(analysis).blocks if isinstance(b, Table)]
    assessed = next(t for t in tables if t.columns[0] == c.text(analysis, "framing_note.criteria.criterion"))
    assert assessed.columns == ["Critère", "Action recommandée"]


def test_the_team_line_agrees_in_number_and_lists_only_the_seniorities_present():
    """« 1 libérées », « 0 junior », « 0 released » are slips a partner strikes out."""
    fr = _corpus_analysis("reseaux_aubrac", "fr")
    assert [m.released_from_daily_work for m in fr.engagement.governance.team].count(True) == 1
    assert fn.team_summary(fr) == "3 personnes, 1,5 ETP ; 1 libérée de ses tâches quotidiennes."
    assert fn.balance_line(fr, {"senior": 1, "intermediate": 2, "junior": 0}) == "1 senior, 2 intermédiaires."
    en = _corpus_analysis("reseaux_aubrac", "en")
    assert fn.balance_line(en, {"senior": 2, "intermediate": 0, "junior": 1}) == "2 senior, 1 junior."
    for m in en.engagement.governance.team:
        m.released_from_daily_work = False
    assert fn.team_summary(en).endswith("; none released from daily work.")


def _factory_analysis(data, lang: str = "en"):
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement

    data["engagement"]["language"] = lang
    return analyse(Engagement.model_validate(data), load_method(), lang)


def _slide_titles(analysis) -> list[str]:
    return [s.title for s in fn.build_deck(analysis).slides if getattr(s, "title", None)]


def test_a_workshop_past_its_date_is_said_late_never_next_and_to_reschedule():
    """« prochain : … prévu le 10 mai » read on 14 June is false; the next steps say
    it is late and to reschedule, by the next steering committee."""
    from tests.factories import minimal_engagement_dict

    for lang, late, reschedule in (("fr", "« Cas d'usage du CRM », prévu le 2 février 2026, est en retard",
                                    "Atelier « Cas d'usage du CRM » à replanifier"),
                                   ("en", "“CRM use cases”, planned for 2 February 2026, is late",
                                    "“CRM use cases” workshop to reschedule")):
        data = minimal_engagement_dict()
        data["engagement"]["as_of"] = "2026-03-02"
        data["governance"]["workshops"] = [
            {"workshop": "target_vision", "date": "2026-01-19", "participants": "Board", "status": "done"},
            {"workshop": "use_cases", "date": "2026-02-02", "participants": "Key users"},
            {"workshop": "action_plan", "date": "2026-03-30", "participants": "Project team"},
        ]
        analysis = _factory_analysis(data, lang)
        titles = [flat(x) for x in _slide_titles(analysis)]
        workshop_title = next(x for x in titles if flat(late) in x)
        assert "prochain" not in workshop_title and "next" not in workshop_title
        # dated by the next steering committee, which reschedules it, never by today
        committee = analysis.steering.next_committee
        step = next(s for s in c.next_steps(analysis) if flat(s.text) == flat(reschedule))
        assert step.date == (committee if committee is not None and committee >= analysis.as_of
                             else analysis.as_of)


def test_a_single_lot_is_not_said_to_deploy_by_lots_and_one_territory_gets_no_chart():
    """'Deployment goes by lots' under 'A single lot' contradicts it; a chart of
    one territory's bar repeats the population table's total."""
    from playbook.render.ir import ChartSlide, Figure, Paragraph
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["lots"] = data["lots"][:1]
    data["lots"][0]["populations"] = [p["name"] for p in data["populations"] if p["crm_user"]]
    data["populations"][2]["territory"] = "North"  # every population in one territory
    analysis = _factory_analysis(data)
    assert analysis.engagement.territory_names == ["North"]
    deck = fn.build_deck(analysis)
    plan = next(s for s in deck.slides if getattr(s, "title", "").startswith("A single lot"))
    assert "by lots" not in plan.notes and "Tenant requests, Contact history" in plan.notes
    blocks = fn.build_document(analysis).blocks
    assert not any("by lots" in b.text for b in blocks if isinstance(b, Paragraph))
    assert not any(isinstance(b, Figure) and b.chart.title == "Headcount by territory" for b in blocks)
    assert not any(isinstance(s, ChartSlide) and s.title == "Territories" for s in deck.slides)


def test_one_population_at_high_risk_is_named_not_counted_as_one_of_n():
    """'1 population of 3 (6 people) at high risk' makes the reader look up which."""
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["populations"][0].pop("shifts_tasks_to")  # the assistants' high risk came from the shift
    analysis = _factory_analysis(data)
    high_from = analysis.method.brakes.risk_model.high_from
    high = {r.population for r in analysis.diagnosis.risks if r.level >= high_from}
    assert len(high) == 1, high
    (name,) = high
    said = fn.messages(analysis)["risks"]
    assert said.startswith("One population at high risk of rejection or misuse: ") and name in said
    assert any(x.startswith("One population at high risk") and name in x for x in _slide_titles(analysis))
    assert not any(" of 3 " in x or "out of 3" in x for x in [*_slide_titles(analysis), said])


def test_unbudgeted_objectives_show_no_budget_column_and_no_framing_without_objectives_is_silent():
    """A budget column of dashes over a '€0' total says the objectives cost nothing;
    a framing with no objective says so in its summary, not 'Not stated'."""
    from playbook.render.ir import Paragraph, Table
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["objectives"] = [{"business_objective": "Answer tenants faster.", "crm_objective": "Every request traced",
                           "kpi": "Requests answered within 2 days", "target": 80, "due_date": "2026-12-31",
                           "owner": "Anne Ferrand"}]
    analysis = _factory_analysis(data)
    tables = [b for b in fn.build_document(analysis).blocks if isinstance(b, Table)]
    measures = next(t for t in tables if t.columns[0] == "KPI")
    assert "Budget" not in measures.columns and len(measures.rows) == 1
    assert not any(flat(c.money(analysis, 0)) in flat(str(t.rows)) for t in tables)

    data = minimal_engagement_dict()
    analysis = _factory_analysis(data)
    said = fn.messages(analysis)
    assert said["objectives"].startswith("No measurable CRM objective is stated yet")
    texts = [b.text for b in fn.build_document(analysis).blocks if isinstance(b, Paragraph)]
    assert "Not stated" not in texts


def test_governance_gaps_have_their_own_heading_and_one_territory_reads_singular():
    """Gaps read under 'Future administrators' are taken for more administrators;
    « pour chacun » of a single territory is a slip."""
    from playbook.render.ir import Bullets, Heading
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["populations"][0]["territory"] = "North"
    data["populations"][1]["territory"] = "South"
    data["territories"] = [{"name": "North", "local_management": "supportive", "local_sponsor": "Paul Morel",
                            "local_sponsor_role": "Regional director"},
                           {"name": "South", "local_management": "opposed"}]
    analysis = _factory_analysis(data, "fr")
    blocks = fn.build_document(analysis).blocks
    heading = next(i for i, b in enumerate(blocks)
                   if isinstance(b, Heading) and b.text == "Ce que la gouvernance doit encore régler")
    gaps = " ".join(blocks[heading + 1].items) if isinstance(blocks[heading + 1], Bullets) else ""
    assert "Territoire sans sponsor local : South." in flat(gaps) and "chacun" not in gaps


def test_team_and_key_users_share_one_appendix_page_and_a_single_lot_gets_no_record_page():
    """A two-row team table, a one-row key-user record and a one-lot record on three
    appendix pages leave three pages mostly empty; who works on the project is one page."""
    from playbook.render.ir import TableSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["lots"] = data["lots"][:1]
    data["governance"]["team"] = [
        {"name": "Lea Garnier", "function": "Customer relations", "role": "Agency manager", "seniority": "senior",
         "allocation": 30},
        {"name": "Marc Dumas", "function": "IT", "role": "CRM analyst", "seniority": "intermediate",
         "allocation": 20}]
    data["governance"]["key_users"] = [{"name": "Ines Roy", "population": "Agency advisers", "allocation": 15}]
    analysis = _factory_analysis(data)
    deck = fn.build_deck(analysis)
    tables = [s for s in deck.slides if isinstance(s, TableSlide)]
    people = [s for s in tables if s.title == "Cross-functional team and key users"]
    assert len(people) == 1 and people[0].reference
    assert [row[0] for row in people[0].table.rows] == ["Lea Garnier", "Marc Dumas", "Ines Roy"]
    assert people[0].table.rows[2][1] == "Key user – Agency advisers"
    assert not any(s.title in ("Cross-functional team", "Key users", "Deployment lots") for s in tables)


def test_a_decision_with_its_options_reads_without_a_second_colon():
    """« 4 décisions attendent le COPIL : capacité … (Lot 2) : mise en production au … » —
    a colon inside a list already after a colon reads as machine output."""
    from playbook.findings import Decision
    from playbook.render.deliverables import decisions
    from tests.factories import minimal_engagement_dict

    for lang in ("fr", "en"):
        analysis = _factory_analysis(minimal_engagement_dict(), lang)
        said = decisions.topic(analysis, Decision("D1", "training_capacity", "Lot 2", "…", "4 mai 2028"))
        assert said.endswith("(Lot 2) — 4 mai 2028") and ":" not in flat(said)


def test_the_raci_legend_comes_before_its_matrix_and_no_workshop_column_is_all_blank():
    """A legend below a matrix that ends a page sits alone overleaf; a participants
    column with no one in it says nothing."""
    from playbook.render.ir import Paragraph, Table
    from tests.factories import minimal_engagement_dict

    analysis = _factory_analysis(minimal_engagement_dict())
    assert not analysis.engagement.governance.workshops
    blocks = fn.build_document(analysis).blocks
    legend = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == fn.raci_legend(analysis))
    assert isinstance(blocks[legend + 1], Table) and blocks[legend + 1].columns[0] == "Activity"
    workshops = next(b for b in blocks if isinstance(b, Table) and b.columns[0] == "Workshop")
    assert "Participants" not in workshops.columns


def test_with_no_workshop_scheduled_the_slide_says_what_each_one_settles():
    """Four rows of '—' and 'Not scheduled' under 'None of the 4 workshops held yet'
    say nothing the title does not."""
    from playbook.render.ir import BulletSlide
    from tests.factories import minimal_engagement_dict

    analysis = _factory_analysis(minimal_engagement_dict())
    slide = next(s for s in fn.build_deck(analysis).slides if getattr(s, "title", "").startswith("None of the 4"))
    assert isinstance(slide, BulletSlide) and slide.bullets
    purpose = analysis.method.workshops.workshop(fn.Workshop.TARGET_VISION).purpose.in_("en")
    assert any(purpose in str(b) for b in slide.bullets) and "Not scheduled" not in str(slide.bullets)


def test_the_decisions_the_summary_ends_on_have_a_slide_before_the_next_steps(case):
    """The summary's last card ("4 decisions await the steering committee") is
    developed: a slide of its own, every decision on it, just before the next steps."""
    assert_decisions_slide_before_next_steps(case, on_summary=False)


def test_the_report_says_a_brake_s_facts_once_the_risks_naming_it_and_the_words_heard_kept(case):
    """The first risks name their cause; the table of brakes below says its facts
    (twice the same paragraph in two tables reads as filler), with the words heard
    in interviews."""
    tables = case.docx.tables
    header = lambda table: [flat(cell.text) for cell in table.rows[0].cells]  # noqa: E731
    cause = flat(case.label("framing_note.risks.main_cause"))
    risks = next(t for t in tables if cause in header(t))
    brakes = next(t for t in tables if flat(case.label("framing_note.risks.brake")) in header(t))
    facts = {flat(row.cells[-1].text) for row in brakes.rows[1:]}
    said = [flat(row.cells[-1].text) for row in risks.rows[1:]]
    assert not any(any(cell and cell in fact for fact in facts) and len(cell.split()) > 8 for cell in said), said
    heard = [r for b in fn._brakes_shown(case.analysis) for r in b.reasons[1:]
             if r.startswith(case.analysis.method.brakes.severity.observed_reason.in_(case.lang).split("{")[0])]
    assert all(any(flat(quote) in fact for fact in facts) for quote in heard)


def test_a_consultation_the_law_requires_before_go_live_is_what_governance_must_settle(case):
    """Individual activity dashboards in France (CSE) or Germany (Betriebsrat): no
    go-live without the employee representatives, so the framing note says it,
    with the plan's action, its owner and its date, in the report and the deck."""
    from playbook.render.deliverables import decisions as decided

    levers = {rule.lever for rule in case.analysis.method.levers.country_rules}
    actions = case.analysis.change_plan.actions
    required = actions[actions["lever"].isin(levers)]
    if case.analysis.engagement.engagement.country != "FR":
        return  # the examples' French client carries the rule; the others may not
    assert len(required), "a French client's individual dashboards call for the CSE"
    report, deck = flat(case.doc_text()), flat(" ".join(case.slide_text(s) for s in case.main_slides()))
    notes = flat(" ".join(s.notes_slide.notes_text_frame.text for s in case.main_slides() if s.has_notes_slide))
    for r in required.itertuples():
        rule = flat(decided.first_sentence(r.reason))
        action = flat(r.action).casefold()  # read after a colon: lower case
        assert rule in report and action in report.casefold(), rule
        # on the slide, the action and its date; the law's sentence in the notes
        assert action in deck.casefold() and flat(c.date(case.analysis, r.date)) in deck, r.action
        assert rule in notes, rule


def test_a_single_decision_is_said_in_words_in_the_summary_and_on_its_slide():
    for lang, one in (("en", "One decision awaits the steering committee"), ("fr", "Une décision attend le COPIL")):
        analysis = _corpus_analysis("halvorsen_pharma", lang)
        from playbook.render.deliverables import decisions as decided

        assert len(decided.of(analysis)) == 1
        deck = fn.build_deck(analysis)
        titles = [getattr(s, "title", "") for s in deck.slides]
        cards = next(s.items for s in deck.slides if hasattr(s, "items") and s.title == c.text(analysis, "common.key_messages"))
        assert one in titles and any(card.startswith(one) for card in cards), (titles, cards)
        assert not any(t.startswith(("1 decision", "1 décision")) for t in [*titles, *cards])


def test_the_balance_section_says_what_its_table_does_not_and_never_repeats_it(case):
    """The table gives each area's share and target; the text under it gives the
    tolerance and the gap of the areas beyond it, once, not one bullet per row."""
    table = case.analysis.steering.balance
    text = flat(case.doc_text())
    repeated = [r.label for r in table.itertuples()
                if flat(f"{r.label} à ") in text or flat(f"{r.label} at ") in text]
    assert not repeated
    off = table.loc[~table["within_tolerance"].astype(bool)]
    if len(off) and table["effort_days"].sum():
        sentence = fn.balance_gaps(case.analysis)
        assert flat(sentence) in text and text.count(flat(sentence)) == 1
        for r in off.itertuples():
            assert flat(f"{r.label} {'+' if r.deviation > 0 else '−'}{round(abs(r.deviation))}") in flat(sentence)


def _one_territory_dwarfing_the_others(analysis):
    """The same engagement with every population but the largest cut to a few
    people: one territory then holds almost everyone."""
    import dataclasses

    e = analysis.engagement
    largest = max(e.populations, key=lambda p: p.headcount)
    populations = [p.model_copy(update={"headcount": 5000 if p is largest else 2}) for p in e.populations]
    return dataclasses.replace(analysis, engagement=e.model_copy(update={"populations": populations}))


def test_one_territory_dwarfing_the_others_is_said_in_a_sentence_not_charted(case):
    analysis = _one_territory_dwarfing_the_others(case.analysis)
    blocks = fn._scope_blocks(analysis)
    sentence = fn.dwarfed_territories(analysis)
    if not fn.several_territories(analysis):
        return
    assert sentence and any(getattr(b, "text", None) == sentence for b in blocks)
    assert not [b for b in blocks if getattr(b, "chart", None) is not None
                and b.chart.title == case.label("framing_note.scope.headcount_chart")]
    largest = max(analysis.engagement.populations, key=lambda p: p.headcount)
    assert largest.territory in sentence
    # territories of comparable size keep their chart
    if fn.several_territories(case.analysis) and not fn.dwarfed_territories(case.analysis):
        assert case.label("framing_note.scope.territories_title") in case.headings()


def test_a_lot_named_for_its_go_live_is_its_milestone_without_saying_go_live_twice():
    """A lot the client calls 'Go-live – Requests' goes live as 'Go-live – Requests',
    never 'Go-live – Requests: go-live', in the next steps and on the lots' chart;
    a lot named otherwise keeps 'Lot 1: go-live'."""
    from tests.factories import minimal_engagement_dict

    for lang in ("en", "fr"):
        data = minimal_engagement_dict()
        data["engagement"]["as_of"] = "2026-01-05"
        data["lots"][1]["name"] = "Go-live – Requests"
        analysis = _factory_analysis(data, lang)
        steps = [s.text for s in c.next_steps(analysis, limit=20)]
        assert "Go-live – Requests" in steps, steps
        said_twice = [x for x in steps if x.startswith("Go-live – Requests") and x != "Go-live – Requests"
                      and ("go-live" in x.split("Requests", 1)[1] or "mise en production" in x)]
        assert not said_twice
        first = data["lots"][0]["name"]
        assert c.text(analysis, "common.next_step.go_live", lot=first) in steps
        chart = fn.gantt_chart(analysis)
        milestones = [task.label for task in chart.tasks if task.milestone and task.lane == "Go-live – Requests"]
        assert milestones == ["Go-live – Requests"]


def test_one_or_two_objectives_are_said_as_sentences_each_with_the_business_objective_it_serves():
    """A slide of a two-row table says little: each objective reads 'KPI: from 28% to
    36% by 30 June 2029 (owner: …)', the business objective it serves beneath it."""
    from playbook.render.ir import BulletItem, BulletSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["objectives"] = [
        {"business_objective": "Answer tenants faster.", "crm_objective": "Every request traced",
         "kpi": "Requests answered within 2 days", "baseline": 35, "target": 80, "unit": "%",
         "due_date": "2026-12-31", "owner": "Anne Ferrand"},
        {"business_objective": "Keep more tenants.", "crm_objective": "Every complaint followed up",
         "kpi": "Tenants renewing", "target": 90, "unit": "%", "due_date": "2027-06-30", "owner": "Marc Dumas"},
    ]
    analysis = _factory_analysis(data)
    title = c.counted(analysis, "framing_note.deck.objectives", 2, business=2)
    (slide,) = [s for s in fn.build_deck(analysis).slides if getattr(s, "title", None) == title]
    assert isinstance(slide, BulletSlide)
    lines = [flat(getattr(b, "text", b)) for b in slide.bullets]
    assert lines[0] == "**Requests answered within 2 days**: from 35% to 80% by 31 December 2026 (owner: Anne Ferrand)"
    assert lines[1] == "For “Answer tenants faster”: every request traced."
    assert lines[2].startswith("**Tenants renewing**: 90% by 30 June 2027")
    assert [isinstance(b, BulletItem) and b.level == 1 for b in slide.bullets] == [False, True, False, True]


def test_the_scope_slide_shows_each_population_s_function_when_all_use_the_crm():
    """A 'CRM user: Yes' column under a title saying all of them use the CRM says
    nothing; who the people are (their function) does."""
    from playbook.render.ir import TableSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    for population in data["populations"]:
        population["crm_user"] = True
    analysis = _factory_analysis(data)
    (slide,) = [s for s in fn.build_deck(analysis).slides
                if isinstance(s, TableSlide) and s.table.columns[0] == "Population"
                and "Headcount" in s.table.columns]
    assert "CRM user" not in slide.table.columns and "Function" in slide.table.columns
    assert [row[1] for row in slide.table.rows[:-1]] == [p["function"] for p in data["populations"]]


def test_a_risk_a_rule_of_the_method_raises_gives_its_consequence_as_cause_not_the_intake_again():
    """'Brokers (30 people) — broker: …; obligation to use the CRM: none — nothing in
    its contract…' in a cause column restates the row's population and the intake;
    the cause is what follows: 'Nothing in its contract obliges it to use…'."""
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["populations"][1].update({"organisation_kind": "broker", "organisation": "Partner brokers",
                                   "crm_obligation": "none", "buy_in": "neutral"})
    analysis = _factory_analysis(data)
    name = data["populations"][1]["name"]
    ruled = [r for r in fn.first_risks(analysis) if r.population == name and r.causes
             and r.causes[0].source == "rule"]
    assert ruled, "the partner with no obligation to use the CRM is at risk of rejection"
    table = fn._risk_table(analysis, ruled, full=True)
    cause = table.rows[0][-1]
    assert name not in cause and "obligation to use the CRM: none" not in cause
    assert cause.startswith("Nothing in its contract obliges it to use the client's CRM")


def test_the_lots_appendix_says_whom_each_lot_reaches_when_it_fits_one_slide():
    """Two lots and their blocks alone say little on a page of their own: who each
    lot reaches and when it goes live stand beside them while one slide holds it."""
    from playbook.render.ir import TableSlide
    from tests.factories import minimal_engagement_dict

    analysis = _factory_analysis(minimal_engagement_dict())
    title = c.text(analysis, "framing_note.scope.lots_title")
    (slide,) = [s for s in fn.build_deck(analysis).slides if isinstance(s, TableSlide) and s.title == title]
    assert slide.table.columns == ["Lot", "Functional blocks", "Populations", "Go-live"]
    assert len(budget.pages(slide.table)) == 1


def test_a_single_objective_is_a_record_of_every_field_not_a_slide_of_one_bullet():
    from playbook.render.ir import TableSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["objectives"] = [{"business_objective": "Answer tenants faster.", "crm_objective": "Every request traced",
                           "kpi": "Requests answered within 2 days", "baseline": 35, "target": 80, "unit": "%",
                           "due_date": "2026-12-31", "owner": "Anne Ferrand"}]
    analysis = _factory_analysis(data)
    title = c.counted(analysis, "framing_note.deck.objectives", 1, business=1)
    (slide,) = [s for s in fn.build_deck(analysis).slides if getattr(s, "title", None) == title]
    assert isinstance(slide, TableSlide) and len(slide.table.rows) == 1
    assert {"KPI", "Baseline", "Target", "Owner"} <= set(slide.table.columns)


def test_a_framing_without_objectives_says_so_first_on_the_deck_as_in_the_report():
    """The report's summary opens on 'No measurable CRM objective is stated yet';
    the deck's summary dropped it for want of a slide: it now has one, saying what
    an objective needs and the business case to start from."""
    from playbook.render.ir import BulletSlide, KeyMessagesSlide
    from tests.factories import minimal_engagement_dict

    analysis = _factory_analysis(minimal_engagement_dict())
    assert not analysis.engagement.objectives
    said = c.text(analysis, "framing_note.messages.objectives_none")
    slides = fn.build_deck(analysis).slides
    summary = next(s for s in slides if isinstance(s, KeyMessagesSlide))
    assert flat(summary.items[0]).rstrip(".") == flat(said).rstrip(".")
    (slide,) = [s for s in slides if isinstance(s, BulletSlide) and s.title == said.rstrip(".")]
    assert any("business case" in str(b) for b in slide.bullets)


def test_the_summary_keeps_the_populations_at_risk_over_criteria_nobody_has_assessed():
    """Five places, the decisions in the last: 'The 6 success criteria are still to
    be assessed' gives way to the high-risk populations, not the other way round."""
    from tests.factories import minimal_engagement_dict

    analysis = _factory_analysis(minimal_engagement_dict())
    assert fn.none_assessed(analysis)
    full = fn.messages(analysis, summary=False)
    summary = fn.key_messages(analysis)
    assert len(full) + 1 > c.SUMMARY_MAX  # five findings and the decisions
    assert full["risks"] in summary and full["criteria"] not in summary
