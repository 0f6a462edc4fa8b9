"""Specification of the Target vision (Vision cible), read back from the Word
and PowerPoint files written for both examples and the French one in English."""

from __future__ import annotations

from playbook.render.deliverables import budget
from playbook.render.deliverables import common as c
from playbook.render.deliverables import target_vision as tv

from .conftest import (
    assert_decisions_slide_before_next_steps,
    body_words,
    flat,
    noted,
    section_slides,
)

SECTION_KEYS = [f"target_vision.sections.{s}" for s in tv.SECTIONS]


DELIVERABLE = "target_vision"


def _continued(case, title: str) -> str:
    """The title of a slide's continuation, when its text runs over the word budget."""
    return f"{title} {case.label('render.continued')}"


def test_the_document_has_every_section_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    expected = [flat(case.label(k)) for k in ["common.key_messages", *SECTION_KEYS, "common.next_steps"]]
    positions = [headings.index(h) for h in expected]
    assert positions == sorted(positions)


def test_the_deck_opens_with_cover_and_summary_and_closes_with_next_steps(case):
    titles = case.slide_titles()
    assert case.analysis.engagement.client in case.slide_text(case.pptx.slides[0])
    assert titles[1] == case.label("common.key_messages")
    closing = case.main_slides()[-1]
    assert closing.shapes.title.text == case.label("common.next_steps")
    first = c.next_steps(case.analysis)[0]
    assert flat(first.text) in flat(case.slide_text(closing))


def test_every_population_with_a_life_tomorrow_has_its_own_page_with_its_gains(case):
    headings = [flat(h) for h in case.headings()]
    text = flat(case.doc_text())
    for population in tv.described(case.analysis):
        assert flat(c.population_label(case.analysis, population)) in headings
        assert flat(population.gains)[:50] in text


def test_life_tomorrow_is_in_the_speaker_notes_of_the_gains_slide(case):
    population = next(p for p in tv.described(case.analysis) if p.life_tomorrow and p.gains)
    assert flat(population.life_tomorrow)[:50] in flat(case.notes())


def test_each_persona_has_an_appendix_slide_with_fears_and_quote(case):
    for persona in case.analysis.engagement.personas:
        slides = [s for s in case.appendix_slides()
                  if s.shapes.title.text in (persona.name, _continued(case, persona.name))]
        assert len(slides) >= 1, persona.name
        text = flat(" ".join(case.slide_text(s) for s in slides))
        assert flat(persona.fears)[:30] in text
        if persona.quote:
            assert flat(persona.quote)[2:30] in text


def test_each_described_journey_has_a_table_of_its_stages_with_priority_and_effort(case):
    for population, steps in tv.journeys_by_population(case.analysis).items():
        slides = case.slides_titled(case.label("target_vision.deck.journey", population=population))
        tables = [s.table for slide in slides for s in slide.shapes if getattr(s, "has_table", False) and s.has_table]
        effort = flat(case.label("target_vision.journeys.effort"))
        if len(steps) == 1:  # one stage reads as a record: a field a line, effort among them
            assert effort in [flat(row.cells[0].text) for row in tables[0].rows]
            continue
        assert sum(len(table.rows) - 1 for table in tables) == len(steps)
        assert flat(tables[0].cell(0, 3).text) == effort


def test_the_arbitration_table_totals_the_effort_by_priority(case):
    journeys = case.analysis.engagement.journeys
    table = next(t for t in case.doc_tables() if t[0][-1] == case.label("target_vision.journeys.effort")
                 and t[0][0] == case.label("common.columns.priority"))
    total = sum(s.effort_days for s in journeys if s.improvement)
    assert table[-1][0] == case.label("common.total")
    assert flat(table[-1][-1]) == flat(c.number(case.analysis, total))


def test_each_lot_lists_its_use_cases_by_priority(case):
    for lot in case.analysis.engagement.lots:
        cases = [u for u in case.analysis.engagement.use_cases if u.lot == lot.name]
        if not cases:
            continue
        slides = [s for s in case.appendix_slides()
                  if s.shapes.title.text in (lot.name, _continued(case, lot.name))]
        text = flat(" ".join(case.slide_text(s) for s in slides))
        assert all(flat(u.name) in text for u in cases)


