"""Review of the impact diagnosis (notebook 03): the heat map, people per
dimension, brakes, risks and the method's warnings, with the deliverable's figures."""

from __future__ import annotations

import pytest

from playbook.analysis.engine import analyse
from playbook.model import Engagement
from playbook.review import impact_diagnosis as review
from tests.factories import minimal_engagement_dict

from .helpers import figure_or_table, picture


def dimensions(analysis) -> list[str]:
    return list(analysis.method.dimensions.codes)


# --------------------------------------------------------------------------- heat map


def test_the_population_table_has_one_row_per_population_with_its_overall_level(example):
    table = review.heat_map(example)
    levels = example.diagnosis.levels
    assert table.index.name == "population"
    assert list(table.index) == [p.name for p in example.engagement.populations]
    assert list(table.columns) == ["headcount", *dimensions(example), "level", "bumped", "crm_user",
                                   "buy_in", "segment"]
    assert table["level"].to_dict() == levels["level"].to_dict()
    assert table["level"].between(0, 3).all()


def test_the_overall_level_is_never_below_the_strongest_intensity(example):
    table = review.heat_map(example)
    strongest = table[dimensions(example)].max(axis=1)
    assert (table["level"] >= strongest).all()
    assert (table.loc[table["bumped"], "level"] > strongest[table["bumped"]]).all()


def test_the_heat_map_shows_each_impact_of_the_intake_at_its_intensity(minimal):
    table = review.heat_map(minimal)
    for impact in minimal.engagement.impacts:
        assert table.at[impact.population, impact.dimension.value] == impact.intensity
    assert table.at["Agency managers", "job"] == 0
    assert table.loc["Agency advisers", ["job", "tool"]].tolist() == [3, 2]
    assert table.at["Agency advisers", "level"] == 3


def test_the_heat_map_gives_headcount_use_of_the_crm_and_buy_in_as_mapped(example):
    table = review.heat_map(example)
    for p in example.engagement.populations:
        assert table.at[p.name, "headcount"] == p.headcount
        assert table.at[p.name, "crm_user"] == p.crm_user
        assert table.at[p.name, "buy_in"] == p.buy_in.value


def test_segment_labels_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = review.heat_map(mutuelle)["segment"], review.heat_map(mutuelle_en)["segment"]
    assert "Convaincre en priorité" in set(french)
    assert "Convince first" in set(english)
    assert (french.index == english.index).all()


def test_a_population_without_impact_is_at_level_zero(nothing_planned):
    table = review.heat_map(nothing_planned)
    assert len(table) == 1
    assert (table[dimensions(nothing_planned)] == 0).all(axis=None)
    assert table["level"].iloc[0] == 0


# --------------------------------------------------------------------------- people per dimension


def test_people_per_dimension_has_one_row_per_dimension_of_the_method(example):
    table = review.people_per_dimension(example)
    assert list(table.index) == dimensions(example)
    assert list(table.columns[:2]) == ["people_impacted", "people_strongly_impacted"]


def test_people_per_dimension_agrees_with_the_heat_map(example):
    heat = review.heat_map(example)
    table = review.people_per_dimension(example)
    strong = example.method.dimensions.overall_level.strong_intensity
    for dimension in dimensions(example):
        intensity = heat[dimension]
        assert table.at[dimension, "people_impacted"] == heat.loc[intensity >= 1, "headcount"].sum()
        assert table.at[dimension, "people_strongly_impacted"] == heat.loc[intensity >= strong,
                                                                           "headcount"].sum()
        assert table.at[dimension, "populations_strongly_impacted"] == (intensity >= strong).sum()


# --------------------------------------------------------------------------- brakes, risks, warnings


def test_the_brakes_table_has_one_row_per_brake_found_most_severe_first(example):
    table = review.brakes(example)
    assert list(table.columns) == ["population", "brake", "severity", "observed", "reasons"]
    assert len(table) == len(example.diagnosis.brakes)
    assert list(table["severity"]) == sorted(table["severity"], reverse=True)


def test_every_brake_gives_all_its_reasons(example):
    table = review.brakes(example)
    assert table["reasons"].map(bool).all()
    by_key = {(b.population, b.brake): b for b in example.diagnosis.brakes}
    for row in table.itertuples():
        assert row.reasons.split("\n") == list(by_key[(row.population, row.brake)].reasons)


def test_a_brake_observed_in_the_field_is_flagged_with_its_evidence(minimal):
    table = review.brakes(minimal)
    observed = table[table["observed"]]
    assert list(zip(observed["population"], observed["brake"], strict=True)) == [
        ("Agency advisers", "efficiency_loss")]
    evidence = minimal.engagement.resistances[0].evidence
    assert evidence in observed["reasons"].iloc[0]


