"""Specification of the impact diagnosis (Diagnostic d'impacts), read back from
the Word and PowerPoint files written for both examples and the French one in
English."""

from __future__ import annotations

import re

from playbook.render.deliverables import budget
from playbook.render.deliverables import common as c
from playbook.render.deliverables import impact_diagnosis as idg

from .conftest import (
    EXAMPLES,
    assert_decisions_slide_before_next_steps,
    body_words,
    charts,
    flat,
    noted,
    section_slides,
)

SECTIONS = ["map", "heat_map", "weighted", "segments", "brakes", "risks", "allies", "warnings"]


DELIVERABLE = "impact_diagnosis"



def _deck_tables(case, title):
    rows = []
    for slide in case.slides_titled(title):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                rows += [[cell.text for cell in row.cells] for row in shape.table.rows][1:]
    return rows



def test_the_document_has_every_section_in_order_then_the_next_steps(case):
    headings = [flat(h) for h in case.headings()]
    keys = ["common.key_messages", *(f"impact_diagnosis.sections.{s}" for s in SECTIONS),
            "common.next_steps"]
    positions = [headings.index(flat(case.label(k))) for k in keys]
    assert positions == sorted(positions)


def test_cover_key_messages_and_dated_next_steps_frame_the_deck(case):
    cover = case.slide_text(case.pptx.slides[0])
    assert flat(case.label("impact_diagnosis.title")) in flat(cover)
    assert case.analysis.engagement.client in cover
    titles = case.slide_titles()
    assert titles[1].startswith(case.label("common.key_messages"))
    closing = case.main_slides()[-1]
    assert closing.shapes.title.text == case.label("common.next_steps")
    first = idg.next_steps(case.analysis)[0]
    assert flat(c.date(case.analysis, first.date)) in flat(case.slide_text(closing))


def test_key_messages_count_the_populations_to_convince_and_the_non_users(case):
    analysis = case.analysis
    messages = flat(" ".join(idg.key_messages(analysis)))
    convince = idg.segment_members(analysis)["convince_first"]
    assert all(flat(name) in messages for name in convince)
    non_users = [p.name for p in analysis.engagement.populations if not p.crm_user]
    assert all(flat(name) in messages for name in non_users)
    assert f"{len(analysis.diagnosis.brakes)} " in messages


def test_the_population_map_lists_every_population_users_and_non_users(case):
    engagement = case.analysis.engagement
    table = case.doc_table(case.label("common.columns.function"), case.label("common.columns.crm_user"))
    assert [row[0] for row in table[1:]] == [p.name for p in engagement.populations]
    no = case.label("common.no")
    assert sum(row[-2] == no for row in table[1:]) == sum(not p.crm_user for p in engagement.populations)


def test_the_heat_map_has_one_row_per_population_with_its_intensities_and_level(case):
    analysis = case.analysis
    codes = analysis.method.dimensions.codes
    table = case.doc_table(case.label("impact_diagnosis.columns.overall"))
    assert table[0][1:-1] == [analysis.method.term("dimension", code, case.lang) for code in codes]
    matrix, levels = analysis.diagnosis.matrix, analysis.diagnosis.levels
    for row in table[1:]:
        name = row[0]
        assert [int(v) for v in row[1:-1]] == [int(matrix.at[name, code]) for code in codes]
        assert int(row[-1]) == int(levels.at[name, "level"])
    assert len(table) - 1 == len(analysis.engagement.populations)


def _finding_title(case, key: str) -> str:
    """The title of the first slide developing the finding `key`."""
    return next(f.slides[0].title for f in idg.findings(case.analysis) if f.key == key)


def test_the_deepest_change_is_charted_in_people_and_the_heat_map_is_in_the_appendix(case):
    analysis = case.analysis
    slide = case.slides_titled(_finding_title(case, "heat_map"))[0]
    assert next(charts(slide.shapes)).plots[0].categories[0] is not None
    rows = _deck_tables(case, case.label("impact_diagnosis.deck.heat_map_detail"))
    assert [row[0] for row in rows] == [p.name for p in analysis.engagement.populations]
    codes = analysis.method.dimensions.codes
    assert all([int(v) for v in row[1:]] == [int(analysis.diagnosis.matrix.at[row[0], code]) for code in codes]
               for row in rows)


def test_the_map_slide_gives_each_populations_overall_level_the_report_keeps_territory_and_buy_in(case):
    analysis = case.analysis
    rows = _deck_tables(case, _finding_title(case, "map"))
    assert {row[0]: int(row[-1]) for row in rows} == {p.name: int(analysis.diagnosis.levels.at[p.name, "level"])
                                                      for p in analysis.engagement.populations}
    report = case.doc_table(case.label("common.columns.territory"), case.label("impact_diagnosis.columns.buy_in"))
    assert len(report) - 1 == len(analysis.engagement.populations)


