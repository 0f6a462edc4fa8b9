"""Checks every corpus engagement must pass, whatever its story, in both languages.

Each check returns what is wrong ([] when it holds). They read the engine's
results and the files written from them; the calendar check takes the public
holidays from the `holidays` library, not from the engine, so that a calendar
the engine gets wrong is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import holidays as holiday_calendars
from docx import Document
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from playbook.analysis.engine import Analysis
from playbook.analysis.training_plan import END_USERS
from playbook.model import NATIONAL
from playbook.render.deliverables import DELIVERABLES, write
from tests.consistency import checks as consistency
from tests.render.deliverables import test_language as lint

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LANGS = ("fr", "en")

# What must never reach a client: a placeholder left unformatted, a note meant for the consultant.
LEFTOVERS = re.compile(
    r"\{[A-Za-z_][\w.]*\}|\bTODO\b|\bTBD\b|\bXXX\b|\blorem ipsum\b|à compléter|à préciser|"
    r"to be completed|note (?:au|to the) consultant|\[\[|\]\]", re.IGNORECASE)


@dataclass
class Written:
    """One deliverable written for one engagement and language, reopened."""

    analysis: Analysis
    docx: Any
    pptx: Any
    paths: dict[str, Path]

    @property
    def lang(self) -> str:
        return self.analysis.lang


def write_all(analysis: Analysis, folder: Path) -> dict[str, Written]:
    """The six deliverables through the direct rendering path (no notebook), reopened."""
    written = {}
    for name in DELIVERABLES:
        paths = write(name, analysis, folder, TEMPLATES)
        written[name] = Written(analysis, Document(str(paths["docx"])),
                                Presentation(str(paths["pptx"])), dict(paths))
    return written


# --------------------------------------------------------------------------- calendar


@cache
def _holidays(code: str, years: tuple[int, ...]) -> frozenset:
    country, _, subdivision = code.upper().partition("-")
    return frozenset(holiday_calendars.country_holidays(country, subdiv=subdivision or None, years=years))


def _region(analysis: Analysis, territory: str) -> str:
    if territory and territory.casefold() != NATIONAL.casefold():
        described = analysis.engagement.territory(territory)
        if described.holidays_region:
            return described.holidays_region
    return analysis.engagement.engagement.country


def sessions_on_public_holidays(analysis: Analysis) -> list[str]:
    """Sessions held on a public holiday of any territory their learners work in."""
    sessions = analysis.training_plan.sessions
    if sessions.empty:
        return []
    years = tuple(range(min(sessions["start"]).year, max(sessions["end"]).year + 1))
    found = []
    for row in sessions.itertuples():
        for territory in row.territories or ("",):
            closed = _holidays(_region(analysis, territory), years)
            for day in {row.start, row.end}:
                if day in closed:
                    found.append(f"{row.population}: {row.module} on {day} ({_region(analysis, territory)})")
    return found


def end_users_outside_their_window(analysis: Analysis) -> list[str]:
    """End-user sessions before their lot's acceptance testing ends, or on or after its go-live."""
    milestones = analysis.change_plan.milestones
    sessions = analysis.training_plan.sessions
    problems = []
    for lot, own in sessions[sessions["wave"] == END_USERS].groupby("lot"):
        accepted = milestones.at[lot, "acceptance_end"].date()
        go_live = analysis.engagement.lot(lot).go_live
        early, late = own[own["start"] <= accepted], own[own["end"] >= go_live]
        if len(early):
            problems.append(f"{lot}: {len(early)} of {len(own)} sessions by acceptance end {accepted}")
        if len(late):
            problems.append(f"{lot}: {len(late)} sessions on or after go-live {go_live}")
    return problems


# --------------------------------------------------------------------------- files


def leftovers(written: dict[str, Written]) -> list[str]:
    """Placeholders and notes to the consultant in any text of any file."""
    found = []
    for name, files in written.items():
        for where, text in lint._texts(files):
            for match in LEFTOVERS.finditer(text):
                found.append(f"{name} {where}: {text[max(0, match.start() - 30):match.end() + 30]!r}")
    return found


