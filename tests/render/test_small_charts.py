"""A chart with too little to show is the table of its figures, in reports and decks."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from playbook.render import Chart, Series, specimen
from playbook.render.ir import (
    ChartSlide,
    Deck,
    Document,
    Figure,
    Paragraph,
    Point,
    Table,
    TableSlide,
    Task,
)
from playbook.render.small_charts import chart_table, tabulated_deck, tabulated_document


def _headcount(territories: dict[str, float]) -> Chart:
    return Chart("stacked_barh", "Effectif par territoire", categories=list(territories),
                 series=[Series("Utilisateurs", list(territories.values()))], x_title="Effectif")


def _team(counts: list[float]) -> Chart:
    return Chart("doughnut", "Équilibre des profils", categories=["Senior", "Confirmé", "Junior"],
                 series=[Series("Équipe projet", counts)])


@pytest.mark.parametrize(("chart", "little"), [
    (_headcount({"Angleterre": 400, "Écosse": 64}), True),       # two bars
    (_headcount({"Nord": 19}), True),                             # one bar
    (_headcount({"Nord": 400, "Sud": 64, "Est": 120}), False),
    (_team([1, 2, 1]), True),                                     # a team of four
    (_team([8, 12, 5]), False),
    (Chart("bubble", points=[Point("Visiteurs médicaux", 3, -1, size=140)]), True),
    (specimen.buy_in_map("bubble"), False),
    (Chart("line", categories=["janv.", "févr."], series=[Series("Adoption", [0.2, 0.3])],
           value_format="0%"), True),                             # two measurements
    (Chart("bar", categories=["Humain", "Processus", "Technologie"], value_format="0%",
           series=[Series("Prévu", [0.6, 0.2, 0.2])]), False),   # shares, not a count
    (Chart("gantt", tasks=[Task("Mise en production", dt.date(2027, 3, 1), dt.date(2027, 3, 1))]),
     False),                                                      # a date still placed in time
])
def test_a_chart_says_little_below_three_items_or_ten_things_counted(chart, little):
    assert chart.says_little is little


def test_its_table_keeps_every_figure_in_the_language_and_the_order_a_chart_reads():
    table = chart_table(_headcount({"Écosse": 64, "Angleterre": 1400}), "fr")
    assert table.caption == "Effectif par territoire"
    assert table.columns == ["", "Utilisateurs"]
    named = chart_table(replace(_headcount({"Nord": 1}), category_title="Territoire"), "fr")
    assert named.columns == ["Territoire", "Utilisateurs"]
    assert table.rows == [["Angleterre", "1\u202f400"], ["Écosse", "64"]]  # largest first, as bars are
    shares = chart_table(Chart("bar", categories=["Humain", "Processus"], value_format="0%",
                               series=[Series("Prévu", [0.6, 0.4]), Series("Cible", [0.5, 0.5])]), "en")
    assert shares.columns == ["", "Prévu", "Cible"] and shares.rows[0] == ["Humain", "60%", "50%"]


def test_a_map_of_one_population_becomes_its_coordinates():
    chart = Chart("bubble", points=[Point("Visiteurs médicaux", 2.5, -1, size=140)],
                  x_title="Impact global", y_title="Adhésion", key_title="Population")
    table = chart_table(chart, "fr")
    assert table.columns == ["Population", "Impact global", "Adhésion"]
    assert table.rows == [["Visiteurs médicaux", "2,5", "-1"]]
    # on a scale, two populations at one place, drawn apart, are at the scale's value
    scaled = Chart("bubble", x_range=(0, 3), y_range=(-2, 2), x_title="Impact", y_title="Adhésion",
                   points=[Point("A", 2.85, 1, size=10), Point("B", 3.15, 1, size=20)])
    assert [row[1:] for row in chart_table(scaled, "fr").rows] == [["3", "1"], ["3", "1"]]


def test_a_report_and_a_deck_keep_their_other_charts_and_the_table_takes_the_figure_s_place():
    small, large = _headcount({"Nord": 19}), specimen.buy_in_map("bubble")
    document = tabulated_document(Document("Note", blocks=[
        Paragraph("Avant."), Figure(small, caption="Effectif"), Figure(large), Paragraph("Après.")]))
    kinds = [type(b) for b in document.blocks]
    assert kinds == [Paragraph, Table, Figure, Paragraph]
    assert document.blocks[1].caption == "Effectif" and document.blocks[1].rows == [["Nord", "19"]]
    deck = tabulated_deck(Deck("Note", slides=[ChartSlide("Territoires", small, notes="Pourquoi.",
                                                          caption="Les barres sont triées."),
                                               ChartSlide("Carte", large)]))
    first, second = deck.slides
    assert isinstance(first, TableSlide) and first.title == "Territoires" and first.notes == "Pourquoi."
    assert first.table.rows == [["Nord", "19"]] and first.table.caption == ""
    assert isinstance(second, ChartSlide)


def test_an_appendix_page_of_one_row_is_not_made_but_two_rows_are_a_table():
    deck = tabulated_deck(Deck("Note", slides=[
        ChartSlide("Territoires", _headcount({"Nord": 19}), reference=True),
        ChartSlide("Territoires", _headcount({"Nord": 19, "Sud": 40}), reference=True),
        ChartSlide("Carte", specimen.buy_in_map("bubble"), reference=True)]))
    assert [type(s) for s in deck.slides] == [TableSlide, ChartSlide]
    assert deck.slides[0].table.rows == [["Sud", "40"], ["Nord", "19"]]