def test_every_slide_of_the_findings_holds_within_the_word_budget(case):
    over = {s.shapes.title.text: body_words(s) for s in section_slides(case) if body_words(s) > budget.BUDGET}
    assert over == {}


def test_every_barrier_of_every_population_is_in_the_appendix_with_its_severity_in_a_word(case):
    rows = _deck_tables(case, case.label("impact_diagnosis.deck.brake_details"))
    brakes = case.analysis.diagnosis.brakes
    assert sorted((row[1], flat(row[0])) for row in rows) == sorted(
        (b.population, flat(c.term(case.analysis, "brake", b.brake))) for b in brakes)
    level_words = {flat(case.label(f"impact_diagnosis.levels.{n}")) for n in range(4)}
    assert {flat(row[2]) for row in rows} <= level_words


def test_the_allies_and_the_points_to_watch_are_both_on_the_deck(case):
    text = flat(case.deck_text())
    assert all(flat(line) in text for line in idg._ally_lines(case.analysis))
    notes = flat(case.notes())
    for warning in c.for_client(case.analysis.diagnosis.warnings):  # the point on the slide, its reason in the notes
        point = idg._point(warning.message)
        why = warning.message[len(point):].strip()
        assert flat(point) in text and (not why or flat(why) in notes)


def test_the_impact_buy_in_map_is_a_native_chart_with_one_bubble_per_population(case):
    slide = case.slides_titled(_finding_title(case, "segments"))[0]
    chart = next(charts(slide.shapes))
    # every series declares the longest one's count (LibreOffice): blanks are no points
    points = sum(v is not None for plot in chart.plots for series in plot.series for v in series.values)
    assert points == len(case.analysis.engagement.populations)


def test_every_brake_is_listed_with_its_reason_and_the_reasons_are_in_the_notes(case):
    brakes = case.analysis.diagnosis.brakes
    table = case.doc_table(case.label("impact_diagnosis.columns.brake"),
                   case.label("common.columns.reason"))
    assert len(table) - 1 == len(brakes)
    notes = flat(case.notes())
    text = flat(case.doc_text())
    for finding in brakes:
        assert noted(case, finding.reasons[0], notes)
        assert flat(finding.reasons[0]) in text


def test_observed_resistances_are_quoted(case):
    text = flat(case.doc_text()) + flat(case.deck_text())
    from playbook.analysis import wording

    def bare(value: str) -> str:  # a quotation inside another takes other marks
        return " ".join(re.sub("[“”‘’«»\"']", "", flat(value)).split())

    for resistance in case.analysis.engagement.resistances:
        assert bare(wording.unquote(resistance.evidence))[:60] in bare(text)


def test_both_risks_are_given_for_every_population(case):
    table = case.doc_table(case.label("impact_diagnosis.columns.rejection"),
                   case.label("impact_diagnosis.columns.misuse"))
    assert [row[0] for row in table[1:]] == [p.name for p in case.analysis.engagement.populations]
    for row in table[1:]:
        for kind, cell in zip(("rejection", "misuse"), row[1:], strict=True):
            assert cell.startswith(f"{case.analysis.diagnosis.risk(row[0], kind).level}/3")


def test_the_overall_level_rule_is_stated_with_the_method_numbers(case):
    bump = case.analysis.method.dimensions.overall_level.bump
    rule = flat(idg.overall_rule(case.analysis))
    assert str(bump.min_dimensions) in rule and str(bump.min_intensity) in rule
    assert rule in flat(case.doc_text())


def test_the_method_warnings_reach_the_client_documents(case):
    text = flat(case.doc_text())
    for warning in c.for_client(case.analysis.diagnosis.warnings):
        assert flat(warning.message) in text


def test_a_french_diagnosis_shows_none_of_the_english_headings(written):
    french = written["mutuelle_fr"]
    english = written["mutuelle_en"]
    keys = [*(f"impact_diagnosis.sections.{s}" for s in SECTIONS),
            *(f"impact_diagnosis.deck.{k}" for k in ("segments", "brake_details"))]
    french_text = flat(french.doc_text() + french.deck_text() + "\n".join(french.titles_and_headings()))
    for key in keys:
        assert flat(english.label(key)) not in french_text
        assert flat(french.label(key)) in french_text or key.startswith("impact_diagnosis.deck")


def test_in_a_crowd_of_the_map_labels_face_away_from_their_neighbours(case):
    from playbook.render.deliverables.impact_diagnosis import bubble_chart

    points = bubble_chart(case.analysis).points
    for point in points:
        shifted_left = point.x < round(point.x) - 1e-9
        assert point.label_side == ("left" if shifted_left else "right"), point
    assert any(p.label_side == "left" for p in points)  # the examples have crowds


