"""The one way each kind of fact is printed, shared by every deliverable.

An amount in a sentence is printed from the fact's `shown` value, a rate
exactly as the engagement gives it, days as `rounded_days` prints them: two
deliverables printing the same fact print the same characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import grammar
from ..text.typography import format_currency, format_number, format_percent
from .records import CASH, INTERNAL_TIME, PARTNER_TIME, Budget, CostLine

if TYPE_CHECKING:
    from ..method import Method


def money(amount: float, lang: str, currency: str) -> str:
    """An amount rounded for display: '545 000 €' / '£545,000'."""
    return format_currency(grammar.rounded_money(amount), lang, currency)


def exact_money(amount: float, lang: str, currency: str) -> str:
    """A unit rate as the engagement gives it: '850 €' stays 850, never 900."""
    return format_currency(amount, lang, currency)


def shown_money(amount: float, lang: str, currency: str) -> str:
    """An amount the findings already rounded (`Budget.cash_shown`, a line's `shown`):
    printed as it is, so its parts still add up to it on the page."""
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
    it, against the days the client agreed to give (empty: the engagement gives
    neither budget)."""
    said = [cash_sentence(budget, method, lang)] if budget.envelope is not None else []
    if budget.envelope is not None and not said[0]:
        return ""  # no rate to cost the plan with: a note for the consultant (`not_costed_note`)
    if budget.envelope is not None or budget.internal_budget is not None:
        said += [internal_sentence(budget, method, lang), partner_sentence(budget, method, lang)]
    return " ".join(part for part in said if part)


def cash_sentence(budget: Budget, method: Method, lang: str) -> str:
    """'Change-and-training budget exceeded by …: … of spending computed by the plan
    (trainers: … days at … a day, …; …)' ('' without a budget or a cost)."""
    if budget.envelope is None or budget.cash is None or budget.cash_shown is None:
        return ""
    currency = budget.currency
    values = {
        "budget": money(budget.envelope, lang, currency),
        "cash": shown_money(budget.cash_shown, lang, currency),
        "detail": method.text("findings.budget.separator", lang).join(
            cash_line(line, budget, method, lang) for line in budget.of(CASH)),
        "gap": shown_money(abs(budget.cash_shown - grammar.rounded_money(budget.envelope)), lang,
                           currency),
        "over": format_percent((budget.cash - budget.envelope) / budget.envelope, lang)
        if budget.envelope else "",
    }
    key = "findings.budget.exceeded" if budget.overrun is not None else "findings.budget.within"
    return method.text(key, lang, **values)


def cash_line(line: CostLine, budget: Budget, method: Method, lang: str) -> str:
    """One cash line as every deliverable prints it: its days at its rate as given,
    and its amount as rounded with its siblings."""
    currency = budget.currency
    amount = (shown_money(line.shown, lang, currency) if line.shown is not None
              else money(line.amount or 0.0, lang, currency))
    return method.text(f"findings.budget.cash_lines.{line.code}", lang, amount=amount,
                       days=shown_days(line.shown_days, lang),
                       rate=exact_money(line.rate or 0.0, lang, currency))


def not_costed_note(budget: Budget, method: Method, lang: str) -> str:
    """For the consultant (review notebook), never in a deliverable: a budget is set
    but the plan cannot be costed without a trainer-day rate ('' otherwise)."""
    if budget.envelope is None or budget.costed:
        return ""
    return method.text("findings.budget.not_costed", lang,
                       budget=money(budget.envelope, lang, budget.currency))


def partner_sentence(budget: Budget, method: Method, lang: str) -> str:
    """'Training time of staff other companies employ (…) is not counted: …' ('' without)."""
    lines = budget.of(PARTNER_TIME)
    if not lines or not budget.partners:
        return ""
    return method.text("findings.budget.partner_time", lang,
                       days=shown_days(sum(line.shown_days for line in lines), lang),
                       populations=", ".join(budget.partners))


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
        said = method.text("findings.budget.internal_days", lang, days=total, detail=detail)
    else:
        said = method.text("findings.budget.internal_valued", lang, days=total, detail=detail,
                           value=money(budget.internal_shown, lang, currency),
                           rate=exact_money(lines[0].rate or 0.0, lang, currency))
    if budget.internal_budget is None:
        return said
    agreed = shown_days(budget.internal_budget, lang)
    over = budget.internal_overrun
    compared = (method.text("findings.budget.internal_over", lang, agreed=agreed,
                            gap=shown_days(over, lang)) if over is not None
                else method.text("findings.budget.internal_within", lang, agreed=agreed))
    return f"{said} {compared}"


