"""`playbook plan export`: the plan's actions listed in the engagement's
`action_status`, so the consultant only picks done or cancelled before a COPIL.

The engagement file is changed in place, atomically, after the result was read
back as a valid engagement; its previous version is kept in `<name>.versions/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..text import colon, render
from ..text.language import choose_language
from . import app
from .usage import PlainGroup, PlaybookApp

if TYPE_CHECKING:
    from ..analysis.engine import Analysis
    from ..model import Engagement

plan_app = PlaybookApp(cls=PlainGroup, help="help.plan", no_args_is_help=True,
                       add_completion=False)
app.add_typer(plan_app, name="plan")


@plan_app.command("export", help="help.plan.export")
def export_command(
    engagement: Annotated[Path, typer.Argument(help="help.plan.engagement", metavar="ENGAGEMENT")],
    method: Annotated[Path | None, typer.Option("--method", metavar="DIR", help="help.run.method")] = None,
) -> None:
    """Write every planned action into the engagement's `action_status` (exit 2 on errors)."""
    from ..intake import IntakeReport, load_engagement
    from ..intake.action_export import write_action_status
    from ..workbench import plan_ids, planned_actions, unmatched_rows

    console = Console(highlight=False)
    with console.status(escape(render("cli.template.planning", choose_language()))):
        current = load_engagement(engagement, method_dir=method, plan_ids=plan_ids(method))
        lang = choose_language(None, current.language)
        rows, ids = planned_actions(engagement, current, current.language, method)
        kept, where = write_action_status(engagement, rows, current.language, ids)
    planned = [row for row in rows if row.id in set(ids)]
    console.print(escape(render("plan.exported", lang, file=engagement, actions=len(planned),
                                recorded=sum(row.status is not None for row in planned))),
                  soft_wrap=True)
    if len(rows) > len(planned):
        console.print(escape(render("plan.kept_rows", lang, count=len(rows) - len(planned))),
                      soft_wrap=True)
        # The kept rows that carry a date the plan does not have, said one by one.
        written = IntakeReport(current.model_copy(update={"action_status": rows}),
                               action_rows=where, file=str(engagement))
        for problem in unmatched_rows(written, _analysis(current, method), current.language):
            console.print(f"  - {escape(problem.where)}{colon(lang)}{escape(problem.message)}",
                          soft_wrap=True, style="yellow")
    console.print(escape(render("measure.kept", lang, path=kept)), soft_wrap=True)


def _analysis(engagement: Engagement, method: Path | None) -> Analysis:
    """The analysis `planned_actions` computed for `engagement` (kept per content)."""
    from ..analysis.engine import analysed
    from ..method import load_method

    return analysed(engagement, load_method(str(method) if method else None), engagement.language)