def _map_slide(case):
    return case.slides_titled(_finding_title(case, "segments"))[0]


def _texts(shapes):
    for shape in shapes:
        if hasattr(shape, "shapes"):
            yield from _texts(shape.shapes)
        elif getattr(shape, "has_text_frame", False) and shape.name == "Quadrant":
            yield shape.text_frame.text


def test_the_map_names_its_four_quadrants_distinctly_from_the_method(case):
    quadrants = case.analysis.method.dimensions.segmentation.quadrants
    expected = {flat(getattr(quadrants, corner).in_(case.lang))
                for corner in ("top_left", "top_right", "bottom_left", "bottom_right")}
    shown = {flat(" ".join(text.split())) for text in _texts(_map_slide(case).shapes)}
    assert shown == expected and len(shown) == 4


def _segment_colours(case) -> dict[str, str]:
    """Segment code -> the marker colour of its populations on the map."""
    segmentation = case.analysis.method.dimensions.segmentation
    codes = {flat(s.label.in_(case.lang)): s.code for s in segmentation.segments}
    chart = next(charts(_map_slide(case).shapes))
    colours = {}
    for series in chart.plots[0].series:
        fills = {str(point.marker.format.fill.fore_color.rgb)
                 for point in (series.points[i] for i, v in enumerate(series.values) if v is not None)}
        assert len(fills) == 1, series.name
        colours[codes[flat(series.name)]] = fills.pop()
    return colours


def test_a_segment_has_the_same_colour_in_french_and_in_english(written):
    french, english = _segment_colours(written["mutuelle_fr"]), _segment_colours(written["mutuelle_en"])
    assert french == english
    assert len(set(french.values())) == len(french), "one colour per segment"


def test_the_map_axes_are_fitted_to_the_populations_on_both_sides_of_each_split(case):
    chart = idg.bubble_chart(case.analysis)
    levels = [round(p.x) for p in chart.points]
    scores = [round(p.y) for p in chart.points]
    assert chart.x_range == (min(*levels, 1) - 0.5, max(*levels, 2) + 0.5)
    assert chart.y_range == (min(*scores, 0) - 0.5, max(*scores, 1) + 0.5)


def test_the_report_keys_the_numbered_map_with_every_population(case):
    key = case.doc_table(case.label("render.number"), case.label("common.columns.population"))
    assert [row[0] for row in key[1:]] == [str(n) for n in range(1, len(key))]
    assert sorted(row[1] for row in key[1:]) == sorted(
        p.name for p in case.analysis.engagement.populations)


def test_the_segment_appendix_lists_each_population_once_on_its_own_row(case):
    """One row per population, so a segment of many populations continues over
    slides by whole rows rather than one cell too long to read."""
    slides = case.slides_titled(case.label("impact_diagnosis.deck.segments"))
    rows = [[cell.text for cell in row.cells] for slide in slides for shape in slide.shapes
            if getattr(shape, "has_table", False) and shape.has_table for row in list(shape.table.rows)[1:]]
    members = [name for names in idg.segment_members(case.analysis).values() for name in names]
    assert rows and sorted(row[1] for row in rows) == sorted(members)


def test_the_map_title_says_users_and_non_users_only_when_there_are_both():
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    mixed = minimal_engagement_dict()
    assert not all(p.get("crm_user", True) for p in mixed["populations"])
    every = minimal_engagement_dict()
    for population in every["populations"]:
        population["crm_user"] = True
    titles = {}
    for name, data in (("mixed", mixed), ("every", every)):
        deck = idg.build_deck(analyse(Engagement.model_validate(data), load_method(), "en"))
        titles[name] = [s.title for s in deck.slides if "impacted population" in getattr(s, "title", "")]
    assert titles["mixed"] and all(t.endswith("CRM users and non-users alike") for t in titles["mixed"])
    assert titles["every"] and all(t.endswith("all of them CRM users") for t in titles["every"])


def _one_population(lang: str):
    """The minimal engagement cut to its first population, analysed in `lang`."""
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    only = data["populations"][0]
    only.pop("shifts_tasks_to", None)
    data["populations"] = [only]
    data["impacts"] = [i for i in data["impacts"] if i["population"] == only["name"]]
    data["resistances"] = [r for r in data["resistances"] if r["population"] == only["name"]]
    for lot in data["lots"]:
        lot["populations"] = [only["name"]]
    return analyse(Engagement.model_validate(data), load_method(), lang)


def test_a_single_population_is_named_not_counted_and_nothing_is_said_of_1_of_1():
    for lang in ("fr", "en"):
        analysis = _one_population(lang)
        name = analysis.engagement.populations[0].name
        said = " ".join([*idg.key_messages(analysis), *idg.messages(analysis).values()])
        assert name in said
        for false_note in ("1 of them", "1 d'entre elles", "La population est impactée ; 1",
                           "1 population to convince first", "1 population à convaincre",
                           "1 of 1 population", "1 sur 1", "most widespread", "le plus répandu"):
            assert false_note not in said, (lang, false_note)


