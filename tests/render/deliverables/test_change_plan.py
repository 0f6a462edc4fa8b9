"""Specification of the Change plan (Plan d'accompagnement des changements),
read back from the Word and PowerPoint files written for both examples and the
French one in English."""

from __future__ import annotations

from playbook.analysis.change_plan_tables import ALL
from playbook.method.levers import PILLARS
from playbook.render.deliverables import change_plan as cp
from playbook.render.deliverables import common as c
from playbook.render.ir import Paragraph, Table
from playbook.render.layout_check import WORD_BUDGET_WORDS, slide_words

from .conftest import charts, flat, noted

SECTIONS = ["principle", "matrix", "details", "cross", "timeline", "effort", "arbitration", "steering"]


DELIVERABLE = "change_plan"




def test_the_document_has_every_section_in_order_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    keys = ["common.key_messages", *(f"change_plan.sections.{s}" for s in SECTIONS), "common.next_steps"]
    positions = [headings.index(flat(case.label(k))) for k in keys]
    assert positions == sorted(positions)


def test_cover_summary_and_dated_next_steps_frame_the_deck_before_its_appendix(case):
    assert flat(case.label("change_plan.title")) in flat(case.slide_text(case.pptx.slides[0]))
    titles = case.slide_titles()
    assert titles[1].startswith(case.label("common.key_messages"))
    appendix = titles.index(case.label("common.appendix"))
    assert titles[appendix - 1] == case.label("common.next_steps")
    first = cp.next_steps(case.analysis)[0]
    closing = case.pptx.slides[appendix - 1]
    assert flat(c.date(case.analysis, first.date)) in flat(case.slide_text(closing))


def test_the_principle_says_it_starts_at_design_and_is_not_a_communication_blast(case):
    text = flat(case.doc_text())
    assert flat(case.label("change_plan.principle.one")) in text
    assert flat(case.label("change_plan.principle.two")) in text


def test_key_messages_give_the_plan_span_and_its_effort(case):
    plan = case.analysis.change_plan
    messages = flat(" ".join(cp.key_messages(case.analysis)))
    # the count of actions is the pillar table's total (a recurring action once); the
    # dates they are held on are said beside it
    total = next(row for row in cp.pillar_table(case.analysis).rows if row[0] == case.label("common.total"))
    assert messages.startswith(f"{flat(c.number(case.analysis, total[2]))} ") or \
        f" {flat(c.number(case.analysis, total[2]))} action" in messages
    assert f" {flat(c.number(case.analysis, len(plan.actions)))} date" in messages
    assert flat(c.month(case.analysis, plan.actions["date"].min())) in messages
    assert f" {flat(c.days(case.analysis, plan.total_days))} " in messages  # whole days: no false precision


def test_the_matrix_lists_each_population_s_levers_per_pillar(case):
    analysis = case.analysis
    pillars = [analysis.method.levers.pillars[p].label.in_(case.lang) for p in PILLARS]
    table = case.doc_table(*pillars)
    assert [row[0] for row in table[1:]] == [p.name for p in analysis.engagement.populations]
    actions = analysis.change_plan.actions
    for row in table[1:]:
        own = actions[actions["population"] == row[0]]
        for pillar, cell in zip(PILLARS, row[1:], strict=True):
            for action in set(own.loc[own["pillar"] == pillar, "action"]):
                assert flat(action) in flat(cell)


def test_the_deck_shows_levers_as_one_population_by_pillar_matrix_not_a_slide_per_population(case):
    analysis = case.analysis
    pillars = [analysis.method.levers.pillars[p].label.in_(case.lang) for p in PILLARS]
    matrices = [s for s in case.pptx.slides
                if any(getattr(sh, "has_table", False) and sh.has_table
                       and [cell.text for cell in sh.table.rows[0].cells][1:4] == pillars
                       for sh in s.shapes)]
    titles = [s.shapes.title.text for s in matrices]
    appendix = case.slide_titles().index(case.label("common.appendix"))
    main = [t for t, s in zip(titles, matrices, strict=True)
            if list(case.pptx.slides).index(s) < appendix]
    assert len(main) == 1, "one matrix in the main part; the lever names go to the appendix"
    table = next(sh.table for sh in matrices[0].shapes if getattr(sh, "has_table", False) and sh.has_table)
    actions = analysis.change_plan.actions
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in list(table.rows)[1:]}
    for population in analysis.engagement.populations:
        own = actions[actions["population"] == population.name]
        counts = [own.loc[own["pillar"] == p, "lever"].nunique() for p in PILLARS]
        assert rows[population.name][1:4] == [str(n) if n else "–" for n in counts]
    assert not any(flat(t).endswith(("leviers retenus", "levers chosen")) for t in case.slide_titles())


