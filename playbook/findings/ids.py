"""Identities derived from what a thing is, never from its position.

An id is a short prefix and four characters of a digest of the parts that make
the thing what it is (a lever and its population, a module, a lot and its
session number...): unchanged engagement, unchanged ids, run after run, and the
same id in every deliverable that names the thing.
"""

from __future__ import annotations

import base64
import hashlib

# Letters that cannot be misread for one another in minutes taken by hand.
_ALPHABET = str.maketrans({"0": "8", "1": "9", "O": "Q", "I": "J"})


def stable_id(prefix: str, *parts: object, length: int = 4) -> str:
    """'D-K7QX' for prefix 'D' and the parts that identify the thing."""
    key = "\x1f".join(str(part).casefold().strip() for part in parts)
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    code = base64.b32encode(digest).decode("ascii")[:length].translate(_ALPHABET)
    return f"{prefix}-{code}"
