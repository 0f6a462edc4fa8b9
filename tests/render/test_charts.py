"""Word figures: crisp PNGs at the requested width; heat maps as shaded tables."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from playbook.render import Chart, Task, specimen
from playbook.render.charts import (
    DPI,
    chart_figure,
    heat_colour,
    heatmap_table,
    month_ticks,
    render_png,
)


@pytest.mark.parametrize("chart", [
    specimen.brakes_bar("stacked_barh"), specimen.brakes_bar("bar"), specimen.levers_bar(),
    specimen.adoption_line(), specimen.buy_in_map("bubble"), specimen.buy_in_map("scatter"),
    specimen.impact_heatmap(), specimen.plan_gantt(), specimen.training_doughnut("pie"),
], ids=lambda c: c.kind)
def test_every_chart_kind_renders_at_print_resolution(chart):
    image = Image.open(io.BytesIO(render_png(chart, "fr", 6.5)))
    assert image.width == round(6.5 * DPI)
    assert DPI >= 200
    assert image.convert("RGB").getextrema() != ((255, 255), (255, 255), (255, 255)), "not blank"
    assert image.getpixel((2, 2)) == image.getpixel((image.width - 3, 2)), "a flat background"


def test_a_heat_map_becomes_a_table_with_one_shade_per_intensity():
    table = heatmap_table(specimen.impact_heatmap(), "fr", corner="Population")
    assert table.columns[0] == "Population"
    assert len(table.rows) == 6
    assert table.rows[0][1:] == ["3", "2", "3", "1", "2", "2"]
    assert table.cell_fills[0][1] == heat_colour(3, 0, 3) != heat_colour(1, 0, 3)
    assert table.cell_fills[0][0] is None


def _gantt_over(months: int) -> Chart:
    start = dt.date(2027, 1, 4)
    tasks = [Task(f"Vague {i + 1} de formation", start + dt.timedelta(days=30 * i),
                  start + dt.timedelta(days=30 * i + 45), f"Lot {i % 3 + 1}")
             for i in range(months)]
    return Chart("gantt", tasks=tasks)


@pytest.mark.parametrize("months", [6, 12, 18, 30])
def test_gantt_month_labels_never_overlap_however_long_the_plan(months):
    figure = chart_figure(_gantt_over(months), "fr", 6.3)
    renderer = figure.canvas.get_renderer()
    labels = [t for t in figure.axes[0].get_xticklabels() if t.get_text()]
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    assert len(labels) >= 4, "the reader can still place a bar in time"
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:], strict=False)), "labels collide"


def test_long_plans_show_every_second_or_third_month_on_calendar_boundaries():
    ticks, slanted = month_ticks(dt.date(2027, 1, 4), dt.date(2028, 6, 30), 300, "fr")
    assert not slanted
    days = list(ticks)
    steps = {(b.year - a.year) * 12 + b.month - a.month
             for a, b in zip(days, days[1:], strict=False)}
    assert len(steps) == 1 and steps <= {2, 3}
    step = steps.pop()
    assert all((day.month - 1) % step == 0 for day in days), "on the calendar's quarters"


def test_short_plans_show_every_month_in_the_documents_language():
    fr, _ = month_ticks(dt.date(2027, 1, 4), dt.date(2027, 5, 30), 300, "fr")
    en, _ = month_ticks(dt.date(2027, 1, 4), dt.date(2027, 5, 30), 300, "en")
    assert list(fr.values()) == ["févr. 2027", "mars 2027", "avr. 2027", "mai 2027"]
    assert list(en.values()) == ["Feb 2027", "Mar 2027", "Apr 2027", "May 2027"]


def test_gantt_task_names_never_overlap_and_keep_every_word():
    lots = ["Lot 2 – Plateforme d'appels et service client", "Lot 3 – Campagnes marketing"]
    steps = ["Conception", "Recette", "Mise en production"]
    start = dt.date(2027, 3, 1)
    tasks = [Task(f"{lot} – {step}", start + dt.timedelta(days=20 * i),
                  start + dt.timedelta(days=20 * i), "Jalons", milestone=True)
             for i, (lot, step) in enumerate((lot, step) for lot in lots for step in steps)]
    tasks += [Task(f"Action d'accompagnement numéro {i}", start, start + dt.timedelta(days=90),
                   "Comprendre") for i in range(32)]
    figure = chart_figure(Chart("gantt", tasks=tasks), "fr", 6.3, height_in=8.0)
    renderer = figure.canvas.get_renderer()
    labels = figure.axes[0].texts  # the rows' names, beside the plot
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.y0)
    assert all(a.y1 <= b.y0 + 0.5 for a, b in zip(boxes, boxes[1:], strict=False)), "names collide"
    names = [t.get_text().replace("\n", " ") for t in labels]
    assert len(set(names)) == len(names), "every row still tells itself apart"
    assert "Lot 2 – Plateforme d’appels et service client – Mise en production" in names
    assert not any("…" in n for n in names)


def test_a_chart_shown_in_a_notebook_is_drawn_once_for_the_document_too(monkeypatch, tmp_path):
    from playbook.render import charts
    from playbook.render.docx import write_docx
    from playbook.render.ir import Document, Figure
    from playbook.review.common import show

    drawn = []
    real = charts._draw_png
    monkeypatch.setattr(charts, "_draw_png", lambda *a: drawn.append(a[0].kind) or real(*a))
    monkeypatch.setattr(charts, "_DRAWN", type(charts._DRAWN)())
    chart = specimen.brakes_bar("bar")

    shown = show(chart, "fr")
    write_docx(Document("Note", lang="fr", blocks=[Figure(chart)]), tmp_path / "note.docx")

    assert drawn == ["bar"]  # the review drawing is the document's drawing
    assert Image.open(io.BytesIO(shown.data)).size[0] > 1000


def test_a_changed_chart_is_drawn_again():
    first = specimen.brakes_bar("bar")
    second = specimen.brakes_bar("stacked_barh")
    assert render_png(first, "fr", 6.0) != render_png(second, "fr", 6.0)
    assert render_png(first, "fr", 6.0) != render_png(first, "fr", 5.0)


def test_a_scale_map_ticks_only_its_whole_values_not_the_padding():
    """Impact 0-3 padded to -0.5..3.5 must not read "-0.5" or "3.5" on the axis."""
    figure = chart_figure(specimen.buy_in_map("bubble"), "fr", 6.0)
    axes = figure.axes[0]
    for ticks, (low, high) in ((axes.get_xticks(), axes.get_xlim()),
                               (axes.get_yticks(), axes.get_ylim())):
        shown = [t for t in ticks if low <= t <= high]
        assert shown and all(float(t).is_integer() for t in shown), shown


def test_word_bars_are_drawn_largest_first_from_the_top():
    from playbook.render import Series

    chart = Chart("barh", categories=["Outil", "Métier", "Culture"],
                  series=[Series("Personnes", [80, 120, 100])], x_title="Personnes")
    axes = chart_figure(chart, "fr", 6.0).axes[0]
    by_height = sorted(((tick.get_position()[1], tick.get_text())
                        for tick in axes.get_yticklabels()), reverse=True)
    assert [text for _, text in by_height] == ["Métier", "Culture", "Outil"]
    assert axes.get_xlabel() == "Personnes", "the unit titles the value axis"


def test_word_bars_in_an_order_of_their_own_keep_it():
    from playbook.render import Series

    chart = Chart("bar", categories=["janv.", "févr.", "mars"], natural_order=True,
                  series=[Series("Jours", [1.0, 5.0, 3.0])])
    axes = chart_figure(chart, "fr", 6.0).axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["janv.", "févr.", "mars"]


def test_a_crowded_word_map_numbers_its_markers():
    from playbook.render import Point, Quadrants

    names = ["Conseillers en agence – Nord", "Directeurs d’agence", "Équipe marketing"]
    chart = Chart("bubble", points=[Point(n, 3 + dx, 1, 50, "A") for n, dx in
                                    zip(names, (-0.3, 0, 0.3), strict=True)],
                  quadrants=Quadrants("a", "b", "c", "d", 1.5, 0.5), x_range=(0.5, 3.5),
                  y_range=(-2.5, 2.5), numbered=True)
    texts = {t.get_text() for t in chart_figure(chart, "fr", 6.0).axes[0].texts}
    assert {"1", "2", "3"} <= texts and not texts & set(names)


def test_each_gantt_task_is_a_bar_on_its_row_over_its_dates_one_artist_per_lane():
    """Every task keeps its bar, from its first day to the end of its last, on its own
    row (first task at the top); a lane's bars are drawn as one artist, not one per task."""
    from matplotlib import dates as mdates

    chart = _gantt_over(12)
    axes = chart_figure(chart, "fr", 6.3).axes[0]
    lanes = list(dict.fromkeys(t.lane for t in chart.tasks))
    assert len(axes.collections) == len(lanes) and not axes.patches
    drawn = sorted((round(v[:, 0].min(), 6), round(v[:, 0].max(), 6),
                    round((v[:, 1].min() + v[:, 1].max()) / 2, 6))
                   for bars in axes.collections for v in (p.vertices for p in bars.get_paths()))
    tasks = sorted(chart.tasks, key=lambda t: lanes.index(t.lane))
    rows = {id(t): len(tasks) - 1 - row for row, t in enumerate(tasks)}
    expected = sorted((round(mdates.date2num(t.start), 6),
                       round(mdates.date2num(t.end + dt.timedelta(days=1)), 6), rows[id(t)])
                      for t in chart.tasks)
    assert drawn == expected


