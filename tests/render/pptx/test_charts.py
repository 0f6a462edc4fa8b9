"""Native PowerPoint charts: legends every renderer draws, labels that read on their bars."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx import Presentation
from pptx.util import Pt

from playbook.render import Chart, ChartSlide, Deck, Point, Quadrants, Series, Task, write_pptx
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
    legend = _group(slide, "Legend")
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
    assert not [shape for shape in slide.shapes if shape.shape_type == 6 and
                any(s.name == "Legend" for s in shape.shapes)]


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


def _group(slide, name: str):
    return next(shape for shape in slide.shapes if shape.shape_type == 6 and shape.name == name)


def test_a_gantt_labels_every_row_and_dates_its_axis_by_month_and_year(tmp_path, templates):
    slide = _slide(tmp_path, templates, _gantt())
    chart = _chart(slide)
    rows = _group(slide, "Row labels").shapes
    assert [shape.text_frame.text for shape in rows] == ["Cadrage", "Recette", "COPIL"]
    tops = [shape.top for shape in rows]
    assert tops == sorted(tops), "in the rows' order, first at the top"
    months = _group(slide, "Months").shapes
    assert [s.text_frame.text for s in months if s.has_text_frame and s.text_frame.text][:2] == [
        "janv. 2027", "févr. 2027"]
    assert chart.value_axis.has_major_gridlines is False  # drawn on each month's first day instead


def test_a_gantt_draws_its_month_lines_on_the_first_day_of_each_month(tmp_path, templates):
    d = dt.date
    gantt = Chart("gantt", tasks=[Task("Cadrage", d(2027, 1, 18), d(2027, 3, 10), "Lot 1"),
                                  Task("Recette", d(2027, 4, 12), d(2027, 9, 20), "Lot 2")])
    slide = _slide(tmp_path, templates, gantt)
    chart = _chart(slide)
    low, high = chart.value_axis.minimum_scale, chart.value_axis.maximum_scale
    assert _day(low).day == 1, "the axis opens on a month's first day"
    frame = next(s for s in slide.shapes if s.has_chart)
    plot_x, plot_w = _plot_span(frame)
    lines = [s for s in _group(slide, "Months").shapes if s.name == "Month line"]
    assert lines
    for line in lines:
        day = _day(low + (line.begin_x - plot_x) / plot_w * (high - low))
        assert day.day == 1 or (day + dt.timedelta(days=1)).day == 1, day
    order = [shape.shape_id for shape in slide.shapes]
    assert order.index(_group(slide, "Months").shape_id) < order.index(frame.shape_id), \
        "month lines lie behind the bars"


def test_a_gantts_groups_frame_exactly_the_shapes_they_hold(tmp_path, templates):
    # PowerPoint places a group's members through the group's own frame: a frame that
    # is not their union moves or stretches the row names and month lines on the slide
    d = dt.date
    gantt = Chart("gantt", legend=True, tasks=[
        Task("Cadrage", d(2027, 1, 4), d(2027, 1, 29), "Lot 1"),
        Task("Recette", d(2027, 2, 1), d(2027, 5, 12), "Lot 2"),
        Task("Déploiement", d(2027, 5, 15), d(2027, 9, 30), "Lot 3")])
    slide = _slide(tmp_path, templates, gantt)
    for name in ("Row labels", "Months", "Legend"):
        group = _group(slide, name)
        members = list(group.shapes)
        assert len(members) >= 3, name
        union = (min(m.left for m in members), min(m.top for m in members),
                 max(m.left + m.width for m in members), max(m.top + m.height for m in members))
        assert (group.left, group.top, group.left + group.width, group.top + group.height) == union, name
        xfrm = group._element.grpSpPr.find(f"{_A}xfrm")
        child_offset, child_extent = xfrm.find(f"{_A}chOff"), xfrm.find(f"{_A}chExt")
        assert (int(child_offset.get("x")), int(child_offset.get("y"))) == union[:2], name
        assert (int(child_extent.get("cx")), int(child_extent.get("cy"))) == (
            union[2] - union[0], union[3] - union[1]), name


def _day(serial: float) -> dt.date:
    return dt.date(1899, 12, 30) + dt.timedelta(days=round(serial))


def _plot_span(frame) -> tuple[float, float]:
    """(left edge, width) of the chart's pinned inner plot area, in EMU."""
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    layout = frame.chart._chartSpace.find(".//c:plotArea/c:layout/c:manualLayout", ns)
    x = float(layout.find("c:x", ns).get("val"))
    w = float(layout.find("c:w", ns).get("val"))
    return frame.left + x * frame.width, w * frame.width


