"""The facilitator guide of each exercise: objectives, timing, debrief, model answer.

Objectives and timing are data (`facilitator.yaml`); the debrief points and the
model answer come from the engine's diagnosis of the case (`reference`), so
what the trainer shows after the exercise is exactly what `check` expected of
the trainees, with the method's reasons.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .. import safe_yaml
from ..errors import PlaybookError
from ..method import Method, load_method
from ..method.brakes import RISK_KINDS
from ..method.levers import PILLARS
from ..render import Bullets, Document, Heading, Paragraph, Table, write_docx
from ..render.ir import BulletLike, Cell, document_lang
from ..text import colon, render
from .cases import case_names
from .check import Reference, reference
from .html import write_html

_DATA = Path(__file__).parent / "facilitator.yaml"



@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = safe_yaml.load_file(_DATA)
    return data


def _t(key: str, lang: str, **values: Any) -> str:
    return render(f"facilitator.{key}", lang, **values)


def facilitator_document(case: str, lang: str = "fr", method: Method | None = None) -> Document:
    """The guide of one exercise case."""
    data = _data()
    if case not in data:
        raise PlaybookError(f"no facilitator notes for case {case!r} in {_DATA.name}")
    method = method or load_method()
    ref = reference(case, lang, method)
    own = data[case]
    timing = data["timing"]
    blocks: list[Any] = [
        Paragraph(_t("notebook", lang, case=case), "caption"),
        Heading(_t("objectives", lang)),
        Bullets([o[lang] for o in own["objectives"]]),
        Heading(_t("timing", lang, total=sum(s["minutes"] for s in timing))),
        Table([_t("step", lang), _t("minutes", lang)],
              [[s["step"][lang], str(s["minutes"])] for s in timing], widths=[6, 1.2]),
        Heading(_t("debrief", lang)),
        Paragraph(_t("debrief_intro", lang)),
    ]
    points: list[BulletLike] = []
    for finding in ref.diagnosis.brakes:
        label = method.brakes.brake(finding.brake).label.in_(lang)
        points.append(f"**{finding.population}** — {label}{colon(lang)}{finding.reasons[0]}")
    blocks.append(Bullets(points))
    blocks += [Heading(_t("model", lang)), model_answer_table(ref, method, lang)]
    return Document(title=_t("title", lang), subtitle=own["title"][lang],
                    lang=document_lang(lang),
                    blocks=blocks)


def model_answer_table(ref: Reference, method: Method, lang: str) -> Table:
    """The model answer, one row per population: brakes, the two risks, the levers
    chosen (the facilitator guide and the trainer's notebook show the same)."""
    levels = {int(k): method.text(f"training.risk_levels.{k}", lang) for k in range(4)}
    rows: list[list[Cell]] = []
    for population in ref.engagement.populations:
        name = population.name
        brakes = ", ".join(method.brakes.brake(b.brake).label.in_(lang)
                           for b in ref.diagnosis.brakes_of(name)) or _t("no_brake", lang)
        risks = [levels[ref.diagnosis.risk(name, kind).level] for kind in RISK_KINDS]
        chosen = ref.levers.get(name, {})
        levers = "; ".join(method.levers.lever(i).label.in_(lang)
                           for pillar in PILLARS for i in chosen.get(pillar, []))
        rows.append([name, brakes, *risks, levers])
    risk_columns = [method.brakes.risk(kind).label.in_(lang) for kind in RISK_KINDS]
    return Table([_t("population", lang), _t("brakes", lang), *risk_columns, _t("levers", lang)],
                 rows, widths=[2.5, 3, 1.3, 1.3, 4])


def write_facilitator_guides(out_dir: str | Path, lang: str = "fr",
                             templates_dir: str | Path | None = None) -> list[Path]:
    """One Word and one HTML guide per exercise case in `out_dir`."""
    method = load_method()
    out = Path(out_dir)
    written = []
    for case in case_names():
        document = facilitator_document(case, lang, method)
        stem = _t("file", lang, case=case.replace("_", "-"))
        written.append(write_docx(document, out / f"{stem}.docx", templates_dir, labels=method))
        written.append(write_html(document, out / f"{stem}.html"))
    return written
