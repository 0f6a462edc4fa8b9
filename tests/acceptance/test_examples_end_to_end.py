"""Acceptance: the bundled example clients, end to end, as `make demo` runs them.

One batch writes both clients' full sets (and the French client in English);
every file is then reopened, converted by LibreOffice, and searched for the
other client's data. These are the promises a firm relies on before it sends a
deck: everything is there, everything opens, nothing leaks between clients.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx
from pptx import Presentation

from playbook.examples import example_path
from playbook.render.deliverables import DELIVERABLES
from playbook.run.batch import run_batch

KINDS = ("docx", "pptx", "ipynb", "html")
CLIENTS = {"mutuelle_horizon": "fr", "northwind_b2b": "en"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """Folder of each client's deliverables, keyed by example name (+ '_en')."""
    out = tmp_path_factory.mktemp("outputs")
    engagements = [example_path(name) for name in CLIENTS]
    result = run_batch(engagements, out, jobs=2)
    assert not result.failed, [c.error for c in result.failed]
    english = run_batch([example_path("mutuelle_horizon")], out / "english", jobs=1, lang="en")
    assert not english.failed, [c.error for c in english.failed]
    folders = {
        Path(report.engagement).stem: Path(report.folder) for report in result.clients
    }
    folders["mutuelle_horizon_en"] = Path(english.clients[0].folder)
    return folders


def _case_ids() -> list[str]:
    return [*CLIENTS, "mutuelle_horizon_en"]


@pytest.mark.parametrize("case", _case_ids())
def test_every_deliverable_is_written_in_four_forms_with_a_manifest(outputs, case):
    folder = outputs[case]
    for name in DELIVERABLES:
        for kind in KINDS:
            path = folder / f"{name}.{kind}"
            assert path.is_file() and path.stat().st_size > 0, path
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["language"] == ("en" if case.endswith("_en") else CLIENTS[case])
    assert not list(folder.glob(".staging*")), "no staging folder left behind"


@pytest.mark.parametrize("case", _case_ids())
def test_review_copies_open_offline_and_reveal_no_folder_of_the_machine(outputs, case):
    folder = outputs[case]
    for name in DELIVERABLES:
        page = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert "<script src=" not in page and "cdnjs" not in page, name
        assert str(folder.parent) not in page and ".staging" not in page, name
        assert "<img" in page or name == "framing_note" or "<table" in page, name
        executed = (folder / f"{name}.ipynb").read_text(encoding="utf-8")
        outputs_only = [
            output for cell in json.loads(executed)["cells"] for output in cell.get("outputs", [])
        ]
        assert str(folder.parent) not in json.dumps(outputs_only), name


@pytest.mark.parametrize("case", _case_ids())
def test_decks_open_and_carry_reasons_in_their_notes(outputs, case):
    folder = outputs[case]
    for name in DELIVERABLES:
        deck = Presentation(str(folder / f"{name}.pptx"))
        assert len(deck.slides) >= 6, name
        notes = [
            s.notes_slide.notes_text_frame.text
            for s in deck.slides
            if s.has_notes_slide and s.notes_slide.notes_text_frame is not None
        ]
        assert any(text.strip() for text in notes), f"{name}: no speaker notes at all"
        document = open_docx(str(folder / f"{name}.docx"))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert len(headings) >= 4, name


def _client_strings(example: str) -> set[str]:
    """Strings that identify one client: its name, people and population names."""
    data = yaml.safe_load(example_path(example).read_text(encoding="utf-8"))
    strings = {data["engagement"]["client"], *data["engagement"]["consultants"]}
    governance = data["governance"]
    strings |= {governance["sponsor"]["name"], governance["project_manager"]["name"]}
    for table in ("team", "key_users", "administrators"):
        strings |= {row["name"] for row in governance.get(table, [])}
    strings |= {t["local_sponsor"] for t in data.get("territories", []) if t.get("local_sponsor")}
    strings |= {p["name"] for p in data["populations"]}
    strings |= {persona["name"] for persona in data.get("personas", [])}
    # Single common words ("Marketing") are vocabulary, not identity.
    return {s for s in strings if len(s.split()) >= 2}


def _product_text() -> str:
    """Text every client's files share: the notebooks and the method data."""
    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("notebooks/*.ipynb"), *root.glob("playbook/method/data/*.yaml")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _text_of(path: Path) -> str:
    if path.suffix == ".docx":
        document = open_docx(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs]
        return "\n".join(parts)
    if path.suffix == ".pptx":
        parts = []
        for slide in Presentation(str(path)).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if getattr(shape, "has_table", False) and shape.has_table:
                    parts += [c.text for row in shape.table.rows for c in row.cells]
            if slide.has_notes_slide:
                parts.append(slide.notes_slide.notes_text_frame.text)
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("owner", "other"), [
    ("mutuelle_horizon", "northwind_b2b"),
    ("northwind_b2b", "mutuelle_horizon"),
])
def test_no_string_unique_to_one_client_appears_in_another_clients_files(outputs, owner, other):
    product = _product_text()
    unique = {s for s in _client_strings(owner) - _client_strings(other) if s not in product}
    assert len(unique) >= 10, "the check needs enough identifying strings to mean something"
    for path in sorted(outputs[other].iterdir()):
        if path.suffix.lstrip(".") not in KINDS:
            continue
        text = _text_of(path)
        leaked = sorted(s for s in unique if s in text)
        assert not leaked, f"{path.name} of {other} contains {owner}'s {leaked}"


def _converted_cases() -> list[tuple[str, str, str]]:
    return [(case, name, kind) for case in _case_ids() for name in DELIVERABLES
            for kind in ("docx", "pptx")]


@pytest.mark.libreoffice
@pytest.mark.parametrize(("case", "name", "kind"), _converted_cases(),
                         ids=[f"{c}-{n}.{k}" for c, n, k in _converted_cases()])
def test_libreoffice_converts_every_generated_file(outputs, case, name, kind, tmp_path):
    from playbook.render.verify import convert_to_pdf, pdf_page_count

    source = outputs[case] / f"{name}.{kind}"
    pages = pdf_page_count(convert_to_pdf(source, tmp_path, timeout=240))
    if kind == "pptx":
        assert pages == len(Presentation(str(source)).slides)
    elif name == "steering":  # the COPIL note: its cover and two pages
        assert pages == 3, f"{source.name}: {pages} page(s)"
    else:
        assert pages >= 5, f"{source.name}: only {pages} page(s)"
