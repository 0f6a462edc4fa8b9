"""The `playbook` command line.

Each concern registers its commands from its own module; `main()` is the console
entry point and the one place where a `PlaybookError` or a usage error
becomes a message on stderr and exit status 2 (never a raw traceback).
"""

from __future__ import annotations

import sys

from .usage import PROG, PlainGroup, PlaybookApp

app = PlaybookApp(
    cls=PlainGroup,
    name="playbook",
    help="CRM change-management playbook: intake, method, deliverables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Registration by import: each module adds its commands to `app`.
from . import intake as _intake  # noqa: E402,F401
from . import measure as _measure  # noqa: E402,F401
from . import render as _render  # noqa: E402,F401
from . import run as _run  # noqa: E402,F401
from . import training as _training  # noqa: E402,F401


def main(argv: list[str] | None = None) -> int:
    import typer

    from ..errors import PlaybookError
    from ..registry import DELIVERABLES
    from .usage import aborts, click_exceptions, expand_multiple, report_usage_error, usage_errors

    args = expand_multiple(sys.argv[1:] if argv is None else argv, "--only", DELIVERABLES)
    try:
        status = app(args=args, prog_name=PROG, standalone_mode=False)
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
        print("aborted", file=sys.stderr)
        return 1
    # Without standalone mode, click returns `typer.Exit(code)`'s code instead of exiting.
    return status if isinstance(status, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
