"""One set of facts across the ten files of each example (five Word reports,
five decks), read back as a client reads them: the same as-of date on every
cover, the same training dates in the Change plan and in the training plan,
and the monthly effort chart adding up to the total the summary states."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from playbook.method.levers import PILLARS
from playbook.render.deliverables import DELIVERABLES, write
from playbook.render.typography import format_date
from playbook.text import grammar

from .conftest import EXAMPLES

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def files(examples, tmp_path_factory) -> dict[str, dict[str, dict]]:
    """example -> deliverable -> {"docx": Document, "pptx": Presentation}."""
    out = tmp_path_factory.mktemp("facts")
    opened: dict[str, dict[str, dict]] = {}
    for name, analysis in examples.items():
        opened[name] = {}
        for deliverable in DELIVERABLES:
            paths = write(deliverable, analysis, out / name, TEMPLATES)
            opened[name][deliverable] = {"docx": Document(str(paths["docx"])),
                                         "pptx": Presentation(str(paths["pptx"]))}
    return opened


def plain(text: str) -> str:
    """Text with typographic spaces and apostrophes made plain, for comparisons."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def slide_text(slide) -> str:
    return plain("\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))


def docx_tables(document) -> list[list[list[str]]]:
    return [[[plain(cell.text) for cell in row.cells] for row in table.rows] for table in document.tables]


def tables_by_heading(document) -> list[tuple[str, list[list[str]]]]:
    """Each table of a Word file with the heading that precedes it."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    heading, found = "", []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            if paragraph.style is not None and paragraph.style.name.startswith(("Heading", "Titre")):
                heading = plain(paragraph.text)
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            found.append((heading, [[plain(c.text) for c in row.cells] for row in table.rows]))
    return found


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_cover_of_the_ten_files_carries_the_as_of_date(examples, files, name):
    from playbook.analysis.copil import default_as_of

    analysis = examples[name]
    for deliverable, opened in files[name].items():
        # The COPIL pack is dated on its committee: the latest measurement on record.
        day = default_as_of(analysis.engagement) if deliverable == "steering" else analysis.as_of
        as_of = plain(format_date(day, analysis.lang))
        cover = "\n".join(plain(p.text) for p in opened["docx"].paragraphs[:12])
        assert as_of in cover, (deliverable, "docx")
        assert as_of in slide_text(opened["pptx"].slides[0]), (deliverable, "pptx")


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_change_plan_dates_classroom_training_as_the_training_plan_does(examples, files, name):
    """The training plan's waves are the one source: each population's first
    classroom or virtual session in the training plan's calendar table is the
    date the Change plan gives its classroom-training action."""
    analysis = examples[name]
    modules = {plain(m.label.in_(analysis.lang)) for m in analysis.method.training.modules
               if m.format in analysis.method.levers.lever("training_classroom").training_formats
               and m.audience in ("end_user", "manager")}
    label = lambda key: plain(analysis.method.text(key, analysis.lang))  # noqa: E731
    wanted = (label("common.columns.population"), label("training_plan.columns.module"),
              label("training_plan.columns.start"))
    waves = next(t for t in docx_tables(files[name]["training_plan"]["docx"])
                 if all(h in t[0] for h in wanted))
    population, module, start = (waves[0].index(h) for h in wanted)
    first: dict[str, str] = {}
    for row in waves[1:]:  # the table lists waves by start date
        if row[module] in modules and row[population] not in first:
            first[row[population]] = row[start]
    assert first, "the training plan lists classroom waves"
    classroom = plain(analysis.method.levers.lever("training_classroom").label.in_(analysis.lang))
    tables = tables_by_heading(files[name]["change_plan"]["docx"])
    checked = 0
    for population, day in first.items():
        own = [row for heading, rows in tables if heading.startswith(population) for row in rows]
        when = [cell for row in own if classroom in row for cell in row]
        if when:  # a population may be trained without the lever (e.g. managers' module only)
            checked += 1
            assert day in " ".join(when), (population, day, when)
    assert checked, "some populations have classroom training in both files"


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_monthly_effort_chart_adds_up_to_the_total_the_summary_states(examples, files, name):
    analysis = examples[name]
    deck = files[name]["change_plan"]["pptx"]
    summary = slide_text(deck.slides[1])
    total, _ = grammar.rounded_days(analysis.change_plan.total_days)  # as the summary shows it
    assert re.search(rf"\b{int(total)}\s", summary), summary
    pillars = [plain(analysis.method.levers.pillars[p].label.in_(analysis.lang)) for p in PILLARS]
    monthly = [shape.chart for slide in deck.slides for shape in slide.shapes
               if getattr(shape, "has_chart", False) and shape.has_chart
               and shape.chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
               and [plain(s.name) for s in shape.chart.series] == pillars]
    assert monthly, "the deck has the effort-per-month chart"
    shown = sum(sum(v or 0 for v in s.values) for s in monthly[0].series)
    assert grammar.rounded_days(shown)[0] == total


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_pillar_table_s_parts_add_up_to_its_total_as_shown(examples, files, name):
    analysis = examples[name]
    share = plain(analysis.method.text("change_plan.columns.share", analysis.lang))
    table = next(t for t in docx_tables(files[name]["change_plan"]["docx"]) if share in t[0])
    effort = next(i for i, h in enumerate(table[0]) if h == plain(
        analysis.method.text("change_plan.columns.effort", analysis.lang)))

    def value(cell: str) -> float:
        return float(re.sub(r"[^\d,.]", "", cell).replace(",", "."))

    parts, total = table[1:-1], table[-1]
    assert sum(value(r[effort]) for r in parts) == value(total[effort])
    assert sum(value(r[-1]) for r in parts) == value(total[-1]) == 100


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_bar_of_every_timeline_lies_inside_its_date_axis(files, name):
    """A bar drawn before the axis opens is invisible: key users trained before
    the end users would vanish from the chart that should show them first."""
    for deliverable, opened in files[name].items():
        for slide in opened["pptx"].slides:
            for shape in slide.shapes:
                if not (getattr(shape, "has_chart", False) and shape.has_chart):
                    continue
                chart = shape.chart
                if chart.chart_type != XL_CHART_TYPE.BAR_STACKED or chart.series[0].name != " ":
                    continue  # not a timeline (its first series is the invisible offset)
                axis = chart.value_axis
                starts = [v for v in chart.series[0].values if v is not None]
                assert min(starts) >= axis.minimum_scale, (deliverable, slide.shapes.title.text)


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_population_s_actions_add_up_across_the_pillars(examples, files, name):
    analysis = examples[name]
    pillars = [plain(analysis.method.levers.pillars[p].label.in_(analysis.lang)) for p in PILLARS]
    actions = plain(analysis.method.text("change_plan.columns.actions", analysis.lang))
    tables = [t for t in docx_tables(files[name]["change_plan"]["docx"])
              if actions in t[0] and all(p in t[0] for p in pillars)]
    assert tables
    for table in tables:
        count = table[0].index(actions)
        split = [table[0].index(p) for p in pillars]
        for row in table[1:]:
            assert int(row[count]) == sum(int(row[i]) for i in split), row
