"""Native PowerPoint charts: legends every renderer draws, labels that read on their bars."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx import Presentation

from playbook.render import Chart, ChartSlide, Deck, Series, Task, write_pptx
from playbook.render.palette import HOUSE, is_dark

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _slide(tmp_path, templates, chart: Chart):
    deck = Deck(title="Plan", client="Client Fictif SA", slides=[ChartSlide("Graphique", chart)])
    return Presentation(str(write_pptx(deck, tmp_path / "deck.pptx", templates))).slides[0]


def _chart(slide):
    return next(shape for shape in slide.shapes if getattr(shape, "has_chart", False)
                and shape.has_chart).chart


def _gantt() -> Chart:
    d = dt.date
    return Chart("gantt", tasks=[
        Task("Cadrage", d(2027, 1, 4), d(2027, 1, 29), "Lot 1"),
        Task("Recette", d(2027, 2, 1), d(2027, 3, 12), "Lot 2"),
        Task("COPIL", d(2027, 3, 15), d(2027, 3, 15), "Lot 2", milestone=True)])


def test_a_gantt_has_no_chart_legend_that_could_show_its_hidden_series(tmp_path, templates):
    chart = _chart(_slide(tmp_path, templates, _gantt()))
    assert not chart.has_legend
    assert chart._chartSpace.find(f".//{_C}legend") is None


def test_a_gantt_names_its_lanes_and_milestones_beside_it_in_their_colours(tmp_path, templates):
    slide = _slide(tmp_path, templates, _gantt())
    [legend] = [shape for shape in slide.shapes if shape.shape_type == 6]
    names = [s.text_frame.text for s in legend.shapes if s.name == "Legend"]
    keys = [str(s.fill.fore_color.rgb) for s in legend.shapes if s.name == "Legend key"]
    assert names == ["Lot 1", "Lot 2", "Jalons"]
    series = list(_chart(slide).plots[0].series)[1:]  # after the invisible offset
    assert keys == [str(s.format.fill.fore_color.rgb) for s in series]
    frame = next(s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart)
    assert legend.top >= frame.top + frame.height, "below the chart, not over it"


def test_a_gantt_without_legend_or_with_one_lane_draws_none(tmp_path, templates):
    one_lane = Chart("gantt", tasks=[Task("Cadrage", dt.date(2027, 1, 4), dt.date(2027, 1, 29))])
    slide = _slide(tmp_path, templates, one_lane)
    assert not [shape for shape in slide.shapes if shape.shape_type == 6]


def _label_colours(chart) -> list[str]:
    colours = []
    for ser in chart._chartSpace.findall(f".//{_C}ser"):
        colour = ser.find(f"{_C}dLbls/{_C}txPr//{_A}defRPr/{_A}solidFill/{_A}srgbClr")
        colours.append(colour.get("val") if colour is not None else "")
    return colours


@pytest.mark.parametrize("kind", ["stacked_bar", "stacked_barh"])
def test_values_inside_stacked_segments_are_white_on_dark_fills_and_dark_on_light(
        tmp_path, templates, kind):
    chart = Chart(kind, categories=["Décloisonnement", "Efficacité"], show_values=True,
                  series=[Series(name, [2, 1]) for name in ("Fort", "Moyen", "Faible", "Nul")])
    native = _chart(_slide(tmp_path, templates, chart))
    fills = [str(s.format.fill.fore_color.rgb) for s in native.plots[0].series]
    for fill, label in zip(fills, _label_colours(native), strict=True):
        assert label == ("FFFFFF" if is_dark(fill) else HOUSE.text[1:]), (fill, label)
    assert "FFFFFF" in _label_colours(native) and HOUSE.text[1:] in _label_colours(native)
    positions = {p.get("val") for p in native._chartSpace.findall(f".//{_C}dLbls/{_C}dLblPos")}
    assert positions == {"ctr"}


@pytest.mark.parametrize("kind", ["bar", "barh"])
def test_values_beside_clustered_bars_sit_outside_in_the_text_colour(tmp_path, templates, kind):
    chart = Chart(kind, categories=["Comprendre", "Vouloir"], show_values=True,
                  series=[Series("Prévues", [9, 7]), Series("Réalisées", [6, 3])])
    native = _chart(_slide(tmp_path, templates, chart))
    assert set(_label_colours(native)) == {HOUSE.text[1:]}
    positions = {p.get("val") for p in native._chartSpace.findall(f".//{_C}dLbls/{_C}dLblPos")}
    assert positions == {"outEnd"}
