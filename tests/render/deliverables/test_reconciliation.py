"""The reconciliation gate over the six deliverables of both examples, in both
languages: every figure that reads as a sum adds up, every rate is the one
given, every title's count is its slide's, every decision is in every summary."""

from __future__ import annotations

import dataclasses

import pytest

from playbook.render import reconcile as r
from playbook.render.deliverables import build
from playbook.render.ir import BulletSlide, KeyMessages, Paragraph, Table, TableSlide


def test_the_gate_finds_nothing_in_any_deliverable_of_the_examples(every_deliverable):
    found = {key: written.discrepancies for key, written in every_deliverable.items()
             if written.discrepancies}
    assert found == {}, "\n".join(str(d) for items in found.values() for d in items)


@pytest.mark.parametrize(("cell", "lang", "figure"), [
    ("1 214", "fr", (1214.0, "")), ("1\u202f214,5", "fr", (1214.5, "")), ("151 000 €", "fr", (151000.0, "€")),
    ("£151,000", "en", (151000.0, "£")), ("12.5", "en", (12.5, "")), ("40 %", "fr", (40.0, "%")),
    ("Lot 1", "en", None), ("–", "fr", None), (7, "en", (7.0, "")),
])
def test_a_printed_figure_is_read_back_with_its_unit(cell, lang, figure):
    assert r.parse_figure(cell, lang) == figure


def test_a_total_row_the_parts_do_not_add_up_to_is_found(analyses):
    analysis = analyses["mutuelle_en"]
    document, deck = build("training_plan", analysis)
    table = Table(["Owner", "Days"], [["A", "120"], ["B", "238.5"], ["Total", "356"]])
    found = r.check("training_plan", dataclasses.replace(document, blocks=[table]), deck, analysis)
    assert [(d.invariant, d.where) for d in found if d.invariant == r.TOTALS] == [
        (r.TOTALS, "document, table 1")]


def test_a_title_counting_more_than_its_slide_shows_is_found(analyses):
    analysis = analyses["mutuelle_en"]
    document, deck = build("impact_diagnosis", analysis)
    slide = TableSlide("6 resistances", Table(["Population"], [["A"], ["B"]]), counted=6)
    bullets = BulletSlide("7 points to watch", ["one", "two", "three"], counted=7)
    deck = dataclasses.replace(deck, slides=[*deck.slides, slide, bullets])
    found = [d for d in r.check("impact_diagnosis", document, deck, analysis) if d.invariant == r.TITLE_COUNT]
    assert [d.detail for d in found] == ["the title counts 6, the slide shows 2",
                                         "the title counts 7, the slide shows 3"]


def test_a_summary_leaving_out_the_decisions_or_denying_them_is_found(analyses):
    analysis = analyses["mutuelle_en"]
    document, deck = build("change_plan", analysis)
    denial = analysis.method.text("change_plan.messages.to_arbitrate.zero", "en")
    blocks = [KeyMessages(["One finding.", denial]) if isinstance(b, KeyMessages) else b
              for b in document.blocks]
    found = r.check("change_plan", dataclasses.replace(document, blocks=blocks), deck, analysis)
    kinds = [(d.invariant, d.where) for d in found if d.invariant == r.DECISIONS]
    assert (r.DECISIONS, "document, summary") in kinds and (r.DECISIONS, "text") in kinds


def test_a_rate_printed_rounded_is_found(analyses):
    analysis = analyses["northwind_en"]
    document, deck = build("training_plan", analysis)
    rounded = [*document.blocks, Paragraph("Rates used: £1,000 per trainer-day.")]
    found = r.check("training_plan", dataclasses.replace(document, blocks=rounded), deck, analysis)
    assert [d.invariant for d in found] == [r.RATES]


def test_a_table_of_headers_alone_is_found(analyses):
    analysis = analyses["mutuelle_en"]
    document, deck = build("framing_note", analysis)
    empty = dataclasses.replace(document, blocks=[*document.blocks, Table(["KPI", "Value"], [])])
    found = [d for d in r.check("framing_note", empty, deck, analysis) if d.invariant == r.EMPTY_TABLE]
    assert len(found) == 1


def test_a_committee_pack_before_any_measurement_ships_no_empty_table():
    from tests.findings.conftest import analysed, engagement

    analysis = analysed(engagement())  # nothing measured: as of the kickoff
    document, deck = build("steering", analysis)
    assert [d for d in r.check("steering", document, deck, analysis) if d.invariant == r.EMPTY_TABLE] == []


# --------------------------------------------------------------------------- one value per fact


def test_a_count_of_territories_other_than_the_roll_out_s_is_found(analyses):
    analysis = analyses["mutuelle_fr"]  # four regional territories
    document, deck = build("framing_note", analysis)
    said = [*document.blocks, Paragraph("Le déploiement couvre 3 territoires.")]
    found = [d for d in r.check("framing_note", dataclasses.replace(document, blocks=said), deck, analysis)
             if d.invariant == r.COUNTS]
    assert len(found) == 1 and "3 territoires" in found[0].detail


def test_a_count_of_populations_beyond_the_map_or_out_of_another_total_is_found(analyses):
    analysis = analyses["mutuelle_en"]  # eleven populations
    document, deck = build("target_vision", analysis)
    said = [*document.blocks, Paragraph("Gains described for 12 populations."),
            Paragraph("High risk for 6 populations out of 10."),
            Paragraph("Pain points in the journeys of 3 populations.")]  # a part: not a total
    found = [d for d in r.check("target_vision", dataclasses.replace(document, blocks=said), deck, analysis)
             if d.invariant == r.COUNTS]
    assert [d.detail.split(" (")[0] for d in found] == ["12 populations", "populations out of 10"]