def test_the_report_carries_the_reason_of_every_population_lever(case):
    # per-population detail is the report's: the deck's appendix keeps what a client looks up
    actions = case.analysis.change_plan.actions
    text = flat(case.doc_text())
    own = actions[actions["population"] != ALL]
    for population, reason in set(zip(own["population"], own["reason"], strict=True)):
        # under the population's own heading, its reason does not repeat its name
        shown = cp._without_name(case.analysis, cp.own_reason(case.analysis, reason), population)
        assert not shown.startswith(population)
        assert noted(case, shown, text)
    for sentence in cp.stand_ins(case.analysis, actions):  # who stands in for an owner
        assert noted(case, sentence, text)


def test_each_reason_is_said_once_per_population_with_the_levers_it_chose(case):
    """A brake answered by three levers is one reason naming the three, and who
    stands in for a missing owner is said once in the report, not on each action."""
    analysis = case.analysis
    sections: dict[str, list[str]] = {}  # each population's paragraphs, under its heading
    heading = ""
    for paragraph in case.docx.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            heading = flat(paragraph.text)
        sections.setdefault(heading, []).append(flat(paragraph.text))
    actions = analysis.change_plan.actions
    for name, own in actions[actions["population"] != ALL].groupby("population"):
        paragraphs = sections[flat(c.population_label(analysis, name))]
        for reason, levers in own.groupby(own["reason"].map(lambda r: cp.own_reason(analysis, r))):
            # said without the population's name, or with it where it would read as a form
            shown = {flat(cp._without_name(analysis, reason, name)), flat(reason)}
            said = [p for p in paragraphs if any(p.endswith(f" — {r}") for r in shown)]
            assert len(said) == 1, f"{name}: {reason!r} said {len(said)} times"
            assert all(flat(action) in said[0] for action in set(levers["action"]))
    report = flat(case.doc_text())
    for sentence in cp.stand_ins(analysis, actions):
        assert report.count(flat(sentence)) == 1


def test_every_cross_population_action_is_listed_with_its_owner(case):
    actions = case.analysis.change_plan.actions
    cross = actions[actions["population"] == ALL]
    table = case.doc_table(case.label("change_plan.columns.audience"))
    listed = {flat(row[0]): row for row in table[1:]}
    for action, own in cross.groupby("action"):
        assert flat(action) in listed
        first = own.iloc[0]
        assert flat(listed[flat(action)][4]) == flat(c.with_detail(first["owner_label"], first["owner_name"]))


def test_the_timeline_is_a_figure_in_word_and_native_gantt_charts_in_the_deck(case):
    assert len(case.docx.inline_shapes) >= 2  # timeline and effort per month
    for pillar in PILLARS:
        label = case.analysis.method.levers.pillars[pillar].label.in_(case.lang)
        drawn = [s for s in case.pptx.slides if s.shapes.title is not None
                 and flat(label) in flat(s.shapes.title.text) and next(charts(s.shapes), None)]
        assert len(drawn) == 1, f"one timeline slide for {label}"


def test_the_effort_by_pillar_adds_up_to_the_plan_total(case):
    plan = case.analysis.change_plan
    table = case.doc_table("ADKAR")
    assert table[-1][0] == case.label("common.total")
    # The total as the summary states it (no false precision), and the shown parts add up to it.
    assert flat(table[-1][3]) == flat(c.days(case.analysis, plan.total_days))
    shown = sum(float(flat(row[3]).replace(",", ".").replace(" ", "")) for row in table[1:-1])
    assert shown == float(flat(table[-1][3]).replace(",", ".").replace(" ", ""))


