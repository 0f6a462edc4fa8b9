"""Running the deliverable notebooks with papermill, for one client or many.

    from playbook.run import run_engagement, run_batch
    result = run_engagement("client.yaml", "deliverables")          # one client
    batch = run_batch(["engagements/"], "deliverables", jobs=2)     # many clients

Notebooks run through papermill with the in-process `WarmEngine`
(`playbook.run.engines`), each client in a process forked from a warm parent;
`kernel=True` falls back to papermill's fresh kernel per notebook.
"""

from __future__ import annotations

__all__ = ["RunResult", "run_batch", "run_engagement"]


def __getattr__(name: str):
    # Lazy: importing papermill's engine registry must not import the whole runner.
    if name in ("run_engagement", "RunResult"):
        from . import execute

        return getattr(execute, name)
    if name == "run_batch":
        from .batch import run_batch

        return run_batch
    raise AttributeError(name)
