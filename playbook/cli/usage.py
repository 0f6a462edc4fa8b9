"""How the command line talks about its own use: help pages and usage errors.

Typer ships its own copy of click (recent releases) or uses click itself
(older ones); its usage errors are instances of whichever copy parsed the
command line, so both are recognised. A usage error becomes one line saying
what was wrong, the command's usage and where to find help — never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from types import MethodType
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from ..text import render
from ..text.messages import catalogue

PROG = "playbook"

# The commands in the order of an engagement: fill, check, produce, look,
# steer after go-live; then many clients, the firm's templates, training.
ORDER = ("intake-template", "validate", "run", "lab", "plan", "measure", "batch",
         "check-layout", "check-text", "check-templates", "render-specimen", "handbook",
         "training")

# The language of this invocation's help pages and usage errors (set by `speak`).
_LANG = ["en"]

if TYPE_CHECKING:
    # The two copies of click typer may raise from (its own, or click itself).
    import click.exceptions as click_errors
    import typer._click.exceptions as typer_click_errors

    ClickError = typer_click_errors.ClickException | click_errors.ClickException
    UsageError = typer_click_errors.UsageError | click_errors.UsageError


def _exception_modules() -> list[Any]:
    """The exception modules of every click the installed typer may raise from."""
    modules = [sys.modules[typer.BadParameter.__module__]]
    try:
        import click.exceptions
    except ImportError:  # pragma: no cover - typer without click
        return modules
    if click.exceptions not in modules:
        modules.append(click.exceptions)
    return modules


def click_exceptions() -> tuple[type[ClickError], ...]:
    return tuple(module.ClickException for module in _exception_modules())


def usage_errors() -> tuple[type[UsageError], ...]:
    return tuple(module.UsageError for module in _exception_modules())


def aborts() -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = [typer.Abort]
    for module in _exception_modules():
        if getattr(module, "Abort", None) is not None:
            found.append(module.Abort)
    return tuple(found)


def report_usage_error(exc: Exception, app: typer.Typer, args: list[str]) -> int:
    """Print what was wrong, the usage of the command concerned and the help hint."""
    ctx = getattr(exc, "ctx", None) or _context_of(app, args)
    if type(exc).__name__ == "NoArgsIsHelpError":
        # `playbook` alone: the help page is the useful answer, not an error. With
        # rich, typer printed it while building the exception; otherwise it is the message.
        text = exc.format_message() if hasattr(exc, "format_message") else ""
        if text.strip():
            typer.echo(text)
        return 0
    message = _worded(exc, _LANG[0])
    typer.echo(render("cli.usage_error", _LANG[0], message=message), err=True)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(render("cli.try_help", _LANG[0], command=ctx.command_path), err=True)
    return getattr(exc, "exit_code", 2)


def _worded(exc: Exception, lang: str) -> str:
    """Click's usage error in `lang`: the common kinds are coded messages; any
    other keeps click's own sentence."""
    english = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    try:
        return _coded(exc, english, lang) or english
    except Exception:  # noqa: BLE001 - a click without these fields: its own words
        return english


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "option" and param.opts:
        return str(param.opts[0])
    return str(param.metavar or param.name or "").upper()