def test_the_arbitration_slide_goes_on_from_the_quick_wins_with_reasons_in_notes(case):
    """The quick wins have their slide; the ranking's slide shows the next actions
    (never the quick wins again), each with its rank in the whole ranking."""
    plan = case.analysis.change_plan
    quick = set(plan.quick_wins["rank"])
    after = plan.arbitration[~plan.arbitration["rank"].isin(quick)]
    head = after.head(cp.arbitration_shown(case.analysis))
    days = float(head["effort_days"].sum())
    title = case.label("change_plan.deck.arbitration_after_quick_wins", count=len(head),
                       days=c.days(case.analysis, days),
                       share=c.percent(case.analysis, c.share(days, plan.total_days)))
    slide = case.slides_titled(title)[0]
    table = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
    ranks = [int(row.cells[0].text) for row in list(table.rows)[1:]]
    assert ranks == list(head["rank"]) and not quick & set(ranks)
    assert ranks == sorted(ranks) and len(ranks) > 1
    assert slide.notes_slide.notes_text_frame.text.strip()


def test_the_document_lists_every_action_left_to_arbitrate(case):
    arbitration = case.analysis.change_plan.arbitration
    table = case.doc_table(case.label("change_plan.columns.rank"), case.label("change_plan.columns.quadrant"))
    ranks = {int(row[0]) for row in table[1:]}
    assert set(arbitration.loc[arbitration["quadrant"] == "questionable", "rank"]) <= ranks


def test_quick_wins_are_a_short_list_apart_in_the_document_and_the_deck(case):
    plan = case.analysis.change_plan
    cap = case.analysis.method.levers.priority.quick_wins
    assert 0 < len(plan.quick_wins) <= cap
    assert (plan.arbitration["quadrant"] == "quick_win").sum() > cap  # the cap is what keeps it short
    assert plan.quick_wins["lever"].is_unique
    ranks = [int(rank) for rank in plan.quick_wins["rank"]]
    # their rank is the whole ranking's, with its holes: the column says so
    overall = case.label("change_plan.columns.overall_rank")
    table = case.doc_table(overall, case.label("change_plan.columns.effort"))
    assert [int(row[0]) for row in table[1:]] == ranks
    slide = case.slides_titled(c.counted(case.analysis, "change_plan.deck.quadrants", len(ranks)))[0]
    deck = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
    assert deck.rows[0].cells[0].text == overall
    assert [int(row.cells[0].text) for row in list(deck.rows)[1:]] == ranks


def test_the_steering_table_has_one_row_per_kpi(case):
    kpis = case.analysis.steering.kpis
    table = case.doc_table(case.label("change_plan.columns.kpi"), case.label("change_plan.columns.alert"))
    assert [flat(row[0]) for row in table[1:]] == [flat(n) for n in kpis["name"]]


def test_a_french_plan_shows_none_of_the_english_headings(written):
    french, english = written["mutuelle_fr"], written["mutuelle_en"]
    text = flat(french.doc_text() + french.deck_text() + "\n".join(french.titles_and_headings()))
    keys = [*(f"change_plan.sections.{s}" for s in SECTIONS),
            *(f"change_plan.deck.{k}" for k in ("principle", "details", "by_population"))]
    for key in keys:
        assert flat(english.label(key)) not in text


def _series_colours(chart) -> dict[str, str]:
    colours = {}
    for series in chart.plots[0].series:
        fill = series.format.fill
        if fill.type == 1:  # solid: the Gantt's invisible offset has none
            colours[flat(series.name)] = str(fill.fore_color.rgb)
    return colours


def test_a_pillar_has_one_colour_in_every_chart_of_the_deck_and_in_both_languages(written):
    seen: dict[str, set[str]] = {}
    for key in ("mutuelle_fr", "mutuelle_en"):
        case = written[key]
        names = {flat(case.analysis.method.levers.pillars[p].label.in_(case.lang)): p
                 for p in PILLARS}
        for slide in case.pptx.slides:
            for chart in charts(slide.shapes):
                for name, colour in _series_colours(chart).items():
                    if name in names:
                        seen.setdefault(names[name], set()).add(colour)
    assert set(seen) == set(PILLARS)
    assert all(len(colours) == 1 for colours in seen.values()), seen
    assert len({colours.pop() for colours in seen.values()}) == len(PILLARS)


# --------------------------------------------------------------------------- lever descriptions


def _levers_used(case):
    levers = case.analysis.method.levers
    return [levers.lever(code) for code in dict.fromkeys(case.analysis.change_plan.actions["lever"])]


