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


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def test_a_gantt_labels_every_row_and_dates_its_axis_by_month_and_year(tmp_path, templates):
    chart = _chart(_slide(tmp_path, templates, _gantt()))
    skip = chart._chartSpace.find(f".//{_C}catAx/{_C}tickLblSkip")
    assert skip is not None and skip.get("val") == "1"
    assert "mmm yyyy" in chart.value_axis.tick_labels.number_format


def test_a_gantt_axis_holds_every_bar_and_a_one_day_action_is_visible(tmp_path, templates):
    d = dt.date
    gantt = Chart("gantt", tasks=[
        Task("Kick-off", d(2027, 1, 5), d(2027, 1, 5), "Lot 1"),          # one day
        Task("Jalon", d(2027, 1, 4), d(2027, 1, 4), "Lot 1", milestone=True),
        Task("Déploiement", d(2027, 2, 1), d(2027, 12, 20), "Lot 2")])
    chart = _chart(_slide(tmp_path, templates, gantt))
    offsets, *lanes = chart.plots[0].series
    starts = list(offsets.values)
    lengths = [sum(v or 0 for v in values) for values in zip(*(s.values for s in lanes),
                                                              strict=True)]
    assert chart.value_axis.minimum_scale <= min(starts)
    assert chart.value_axis.maximum_scale >= max(s + n for s, n in zip(starts, lengths,
                                                                       strict=True))
    one_day = lengths[0]
    assert one_day >= 0.01 * (_serial(d(2027, 12, 20)) - _serial(d(2027, 1, 4)))


@pytest.mark.parametrize(("kind", "on_value"), [("barh", "x_title"), ("bar", "y_title")])
def test_the_unit_titles_the_value_axis_whichever_way_the_bars_run(tmp_path, templates, kind,
                                                                   on_value):
    chart = Chart(kind, categories=["Métier", "Outil"], series=[Series("Personnes", [120, 80])],
                  **{on_value: "Personnes"})
    native = _chart(_slide(tmp_path, templates, chart))
    assert native.value_axis.has_title
    assert native.value_axis.axis_title.text_frame.text == "Personnes"
    assert not native.category_axis.has_title


def test_many_month_labels_are_all_shown_and_slanted_so_they_do_not_collide(tmp_path,
                                                                           templates):
    months = [f"{m} 2027" for m in ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                                      "août", "sept.", "oct.", "nov.", "déc.")] * 2
    chart = Chart("stacked_bar", categories=months, series=[Series("Jours", [1.0] * 24)],
                  y_title="Jours")
    native = _chart(_slide(tmp_path, templates, chart))
    axis = native._chartSpace.find(f".//{_C}catAx")
    assert axis.find(f"{_C}tickLblSkip").get("val") == "1"
    assert axis.find(f"{_C}txPr/{_A}bodyPr").get("rot") == "-2700000"


def test_few_categories_stay_level(tmp_path, templates):
    chart = Chart("bar", categories=["Lot 1", "Lot 2"], series=[Series("Jours", [3.0, 4.0])])
    axis = _chart(_slide(tmp_path, templates, chart))._chartSpace.find(f".//{_C}catAx")
    body = axis.find(f"{_C}txPr/{_A}bodyPr")
    assert body is None or body.get("rot") in (None, "0")
