"""Every odd input the intake accepts must also come out as deliverables.

Accepting a file and then failing in the writers would be the worst of both:
the consultant finds out at the last step. For each accepted case of the
catalogue that has a `render` entry, every deliverable is written with
`render_all`, reopened with python-docx and python-pptx, and searched: the odd
text survives (emoji, Japanese, Greek, Arabic), invisible characters do not, a
10,000-character note is kept whole in Word but shortened on slides, and 200
populations spill the heat map over several slides instead of off the page.
The files are then converted with LibreOffice, the proof they really open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from playbook.render.deliverables import DELIVERABLES
from playbook.render.verify import convert_to_pdf, pdf_page_count
from playbook.workbench import open_engagement, render_all

from .make_fixtures import Case, build, load_catalogue, long_text

CASES = {case.id: case for case in load_catalogue()}
# The 200-population case is rendered in two halves (see the tests at the end).
RENDERED = [c for c in CASES.values() if c.render and c.id != "xlsx-200-populations"]
MANY = CASES["xlsx-200-populations"]

# What no Office file may contain: XML-invalid controls, and Excel's escapes of them.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|_x[0-9A-Fa-f]{4}_")


def docx_text(path: Path) -> str:
    """All the text of a Word file: paragraphs, then table cells."""
    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def slide_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(slide number, text) of every text frame and table cell shown on a slide."""
    for number, slide in enumerate(Presentation(str(path)).slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield number, shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield number, cell.text


def notes_text(path: Path) -> str:
    slides = Presentation(str(path)).slides
    return "\n".join(s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)


Files = dict[str, dict[str, Path]]  # deliverable -> {"docx": path, "pptx": path}


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory):
    """Render a case once per module: `renders(case, only)` -> (engagement file, files)."""
    done: dict[tuple[str, tuple[str, ...]], tuple[Path, Files]] = {}

    def render(case: Case, only: tuple[str, ...] = DELIVERABLES) -> tuple[Path, Files]:
        key = (case.id, only)
        if key not in done:
            folder = tmp_path_factory.mktemp(case.id)
            path = build(case, folder / "in")
            done[key] = path, render_all(path, folder / "out", only=list(only))
        return done[key]

    return render


@pytest.mark.parametrize("case", RENDERED, ids=[c.id for c in RENDERED])
def test_every_deliverable_of_an_accepted_odd_engagement_renders_and_reopens(
    case: Case, renders
) -> None:
    _, files = renders(case)

    assert set(files) == set(DELIVERABLES)
    word = "\n".join(docx_text(f["docx"]) for f in files.values())
    slides = "\n".join(text for f in files.values() for _, text in slide_texts(f["pptx"]))
    notes = "\n".join(notes_text(f["pptx"]) for f in files.values())
    for text in case.render.get("present", []):
        assert text in word, f"{text!r} missing from the Word deliverables"
        assert text in slides, f"{text!r} missing from the slides"
    for text in case.render.get("absent", []):
        for where, content in (("Word", word), ("slides", slides), ("notes", notes)):
            assert text not in content, f"{text!r} found in the {where}"
    for where, content in (("Word", word), ("slides", slides), ("notes", notes)):
        assert not _INVISIBLE.search(content), f"an invisible character reached the {where}"


def test_a_10000_character_note_is_whole_in_word_and_shortened_on_slides(renders) -> None:
    _, files = renders(CASES["yaml-long-text"])
    note = long_text(10000)
    opening = note[:60]

    # The writers set apostrophes typographically; the words must all be there.
    word = {name: docx_text(f["docx"]).replace("’", "'") for name, f in files.items()}
    assert any(note in text for text in word.values()), "Word must keep the note in full"
    shown = [
        (name, number, text)
        for name, f in files.items()
        for number, text in slide_texts(f["pptx"])
        if opening in text
    ]
    assert shown, "the note must still be quoted on a slide, shortened"
    for name, number, text in shown:
        assert len(text) < len(note), f"{name}.pptx slide {number} holds the whole note"
        quoted = next(line for line in text.splitlines() if opening in line)
        assert quoted.endswith(("…", "…”", ".")), f"{name}.pptx slide {number}: cut mid-word"
    assert any("…" in text for _, _, text in shown), "a shortened quote ends with an ellipsis"
    longest = max(len(t) for f in files.values() for _, t in slide_texts(f["pptx"]))
    assert longest < 10000


def test_200_populations_spill_the_heat_map_over_several_slides(renders) -> None:
    from playbook.render.deliverables.impact_diagnosis import heat_table

    source, files = renders(MANY, ("impact_diagnosis",))
    analysis = open_engagement(source)
    header = heat_table(analysis).columns[:-1]  # the deck's heat map leaves the overall level to the map slide
    names = [p.name for p in analysis.engagement.populations]

    pages = []
    for slide in Presentation(str(files["impact_diagnosis"]["pptx"])).slides:
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                if rows[0] == header:
                    pages.append([row[0] for row in rows[1:]])
    assert len(pages) >= 5, "200 rows cannot fit on one slide: the table must be split"
    assert [name for page in pages for name in page] == names
    assert max(len(page) for page in pages) <= 20
    word = docx_text(files["impact_diagnosis"]["docx"])
    assert all(name in word for name in names)


@pytest.mark.slow
def test_200_populations_render_every_other_deliverable(renders) -> None:
    others = tuple(name for name in DELIVERABLES if name != "impact_diagnosis")

    _, files = renders(MANY, others)

    for name in others:
        word = docx_text(files[name]["docx"])
        assert Presentation(str(files[name]["pptx"])).slides, name
        # The COPIL pack names populations once they are measured; this case has no measurement.
        assert "Agence 001 - conseillers" in word or name in ("framing_note", "target_vision", "steering")


# -- LibreOffice: the files really open ------------------------------------------------

_CONVERTED = [
    *(("yaml-emoji-and-scripts", name, kind) for name in DELIVERABLES for kind in ("docx", "pptx")),
    *(("yaml-long-text", name, kind) for name in ("framing_note", "impact_diagnosis")
      for kind in ("docx", "pptx")),
    ("xlsx-pasted-and-typed", "impact_diagnosis", "docx"),
    ("xlsx-pasted-and-typed", "impact_diagnosis", "pptx"),
    ("xlsx-200-populations", "impact_diagnosis", "docx"),
    ("xlsx-200-populations", "impact_diagnosis", "pptx"),
]


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("case_id", "name", "kind"), _CONVERTED, ids=[f"{c}-{n}.{k}" for c, n, k in _CONVERTED]
)
def test_libreoffice_converts_the_odd_deliverables(
    case_id: str, name: str, kind: str, renders, tmp_path: Path
) -> None:
    case = CASES[case_id]
    only = ("impact_diagnosis",) if case is MANY else DELIVERABLES
    source = renders(case, only)[1][name][kind]

    pdf = convert_to_pdf(source, tmp_path, timeout=180)

    pages = pdf_page_count(pdf)
    if kind == "pptx":
        assert pages == len(Presentation(str(source)).slides)
    else:
        assert pages >= 1