def test_the_report_describes_every_lever_the_plan_uses_in_a_few_words(case):
    text = flat(case.doc_text())
    for lever in _levers_used(case):
        assert lever.short is not None, lever.id
        assert f"{flat(lever.label.in_(case.lang))} — {flat(lever.short.in_(case.lang))}" in text


GLOSSARY_WORDS_MAX = 450  # about one page of the report's bullets


def _glossary_paragraphs(case) -> list[str]:
    """The report's paragraphs from the lever glossary's heading to the next heading."""
    paragraphs, inside = [], False
    for paragraph in case.docx.paragraphs:
        heading = paragraph.style.name.startswith(("Heading", "Titre"))
        if heading and inside:
            break
        if inside:
            paragraphs.append(paragraph.text)
        inside = inside or (heading and flat(paragraph.text) == flat(case.label("change_plan.sections.levers")))
    return paragraphs


def test_the_lever_glossary_holds_on_about_a_page_and_leaves_the_argument_to_the_method(case):
    """A typical plan's glossary reads in about a page: each lever in its few words,
    not the full description a consultant finds in the method handbook."""
    glossary = _glossary_paragraphs(case)
    words = sum(len(text.split()) for text in glossary)
    assert len(glossary) > len(_levers_used(case)) >= 10, "a typical plan, every lever listed"
    assert words <= GLOSSARY_WORDS_MAX, words
    text = flat(" ".join(glossary))
    assert not any(flat(lever.description.in_(case.lang)) in text for lever in _levers_used(case))


def _appendix(case) -> list:
    return list(case.pptx.slides)[case.slide_titles().index(case.label("common.appendix")) + 1:]


def _table_rows(slides) -> list[list[str]]:
    return [[flat(cell.text) for cell in row.cells] for slide in slides for shape in slide.shapes
            if getattr(shape, "has_table", False) and shape.has_table
            for row in list(shape.table.rows)[1:]]


def test_the_deck_appendix_describes_every_lever_the_plan_uses_in_one_table(case):
    title = c.counted(case.analysis, "change_plan.deck.lever_glossary", len(_levers_used(case)))
    pages = [s for s in _appendix(case) if flat(s.shapes.title.text).startswith(flat(title))]
    rows = {row[1]: row[2] for row in _table_rows(pages)}
    for lever in _levers_used(case):
        assert rows[flat(lever.label.in_(case.lang))] == flat(lever.summary.in_(case.lang))
    assert len(pages) <= 4  # one table, filled pages: not a slide per pillar and per three levers


def test_the_deck_appendix_shows_which_population_gets_which_lever_in_one_matrix(case):
    analysis = case.analysis
    pages = [s for s in _appendix(case)
             if flat(s.shapes.title.text).startswith(flat(case.label("change_plan.deck.lever_matrix")))]
    actions = analysis.change_plan.actions
    if actions.loc[actions["population"] != ALL, "population"].nunique() > cp.MATRIX_POPULATIONS:
        assert not pages  # columns too many to read: each population's levers are in the report
        return
    header = [flat(cell.text) for cell in next(
        shape.table for shape in pages[0].shapes if getattr(shape, "has_table", False)).rows[0].cells]
    labels = {flat(analysis.method.levers.lever(code).label.in_(case.lang)): code
              for code in actions["lever"]}
    for row in _table_rows(pages):
        for name, mark in zip(header[1:], row[1:], strict=True):
            own = actions[(actions["population"] == name) & (actions["lever"] == labels[row[0]])]
            assert (mark == cp.USED) == (len(own) > 0), (row[0], name)
    assert not any(case.label("change_plan.deck.details") in t for t in case.slide_titles())
    # its notes say what a dot means, not what the pillar counts of the main part mean
    for page in pages:
        note = flat(page.notes_slide.notes_text_frame.text)
        assert note.startswith(flat(case.label("change_plan.text.lever_matrix_notes")))
        assert flat(case.label("change_plan.text.matrix_notes")) not in note


def test_the_three_pillars_are_called_pillars_in_titles_not_levers_like_the_actions(case):
    # the deck counts "the plan's N levers" in its appendix: understand / want / be able
    # are the pillars they serve, as in the summary and the column headings
    for title in case.slide_titles():
        assert "trois leviers" not in title and "three levers" not in title, title


