"""Running the deliverable notebooks with papermill, for one client or many.

    from playbook.run import run_engagement, run_batch
    result = run_engagement("client.yaml", "deliverables")          # one client
    batch = run_batch(["engagements/"], "deliverables", jobs=2)     # many clients

Notebooks run through papermill with the in-process `WarmEngine`
(`playbook.run.engines`), each client in a process forked from a warm parent;
`kernel=True` falls back to papermill's fresh kernel per notebook.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .batch import run_batch
    from .execute import RunResult, run_engagement

# nbformat validates notebooks with jsonschema, which imports `rfc3987_syntax`
# whenever it is installed (JupyterLab's event schemas bring it in) and that
# module compiles a grammar at import: about a second of CPU in every process
# that runs a notebook, for "iri" formats no notebook schema uses. A run never
# needs it, so jsonschema is told it is absent (it then skips those formats).
# (None is Python's documented "no such module" entry; typeshed types the values as modules.)
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

__all__ = ["RunResult", "run_batch", "run_engagement"]


def __getattr__(name: str) -> object:
    # Lazy: importing papermill's engine registry must not import the whole runner.
    if name in ("run_engagement", "RunResult"):
        from . import execute

        return getattr(execute, name)
    if name == "run_batch":
        from .batch import run_batch

        return run_batch
    raise AttributeError(name)