def language(written: dict[str, Written]) -> list[str]:
    """The deliverables' language lint (the one the examples pass)."""
    return lint._findings({(name, files.lang): files for name, files in written.items()},
                          lambda lang: lint.FRENCH if lang == "fr" else lint.ENGLISH)


def text_check(written: dict[str, Written]) -> list[str]:
    """The text check a consultant runs before sending (`playbook check-text`) on every file."""
    from playbook.render.text_check import check_file

    return [str(finding) for files in written.values() for kind, path in files.paths.items()
            if kind in ("docx", "pptx") for finding in check_file(path, files.lang)]


def missing_files(written: dict[str, Written]) -> list[str]:
    problems = [f"{name} not written" for name in DELIVERABLES if name not in written]
    for name, files in written.items():
        if not files.docx.paragraphs:
            problems.append(f"{name}: empty report")
        if len(files.pptx.slides) < 2:
            problems.append(f"{name}: deck of {len(files.pptx.slides)} slide")
    return problems


# --------------------------------------------------------------------------- storyline

MAIN_SLIDES_MAX = 20  # a steering committee's deck: the rest goes to the appendix or the report
_CONTINUED = re.compile(r"\s*\((?:suite|continued)\)\s*$", re.IGNORECASE)
_BODY_LAYOUTS = ("Title and Content", "Two Content", "Title Only")


def _body_shapes(slide) -> list:
    """The shapes a reader reads as the slide's body: not its title, footer or slide number."""
    shapes = []
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type in (
                PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.FOOTER,
                PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE):
            continue
        shapes.append(shape)
    return shapes


def _paragraphs(shape) -> list[str]:
    if not shape.has_text_frame:
        return []
    return [p.text.strip() for p in shape.text_frame.paragraphs if p.text.strip()]


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text.strip() if slide.shapes.title is not None else ""


def _parts(deck) -> tuple[list, list]:
    """(main slides, appendix slides): the cover and the appendix divider aside."""
    from playbook.render.layout_check import appendix_titles

    main, appendix, current = [], [], None
    current = main
    for index, slide in enumerate(deck.slides, 1):
        layout = slide.slide_layout.name
        if layout == "Section" and _title(slide) in appendix_titles():
            current = appendix
            continue
        if layout == "Cover":
            continue
        current.append((index, slide))
    return main, appendix


def _thin(slide) -> str:
    """What makes a content slide say too little: one bullet, or one table of one row."""
    if slide.slide_layout.name not in _BODY_LAYOUTS:
        return ""
    body = _body_shapes(slide)
    tables = [s for s in body if s.has_table]
    visuals = [s for s in body if s.has_chart or s.shape_type == MSO_SHAPE_TYPE.PICTURE
               or s.shape_type == MSO_SHAPE_TYPE.GROUP]
    lines = [line for s in body if not s.has_table for line in _paragraphs(s)]
    if visuals:
        return ""
    if len(tables) == 1 and len(tables[0].table.rows) <= 2 and not lines:
        return "a table of one row"
    if not tables and len(lines) == 1:
        return "one bullet"
    return ""


def storyline(written: dict[str, Written]) -> list[str]:
    """Each deck tells its story in at most `MAIN_SLIDES_MAX` main slides, none of
    which says one thing alone (one bullet, a table of one row); the appendix too."""
    problems = []
    for name, files in written.items():
        main, appendix = _parts(files.pptx)
        if len(main) > MAIN_SLIDES_MAX:
            problems.append(f"{name}: {len(main)} main slides (at most {MAIN_SLIDES_MAX})")
        for index, slide in [*main, *appendix]:
            thin = _thin(slide)
            if thin:
                problems.append(f"{name} slide {index} {_title(slide)!r}: {thin}")
    return problems


def _table_pages(appendix: list) -> dict[str, list]:
    """Appendix title -> the tables of its pages, in order (continuation pages joined)."""
    tables: dict[str, list] = {}
    for _, slide in appendix:
        title = _CONTINUED.sub("", _title(slide))
        for shape in _body_shapes(slide):
            if shape.has_table:
                tables.setdefault(title, []).append(shape)
    return tables


APPENDIX_PAGE_FILL = 0.8  # of the body's height, on each page of a table over several