def test_the_owner_with_the_largest_share_of_the_effort_is_named_as_a_role(analyses):
    # "Chef de projet CRM porte…" lacks its article: the title names the role instead
    for analysis in analyses.values():
        top = cp.facts(analysis).effort.by_owner[0].owner
        opening = c.text(analysis, "change_plan.deck.owners", owner=top, days=1, share="1 %")
        opening = opening[:opening.index(top) + len(top)]
        assert opening.startswith(("La plus grosse part de la charge revient au rôle « ",
                                   "The largest share of the effort falls to the “")), opening
        titles = [getattr(s, "title", "") for s in cp.build_deck(analysis).slides]
        assert any(t.startswith(opening) for t in titles), titles


# --------------------------------------------------------------------------- saying less


def test_every_slide_of_the_plan_stays_within_the_word_budget(case):
    # The summary and next-steps slides are the storyline's own (their builders keep them short).
    # The appendix is looked up, not presented: its pages are filled to their room.
    titles = case.slide_titles()
    own = {titles.index(case.label("common.next_steps")), 1}
    presented = list(case.pptx.slides)[:titles.index(case.label("common.appendix"))]
    over = {number: slide_words(s) for number, s in enumerate(presented)
            if number not in own and slide_words(s) > WORD_BUDGET_WORDS}
    assert not over, f"slides over {WORD_BUDGET_WORDS} words (index: words): {over}"


def test_the_late_actions_slide_shows_their_new_dates_and_keeps_every_one_in_its_notes(case):
    late = case.analysis.change_plan.actions
    late = late[late["status"] == "late"]
    if late.empty:
        return
    slide = case.slides_titled(c.counted(case.analysis, "change_plan.progress.title", len(late),
                                         date=c.date(case.analysis, c.as_of(case.analysis))))[0]
    table = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
    assert [cell.text for cell in table.rows[0].cells][-1] == case.label("change_plan.progress.new_date")
    notes = flat(slide.notes_slide.notes_text_frame.text)
    for action in set(late["action"]):
        assert noted(case, action, notes)


def test_getting_a_local_sponsor_named_is_ranked_for_its_territory_not_for_all_populations(case):
    analysis = case.analysis
    gaps = analysis.change_plan.actions
    gaps = gaps[gaps["lever"] == "name_local_sponsor"]
    assert len(gaps), "both examples have a territory without a local sponsor"
    table = case.doc_table(case.label("change_plan.columns.rank"))
    label = flat(analysis.method.levers.lever("name_local_sponsor").label.in_(case.lang))
    ranked = [row for row in table[1:] if flat(row[1]) == label]
    assert {flat(row[2]) for row in ranked} == {flat(a) for a in gaps["audience"]}
    unsponsored = {t.name for t in analysis.engagement.territories if not t.has_local_sponsor}
    assert {t for row in ranked for t in unsponsored if t in row[2]} == unsponsored


def test_each_population_of_the_report_opens_on_its_impact_in_the_method_s_words(case):
    """"High impact", never the input's "overall impact 3/3"."""
    analysis = case.analysis
    text = flat(case.doc_text())
    for name, level in analysis.diagnosis.levels["level"].items():
        if cp.population_actions(analysis, name).empty:
            continue
        word = analysis.method.dimensions.intensity(int(level)).label.in_(analysis.lang).lower()
        assert flat(cp._population_intro(analysis, name)) in text
        assert word in cp._population_intro(analysis, name) and "/3" not in cp._population_intro(analysis, name)


