"""How the command line talks about its own use: help pages and usage errors.

Typer ships its own copy of click (recent releases) or uses click itself
(older ones); its usage errors are instances of whichever copy parsed the
command line, so both are recognised. A usage error becomes one line saying
what was wrong, the command's usage and where to find help — never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from types import MethodType
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

PROG = "playbook"


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


def click_exceptions() -> tuple[type[BaseException], ...]:
    return tuple(module.ClickException for module in _exception_modules())


def usage_errors() -> tuple[type[BaseException], ...]:
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
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    typer.echo(f"error: {message}", err=True)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(f"Try '{ctx.command_path} --help' for every option.", err=True)
    return getattr(exc, "exit_code", 2)


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


def _hide_type(param: Any, ctx: Any = None) -> None:
    return None


class _PlainParams:
    """Help pages without typer's type markers (`<path>`, `<bool>`, `<list[str]>`).

    Each option's help sentence says what it expects; a value placeholder
    (`--out DIR`) is given where it helps, and flags show none.
    """

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = MethodType(_hide_type, param)
            elif param.metavar is None:
                param.metavar = ""
        return params


class PlainCommand(_PlainParams, TyperCommand):
    pass


class PlainGroup(_PlainParams, TyperGroup):
    pass


class PlaybookApp(typer.Typer):
    """A Typer whose commands print plain help pages (see `_PlainParams`)."""

    def command(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        kwargs.setdefault("cls", PlainCommand)
        return super().command(*args, **kwargs)
