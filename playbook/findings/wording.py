"""The one way each kind of fact is printed, shared by every deliverable.

An amount in a sentence is printed from the fact's `shown` value, a rate
exactly as the engagement gives it, days as `rounded_days` prints them: two
deliverables printing the same fact print the same characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import grammar
from ..text.typography import format_currency, format_number, format_percent
from .records import INTERNAL_TIME, Budget

if TYPE_CHECKING:
    from ..method import Method


def money(amount: float, lang: str, currency: str) -> str:
    """An amount rounded for display: '545 000 €' / '£545,000'."""
    return format_currency(grammar.rounded_money(amount), lang, currency)


def exact_money(amount: float, lang: str, currency: str) -> str:
    """A unit rate as the engagement gives it: '850 €' stays 850, never 900."""
    return format_currency(amount, lang, currency)


def days(value: float, lang: str) -> str:
    """Days for display: whole days, half days under ten (see `rounded_days`)."""
    shown, decimals = grammar.rounded_days(value)
    return format_number(shown, lang, decimals)


def shown_days(value: float, lang: str) -> str:
    """Days already rounded by the findings (a half day keeps its decimal)."""
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def budget_sentence(budget: Budget, method: Method, lang: str) -> str:
    """The plan's cash against the change-and-training budget, internal time beside
    it (empty: the engagement gives no budget)."""
    if budget.envelope is None:
        return ""
    currency = budget.currency
    envelope = money(budget.envelope, lang, currency)
    if budget.cash is None or budget.cash_shown is None:
        return ""  # no rate to cost the plan with: a note for the consultant (`not_costed_note`)
    trainers = budget.line("trainers")
    values = {
        "budget": envelope,
        "cash": money(budget.cash_shown, lang, currency),
        "trainer_days": shown_days(trainers.shown_days, lang),
        "trainer_rate": exact_money(trainers.rate or 0.0, lang, currency),
        "gap": money(abs(budget.cash_shown - grammar.rounded_money(budget.envelope)), lang, currency),
        "over": format_percent((budget.cash - budget.envelope) / budget.envelope, lang)
        if budget.envelope else "",
    }
    key = "findings.budget.exceeded" if budget.overrun is not None else "findings.budget.within"
    sentence = method.text(key, lang, **values)
    internal = internal_sentence(budget, method, lang)
    return f"{sentence} {internal}" if internal else sentence


def not_costed_note(budget: Budget, method: Method, lang: str) -> str:
    """For the consultant (review notebook), never in a deliverable: a budget is set
    but the plan cannot be costed without a trainer-day rate ('' otherwise)."""
    if budget.envelope is None or budget.costed:
        return ""
    return method.text("findings.budget.not_costed", lang,
                       budget=money(budget.envelope, lang, budget.currency))


def internal_sentence(budget: Budget, method: Method, lang: str) -> str:
    """'Internal time, not counted in that budget: 1 234 days (…), valued at …'."""
    lines = budget.of(INTERNAL_TIME)
    if not any(line.days for line in lines):
        return ""
    currency = budget.currency
    detail = method.text("findings.budget.separator", lang).join(
        method.text(f"findings.budget.lines.{line.code}", lang, days=shown_days(line.shown_days, lang))
        for line in lines if line.shown_days)
    total = shown_days(budget.internal_days, lang)
    if budget.internal_shown is None:
        return method.text("findings.budget.internal_days", lang, days=total, detail=detail)
    return method.text("findings.budget.internal_valued", lang, days=total, detail=detail,
                       value=money(budget.internal_shown, lang, currency),
                       rate=exact_money(lines[0].rate or 0.0, lang, currency))