def test_a_crowded_gantt_names_every_row_in_full_without_overlap(tmp_path, templates):
    d = dt.date
    long = "Lot 2 – Plateforme d’appels et service client – Mise en production"
    tasks = [Task(f"{long} {n}", d(2027, 1, 4) + dt.timedelta(days=7 * n),
                  d(2027, 2, 4) + dt.timedelta(days=7 * n), "Lot 1") for n in range(22)]
    rows = list(_group(_slide(tmp_path, templates, Chart("gantt", tasks=tasks)),
                       "Row labels").shapes)
    assert [" ".join(s.text_frame.text.split()) for s in rows] == [t.label for t in tasks]
    for upper, lower in zip(rows, rows[1:], strict=False):
        assert upper.top + upper.height <= lower.top + Pt(1), "rows' names do not overlap"


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


def _all_shapes(shapes):
    for shape in shapes:
        if shape.shape_type == 6:  # group
            yield from _all_shapes(shape.shapes)
        else:
            yield shape


def _map_slides(tmp_path, templates, points, lang="fr"):
    quadrants = Quadrants("Appuis", "Ambassadeurs", "Informer", "Convaincre", 1.5, 0.5)
    chart = Chart("bubble", points=points, quadrants=quadrants, x_range=(0.5, 3.5),
                  y_range=(-2.5, 2.5), key_title="Population")
    deck = Deck(title="Plan", client="Client Fictif SA", lang=lang,
                slides=[ChartSlide("Carte", chart)])
    return list(Presentation(str(write_pptx(deck, tmp_path / "deck.pptx", templates))).slides)


def _point_labels(slide) -> list[str]:
    chart = next(s for s in _all_shapes(slide.shapes) if getattr(s, "has_chart", False)
                 and s.has_chart).chart
    return [t for t in chart._chartSpace.xpath(".//c:dLbl//a:t/text()")]


def _table_rows(slide) -> list[list[str]]:
    table = next(s for s in slide.shapes if s.has_table).table
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_sparse_map_names_its_points_beside_their_markers(tmp_path, templates):
    slides = _map_slides(tmp_path, templates, [Point("Ventes", 3, -1, 100, "A"),
                                               Point("Marketing", 2, 1, 40, "B")])
    assert len(slides) == 1
    assert sorted(_point_labels(slides[0])) == ["Marketing", "Ventes"]
    assert not any(s.has_table for s in slides[0].shapes)


def test_a_crowded_map_numbers_its_markers_with_the_key_beside_it(tmp_path, templates):
    names = ["Conseillers en agence – Nord", "Directeurs d’agence", "Équipe marketing"]
    points = [Point(name, 3 + dx, 1, 100, "A") for name, dx in zip(names, (-0.3, 0, 0.3),
                                                                     strict=True)]
    [slide] = _map_slides(tmp_path, templates, points)
    assert sorted(_point_labels(slide)) == ["1", "2", "3"]
    assert _table_rows(slide) == [["N°", "Population"], *([str(n), name]
                                                           for n, name in enumerate(names, 1))]
    frame = next(s for s in _all_shapes(slide.shapes) if getattr(s, "has_chart", False)
                 and s.has_chart)
    table = next(s for s in slide.shapes if s.has_table)
    assert table.left >= frame.left + frame.width, "beside the map, not over it"