def _coded(exc: Exception, english: str, lang: str) -> str | None:
    import re

    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        return render("cli.usage.no_such_option", lang, option=getattr(exc, "option_name", ""))
    if kind == "MissingParameter":
        what = getattr(param, "param_type_name", "") or "argument"
        return render("cli.usage.missing", lang, what=what, name=_param_name(param))
    command = re.fullmatch(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", english)
    if command:
        text = render("cli.usage.no_such_command", lang, command=command.group(1))
        if command.group(2):
            text += render("cli.usage.did_you_mean", lang, name=command.group(2))
        return text
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", english)
    if extra:
        return render("cli.usage.extra", lang, args=extra.group(1))
    needs = re.fullmatch(r"Option '(.+?)' requires an argument\.", english)
    if needs:
        return render("cli.usage.needs_value", lang, option=needs.group(1))
    if kind == "BadParameter" and param is not None:
        detail = re.sub(r"^Value error, ", "", english.split(": ", 1)[-1])
        if detail.startswith("Input should be a valid integer"):
            detail = render("cli.usage.not_integer", lang)
        choice = re.fullmatch(r"(.+?) is not one of (.+?)\.?", detail)
        if choice:
            detail = render("cli.usage.not_one_of", lang, value=choice.group(1),
                            choices=choice.group(2))
        return render("cli.usage.bad_value", lang, name=_param_name(param), detail=detail)
    return None


def _context_of(app: typer.Typer, args: list[str]) -> Any:
    """The context of the command named in `args` (some errors are raised without one)."""
    group = typer.main.get_command(app)
    root = group.make_context(PROG, [], resilient_parsing=True)
    for token in args:
        command = getattr(group, "commands", {}).get(token)
        if command is not None:
            return command.make_context(token, [], parent=root, resilient_parsing=True)
    return root


def expand_multiple(argv: Iterable[str], option: str, values: Iterable[str]) -> list[str]:
    """`--only a b` as the README writes it, turned into click's `--only a --only b`.

    Only known values are taken after the flag's own value, so an argument
    written after `--only x` (`--only framing_note client.xlsx`) stays positional.
    """
    known = set(values)
    out: list[str] = []
    state = "outside"  # "value" (the flag's own value comes next) or "more"
    for token in argv:
        if state == "more" and token in known:
            out += [option, token]
            continue
        out.append(token)
        if state == "value":
            state = "more"
        elif token == option:
            state = "value"
        elif token.startswith(option + "="):
            state = "more"
        else:
            state = "outside"
    return out


def told_language(args: list[str]) -> str | None:
    """The `--lang` of the command line, when one was given (`--lang fr`, `--lang=fr`)."""
    for index, token in enumerate(args):
        if token == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if token.startswith("--lang="):
            return token.split("=", 1)[1]
    return None


def speak(command: Any, lang: str) -> Any:
    """`command` (the click tree of the app) with its help in `lang`.

    Help texts in the code are message codes (`help.run.only`); they are worded
    here from `playbook/text/data/messages.yaml`, as are the help pages' own
    words (panel titles, "[required]"), so `--help` speaks the consultant's
    language like every other message.
    """
    import typer.rich_utils as rich_utils

    from ..registry import DELIVERABLES

    _LANG[0] = lang
    for name, code in (("ARGUMENTS_PANEL_TITLE", "help.panel.arguments"),
                       ("OPTIONS_PANEL_TITLE", "help.panel.options"),
                       ("COMMANDS_PANEL_TITLE", "help.panel.commands"),
                       ("DEFAULT_STRING", "help.default"),
                       ("REQUIRED_LONG_STRING", "help.required")):
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, catalogue()[code][lang])
    words = catalogue()
    deliverables = ", ".join(DELIVERABLES)

    def said(text: str | None) -> str | None:
        if text and text in words:
            return render(text, lang, deliverables=deliverables)
        return text

    def walk(node: Any) -> None:
        node.help = said(node.help)
        node.short_help = said(node.short_help)
        node.epilog = render("help.exit_codes", lang)
        for param in node.params:
            param.help = said(getattr(param, "help", None))
        for child in getattr(node, "commands", {}).values():
            walk(child)

    walk(command)
    return command


def _hide_type(param: Any, ctx: Any = None) -> None:
    return None


class _PlainParams:
    """Help pages without typer's type markers (`<path>`, `<bool>`, `<list[str]>`).

    Each option's help sentence says what it expects; a value placeholder
    (`--out DIR`) is given where it helps, and flags show none.
    """

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if param.name == "help":  # click's own option, worded in English
                param.help = render("help.help_option", _LANG[0])
            if isinstance(param, TyperArgument):
                # One argument's method replaced, not typer's class for every program.
                setattr(param, "display_type_rich", MethodType(_hide_type, param))  # noqa: B010
            elif param.metavar is None:
                param.metavar = ""
        return params


class PlainCommand(_PlainParams, TyperCommand):
    pass


class PlainGroup(_PlainParams, TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        """The commands in the order of an engagement (`ORDER`), then any other."""
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(ORDER)), names.index(name)))


class PlaybookApp(typer.Typer):
    """A Typer whose commands print plain help pages (see `_PlainParams`)."""

    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", PlainCommand)
        return super().command(*args, **kwargs)
