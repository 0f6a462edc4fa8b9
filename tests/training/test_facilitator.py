"""The facilitator guide of each exercise: objectives, timing, debrief points and
the model answer, the last two straight from the engine's diagnosis of the case."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from playbook.cli import main
from playbook.render import Bullets, Heading, Table
from playbook.training import case_names, reference
from playbook.training.facilitator import facilitator_document


def _after(document, title: str, kind: type):
    start = next(i for i, b in enumerate(document.blocks)
                 if isinstance(b, Heading) and b.text.startswith(title))
    return next(b for b in document.blocks[start:] if isinstance(b, kind))


@pytest.mark.parametrize("case", case_names())
def test_every_exercise_has_its_guide_matching_what_check_expects(case: str) -> None:
    document = facilitator_document(case, "en")
    ref = reference(case, "en")

    assert len(_after(document, "Learning objectives", Bullets).items) >= 2
    timing = _after(document, "Running order", Table)
    total = sum(int(row[1]) for row in timing.rows)
    assert any(isinstance(b, Heading) and b.text == f"Running order ({total} min)"
               for b in document.blocks)
    debrief = _after(document, "Debrief points", Bullets).items
    assert len(debrief) == len(ref.diagnosis.brakes)  # one point per brake the engine finds
    model = _after(document, "Model answer", Table)
    assert [row[0] for row in model.rows] == [p.name for p in ref.engagement.populations]


def test_the_french_guide_speaks_french() -> None:
    document = facilitator_document("contact_centre", "fr")

    assert document.title == "Guide de l'animateur"
    assert _after(document, "Réponse modèle", Table).columns[:2] == ["Population", "Freins"]


def test_handbook_facilitator_writes_a_guide_per_exercise(tmp_path: Path, capsys) -> None:
    assert main(["handbook", "--facilitator", "--lang", "en", "--out", str(tmp_path)]) == 0

    guides = sorted(tmp_path.glob("facilitator-guide-*.docx"))
    assert len(guides) == len(case_names())
    text = [p.text for p in docx.Document(str(tmp_path / "facilitator-guide-contact-centre.docx")).paragraphs]
    assert "Debrief points" in text and "Model answer (to show after the exercise)" in text
