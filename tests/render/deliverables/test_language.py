"""A language lint over every word the deliverables print, both examples in both
languages: slide text, tables and speaker notes, Word paragraphs and tables.

What a partner would strike out before sending: doubled punctuation or
parentheses, a stray "..", a French plural after 0 or 1 ("1 ont", "1 juniors"),
"de avril" for "d'avril",
a French colon or semicolon without its no-break space, an unaccented capital
"A" for the preposition, figures shown with false precision, and the English
of a translation ("brakes", "de-siloing", "arbitration") where a consultant
says something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from playbook.render.deliverables import common as c
from playbook.text import grammar

SPACES = "\u00a0\u202f"

EVERYWHERE = {
    "doubled punctuation": re.compile(r"([,;:!?])[\s\u00a0\u202f]*\1|(?<!\.)\.\.(?!\.)"),
    "doubled parentheses": re.compile(r"\)[\s\u00a0\u202f]*\("),
    "a space before a closing mark": re.compile(r"[ ][,.)](?!\d)"),
}
FRENCH = {
    "plural verb after 0 or 1": re.compile(r"(?<![\d,\u202f])[01][\s\u00a0\u202f]+(ont|sont|doivent|peuvent|"
                                           r"restent|présentent|perdraient|cloisonnent)\b"),
    "plural noun after 0 or 1": re.compile(r"(?<![\d,\u202f])[01][\s\u00a0\u202f]+(populations|actions|personnes|"
                                           r"jours|ateliers|critères|modules|indicateurs|leviers|freins|"
                                           r"risques|sessions|lots|juniors|seniors|gains|points|vagues)\b"),
    "no no-break space before a high punctuation mark": re.compile(r"[^\s\u00a0\u202f\d/:(][:;!?](?=\s|$)"),
    "an unaccented capital A for the preposition": re.compile(
        r"(^|[.!?:]\s|\n)A (partir|compter|la |l'|l’|chaque|tous|toutes|noter|cette|ce |ces )"),
    "days to the tenth": re.compile(r"\b\d{2,}(?:[\u202f ]\d{3})*,\d+[\s\u00a0\u202f]+(jours|j)\b"),
    "de not elided before a vowel": re.compile(r"\b[Dd]e (avril|août|octobre|Île|un|une)\b"),
}
ENGLISH = {
    "plural after 1": re.compile(r"(?<![\d.,])1 (populations|actions|people|days|workshops|criteria|modules|"
                                 r"indicators|levers|barriers|risks|sessions|lots|points|waves)\b"),
    "days to the tenth": re.compile(r"\b\d{2,}(?:,\d{3})*\.\d+ (days|d|trainer-days|learner-days)\b"),
    "a translated term": re.compile(r"\b(brakes?|de-siloing|fillers?|arbitration|"
                                    r"walk in my shoes)\b", re.I),
}
# An amount as printed: "545 000 €" / "£1,120,000" (the value, without its currency);
# a client's own "£4.2m" in a narrative is theirs, not a computed figure.
PER_DAY = re.compile(r"\s+(?:par jour|a day|per (?:trainer|learner)-day)")
# A budget's margin or overrun is the difference of two printed amounts, exact so
# that the sentence adds up ("8 400 € pour 25 000 €, soit une marge de 16 600 €").
DIFFERENCE = re.compile(r"(?:marge de|dépassé de|margin of|exceeded by)\s*$")
AMOUNTS = {
    "fr": re.compile(r"(\d{1,3}(?:[\u202f\u00a0 ]\d{3})*)(?:,\d+)?[\s\u00a0\u202f]*€"),
    "en": re.compile(r"[£€$](\d{1,3}(?:,\d{3})*)(?:\.\d+)?(?![\d,.]|\s?(?:k|m|bn|million|billion)\b)"),
}


def _texts(written) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text of a written deliverable."""
    for number, slide in enumerate(written.pptx.slides, 1):
        for shape in _shapes(slide.shapes):
            if shape.has_text_frame:
                yield f"slide {number}", shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield f"slide {number} (table)", cell.text
        if slide.has_notes_slide:
            yield f"slide {number} (notes)", slide.notes_slide.notes_text_frame.text
    for paragraph in written.docx.paragraphs:
        yield "report", paragraph.text
    for table in written.docx.tables:
        for row in table.rows:
            for cell in row.cells:
                yield "report (table)", cell.text


def _shapes(shapes):
    for shape in shapes:
        yield shape
        if hasattr(shape, "shapes"):
            yield from _shapes(shape.shapes)


