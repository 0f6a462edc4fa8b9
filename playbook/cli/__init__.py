"""The `playbook` command line.

Each concern registers its commands from its own module; `main()` is the console
entry point and the one place where a `PlaybookError` or a usage error
becomes a message on stderr and exit status 2 (never a raw traceback).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .usage import PROG, PlainGroup, PlaybookApp

app = PlaybookApp(
    cls=PlainGroup,
    name="playbook",
    help="help.app",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"playbook {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version, help="help.version_option")] = False,
) -> None:
    pass

# Registration by import: each module adds its commands to `app`.
from . import intake as _intake  # noqa: E402,F401
from . import lab as _lab  # noqa: E402,F401
from . import measure as _measure  # noqa: E402,F401
from . import plan as _plan  # noqa: E402,F401
from . import render as _render  # noqa: E402,F401
from . import run as _run  # noqa: E402,F401
from . import training as _training  # noqa: E402,F401


def main(argv: list[str] | None = None) -> int:
    import typer
    from typer.main import get_command

    from ..errors import PlaybookError
    from ..registry import DELIVERABLES
    from ..text import render
    from ..text.language import choose_language
    from .usage import (
        aborts,
        click_exceptions,
        expand_multiple,
        report_usage_error,
        speak,
        told_language,
        usage_errors,
    )

    args = expand_multiple(sys.argv[1:] if argv is None else argv, "--only", DELIVERABLES)
    lang = choose_language(told_language(args))
    try:
        command = speak(get_command(app), lang)
        status = command.main(args=args, prog_name=PROG, standalone_mode=False)
    except PlaybookError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except usage_errors() as exc:
        return report_usage_error(exc, app, args)
    except click_exceptions() as exc:
        exc.show()
        return exc.exit_code
    except aborts():  # Ctrl-C at a prompt
        print(render("cli.aborted", lang), file=sys.stderr)
        return 1
    # Without standalone mode, click returns `typer.Exit(code)`'s code instead of exiting.
    return status if isinstance(status, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
