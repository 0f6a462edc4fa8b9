"""Identities derived from what a thing is, never from its position.

An id is a one-letter prefix and four characters of a digest of the parts that make
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
    """'DK7QX' for prefix 'D' and the parts that identify the thing: as short as
    a rank ('A013'), so a list of ids reads as easily."""
    key = "\x1f".join(str(part).casefold().strip() for part in parts)
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    code = base64.b32encode(digest).decode("ascii")[:length].translate(_ALPHABET)
    return f"{prefix}{code}"


def unique_ids(prefix: str, keys: list[tuple[object, ...]]) -> list[str]:
    """`stable_id` of each key (distinct keys), longer for the rare keys whose
    short ids collide, so that no two things of one engagement share an id."""
    ids = [stable_id(prefix, *key) for key in keys]
    seen: dict[str, int] = {}
    for value in ids:
        seen[value] = seen.get(value, 0) + 1
    return [stable_id(prefix, *key, length=10) if seen[value] > 1 else value
            for key, value in zip(keys, ids, strict=True)]
