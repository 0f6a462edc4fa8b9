"""`playbook` commands: run (see the module owner)."""

from . import app  # noqa: F401