def appendix_filled(written: dict[str, Written]) -> list[str]:
    """An appendix table takes no more pages than its rows need: laid one after
    the other under the header, they would not fit in fewer pages; and each page
    of a table over several is at least `APPENDIX_PAGE_FILL` full."""
    problems = []
    for name, files in written.items():
        _, appendix = _parts(files.pptx)
        room = files.pptx.slide_height * 0.66  # the body's height under the title
        for title, pages in _table_pages(appendix).items():
            if len(pages) > 1:
                fills = [sum(row.height for row in shape.table.rows) / room for shape in pages]
                if min(fills) < APPENDIX_PAGE_FILL:
                    problems.append(f"{name} appendix {title!r}: pages filled "
                                    + ", ".join(f"{fill:.0%}" for fill in fills))
            header = pages[0].table.rows[0].height
            needed, used = 1, header
            for shape in pages:
                for row in list(shape.table.rows)[1:]:
                    if used + row.height > room and used > header:
                        needed, used = needed + 1, header
                    used += row.height
            if len(pages) > needed:
                problems.append(f"{name} appendix {title!r}: {len(pages)} pages for rows "
                                f"that fill {needed}")
    return problems


def reconciliation(written: dict[str, Written]) -> list[str]:
    """What the reconciliation gate found as each deliverable was written (its
    report beside the files): totals, rates, counts, one value per fact."""
    from playbook.render.reconcile import REPORT, read_report

    return [str(d) for name, files in written.items()
            for d in read_report(files.paths["docx"].parent / REPORT.format(name=name))]


CHART_ITEMS_MIN = 3  # bars, parts or points below which a chart compares nothing


def charts_say_something(written: dict[str, Written]) -> list[str]:
    """No figure of a report nor chart of a deck with fewer than three bars, parts or
    points (two territories, one population on a map), nor counting fewer than ten
    things in all (a team of four): those are tables. Timelines always draw."""
    from playbook.render.deliverables import build
    from playbook.render.ir import ChartSlide, Figure

    problems = []
    for name, files in written.items():
        document, deck = build(name, files.analysis)
        charts = [("report", b.chart) for b in document.blocks if isinstance(b, Figure)]
        charts += [("deck", s.chart) for s in deck.slides if isinstance(s, ChartSlide)]
        for where, chart in charts:
            if chart.kind in ("gantt", "heatmap"):
                continue
            items = len(chart.points) if chart.kind in ("scatter", "bubble") else len(chart.categories)
            total = sum(v or 0 for s in chart.series for v in s.values)
            counted = len(chart.series) == 1 and chart.value_format == "0"
            if items < CHART_ITEMS_MIN or (counted and total < 10):
                problems.append(f"{name} {where}: a {chart.kind} chart of {items} items "
                                f"(total {total:g}) {chart.title!r}")
    return problems


GLOSSARY_WORDS_MAX = 500  # about one page of the report's bullets, whatever the plan's size


def glossary_on_a_page(written: dict[str, Written]) -> list[str]:
    """The Change plan report's lever glossary reads in about a page: each lever
    in its few words, the argument left to the sections per population."""
    files = written["change_plan"]
    heading = files.analysis.method.text("change_plan.sections.levers", files.lang).strip()
    words, inside = 0, False
    for paragraph in files.docx.paragraphs:
        is_heading = paragraph.style.name.startswith(("Heading", "Titre"))
        if is_heading and inside:
            break
        if inside:
            words += len(paragraph.text.split())
        inside = inside or (is_heading and paragraph.text.strip() == heading)
    if not words:
        return ["change_plan: no lever glossary in the report"]
    return [f"change_plan: the lever glossary runs to {words} words"] if words > GLOSSARY_WORDS_MAX else []


# Checks of the analysis (language-independent) and of the written files, by name.
ANALYSIS_CHECKS = {
    "public_holidays": sessions_on_public_holidays,
    "training_window": end_users_outside_their_window,
    **{f"consistency.{check.__name__}": check for check in consistency.ALL_CHECKS},
}
FILE_CHECKS = {"six_deliverables": missing_files, "no_leftovers": leftovers, "language_lint": language,
               "text_check": text_check, "reconciliation": reconciliation, "storyline": storyline,
               "appendix_filled": appendix_filled, "charts_say_something": charts_say_something,
               "glossary_on_a_page": glossary_on_a_page}