def test_a_single_population_has_no_appendix_table_repeating_its_one_row():
    analysis = _one_population("en")
    titles = [getattr(s, "title", "") for s in idg.build_deck(analysis).slides]
    assert c.text(analysis, "impact_diagnosis.deck.segments") not in titles
    assert c.text(analysis, "impact_diagnosis.deck.brake_details") not in titles
    # the only barrier is not "the most widespread"
    assert not any("most widespread" in t for t in titles)


def test_counts_of_allies_agree_in_french_and_zero_is_said_in_words():
    analysis = _one_population("fr")
    titles = [getattr(s, "title", "") for s in idg.build_deck(analysis).slides]
    assert not any(re.search(r"\b[01] (sur lesquelles|populations? sur)", t) for t in titles), titles
    assert not any(re.search(r"\b0 pers", t) for t in titles), titles
    assert not any("1 sur lesquelles" in t for t in titles)


def _with_brakes(analysis, brakes):
    """`analysis` with its diagnosis' barriers replaced by `brakes` (population, code,
    severity, observed), in that order."""
    from dataclasses import replace

    from playbook.analysis.records import BrakeFinding

    findings = tuple(BrakeFinding(population=p, brake=code, severity=severity, reasons=("r",),
                                  observed=observed) for p, code, severity, observed in brakes)
    return replace(analysis, diagnosis=replace(analysis.diagnosis, brakes=findings))


def test_the_most_widespread_barrier_named_in_the_summary_and_title_is_the_tables_first_row(analyses):
    # Two barriers touch two populations each; the one severe for both and heard in
    # interview leads the table, so the summary and the slide title name it too,
    # whatever the order the barriers were found in.
    base = analyses["northwind_en"]
    first, second = (p.name for p in base.engagement.populations[:2])
    analysis = _with_brakes(base, [(first, "desiloing", 2, False), (second, "desiloing", 2, False),
                                   (first, "competition_culture", 3, True),
                                   (second, "competition_culture", 3, False)])
    leading = idg.brake_summary_table(analysis).rows[0][0]
    assert leading == c.term(analysis, "brake", "competition_culture")
    assert f"“{leading}”" in idg.messages(analysis)["brakes"]
    titles = [getattr(s, "title", "") for s in idg.build_deck(analysis).slides]
    assert any(t.startswith(f"“{leading}” is the most widespread barrier") for t in titles), titles


def test_the_risk_reasons_lead_with_the_risk_not_its_register_code(analyses):
    analysis = analyses["mutuelle_fr"]
    lines = [i.text for i in idg._risk_details(analysis) if getattr(i, "level", 0) == 1]
    assert lines
    for line in lines:
        assert re.match(r"(Rejet|Dévoiement) \(\d/3\)", line), line
        assert re.search(r"\(réf\. R[0-9A-Z]{4}(, R[0-9A-Z]{4})*\)$", line), line


def test_where_a_resistance_was_heard_is_said_in_the_deliverables_language():
    # a resistance recorded without its source was heard in interview: "entretien" in French
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    assert all("source" not in r for r in data["resistances"])
    analysis = analyse(Engagement.model_validate(data), load_method(), "fr")
    heard = [r for b in analysis.diagnosis.brakes if b.observed for r in b.reasons
             if r.startswith("Résistance observée")]
    assert heard and all(r.startswith("Résistance observée (entretien) : ") for r in heard), heard
    said = " ".join([*(s.notes or "" for s in idg.build_deck(analysis).slides),
                     *(getattr(b, "text", "") for b in idg.build_document(analysis).blocks)])
    assert "(interview)" not in said and "(entretien)" in said


def test_an_ally_line_says_its_impact_in_words_and_one_key_user_in_the_singular(analyses):
    for analysis in analyses.values():
        assert not any("/3" in line for line in idg._ally_lines(analysis))
        key_users = analysis.engagement.governance.key_users
        for line in idg._ally_lines(analysis):
            population = next(p.name for p in analysis.engagement.populations if line.startswith(p.name))
            named = [k for k in key_users if k.population == population]
            if len(named) == 1:
                assert re.search(r"(utilisateur clé|key user)\s?:\s?" + re.escape(named[0].name), line), line
                assert "utilisateurs clés" not in line and "key users" not in line, line


