"""The method handbook, printed from the method data only.

Steps, workshops, dimensions, brakes and their signals, the two risks, the
levers by Understand / Want / Be able, success criteria, KPIs, training
formats and modules, RACI and glossary: every entry comes from the catalogues
the engine applies, so a firm that adapted its catalogues (`--method DIR`)
prints its own handbook, and the handbook can never describe a rule the engine
does not apply. One `Document` is built; Word (house template) and HTML are
both written from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..method import Method, load_method
from ..method.levers import PILLARS
from ..render import Bullets, Document, Heading, PageBreak, Paragraph, Table, write_docx
from ..render.ir import Align, BulletLike, Cell, document_lang
from ..render.typography import format_number
from ..text import colon
from . import wording
from .glossary import glossary
from .html import write_html


class Bilingual(Protocol):
    """A method text in both languages."""

    def in_(self, lang: str, **values: object) -> str: ...


class _Builder:
    def __init__(self, method: Method, lang: str):
        self.m = method
        self.lang = lang
        self.blocks: list[Any] = []

    def t(self, key: str, **values: Any) -> str:
        return self.m.text(f"handbook.{key}", self.lang, **values)

    def b(self, bilingual: Bilingual) -> str:
        return bilingual.in_(self.lang)

    def seeds(self, seeds: list[str]) -> str:
        return self.t("seeds", seeds=wording.seeds_text(list(seeds), self.lang))

    def add(self, *blocks: Any) -> None:
        self.blocks.extend(blocks)

    def labelled(self, label: str, text: str) -> Paragraph:
        return Paragraph(f"**{label}**{colon(self.lang)}{text}")

    # ------------------------------------------------------------ sections

    def intro(self) -> None:
        self.add(Heading(self.t("intro.heading")))
        for key in ("p1", "p2", "p3"):
            self.add(Paragraph(self.t(f"intro.paragraphs.{key}")))
        self.add(Paragraph(self.t("intro.how_to_read"), "caption"))

    def steps(self) -> None:
        self.add(Heading(self.t("sections.steps")))
        workshops = self.m.workshops.workshops
        for n, step in enumerate(self.m.steps.steps, 1):
            self.add(Heading(self.t("step.number", n=n, label=self.b(step.label)), 2),
                     Paragraph(self.b(step.purpose)))
            own = [self.b(w.label) for w in workshops if w.step == step.code]
            if own:
                self.add(Paragraph(self.t("step.workshops", names=", ".join(own))))
            if step.deliverables:
                names = ", ".join(self.b(d.name) for d in step.deliverables)
                self.add(Paragraph(self.t("step.deliverables", names=names)))
            self.add(Heading(self.t("step.key_questions"), 3),
                     Bullets([self.b(q) for q in step.key_questions]),
                     Heading(self.t("step.pitfalls"), 3))
            items: list[BulletLike] = []
            for pitfall in step.pitfalls:
                detected = f" ({self.t('step.pitfall_check')})" if pitfall.check else ""
                items.append(f"{self.b(pitfall.text)} — {self.seeds(pitfall.seeds)}{detected}")
            self.add(Bullets(items), Paragraph(self.seeds(step.seeds), "caption"))

    def workshops(self) -> None:
        self.add(Heading(self.t("sections.workshops")))
        steps: dict[str, str] = {s.code: self.b(s.label) for s in self.m.steps.steps}
        for workshop in self.m.workshops.workshops:
            self.add(Heading(self.b(workshop.label), 2),
                     self.labelled(self.t("workshop.purpose"), self.b(workshop.purpose)),
                     self.labelled(self.t("workshop.participants"), self.b(workshop.participants)),
                     self.labelled(self.t("workshop.when"),
                                   f"{self.b(workshop.when)} ({steps.get(workshop.step, workshop.step)})"),
                     Paragraph(f"**{self.t('workshop.outputs')}**"),
                     Bullets([self.b(o) for o in workshop.outputs]),
                     Paragraph(self.seeds(workshop.seeds), "caption"))

    def dimensions(self) -> None:
        catalogue = self.m.dimensions
        c = "dimensions.columns."
        self.add(Heading(self.t("sections.dimensions")), Paragraph(self.t("dimensions.intro")),
                 Table([self.t(c + "dimension"), self.t(c + "definition"), self.t(c + "example")],
                       [[self.b(d.label), self.b(d.definition), self.b(d.example)]
                        for d in catalogue.dimensions], widths=[2, 4, 4]),
                 Heading(self.t("dimensions.scale"), 2),
                 Table([self.t(c + "intensity"), self.t(c + "label"), self.t(c + "description")],
                       [[s.intensity, self.b(s.label), self.b(s.description)]
                        for s in catalogue.scale], widths=[1, 2, 6]),
                 Paragraph(self.b(catalogue.overall_level.description)),
                 Heading(self.t("dimensions.segments"), 2),
                 Paragraph(self.b(catalogue.segmentation.description)),
                 Table([self.t(c + "label"), self.t(c + "description")],
                       [[self.b(s.label), self.b(s.description)]
                        for s in catalogue.segmentation.segments], widths=[2, 6]))

    def brakes(self) -> None:
        catalogue = self.m.brakes
        self.add(Heading(self.t("sections.brakes")), Paragraph(self.t("brakes.intro")))
        for entry in catalogue.brakes:
            feeds = ", ".join(
                self.t("brakes.feed", risk=self.b(catalogue.risk(f.risk).label),
                       weight=format_number(f.weight, self.lang, 1), how=self.b(f.how))
                for f in entry.feeds)
            levers = ", ".join(self.b(self.m.levers.lever(i).label) for i in entry.levers)
            self.add(Heading(self.b(entry.label), 2),
                     Paragraph(self.b(entry.description)),
                     Paragraph(self.b(entry.quote), "quote"),
                     Heading(self.t("brakes.signals"), 3),
                     Bullets([self.t("brakes.signal", severity=s.severity,
                                     rule=wording.rule_text(self.m, s.when, self.lang))
                              for s in entry.signals]),
                     Paragraph(self.t("brakes.feeds", risks=feeds)),
                     Paragraph(self.t("brakes.levers", levers=levers)),
                     Paragraph(self.seeds(entry.seeds), "caption"))
        self.add(Heading(self.t("brakes.severity"), 2),
                 Paragraph(self.b(catalogue.severity.description)))

    def risks(self) -> None:
        catalogue = self.m.brakes
        self.add(Heading(self.t("sections.risks")))
        for entry in catalogue.risks:
            self.add(Heading(self.b(entry.label), 2), Paragraph(self.b(entry.description)),
                     Paragraph(self.b(entry.quote), "quote"),
                     Paragraph(self.seeds(entry.seeds), "caption"))
        model = catalogue.risk_model
        self.add(Paragraph(self.b(model.description)))
        if model.rules:
            self.add(Heading(self.t("risks.rules"), 3), Bullets([
                self.t("risks.rule", risk=self.b(catalogue.risk(r.risk).label), level=r.level,
                       rule=wording.rule_text(self.m, r.when, self.lang))
                for r in model.rules]))

    def levers(self) -> None:
        catalogue = self.m.levers
        c = "levers.columns."
        self.add(Heading(self.t("sections.levers")), Paragraph(self.t("levers.intro")),
                 Paragraph(self.b(catalogue.source), "caption"))
        for pillar in PILLARS:
            info = catalogue.pillars[pillar]
            rows: list[list[Cell]] = [[self.b(lever.label), self.b(lever.description),
                     self.b(catalogue.phases[lever.phase].label), self.b(catalogue.owners[lever.owner]),
                     self.t(f"levers.scope.{lever.scope}")]
                    for lever in catalogue.levers if lever.pillar == pillar]
            defaults = ", ".join(self.b(catalogue.lever(i).label) for i in info.defaults)
            self.add(Heading(f"{self.b(info.label)} — {self.b(info.adkar)}", 2),
                     Paragraph(self.b(info.description)),
                     Table([self.t(c + k) for k in ("lever", "description", "phase", "owner", "scope")],
                           rows, widths=[2.2, 5, 1.6, 1.8, 1.4]),
                     Paragraph(self.t("levers.defaults", levers=defaults), "caption"))
        self.add(Heading(self.t("levers.ranking"), 2), Paragraph(self.b(catalogue.priority.description)))
        external = catalogue.external_populations
        excluded = ", ".join(self.b(catalogue.lever(i).label) for i in external.excluded)
        self.add(Heading(self.t("levers.external"), 2), Paragraph(self.b(external.description)),
                 Paragraph(self.t("levers.external_excluded", levers=excluded), "caption"))
        sized = [lever for lever in catalogue.levers if lever.min_people]
        if sized:
            self.add(Heading(self.t("levers.min_people"), 2), Paragraph(self.t("levers.min_people_intro")),
                     Bullets([self.t("levers.min_people_item", lever=self.b(lever.label),
                                     count=lever.min_people) for lever in sized]))
        if catalogue.country_rules:
            self.add(Heading(self.t("levers.country_rules"), 2), Paragraph(self.t("levers.country_rules_intro")),
                     Bullets([self.t("levers.country_rule", action=self.b(catalogue.lever(r.lever).label),
                                     rule=wording.rule_text(self.m, r.when, self.lang), source=self.b(r.source))
                              for r in catalogue.country_rules]))
        if catalogue.missing_roles:
            self.add(Heading(self.t("levers.gaps"), 2), Paragraph(self.t("levers.gaps_intro")),
                     Bullets([self._gap(role, missing) for role, missing in catalogue.missing_roles.items()]))
        quote = self.m.brakes.phrases
        self.add(Heading(self.t("levers.owners"), 2), Paragraph(self.t("levers.owners_intro")),
                 Bullets([self.t("levers.owner_words", role=self.b(catalogue.owners[role]),
                                 words=", ".join(f"{self.b(quote.quote_open)}{w}{self.b(quote.quote_close)}"
                                                 for w in words))
                          for role, words in catalogue.owner_functions.items()]),
                 Heading(self.t("levers.calendar"), 2), Paragraph(self.t("levers.calendar_intro")))

    def _gap(self, role: str, missing: Any) -> str:
        owners = self.m.levers.owners
        values = {"role": self.b(owners[role]), "fallback": self.b(owners[missing.fallback])}
        if missing.gap_action:
            return self.t("levers.gap_first", action=self.b(self.m.levers.lever(missing.gap_action).label),
                          **values)
        return self.t("levers.gap", **values)

    def criteria(self) -> None:
        catalogue = self.m.criteria
        self.add(Heading(self.t("sections.criteria")), Paragraph(self.b(catalogue.source), "caption"))
        for n, criterion in enumerate(catalogue.criteria, 1):
            self.add(Heading(f"{n}. {self.b(criterion.label)}", 2),
                     Paragraph(self.b(criterion.description)),
                     Paragraph(f"**{self.t('criteria.early_warnings')}**"),
                     Bullets([self.b(w) for w in criterion.early_warnings]),
                     self.labelled(self.t("criteria.when_not_met"), self.b(criterion.when_not_met)),
                     Paragraph(self.seeds(criterion.seeds), "caption"))

    def kpis(self) -> None:
        catalogue = self.m.kpis
        c = "kpis.columns."
        rows: list[list[Cell]] = [[self.b(f.label), self.b(f.definition),
                 f"{'≤' if not f.higher_is_better else '≥'} {format_number(f.target, self.lang)} {f.unit}",
                 self.t("kpis.review", first=f.first_review_weeks, cadence=f.cadence_weeks)]
                for f in catalogue.families]
        balance = catalogue.balance
        shares = ", ".join(f"{self.b(balance.labels[area])} {format_number(share, self.lang)} %"
                           for area, share in balance.targets.items())
        self.add(Heading(self.t("sections.kpis")), Paragraph(self.b(catalogue.source), "caption"),
                 Table([self.t(c + k) for k in ("family", "definition", "target", "review")], rows,
                       widths=[2, 5, 1.5, 2]),
                 Heading(self.t("kpis.rag"), 2), Paragraph(self.b(catalogue.rag.description)),
                 Heading(self.t("kpis.balance"), 2), Paragraph(shares),
                 Paragraph(self.b(balance.description)))
        self.copil()

    def copil(self) -> None:
        """Step 5: what the fortnightly COPIL reads after go-live, and the
        reinforcement the method offers a population falling behind."""
        rules = self.m.copil
        levers = {lever.id: lever for lever in self.m.levers.levers}
        pillars = self.m.levers.pillars
        rows: list[list[Cell]] = [[self.b(pillars[key].label) if key in pillars else self.b(self.m.kpis.family("adoption").label),
                 ", ".join(self.b(levers[i].label) for i in ids)]
                for key, ids in rules.reinforcement.items()]
        self.add(Heading(self.t("kpis.copil"), 2), Paragraph(self.t("kpis.measurements")),
                 Paragraph(self.b(rules.description)),
                 Table([self.t("kpis.lacking"), self.t("kpis.reinforcement")], rows, widths=[2, 6]),
                 Paragraph(self.b(rules.source), "caption"))

    def training(self) -> None:
        catalogue = self.m.training
        c = "training.columns."
        yes, no = self.m.text("common.yes", self.lang), self.m.text("common.no", self.lang)
        formats: list[list[Cell]] = [[self.b(f.label), self.b(f.description), f.group_size or "–",
                    yes if f.led_by_trainer else no] for f in catalogue.formats.values()]
        modules: list[list[Cell]] = [[self.b(m.label), "; ".join(self.b(o) for o in m.objectives),
                    self.t(f"training.audiences.{m.audience}"),
                    self.b(catalogue.formats[m.format].label), m.hours]
                   for m in catalogue.modules]
        evaluation: list[list[Cell]] = [[self.b(e.label), self.b(e.measure), self.b(e.instrument),
                       self.t("training.weeks_after", n=e.weeks_after_go_live)
                       if e.weeks_after_go_live else self.t("training.end_of_session")]
                      for e in catalogue.evaluation]
        support: list[list[Cell]] = [[self.b(s.label), self.b(s.description),
                    self.t("training.weeks", n=s.weeks_after_go_live)] for s in catalogue.support]
        self.add(Heading(self.t("sections.training")), Paragraph(self.b(catalogue.source), "caption"),
                 Heading(self.t("training.order"), 2), Paragraph(self.t("training.order_intro")),
                 Heading(self.t("training.formats"), 2),
                 Table([self.t(c + k) for k in ("format", "description", "group", "trainer")],
                       formats, widths=[2, 5, 1.2, 1.2]),
                 Heading(self.t("training.modules"), 2),
                 Table([self.t(c + k) for k in ("module", "objectives", "audience", "format", "hours")],
                       modules, widths=[2.2, 5, 1.8, 1.8, 1]),
                 Heading(self.t("training.evaluation"), 2),
                 Table([self.t(c + k) for k in ("level", "measure", "instrument", "when")],
                       evaluation, widths=[2, 4, 4, 1.5]),
                 Heading(self.t("training.support"), 2),
                 Table([self.t(c + k) for k in ("offer", "description", "duration")],
                       support, widths=[2, 6, 1.5]))

    def raci(self) -> None:
        catalogue = self.m.raci
        roles = list(catalogue.roles)
        rows: list[list[Cell]] = [[self.b(a.label), *("".join(a.assign.get(r, [])) for r in roles)]
                for a in catalogue.activities]
        centre: Align = "center"
        align: list[Align | None] = ["left", *(centre for _ in roles)]
        self.add(Heading(self.t("sections.raci")), Paragraph(self.t("raci.intro")),
                 Table([self.t("raci.activity"), *(self.b(catalogue.roles[r].label) for r in roles)],
                       rows, widths=[4, *([1.2] * len(roles))],
                       align=align))

    def glossary(self) -> None:
        c = "glossary.columns."
        rows: list[list[Cell]] = [[e.term_fr, e.term_en, e.definition(self.lang)]
                                  for e in glossary(self.m)]
        self.add(Heading(self.t("sections.glossary")), Paragraph(self.t("glossary.intro")),
                 Table([self.t(c + "term_fr"), self.t(c + "term_en"), self.t(c + "definition")],
                       rows, widths=[2.2, 2.2, 6]))


    def bibliography(self) -> None:
        from ..method.sources import load_sources

        items: list[BulletLike] = [f"{s.reference(self.lang)} {self.t('bibliography.cited_as', cite=s.cite[self.lang])}"
                 for s in load_sources(str(self.m.root)).values()]
        self.add(Heading(self.t("sections.bibliography")), Paragraph(self.t("bibliography.intro")),
                 Bullets(items))


SECTIONS = ("intro", "steps", "workshops", "dimensions", "brakes", "risks", "levers", "criteria",
            "kpis", "training", "raci", "glossary", "bibliography")


def build_handbook(method: Method | str | Path | None = None, lang: str = "fr") -> Document:
    """The handbook of `method` (a loaded `Method`, a method folder, or the bundled one)."""
    if not isinstance(method, Method):
        method = load_method(method or None)
    builder = _Builder(method, lang)
    for number, section in enumerate(SECTIONS):
        if number:  # each chapter opens a page, so no heading is left alone at a page foot
            builder.add(PageBreak())
        getattr(builder, section)()
    return Document(
        title=builder.t("title"),
        subtitle=builder.t("subtitle"),
        client=builder.t("version", version=method.version),
        lang=document_lang(lang),
        confidentiality=builder.t("audience"),
        blocks=builder.blocks,
    )


def write_handbook(out_dir: str | Path, lang: str = "fr",
                   method: Method | str | Path | None = None,
                   templates_dir: str | Path | None = None) -> dict[str, Path]:
    """Write `<out_dir>/<file name>.docx` and `.html` atomically; return both paths."""
    if not isinstance(method, Method):
        method = load_method(method or None)
    document = build_handbook(method, lang)
    stem = method.text("handbook.file_name", lang)
    out = Path(out_dir)
    return {
        "docx": write_docx(document, out / f"{stem}.docx", templates_dir, labels=method),
        "html": write_html(document, out / f"{stem}.html"),
    }
