"""A table looked up over several slides: as few pages as its rows need, each full,
none overflowing, in the file and in the LibreOffice render."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Emu

from playbook.render import Deck, Table, TableSlide, write_pptx
from playbook.render.pptx.fitting import TABLE_FLOOR_PT
from playbook.render.typography import prepare

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PAGE_FILL_MIN = 0.8  # of the content box, on every page of a table paged over slides

# A catalogue of 35 levers as a glossary shows them: pillar, lever, its one sentence.
GLOSSARY = [
    ("Comprendre", "Rythme de communication régulier", "Un point d'information à rythme fixe, jusqu'à l'ancrage."),
    ("Comprendre", "Temps forts de communication", "Communication large aux temps forts du projet."),
    ("Comprendre", "Présentation des bénéfices par population", "Ce que l'outil change pour la population et ce qu'elle y gagne."),
    ("Comprendre", "Business case par partenaire", "Ce que l'outil rapporte à chaque partenaire, chiffré avec lui."),
    ("Comprendre", "Charte de partage des données", "Qui voit quelles données, et pourquoi."),
    ("Comprendre", "« Vis ma vie »", "Une journée dans le métier d'une population voisine."),
    ("Comprendre", "Vidéo de témoignages", "Les acteurs de la conception racontent le projet en vidéo."),
    ("Comprendre", "Information-consultation des représentants du personnel",
     "Les représentants du personnel informés et consultés avant la mise en production."),
    ("Vouloir", "Implication dès la conception", "Des représentants participent aux ateliers de conception."),
    ("Vouloir", "Ateliers participatifs", "Ateliers pour traiter les blocages à la racine."),
    ("Vouloir", "Conseil des partenaires", "Les dirigeants des partenaires associés aux décisions."),
    ("Vouloir", "Faire désigner un sponsor local", "Un responsable du territoire désigné sponsor local."),
    ("Vouloir", "Engagement du management local", "L'engagement visible du management local."),
    ("Vouloir", "Communauté d'ambassadeurs", "Un réseau d'ambassadeurs qui entraîne ses collègues."),
    ("Vouloir", "Adaptations territoriales", "Les spécificités du territoire intégrées à la conception."),
    ("Vouloir", "Leviers positifs et motivations", "Mettre en avant ce qui motive la population."),
    ("Vouloir", "Charte d'usage managérial", "Ce que les managers feront, ou non, des données d'activité."),
    ("Vouloir", "Réponses aux objections", "Réponses argumentées aux objections, préparées avec les managers."),
    ("Vouloir", "Incitation à l'usage", "Pistes, primes et remises du partenaire liées à son usage de l'outil."),
    ("Vouloir", "Implication dans la recette", "Des utilisateurs recettent l'outil sur leurs cas réels."),
    ("Vouloir", "Revue d'adoption en comité", "Le comité suit l'adoption et ajuste le plan."),
    ("Vouloir", "Échanges de bonnes pratiques", "Les utilisateurs partagent leurs usages réussis."),
    ("Vouloir", "Objectifs collectifs", "Des objectifs d'usage d'équipe plutôt qu'individuels."),
    ("Vouloir", "Reconnaissance des tâches administratives", "Le travail administratif hérité rendu visible et valorisé."),
    ("Vouloir", "Usage inscrit au contrat", "L'usage de l'outil inscrit au contrat, à son renouvellement."),
    ("Pouvoir", "Simplification de la saisie", "Moins de champs obligatoires, des écrans adaptés au quotidien."),
    ("Pouvoir", "Rééquilibrage de la charge", "La charge administrative transférée chiffrée et compensée."),
    ("Pouvoir", "Modules d'e-learning", "Modules courts, à suivre à son rythme."),
    ("Pouvoir", "Formation en salle", "Formation en groupe à l'outil et aux processus."),
    ("Pouvoir", "Ateliers rituels managériaux", "L'outil intégré aux rituels des managers."),
    ("Pouvoir", "Guide utilisateur", "Un guide propre à la population, à jour de chaque lot."),
    ("Pouvoir", "Support utilisateurs", "Un point de contact unique pour les questions et blocages."),
    ("Pouvoir", "Accompagnement au poste", "Les utilisateurs clés accompagnent les premiers pas au poste."),
    ("Pouvoir", "Revue des tableaux de bord d'usage", "Les managers revoient l'usage avec leur équipe, pour aider."),
    ("Pouvoir", "Formation aux tâches reprises", "Formation aux processus des tâches reprises, sur cas réels."),
]


def _write(tmp_path, templates, table: Table, lang: str = "fr"):
    deck = Deck(title="Plan d'accompagnement", client="Client Fictif SA", date=dt.date(2027, 3, 1),
                lang=lang, slides=[TableSlide("Les leviers du plan", table, reference=True)])
    return write_pptx(deck, tmp_path / "deck.pptx", templates)


def _glossary(count: int = len(GLOSSARY), grouped: int = 1) -> Table:
    return Table(["Pilier", "Levier", "En une phrase"], [list(row) for row in GLOSSARY[:count]],
                 widths=[1, 1.8, 5], grouped=grouped)


def _matrix() -> Table:
    """Levers by seven populations, a mark where one gets the lever: most cells empty."""
    names = ["Agents généraux", "Collaborateurs d'agence", "Courtiers partenaires",
             "Inspecteurs commerciaux – Grand Est", "Inspecteurs commerciaux – Nord-Ouest",
             "Inspecteurs commerciaux – Sud-Est", "Gestionnaires souscription"]
    rows = [[lever, *("●" if (n + c) % 3 == 0 else "" for c in range(len(names)))]
            for n, (_, lever, _) in enumerate(GLOSSARY[:26])]
    return Table(["Levier", *names], rows, widths=[2.4, *(1 for _ in names)],
                 align=["left", *("center" for _ in names)])


def _pages(path):
    """(content box top and height, [(table frame, its rows' heights)] per slide), EMU."""
    presentation = Presentation(str(path))
    layout = next(x for x in presentation.slide_layouts if x.name == "Title and Content")
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    pages = []
    for slide in presentation.slides:
        shape = next(s for s in slide.shapes if s.has_table)
        pages.append((shape, [row.height for row in shape.table.rows]))
    return (body.top, body.height), pages


def _size(cell) -> float:
    """A cell's font size as a renderer takes it: its runs', or an empty cell's end mark."""
    sizes = [run.font.size.pt for p in cell.text_frame.paragraphs for run in p.runs]
    if sizes:
        return max(sizes)
    end = cell._tc.find(f".//{A}endParaRPr")
    assert end is not None and end.get("sz"), "an empty cell carries its size"
    return int(end.get("sz")) / 100


def test_a_35_lever_glossary_fits_two_full_slides(tmp_path, templates):
    (top, room), pages = _pages(_write(tmp_path, templates, _glossary()))
    assert len(pages) == 2
    assert sum(len(rows) - 1 for _, rows in pages) == len(GLOSSARY), "every lever, once"
    for shape, rows in pages:
        assert shape.top == top
        assert PAGE_FILL_MIN * room <= sum(rows) <= room, (sum(rows) / room)
        assert min(_size(cell) for row in shape.table.rows for cell in row.cells) >= TABLE_FLOOR_PT


@pytest.mark.parametrize("count", [20, 22, 26, 29])
def test_every_page_of_a_paged_table_is_full_and_none_overflows(tmp_path, templates, count):
    (_, room), pages = _pages(_write(tmp_path, templates, _glossary(count)))
    assert len(pages) == 2
    for _, rows in pages:
        assert PAGE_FILL_MIN * room <= sum(rows) <= room, (count, sum(rows) / room)


def test_a_table_that_fits_one_slide_when_tightened_is_not_split(tmp_path, templates):
    (_, room), pages = _pages(_write(tmp_path, templates, _glossary(18)))
    assert len(pages) == 1
    assert sum(pages[0][1]) <= room


def test_a_paged_table_keeps_its_columns_from_page_to_page(tmp_path, templates):
    _, pages = _pages(_write(tmp_path, templates, _glossary()))
    widths = [[column.width for column in shape.table.columns] for shape, _ in pages]
    assert widths[0] == widths[1]


def test_a_group_is_named_once_a_slide_and_again_at_the_top_of_the_next(tmp_path, templates):
    _, pages = _pages(_write(tmp_path, templates, _glossary()))
    shown = [[shape.table.cell(r, 0).text for r in range(1, len(shape.table.rows))]
             for shape, _ in pages]
    levers = [shape.table.cell(r, 1).text for shape, _ in pages
              for r in range(1, len(shape.table.rows))]
    assert levers == [prepare(lever, "fr") for _, lever, _ in GLOSSARY], "every lever, in order"
    for page, rows in zip(shown, _split([pillar for pillar, _, _ in GLOSSARY], shown), strict=True):
        assert page[0] == rows[0], "each slide opens naming its group"
        assert page == [pillar if n == 0 or pillar != rows[n - 1] else ""
                        for n, pillar in enumerate(rows)]
    assert shown[0][:2] == ["Comprendre", ""]


def _split(values: list[str], like: list[list[str]]) -> list[list[str]]:
    out, start = [], 0
    for page in like:
        out.append(values[start:start + len(page)])
        start += len(page)
    return out


def test_an_empty_cell_is_sized_like_its_row_not_at_the_default_18_pt(tmp_path, templates):
    _, pages = _pages(_write(tmp_path, templates, _matrix()))
    shape = pages[0][0]
    empty = [cell for row in list(shape.table.rows)[1:] for cell in row.cells if not cell.text]
    assert empty
    assert all(not p.runs for cell in empty for p in cell.text_frame.paragraphs)
    assert {_size(cell) for cell in empty} == {_size(shape.table.cell(1, 0))}


@pytest.mark.libreoffice
def test_the_render_draws_each_page_within_the_height_laid_out(tmp_path, templates):
    """LibreOffice grows a row whose text needs more than its height: the drawn
    tables end where the writer laid them out, above the footer."""
    fitz = pytest.importorskip("fitz")
    decks = []
    for name, table in (("glossary", _glossary()), ("matrix", _matrix())):
        (tmp_path / name).mkdir()
        decks.append(_write(tmp_path / name, templates, table))
    for deck in decks:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                        "--convert-to", "pdf", "--outdir", str(deck.parent), str(deck)],
                       check=True, capture_output=True, timeout=180)
        (top, room), pages = _pages(deck)
        document = fitz.open(str(deck.with_suffix(".pdf")))
        assert len(document) == len(pages)
        for page, (shape, rows) in zip(document, pages, strict=True):
            scale = page.rect.height / Emu(Presentation(str(deck)).slide_height).pt
            fills = [d["rect"] for d in page.get_drawings()
                     if d.get("fill") and d["rect"].width > 100 * scale]
            cells = [r for r in fills if r.y0 >= Emu(top).pt * scale - 1]
            bottom = max(r.y1 for r in cells) / scale
            laid_out = Emu(shape.top + sum(rows)).pt
            assert bottom <= laid_out + 1, (deck.name, bottom, laid_out)
            assert laid_out <= Emu(top + room).pt + 0.5
