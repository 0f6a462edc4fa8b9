"""playbook: a Jupyter-based consulting playbook for CRM change management.

Public API (small on purpose):

    from playbook import load_engagement, load_method
    engagement = load_engagement("client.xlsx")   # or .yaml
    method = load_method()                          # or load_method("firm-method/")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from .intake import load_engagement
    from .method import load_method

__version__ = "0.1.0"

__all__ = ["__version__", "load_engagement", "load_method"]


def __getattr__(name: str) -> Callable[..., object]:
    # Lazy, so `import playbook` stays cheap for the CLI and for kernels.
    if name == "load_engagement":
        from .intake import load_engagement

        return load_engagement
    if name == "load_method":
        from .method import load_method

        return load_method
    raise AttributeError(name)