def test_the_map_is_shared_with_local_sponsors_only_where_the_client_has_some():
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    for sponsor, lang in (("", "en"), ("", "fr"), ("Jane Doe", "en")):
        data = minimal_engagement_dict()
        for territory in data["territories"]:
            territory["local_sponsor"] = sponsor
        steps = " ".join(step.text for step in idg.next_steps(analyse(
            Engagement.model_validate(data), load_method(), lang)))
        assert ("local sponsors" in steps or "sponsors locaux" in steps) == bool(sponsor), steps


def test_people_counted_from_the_medium_level_are_not_called_strongly_impacted(analyses):
    # the summary says "overall impact 'Medium' or more" of the same people: "strongly"
    # would contradict the heat map's own legend (2 medium, 3 high)
    for analysis in analyses.values():
        assert idg._level_label(analysis, idg._strong(analysis)).lower() in ("moyen", "medium")
        said = " ".join([*idg.key_messages(analysis), *idg.messages(analysis).values(),
                         *(getattr(s, "title", "") or "" for s in idg.build_deck(analysis).slides)])
        assert "strongly impacted" not in said and "fortement impactées" not in said, said


def test_when_two_dimensions_reach_the_same_people_the_deeper_change_is_named_and_charted_first():
    from playbook.analysis.engine import analyse
    from playbook.method import load_method
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    # "tool" comes first in the catalogue; the same people's performance change is deeper
    data["impacts"] = [{"population": "Agency advisers", "dimension": "tool", "intensity": 2},
                       {"population": "Agency advisers", "dimension": "performance", "intensity": 3}]
    analysis = analyse(Engagement.model_validate(data), load_method(), "en")
    deeper = c.term(analysis, "dimension", "performance")
    assert f"“{deeper}”" in idg.messages(analysis)["dimension"]
    assert idg.people_chart(analysis).categories[0] == deeper


def test_a_single_resistance_confirms_one_barrier_not_the_barriers():
    for lang, plural in (("en", "the barriers"), ("fr", "les freins")):
        analysis = _one_population(lang)
        title = c.counted(analysis, "impact_diagnosis.deck.resistances", 1)
        # one is said in words, as the summary says it ("One barrier found")
        assert title.startswith(("One ", "Une ")) and plural not in title, title


def test_a_single_population_s_map_carries_its_heat_map_row_and_its_segment_in_words():
    from playbook.render.ir import TableSlide

    for lang in ("en", "fr"):
        analysis = _one_population(lang)
        (p,) = analysis.engagement.populations
        slides = idg.build_deck(analysis).slides
        titles = [getattr(s, "title", "") for s in slides]
        # the appendix heat map would repeat the one row the map slide now shows
        assert c.text(analysis, "impact_diagnosis.deck.heat_map_detail") not in titles
        mapped = idg.impact_map_table(analysis)
        for code in analysis.method.dimensions.codes:
            assert c.term(analysis, "dimension", code) in mapped.columns
        assert not any(isinstance(v, int) and v <= 3 and col not in (
            c.text(analysis, "common.columns.headcount"),)
            for col, v in zip(mapped.columns, mapped.rows[0], strict=True))
        # where it stands: a table in words, not a map of one bubble
        segment = analysis.diagnosis.segments.at[p.name, "segment"]
        label = next(s.label.in_(lang) for s in analysis.method.dimensions.segmentation.segments
                     if s.code == segment)
        standing = [s for s in slides if isinstance(s, TableSlide)
                    and any(label in str(cell) for row in s.table.rows for cell in row)]
        assert standing, titles
        assert c.term(analysis, "buy_in", p.buy_in) in standing[0].table.rows[0]


def test_a_single_barrier_s_slide_says_why_and_what_was_heard_not_a_table_of_ones():
    from playbook.render.ir import BulletSlide, TableSlide

    for lang in ("en", "fr"):
        analysis = _one_population(lang)
        (only,) = analysis.diagnosis.brakes
        slides = [s for s in idg.findings(analysis) if s.key == "brakes"][0].slides
        assert not any(isinstance(s, TableSlide) for s in slides)
        (slide,) = slides  # the resistance heard is on it, not on a slide of its own
        assert isinstance(slide, BulletSlide)
        said = " ".join(str(item) for item in slide.bullets)
        assert only.reasons[0] in said
        for r in idg.observed_resistances(analysis):
            assert idg._quote(analysis, r.evidence, idg.QUOTE_ON_SLIDE) in said


def test_a_single_population_s_risk_slide_names_the_barrier_behind_each_risk():
    for lang in ("en", "fr"):
        analysis = _one_population(lang)
        (p,) = analysis.engagement.populations
        table = idg.risk_table(analysis, scored=False)
        said = dict(zip(table.columns, table.rows[0], strict=True))
        for kind in analysis.method.brakes.risk_kinds:
            risk = analysis.diagnosis.risk(p.name, kind)
            column = c.text(analysis, "impact_diagnosis.columns.main_cause",
                            kind=c.text(analysis, f"impact_diagnosis.columns.{kind}"))
            if risk.level and risk.causes and risk.causes[0].source != "rule":
                assert said[column] == c.term(analysis, "brake", risk.causes[0].source)
        assert any("cause" in col for col in table.columns), table.columns


