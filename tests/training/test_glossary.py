"""The glossary: the method's vocabulary in French and English, kept as method data."""

from __future__ import annotations

from playbook.training import glossary, glossary_table

REQUIRED_FR = [
    "Cadrage", "Note de cadrage", "Vision cible", "Diagnostic d'impacts", "Plan Change",
    "Plan de formation", "COPIL", "Recette", "Parcours utilisateur", "Cas d'usage", "Lot",
    "Métier", "Rejet", "Dévoiement", "Décloisonnement", "Frein", "Adhésion", "Ambassadeur",
    "Utilisateurs clés", "Comprendre / Vouloir / Pouvoir", "« fliqué »", "Territoire réticent",
    "Vis ma vie",
]


def test_every_term_of_the_method_vocabulary_is_defined_in_both_languages():
    entries = glossary()
    terms = " | ".join(e.term_fr for e in entries)
    for term in REQUIRED_FR:
        assert term in terms, term
    for entry in entries:
        assert entry.term_en and entry.definition_fr and entry.definition_en


def test_the_glossary_table_shows_both_terms_and_the_definition_in_the_chosen_language():
    table = glossary_table(lang="fr")
    assert list(table.columns) == ["Terme (français)", "Terme (anglais)", "Définition"]
    row = table[table["Terme (français)"] == "Dévoiement"].iloc[0]
    assert row["Terme (anglais)"] == "Misuse"
    assert row["Définition"].startswith("Second risque humain")
