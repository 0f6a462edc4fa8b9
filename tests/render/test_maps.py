"""Maps (scatter and bubble charts): names beside markers only where they fit, else
numbered markers and a key; colours by what a group means; whole-step axes."""

from __future__ import annotations

from playbook.render import Chart, Point, Quadrants
from playbook.render.maps import Plot, group_slots, is_numbered, key_table, whole_range
from playbook.render.palette import HOUSE

QUADRANTS = Quadrants("Appuis", "Ambassadeurs", "Informer", "Convaincre", 1.5, 0.5)
PLOT = Plot(400, 240, (0, 3.999), (-3, 2.999))


def _map(points: list[Point], **fields) -> Chart:
    return Chart("bubble", points=points, quadrants=QUADRANTS, x_range=(0.5, 3.5),
                 y_range=(-2.5, 2.5), **fields)


def _numbered(chart: Chart) -> bool:
    return is_numbered(chart, PLOT, [20] * len(chart.points), 11, 12, str)


def test_short_names_far_apart_stand_beside_their_markers():
    chart = _map([Point("Ventes", 3, -1, 100, "A"), Point("Marketing", 2, 1, 40, "B")])
    assert not _numbered(chart)


def test_names_that_would_run_into_each_other_turn_the_map_to_numbers():
    crowd = [Point("Conseillers en agence – Nord", 2.9, 1, 100, "A"),
             Point("Directeurs d’agence", 3.1, 1, 40, "A")]
    assert _numbered(_map(crowd))


def test_a_name_over_a_quadrant_name_turns_the_map_to_numbers():
    # top left corner: the point's name would sit on "Appuis"
    assert _numbered(_map([Point("Comité", 0.05, 2.8, 10, "A")]))


def test_a_name_too_long_for_the_plot_turns_the_map_to_numbers():
    long_name = "Conseillers en agence – relation adhérents, prévoyance collective et santé"
    assert _numbered(_map([Point(long_name, 2, 1, 10, "A")]))


def test_a_builder_can_force_either_way():
    crowd = [Point("Nord", 2.9, 1, 100, "A"), Point("Sud", 3.1, 1, 40, "A")]
    assert not _numbered(_map(crowd, numbered=False))
    assert _numbered(_map([Point("Ventes", 3, -1, 100, "A")], numbered=True))


def test_a_group_keeps_the_colour_its_points_name_whatever_their_order():
    first = _map([Point("x", 1, 1, 1, "Convaincre", colour=1), Point("y", 2, 2, 1, "Appui", colour=0)])
    assert group_slots(first) == {"Convaincre": 1, "Appui": 0}


def test_the_key_lists_every_number_with_its_name_on_its_group_colour():
    chart = _map([Point("Ventes", 3, -1, 100, "A", colour=2), Point("Marketing", 2, 1, 40, "B",
                                                                    colour=0)],
                 key_title="Population")
    key = key_table(chart, HOUSE, "N°")
    assert key.columns == ["N°", "Population"]
    assert key.rows == [["1", "Ventes"], ["2", "Marketing"]]
    assert [fills[0] for fills in key.cell_fills] == [HOUSE.series(2), HOUSE.series(0)]


def test_an_axis_widens_to_whole_steps_below_and_stops_short_of_the_next_above():
    low, high = whole_range(0.5, 3.5)
    assert low == 0 and 3.5 < high < 4
    assert whole_range(-2.5, 2.5) == (-3, 2.999)
