"""The PowerPoint writer keeps each slide within the word budget: a table or bullet
list that says more continues on further slides, counted as the layout check counts."""

from __future__ import annotations

import datetime as dt

from pptx import Presentation

from playbook.render import BulletSlide, Deck, Table, TableSlide, TwoContentSlide, write_pptx
from playbook.render.layout_check import slide_words
from playbook.render.pptx.fitting import paginate
from playbook.render.words import WORD_BUDGET, count_words


def _slides(tmp_path, templates, slides, lang="fr"):
    deck = Deck(title="Plan Change", client="Client Fictif SA", date=dt.date(2027, 3, 1),
                lang=lang, slides=slides)
    return list(Presentation(str(write_pptx(deck, tmp_path / "deck.pptx", templates))).slides)


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text


def _table(slide):
    return next(shape.table for shape in slide.shapes if shape.has_table)


def _rows(slides) -> list[str]:
    tables = [shape.table for s in slides for shape in s.shapes if shape.has_table]
    return [table.cell(r, 0).text for table in tables for r in range(1, len(table.rows))]


def _sentence(number: int, words: int) -> str:
    return " ".join(["Population"] + [f"mot{number}x{i}" for i in range(words - 1)])


def test_words_are_counted_as_a_reader_counts_them():
    # elisions and hyphenations are one word; punctuation, dashes and bold markers none
    assert count_words("Les conseillers d’agence – Île-de-France : 96 places, **back-office**") \
        == 7


def test_a_short_table_over_the_word_budget_continues_on_further_slides(tmp_path, templates):
    # twelve short rows fit one slide's height, but not its word budget
    rows = [[f"Ligne {n}", _sentence(n, 12)] for n in range(12)]
    slides = _slides(tmp_path, templates, [TableSlide("Besoins", Table(["Ligne", "Détail"], rows))])
    assert len(slides) >= 2
    assert [_title(s) for s in slides[1:]] == ["Besoins (suite)"] * (len(slides) - 1)
    assert all(slide_words(s) <= WORD_BUDGET for s in slides)
    assert _rows(slides) == [f"Ligne {n}" for n in range(12)], "every row, once, in order"
    counts = [len(_table(s).rows) - 1 for s in slides]
    assert max(counts) - min(counts) <= 1, "rows spread evenly, no stub at the end"


def test_a_grid_of_figures_over_the_budget_continues_like_any_table(tmp_path, templates):
    # long population names beside their figures: the reader still reads every name
    long = [[_sentence(n, 12), "135", "Oui", "3"] for n in range(14)]
    slides = _slides(tmp_path, templates, [TableSlide("Carte", Table(["Population", "Effectif", "CRM", "Niveau"],
                                                                     long))])
    assert len(slides) >= 3 and all(slide_words(s) <= WORD_BUDGET for s in slides)


def test_a_caption_counts_towards_the_budget_of_its_table_slide(tmp_path, templates):
    rows = [[f"Ligne {n}", _sentence(n, 7)] for n in range(8)]  # 66 words with its header
    table = Table(["Ligne", "Détail"], rows)
    assert len(_slides(tmp_path, templates, [TableSlide("Sans légende", table)])) == 1
    table.caption = "Source : entretiens menés auprès des équipes en février, vingt personnes " \
                    "rencontrées dans les agences du réseau"
    slides = _slides(tmp_path, templates, [TableSlide("Avec légende", table)])
    assert len(slides) == 2
    assert all(slide_words(s) <= WORD_BUDGET for s in slides)


def test_a_continued_table_never_holds_a_single_row(tmp_path, templates):
    # rows too wordy to pair within the budget keep to pages of two rows or more
    rows = [[f"Ligne {n}", _sentence(n, 50)] for n in range(5)]
    slides = _slides(tmp_path, templates, [TableSlide("Leviers", Table(["Ligne", "Détail"], rows))])
    assert all(len(_table(s).rows) - 1 >= 2 for s in slides[1:])
    assert _rows(slides) == [f"Ligne {n}" for n in range(5)]


def test_bullets_over_the_word_budget_continue_on_further_slides(tmp_path, templates):
    bullets = [_sentence(n, 15) for n in range(10)]
    slides = _slides(tmp_path, templates, [BulletSlide("Points clés", bullets)], lang="en")
    assert len(slides) >= 2
    assert _title(slides[1]) == "Points clés (continued)"
    assert all(slide_words(s) <= WORD_BUDGET for s in slides)
    shown = [p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs]
    assert shown == bullets


def test_a_bullet_wordier_than_the_budget_continues_whole_on_the_next_slide(tmp_path, templates):
    bullet = _sentence(0, 150)
    slides = _slides(tmp_path, templates, [BulletSlide("Un long point", [bullet])])
    assert len(slides) == 2
    assert all(slide_words(s) <= WORD_BUDGET for s in slides)
    shown = " ".join(p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs)
    assert shown.split() == bullet.split()


def test_text_over_the_budget_is_spread_evenly_leaving_no_near_empty_slide(tmp_path, templates):
    long = _sentence(0, 95)  # 80 + 15 words: a greedy split would leave 15 words alone
    slides = _slides(tmp_path, templates, [BulletSlide("Équipe", [long, _sentence(1, 6)])])
    counts = [slide_words(s) for s in slides]
    assert len(slides) == 2 and all(20 <= words <= WORD_BUDGET for words in counts), counts
    shown = " ".join(p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs)
    assert shown.split() == (long + " " + _sentence(1, 6)).split()


def test_both_columns_of_a_slide_share_its_word_budget(tmp_path, templates):
    bullets = [_sentence(n, 12) for n in range(5)]
    rows = [[f"Ligne {n}", _sentence(n, 10)] for n in range(6)]
    slides = _slides(tmp_path, templates, [TwoContentSlide(
        "Deux colonnes", bullets, Table(["Ligne", "Détail"], rows), right_title="Détail")])
    assert len(slides) >= 2
    assert all(slide_words(s) <= WORD_BUDGET for s in slides)
    assert _rows(slides) == [f"Ligne {n}" for n in range(6)]
    shown = [p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs
             if p.text != "Détail"]
    assert shown == bullets


def test_pages_keep_to_the_budget_and_spread_rows_evenly():
    pages = paginate([20.0] * 9, 400.0, words=[20] * 9, budget=60)
    assert pages == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]


def test_pages_go_over_the_budget_rather_than_leave_a_lone_row():
    # three rows of 50 words: two on a slide is over budget, one alone a leftover
    pages = paginate([20.0] * 3, 400.0, words=[50] * 3, budget=70)
    assert pages == [[0, 1, 2]]
    # height still rules: a slide holds two rows, so none is left alone
    pages = paginate([150.0] * 4, 320.0, words=[50] * 4, budget=70)
    assert pages == [[0, 1], [2, 3]]


def test_a_detail_never_opens_a_continued_slide_without_the_bullet_it_details(tmp_path, templates):
    from playbook.render import BulletItem

    # Three decisions, each with its reason: the second reason would overflow the
    # first slide; it moves with its decision rather than sit alone under "(suite)".
    bullets = []
    for number in range(3):
        bullets += [_sentence(number, 12), BulletItem(_sentence(10 + number, 22), level=1)]
    slides = _slides(tmp_path, templates, [BulletSlide("Décisions", bullets)])
    assert len(slides) >= 2
    for slide in slides:
        first = slide.placeholders[1].text_frame.paragraphs[0]
        assert first.level == 0, first.text
    shown = [p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs]
    assert shown == [b.text if isinstance(b, BulletItem) else b for b in bullets]