def test_steering_kpis_show_one_row_per_kpi_with_baseline_target_and_first_review(case):
    kpis = case.analysis.steering.kpis
    table = next(t for t in case.doc_tables() if t[0][0] == case.label("target_vision.kpis.family"))
    assert len(table) == 1 + len(kpis)
    first = kpis.iloc[0]
    assert flat(c.measure(case.analysis, first["target"], first["unit"])) in [flat(x) for x in table[1]]
    assert flat(c.date(case.analysis, first["first_review"])) in [flat(x) for x in table[1]]


def test_the_data_ambition_comes_with_the_180_degree_warning_and_its_reasons(case):
    text = flat(case.doc_text())
    assert flat(case.label("target_vision.data.warning")) in text
    silos = tv.desiloing_populations(case.analysis)
    if silos:
        assert silos[0] in text
        reason = next(b.reasons[0] for b in case.analysis.diagnosis.brakes
                      if b.brake == "desiloing" and b.population == silos[0])
        assert noted(case, flat(reason)[:50], case.notes())


def test_the_french_files_carry_no_english_heading(written):
    french, english = written["mutuelle_fr"], written["mutuelle_en"]
    keys = [*SECTION_KEYS, "common.key_messages", "common.next_steps", "common.appendix",
            "target_vision.journeys.arbitration_title", "target_vision.data.ambition"]
    # Words the same in both languages ("Personas", "Total") are not evidence of anything.
    english_labels = [flat(english.label(k)) for k in keys if english.label(k) != french.label(k)]
    french_titles = french.titles_and_headings()
    assert [label for label in english_labels if any(x.startswith(label) for x in french_titles)] == []
    assert flat(french.label("target_vision.sections.personas")) in french_titles


# ------------------------------------------------------------- what a slide says, what goes elsewhere


def test_every_slide_of_the_sections_holds_within_the_word_budget(case):
    over = {s.shapes.title.text: body_words(s) for s in section_slides(case) if body_words(s) > budget.BUDGET}
    assert over == {}


def test_the_gains_slide_shows_the_largest_populations_and_notes_the_others(case):
    people = [p for p in tv.described(case.analysis) if p.gains]
    largest = max(people, key=lambda p: p.headcount)
    slide = next(s for s in case.main_slides() if flat(largest.gains) in flat(case.slide_text(s)))
    shown = [p for p in people if flat(p.gains) in flat(case.slide_text(slide))]
    assert shown and len(shown) < len(people)
    assert min(p.headcount for p in shown) >= max(p.headcount for p in people if p not in shown)
    notes = flat(slide.notes_slide.notes_text_frame.text)
    assert all(noted(case, p.gains, notes) for p in people if p not in shown)


def test_a_persona_slide_shows_portrait_quote_and_fears_the_notes_keep_her_whole_experience(case):
    for persona in case.analysis.engagement.personas:
        slide = next(s for s in case.appendix_slides() if s.shapes.title.text == persona.name)
        assert body_words(slide) <= budget.BUDGET
        notes = flat(slide.notes_slide.notes_text_frame.text)
        for field in ("fears", "difficulties", "successes", "view_of_tool"):
            assert flat(getattr(persona, field)) in notes, field
        assert flat(c.term(case.analysis, "level", persona.customer_service_sense)) in notes


def test_a_journey_slide_lists_every_improvement_the_pain_points_are_in_its_notes_and_the_report(case):
    report = flat(case.doc_text())
    for population, steps in tv.journeys_by_population(case.analysis).items():
        slides = case.slides_titled(case.label("target_vision.deck.journey", population=population))
        shown = flat("\n".join(case.slide_text(s) for s in slides))
        notes = flat("\n".join(s.notes_slide.notes_text_frame.text for s in slides))
        for step in steps:
            assert flat(step.improvement) in shown
            assert noted(case, step.pain_point, notes) and flat(step.pain_point) in report


def test_a_lot_slide_names_its_use_cases_who_uses_them_is_in_the_notes_and_the_report(case):
    columns = case.doc_table(case.label("target_vision.use_cases.use_case"),
                             case.label("common.columns.population"))[0]
    assert flat(case.label("common.columns.population")) in [flat(x) for x in columns]
    for lot in case.analysis.engagement.lots:
        cases = [u for u in case.analysis.engagement.use_cases if u.lot == lot.name]
        if cases:
            slide = next(s for s in case.appendix_slides() if s.shapes.title.text == lot.name)
            notes = flat(slide.notes_slide.notes_text_frame.text)
            report = flat(case.doc_text())
            assert all(flat(f"{u.name} — {u.population}") in notes
                       or (flat(u.name) in report and flat(u.population) in report) for u in cases)


