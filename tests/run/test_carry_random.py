"""Random edits of a report, random changes of what is generated: nothing the
consultant wrote is lost. Each edit is either in the new report or a listed
conflict whose two versions are both in it (the consultant's as a comment)."""

from __future__ import annotations

import shutil

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.run.carry import word
from playbook.text import render

SECTIONS = 3
PARAGRAPHS = 4


def say(code, **values):
    return render(f"edits.{code}", "en", **values)


def generate(path, changed: set[tuple[int, int]]):
    """A generated report: sections of paragraphs; `changed` paragraphs say something new."""
    document = docx.Document()
    for section in range(SECTIONS):
        document.add_heading(f"Section {section}", level=1)
        for number in range(PARAGRAPHS):
            suffix = " (new facts)" if (section, number) in changed else ""
            document.add_paragraph(f"Generated {section}.{number}{suffix}")
    document.save(str(path))
    word.stamp(path)


positions = st.tuples(st.integers(0, SECTIONS - 1), st.integers(0, PARAGRAPHS - 1))
edits = st.lists(st.tuples(st.sampled_from(["edit", "delete", "add"]), positions), max_size=6,
                 unique_by=lambda e: e[1])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(edits=edits, changed=st.sets(positions, max_size=5))
def test_random_edits_are_carried_or_listed_with_both_versions(tmp_path, edits, changed):
    base, mine, new = (tmp_path / f"{name}.docx" for name in ("base", "mine", "new"))
    generate(base, set())
    generate(new, changed)
    shutil.copyfile(base, mine)
    document = docx.Document(str(mine))
    by_text = {p.text: p for p in document.paragraphs}
    wrote, deleted = [], []
    for kind, (section, number) in edits:
        target = by_text[f"Generated {section}.{number}"]
        if kind == "edit":
            target.runs[0].text = f"Consultant's words for {section}.{number}"
            wrote.append(((section, number), target.runs[0].text))
        elif kind == "delete":
            target._element.getparent().remove(target._element)
            deleted.append((section, number))
        else:
            text = f"Consultant's paragraph after {section}.{number}"
            target.insert_paragraph_before(text)
            wrote.append((None, text))
    document.save(str(mine))

    outcome = word.carry(base, mine, new, say)

    result = docx.Document(str(new))
    texts = [p.text for p in result.paragraphs]
    comments = " ".join(c.text for c in result.comments)
    for position, text in wrote:
        if position is None or position not in changed:
            assert text in texts  # carried
        else:
            section, number = position
            assert f"Generated {section}.{number} (new facts)" in texts  # the new text stays
            assert text in comments  # and the consultant's beside it
            assert any(c["yours"] == text for c in outcome.conflicts)
    for section, number in deleted:
        if (section, number) in changed:
            assert f"Generated {section}.{number} (new facts)" in texts
            assert any(c["kind"] == "deleted_changed" for c in outcome.conflicts)
        else:
            assert f"Generated {section}.{number}" not in texts
