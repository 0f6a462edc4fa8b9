"""The layout check finds, on the rendered pages, each problem a partner would send back.

One deck and one report are written with a known problem on known slides, rendered
once by LibreOffice, and every kind of finding must point at its slide; a sound
deck gives none.
"""

from __future__ import annotations

import re

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from playbook.cli import main
from playbook.render import Deck, Document, Heading, Paragraph, write_docx, write_pptx
from playbook.render.ir import BulletSlide, KeyMessagesSlide, Table, TableSlide
from playbook.render.layout_check import (
    NEAR_EMPTY,
    NUMBERING,
    OUTSIDE,
    OVERLAP,
    SINGLE_ROW,
    TRUNCATED,
    WORD_BUDGET,
    check_files,
    check_layout,
)

pytestmark = pytest.mark.libreoffice

SOUND = [BulletSlide("Trois populations portent l'essentiel du changement",
                     ["Les conseillers en agence changent de métier et d'outil",
                      "Les superviseurs pilotent l'usage chaque semaine",
                      "Le marketing reçoit des données partagées par tous les canaux"]),
         TableSlide("Deux lots, six mois d'écart",
                    Table(["Lot", "Mise en production"], [["Lot 1", "mars 2027"],
                                                          ["Lot 2", "septembre 2027"]]))]


def _textbox(slide, left: float, top: float, text: str) -> None:
    box = slide.shapes.add_textbox(Emu(int(Pt(left))), Emu(int(Pt(top))), Pt(300), Pt(30))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(18)


def _badge(slide, top: float, number: int) -> None:
    oval = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(40), Pt(top), Pt(30), Pt(30))
    oval.text_frame.text = str(number)


@pytest.fixture(scope="module")
def findings(tmp_path_factory, templates):
    folder = tmp_path_factory.mktemp("layout")
    sound = Deck("Plan Change", client="Client Fictif SA", slides=SOUND)
    write_pptx(sound, folder / "sound" / "sound.pptx", templates)
    write_docx(Document("Note", client="Client Fictif SA",
                        blocks=[Heading("Contexte"), Paragraph("Le CRM est un projet d'entreprise.")]),
               folder / "sound" / "sound.docx", templates)
    words = " ".join(["mot"] * 95)
    flawed = Deck("Plan Change", client="Client Fictif SA", slides=[
        *SOUND,                                                   # slides 1-2: sound
        BulletSlide("Trop de texte pour une diapositive", ["mot"]),   # 3: word budget below
        BulletSlide("Presque rien", ["Un point"]),                    # 4: near empty
        KeyMessagesSlide("Messages clés", [                          # 5: badges redone below
            "Les conseillers en agence portent la moitié de la charge d'accompagnement",
            "Deux lots à six mois d'écart laissent le temps de corriger avant le second"]),
        BulletSlide("Débordements", ["Texte placé hors de la diapositive et en double"]),  # 6
    ])
    path = write_pptx(flawed, folder / "flawed" / "flawed.pptx", templates)
    deck = Presentation(str(path))
    slides = list(deck.slides)
    # the writer keeps to the budget by itself: overfill the bullet as a hand edit would
    slides[2].placeholders[1].text_frame.paragraphs[0].runs[0].text = words
    for shape in list(slides[4].shapes):       # renumber the messages 1, 3
        if shape.has_text_frame and shape.text_frame.text.strip() == "2":
            shape.text_frame.paragraphs[0].runs[0].text = "3"
    _textbox(slides[5], 900, 300, "Texte qui sort de la diapositive")
    _textbox(slides[5], 100, 300, "Deux textes superposés")
    _textbox(slides[5], 100, 302, "Deux textes superposés")
    _textbox(slides[5], 100, 420, "Une phrase coupée par le rédacteur…")
    deck.save(str(path))
    return check_layout(folder)


def _where(findings, kind: str) -> set[tuple[str, int]]:
    return {(f.file.name, f.page) for f in findings if f.kind == kind}


def test_a_sound_deck_and_report_have_no_finding(findings):
    assert [f for f in findings if f.file.stem == "sound"] == []


def test_a_slide_over_the_word_budget_is_found_on_its_slide(findings):
    assert _where(findings, WORD_BUDGET) == {("flawed.pptx", 3)}


