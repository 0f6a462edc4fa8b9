"""Word figures: crisp PNGs at the requested width; heat maps as shaded tables."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from playbook.render import specimen
from playbook.render.charts import DPI, heat_colour, heatmap_table, render_png


@pytest.mark.parametrize("chart", [
    specimen.brakes_bar("stacked_barh"), specimen.brakes_bar("bar"), specimen.levers_bar(),
    specimen.adoption_line(), specimen.buy_in_map("bubble"), specimen.buy_in_map("scatter"),
    specimen.impact_heatmap(), specimen.plan_gantt(), specimen.training_doughnut("pie"),
], ids=lambda c: c.kind)
def test_every_chart_kind_renders_at_print_resolution(chart):
    image = Image.open(io.BytesIO(render_png(chart, "fr", 6.5)))
    assert image.width == round(6.5 * DPI)
    assert DPI >= 200
    assert image.getextrema() != ((255, 255), (255, 255), (255, 255)), "not blank"


def test_a_heat_map_becomes_a_table_with_one_shade_per_intensity():
    table = heatmap_table(specimen.impact_heatmap(), "fr", corner="Population")
    assert table.columns[0] == "Population"
    assert len(table.rows) == 6
    assert table.rows[0][1:] == ["3", "2", "3", "1", "2", "2"]
    assert table.cell_fills[0][1] == heat_colour(3, 0, 3) != heat_colour(1, 0, 3)
    assert table.cell_fills[0][0] is None
