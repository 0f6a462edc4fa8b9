"""The Word writer: cover, styles by name, headers, tables, figures, typography."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from playbook.errors import TemplateError
from playbook.render import (
    Bullets,
    Chart,
    Document,
    Figure,
    Heading,
    KeyMessages,
    Paragraph,
    Series,
    Table,
    fit,
    write_docx,
)
from playbook.render.typography import NBSP


def _styles(document) -> list[str]:
    return [p.style.name for p in document.paragraphs]


def test_the_report_opens_with_a_cover_in_the_cover_styles(specimen_docx):
    document = open_docx(str(specimen_docx))
    first = document.paragraphs[:5]
    assert first[0].style.name == "Cover Title"
    assert first[0].text == "Diagnostic d’impacts du projet CRM"
    assert first[1].style.name == "Cover Subtitle"
    assert [p.style.name for p in first[2:5]] == ["Cover Details"] * 3
    assert "15 mars 2027" in [p.text for p in first[2:5]]


def test_every_block_kind_uses_its_template_style(specimen_docx):
    used = set(_styles(open_docx(str(specimen_docx))))
    assert {"Heading 1", "Heading 2", "Heading 3", "Normal", "Quote", "Caption",
            "List Bullet", "List Number", "Key Message"} <= used


def test_headers_carry_client_and_confidentiality_and_footers_page_numbers(specimen_docx):
    document = open_docx(str(specimen_docx))
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert "Groupe Véloria" in header
    assert "Confidentiel — diffusion restreinte au COPIL" in header
    assert "{" not in header
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "Page" in section.footer.paragraphs[0].text
    assert section.different_first_page_header_footer, "the cover has no header"


def test_tables_use_the_house_style_repeat_their_header_and_keep_short_rows_whole(specimen_docx):
    table = open_docx(str(specimen_docx)).tables[0]
    assert table.style.name == "Playbook Table"
    assert len(table.rows) == 31
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert [c.text for c in table.rows[0].cells][:2] == ["Population", "Effectif"]


def _keeps_with_next(row) -> bool:
    return all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)


def test_a_long_row_may_break_across_pages_and_the_last_row_never_stands_alone(tmp_path,
                                                                               templates):
    reason = " ".join(["Le conseiller saisit une douzaine de champs obligatoires par appel."] * 12)
    document = Document("Note", blocks=[Table(["Action", "Raison"],
                                              [["Atelier", "Court."], ["Coaching", reason],
                                               ["Revue", "Court."]])])
    table = open_docx(str(write_docx(document, tmp_path / "note.docx", templates))).tables[0]
    header, short, long, last = table.rows
    assert short._tr.trPr.find(qn("w:cantSplit")) is not None
    assert long._tr.trPr.find(qn("w:cantSplit")) is None
    # the header stays with the first row, the row before the last with the last
    assert _keeps_with_next(header) and _keeps_with_next(long)
    assert not _keeps_with_next(short) and not _keeps_with_next(last)


def test_a_long_last_row_moves_whole_so_its_end_never_stands_alone(tmp_path, templates):
    reason = " ".join(["Le conseiller saisit une douzaine de champs obligatoires par appel."] * 8)
    rows = [[f"Action {n}", "Court."] for n in range(8)] + [["Coaching", reason]]
    document = Document("Note", blocks=[Table(["Action", "Raison"], rows)])
    table = open_docx(str(write_docx(document, tmp_path / "note.docx", templates))).tables[0]
    assert table.rows[-1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert _keeps_with_next(table.rows[-2]) and not _keeps_with_next(table.rows[-3])


def test_a_small_table_of_short_rows_is_kept_on_one_page(tmp_path, templates):
    document = Document("Note", blocks=[Table(["Priorité", "Actions"],
                                              [["Gain rapide", 73], ["Projet majeur", 34],
                                               ["Appoint", 9]])])
    table = open_docx(str(write_docx(document, tmp_path / "note.docx", templates))).tables[0]
    assert [_keeps_with_next(row) for row in table.rows] == [True, True, True, False]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_column_widths_follow_the_content_and_never_break_a_word(tmp_path, templates):
    reason = ("Conseillers en agence – Nord : impact global 3/3 ; évalués sur la durée moyenne "
              "de traitement, une douzaine de champs obligatoires par appel.")
    document = Document("Note", blocks=[Table(
        ["Pilier", "Levier", "Quand", "Responsable", "Effort (j)", "Raison"],
        [["Vouloir", "Ateliers participatifs", "le 7 juin 2027", "Chef de projet CRM", 6, reason],
         ["Pouvoir", "Guide utilisateur", "le 24 mai 2027", "Utilisateurs clés", 2, reason * 2]],
        widths=[1, 1, 1, 1, 1, 1])])
    path = write_docx(document, tmp_path / "note.docx", templates)
    word = open_docx(str(path))
    table = word.tables[0]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    section = word.sections[0]
    assert abs(sum(grid) * 635 - (section.page_width - section.left_margin
                                  - section.right_margin)) < 635 * len(grid)
    assert max(grid) == grid[-1], "the reason takes the room"
    for column, width in enumerate(grid):
        cells = [row.cells[column] for row in table.rows]
        words = [(w, r == 0) for r, cell in enumerate(cells) for w in cell.text.split()]
        needed = max(fit.text_width(w, 9, bold) for w, bold in words)
        assert width / 20 - 2 * 5.4 >= needed, f"a word breaks in {cells[0].text!r}"
        assert all(int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == width for c in cells)


def test_a_long_reason_beside_many_columns_goes_full_width_under_its_row(tmp_path, templates):
    reason = ("Action transverse retenue pour : " + ", ".join(
        f"Conseillers en agence – Région {n} (frein « Peur d'être surveillé » détecté, "
        f"sévérité 3/3)" for n in range(8)) + ".")
    rows = [["Ateliers managériaux", "Vouloir", "Managers de proximité", "le 6 septembre 2027",
             "Responsable du Change", 8, reason],
            ["Support utilisateurs", "Pouvoir", "Utilisateurs du CRM", "le 4 octobre 2027",
             "Équipe support CRM", 5, "Court."]]
    document = Document("Note", blocks=[Table(
        ["Action", "Pilier", "Public", "Quand", "Responsable", "Charge (j)", "Raison"], rows)])
    table = open_docx(str(write_docx(document, tmp_path / "note.docx", templates))).tables[0]
    header, first, first_reason, second, second_reason = table.rows
    assert [c.text for c in header.cells] == ["Action", "Pilier", "Public", "Quand",
                                              "Responsable", "Charge (j)"]
    assert [c.text for c in first.cells][:2] == ["Ateliers managériaux", "Vouloir"]
    reason_cell = first_reason._tr.tc_lst[0]
    assert len(first_reason._tr.tc_lst) == 1 and reason_cell.grid_span == 6
    assert reason_cell.xpath("string(.)").startswith(f"Raison{NBSP}: Action transverse")
    assert [r.text for r in first_reason.cells[0].paragraphs[0].runs if r.bold] == ["Raison"]
    assert second_reason.cells[0].text == f"Raison{NBSP}: Court."
    assert _keeps_with_next(first) and _keeps_with_next(second), "a row stays with its reason"


def test_numeric_columns_are_right_aligned_and_text_columns_left(specimen_docx):
    table = open_docx(str(specimen_docx)).tables[0]
    row = table.rows[1].cells
    assert row[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # headcount
    assert row[4].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # "40 %"
    assert row[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_figures_are_images_at_the_text_width_followed_by_their_caption(specimen_docx):
    document = open_docx(str(specimen_docx))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    shapes = document.inline_shapes
    assert len(shapes) == 8
    assert all(abs(shape.width - text_width) < 12700 for shape in shapes)
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph._p.xpath(".//pic:pic"):
            assert paragraphs[index + 1].style.name == "Caption"


def _small(tmp_path, templates, **overrides):
    fields = {"title": "Note de cadrage", "client": "Client Fictif SA", "lang": "fr",
              "date": dt.date(2027, 1, 4), "blocks": []}
    fields.update(overrides)
    return write_docx(Document(**fields), tmp_path / "note.docx", templates)


def test_heat_map_cells_are_shaded_with_readable_text(tmp_path, templates):
    table = Table(["Population", "Métier"], [["Commerciaux", "3"], ["Marketing", "0"]],
                  cell_fills=[[None, "#0E4D64"], [None, "#EEF3F5"]])
    path = _small(tmp_path, templates, blocks=[table])
    word = open_docx(str(path)).tables[0]
    dark = word.rows[1].cells[1]
    assert dark._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "0E4D64"
    assert str(dark.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    light = word.rows[2].cells[1]
    assert light._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "EEF3F5"
    assert light.paragraphs[0].runs[0].font.color.rgb is None


def test_cell_fills_written_without_hash_shade_cells_like_those_with_one(tmp_path, templates):
    table = Table(["Population", "Métier", "Outil"], [["Commerciaux", "3", "1"]],
                  cell_fills=[[None, "0E4D64", "eef3f5"]])
    word = open_docx(str(_small(tmp_path, templates, blocks=[table]))).tables[0]
    dark, light = word.rows[1].cells[1], word.rows[1].cells[2]
    assert dark._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "0E4D64"
    assert str(dark.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    assert light._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "EEF3F5"
    assert light.paragraphs[0].runs[0].font.color.rgb is None


def test_table_widths_are_fixed_once_and_agree_with_the_cells(tmp_path, templates):
    table = Table(["Population", "Effectif"], [["Commerciaux", 120], ["Marketing", 14]])
    word = open_docx(str(_small(tmp_path, templates, blocks=[table]))).tables[0]
    properties = word._tbl.tblPr
    assert len(properties.findall(qn("w:tblLayout"))) == 1
    grid = [int(c.get(qn("w:w"))) for c in word._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert int(properties.find(qn("w:tblW")).get(qn("w:w"))) == sum(grid)
    for row in word.rows:
        assert [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in row.cells] == grid


def test_line_breaks_and_tabs_in_table_cells_are_kept(tmp_path, templates):
    table = Table(["Étape", "Détail"], [["Recette", "ligne 1\nligne 2"], ["Bascule", "x\ty"]])
    word = open_docx(str(_small(tmp_path, templates, blocks=[table]))).tables[0]
    assert word.rows[1].cells[1].text == "ligne 1\nligne 2"
    assert word.rows[2].cells[1].text == "x\ty"


def test_table_cells_keep_markup_characters_bold_markers_and_spaces(tmp_path, templates):
    table = Table(["Risque", "Parade"], [["R&D <pilote> > 3 sites", "**Sponsor** puis équipe"]],
                  widths=[2, 2])
    word = open_docx(str(_small(tmp_path, templates, blocks=[table]))).tables[0]
    first, second = (cell.paragraphs[0] for cell in word.rows[1].cells)
    assert first.text == "R&D <pilote> > 3 sites"
    assert [r.text for r in second.runs if r.bold] == ["Sponsor"]
    assert second.text == "Sponsor puis équipe"  # the space after the bold run kept
    assert all(r.bold for r in word.rows[0].cells[0].paragraphs[0].runs)


def test_text_is_typeset_for_the_language_and_bold_markers_become_bold(tmp_path, templates):
    path = _small(tmp_path, templates, blocks=[
        Paragraph("Objectif: un projet **d'entreprise**!")])
    paragraph = open_docx(str(path)).paragraphs[-1]
    assert paragraph.text == f"Objectif{NBSP}: un projet d’entreprise\u202f!"
    assert [r.text for r in paragraph.runs if r.bold] == ["d’entreprise"]


def test_each_numbered_list_restarts_at_one(tmp_path, templates):
    path = _small(tmp_path, templates, blocks=[
        Bullets(["a", "b"], numbered=True), Heading("Suite"), Bullets(["c"], numbered=True)])
    numbered = [p for p in open_docx(str(path)).paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2]


def test_the_document_language_is_set_for_the_spell_checker(tmp_path, templates):
    path = _small(tmp_path, templates, lang="en", blocks=[KeyMessages(["One"])])
    document = open_docx(str(path))
    assert 'w:val="en-GB"' in document.styles.element.xml
    assert document.core_properties.language == "en-GB"
    assert "Confidential" in document.sections[0].header.paragraphs[0].text


def test_a_figure_renders_every_chart_kind(tmp_path, templates):
    chart = Chart("pie", categories=["A", "B"], series=[Series("s", [1, 3])])
    path = _small(tmp_path, templates, blocks=[Figure(chart, "Répartition")])
    assert len(open_docx(str(path)).inline_shapes) == 1


def test_a_template_missing_a_style_fails_loudly_and_leaves_no_file(tmp_path, templates):
    import shutil

    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(templates / "house.pptx", broken)
    document = open_docx(str(templates / "house.docx"))
    style = document.styles["Key Message"]
    style.element.getparent().remove(style.element)
    document.save(str(broken / "house.docx"))
    with pytest.raises(TemplateError, match="Key Message"):
        write_docx(Document("Titre"), tmp_path / "out.docx", broken)
    assert list(tmp_path.glob("*.docx")) == []


def test_the_paragraph_introducing_a_figure_stays_on_its_page(tmp_path, templates):
    from playbook.render import specimen
    from playbook.render.ir import Document, Figure, Paragraph

    path = write_docx(Document("Note", lang="fr", blocks=[
        Paragraph("Un paragraphe qui ne présente rien."), Paragraph("Ce graphique montre…"),
        Figure(specimen.brakes_bar("bar"), caption="Freins")]), tmp_path / "note.docx", templates)
    paragraphs = {p.text: p for p in open_docx(str(path)).paragraphs}

    assert paragraphs["Ce graphique montre…"].paragraph_format.keep_with_next is True
    assert not paragraphs["Un paragraphe qui ne présente rien."].paragraph_format.keep_with_next


def test_headings_quotes_and_captions_stay_whole_and_with_what_follows(tmp_path, templates):
    """Whatever the firm's template says of its styles: no heading, quotation or caption
    stranded at a page foot."""
    from playbook.render.ir import Document, Heading, Paragraph

    path = write_docx(Document("Note", lang="fr", blocks=[
        Heading("Résistances observées", 2), Paragraph("« Mes prospects, je les ai trouvés moi-même. »",
                                                       "quote"),
        Paragraph("Entretien, agence de Pau", "caption"), Paragraph("Le réseau résiste.")]),
        tmp_path / "note.docx", templates)
    paragraphs = {p.text: p.paragraph_format for p in open_docx(str(path)).paragraphs}
    for text in ("Résistances observées", "«\u00a0Mes prospects, je les ai trouvés moi-même.\u00a0»",
                 "Entretien, agence de Pau"):
        assert paragraphs[text].keep_with_next is True and paragraphs[text].keep_together is True
    assert not paragraphs["Le réseau résiste."].keep_with_next


def test_a_sentence_introducing_a_list_stays_with_it(tmp_path, templates):
    """« Ces moments de partage servent à : » alone at a page foot, its list overleaf."""
    from playbook.render.ir import Bullets, Document, Paragraph

    path = write_docx(Document("Note", lang="fr", blocks=[
        Paragraph("Ces moments de partage servent à :"), Bullets(["suivre l'avancement ;", "lever les obstacles."]),
        Paragraph("Le réseau résiste.")]), tmp_path / "note.docx", templates)
    paragraphs = {p.text: p.paragraph_format for p in open_docx(str(path)).paragraphs}
    assert paragraphs["Ces moments de partage servent à\u00a0:"].keep_with_next is True
    assert not paragraphs["Le réseau résiste."].keep_with_next


def test_a_section_opening_moves_with_what_follows_it(tmp_path, templates):
    """A heading and its one-line conclusion at a page foot, the figure they open overleaf."""
    from playbook.render.ir import Document, Heading, Paragraph

    path = write_docx(Document("Note", lang="en", blocks=[
        Heading("Schedule"), Paragraph("Deployment in one lot, going live on 1 November 2027."),
        Paragraph("A single lot: every block goes live together."), Paragraph("x " * 200)]),
        tmp_path / "note.docx", templates)
    paragraphs = {p.text[:20]: p.paragraph_format for p in open_docx(str(path)).paragraphs}
    assert paragraphs["Deployment in one lo"].keep_with_next is True
    assert not paragraphs["A single lot: every "].keep_with_next  # not an opening: the chain ends


def test_a_table_never_starts_at_a_page_foot_with_a_single_row():
    """Six next steps split one on a page, five overleaf: the header stays with two rows."""
    from playbook.render.docx.writer import _row_keeps

    whole, kept = _row_keeps([1] * 8)  # header and seven one-line rows: not a small table
    assert kept[:2] == [True, True] and kept[2] is False
    assert kept[-2] is True and kept[-1] is False  # the last row never alone either
    whole, kept = _row_keeps([1, 1, 30, 1, 1, 1, 1, 1])  # a tall second row may break: not held
    assert kept[1] is False


def test_sections_of_one_sentence_do_not_chain_into_a_block_longer_than_a_page(tmp_path, templates):
    """« Aucun persona », « Aucun parcours »… each kept with the next heading would make
    one unbreakable run; the page then breaks after a heading, leaving it alone."""
    from playbook.render.ir import Document, Heading, Paragraph

    path = write_docx(Document("Note", lang="en", blocks=[
        Heading("Personas"), Paragraph("No persona is described yet."),
        Heading("User journeys"), Paragraph("No user journey is described yet."), Paragraph("x " * 200)]),
        tmp_path / "note.docx", templates)
    paragraphs = {p.text[:20]: p.paragraph_format for p in open_docx(str(path)).paragraphs}
    assert not paragraphs["No persona is descri"].keep_with_next
    assert paragraphs["No user journey is d"].keep_with_next is True


def test_a_section_s_opening_stays_with_its_first_sub_heading(tmp_path, templates):
    """« Ce qui change, population par population » and its one sentence at a page
    foot, the first population's heading overleaf: the opening introduces the
    sub-sections and keeps with them; before a heading of its own level it does not."""
    from playbook.render.ir import Document, Heading, Paragraph

    path = write_docx(Document("Note", lang="en", blocks=[
        Heading("What changes, population by population"),
        Paragraph("For each population, what lies behind the heat map."),
        Heading("Sales representatives", 2), Paragraph("x " * 200),
        Heading("Barriers"), Paragraph("One barrier found."),
        Heading("Risks"), Paragraph("x " * 200)]),
        tmp_path / "note.docx", templates)
    paragraphs = {p.text[:20]: p.paragraph_format for p in open_docx(str(path)).paragraphs}
    assert paragraphs["For each population,"].keep_with_next is True
    assert paragraphs["Sales representative"].keep_with_next is True
    assert not paragraphs["One barrier found."].keep_with_next


def _picture_and_texts(path):
    paragraphs = open_docx(str(path)).paragraphs
    picture = next(p for p in paragraphs if p._p.findall(".//" + qn("w:drawing")))
    return picture, {p.text[:20]: p.paragraph_format for p in paragraphs if p.text}


def test_a_note_ending_a_section_does_not_chain_into_the_next_section(tmp_path, templates):
    """A note under a list, kept with the next heading, its intro and its chart, moved
    with them overleaf and left the page before it half empty: the chain a page
    break cannot cut is a heading, its intro and the picture with its caption."""
    from playbook.render import specimen
    from playbook.render.ir import Bullets, Document, Figure, Heading, Paragraph

    path = write_docx(Document("Note", lang="fr", blocks=[
        Heading("Équilibre"), Bullets(["Humain +44 points."]),
        Paragraph("Le recueil ne chiffre pas l'effort technique.", "caption"),
        Heading("Planning"), Paragraph("Déploiement en deux lots."),
        Paragraph("Le déploiement se fait par lots :"), Figure(specimen.brakes_bar("bar")),
        Heading("Risques"), Paragraph("Deux risques élevés."), Paragraph("x " * 200)]),
        tmp_path / "note.docx", templates)
    picture, paragraphs = _picture_and_texts(path)

    assert not paragraphs["Le recueil ne chiffr"].keep_with_next, "a note stays in its section"
    assert paragraphs["Planning"].keep_with_next and paragraphs["Déploiement en deux "].keep_with_next
    assert paragraphs["Le déploiement se fa"].keep_with_next
    assert not picture.paragraph_format.keep_with_next, "a picture with no caption ends the chain"


def test_a_table_after_a_figure_does_not_carry_the_figure_with_it(tmp_path, templates):
    """Heading, intro, chart, caption and the table under the chart moved as one block
    taller than what remained of the page, leaving a third of a page with one chart."""
    from playbook.render import specimen
    from playbook.render.ir import Document, Figure, Heading, Paragraph

    path = write_docx(Document("Note", lang="en", blocks=[
        Heading("Impact and buy-in"), Paragraph("No population is reluctant."),
        Figure(specimen.brakes_bar("bar"), caption="Impact and buy-in per population"),
        Table(["Segment", "Populations"], [["Lean on", "Managers"], ["Watch", "Engineers"]]),
        Paragraph("x " * 200)]), tmp_path / "note.docx", templates)
    picture, paragraphs = _picture_and_texts(path)

    assert paragraphs["Impact and buy-in"].keep_with_next and paragraphs["No population is rel"].keep_with_next
    assert picture.paragraph_format.keep_with_next, "the picture keeps with its caption"
    assert not paragraphs["Impact and buy-in pe"].keep_with_next, "the caption ends the chain"


def test_a_list_s_last_item_never_stands_alone_at_the_top_of_a_page(tmp_path, templates):
    """One bullet alone on a page, the rest of its list on the page before."""
    from playbook.render.ir import Bullets, Document, Paragraph

    path = write_docx(Document("Note", lang="en", blocks=[
        Bullets(["Regular cadence.", "Employee representatives consulted.", "User support hotline."]),
        Paragraph("x " * 200)]), tmp_path / "note.docx", templates)
    paragraphs = {p.text[:20]: p.paragraph_format for p in open_docx(str(path)).paragraphs}
    assert not paragraphs["Regular cadence."].keep_with_next, "a long list may still break"
    assert paragraphs["Employee representati"[:20]].keep_with_next is True
    assert not paragraphs["User support hotline"].keep_with_next
