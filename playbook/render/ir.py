"""The intermediate representation of deliverables: what to say, not how to draw it.

Deliverable builders describe a Word report as a `Document` (a list of blocks)
and a PowerPoint deck as a `Deck` (a list of slides); `write_docx` and
`write_pptx` turn them into files in the house templates. Builders never touch
python-docx or python-pptx, so the layout rules (table pagination, text
fitting, typography, charts) live in one place.

    doc = Document(title="Note de cadrage", client="Groupe Exemple", lang="fr",
                   blocks=[Heading("Contexte"), Paragraph("Le CRM est un projet **d'entreprise**."),
                           Bullets(["Objectif 1", "Objectif 2"]),
                           Table(["Population", "Effectif"], [["Commerciaux", 120]])])
    deck = Deck(title="Plan Change", client="Groupe Exemple", lang="fr",
                slides=[CoverSlide(), BulletSlide("Trois leviers", ["Comprendre", "Vouloir"])])

Text everywhere may use **bold** markers; all text is sanitised and typeset
for the language by the writers. Numbers in table cells are formatted for the
language (pre-format them with `typography.format_*` for finer control).
Constructors validate shapes (row lengths, series lengths) so a mistake fails
where it is made, not inside a writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from .palette import RAG, RAG_PREFIX, hex_colour

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)


def document_lang(lang: str) -> Lang:
    """`lang` as a document's or a deck's language: French or English, else a ValueError."""
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"documents are written in {' or '.join(LANGS)}, not {lang!r}")


Align = Literal["left", "center", "right"]
ParagraphStyle = Literal["body", "quote", "caption", "key_message"]
ChartKind = Literal["bar", "stacked_bar", "barh", "stacked_barh", "line", "scatter", "bubble",
                    "heatmap", "gantt", "doughnut", "pie"]
CHART_KINDS: tuple[str, ...] = get_args(ChartKind)
BAR_KINDS = ("bar", "stacked_bar", "barh", "stacked_barh")
PART_CHART_MIN = 5     # parts a doughnut or pie needs to say something bars do not
PART_SHARE_MIN = 0.05  # a part below this share of the whole is not one a reader sees
CHART_ITEMS_MIN = 3    # bars, parts or points a chart needs before it compares anything
CHART_COUNT_MIN = 10   # a count of fewer things in all (a team of four) is read, not charted
Cell = str | int | float | None


# --------------------------------------------------------------------------- charts


@dataclass
class Series:
    """One named series of values, aligned with the chart's categories.

    `colour` is a palette slot (0 = the template's first accent) chosen by the
    builder from what the series means (a pillar, a segment), so it keeps its
    colour in every chart and language; None: by position.
    """

    name: str
    values: list[float | None]
    colour: int | None = None


LABEL_SIDES = ("right", "left")


@dataclass
class Point:
    """A labelled point of a scatter/bubble map (e.g. a population: impact × buy-in).

    `group` colours points by family (one legend entry per group); `size` is the
    bubble size (e.g. headcount) and is required for bubble charts. `colour` is
    the group's palette slot, chosen from what the group means (a segment's code),
    so a segment has one colour in both languages; None: by order of appearance.
    """

    label: str
    x: float
    y: float
    size: float | None = None
    group: str = ""
    label_side: str = "right"  # or "left": away from crowded neighbours
    colour: int | None = None

    def __post_init__(self) -> None:
        if self.label_side not in LABEL_SIDES:
            raise ValueError(f"label_side {self.label_side!r}; expected one of {LABEL_SIDES}")


@dataclass
class Quadrants:
    """Names of the four quadrants of a map, split at `x_split` / `y_split`."""

    top_left: str
    top_right: str
    bottom_left: str
    bottom_right: str
    x_split: float
    y_split: float


@dataclass
class Task:
    """A bar of a Gantt chart; a milestone is a single date (`end` = `start`)."""

    label: str
    start: dt.date
    end: dt.date
    lane: str = ""
    milestone: bool = False
    colour: int | None = None   # the lane's palette slot, from what the lane means

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"task {self.label!r}: end {self.end} is before start {self.start}")


@dataclass
class Chart:
    """A chart, independent of the output format.

    - bar / stacked_bar / barh / stacked_barh / line / doughnut / pie:
      `categories` and `series` (doughnut and pie: one series).
    - scatter / bubble: `points` (bubble: every point has a `size`), optional
      `quadrants`, `x_range` / `y_range`.
    - heatmap: `categories` are the columns (e.g. dimensions of change), each
      series is a row (e.g. a population) of intensities; `value_range` is the
      scale (e.g. (0, 3)).
    - gantt: `tasks`, grouped and coloured by `lane`.

    `value_format` is an Excel number format ("0", "0.0", "0%": values are then
    ratios); Word figures and native PowerPoint charts both honour it.

    Bars are drawn largest first (by the category's total over the series), as a
    reader compares them, unless the categories have an order of their own
    (`natural_order`: months, levels, lots by go-live date).

    `category_title` names what the categories are ("Territory"); it is not drawn,
    it heads the first column when the chart is given as a table (`says_little`).

    A map's points are named beside their marker when the names fit without
    running into one another; otherwise each marker carries a number and a key
    (a table: number, `key_title`) follows the map. `numbered` forces either way;
    None lets the writer decide from the room it has.
    """

    kind: ChartKind
    title: str = ""
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    quadrants: Quadrants | None = None
    x_title: str = ""
    y_title: str = ""
    value_format: str = "0"
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    value_range: tuple[float, float] | None = None
    show_values: bool = False
    legend: bool = True
    numbered: bool | None = None
    key_title: str = ""
    natural_order: bool = False
    category_title: str = ""  # what the categories are (territory, lot): heads the chart's table

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}; expected one of {CHART_KINDS}")
        if self.kind in ("scatter", "bubble"):
            if not self.points:
                raise ValueError(f"a {self.kind} chart needs points")
            if self.kind == "bubble" and any(p.size is None for p in self.points):
                raise ValueError("a bubble chart needs a size for every point")
        elif self.kind == "gantt":
            if not self.tasks:
                raise ValueError("a gantt chart needs tasks")
        else:
            if not self.categories or not self.series:
                raise ValueError(f"a {self.kind} chart needs categories and series")
            for series in self.series:
                if len(series.values) != len(self.categories):
                    raise ValueError(
                        f"series {series.name!r} has {len(series.values)} values for "
                        f"{len(self.categories)} categories")
            if self.kind in ("doughnut", "pie") and len(self.series) != 1:
                raise ValueError(f"a {self.kind} chart has exactly one series")

    def in_reading_order(self) -> Chart:
        """The chart as drawn: bar categories sorted largest first (ties keep their
        order), unless `natural_order`; a part-of-whole chart of too few parts as bars
        (`fitting_kind`); other kinds as they are."""
        fitted = self.fitting_kind()
        if fitted is not self:
            return fitted
        if self.natural_order or self.kind not in BAR_KINDS or len(self.categories) < 2:
            return self
        totals = [sum(s.values[i] or 0 for s in self.series) for i in range(len(self.categories))]
        order = sorted(range(len(totals)), key=lambda i: -totals[i])
        return replace(self, categories=[self.categories[i] for i in order],
                       series=[replace(s, values=[s.values[i] for i in order])
                               for s in self.series])

    def fitting_kind(self) -> Chart:
        """A doughnut or pie needs parts to compare: with fewer than `PART_CHART_MIN`
        parts of meaningful size (`PART_SHARE_MIN` of the whole), a reader reads the
        counts better as bars, in the categories' own order, values shown."""
        if self.kind not in ("doughnut", "pie"):
            return self
        values = [v or 0 for v in self.series[0].values]
        total = sum(values)
        meaningful = [v for v in values if total and v / total >= PART_SHARE_MIN]
        if len(meaningful) >= PART_CHART_MIN:
            return self
        return replace(self, kind="barh", natural_order=True, show_values=True, legend=False)

    @property
    def says_little(self) -> bool:
        """Too little to chart, a table says it better: fewer than `CHART_ITEMS_MIN`
        bars, parts or points (two territories, one population on a map, two
        measurements), or one series counting fewer than `CHART_COUNT_MIN` things in
        all (the profiles of a team of four). A timeline places even one task in
        time, and a heat map is a table already: they always draw."""
        if self.kind in ("gantt", "heatmap"):
            return False
        if self.kind in ("scatter", "bubble"):
            return len(self.points) < CHART_ITEMS_MIN
        if len(self.categories) < CHART_ITEMS_MIN:
            return True
        counts = len(self.series) == 1 and not self.is_percent and self.decimals == 0
        return counts and sum(v or 0 for v in self.series[0].values) < CHART_COUNT_MIN

    @property
    def is_percent(self) -> bool:
        return self.value_format.endswith("%")

    @property
    def decimals(self) -> int:
        number = self.value_format.rstrip("%")
        return len(number.split(".", 1)[1]) if "." in number else 0


# --------------------------------------------------------------------------- document blocks


@dataclass
class Heading:
    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, not {self.level}")


@dataclass
class Paragraph:
    """Body text, a quote (e.g. a verbatim from an interview), a caption or a key message."""

    text: str
    style: ParagraphStyle = "body"


@dataclass
class BulletItem:
    """A bullet with an indentation level (0 = top level, up to 2).

    `optional`: detail the deck's writer leaves out where it would take the
    slide's bullets onto more slides than the others take (or than
    `BulletSlide.slides`); the notes say it. A report keeps it."""

    text: str
    level: int = 0
    optional: bool = False


BulletLike = str | BulletItem


@dataclass
class Bullets:
    items: list[BulletLike]
    numbered: bool = False
    # kept on one page in a report (a short list read as one, e.g. the decisions asked
    # for): never its first items at a page foot and the rest overleaf
    together: bool = False


@dataclass
class Table:
    """A table; a Word table, or a native table split over slides in a deck.

    Column widths follow the content (no word broken, long text given the
    room); `widths` (relative, any unit) shares what is left once every cell
    fits on one line, e.g. equal value columns in a heat map.
    `align` per column; None or missing means automatic: right-aligned when
    every filled cell of the column is a number, a percentage or an amount.
    `cell_fills` (same shape as `rows`, hex colours "RRGGBB" or "#RRGGBB", or
    None) shades cells: a heat map. Fills are normalised to "#RRGGBB" here, so
    every writer reads one form; text on a dark fill is written in white. A
    status fill is named ("rag:green", see `palette.rag_fill`) and drawn in the
    template's red, amber or green. `grouped`: the first columns that name a
    group of rows (a pillar): in a deck, a value the row above already shows is
    left blank, said again at the top of each slide.
    """

    columns: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    widths: list[float] | None = None
    align: list[Align | None] | None = None
    cell_fills: list[list[str | None]] | None = None
    grouped: int = 0

    def __post_init__(self) -> None:
        width = len(self.columns)
        if not width:
            raise ValueError("a table needs at least one column")
        for number, row in enumerate(self.rows, 1):
            if len(row) != width:
                raise ValueError(f"table row {number} has {len(row)} cells for {width} columns")
        if self.widths is not None and (len(self.widths) != width or min(self.widths) <= 0):
            raise ValueError(f"table widths must be {width} positive numbers")
        if self.align is not None and len(self.align) != width:
            raise ValueError(f"table align must have {width} entries")
        if self.cell_fills is not None:
            if len(self.cell_fills) != len(self.rows) or any(
                    len(fills) != width for fills in self.cell_fills):
                raise ValueError("cell_fills must have the same shape as rows")
            self.cell_fills = [[_fill(fill) for fill in fills] for fills in self.cell_fills]


def _fill(value: str | None) -> str | None:
    """A cell fill: None, a named RAG status ("rag:amber") or a colour, as "#RRGGBB"."""
    if not value:
        return None
    if value.startswith(RAG_PREFIX):
        if value[len(RAG_PREFIX):] not in RAG:
            raise ValueError(f"unknown fill {value!r}; expected rag:green, rag:amber or rag:red")
        return value
    return hex_colour(value)


@dataclass
class Figure:
    """A chart drawn as a crisp image in Word, with its caption below."""

    chart: Chart
    caption: str = ""


@dataclass
class KeyMessages:
    """The few messages a reader must retain, in highlighted boxes."""

    items: list[str]
    title: str = ""


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Figure | KeyMessages | PageBreak


@dataclass
class Document:
    """A Word deliverable: cover page (title, subtitle, client, date), then blocks.

    `confidentiality` is printed on the cover and in every page header; empty
    means the localised default ("Confidentiel" / "Confidential").
    """

    title: str
    subtitle: str = ""
    client: str = ""
    date: dt.date | None = None
    lang: Lang = "fr"
    confidentiality: str = ""
    author: str = ""
    blocks: list[Block] = field(default_factory=list)


# --------------------------------------------------------------------------- slides


@dataclass
class CoverSlide:
    """The deck's cover; empty fields take the deck's title and subtitle."""

    title: str = ""
    subtitle: str = ""
    notes: str = ""


@dataclass
class SectionSlide:
    title: str
    subtitle: str = ""
    notes: str = ""


@dataclass
class BulletSlide:
    """Title and bullets; continues on further slides when the bullets do not fit.

    `counted`: the count the title states, when it states one, of the bullets
    below it (the reconciliation checks the two agree). `slides`: the slides
    the bullets may take with their optional detail (None: as many as the
    bullets without it take)."""

    title: str
    bullets: list[BulletLike]
    notes: str = ""
    counted: int | None = None
    slides: int | None = None


Side = list[BulletLike] | Table


@dataclass
class TwoContentSlide:
    """Two columns, each bullets or a small table, with optional column headings."""

    title: str
    left: Side
    right: Side
    notes: str = ""
    left_title: str = ""
    right_title: str = ""


@dataclass
class TableSlide:
    """A native table, split over as many slides as needed ("(suite)" titles).

    `counted`: the count the title states, when it states one, of the table's
    rows (the reconciliation checks the two agree). `reference`: a page a
    client looks things up in (the appendix), filled by the room it has rather
    than by the word budget of a slide presented in session. `rank`: each
    row's weight (the larger, the more a steering committee needs it), for a
    table too long to present whole: the slide shows the heaviest rows and
    the whole table goes to the appendix."""

    title: str
    table: Table
    notes: str = ""
    counted: int | None = None
    reference: bool = False
    rank: list[float] | None = None

    def __post_init__(self) -> None:
        if self.rank is not None and len(self.rank) != len(self.table.rows):
            raise ValueError(f"rank has {len(self.rank)} weights for {len(self.table.rows)} rows")


@dataclass
class ChartSlide:
    """A native, editable chart (a heat map becomes a coloured native table;
    `reference` as for a `TableSlide`)."""

    title: str
    chart: Chart
    notes: str = ""
    caption: str = ""
    reference: bool = False


@dataclass
class KeyMessagesSlide:
    """Up to four numbered message cards per slide; more continue on further slides."""

    title: str
    items: list[str]
    notes: str = ""


@dataclass
class ClosingSlide:
    title: str
    bullets: list[BulletLike] = field(default_factory=list)
    notes: str = ""


Slide = CoverSlide | SectionSlide | BulletSlide | TwoContentSlide | TableSlide | ChartSlide | KeyMessagesSlide | ClosingSlide


@dataclass
class Deck:
    """A PowerPoint deliverable (16:9) in the house template."""

    title: str
    subtitle: str = ""
    client: str = ""
    date: dt.date | None = None
    lang: Lang = "fr"
    confidentiality: str = ""
    author: str = ""
    slides: list[Slide] = field(default_factory=list)