def test_the_summary_counts_the_populations_it_names_even_a_client_with_one(analyses):
    """'The three populations with the most support' is false of a client with one
    population: the sentence follows how many the plan has (up to three)."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    single = load_engagement(EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml")
    (only,) = [p.name for p in single.populations]
    for lang, share in (("en", "of the effort"), ("fr", "de la charge")):
        first = cp.findings(analyse(single, load_method(), lang))[0].message
        assert str(first).startswith(f"{only} (") and share in str(first)
        assert "populations" not in str(first)
    several = cp.findings(analyses["northwind_en"])[0].message
    assert str(several).startswith("The 3 populations with the most support take")


def test_a_single_population_gets_no_lever_matrix_of_one_column():
    from tests.render.deliverables.test_impact_diagnosis import _one_population

    analysis = _one_population("en")
    assert not analysis.engagement.populations[1:]
    assert cp.lever_matrix_table(analysis) is None
    titles = [getattr(s, "title", "") for s in cp.build_deck(analysis).slides]
    assert c.text(analysis, "change_plan.deck.lever_matrix") not in titles


def test_the_lever_matrix_notes_say_what_a_dot_means():
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    for lang in ("fr", "en"):
        analysis = analyse(Engagement.model_validate(minimal_engagement_dict()), load_method(), lang)
        assert cp.lever_matrix_table(analysis) is not None
        (page,) = [s for s in cp.build_deck(analysis).slides
                   if getattr(s, "title", "") == c.text(analysis, "change_plan.deck.lever_matrix")]
        assert page.notes == c.text(analysis, "change_plan.text.lever_matrix_notes")


def test_a_plan_whose_populations_are_all_among_the_three_most_supported_says_what_they_leave():
    # "the 3 populations with the most support" of a client with three ranks nothing
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    assert 1 < len(data["populations"]) <= 3
    for lang, rest in (("fr", "le reste va aux actions transverses"),
                       ("en", "the rest goes to cross-population actions")):
        first = cp.findings(analyse(Engagement.model_validate(data), load_method(), lang))[0].message
        for said in (str(first), first.headline):
            assert rest in said, said
            assert "les plus accompagnées" not in said and "the most support" not in said, said


def test_days_the_training_plan_counts_are_never_printed_as_zero(case):
    """A classroom session's days are the trainers' and learners', in the training
    plan: its row says where they are counted, and the trainers' role is no '0 days'."""
    analysis = case.analysis
    elsewhere = case.label("change_plan.text.costed_in_training")
    actions = analysis.change_plan.actions
    training = actions[actions["costed_in"] != ""]
    assert len(training), "both examples train their users"
    for name in set(training["population"]) - {ALL}:
        rows = cp.population_table(analysis, name).rows
        levers = set(training.loc[training["population"] == name, "action"])
        assert levers and all(row[-1] == elsewhere for row in rows if row[1] in levers)
    owners = case.doc_table(case.label("change_plan.columns.named"))
    assert not [row for row in owners[1:] if row[-1] == "0"]
    trainers = set(training["owner_label"]) - set(actions.loc[actions["costed_in"] == "", "owner_label"])
    assert trainers and all(row[-1] == elsewhere for row in owners[1:] if row[0] in trainers)


def test_the_effort_per_population_is_printed_as_every_sentence_prints_it(case):
    """'Agents (42 d)' in the summary, 42 in the table: never 41.5 beside it."""
    analysis = case.analysis
    table = case.doc_table(case.label("change_plan.columns.actions"),
                           case.label("common.columns.population"), case.label("change_plan.columns.effort"))
    by_population = analysis.change_plan.by_population
    printed = {row[0]: row[-1] for row in table[1:]}
    for name, row in by_population.drop(index=ALL, errors="ignore").iterrows():
        assert printed[name] == c.days(analysis, float(row["effort_days"]))


def test_the_reasons_say_levels_in_words_and_under_their_population_not_its_name_again(case):
    """Under its heading a population's reasons drop its name, unless the line
    would then be said word for word by more than two populations."""
    from collections import Counter

    analysis = case.analysis
    said: Counter[str] = Counter()
    for population in analysis.engagement.populations:
        for line in cp.why(analysis, cp.lever_rows(analysis, cp.population_actions(analysis, population.name)),
                           population=population.name):
            reason = line.split(" — ", 1)[1]
            assert "/3" not in reason, line
            said[line] += 1
            named = reason.startswith(population.name)
            assert named == (f"{line.split(' — ', 1)[0]} — {cp._without_name(analysis, reason, population.name)}"
                             in cp._common_lines(analysis)), line
    assert all(count <= 2 for count in said.values()), said.most_common(3)


