"""Fixtures of the deliverable tests: the two bundled examples analysed once,
in their own language and the French one in English, and helpers to read the
written Word and PowerPoint files back as a user would see them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx import Document as open_docx
from pptx import Presentation as open_pptx

from playbook.analysis.engine import Analysis, analyse
from playbook.intake import load_engagement
from playbook.method import load_method

EXAMPLES = Path(__file__).resolve().parents[3] / "playbook" / "examples"
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"

# (case id, example file, language): both examples in their own language, and
# the French one rendered in English.
CASES = [
    ("mutuelle_fr", "mutuelle_horizon.yaml", "fr"),
    ("northwind_en", "northwind_b2b.yaml", "en"),
    ("mutuelle_en", "mutuelle_horizon.yaml", "en"),
]


@pytest.fixture(scope="session")
def analyses() -> dict[str, Analysis]:
    method = load_method()
    return {case: analyse(load_engagement(EXAMPLES / file), method, lang) for case, file, lang in CASES}


# The five engagement deliverables told as a storyline, and the COPIL pack, which tells
# its own (its findings come from the measurements) but answers to the same standard.
STORYLINE_DELIVERABLES = ("framing_note", "target_vision", "impact_diagnosis", "change_plan",
                          "training_plan")
EVERY_DELIVERABLE = (*STORYLINE_DELIVERABLES, "steering")


@pytest.fixture(scope="session")
def every_deliverable(analyses, tmp_path_factory) -> dict[tuple[str, str], Written]:
    """The six deliverables written for both examples in both languages, once per
    session: {(deliverable, case): Written}. The cross-deliverable specifications
    (storyline, language) read these files."""
    cases = dict(analyses)
    cases["northwind_fr"] = analyse(load_engagement(EXAMPLES / "northwind_b2b.yaml"), load_method(), "fr")
    out = tmp_path_factory.mktemp("every_deliverable")
    return {(name, case): written for name in EVERY_DELIVERABLE
            for case, written in write_cases(name, cases, out / name).items()}


@dataclass
class Written:
    """One deliverable written for one case, reopened with python-docx / python-pptx."""

    analysis: Analysis
    docx: object
    pptx: object
    paths: dict[str, Path] = field(default_factory=dict)
    discrepancies: list = field(default_factory=list)  # what the reconciliation gate found

    @property
    def lang(self) -> str:
        return self.analysis.lang

    def label(self, key: str, **values) -> str:
        return self.analysis.method.text(key, self.lang, **values)

    def headings(self) -> list[str]:
        return [p.text for p in self.docx.paragraphs if p.style.name.startswith(("Heading", "Titre"))]

    def doc_text(self) -> str:
        parts = [p.text for p in self.docx.paragraphs]
        for table in self.docx.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        return "\n".join(parts)

    def doc_tables(self) -> list[list[list[str]]]:
        return [[[cell.text for cell in row.cells] for row in table.rows] for table in self.docx.tables]

    def doc_table(self, *headers: str) -> list[list[str]]:
        """The first document table whose header row holds all `headers`."""
        return next(t for t in self.doc_tables()
                    if all(flat(h) in [flat(cell) for cell in t[0]] for h in headers))

    def slide_titles(self) -> list[str]:
        return [s.shapes.title.text if s.shapes.title is not None else "" for s in self.pptx.slides]

    def slide_text(self, slide) -> str:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        return "\n".join(parts)

    def main_slides(self) -> list:
        """The slides before the appendix section (all of them when there is none)."""
        slides = list(self.pptx.slides)
        titles = self.slide_titles()
        appendix = self.label("common.appendix")
        return slides[:titles.index(appendix)] if appendix in titles else slides

    def appendix_slides(self) -> list:
        return list(self.pptx.slides)[len(self.main_slides()):]

    def deck_text(self) -> str:
        return "\n".join(self.slide_text(s) for s in self.pptx.slides)

    def notes(self) -> str:
        return "\n".join(s.notes_slide.notes_text_frame.text for s in self.pptx.slides if s.has_notes_slide)

    def slides_titled(self, title: str) -> list:
        return [s for s in self.pptx.slides
                if s.shapes.title is not None and flat(s.shapes.title.text).startswith(flat(title))]

    def titles_and_headings(self) -> list[str]:
        """Every heading of the document and every slide title, typography made plain."""
        return [flat(x) for x in (*self.headings(), *self.slide_titles())]


@pytest.fixture(scope="module")
def written(request, analyses, tmp_path_factory) -> dict[str, Written]:
    """The deliverable named by the test module's `DELIVERABLE`, written for every case."""
    name = request.module.DELIVERABLE
    return write_cases(name, analyses, tmp_path_factory.mktemp(name))