def test_a_barrier_says_its_strongest_reason_once_not_every_converging_signal(case):
    # Converging signals restate the same population's facts: the report gives the
    # strongest one and what was heard, each barrier's row a reason a client reads once.
    converging = [b for b in case.analysis.diagnosis.brakes if len(b.signal_severities) > 1]
    assert converging, "the example has barriers found by several signals"
    table = case.doc_table(case.label("impact_diagnosis.columns.brake"),
                           case.label("common.columns.reason"))
    cells = {flat(row[-1]) for row in table[1:]}
    for finding in converging:
        said = flat("\n".join(idg.said_reasons(finding)))
        assert said in cells
        assert flat(finding.reasons[0]) in said and flat(finding.reasons[1]) not in said


def test_the_census_notes_are_the_consultants_and_stay_out_of_the_client_files():
    # "No population of managers is mapped; the whole hierarchy must be considered" is
    # the same sentence on every engagement and questions the map itself: it goes to
    # the review notebook and the console, the client reads the points specific to it.
    from dataclasses import replace

    from playbook.analysis import diagnose
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    method = load_method()
    engagement = load_engagement(EXAMPLES / "northwind_b2b.yaml")
    engagement.populations = [p.model_copy(update={"level": "staff", "crm_user": True})
                              for p in engagement.populations]
    warnings = diagnose(engagement, method, "en").warnings
    census = [w for w in warnings if w.code in ("no_manager_population", "no_non_user_population")]
    assert len(census) == 2 and all(w.audience == "consultant" for w in census)
    analysis = analyse(load_engagement(EXAMPLES / "northwind_b2b.yaml"), method, "en")
    analysis = replace(analysis, diagnosis=replace(analysis.diagnosis,
                                                   warnings=(*analysis.diagnosis.warnings, *census)))
    said = repr(idg.build_deck(analysis)) + repr(idg.build_document(analysis))
    assert all(w.message in said for w in c.for_client(analysis.diagnosis.warnings))
    for warning in census:
        assert idg._point(warning.message) not in said and warning.message not in said


def test_the_diagnosis_is_validated_on_the_next_committees_date_and_its_steps_not_piled_on_today(
        analyses):
    # The French example is read on the day a late workshop is to be rescheduled: the
    # diagnosis' own steps are dated by the next milestone after today, and its
    # validation by the steering committee that validates it.
    analysis = analyses["mutuelle_fr"]
    today, committee = idg.c.as_of(analysis), analysis.steering.next_committee
    steps = idg.next_steps(analysis)
    assert any("replanifier" in s.text for s in steps), "the example has a late workshop to reschedule"
    validation = next(s for s in steps if s.text.startswith("Valider le diagnostic"))
    assert committee is not None and validation.date == committee
    own = [s for s in steps if s.text.startswith(("Lancer les ateliers", "Réunir les premiers"))]
    assert own and all(s.date > today for s in own)


def test_no_severe_or_heard_barrier_is_said_in_words_not_as_a_zero(analyses):
    base = analyses["northwind_en"]
    first, second = (p.name for p in base.engagement.populations[:2])
    analysis = _with_brakes(base, [(first, "desiloing", 2, False), (second, "feeling_watched", 1, False)])
    said = idg.messages(analysis)["brakes"] + " " + " ".join(idg.key_messages(analysis))
    assert "none of them severe" in said and "none is yet confirmed" in said
    assert not re.search(r"\b0 (of them|confirmed)", said), said
    heard = _with_brakes(base, [(first, "desiloing", 3, True), (second, "feeling_watched", 1, False)])
    assert "1 of them severe; 1 confirmed by resistances" in idg.messages(heard)["brakes"]


def test_no_slide_only_says_there_is_nobody_to_lean_on(analyses):
    # The map slide's title already says "none to lean on": with no point to watch
    # beside it, a slide repeating it in one bullet is not made (the report keeps it).
    from dataclasses import replace

    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method
    from playbook.model import BuyIn

    engagement = load_engagement(EXAMPLES / "northwind_b2b.yaml")
    engagement.populations = [p.model_copy(update={"buy_in": BuyIn.RELUCTANT}) for p in engagement.populations]
    analysis = analyse(engagement, load_method(), "en")
    analysis = replace(analysis, diagnosis=replace(analysis.diagnosis, warnings=()))
    assert not idg._in_role(analysis, "allies")
    no_allies = idg._t(analysis, "text.no_allies")
    slides = idg.build_deck(analysis).slides
    assert not any(no_allies in repr(s) for s in slides)
    assert any("none to lean on" in (getattr(s, "title", "") or "") for s in slides)
    assert no_allies in repr(idg.build_document(analysis))