def test_the_decisions_the_summary_ends_on_open_the_committee_s_part_and_the_report_gives_their_reasons(case):
    """The summary's last card counts the committee's decisions: a slide under that
    headline lists them, before the quick wins whose card it displaced, and the
    report says each with its reason, once."""
    from playbook.render.deliverables import decisions as decided

    analysis = case.analysis
    listed = decided.of(analysis)
    assert listed, "both examples raise decisions"
    title = c.counted(analysis, "findings.decisions.headline", len(listed)).rstrip(".")
    titles = [flat(t) for t in case.slide_titles()]
    assert titles.count(flat(title)) == 1
    on_slide = flat(case.slide_text(case.pptx.slides[titles.index(flat(title))])).lower()
    assert all(flat(decided.topic(analysis, d)).lower() in on_slide for d in listed)
    quick = flat(c.counted(analysis, "change_plan.deck.quadrants", len(analysis.change_plan.quick_wins)))
    if len(cp.findings(analysis)) >= c.SUMMARY_MAX:
        assert titles.index(flat(title)) < titles.index(quick)
    report = flat(case.doc_text())
    for decision in listed:
        # the reason, without the subject its topic already names
        topic = decided.topic(analysis, decision)
        assert report.count(flat(decided.without_subject(decision.reason, topic))) == 1