@pytest.fixture(params=[case for case, _, _ in CASES])
def case(request, written) -> Written:
    return written[request.param]


def charts(shapes):
    """Native charts of a slide, including those grouped with their annotations."""
    for shape in shapes:
        if getattr(shape, "has_chart", False) and shape.has_chart:
            yield shape.chart
        elif hasattr(shape, "shapes"):
            yield from charts(shape.shapes)


def write_cases(name: str, analyses: dict[str, Analysis], out: Path) -> dict[str, Written]:
    """Write deliverable `name` for every case into `out` and reopen the files."""
    from playbook.render.deliverables import write
    from playbook.render.reconcile import REPORT, read_report

    written = {}
    for case, analysis in analyses.items():
        paths = write(name, analysis, out / case, TEMPLATES)
        written[case] = Written(analysis, open_docx(paths["docx"]), open_pptx(paths["pptx"]),
                                {kind: Path(path) for kind, path in paths.items()},
                                read_report(out / case / REPORT.format(name=name)))
    return written


def flat(text: str) -> str:
    """Text with the typographic spaces (no-break, narrow) made plain, and a quotation
    inside another in its second-level marks as the writers set it, for comparisons."""
    from playbook.text.typography import inner_quotes

    return inner_quotes(text).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def noted(case: Written, text: str, notes: str) -> bool:
    """`text` is in the speaker `notes`, or, the notes keeping to what a presenter
    reads out (about 150 words, reason first), in the report, which keeps it all."""
    return flat(text) in flat(notes) or flat(text) in flat(case.doc_text())


def body_words(slide) -> int:
    """Visible body words of a slide, counted as the layout check counts them."""
    from playbook.render.layout_check import slide_words

    return slide_words(slide)


def section_slides(case: Written) -> list:
    """The content slides the section builders wrote to be presented (not the summary,
    the next steps nor the appendix, whose pages are looked up and filled to their room)."""
    skipped = (case.label("common.key_messages"), case.label("common.next_steps"))
    return [s for s in case.main_slides()
            if s.slide_layout.name in ("Title and Content", "Two Content", "Title Only")
            and not (s.shapes.title is not None and s.shapes.title.text.startswith(skipped))]


def assert_decisions_slide_before_next_steps(case: Written, on_summary: bool = True) -> None:
    """The summary's last card ("4 decisions await the steering committee") is
    developed in the deck: a slide of its own naming every decision, just before
    the next steps, not a count the committee must look up elsewhere."""
    from playbook.render.deliverables import common as c
    from playbook.render.deliverables import decisions as decided

    listed = decided.of(case.analysis)
    assert listed, "the examples raise decisions"
    headline = flat(c.counted(case.analysis, "findings.decisions.headline", len(listed)).rstrip("."))
    if on_summary:
        assert headline in flat(case.slide_text(case.pptx.slides[1]))
    main = case.main_slides()
    titles = [flat(s.shapes.title.text) for s in main]
    assert headline in titles and titles.index(headline) == len(titles) - 2, titles
    shown = flat(case.slide_text(main[titles.index(headline)]))
    for decision in listed:
        topic = flat(decided.topic(case.analysis, decision))
        assert flat(topic[:1].upper() + topic[1:]) in shown, topic