def test_a_single_ally_is_named_in_the_maps_notes_not_on_a_slide_of_one_bullet():
    from dataclasses import replace

    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method
    from playbook.model import BuyIn

    engagement = load_engagement(EXAMPLES / "northwind_b2b.yaml")
    engagement.populations = [p.model_copy(update={"buy_in": BuyIn.FAVOURABLE if n == 0 else BuyIn.RELUCTANT})
                              for n, p in enumerate(engagement.populations)]
    analysis = analyse(engagement, load_method(), "en")
    analysis = replace(analysis, diagnosis=replace(analysis.diagnosis, warnings=()))
    [line] = idg._ally_lines(analysis)
    slides = idg.build_deck(analysis).slides
    assert not any(line in str(getattr(s, "bullets", "")) for s in slides)
    assert any(line in (getattr(s, "notes", "") or "") and "one to lean on" in s.title for s in slides)


def test_a_risk_no_population_runs_high_is_said_in_words_and_one_population_is_not_all(analyses):
    from dataclasses import replace

    base = analyses["mutuelle_fr"]
    risks = tuple(replace(r, level=3 if r.kind == "misuse" else min(r.level, 2))
                  for r in base.diagnosis.risks)
    analysis = replace(base, diagnosis=replace(base.diagnosis, risks=risks))
    said = idg.messages(analysis)["risks"]
    assert said.startswith("Aucun risque élevé de rejet") and "pour aucune population" not in said
    single = replace(base, engagement=base.engagement.model_copy(
        update={"populations": base.engagement.populations[:1]}))
    assert single.engagement.populations[0].crm_user
    intro = idg._map_intro(single)
    assert "Toutes sont" not in intro and "Elle utilisera le CRM." in intro


def test_the_heat_tables_lead_in_moves_with_the_table_to_its_page(case):
    # heading and conclusion were left at a page foot, the lead-in and table overleaf
    lead = flat(idg._t(case.analysis, "text.heat_lead", scale=idg._scale_text(case.analysis)))
    [paragraph] = [p for p in case.docx.paragraphs if flat(p.text) == lead]
    assert paragraph.text.rstrip().endswith(":")
    assert paragraph.paragraph_format.keep_with_next


def test_a_risk_reason_under_its_populations_heading_does_not_name_it_again(analyses):
    for analysis in (analyses["mutuelle_fr"], analyses["northwind_en"]):
        items = idg._risk_details(analysis)
        heading = ""
        lines = 0
        for item in items:
            if isinstance(item, str):
                heading = item
                continue
            population = next(p.name for p in analysis.engagement.populations
                              if heading.startswith(p.name))
            assert f"{population} (" not in item.text and f"{population} —" not in item.text, item.text
            lines += 1
        assert lines


def test_the_heat_map_s_heading_and_every_paragraph_up_to_its_table_keep_with_it(case):
    """Never the heading and its opening at a page foot with the table overleaf:
    each paragraph from the heading to the table keeps with the next, and the chain
    holds no caption repeating the lead-in (LibreOffice breaks a longer chain)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph as DocxParagraph

    heading = flat(case.label("impact_diagnosis.sections.heat_map"))
    body = list(case.docx.element.body)
    start = next(i for i, el in enumerate(body)
                 if el.tag == qn("w:p") and flat(DocxParagraph(el, case.docx).text) == heading)
    end = next(i for i in range(start, len(body)) if body[i].tag == qn("w:tbl"))
    chain = [DocxParagraph(el, case.docx) for el in body[start:end]]
    assert all(p.paragraph_format.keep_with_next for p in chain)
    assert not any(p.style.name == "Caption" for p in chain)
    assert len(chain) <= 3


def test_the_decisions_the_summary_ends_on_have_a_slide_before_the_next_steps(case):
    """The summary's last card ("4 decisions await the steering committee") is
    developed in this deck too: a slide of its own naming every decision, just
    before the next steps, not a count the committee must look up elsewhere."""
    assert_decisions_slide_before_next_steps(case)


def test_the_note_on_shifted_bubbles_sits_under_the_chart_not_overleaf(case):
    """The note that same-level bubbles are shifted apart belongs to the chart: it
    is in the caption right under the picture (kept with it), not a paragraph after
    the markers' key that a page break can carry overleaf with the next table."""
    from docx.oxml.ns import qn

    note = flat(case.label("impact_diagnosis.text.jitter_note"))
    body = list(case.docx.element.body.iterchildren())
    holding = [i for i, el in enumerate(body) if el.tag == qn("w:p") and note in flat("".join(el.itertext()))]
    assert len(holding) == 1, "the note is said once"
    above = body[holding[0] - 1]
    assert above.tag == qn("w:p") and above.findall(".//" + qn("w:drawing")), "right under the chart"
    assert flat(case.label("impact_diagnosis.charts.bubble")) in flat("".join(body[holding[0]].itertext()))
    picture = case.docx.paragraphs[[p._p for p in case.docx.paragraphs].index(above)]
    assert picture.paragraph_format.keep_with_next, "the picture keeps with its caption"


