"""The employee representatives' lever named as the client's country names it, in
every deliverable that names it: a German works council's agreement (co-determination),
a French CSE informed and consulted, reopened from the written files in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.analysis.engine import analyse
from playbook.intake import load_engagement
from playbook.method import load_method

from .conftest import flat, write_cases

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
DELIVERABLES = ("framing_note", "change_plan", "steering")

# (engagement, language) -> (the lever's name, its audience, wording that must not appear)
EXPECTED = {
    ("halvorsen_pharma/engagement.yaml", "en"): (
        "Works council co-determination agreement", "Works council (Betriebsrat)",
        ["informed and consulted", "Employee representatives"]),
    ("halvorsen_pharma/engagement.yaml", "fr"): (
        "Accord de codécision du comité d'entreprise", "Comité d'entreprise (Betriebsrat)",
        ["informé et consulté", "information-consultation", "Représentants du personnel"]),
    ("assurances_vauclair/engagement.xlsx", "fr"): (
        "Information-consultation du CSE", "Comité social et économique (CSE)",
        ["Information-consultation des représentants du personnel", "Représentants du personnel –"]),
    ("assurances_vauclair/engagement.xlsx", "en"): (
        "CSE works council informed and consulted", "Works council (CSE)",
        ["Employee representatives informed and consulted", "Employee representatives –"]),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    method = load_method()
    engagements = {file: load_engagement(CORPUS / file) for file, _ in EXPECTED}
    analyses = {f"{file}|{lang}": analyse(engagements[file], method, lang) for file, lang in EXPECTED}
    out = tmp_path_factory.mktemp("country_mechanism")
    return {name: write_cases(name, {k.replace("/", "_"): a for k, a in analyses.items()}, out / name)
            for name in DELIVERABLES}


def _texts(written, file: str, lang: str) -> dict[str, str]:
    case = f"{file}|{lang}".replace("/", "_")
    texts = {}
    for name in DELIVERABLES:
        w = written[name][case]
        texts[f"{name}.docx"] = flat(w.doc_text())
        texts[f"{name}.pptx"] = flat(w.deck_text() + "\n" + w.notes())
    return texts


@pytest.mark.parametrize(("file", "lang"), list(EXPECTED))
def test_the_framing_note_s_legal_point_names_the_country_s_mechanism(written, file, lang):
    label, _, _ = EXPECTED[file, lang]
    texts = _texts(written, file, lang)
    after_colon = label if label[1:2].isupper() else label[:1].lower() + label[1:]
    for kind in ("framing_note.docx", "framing_note.pptx"):
        assert after_colon in texts[kind], kind


@pytest.mark.parametrize(("file", "lang"), list(EXPECTED))
def test_the_change_plan_action_and_its_audience_follow_the_country(written, file, lang):
    label, audience, _ = EXPECTED[file, lang]
    texts = _texts(written, file, lang)
    for kind in ("change_plan.docx", "change_plan.pptx"):
        assert label in texts[kind], kind
        assert f"{audience} – " in texts[kind], kind


@pytest.mark.parametrize(("file", "lang"), list(EXPECTED))
def test_no_deliverable_keeps_another_country_s_or_the_neutral_wording(written, file, lang):
    _, _, absent = EXPECTED[file, lang]
    for kind, text in _texts(written, file, lang).items():
        for words in absent:
            assert words not in text, (kind, words)
