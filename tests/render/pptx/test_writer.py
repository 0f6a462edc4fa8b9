"""The PowerPoint writer: layouts by name, pagination, native charts, no overflow, notes."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from playbook.errors import TemplateError
from playbook.render import (
    BulletSlide,
    Chart,
    ChartSlide,
    Deck,
    Point,
    Quadrants,
    Series,
    Table,
    TableSlide,
    Task,
    TwoContentSlide,
    fit,
    write_pptx,
)
from playbook.render.pptx.fitting import TABLE_FLOOR_PT
from playbook.render.pptx.geometry import LEVEL_INDENT_PT, SPACE_BEFORE_PT


def _deck(tmp_path, templates, slides, **fields):
    deck = Deck(title="Plan Change", client="Client Fictif SA", date=dt.date(2027, 3, 1),
                lang=fields.pop("lang", "fr"), slides=slides, **fields)
    return Presentation(str(write_pptx(deck, tmp_path / "deck.pptx", templates)))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text


def _charts(slide):
    """Chart graphic frames of a slide, including those grouped with quadrant labels."""
    found = []
    for shape in slide.shapes:
        if shape.shape_type == 6:  # group
            found += [s for s in shape.shapes if getattr(s, "has_chart", False) and s.has_chart]
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            found.append(shape)
    return found


def test_slides_use_the_template_layouts_by_name(specimen_pptx):
    names = [slide.slide_layout.name for slide in Presentation(str(specimen_pptx)).slides]
    assert names[0] == "Cover"
    assert names[-1] == "Closing"
    assert {"Section", "Title and Content", "Two Content", "Title Only"} <= set(names)


def test_a_long_table_continues_over_slides_titled_suite(specimen_pptx):
    slides = [s for s in Presentation(str(specimen_pptx)).slides
              if _title(s).startswith("Cartographie des populations")]
    assert len(slides) >= 3
    assert _title(slides[0]) == "Cartographie des populations impactées"
    assert all(_title(s) == "Cartographie des populations impactées (suite)" for s in slides[1:])
    tables = [next(sh for sh in s.shapes if sh.has_table).table for s in slides]
    assert all(t.cell(0, 0).text == "Population" for t in tables), "header repeated"
    assert sum(len(t.rows) - 1 for t in tables) == 30, "every row, once"


def test_a_long_cell_is_kept_whole_in_its_table(specimen_pptx):
    slides = [s for s in Presentation(str(specimen_pptx)).slides
              if _title(s).startswith("Cartographie des populations impactées")]
    first = slides[0]
    tables = [next(sh for sh in s.shapes if sh.has_table).table for s in slides]
    cells = [table.cell(r, 2).text for table in tables for r in range(1, len(table.rows))]
    assert not any("…" in c for c in cells)
    assert any(c.endswith("pour traiter les réclamations.") for c in cells)
    assert "Trente lignes" in first.notes_slide.notes_text_frame.text, "reasons are kept"


def test_a_row_taller_than_a_slide_continues_on_the_next_without_losing_a_word(tmp_path,
                                                                               templates):
    reason = " ".join(f"mot{i}" for i in range(900))
    table = Table(["Action", "Raison"], [["Atelier", "Court."], ["Coaching", reason]])
    slides = _deck(tmp_path, templates, [TableSlide("Raisons", table)]).slides
    assert len(slides) >= 2
    cells = [next(sh for sh in s.shapes if sh.has_table).table.cell(r, 1).text
             for s in slides
             for r in range(1, len(next(sh for sh in s.shapes if sh.has_table).table.rows))]
    assert " ".join(cells).split()[1:] == reason.split()


def test_charts_are_native_with_their_series_and_categories(specimen_pptx):
    slides = {_title(s): s for s in Presentation(str(specimen_pptx)).slides}
    bars = _charts(slides["Freins détectés par intensité"])[0].chart
    assert len(bars.plots[0].series) == 3
    assert len(list(bars.plots[0].categories)) == 5
    line = _charts(slides["Trajectoire d’adoption visée"])[0].chart
    assert [s.name for s in line.plots[0].series] == ["Commerciaux", "Téléconseillers", "Cible"]
    gantt = _charts(slides["Feuille de route de l’accompagnement"])[0].chart
    assert len(list(gantt.plots[0].categories)) == 9
    doughnut = _charts(slides["Jours-formateur par format"])[0].chart
    assert len(list(doughnut.plots[0].categories)) == 5


def test_the_heat_map_is_a_coloured_native_table(specimen_pptx):
    slide = next(s for s in Presentation(str(specimen_pptx)).slides
                 if _title(s) == "Intensité des changements par population")
    table = next(sh for sh in slide.shapes if sh.has_table).table
    assert len(table.rows) == 7 and len(table.columns) == 7
    fills = {str(table.cell(r, c).fill.fore_color.rgb)
             for r in range(1, 7) for c in range(1, 7)}
    assert len(fills) == 4, "one shade per intensity 0..3"


def test_a_quadrant_map_is_a_native_xy_chart_with_named_quadrants(tmp_path, templates):
    chart = Chart("scatter", points=[Point("Ventes", 2.5, 1.0, group="A"),
                                     Point("Marketing", 1.0, 2.5, group="B")],
                  quadrants=Quadrants("Impliquer", "Relais", "Surveiller", "Priorité", 1.5, 1.5),
                  x_range=(0, 3), y_range=(0, 3))
    slide = _deck(tmp_path, templates, [ChartSlide("Carte", chart)]).slides[0]
    native = _charts(slide)[0].chart
    assert [len(list(s.values)) for s in native.plots[0].series] == [1, 1]
    texts = {sh.text_frame.text for g in slide.shapes if g.shape_type == 6 for sh in g.shapes
             if sh.has_text_frame}
    assert {"Impliquer", "Relais", "Surveiller", "Priorité"} <= texts


def test_a_gantt_chart_has_an_invisible_offset_series_and_date_axis(tmp_path, templates):
    chart = Chart("gantt", tasks=[
        Task("Cadrage", dt.date(2027, 1, 4), dt.date(2027, 1, 29), "Lot 1"),
        Task("COPIL", dt.date(2027, 2, 1), dt.date(2027, 2, 1), "Lot 1", milestone=True)])
    native = _charts(_deck(tmp_path, templates, [ChartSlide("Plan", chart)]).slides[0])[0].chart
    series = list(native.plots[0].series)
    assert len(series) == 3  # offset, lane, milestones
    assert series[0].format.fill.type == 5  # MSO_FILL.BACKGROUND: no fill
    months = next(g for g in _deck(tmp_path, templates, [ChartSlide("Plan", chart)]).slides[0].shapes
                  if g.shape_type == 6 and g.name == "Months")
    assert "janv. 2027" in {s.text_frame.text for s in months.shapes if s.has_text_frame}


def test_bullets_shrink_then_continue_on_further_slides(tmp_path, templates):
    few = _deck(tmp_path, templates, [BulletSlide("Court", ["un", "deux"])]).slides
    assert len(few) == 1
    sizes = {r.font.size for p in few[0].placeholders[1].text_frame.paragraphs for r in p.runs}
    assert sizes == {Pt(18)}
    many = [f"Action numéro {i} : associer les utilisateurs clés à la recette" for i in range(30)]
    slides = _deck(tmp_path, templates, [BulletSlide("Actions", many)]).slides
    assert len(slides) >= 2
    assert _title(slides[1]) == "Actions (suite)"
    texts = [p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs]
    assert len(texts) == 30


def test_a_very_long_title_is_shrunk_and_kept_whole(tmp_path, templates):
    title = "Un titre d’action exceptionnellement long " * 8
    slide = _deck(tmp_path, templates, [BulletSlide(title, ["a"])]).slides[0]
    assert _title(slide) == title.strip()
    assert slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size == Pt(20)


def test_a_bullet_taller_than_a_slide_continues_on_the_next(tmp_path, templates):
    bullet = " ".join(f"mot{i}" for i in range(400))
    slides = _deck(tmp_path, templates, [BulletSlide("Un long point", [bullet])]).slides
    assert len(slides) >= 2
    shown = " ".join(p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs)
    assert shown.split() == bullet.split()


def test_english_decks_say_continued(tmp_path, templates):
    table = Table(["Item"], [[f"row {i}"] for i in range(60)])
    slides = _deck(tmp_path, templates, [TableSlide("Backlog", table)], lang="en").slides
    assert len(slides) >= 2
    assert _title(slides[1]) == "Backlog (continued)"


def test_footers_carry_client_and_confidentiality_and_slide_numbers(specimen_pptx):
    slide = Presentation(str(specimen_pptx)).slides[3]
    kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
    assert "Groupe Véloria" in kinds[PP_PLACEHOLDER.FOOTER].text_frame.text
    assert "Confidentiel" in kinds[PP_PLACEHOLDER.FOOTER].text_frame.text
    assert 'type="slidenum"' in kinds[PP_PLACEHOLDER.SLIDE_NUMBER]._element.xml


def _estimated_height(shape) -> float:
    """Height (pt) the text of `shape` needs, from the same metrics a reader's screen uses."""
    bulleted = (shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.BODY
                and shape.placeholder_format.idx in (1, 2))
    paras = []
    for paragraph in shape.text_frame.paragraphs:
        sizes = [r.font.size.pt for r in paragraph.runs if r.font.size]
        if not paragraph.text or not sizes:
            continue
        level = paragraph.level
        paras.append(fit.Para(paragraph.text, max(sizes),
                              LEVEL_INDENT_PT * (level + 1) if bulleted else 0,
                              SPACE_BEFORE_PT[min(level, 2)] if bulleted else 0,
                              any(r.font.bold for r in paragraph.runs)))
    width = (shape.width - (shape.text_frame.margin_left + shape.text_frame.margin_right
                            if not shape.is_placeholder else 0)) / 12700
    line = 1.14 if shape.is_placeholder and shape.placeholder_format.idx == 0 else fit.LINE_HEIGHT
    return fit.block_height(paras, width, line)