def test_each_indicators_first_review_is_in_the_notes_of_the_kpi_slide(case):
    kpis = case.analysis.steering.kpis
    slide = case.slides_titled(flat(c.counted(case.analysis, "target_vision.deck.kpis", len(kpis),
                                              date=c.date(case.analysis, min(kpis["first_review"])))))[0]
    notes = flat(slide.notes_slide.notes_text_frame.text)
    assert all(flat(c.date(case.analysis, r.first_review)) in notes for r in kpis.itertuples())


def test_the_populations_keeping_their_data_in_silos_are_named_in_the_notes(case):
    silos = tv.desiloing_populations(case.analysis)
    slide = case.slides_titled(flat(c.counted(case.analysis, "target_vision.deck.data", len(silos))))[0]
    assert all(name in slide.notes_slide.notes_text_frame.text for name in silos)


def test_a_client_without_baselines_or_data_ambition_gets_no_empty_column_nor_platitude_slide():
    """KPIs none of which has a baseline show no column of dashes; with no data-sharing
    ambition stated and no silo found, the deck makes no slide of the general 180° warning
    and the report no 'Ambition' heading over it."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method
    from playbook.render.ir import TableSlide

    from .conftest import EXAMPLES

    engagement = load_engagement(EXAMPLES.parents[1] / "corpus" / "lumen_telecom" / "engagement.yaml")
    for lang in ("fr", "en"):
        analysis = analyse(engagement, load_method(), lang)
        assert not engagement.engagement.data_ambition.strip() and not tv.desiloing_populations(analysis)
        deck = tv.build_deck(analysis)
        warning = tv.t(analysis, "data.warning")
        assert not any(warning in str(getattr(s, "bullets", "")) for s in deck.slides)
        kpi = next(s for s in deck.slides if isinstance(s, TableSlide)
                   and s.table.columns[0] == tv.t(analysis, "kpis.kpi"))
        assert c.text(analysis, "common.columns.baseline") not in kpi.table.columns
        assert len(kpi.table.rows) == len(analysis.steering.kpis)
        report = [b for b in tv.build_document(analysis).blocks if getattr(b, "columns", None)
                  and b.columns[1] == tv.t(analysis, "kpis.kpi")]
        assert report and c.text(analysis, "common.columns.baseline") not in report[0].columns
        # nor does the report make a section of it: what is to do and what was found
        data = tv._data_blocks(analysis)
        assert [b.text for b in data] == [tv.t(analysis, "data.not_stated"), tv.t(analysis, "data.no_brake")]


def _factory_analysis(data, lang: str = "en"):
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement

    data["engagement"]["language"] = lang
    return analyse(Engagement.model_validate(data), load_method(), lang)


def test_a_client_kpi_is_not_given_the_generic_definition_of_its_family():
    """A KPI the client names ('Deals followed in the CRM') measured as 'active users ÷
    licensed users' is a definition the client never gave: it reads as a wrong fact."""
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["kpis"] = [{"kind": "adoption", "name": "Repair requests traced in the CRM", "target": 90}]
    analysis = _factory_analysis(data)
    family = analysis.method.kpis.family("adoption").definition.in_("en")
    lines = tv._kpi_definitions(analysis)
    assert not any("Repair requests traced in the CRM" in line and family in line for line in lines)
    assert any(family in line for line in lines) is False  # adoption is the client's: no default added
    data["kpis"][0]["definition"] = "Repair requests created in the CRM ÷ repair requests received."
    lines = tv._kpi_definitions(_factory_analysis(data))
    assert "**Repair requests traced in the CRM** — Repair requests created in the CRM ÷ repair requests received." \
        in lines


def test_nothing_described_is_said_in_words_and_no_ambition_is_claimed_that_nobody_stated():
    """'Described for 0 populations out of 3; still to describe: …' then the same list again;
    'A 360° view is the ambition' when no ambition is stated; a low silo barrier
    announced as holding the view to 180°."""
    from playbook.render.ir import Paragraph
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["impacts"].append({"population": "Agency managers", "dimension": "culture", "intensity": 3})
    data["populations"][1]["shares_data_across_departments"] = True
    for lang in ("en", "fr"):
        analysis = _factory_analysis(data, lang)
        said = tv.messages(analysis, summary=False)
        assert said["life"].startswith(("Life tomorrow is still to be described for every population",
                                        "La vie de demain reste à décrire pour toutes les populations"))
        names = ", ".join(p["name"] for p in data["populations"])
        text = " ".join(b.text for b in tv.build_document(analysis).blocks if isinstance(b, Paragraph))
        assert text.count(names) <= 1 and tv.t(analysis, "life.intro") not in text
        if tv.desiloing_populations(analysis):
            assert "ambition;" not in said["data"] and "visée" not in said["data"]


