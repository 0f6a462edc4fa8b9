"""The feedback a trainee reads: remarks that explain the method's reasoning.

`Feedback` prints as plain text (`print(feedback)`) and as an HTML table in a
notebook; both are in the language the check was asked for.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Remark:
    """One difference between the trainee's diagnosis and the method's.

    `kind` is a stable code (missing_population, missing_brake, unfounded_brake,
    risk_level, risk_kind, missing_risk, pillar_without_lever,
    brake_not_addressed, lever_off_target, lever_pillar, unknown_population,
    unknown_brake, unknown_lever); `subject` the population (or name) concerned;
    `seed` the source texts that say so ("004", "004, 002").
    """

    kind: str
    subject: str
    message: str
    seed: str = ""


@dataclass(frozen=True)
class Feedback:
    """Every remark on one answer, and the share of the method's findings found."""

    case: str
    lang: str
    remarks: list[Remark]
    score: float  # 0.0 to 1.0
    kind_labels: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # title, score, perfect, columns
    # What the answer got right, each with the method's reason (kind: population,
    # brake, risk, pillar, brake_addressed); the trainee's feedback document opens with it.
    credits: list[Remark] = field(default_factory=list)

    @property
    def perfect(self) -> bool:
        return not self.remarks

    def of_kind(self, kind: str) -> list[Remark]:
        return [r for r in self.remarks if r.kind == kind]

    def _label(self, kind: str) -> str:
        return self.kind_labels.get(kind, kind)

    def __str__(self) -> str:
        lines = [self.texts.get("title", self.case), self.texts.get("score", f"{self.score:.0%}"), ""]
        if self.perfect:
            lines.append(self.texts.get("perfect", ""))
        for number, remark in enumerate(self.remarks, 1):
            source = f" [{self.texts.get('seed_prefix', 'Seed')} {remark.seed}]" if remark.seed else ""
            lines.append(f"{number}. {self._label(remark.kind)} — {remark.subject}{source}")
            lines.append(f"   {remark.message}")
        return "\n".join(lines).rstrip()

    def _repr_html_(self) -> str:
        e = html.escape
        head = (f"<h4>{e(self.texts.get('title', self.case))}</h4>"
                f"<p><strong>{e(self.texts.get('score', f'{self.score:.0%}'))}</strong></p>")
        if self.perfect:
            return head + f"<p>{e(self.texts.get('perfect', ''))}</p>"
        columns = [self.texts.get(f"column_{c}", c) for c in ("kind", "subject", "message", "seed")]
        rows = "".join(
            f"<tr><td>{e(self._label(r.kind))}</td><td>{e(r.subject)}</td>"
            f"<td style='text-align:left'>{e(r.message)}</td><td>{e(r.seed)}</td></tr>"
            for r in self.remarks
        )
        header = "".join(f"<th>{e(c)}</th>" for c in columns)
        return head + f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