def _size(cell) -> float:
    """A cell's font size: its runs', or an empty cell's end mark (as renderers take it)."""
    sizes = [r.font.size.pt for p in cell.text_frame.paragraphs for r in p.runs]
    if sizes:
        return max(sizes)
    end = cell._tc.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr")
    return int(end.get("sz")) / 100


def test_no_text_overflows_its_shape_in_the_specimen(specimen_pptx):
    presentation = Presentation(str(specimen_pptx))
    footer_top = None
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (
                    PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                footer_top = shape.top
                continue
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert _estimated_height(shape) <= shape.height / 12700 + 0.5, (
                    f"slide {presentation.slides.index(slide) + 1}: {shape.text_frame.text[:60]}")
            if getattr(shape, "has_table", False) and shape.has_table:
                assert shape.top + sum(r.height for r in shape.table.rows) <= footer_top or (
                    shape.top + sum(r.height for r in shape.table.rows)
                    <= presentation.slide_height - Pt(40))
                for row in shape.table.rows:
                    for index, cell in enumerate(row.cells):
                        width = shape.table.columns[index].width - cell.margin_left - \
                            cell.margin_right
                        size = _size(cell)
                        needed = fit.count_lines(cell.text or " ", width / 12700, size) * \
                            size * fit.LINE_HEIGHT
                        assert needed <= (row.height - cell.margin_top - cell.margin_bottom) \
                            / 12700 + 0.5


def test_every_string_is_sanitised_before_it_reaches_the_file(tmp_path, templates):
    slides = _deck(tmp_path, templates, [BulletSlide("Titre\x0b sale", ["point\x00 un"])]).slides
    assert _title(slides[0]) == "Titre sale"
    assert slides[0].placeholders[1].text_frame.text == "point un"


def test_a_template_missing_a_layout_fails_loudly(tmp_path, templates):
    import shutil

    shutil.copy(templates / "house.docx", tmp_path)
    presentation = Presentation(str(templates / "house.pptx"))
    presentation.slide_layouts.remove(
        next(lay for lay in presentation.slide_layouts if lay.name == "Closing"))
    presentation.save(str(tmp_path / "house.pptx"))
    with pytest.raises(TemplateError, match="layout 'Closing' is missing"):
        write_pptx(Deck("Titre"), tmp_path / "out.pptx", tmp_path)


def test_series_lengths_are_checked_when_the_chart_is_described():
    with pytest.raises(ValueError, match="3 values for 2 categories"):
        Chart("bar", categories=["a", "b"], series=[Series("s", [1, 2, 3])])


def _column_boxes(templates):
    """The two content columns of the template's "Two Content" layout (EMU)."""
    layout = next(lay for lay in Presentation(str(templates / "house.pptx")).slide_layouts
                  if lay.name == "Two Content")
    bodies = sorted((ph for ph in layout.placeholders if ph.placeholder_format.idx in (1, 2)),
                    key=lambda ph: ph.left)
    return [(ph.left, ph.top, ph.left + ph.width, ph.top + ph.height) for ph in bodies]


def _tables(slide):
    return [shape for shape in slide.shapes if shape.has_table]


def _inside(shape, box) -> bool:
    left, top, right, bottom = box
    height = sum(row.height for row in shape.table.rows)
    return (shape.left >= left - Pt(8) and shape.left + shape.width <= right + Pt(8)
            and shape.top >= top and shape.top + height <= bottom)


def test_a_table_on_the_left_of_two_columns_sits_left_with_the_bullets_right(tmp_path, templates):
    table = Table(["Région", "Ambassadeurs"], [["Île-de-France", 3], ["Grand Est", 2]])
    slide = _deck(tmp_path, templates, [TwoContentSlide(
        "Ambassadeurs", table, ["Relais des messages", "Remontée des irritants"],
        left_title="Par région", right_title="Rôle")]).slides[0]
    left, right = _column_boxes(templates)
    [shape] = _tables(slide)
    assert _inside(shape, left)
    assert shape.table.cell(1, 0).text == "Île-de-France"
    bullets = [ph for ph in slide.placeholders if ph.placeholder_format.idx in (1, 2)]
    assert len(bullets) == 1 and bullets[0].left >= right[0] - Pt(8)
    assert [p.text for p in bullets[0].text_frame.paragraphs] == [
        "Rôle", "Relais des messages", "Remontée des irritants"]


def test_two_tables_side_by_side_each_stay_in_their_column(tmp_path, templates):
    left_table = Table(["Levier", "Actions"], [["Comprendre", 4], ["Vouloir", 3]])
    right_table = Table(["Lot", "Date"], [["Lot 1", "avril 2027"]])
    slide = _deck(tmp_path, templates, [TwoContentSlide("Leviers et lots", left_table,
                                                        right_table)]).slides[0]
    shapes = sorted(_tables(slide), key=lambda s: s.left)
    boxes = _column_boxes(templates)
    assert len(shapes) == 2
    assert all(_inside(shape, box) for shape, box in zip(shapes, boxes, strict=True))
    assert not [ph for ph in slide.placeholders if ph.placeholder_format.idx in (1, 2)]


def test_a_long_table_in_a_column_continues_on_further_slides_never_overflowing(tmp_path,
                                                                                templates):
    rows = [[f"Action {i} : former les utilisateurs clés de la région", f"S{i}"]
            for i in range(40)]
    slides = _deck(tmp_path, templates, [TwoContentSlide(
        "Plan d'actions", ["Priorités du trimestre"], Table(["Action", "Semaine"], rows),
        right_title="Actions")]).slides
    right = _column_boxes(templates)[1]
    assert len(slides) >= 2
    assert _title(slides[1]) == "Plan d’actions (suite)"
    shapes = [shape for slide in slides for shape in _tables(slide)]
    assert all(_inside(shape, right) for shape in shapes)
    assert sum(len(shape.table.rows) - 1 for shape in shapes) == 40, "every row, once"


def test_a_table_too_long_for_one_slide_is_split_before_shrinking_below_the_floor(tmp_path,
                                                                                  templates):
    gains = ("Moins de ressaisie, des rendez-vous mieux préparés et les appels des adhérents "
             "à la plateforme enfin visibles dans l'historique")
    table = Table(["Population", "Ce qu'elle y gagne"],
                  [[f"Conseillers en agence — secteur {i}", gains] for i in range(12)],
                  widths=[1.3, 3])
    slides = _deck(tmp_path, templates, [TableSlide("La vie de demain", table)]).slides
    sizes = {run.font.size.pt for slide in slides for shape in _tables(slide)
             for row in shape.table.rows for cell in row.cells
             for paragraph in cell.text_frame.paragraphs for run in paragraph.runs}
    assert min(sizes) >= TABLE_FLOOR_PT >= 11
    assert len(slides) >= 2
    assert sum(len(shape.table.rows) - 1 for s in slides for shape in _tables(s)) == 12


def test_cell_fills_without_hash_shade_deck_cells_with_readable_text(tmp_path, templates):
    table = Table(["Population", "Métier", "Outil"], [["Ventes", "3", "1"], ["Service", "1", "0"]],
                  cell_fills=[[None, "0E4D64", "eef3f5"], [None, None, None]])
    [shape] = _tables(_deck(tmp_path, templates, [TableSlide("Intensité", table)]).slides[0])
    dark, light = shape.table.cell(1, 1), shape.table.cell(1, 2)
    assert str(dark.fill.fore_color.rgb) == "0E4D64"
    assert str(dark.text_frame.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    assert str(light.fill.fore_color.rgb) == "EEF3F5"
    assert str(light.text_frame.paragraphs[0].runs[0].font.color.rgb) != "FFFFFF"


def test_long_key_messages_take_more_slides_whole_and_numbered_on(tmp_path, templates):
    from playbook.render.ir import KeyMessagesSlide

    messages = [f"Message {n} : " + "une phrase développée qui compte " * 9 for n in range(1, 6)]
    slides = _deck(tmp_path, templates, [KeyMessagesSlide("Messages clés", messages)]).slides
    texts = [sh.text_frame.text for s in slides for sh in s.shapes
             if sh.has_text_frame and sh.text_frame.text.startswith("Message ")]
    badges = [sh.text_frame.text for s in slides for sh in s.shapes
              if sh.has_text_frame and sh.text_frame.text.isdigit()
              and sh.shape_type == 1 and sh.auto_shape_type == 9]
    assert len(slides) >= 2
    assert [t.split("\xa0:")[0] for t in texts] == [f"Message {n}" for n in range(1, 6)]
    assert not any("…" in t for t in texts)
    assert badges == ["1", "2", "3", "4", "5"]


def test_a_table_of_one_row_is_drawn_as_a_record_a_field_a_line(tmp_path, templates):
    """One objective, one lot, one population: a strip of headers over one row reads
    sideways; the card reads down, the record's name heading it, empty fields left out."""
    table = Table(["Objectif CRM", "Indicateur", "Cible", "Budget", "Échéance"],
                  [["Qualifier chaque lead sous 48 h", "Leads qualifiés sous 48 h", "95 %", "—",
                    "30 juin 2028"]], cell_fills=[[None, None, "rag:green", None, None]])
    deck = _deck(tmp_path, templates, [TableSlide("Un objectif mesurable", table)])
    shape = next(s for s in deck.slides[0].shapes if s.has_table)
    rows = [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in shape.table.rows]
    assert rows == [["Objectif CRM", "Qualifier chaque lead sous 48 h"],
                    ["Indicateur", "Leads qualifiés sous 48 h"], ["Cible", "95 %"],
                    ["Échéance", "30 juin 2028"]]
    target = shape.table.cell(2, 1)._tc.tcPr
    assert target.find(".//{*}srgbClr") is not None  # the field keeps its status colour


@pytest.mark.parametrize("columns", [["Lot", "Blocs"], ["Lot", "Blocs", "Mise en production"]])
def test_a_table_of_two_columns_or_several_rows_keeps_its_form(tmp_path, templates, columns):
    rows = [["Lot 1", "Ventes", "1er mars 2027"][:len(columns)]]
    if len(columns) == 3:
        rows.append(["Lot 2", "Service", "1er juin 2027"])
    deck = _deck(tmp_path, templates, [TableSlide("Lots", Table(columns, rows))])
    shape = next(s for s in deck.slides[0].shapes if s.has_table)
    assert [cell.text for cell in shape.table.rows[0].cells] == columns


def test_notes_pages_made_once_per_deck_are_those_python_pptx_makes(tmp_path, templates,
                                                                     monkeypatch):
    """Every slide's notes page is copied from the deck's first (see `pptx.notes`): the
    file holds the same parts, named and related as python-pptx makes each page itself."""
    import zipfile

    from playbook.render.pptx import notes as notes_module

    slides = [BulletSlide(f"Point {n}", [f"Constat {n}"], notes=f"Ce que dit l'orateur, {n}.")
              for n in range(1, 8)]
    deck = Deck(title="Plan Change", client="Client Fictif SA", date=dt.date(2027, 3, 1),
                lang="fr", slides=slides)
    copied = write_pptx(deck, tmp_path / "copied.pptx", templates)
    monkeypatch.setattr(notes_module.NotesPages, "text_frame",
                        lambda self, slide: slide.notes_slide.notes_text_frame)
    own = write_pptx(deck, tmp_path / "own.pptx", templates)

    def parts(path):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()
                    if name != "docProps/core.xml"}

    assert parts(copied) == parts(own)
    names = [n for n in parts(copied) if n.startswith("ppt/notesSlides/notesSlide")]
    assert len(names) == 7
    presentation = Presentation(str(copied))
    assert [s.notes_slide.notes_text_frame.text for s in presentation.slides] == [
        f"Ce que dit l’orateur, {n}." for n in range(1, 8)]


def test_slides_of_one_layout_are_copies_of_its_first_each_with_its_own_title(tmp_path, templates,
                                                                             monkeypatch):
    """A deck's slides of a layout carry the placeholders python-pptx gives a new slide of
    it (ids, names, types) and the footer; the later ones are copies of the first, not
    built again from the layout, and each keeps its own title and relationships."""
    from pptx.oxml.slide import CT_Slide

    made = []
    new = CT_Slide.new
    monkeypatch.setattr(CT_Slide, "new", classmethod(lambda cls: made.append(1) or new()))
    slides = list(_deck(tmp_path, templates,
                        [BulletSlide(f"Point {i}", ["un", "deux"]) for i in range(4)]
                        + [TableSlide("Tableau", Table(["A"], [["x"]]))]).slides)
    assert len(made) == 2  # one slide built per layout used
    reference = Presentation(str(templates / "house.pptx"))
    fresh = reference.slides.add_slide(slides[0].slide_layout)
    expected = [(ph.shape_id, ph.name, ph.placeholder_format.type) for ph in fresh.placeholders]
    for number, slide in enumerate(slides[:4]):
        shapes = [(ph.shape_id, ph.name, ph.placeholder_format.type) for ph in slide.placeholders]
        assert shapes[:len(expected)] == expected
        assert {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER} <= {kind for _, _, kind in shapes}
        assert _title(slide) == f"Point {number}"
        assert slide.slide_layout.name == "Title and Content"
        assert [p.text for p in slide.placeholders[1].text_frame.paragraphs] == ["un", "deux"]
    assert len({slide.part.partname for slide in slides}) == 5
    assert slides[4].slide_layout.name == "Title Only" and _title(slides[4]) == "Tableau"