def test_a_low_silo_barrier_does_not_hold_the_customer_view_to_180_degrees():
    """A barrier of low severity is said as such; only one that needs attention (the
    risk model's threshold) makes the '360° starts at 180°' message and slide."""
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["impacts"] = [i for i in data["impacts"] if i["population"] != "Agency managers"]
    data["impacts"].append({"population": "Agency managers", "dimension": "culture", "intensity": 0})
    data["populations"][1]["shares_data_across_departments"] = True
    analysis = _factory_analysis(data)
    brakes = [b for b in analysis.diagnosis.brakes if b.brake == "desiloing"]
    assert brakes and all(b.severity < analysis.method.brakes.risk_model.attention_from for b in brakes)
    assert "data" not in tv.messages(analysis) and not tv.desiloing_populations(analysis)
    assert "Data silos are only a low barrier at this stage: Agency managers." in tv._data_lines(analysis)
    assert not any("180°" in getattr(s, "title", "") for s in tv.build_deck(analysis).slides)


def test_the_data_slide_names_the_populations_keeping_their_data_in_silos():
    """'Data silos found as a barrier for 1 population' sends the committee to the notes."""
    from playbook.render.ir import BulletSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["impacts"].append({"population": "Agency managers", "dimension": "culture", "intensity": 3})
    data["populations"][1]["shares_data_across_departments"] = True
    analysis = _factory_analysis(data)
    assert tv.desiloing_populations(analysis) == ["Agency managers"]
    slide = next(s for s in tv.build_deck(analysis).slides if isinstance(s, BulletSlide) and "180°" in s.title)
    assert any(str(b).endswith(": Agency managers.") for b in slide.bullets)
    # one population is said in words, not "1 population keeps its data in silos"
    assert slide.title.endswith("one population keeps its data in silos"), slide.title
    assert not any("for 1 population" in str(b) for b in slide.bullets)


def test_a_client_whose_populations_are_not_described_yet_sees_what_changes_for_each_from_the_diagnosis():
    """At framing, before the use-case workshop, nobody's life tomorrow is written:
    the deck still says, population by population, what the impact assessment
    found changes most for them, rather than show no population at all."""
    from playbook.render.ir import TableSlide
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    for population in data["populations"]:
        population.pop("life_tomorrow", None)
        population.pop("gains", None)
    data["impacts"] = [{"population": data["populations"][0]["name"], "dimension": "tool", "intensity": 3},
                       {"population": data["populations"][0]["name"], "dimension": "culture", "intensity": 2},
                       {"population": data["populations"][0]["name"], "dimension": "organisation", "intensity": 1}]
    for lang, tool, culture in (("en", "Tool (3)", "(2)"), ("fr", "Outil (3)", "(2)")):
        analysis = _factory_analysis(data, lang)
        assert not tv.described(analysis)
        slides = [s for s in tv.build_deck(analysis).slides if isinstance(s, TableSlide)]
        life = [s for s in slides if tv.t(analysis, "life.changes") in s.table.columns]
        assert life, [s.title for s in slides]
        (row,) = life[0].table.rows  # only the population with an impact
        assert row[0] == data["populations"][0]["name"]
        assert row[2].startswith(tool) and culture in row[2]
        assert "(1)" not in row[2]  # a slight change is not among the main ones


def test_the_kpi_colour_key_comes_before_its_table():
    """A key below a table that ends a page is read overleaf, alone."""
    from playbook.render.ir import Paragraph, Table
    from tests.factories import minimal_engagement_dict

    analysis = _factory_analysis(minimal_engagement_dict())
    blocks = tv._kpis_blocks(analysis)
    key = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == tv.t(analysis, "kpis.rag"))
    assert isinstance(blocks[key + 1], Table)


def _undescribed(lang: str, evidence: str = "We are judged on calls handled, not on notes typed."):
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["resistances"][0]["evidence"] = evidence
    data["populations"][1]["description"] = "They run the agency and see its figures weekly."
    return data, _factory_analysis(data, lang)