def test_criteria_none_of_which_is_assessed_are_one_sentence_not_a_table_of_identical_rows(analyses):
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    from .conftest import EXAMPLES

    method = load_method()
    # a corpus engagement in its framing weeks: no criterion assessed yet
    single = analyse(load_engagement(EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml"),
                     method, "en")
    assert (single.steering.criteria["status"] == "not_assessed").all()
    blocks = cp._steering_blocks(single)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert all(t.columns[0] != single.method.text("change_plan.columns.criterion", "en") for t in tables)
    said = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert all(label in said for label in single.steering.criteria["label"])
    # one population: its levers on the slide, not three counts
    table = cp._matrix_slide_table(single)
    actions = single.change_plan.actions
    assert all(action in " ".join(map(str, table.rows[0]))
               for action in set(actions.loc[actions["population"] != ALL, "action"]))


def test_the_quick_wins_slide_notes_say_why_each_not_the_ranking_formula(case):
    analysis = case.analysis
    wins = analysis.change_plan.quick_wins
    slide = case.slides_titled(c.counted(analysis, "change_plan.deck.quadrants", len(wins)))[0]
    notes = flat(slide.notes_slide.notes_text_frame.text)
    assert flat(analysis.method.levers.priority.description.in_(case.lang))[:60] not in notes
    first = wins.iloc[0]
    assert flat(first["action"]) in notes  # reasons in order: the first quick win's survives the budget


def test_the_committee_s_arbitration_is_dated_by_the_next_committee_not_the_first_action(case):
    """'Have the steering committee decide on the open actions' on the as-of date
    (the date late actions are re-planned to) names a day no committee meets."""
    committee = case.analysis.steering.next_committee
    if committee is None or committee < c.as_of(case.analysis):
        return
    asked = cp._t(case.analysis, "next_steps.copil")
    steps = [s for s in cp.next_steps(case.analysis) if s.text == asked]
    assert steps and all(s.date == committee for s in steps)


def test_a_population_s_buy_in_is_said_as_an_agreed_phrase_never_a_label_quoted_after_a_noun(case):
    """French agrees its adjective with its noun: 'population réticente', never
    'adhésion « Réticent »' (a masculine label after a feminine noun)."""
    from playbook.model.enums import BuyIn

    analysis = case.analysis
    lines = [line for population in analysis.engagement.populations
             for line in cp.why(analysis, cp.lever_rows(analysis, cp.population_actions(analysis, population.name)),
                                population=population.name)]
    quoted = [analysis.method.term("buy_in", code, case.lang) for code in BuyIn]
    assert not [line for line in lines for label in quoted
                if f"« {label} »" in line or f"'{label}'" in line or f"‘{label}’" in line]
    assert "adhésion «" not in flat(case.doc_text())
    cited = {case.label(f"common.buy_in.{p.buy_in.value}") for p in analysis.engagement.populations}
    assert any(phrase in line for line in lines for phrase in cited)


def test_the_effort_table_counts_distinct_actions_as_the_cross_section_does(case):
    """A recurring communication held 17 times is one action: the effort table's
    cross-population row gives the count the cross section announces."""
    analysis = case.analysis
    table = cp.population_effort_table(analysis)
    label = case.label("change_plan.text.all_populations")
    row = next(r for r in table.rows if r[0] == label)
    assert row[1] == len(cp.lever_rows(analysis, cp.population_actions(analysis, ALL)))
    for r in table.rows:
        assert sum(r[2:2 + len(PILLARS)]) == r[1], r


def test_the_report_says_why_the_ranking_comes_in_its_order_and_leaves_the_formula_to_the_method(case):
    """The sponsor reads why an action comes first; 'priority = effect × ...' is
    the method handbook's."""
    analysis = case.analysis
    text = flat(case.doc_text())
    assert flat(analysis.method.levers.priority.reading(case.lang)) in text
    assert "×" not in text
    assert flat(analysis.method.levers.priority.description.in_(case.lang)) not in text


def test_the_pillar_and_population_effort_tables_give_the_same_action_counts(case):
    """Side by side in the effort section: a pillar's actions are the sum of its
    column in the effort per population, and each population's section announces
    the count of the lines its table lists."""
    analysis = case.analysis
    by_population = cp.population_effort_table(analysis).rows
    pillars = cp.pillar_table(analysis).rows
    for index in range(len(PILLARS)):
        assert pillars[index][2] == sum(r[2 + index] for r in by_population)
    assert pillars[-1][2] == sum(r[1] for r in by_population)
    for population in analysis.engagement.populations:
        rows = cp.lever_rows(analysis, cp.population_actions(analysis, population.name))
        if rows:
            intro = cp._population_intro(analysis, population.name)
            assert f" {len(rows)} action" in intro, intro


def test_the_owner_table_counts_the_actions_the_pillar_table_counts(case):
    analysis = case.analysis
    owners = cp.owner_table(analysis).rows
    assert sum(int(r[2]) for r in owners) == cp.pillar_table(analysis).rows[-1][2]


def test_a_role_with_nobody_named_counts_its_actions_as_the_owner_table_does(case):
    """'Internal communication (4 days, 8 actions)' beside an owner table giving it 1
    action: one count, the distinct actions, wherever the role is cited."""
    warning = next((w for w in case.analysis.change_plan.warnings if w.code == "owner_unnamed"), None)
    if warning is None:
        return
    counts = {row[0]: row[2] for row in cp.owner_table(case.analysis).rows}
    cited = [(role, n) for role, n in counts.items() if f"{role} (" in warning.message]
    assert cited, warning.message
    for role, n in cited:
        part = warning.message.split(f"{role} (", 1)[1].split(")", 1)[0]
        assert part.endswith(f" {n} {'action' if n == 1 else 'actions'}"), (role, n, part)


def test_each_timeline_counts_its_actions_as_the_pillar_table_does(case):
    """'“Want”: 54 actions' on a timeline beside a table giving “Want” 15: a title
    counts an action once however often it is held."""
    counts = {row[0]: row[2] for row in cp.pillar_table(case.analysis).rows}
    titles = [flat(t) for t in case.slide_titles() if flat(t).startswith(("“", "« "))]
    assert titles
    for title in titles:
        pillar = title.split("”")[0].lstrip("“") if title.startswith("“") else title.split(" »")[0][2:]
        if pillar in counts:
            assert f": {counts[pillar]} action" in title.replace(" :", ":"), (title, counts)


def test_a_stand_in_owner_is_said_per_population_not_as_a_role_nobody_holds(case):
    """'Given to: CRM project manager, as no one holds the role “Key users”' beside
    actions owned by a named key user: a role held for one population and not for
    another is given to a stand-in where the population has no one in it."""
    levers = case.analysis.method.levers
    for role, missing in levers.missing_roles.items():
        said = levers.reasons["owner_fallback"].in_(case.lang, fallback=levers.owners[missing.fallback].in_(case.lang),
                                                    role=levers.owners[role].in_(case.lang))
        assert ("for the population" if case.lang == "en" else "pour la population") in said


def test_a_build_works_out_each_populations_lever_rows_once(analyses, monkeypatch):
    """The report and the deck ask a population's levers for its table, its
    reasons and its slides: worked out once per build, for each population, the
    cross-population actions and the whole plan."""
    from playbook.render.deliverables import build

    analysis = analyses["mutuelle_fr"]
    asked = []
    real = cp.lever_rows
    monkeypatch.setattr(cp, "lever_rows", lambda a, actions: asked.append(len(actions)) or real(a, actions))
    build(DELIVERABLE, analysis)
    assert 0 < len(asked) <= len(analysis.engagement.populations) + 2
