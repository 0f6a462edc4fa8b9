"""`playbook` commands: render (see the module owner)."""

from . import app  # noqa: F401
