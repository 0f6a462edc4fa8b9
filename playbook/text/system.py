"""What the system said of a file it could not write or read, in the consultant's language."""

from __future__ import annotations

import errno

from .messages import catalogue, render


def system_said(error: OSError, lang: str) -> str:
    """The reason of `error` in `lang` for the common causes (a full disk, a
    read-only folder, a file where a folder goes: `os.<code>` messages), else
    in the system's own words."""
    code = f"os.{errno.errorcode.get(error.errno or 0, '')}"
    if code in catalogue():
        return render(code, lang)
    return error.strerror or str(error)