def test_a_kpi_target_or_alert_threshold_printed_otherwise_than_the_plan_is_found(analyses):
    analysis = analyses["mutuelle_fr"]
    kpi = analysis.steering.kpis.iloc[0]
    document, deck = build("change_plan", analysis)
    header = [analysis.method.text(f"change_plan.columns.{k}", "fr") for k in ("kpi", "target", "alert")]
    table = Table(header, [[kpi["name"], f"{kpi['target'] + 5:g} %", "0,4"]])
    found = [d for d in r.check("change_plan", dataclasses.replace(document, blocks=[table]), deck, analysis)
             if d.invariant == r.KPI_VALUES]
    assert len(found) == 2 and all(kpi["name"] in d.detail for d in found)


@pytest.mark.parametrize("case", ["mutuelle_fr", "northwind_en"])
def test_a_kpi_target_or_alert_threshold_a_sentence_prints_otherwise_than_the_plan_is_found(
    analyses, case
):
    analysis = analyses[case]
    first, second = analysis.steering.kpis.iloc[0], analysis.steering.kpis.iloc[1]
    fr = analysis.lang == "fr"
    wrong = f"{first['target'] - 5:g}"
    right = f"{second['target']:g}"
    planted = [  # a target another slide states otherwise, the alert threshold too
        Paragraph(f"{first['name']} : 62 % pour une cible de {wrong} %." if fr
                  else f"{first['name']}: 62% against a target of {wrong}%."),
        Paragraph(f"{first['name']}: {'alerte à' if fr else 'alert at'} 1 %."),
        # the second KPI's own target, right after it in the same line, is its own
        Paragraph(f"{first['name']} {'puis' if fr else 'then'} {second['name']}: "
                  f"{'cible' if fr else 'target'} {right} %."),
    ]
    document, deck = build("steering", analysis)
    said = [*document.blocks, *planted]
    found = [d for d in r.check("steering", dataclasses.replace(document, blocks=said), deck, analysis)
             if d.invariant == r.KPI_VALUES]
    assert len(found) == 2 and all(first["name"] in d.detail for d in found)
    assert any(wrong in d.detail for d in found)
    # The pack as built states every KPI as the plan sets it.
    assert [d for d in r.check("steering", document, deck, analysis) if d.invariant == r.KPI_VALUES] == []


def test_an_action_cited_by_id_on_another_date_is_found(analyses):
    from playbook.render.deliverables import common as c

    analysis = analyses["mutuelle_en"]
    action = analysis.change_plan.actions.iloc[0]
    document, deck = build("steering", analysis)
    right = Table(["No.", "Action", "Date"], [[action["id"], action["action"], c.date(analysis, action["date"])]])
    wrong = Table(["No.", "Action", "Date"], [[action["id"], action["action"], "3 September 2031"]])
    found = [d for d in r.check("steering", dataclasses.replace(document, blocks=[right, wrong]), deck, analysis)
             if d.invariant == r.EVENT_DATES]
    assert [d.where for d in found] == ["document, table 2"]


def test_the_impact_diagnosis_counts_the_territories_the_framing_note_counts(analyses):
    """"sur 5 territoires" (the national head office counted) against "4 territoires
    régionaux": one fact, one value."""
    analysis = analyses["mutuelle_fr"]
    document, _ = build("impact_diagnosis", analysis)
    text = "\n".join(b.text for b in document.blocks if isinstance(b, Paragraph))
    assert "sur 4 territoires régionaux" in text and "5 territoires" not in text


def test_a_budget_line_is_checked_against_its_siblings_rounding_step(analyses):
    """14 days at 450 print 6 000 beside lines totalling over 10 000 (rounded to the
    thousand with them); 6 000 printed for 14 days at 850 is wrong at any step."""
    import copy

    from playbook.findings import INTERNAL_TIME, CostLine, findings

    analysis = analyses["northwind_en"]
    document, deck = build("framing_note", analysis)
    facts = findings(analysis)

    def with_line(line):
        budget = dataclasses.replace(facts.budget, lines=(line,), internal_shown=40_000.0)
        changed = copy.copy(analysis)
        object.__setattr__(changed, "_findings", dataclasses.replace(facts, budget=budget))
        return [d for d in r.check("framing_note", document, deck, changed) if d.where.startswith("budget")]

    assert with_line(CostLine("key_users", INTERNAL_TIME, 14, 450, 14, 6_000.0)) == []
    assert len(with_line(CostLine("key_users", INTERNAL_TIME, 14, 850, 14, 6_000.0))) == 1


def test_a_french_run_reads_what_the_gate_found_in_french(analyses):
    """Where and what, as the console lists them after a French run."""
    analysis = analyses["mutuelle_fr"]
    document, deck = build("impact_diagnosis", analysis)
    table = Table(["Responsable", "Jours"], [["A", "120"], ["B", "238,5"], ["Total", "356"]])
    slide = TableSlide("6 résistances", Table(["Population"], [["A"], ["B"]]), counted=6)
    found = r.check("impact_diagnosis", dataclasses.replace(document, blocks=[table]),
                    dataclasses.replace(deck, slides=[slide]), analysis)

    lines = [d.said("fr") for d in found if d.invariant in (r.TOTALS, r.TITLE_COUNT)]
    assert lines == [
        "impact_diagnosis (document, tableau 1) : colonne « Jours » : les lignes totalisent "
        "358,5, la ligne de total affiche 356 [totals]",
        "impact_diagnosis (présentation, diapositive 1 « 6 résistances ») : le titre en compte 6, "
        "la diapositive en montre 2 [title_count]"]