def _findings(every_deliverable, rules_for) -> list[str]:
    found = []
    for (name, case), written in every_deliverable.items():
        rules = {**EVERYWHERE, **rules_for(written.lang)}
        for where, text in _texts(written):
            for rule, pattern in rules.items():
                for match in pattern.finditer(text):
                    start = max(0, match.start() - 30)
                    found.append(f"{case}/{name} {where}: {rule}: …{text[start:match.end() + 30]!r}")
            for match in AMOUNTS[written.lang].finditer(text):
                value = int(re.sub(r"\D", "", match.group(1)))
                if PER_DAY.match(text, match.end()):
                    continue  # a unit rate: printed as the engagement gives it, never rounded
                if DIFFERENCE.search(text, 0, match.start()):
                    continue  # a difference of two rounded amounts: exact, so that it adds up
                if grammar.rounded_money(value) != value:
                    found.append(f"{case}/{name} {where}: money to the unit: {match.group(0)!r}")
    return found


def test_the_french_deliverables_pass_the_language_lint(every_deliverable):
    french = {k: v for k, v in every_deliverable.items() if v.lang == "fr"}
    assert _findings(french, lambda lang: FRENCH) == []


def test_the_english_deliverables_pass_the_language_lint(every_deliverable):
    english = {k: v for k, v in every_deliverable.items() if v.lang == "en"}
    assert _findings(english, lambda lang: ENGLISH) == []


def test_every_catalogue_label_that_counts_has_both_plural_forms_in_both_languages(analyses):
    method = next(iter(analyses.values())).method
    keys = method.labels.keys()
    counted = {k.rsplit(".", 1)[0] for k in keys if k.endswith(".other")}
    assert counted, "counted sentences are written in the catalogue, both forms"
    for stem in counted:
        assert f"{stem}.one" in keys, f"{stem} lacks its singular form"


@pytest.mark.parametrize(("key", "lang", "count", "expected"), [
    ("quick_wins", "fr", 1, "1 gain rapide (effet fort, charge réduite) est à lancer sans attendre."),
    ("quick_wins", "fr", 2, "2 gains rapides (effet fort, charge réduite) sont à lancer sans attendre."),
    ("quick_wins", "en", 1, "1 quick win (strong effect, light effort) can start at once."),
    ("quick_wins", "en", 2, "2 quick wins (strong effect, light effort) can start at once."),
    # Where the catalogue has a zero form, none is said in words.
    ("to_arbitrate", "fr", 0, "Aucune action n'est à trancher en COPIL."),
    ("to_arbitrate", "fr", 1, "1 action d'effet faible pour sa charge est à confirmer ou à retirer en COPIL."),
    ("to_arbitrate", "en", 0, "No action needs a steering-committee decision."),
    ("to_arbitrate", "en", 1, "1 action of weak effect for its effort is for the steering committee to confirm or drop."),
])
def test_a_counted_sentence_agrees_with_its_count_in_both_languages(analyses, key, lang, count, expected):
    from dataclasses import replace

    analysis = replace(analyses["mutuelle_fr"], lang=lang)
    assert c.counted(analysis, f"change_plan.messages.{key}", count) == expected


@pytest.mark.parametrize(("lang", "losing", "expected"), [
    ("fr", 1, "4 personas ; 1 a quelque chose à perdre en partageant l'information : Laurent."),
    ("fr", 2, "4 personas ; 2 ont quelque chose à perdre en partageant l'information : Laurent, Yanis."),
    ("en", 1, "4 personas; 1 has something to lose by sharing information: Laurent."),
    ("en", 2, "4 personas; 2 have something to lose by sharing information: Laurent, Yanis."),
])
def test_one_persona_has_something_to_lose_several_have(analyses, lang, losing, expected):
    from dataclasses import replace

    analysis = replace(analyses["mutuelle_fr"], lang=lang)
    names = ", ".join(["Laurent", "Yanis"][:losing])
    assert c.counted(analysis, "target_vision.messages.personas", losing, personas=4, names=names) == expected


@pytest.mark.parametrize(("code", "fr", "en"), [
    ("reluctant", "population réticente", "reluctant population"),
    ("resistant", "population résistante", "resistant population"),
    ("favourable", "population favorable", "favourable population"),
])
def test_a_buy_in_inside_a_sentence_agrees_with_its_noun(analyses, code, fr, en):
    from dataclasses import replace

    analysis = analyses["mutuelle_fr"]
    assert c.buy_in(analysis, code) == fr
    assert c.buy_in(replace(analysis, lang="en"), code) == en
