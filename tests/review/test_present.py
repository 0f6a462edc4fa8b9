"""A review table reads as the report: what a reviewer sees in the notebook and its
HTML copy has no None, True, code or figure to the millionth, in the engagement's
language."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from playbook.analysis.engine import analyse
from playbook.examples import example_path
from playbook.intake import load_engagement
from playbook.render import text_check as tc
from playbook.review import framing_note, steering
from playbook.review.present import present


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in [*frame.columns, *frame.index, *frame.to_numpy().ravel()]]


def test_cells_are_worded_in_the_engagement_language(method):
    analysis = analyse(load_engagement(example_path("mutuelle_horizon")), method, "fr")
    frame = pd.DataFrame({"status": ["not_assessed", None], "done": [True, False],
                          "share": [72.789116, 3.0], "when": [dt.date(2027, 3, 1), None],
                          "lots": [["Lot 1", "Lot 2"], []]})
    shown = present(frame, analysis)
    assert shown.iloc[0].tolist() == ["Non évalué", "Oui", "72,8", "1er mars 2027", "Lot 1, Lot 2"]
    assert shown.iloc[1].tolist() == ["", "Non", "3", "", ""]


def test_the_framing_note_review_tables_carry_no_raw_value_in_either_language(method):
    for lang in ("fr", "en"):
        analysis = analyse(load_engagement(example_path("mutuelle_horizon")), method, lang)
        for table in (framing_note.scope(analysis), framing_note.team(analysis),
                      framing_note.balance(analysis), framing_note.criteria(analysis),
                      steering.kpis(analysis) if hasattr(steering, "kpis") else None):
            if not isinstance(table, pd.DataFrame):
                continue
            pieces = [tc.Piece("cell", text, tc.CELL) for text in _cells(present(table, analysis))]
            found = [(kind, message) for _, kind, message in tc.check_pieces(pieces, lang)
                     if kind in (tc.RAW_VALUE, tc.PLACEHOLDER)]
            assert found == []


def test_an_empty_table_or_one_with_repeated_headings_is_shown_as_it_stands(method):
    analysis = analyse(load_engagement(example_path("northwind_b2b")), method, "en")
    empty = present(pd.DataFrame({"status": [], "share": []}), analysis)
    assert empty.shape == (0, 2)
    assert list(empty.dtypes) == [object, object]  # no column read as figures
    assert "<table" in empty.to_html()
    repeated = present(pd.DataFrame([[True, 1.5], [False, None]], columns=["done", "done"]),
                       analysis)
    assert repeated.iloc[0].tolist() == ["Yes", "1.5"]
    assert repeated.iloc[1].tolist() == ["No", ""]