def test_a_vision_still_to_describe_says_which_populations_change_most_and_what_was_heard_of_them():
    """'The population is still to be described; the impact diagnosis already says what
    changes for it' is a title for any client: the slide states how many populations
    are at the diagnosis's highest impact level, and beside each what the consultant
    heard (its own words, quoted once; else how the intake describes it)."""
    from playbook.render.ir import TableSlide

    for lang, high, quote in (("en", "“High”", "“We are judged on calls handled, not on notes typed.”"),
                              ("fr", "« Fort »", "« We are judged on calls handled, not on notes typed. »")):
        data, analysis = _undescribed(lang)
        slide = next(s for s in tv.build_deck(analysis).slides
                     if isinstance(s, TableSlide) and tv.t(analysis, "life.changes") in s.table.columns)
        assert high in slide.title and "1" in slide.title and "3" in slide.title  # 1 of the 3 populations
        heard = {str(row[0]): row[-1] for row in slide.table.rows}
        assert slide.table.columns[-1] == tv.t(analysis, "life.heard")
        assert heard["Agency advisers"] == quote
        assert heard["Agency managers"] == "They run the agency and see its figures weekly."
        said = tv.messages(analysis, summary=False)["life"]
        assert "Agency advisers" in said and "Agency managers" not in said  # only the one at the highest level
    _, analysis = _undescribed("fr", "« On saisit deux fois. »")
    table = tv.changes_table(analysis, list(analysis.engagement.populations))
    assert table is not None and "« On saisit deux fois. »" in [row[-1] for row in table.rows]  # no « « » »


def test_one_population_still_to_describe_is_named_with_its_deepest_change():
    """'for the population: Medical sales representatives' reads as a form; one
    population is named, with the change its life tomorrow must answer first."""
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["populations"] = data["populations"][:1]
    data["impacts"] = [i for i in data["impacts"] if i["population"] == "Agency advisers"]
    data["resistances"] = []
    data["lots"][0]["populations"] = ["Agency advisers"]
    analysis = _factory_analysis(data)
    said = tv.messages(analysis, summary=False)["life"]
    assert said.startswith("Life tomorrow is still to be described for the Agency advisers")
    assert said.endswith("the deepest change: job and processes.") and "population:" not in said


def test_sections_nobody_has_described_yet_are_said_once_not_as_empty_headings():
    """Three headings each over 'No persona is described yet.' and the like: the
    report says once what is still to describe and keeps its headings for content."""
    from playbook.render.ir import Heading, Paragraph

    for lang in ("en", "fr"):
        _, analysis = _undescribed(lang)
        blocks = tv.build_document(analysis).blocks
        headings = [b.text for b in blocks if isinstance(b, Heading)]
        for section in ("personas", "journeys", "use_cases"):
            assert tv.t(analysis, f"sections.{section}") not in headings
        text = [b.text for b in blocks if isinstance(b, Paragraph)]
        assert text.count(tv.t(analysis, "life.still_to_describe.sentence", sections=(
            "personas, user journeys and use cases by lot" if lang == "en"
            else "les personas, les parcours utilisateurs et les cas d'usage par lot"))) == 1


def test_the_kpis_say_which_come_from_the_client_and_the_business_objectives_they_serve():
    """'KPIs added …: A; B; C; D; E' right after defining A to E says the list twice; a
    business objective's own KPI (a compliance rate 62 → 98) belongs beside the usage KPIs."""
    from playbook.render.ir import Bullets, Paragraph
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["kpis"] = [{"kind": "adoption", "name": "Repair requests traced in the CRM", "target": 90}]
    data["objectives"] = [{"business_objective": "Repair faster.", "crm_objective": "Every repair traced",
                           "kpi": "Repairs closed within 10 days", "baseline": 40, "target": 75,
                           "due_date": "2027-12-31", "owner": "Claire Morvan"}]
    analysis = _factory_analysis(data)
    lines = tv._kpi_definitions(analysis)
    assert lines[-1].startswith("Only “Repair requests traced in the CRM” was set at framing; the other")
    blocks = tv._kpis_blocks(analysis)
    bullets = [str(i) for b in blocks if isinstance(b, Bullets) for i in b.items]
    assert any(line.startswith("Repairs closed within 10 days: from 40% to 75% by 31 December 2027")
               for line in bullets)
    intro = next(b.text for b in blocks if isinstance(b, Paragraph))
    assert intro.startswith("No baseline is measured yet") and "baseline, target" not in intro


