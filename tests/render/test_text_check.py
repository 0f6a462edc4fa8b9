"""The text check a partner's reading stands on: each rule finds what it names in a
file written as a client receives it, and stays silent on text written right."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from playbook.render import text_check as tc
from playbook.render import write_docx, write_pptx
from playbook.render.ir import BulletSlide, Deck, Document, Heading, Paragraph, Table
from playbook.render.words import within_budget

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def kinds(texts: list[str], lang: str = "fr", part: str = tc.BODY) -> list[str]:
    return [kind for _, kind, _ in tc.check_pieces([tc.Piece("here", t, part) for t in texts], lang)]


@pytest.mark.parametrize(("text", "lang", "kind"), [
    ("Priorité : {priority}", "fr", tc.PLACEHOLDER),
    ("Remplacer par le chiffrage de l'intégrateur dès qu'il est connu.", "fr", tc.INSTRUCTION),
    ("Recalibrez les intensités.", "fr", tc.INSTRUCTION),
    ("Replace with the integrator's estimate.", "en", tc.INSTRUCTION),
    ("Statut : not_assessed", "fr", tc.INTERNAL_CODE),
    ("True", "en", tc.RAW_VALUE),
    ("None", "fr", tc.RAW_VALUE),
    ("['Populations utilisatrices', 'Direction']", "fr", tc.RAW_VALUE),
    ("Part : 72.789116", "fr", tc.RAW_VALUE),
    ("frein « Sentiment d'être « fliqué » » détecté", "fr", tc.NESTED_QUOTES),
    ("Cible 7 /10", "fr", tc.SPACED_SCORE),
    ("The COPIL meets every two weeks.", "en", tc.NOT_NATIVE),
    ("It feeds the ambassadors (positive contagion).", "en", tc.NOT_NATIVE),
    ("Sur 12 actions, 1 annulées.", "fr", tc.LANGUAGE),
])
def test_each_rule_finds_what_it_names(text, lang, kind):
    assert kind in kinds([text], lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Priorité haute : 3 actions à lancer avant le 1er mars 2027.", "fr"),
    ("Cible 7/10, alerte à 5,6/10.", "fr"),
    ("frein « Sentiment d’être “fliqué” » détecté", "fr"),
    ("None", "en"),  # an English level
    ("Mutuelle Horizon · Note de cadrage · Confidentiel", "fr"),
    ("La directrice générale adjointe préside chaque COPIL et valide les jalons.", "en"),
])
def test_text_written_right_passes(text, lang):
    assert kinds([text], lang) == []


def test_a_french_word_of_the_method_in_an_english_frame_or_title_is_found():
    assert tc.FRENCH_IN_ENGLISH in kinds(["Client · Impact diagnosis · Confidentiel"], "en", tc.FRAME)
    assert tc.FRENCH_IN_ENGLISH in kinds(["Leviers par population (suite)"], "en", tc.TITLE)


def test_a_sentence_said_three_times_in_a_file_is_found_twice_is_not():
    sentence = "Given to the project manager, as no one holds the role of key user."
    assert kinds([sentence] * 2, "en") == []
    assert kinds([sentence] * 3, "en") == [tc.REPEATED]
    # a value repeated down a column, or a title on continuation slides, is not a sentence
    assert kinds(["Chef de projet CRM (Julien Ferrand)"] * 5, "fr", tc.CELL) == []
    assert kinds(["Trois populations portent le changement."] * 3, "fr", tc.TITLE) == []


def test_an_abbreviation_does_not_end_a_sentence_so_sentences_about_different_populations_differ():
    """« 140 pers. ; … » goes on after « pers. »: the population's name stays in the
    sentence, and three populations with the same profile are not one sentence said
    three times."""
    texts = [f"{name} (140\u00a0pers.\u00a0; évaluation : durée de traitement) : l’outil ralentit le travail."
             for name in ("Accueil – Metz", "Accueil – Nancy", "Accueil – Épinal")]
    assert kinds(texts, "fr") == []
    assert kinds([texts[0]] * 3, "fr") == [tc.REPEATED]


def test_notes_over_150_words_are_found():
    assert tc.LONG_NOTES in kinds([" ".join(["mot"] * 151)], "fr", tc.NOTES)
    assert kinds([" ".join(["mot"] * 150)], "fr", tc.NOTES) == []


def test_notes_kept_within_budget_by_whole_lines_and_sentences_reason_first():
    reason = "Reason: the network carries 80 % of the change."
    notes = "\n".join([reason, "Reasons:", *[f"– Item {i} " + "word " * 30 for i in range(8)]])
    said, cut = within_budget(notes, 150)
    assert cut and said.startswith(reason)
    assert len(said.split()) <= 150
    assert all(line.rstrip().endswith("word") or line == reason or line == "Reasons:"
               for line in said.split("\n"))  # items kept whole
    assert within_budget(reason, 150) == (reason, False)


def test_notes_cut_never_leave_a_numbered_line_reduced_to_its_number():
    notes = "\n".join(["1. " + "word " * 146 + "end.", "2. Four decisions await the steering committee."])
    said, cut = within_budget(notes, 150)
    assert cut and said.splitlines()[-1].startswith("1.")  # no bare "2." for the presenter


def test_files_are_read_whole_and_the_command_exits_1_on_findings(tmp_path, capsys):
    bad = tmp_path / "bad"
    write_docx(Document(title="Note", client="Client", lang="fr", blocks=[
        Heading("Effort"), Paragraph("Remplacer par le chiffrage de l'intégrateur."),
        Table(["Critère", "Statut"], [["Sponsor", "not_assessed"]])]),
        bad / "note.docx", TEMPLATES)
    write_pptx(Deck(title="Plan", client="Client", lang="en", slides=[
        BulletSlide("Three populations carry the change", ["Field sales", "Back office"],
                    notes="Priority: {priority}")]), bad / "deck.pptx", TEMPLATES)
    found = {(f.file.name, f.kind) for f in tc.check_text(bad)}
    assert found >= {("note.docx", tc.INSTRUCTION), ("note.docx", tc.INTERNAL_CODE),
                     ("deck.pptx", tc.PLACEHOLDER)}
    assert main(["check-text", str(bad)]) == 1
    assert "instruction" in capsys.readouterr().err

    good = tmp_path / "good"
    write_docx(Document(title="Note", client="Client", lang="fr", blocks=[
        Heading("Effort"), Paragraph("L'effort technique est approché par les cas d'usage.")]),
        good / "note.docx", TEMPLATES)
    assert main(["check-text", str(good)]) == 0


def test_a_review_page_in_another_language_than_its_run_is_found(tmp_path):
    (tmp_path / "manifest.json").write_text('{"language": "fr"}', encoding="utf-8")
    (tmp_path / "note.html").write_text(
        '<html lang="en"><head><title>Client · framing_note</title></head>'
        "<body><p>Texte</p><table><tr><td>None</td></tr></table></body></html>", encoding="utf-8")
    found = {f.kind for f in tc.check_text(tmp_path)}
    assert {tc.WRONG_LANGUAGE, tc.INTERNAL_CODE, tc.RAW_VALUE} <= found