def test_a_key_too_long_to_stand_beside_the_map_continues_on_the_next_slides(tmp_path, templates):
    names = [f"Population {n} – relation adhérents, prévoyance collective et santé"
             for n in range(1, 23)]
    points = [Point(name, 2 + (n % 2), 1 - (n % 3), 10 + n, "A") for n, name in enumerate(names)]
    slides = _map_slides(tmp_path, templates, points)
    assert len(slides) >= 2
    assert not any(s.has_table for s in slides[0].shapes), "the map keeps its width"
    keyed = [row for slide in slides[1:] for row in _table_rows(slide)[1:]]
    assert keyed == [[str(n), name] for n, name in enumerate(names, 1)]
    assert slides[1].shapes.title.text_frame.text == "Carte (suite)"


def _marker_colours(slide) -> dict[str, str]:
    """Each numbered point's marker fill, by its number."""
    chart = next(s for s in _all_shapes(slide.shapes) if getattr(s, "has_chart", False)
                 and s.has_chart).chart
    colours = {}
    for series in chart.plots[0].series:
        for dpt in series._element.findall(f"{_C}dPt"):
            index = int(dpt.find(f"{_C}idx").get("val"))
            fill = dpt.find(f"{_C}marker/{_C}spPr/{_A}solidFill/{_A}srgbClr").get("val")
            label = next(d for d in series._element.iter(f"{_C}dLbl")
                         if d.find(f"{_C}idx").get("val") == str(index))
            colours["".join(t.text for t in label.iter(f"{_A}t"))] = fill
    return colours


def test_a_group_colour_follows_its_code_not_its_place_in_the_language(tmp_path, templates):
    crowd = [Point("Nord", 2.9, 1, 100, "Convaincre", colour=1),
             Point("Sud", 3.1, 1, 40, "Appuyer", colour=0)]
    english = [Point("Nord", 2.9, 1, 100, "Convince", colour=1),
               Point("Sud", 3.1, 1, 40, "Lean on", colour=0)]
    french = _marker_colours(_map_slides(tmp_path / "fr", templates, crowd)[0])
    assert french == {"1": HOUSE.series(1).lstrip("#"), "2": HOUSE.series(0).lstrip("#")}
    assert _marker_colours(_map_slides(tmp_path / "en", templates, english, "en")[0]) == french


def _categories(chart) -> list[str]:
    return [str(c) for c in chart.plots[0].categories]


@pytest.mark.parametrize("kind", ["bar", "barh", "stacked_barh"])
def test_bars_are_drawn_largest_first(tmp_path, templates, kind):
    chart = Chart(kind, categories=["Outil", "Métier", "Culture"],
                  series=[Series("Nord", [80, 120, 10]), Series("Sud", [5, 30, 90])])
    native = _chart(_slide(tmp_path, templates, chart))
    assert _categories(native) == ["Métier", "Culture", "Outil"]  # 150, 100, 85
    assert list(native.plots[0].series[0].values) == [120, 10, 80]


def test_bars_in_an_order_of_their_own_keep_it(tmp_path, templates):
    months = ["janv. 2027", "févr. 2027", "mars 2027"]
    chart = Chart("stacked_bar", categories=months, series=[Series("Jours", [1.0, 5.0, 3.0])],
                  natural_order=True)
    assert _categories(_chart(_slide(tmp_path, templates, chart))) == months


def _lane_colours(slide) -> dict[str, str]:
    chart = _chart(slide)
    legend = _group(slide, "Legend")
    names = [s.text_frame.text for s in legend.shapes if s.name == "Legend"]
    keys = [str(s.fill.fore_color.rgb) for s in legend.shapes if s.name == "Legend key"]
    series = {s.name: str(s.format.fill.fore_color.rgb) for s in list(chart.plots[0].series)[1:]}
    assert dict(zip(names, keys, strict=True)) == series, "the legend shows the bars' colours"
    return series