def test_one_population_to_convince_is_said_in_the_singular_in_the_next_steps():
    """A client with a single population to convince first reads "with the
    population to convince first: …" in the report's next steps, as on the slide,
    never a plural over one name."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    path = EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml"
    for lang, one, many in (("en", "with the population to convince first: ", "populations to convince"),
                            ("fr", "avec la population à convaincre en priorité : ", "populations à convaincre")):
        analysis = analyse(load_engagement(path), load_method(), lang)
        assert len(idg.segment_members(analysis)["convince_first"]) == 1
        said = [step.full or step.text for step in idg.next_steps(analysis)]
        assert any(one in step for step in said), said
        assert not any(many in step for step in said), said


def test_one_population_in_a_count_is_said_in_words_in_the_titles_and_the_summary():
    """A client with one population to convince, one at high risk: "One population
    carries a high risk…", "Une population à convaincre en priorité, …" — never
    "1 population …" opening a title or a message, as the summary's cards already
    say "One barrier found"."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method
    from playbook.render.ir import TableSlide

    path = EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml"
    for lang, one in (("en", "One population"), ("fr", "Une population")):
        analysis = analyse(load_engagement(path), load_method(), lang)
        deck = idg.build_deck(analysis)
        titles = [getattr(s, "title", "") for s in deck.slides]
        said = [*titles, *idg.messages(analysis).values(), *idg.key_messages(analysis)]
        assert not [x for x in said if x.startswith("1 population")], said
        assert sum(t.startswith(one) for t in titles) >= 2, titles
        name = analysis.engagement.populations[0].name
        assert any(m.startswith(one) and name in m for m in idg.messages(analysis).values())
        assert any(isinstance(s, TableSlide) for s in deck.slides)


def test_a_decision_s_reason_does_not_repeat_its_topic_in_more_words():
    """Under "Roles with nobody named", the reason reads "Change lead, Internal
    communication, …", not "Roles of the plan with nobody named: Change lead, …"."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method
    from playbook.render.deliverables import decisions as decided

    path = EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml"
    for lang in ("en", "fr"):
        analysis = analyse(load_engagement(path), load_method(), lang)
        [slide] = decided.slide(analysis)
        [topic, reason] = [getattr(b, "text", b) for b in slide.bullets]
        subject = decided.of(analysis)[0].reason.partition(":")[0]
        assert subject.split()[0].casefold() in topic.casefold(), (topic, subject)
        assert subject not in reason and reason.split(",")[0] in decided.of(analysis)[0].reason, reason


def test_a_single_population_s_impact_and_buy_in_are_said_in_words_in_the_report():
    """One population has no map to draw: the report says where it stands in words
    ("High", "Reluctant", "Convince first", what that calls for), once, not the
    coordinates of a bubble (3, -1) followed by a segment table saying it again."""
    from playbook.render.ir import Figure, Table

    for lang in ("en", "fr"):
        analysis = _one_population(lang)
        blocks = idg.build_document(analysis).blocks
        heading = next(i for i, b in enumerate(blocks)
                       if getattr(b, "text", None) == c.text(analysis, "impact_diagnosis.sections.segments"))
        section = blocks[heading + 1:next(i for i, b in enumerate(blocks) if i > heading
                                          and type(b).__name__ == "Heading" and b.level <= 1)]
        assert not any(isinstance(b, Figure) for b in section)
        tables = [b for b in section if isinstance(b, Table)]
        assert len(tables) == 1, tables
        p = analysis.engagement.populations[0]
        [row] = tables[0].rows
        assert c.term(analysis, "buy_in", p.buy_in) in row and "-1" not in [str(x) for x in row]


def test_one_population_at_high_risk_is_named_in_the_risks_message():
    """"A high risk of misuse for 1 population" makes the reader look up which one:
    a single population at high risk is named."""
    from playbook.analysis.engine import analyse
    from playbook.intake import load_engagement
    from playbook.method import load_method

    path = EXAMPLES.parents[1] / "corpus" / "halvorsen_pharma" / "engagement.yaml"
    for lang in ("en", "fr"):
        analysis = analyse(load_engagement(path), load_method(), lang)
        said = idg.messages(analysis)["risks"]
        name = analysis.engagement.populations[0].name
        assert name in said and "1 population" not in said, said
