"""Counting a text's lines: the one-line shortcut gives the word-by-word count."""

from __future__ import annotations

import math
import random
import re

from playbook.render import fit

# a line breaks at white space, never at a non-breaking space (« 45 % », « 18 mai 2027 »)
_SPACES = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def _words(paragraph: str) -> list[str]:
    return [word for word in _SPACES.split(paragraph) if word]


def lines_word_by_word(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """The definition: words placed one after the other, a word longer than a
    line broken across lines."""
    space = fit.text_width(" ", size_pt, bold) * fit.SAFETY
    total = 0
    for raw in text.split("\n") or [""]:
        lines, used = 1, 0.0
        for word in _words(raw):
            width = fit._em_width(word, bold) * size_pt * fit.SAFETY
            needed = width if used == 0 else used + space + width
            if needed <= width_pt:
                used = needed
                continue
            if used > 0:
                lines += 1
            extra = max(0, math.ceil(width / width_pt) - 1)
            lines += extra
            used = width - extra * width_pt
        total += lines
    return total


def one_line(paragraph: str, size_pt: float, bold: bool) -> float:
    """The width a paragraph takes on one line, its words added as they are placed."""
    space = fit.text_width(" ", size_pt, bold) * fit.SAFETY
    used = 0.0
    for word in _words(paragraph):
        width = fit._em_width(word, bold) * size_pt * fit.SAFETY
        used = width if used == 0 else used + space + width
    return used


def test_line_counts_match_placing_each_word_at_every_width():
    rng = random.Random(11)
    words = ["Plan", "d'accompagnement", "des", "conseillers", "—", "Anticonstitutionnellement",
             "14 juin 2027", "18\u00a0mai\u00a02027", "45\u202f%", "a", "COPIL", "référents", "métier", "x" * 60]
    for _ in range(600):
        text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
                         for _ in range(rng.randint(1, 3)))
        size, bold = rng.choice([8, 9.5, 11, 14]), rng.random() < 0.3
        natural = max(one_line(raw, size, bold) for raw in text.split("\n"))
        # around the width that holds each paragraph on one line, and far from it
        for width in (natural, natural + 0.01, natural - 0.01, natural / 2, 30.0, 500.0):
            if width > 0:
                assert fit.count_lines(text, width, size, bold) == lines_word_by_word(
                    text, width, size, bold), (text, width, size, bold)


def test_from_its_one_line_width_a_text_is_a_line_per_paragraph():
    for text in ("Plan d'accompagnement", "Deux\nparagraphes courts", "x" * 80, " ", "a\n\nb"):
        for size, bold in ((9, False), (11, True)):
            widest, paragraphs = fit.one_line(text, size, bold)
            assert paragraphs == len(text.split("\n"))
            assert fit.count_lines(text, max(widest, 0.5), size, bold) == paragraphs
            if widest > 1:
                assert fit.count_lines(text, widest - 0.5, size, bold) > paragraphs


def test_a_line_count_holds_at_every_width_up_to_its_bound():
    """A table's width search reuses a cell's count up to the bound `lines_and_bound`
    gives: at every width in between, placing each word gives the same count."""
    rng = random.Random(29)
    words = ["Plan", "d'accompagnement", "des", "conseillers", "—", "Anticonstitutionnellement",
             "14 juin 2027", "18\u00a0mai\u00a02027", "45\u202f%", "a", "COPIL", "référents", "métier", "x" * 60]
    for _ in range(300):
        text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
                         for _ in range(rng.randint(1, 3)))
        size, bold = rng.choice([8, 9.5, 11]), rng.random() < 0.3
        width = rng.uniform(20, 300)
        lines, bound = fit.lines_and_bound(text, width, size, bold)
        assert lines == lines_word_by_word(text, width, size, bold)
        assert bound >= width
        if math.isinf(bound):
            assert lines == len(text.split("\n"))
            continue
        for wider in (width + (bound - width) * share for share in (0.25, 0.5, 0.9, 0.999)):
            assert lines_word_by_word(text, wider, size, bold) == lines, (text, width, wider)


def test_a_line_never_breaks_at_a_non_breaking_space():
    """« 45 % » and « 18 mai 2027 » stay whole on a line, as Word, PowerPoint and
    LibreOffice keep them: counting a break there would promise a line too few."""
    size = 10.0
    date = "18\u00a0mai\u00a02027"
    whole = fit.text_width(date, size) * fit.SAFETY
    width = whole + 1.0  # the date fits; "18 mai" plus "2027" on two lines would too
    text = f"le {date}"
    assert fit.wrap(text, width, size) == ["le", date]
    assert fit.count_lines(f"{date} {date}", width, size) == 2
    assert fit.count_lines("45\u202f%", fit.text_width("45", size) * fit.SAFETY + 0.5, size) == 2