def test_an_observed_brake_comes_before_an_equally_severe_one_only_inferred(method):
    data = minimal_engagement_dict()
    data["resistances"] = [{"population": "Back-office assistants", "brake": "admin_load",
                            "evidence": "More typing for us, and nobody asked."}]
    table = review.brakes(analyse(Engagement.model_validate(data), method))
    assert list(table["severity"])[:2] == [3, 3]
    assert list(table["observed"])[:2] == [True, False]
    assert table["brake"].iloc[0] == "admin_load"


def test_with_no_impact_there_is_no_brake_but_the_table_keeps_its_columns(nothing_planned):
    table = review.brakes(nothing_planned)
    assert table.empty
    assert list(table.columns) == ["population", "brake", "severity", "observed", "reasons"]


def test_the_risk_table_has_one_row_per_population_with_both_risks_and_their_reasons(example):
    table = review.risks(example)
    assert table.index.name == "population"
    assert set(table.index) == {p.name for p in example.engagement.populations}
    assert list(table.columns) == ["rejection", "rejection_reason", "misuse", "misuse_reason"]
    for r in example.diagnosis.risks:
        assert table.at[r.population, r.kind] == r.level
        assert table.at[r.population, f"{r.kind}_reason"] == (r.reasons[0] if r.reasons else "")
    high = table[(table["rejection"] >= 2) | (table["misuse"] >= 2)]
    assert len(high) and (high["rejection_reason"].map(bool) | high["misuse_reason"].map(bool)).all()


def test_risk_reasons_follow_the_analysis_language(mutuelle, mutuelle_en):
    french, english = review.risks(mutuelle), review.risks(mutuelle_en)
    assert french["rejection"].to_dict() == english["rejection"].to_dict()
    # Two causes weigh the same for this population: both are given, in its language.
    assert french.at["Conseillers en agence – Nord", "rejection_reason"].startswith("Deux causes pèsent autant")
    assert "Frein « Décloisonnement »" in french.at["Conseillers en agence – Nord", "rejection_reason"]
    assert english.at["Conseillers en agence – Nord", "rejection_reason"].startswith("Two causes weigh the same")


def test_the_warnings_table_lists_the_method_checks_with_their_messages(example):
    table = review.warnings(example)
    assert list(table.columns) == ["code", "message", "subject", "severity"]
    assert len(table) == len(example.diagnosis.warnings)
    assert table["message"].map(bool).all()
    assert "territory_without_sponsor" in set(table["code"])


def test_an_early_workbook_gets_warnings_not_a_crash(nothing_planned):
    table = review.warnings(nothing_planned)
    assert len(table) > 0
    assert table["message"].map(bool).all()


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("figure", [review.heat_map_figure, review.bubble_figure, review.people_figure],
                         ids=["heat_map", "bubble", "people"])
def test_each_diagnosis_figure_is_a_png_at_the_document_width(example, figure):
    picture(figure(example))


@pytest.mark.parametrize("figure", [review.heat_map_figure, review.bubble_figure, review.people_figure],
                         ids=["heat_map", "bubble", "people"])
def test_the_diagnosis_figures_show_even_when_nothing_is_impacted(nothing_planned, figure):
    """A figure, or when there is too little to chart (one population, nobody
    impacted) the table of its figures, as the report gives it."""
    figure_or_table(figure(nothing_planned))


def test_a_crowded_map_is_shown_numbered_with_its_key_as_the_report_prints_it(
        mutuelle, monkeypatch, tmp_path):
    """The report numbers the markers of a map whose names would collide and prints
    their key below it; the notebook shows that same drawing, once for both, and
    the same key (number, then population)."""
    from playbook.render import charts
    from playbook.render.deliverables import impact_diagnosis as deliverable
    from playbook.render.docx import write_docx
    from playbook.render.ir import Document, Figure

    drawn = []
    real = charts._draw_png
    monkeypatch.setattr(charts, "_draw_png", lambda *a: drawn.append(a[0].numbered) or real(*a))
    monkeypatch.setattr(charts, "_DRAWN", type(charts._DRAWN)())
    shown = review.bubble_figure(mutuelle)
    picture(shown)

    map_ = deliverable.bubble_chart(mutuelle)
    write_docx(Document("Diagnostic", lang="fr", blocks=[Figure(map_)]), tmp_path / "report.docx")

    assert drawn == [True], "one drawing, numbered as the report numbers it"
    names = [point.label for point in map_.points]
    assert list(shown.key.index) == [str(n) for n in range(1, len(names) + 1)]
    assert list(shown.key.iloc[:, 0]) == names
    assert shown.key.columns[0] == map_.key_title


def test_a_map_whose_names_fit_is_shown_with_its_names_and_no_key(monkeypatch):
    from playbook.render import specimen
    from playbook.review.common import show

    shown = show(specimen.buy_in_map("bubble"), "fr")
    picture(shown)
    assert not hasattr(shown, "key")


def test_the_heat_map_figure_grows_with_the_number_of_populations(mutuelle, minimal):
    many, few = picture(review.heat_map_figure(mutuelle)), picture(review.heat_map_figure(minimal))
    assert many.height > few.height
