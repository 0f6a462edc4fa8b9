"""`playbook` commands: training (see the module owner)."""

from . import app  # noqa: F401