@pytest.mark.parametrize("kind", ["stacked_bar", "bar", "stacked_barh", "barh"])
def test_each_bar_value_is_written_on_its_bar_one_artist_per_series(kind):
    """Every value is labelled on its own bar (centred on its segment when stacked, at
    its end otherwise), and a series' bars are drawn as one artist, not one per bar."""
    from matplotlib.transforms import Bbox

    from playbook.render import Series

    chart = Chart(kind, categories=["Outil", "Métier", "Culture"], show_values=True,
                  natural_order=True, series=[Series("Prévu", [12.0, 30.0, 7.0]),
                                              Series("Réalisé", [5.0, 18.0, 9.0])])
    figure = chart_figure(chart, "fr", 6.0)
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    assert len(axes.collections) == len(chart.series) and not axes.patches
    labels = {t.get_text(): t.get_window_extent(renderer) for t in axes.texts}
    for series, bars in zip(chart.series, axes.collections, strict=True):
        for value, path in zip(series.values, bars.get_paths(), strict=True):
            bar = Bbox.from_extents(*axes.transData.transform(path.vertices).min(0),
                                    *axes.transData.transform(path.vertices).max(0))
            label = labels[f"{value:.0f}"]
            x, y = (label.x0 + label.x1) / 2, (label.y0 + label.y1) / 2
            if kind.startswith("stacked"):
                assert bar.contains(x, y), (value, "centred on its segment")
            elif kind == "bar":
                assert bar.x0 < x < bar.x1 and label.y0 >= bar.y1, (value, "above its bar")
            else:
                assert bar.y0 < y < bar.y1 and label.x0 >= bar.x1, (value, "right of its bar")


