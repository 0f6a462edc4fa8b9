"""The decisions the steering committee is asked for, as every deliverable says them.

One list (`findings.decisions`), one wording: each summary carries the same
sentence, the steering pack the same items, so no page can deny a decision
another page asks for.
"""

from __future__ import annotations

import re

from ...analysis import Analysis
from ...findings import Decision, findings
from ..ir import BulletItem, BulletLike, BulletSlide
from ..words import NOTES_BUDGET, count_words
from . import common as c


def of(analysis: Analysis) -> tuple[Decision, ...]:
    return findings(analysis).decisions


def topic(analysis: Analysis, decision: Decision) -> str:
    """'missing local sponsor (Grand Est)': what is to decide, and about what."""
    kind = c.text(analysis, f"findings.decisions.kind.{decision.kind}")
    if not decision.subject:
        return kind
    if decision.detail:
        return c.text(analysis, "findings.decisions.item_detail", kind=kind, subject=decision.subject,
                      detail=decision.detail)
    return c.text(analysis, "findings.decisions.item", kind=kind, subject=decision.subject)


def topics(analysis: Analysis) -> list[str]:
    """Each distinct topic once, most pressing kind first."""
    return list(dict.fromkeys(topic(analysis, d) for d in of(analysis)))


def summary_message(analysis: Analysis) -> str:
    """'3 decisions await the steering committee: …' ('' when there is none)."""
    decided = of(analysis)
    if not decided:
        return ""
    full = c.counted(analysis, "findings.decisions.summary", len(decided),
                     topics=c.text(analysis, "findings.budget.separator").join(topics(analysis)))
    return c.Message(full, c.counted(analysis, "findings.decisions.headline", len(decided)))


def short(analysis: Analysis, decision: Decision) -> str:
    """'schedule', 'local sponsor': the kind of a decision where a title has no room."""
    return c.text(analysis, f"findings.decisions.short.{decision.kind}")


def with_decisions(analysis: Analysis, messages: list[str], limit: int) -> list[str]:
    """The summary's `limit` messages with the decisions message always among them
    (last): a summary never leaves out what the committee must decide."""
    said = summary_message(analysis)
    if not said:
        return messages[:limit]
    return [*messages[:limit - 1], said]


# --------------------------------------------------------------------------- the decisions slide


DECISION_SLIDES = 2  # slides the decisions and their reasons may take
DECISIONS_PER_SLIDE = 3  # a slide of fewer decisions reads as a leftover: reasons stay in the notes
REASON_WORDS = 30  # a reason longer than this is no first sentence to read out: notes only


def decision_bullets(listed: list[tuple[str, str, str]]) -> list[BulletLike]:
    """Each decision in bold, under it the first sentence of why (a committee
    decides on a reason, not a topic), as optional detail: the deck's writer keeps
    the reasons that fit the slides `decision_slides` allows, in order; the notes
    say all."""
    bullets: list[BulletLike] = []
    for _, text, reason in listed:
        bullets.append(f"**{text[:1].upper()}{text[1:]}**")
        why = first_sentence(without_subject(reason, text))
        if count_words(why) > REASON_WORDS:
            # the figures in parentheses are the notes' detail; the claim stands without them
            why = without_asides(why)
        # a lone decision keeps its reason whatever its length: the slide has the room
        if why and (len(listed) == 1 or count_words(why) <= REASON_WORDS):
            bullets.append(BulletItem(why, level=1, optional=True))
    return bullets


def without_subject(reason: str, topic: str) -> str:
    """`reason` without the subject it opens on ("Lot 1 – Leads, end-user wave: the
    window…") when the decision's topic already names it: the slide says it once."""
    subject, colon, rest = reason.partition(":")
    named = subject.split(",")[0].strip()
    if colon and rest.strip() and "(" not in subject and named and (
            named.casefold() in topic.casefold() or _says(subject, topic)):
        return capital(rest.strip())
    return reason


def _says(subject: str, topic: str) -> bool:
    """Whether `subject` says `topic` again in more words ("Roles of the plan with
    nobody named" under "Roles with nobody named"): every word of the topic in it."""
    said = _words(topic)
    return len(said) >= 2 and said <= _words(subject)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def without_asides(text: str) -> str:
    """`text` without its parenthesised asides: "the window (9 wk) is too short
    (trainers: 3)." → "the window is too short."."""
    while True:
        shorter = re.sub(r"\s*\([^()]*\)", "", text)
        if shorter == text:
            return text
        text = shorter


def decision_slides(listed: list[tuple[str, str, str]]) -> int:
    """The slides the decisions may take with their reasons: a second one only when
    each then holds `DECISIONS_PER_SLIDE` decisions or more, never more than
    `DECISION_SLIDES` (the writer pages them; more decisions than one slide takes
    continue whatever this says)."""
    return max(1, min(DECISION_SLIDES, len(listed) // DECISIONS_PER_SLIDE))


def decision_notes(analysis: Analysis, listed: list[tuple[str, str, str]]) -> str:
    """The decisions' reasons for the speaker notes: in full while they keep to the
    notes' budget, else each by its first sentence, the longest left out until
    they fit: every decision is named (the report and the plan's deliverables
    say the rest)."""
    def said(reasons: list[str]) -> str:
        return c.reason_notes(analysis, [f"{capital(text)} — {why}" if why else capital(text)
                                         for (_, text, _), why in zip(listed, reasons, strict=True)])

    reasons = [reason for _, _, reason in listed]
    if count_words(said(reasons)) <= NOTES_BUDGET:
        return said(reasons)
    reasons = [first_sentence(reason) for reason in reasons]
    while count_words(said(reasons)) > NOTES_BUDGET and any(reasons):
        longest = max(range(len(reasons)), key=lambda n: count_words(reasons[n]))
        reasons[longest] = ""
    return said(reasons)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def first_sentence(text: str) -> str:
    text = text.strip()
    # the first full stop outside parentheses: "3 cases (Advisers. Managers.)" is one sentence
    cut = next((m for m in re.finditer(r"[.;](\s+)(?=[A-ZÀ-Ý«“])", text)
                if text.count("(", 0, m.start()) == text.count(")", 0, m.start())), None)
    sentence = text[:cut.start()] if cut else text.rstrip(".")
    return sentence[:1].upper() + sentence[1:] + "." if sentence else ""


def slide(analysis: Analysis) -> list[BulletSlide]:
    """The plan's decisions on a slide of their own, titled as every summary counts
    them ("4 decisions await the steering committee"), each with its reason as
    room allows: the summary's last finding, developed (none: no slide)."""
    listed = [(d.kind, topic(analysis, d), d.reason) for d in of(analysis)]
    if not listed:
        return []
    title = c.counted(analysis, "findings.decisions.headline", len(listed)).rstrip(".")
    return [BulletSlide(title, decision_bullets(listed), notes=decision_notes(analysis, listed),
                        counted=len(listed), slides=decision_slides(listed))]
