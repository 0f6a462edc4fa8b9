"""`playbook` commands: intake (see the module owner)."""

from . import app  # noqa: F401
