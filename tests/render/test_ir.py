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