def test_a_near_empty_slide_is_found(findings):
    assert _where(findings, NEAR_EMPTY) == {("flawed.pptx", 4)}


def test_numbered_messages_that_skip_a_number_are_found(findings):
    assert _where(findings, NUMBERING) == {("flawed.pptx", 5)}
    message = next(f.message for f in findings if f.kind == NUMBERING)
    assert "1, 3" in message


def test_text_beyond_the_slide_edge_is_found(findings):
    assert _where(findings, OUTSIDE) == {("flawed.pptx", 6)}


def test_text_drawn_over_other_text_is_found(findings):
    assert _where(findings, OVERLAP) == {("flawed.pptx", 6)}


def test_a_truncation_mark_is_found(findings):
    found = [f for f in findings if f.kind == TRUNCATED]
    assert {(f.file.name, f.page) for f in found} == {("flawed.pptx", 6)}
    assert "coupée" in found[0].message


def test_findings_print_with_file_and_page_and_fail_the_command(findings, tmp_path, capsys):
    flawed = next(f.file.parent for f in findings if f.file.stem == "flawed")
    assert main(["check-layout", str(flawed)]) == 1
    err = capsys.readouterr().err
    assert "flawed.pptx: page 3: word_budget" in err
    assert main(["check-layout", str(flawed.parent / "sound")]) == 0
    assert "layout OK" in capsys.readouterr().out


# ------------------------------------------------------------------ Word tables over pages

ROW = re.compile(r"^Population \d+$")
MODULES = "Découverte du CRM, Les gestes essentiels du CRM, Nouveaux processus métier"


def _population_table(rows: int) -> Document:
    """A heading and a table whose last rows fall on the next page for one of the sizes."""
    body = [[f"Population {n}", "Collaborateur", "3/3", "Moyen",
             MODULES if n % 3 else "Nouveautés du lot"] for n in range(1, rows + 1)]
    return Document("Note", client="Client Fictif SA", blocks=[
        Heading("Populations"),
        Table(["Population", "Rôle", "Impact outil", "Aisance informatique", "Modules"], body)])


def _without_keeps(path) -> None:
    """The same report as a writer that neither keeps rows together nor whole would write."""
    document = open_docx(str(path))
    table = document.tables[0]._tbl
    for element in [*table.iter(qn("w:keepNext")), *table.iter(qn("w:cantSplit"))]:
        element.getparent().remove(element)
    document.save(str(path))


@pytest.fixture(scope="module")
def paged_tables(tmp_path_factory, templates):
    """(rows on the last page, single-row findings) per report, kept by the writer or not."""
    import pymupdf

    folder, pdfs = tmp_path_factory.mktemp("tables"), tmp_path_factory.mktemp("tables-pdf")
    sources = []
    for rows in range(25, 31):   # a page holds about 27 of these rows after the heading
        for kind in ("kept", "loose"):
            path = write_docx(_population_table(rows), folder / f"{kind}-{rows}.docx", templates)
            if kind == "loose":
                _without_keeps(path)
            sources.append(path)
    findings = check_files(sources, pdfs)
    result = {}
    for source, pdf in zip(sources, sorted(pdfs.rglob("*.pdf"), key=lambda p: sources.index(
            folder / f"{p.stem}.docx")), strict=True):
        pages = list(pymupdf.open(str(pdf)))
        last = sum(1 for line in pages[-1].get_text().splitlines() if ROW.match(line))
        found = {f.page for f in findings if f.file == source and f.kind == SINGLE_ROW}
        result[source.stem] = (len(pages), last, found)
    return result


def test_the_writer_never_leaves_a_table_row_alone_on_a_page(paged_tables):
    kept = {name: value for name, value in paged_tables.items() if name.startswith("kept")}
    assert all(found == set() for _pages, _last, found in kept.values())
    # the case that matters was met: a table continued for its last two rows, kept together
    assert any(pages == 3 and last == 2 for pages, last, _found in kept.values())


def test_a_single_continued_row_is_found_and_two_are_not(paged_tables):
    loose = {name: value for name, value in paged_tables.items() if name.startswith("loose")}
    assert any(last == 1 for _pages, last, _found in loose.values()), "the case was met"
    for name, (pages, last, found) in loose.items():
        assert found == ({pages} if pages > 2 and last == 1 else set()), name
