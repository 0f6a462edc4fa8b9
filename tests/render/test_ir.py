"""The intermediate representation checks what it is given where it is given."""

from __future__ import annotations

import pytest

from playbook.render import Table


def test_table_fills_are_read_with_or_without_hash_and_kept_in_one_form():
    table = Table(["Population", "Intensité"], [["Ventes", 3], ["Marketing", 1]],
                  cell_fills=[[None, "0e4d64"], [None, "#EEF3F5"]])
    assert table.cell_fills == [[None, "#0E4D64"], [None, "#EEF3F5"]]


def test_a_malformed_fill_fails_where_the_table_is_described():
    with pytest.raises(ValueError, match="not a colour 'bleu'"):
        Table(["Population"], [["Ventes"]], cell_fills=[["bleu"]])


def test_fills_must_have_the_shape_of_the_rows():
    with pytest.raises(ValueError, match="same shape"):
        Table(["Population", "Intensité"], [["Ventes", 3]], cell_fills=[[None]])


def test_a_point_label_goes_right_or_left_only():
    from playbook.render.ir import Point

    assert Point("Back office", 2.8, -1.3, label_side="left").label_side == "left"
    with pytest.raises(ValueError, match="label_side"):
        Point("Back office", 2.8, -1.3, label_side="above")


def test_a_doughnut_of_fewer_than_five_meaningful_parts_is_drawn_as_bars():
    from playbook.render.ir import Chart, Series

    few = Chart("doughnut", categories=["Senior", "Intermediate", "Junior"],
                series=[Series("Team", [4, 3, 2])])
    drawn = few.in_reading_order()
    assert drawn.kind == "barh" and drawn.categories == few.categories and drawn.show_values
    tiny = Chart("pie", categories=list("ABCDE"), series=[Series("s", [50, 40, 6, 2, 2])])
    assert tiny.in_reading_order().kind == "barh"
    enough = Chart("doughnut", categories=list("ABCDE"), series=[Series("s", [42, 18, 6, 8, 26])])
    assert enough.in_reading_order().kind == "doughnut"
