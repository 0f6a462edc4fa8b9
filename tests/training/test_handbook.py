"""The method handbook: Word and HTML, printed from the method data only."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from playbook.cli import main
from playbook.method import DEFAULT_DIR, load_method
from playbook.render import Bullets, Heading
from playbook.render.typography import prepare
from playbook.render.verify import convert_to_pdf, pdf_page_count
from playbook.training import build_handbook, write_handbook


@pytest.fixture(scope="module", params=["fr", "en"])
def handbook(request, tmp_path_factory):
    lang = request.param
    paths = write_handbook(tmp_path_factory.mktemp(f"handbook-{lang}"), lang)
    return lang, paths


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def html_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def catalogue_labels(method, lang: str) -> dict[str, list[str]]:
    """Every entry a consultant must find in the handbook, by its label in `lang`."""
    return {
        "brakes": [b.label.in_(lang) for b in method.brakes.brakes],
        "risks": [r.label.in_(lang) for r in method.brakes.risks],
        "levers": [lever.label.in_(lang) for lever in method.levers.levers],
        "pillars": [p.label.in_(lang) for p in method.levers.pillars.values()],
        "criteria": [c.label.in_(lang) for c in method.criteria.criteria],
        "workshops": [w.label.in_(lang) for w in method.workshops.workshops],
        "steps": [s.label.in_(lang) for s in method.steps.steps],
        "kpi families": [f.label.in_(lang) for f in method.kpis.families],
        "training formats": [f.label.in_(lang) for f in method.training.formats.values()],
        "training modules": [m.label.in_(lang) for m in method.training.modules],
        "dimensions": [d.label.in_(lang) for d in method.dimensions.dimensions],
    }


def missing(text: str, labels: dict[str, list[str]], lang: str) -> dict[str, list[str]]:
    gaps = {kind: [label for label in items if prepare(label, lang) not in text]
            for kind, items in labels.items()}
    return {kind: items for kind, items in gaps.items() if items}


def test_the_word_handbook_reopens_and_holds_every_catalogue_entry(handbook):
    lang, paths = handbook
    text = docx_text(paths["docx"])
    assert missing(text, catalogue_labels(load_method(), lang), lang) == {}


def test_the_html_handbook_holds_every_catalogue_entry_too(handbook):
    lang, paths = handbook
    page = paths["html"].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and f'lang="{lang}"' in page
    assert "http" not in page.split("<body>")[0]  # self-contained: no external stylesheet
    assert missing(html_text(paths["html"]), catalogue_labels(load_method(), lang), lang) == {}


def test_the_handbook_shows_how_each_brake_is_detected_and_the_glossary(handbook):
    lang, paths = handbook
    text = docx_text(paths["docx"])
    if lang == "en":
        assert "Severity 3/3: evaluated on: Handling time or Activity volume" in text
        assert "Job shadowing" in text and "Misuse" in text
    else:
        assert prepare("Vis ma vie", lang) in text
        assert prepare("Territoire réticent", lang) in text


@pytest.mark.libreoffice
@pytest.mark.parametrize("handbook", ["fr"], indirect=True)  # the longer text; one proves the layout
def test_the_word_handbook_converts_with_libreoffice(handbook, tmp_path):
    _, paths = handbook
    pdf = convert_to_pdf(paths["docx"], tmp_path)
    assert pdf_page_count(pdf) >= 10


def test_an_adapted_method_prints_its_own_handbook(tmp_path):
    folder = tmp_path / "firm-method"
    shutil.copytree(DEFAULT_DIR, folder)
    levers_file = folder / "levers.yaml"
    data = yaml.safe_load(levers_file.read_text(encoding="utf-8"))
    lever = next(item for item in data["levers"] if item["id"] == "walk_in_my_shoes")
    lever["label"]["en"] = "Shadow a colleague for a day"
    levers_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    paths = write_handbook(tmp_path / "out", "en", folder)

    for text in (docx_text(paths["docx"]), html_text(paths["html"])):
        assert "Shadow a colleague for a day" in text
        assert "Job shadowing" not in text.split("Glossary")[0]  # the glossary keeps the term


def test_the_command_writes_both_files(tmp_path, capsys):
    assert main(["handbook", "--lang", "en", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["method-handbook.docx", "method-handbook.html"]
    assert "method-handbook.docx" in capsys.readouterr().out


def test_the_command_refuses_an_unknown_language(tmp_path, capsys):
    assert main(["handbook", "--lang", "de", "--out", str(tmp_path)]) == 2
    assert "fr or en" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_handbook_ends_with_the_bibliography_of_the_five_sources(lang: str) -> None:
    document = build_handbook(lang=lang)

    heading = next(i for i, b in enumerate(document.blocks)
                   if isinstance(b, Heading) and b.text in ("Bibliographie", "Bibliography"))
    entries = next(b for b in document.blocks[heading:] if isinstance(b, Bullets)).items
    assert len(entries) == 5
    assert any(e.startswith("Synolia (2020). Culture d’entreprise et UX") for e in entries)
    assert any(e.startswith("messalmi (2015). Mise en œuvre d’un projet CRM") for e in entries)
    assert any("Thierry Kubat" in e for e in entries)  # author given, no year in the text
    assert any(e.startswith("Caroline Parent, Frédéric Mitève (Acemis)") for e in entries)


def test_sources_are_cited_by_name_not_by_number() -> None:
    from playbook.method.sources import cite

    assert cite(["004", "002"], "fr") == "Parent et Mitève, s. d. ; Synolia, 2020"
    assert cite(["003"], "en") == "messalmi, 2015"
    text = " ".join(str(getattr(b, "text", "")) for b in build_handbook(lang="en").blocks)
    assert "seed 0" not in text.lower() and "seeds 0" not in text.lower()


def test_the_handbook_explains_how_actions_are_ranked_and_governance_gaps_filled(handbook):
    lang, paths = handbook
    text = docx_text(paths["docx"])
    if lang == "en":
        assert "How actions are ranked" in text and "square root of the people reached" in text
        assert ("No Local sponsor of the territory: actions go to Sponsor (executive management); "
                "first action:") in text
    else:
        assert prepare("Classement des actions", lang) in text
        assert prepare("Utilisateurs clés absent : actions confiées à Chef de projet CRM", lang) in text
