"""The `playbook` command line.

Each concern registers its commands from its own module; `main()` is the console
entry point and the one place where a `PlaybookError` becomes a message on
stderr and exit status 2 (never a raw traceback).
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="playbook",
    help="CRM change-management playbook: intake, method, deliverables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Registration by import: each module adds its commands to `app`.
from . import intake as _intake  # noqa: E402,F401
from . import render as _render  # noqa: E402,F401
from . import run as _run  # noqa: E402,F401
from . import training as _training  # noqa: E402,F401


def main(argv: list[str] | None = None) -> int:
    from ..errors import PlaybookError

    try:
        status = app(args=argv, standalone_mode=False)
    except PlaybookError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # click usage errors
        return int(exc.code or 0)
    except Exception as exc:  # click.UsageError and friends
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise
    # Without standalone mode, click returns `typer.Exit(code)`'s code instead of exiting.
    return status if isinstance(status, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