def test_a_gantt_lane_keeps_the_colour_it_names_on_every_slide(tmp_path, templates):
    d = dt.date
    both = Chart("gantt", tasks=[
        Task("Kick-off", d(2027, 1, 4), d(2027, 1, 29), "Comprendre", colour=0),
        Task("Formation", d(2027, 2, 1), d(2027, 3, 12), "Pouvoir", colour=3),
        Task("COPIL", d(2027, 3, 15), d(2027, 3, 15), "Jalons", milestone=True)])
    alone = Chart("gantt", tasks=[
        Task("Formation", d(2027, 2, 1), d(2027, 3, 12), "Pouvoir", colour=3),
        Task("COPIL", d(2027, 3, 15), d(2027, 3, 15), "Jalons", milestone=True)])
    first = _lane_colours(_slide(tmp_path / "a", templates, both))
    second = _lane_colours(_slide(tmp_path / "b", templates, alone))
    assert first["Pouvoir"] == second["Pouvoir"] == HOUSE.series(3).lstrip("#")
    assert first["Comprendre"] == HOUSE.series(0).lstrip("#")


def test_every_group_of_a_map_declares_the_longest_groups_point_count(tmp_path, templates):
    # LibreOffice sizes a scatter's rows by its first series: a one-point group drawn
    # first lost its population in the render unless every series declares as many.
    points = [Point("Inspecteurs – Est", 2, 1, 7, "Appui", colour=0),
              *(Point(f"Population {n}", 3, -1 + 0.1 * n, 100, "Convaincre", colour=1)
                for n in range(3)),
              Point("Courtiers", 1, 0, 220, "Informer", colour=2)]
    [slide] = _map_slides(tmp_path, templates, points)
    chart = next(s for s in _all_shapes(slide.shapes) if getattr(s, "has_chart", False)
                 and s.has_chart).chart
    series = chart._chartSpace.xpath(".//c:ser")
    assert [[float(v) for v in s.xpath("./c:yVal//c:pt/c:v/text()")] for s in series] == [
        [1.0], [-1.0, -0.9, -0.8], [0.0]]
    declared = {int(v) for s in series
                for v in s.xpath("./c:xVal//c:ptCount/@val | ./c:yVal//c:ptCount/@val")}
    assert declared == {3}


def test_labels_and_flat_shapes_are_written_as_python_pptx_writes_them(templates):
    """Gantt labels, legend names and message cards are written as XML directly: the
    same elements, attributes and order as python-pptx's text, fill and line proxies
    make, so a deck is the same file either way."""
    from lxml import etree
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN

    from playbook.render.pptx.charts import _label, _rgb, flat_shape

    slide = Presentation(str(templates / "house.pptx")).slides.add_slide(
        Presentation(str(templates / "house.pptx")).slide_layouts[0])
    shapes = slide.shapes
    direct = []
    for lines, align, middle in ((["Équipe\u00a0support", "CRM"], "r", True), (["janv."], "ctr", False),
                                 (["Vague 1 & <2>"], None, True)):
        _label(shapes, (10, 20, 300, 400), "Row label", lines, 10, "#1F3A5F", align, middle)
        direct.append(shapes[-1]._element)
        proxied = shapes.add_textbox(10, 20, 300, 400)
        proxied.name = "Row label"
        frame = proxied.text_frame
        frame.word_wrap = False
        frame.auto_size = MSO_AUTO_SIZE.NONE
        if middle:
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        for number, text in enumerate(lines):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            if align:
                paragraph.alignment = {"r": PP_ALIGN.RIGHT, "ctr": PP_ALIGN.CENTER}[align]
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(10)
            run.font.color.rgb = _rgb("#1F3A5F")
        direct.append(proxied._element)
    for kind in (MSO_SHAPE.RECTANGLE, MSO_SHAPE.OVAL):
        flat = shapes.add_shape(kind, 0, 0, 100, 100)
        flat_shape(flat, "#D4E1EC")
        direct.append(flat._element)
        proxied = shapes.add_shape(kind, 0, 0, 100, 100)
        proxied.fill.solid()
        proxied.fill.fore_color.rgb = _rgb("#D4E1EC")
        proxied.line.fill.background()
        proxied.shadow.inherit = False
        proxied._element.remove(proxied._element.find(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}style"))
        direct.append(proxied._element)

    def without_id(element):
        xml = etree.tostring(element).decode()
        return xml.replace(f'id="{element.shape_id}"', "").replace(
            f' {element.shape_id - 1}"', '"')

    for ours, theirs in zip(direct[::2], direct[1::2], strict=True):
        assert without_id(ours) == without_id(theirs)