@pytest.mark.parametrize("chart", [
    specimen.brakes_bar("stacked_barh"), specimen.brakes_bar("bar"), specimen.plan_gantt(),
    specimen.buy_in_map("bubble"), specimen.impact_heatmap(), specimen.training_doughnut(),
], ids=lambda c: c.kind)
def test_a_title_stands_above_the_plot_and_clear_of_every_label(chart):
    """A chart's title starts at the plot's left edge, above it and above any name
    written over it (a heat map's columns), and inside the picture."""
    from dataclasses import replace

    from matplotlib.text import Text

    words = "Freins au changement par population"
    figure = chart_figure(replace(chart, title=words), "fr", 6.3)
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    (title,) = [t.get_window_extent(renderer) for t in axes.get_children()
                if isinstance(t, Text) and t.get_text() == words]
    plot = axes.get_window_extent(renderer)
    assert plot.y1 <= title.y0 and title.y1 <= figure.bbox.y1
    assert abs(title.x0 - plot.x0) < 2
    for label in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        if label.get_text():
            assert not title.overlaps(label.get_window_extent(renderer)), label.get_text()


def test_a_gantt_lane_takes_the_colour_its_tasks_name():
    from matplotlib.colors import to_hex

    from playbook.render.palette import HOUSE

    chart = Chart("gantt", tasks=[Task("Formation", dt.date(2027, 2, 1), dt.date(2027, 3, 12),
                                       "Pouvoir", colour=3)])
    axes = chart_figure(chart, "fr", 6.0).axes[0]
    assert to_hex(axes.collections[0].get_facecolor()[0]).upper() == HOUSE.series(3)