def test_an_ambition_still_to_state_is_said_once_in_the_data_section():
    """The section opens on 'The data-sharing ambition is still to be stated…', then an
    'Ambition' heading said it again; the slide read 'Ambition — The ambition …'."""
    from playbook.render.ir import BulletSlide, Paragraph
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["impacts"].append({"population": "Agency managers", "dimension": "culture", "intensity": 3})
    data["populations"][1]["shares_data_across_departments"] = True
    analysis = _factory_analysis(data)
    assert tv.desiloing_populations(analysis)
    paragraphs = [b.text for b in tv._data_blocks(analysis) if isinstance(b, Paragraph)]
    assert tv.t(analysis, "data.not_stated") not in paragraphs
    slide = next(s for s in tv.build_deck(analysis).slides if isinstance(s, BulletSlide) and "180°" in s.title)
    assert not str(slide.bullets[0]).startswith("**Ambition**")


def test_what_was_heard_gives_way_on_the_slide_before_the_populations_do():
    """Long descriptions made the table run past two slides, and the main slide then
    showed one population of six: the descriptions leave the slide first (they stay
    in the report), the population's own words stay."""
    from playbook.render.deliverables import budget
    from playbook.render.ir import TableSlide

    data, _ = _undescribed("en")
    long = " ".join(["They handle tenants' requests at the counter and on the phone all day long."] * 4)
    for population in data["populations"]:
        population["description"] = long
    analysis = _factory_analysis(data)
    slide = next(s for s in tv.build_deck(analysis).slides
                 if isinstance(s, TableSlide) and tv.t(analysis, "life.changes") in s.table.columns)
    assert len(slide.table.rows) == 3 and len(budget.pages(slide.table)) <= c.MAIN_TABLE_PAGES
    assert [row[-1] for row in slide.table.rows].count(long) == 0
    assert "“We are judged on calls handled, not on notes typed.”" in [row[-1] for row in slide.table.rows]
    report = tv.changes_table(analysis, list(analysis.engagement.populations))
    assert report is not None and long in [row[-1] for row in report.rows]


def test_the_one_population_keeping_its_data_in_silos_is_named_once_with_its_reason():
    """'Reason: Agency managers (12 people): expected to share …' under a line that has
    just named Agency managers reads as a form filled twice."""
    from playbook.render.ir import Bullets
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["impacts"].append({"population": "Agency managers", "dimension": "culture", "intensity": 3})
    data["populations"][1]["shares_data_across_departments"] = True
    for lang in ("en", "fr"):
        analysis = _factory_analysis(data, lang)
        assert tv.desiloing_populations(analysis) == ["Agency managers"]
        lines = [str(i.text if hasattr(i, "text") else i) for b in tv._data_blocks(analysis)
                 if isinstance(b, Bullets) for i in b.items]
        assert sum("Agency managers" in line for line in lines) == 1, lines
        assert any(line.startswith(("Reason: ", "Raison : ")) for line in lines)


def test_the_decisions_the_summary_ends_on_have_a_slide_before_the_next_steps(case):
    """The summary's last card ("4 decisions await the steering committee") is
    developed in this deck too: a slide of its own naming every decision, just
    before the next steps, not a count the committee must look up elsewhere."""
    assert_decisions_slide_before_next_steps(case)


def test_a_life_still_to_write_reads_as_english_not_as_a_calque_of_a_decrire():
    """« Vie de demain à décrire » is "life tomorrow still to be described" in
    English: never "still to describe", in the deck's titles, its cards or the report."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    path = EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml"
    analysis = analyse(load_engagement(path), load_method(), "en")
    assert not tv.described(analysis), "nothing of life tomorrow is written for this client yet"
    deck = tv.build_deck(analysis)
    said = [getattr(s, "title", "") for s in deck.slides]
    said += [item for s in deck.slides for item in getattr(s, "items", [])]
    said += [str(block) for block in tv.build_document(analysis).blocks]
    assert any("still to be described" in text for text in said), said
    assert not any("still to describe" in text for text in said)


def test_the_kpis_section_speaks_to_the_client_not_of_the_intake_workbook():
    """"The intake names no KPI yet" names the consultant's workbook: the client
    reads that no KPI has been set yet and these are to confirm with the sponsor."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    path = EXAMPLES.parents[1] / "corpus" / "fernhill_software" / "engagement.xlsx"
    analysis = analyse(load_engagement(path), load_method(), "en")
    assert not analysis.engagement.kpis, "this client has set no KPI yet"
    said = " ".join(str(b) for b in tv.build_document(analysis).blocks)
    assert "No KPI has been set yet" in said
    assert "intake" not in said.casefold()