def test_many_month_columns_are_named_on_two_lines_side_by_side_without_collision():
    from playbook.render import Series

    months = [f"{m} 2027" for m in ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                                      "août", "sept.", "oct.", "nov.", "déc.")]
    chart = Chart("stacked_bar", categories=months, natural_order=True,
                  series=[Series("Jours", [float(n) for n in range(12)])], y_title="Jours")
    figure = chart_figure(chart, "fr", 6.3)
    renderer = figure.canvas.get_renderer()
    labels = figure.axes[0].get_xticklabels()
    assert [t.get_text().replace("\n", " ") for t in labels] == months
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:], strict=False)), "no label runs into the next"


def _monthly_effort(months: int, lang: str) -> Chart:
    """The change plan's effort per month and pillar: three series, month columns."""
    from playbook.render import Series
    from playbook.render.typography import format_month

    names = [format_month(dt.date(2027 + (m // 12), m % 12 + 1, 1), lang) for m in range(months)]
    return Chart("stacked_bar", categories=names, natural_order=True, y_title="Jours",
                 x_title="Mois", series=[Series(p, [float(1 + (i * 7 + k) % 11) for i in range(months)])
                                         for k, p in enumerate(("Comprendre", "Vouloir", "Pouvoir"))])


def _short_gantt() -> Chart:
    start = dt.date(2027, 3, 1)
    return Chart("gantt", tasks=[Task(f"Action {i}", start + dt.timedelta(days=9 * i),
                                      start + dt.timedelta(days=9 * i + 20), f"Pilier {i % 3}")
                                 for i in range(5)])


@pytest.mark.parametrize(("chart", "width"), [
    (_monthly_effort(8, "fr"), 6.3), (_monthly_effort(16, "fr"), 6.3), (_monthly_effort(24, "en"), 6.3),
    (_monthly_effort(16, "fr"), 4.0), (_gantt_over(6), 6.3), (_gantt_over(30), 6.3),
    (_gantt_over(30), 3.5), (_short_gantt(), 6.3), (specimen.adoption_line(), 6.3),
    (specimen.brakes_bar("bar"), 6.3), (specimen.brakes_bar("stacked_barh"), 6.3),
    (specimen.buy_in_map("bubble"), 6.3), (specimen.buy_in_map("scatter"), 5.0),
], ids=lambda v: getattr(v, "kind", str(v)))
def test_the_legend_never_sits_on_the_axis_labels(chart, width):
    """The month labels (two-line, slanted) and the axis titles end above the
    legend, which lies whole inside the picture, whatever the chart and its size."""
    figure = chart_figure(chart, "fr", width)
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    legends = [*figure.legends, *([axes.get_legend()] if axes.get_legend() else [])]
    assert legends, "the chart has a key"
    texts = [t for t in [*axes.get_xticklabels(), *axes.get_yticklabels(), *axes.texts, axes.xaxis.label,
                         axes.yaxis.label] if t.get_text() and t.get_visible()]
    assert texts
    frame = figure.bbox
    for legend in legends:
        box = legend.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        for text in texts:
            assert not box.overlaps(text.get_window_extent(renderer)), text.get_text()
        assert not box.overlaps(axes.get_window_extent(renderer)), "the key is off the plot"


@pytest.mark.parametrize("chart", [
    specimen.brakes_bar("bar"), specimen.buy_in_map("bubble"), specimen.plan_gantt(),
    specimen.impact_heatmap(), specimen.training_doughnut("doughnut"),
], ids=lambda c: c.kind)
def test_charts_draw_their_text_exactly_as_matplotlib_does(chart, monkeypatch):
    """The chart renderer's faster text drawing changes no pixel: same chart, same
    image as with matplotlib's own Agg renderer (rotated month labels included)."""
    import matplotlib
    import matplotlib.backends.backend_agg as agg

    from playbook.render import canvas, charts

    def pixels() -> bytes:
        figure = chart_figure(chart, "fr", 6.5)
        return bytes(figure.canvas.buffer_rgba())

    if not canvas.MIRRORED:  # another matplotlib: its own renderer draws, nothing to compare
        pytest.skip(f"the faster text drawing mirrors matplotlib 3.11, not {matplotlib.__version__}")
    ours = pixels()
    monkeypatch.setattr(charts, "ChartCanvas", agg.FigureCanvasAgg)
    assert pixels() == ours
