"""Safe file handling shared by every writer: atomic writes and safe names.

A consultant may kill a run the night before a steering committee; the
previous deck must still be there, whole. So nothing is ever written in place:
files are written under a temporary name in the destination folder (same file
system, so the final `os.replace` is atomic) and moved into place complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".~playbook-"

_WINDOWS_RESERVED = {
    "con", "prn", "aux", "nul", "conin$", "conout$",
    # Windows also reserves COM0/LPT0 and the superscript digits (COM¹, LPT³).
    *(f"com{i}" for i in (*"0123456789", "¹", "²", "³")),
    *(f"lpt{i}" for i in (*"0123456789", "¹", "²", "³")),
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


@contextlib.contextmanager
def atomic_path(destination: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `destination`; move it into place on success.

    On any exception the temporary file is removed and `destination` is left
    exactly as it was.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=TEMP_PREFIX, suffix=destination.suffix, dir=destination.parent
    )
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp creates 0600 files; deliverables go to shared folders, so give
    # them the permissions an ordinary file would get under the current umask.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_path, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def atomic_write_bytes(destination: str | Path, data: bytes) -> Path:
    with atomic_path(destination) as tmp:
        tmp.write_bytes(data)
    return Path(destination)


def atomic_write_text(destination: str | Path, text: str) -> Path:
    return atomic_write_bytes(destination, text.encode("utf-8"))


def safe_name(name: str, max_length: int = 80) -> str:
    """A folder/file name derived from client text that is safe on every OS.

    Accents are kept (a French client's folder reads as its name), separators,
    control and reserved characters become "-", invisible format characters
    (bidi overrides such as U+202E, which make a listing lie about a name,
    zero-width spaces) are dropped, no leading dot (no hidden files), no "." or
    "..", no Windows reserved device names.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"-{2,}", "-", text)
    text = text.strip(" .-")
    text = _cut(text, max_length).rstrip(" .-")
    if not text or set(text) <= {"."}:
        text = "client"
    if text.split(".")[0].rstrip(" ").casefold() in _WINDOWS_RESERVED:  # "AUX .txt" is AUX
        text = f"_{text}"
    return text


DIGEST_LENGTH = 8


def unique_name(name: str, max_length: int = 80) -> str:
    """`safe_name(name)`, plus a short digest of the exact name whenever they differ.

    `safe_name` folds many names into one ("Acme/Corp" and "Acme?Corp" both
    give "Acme-Corp"); a folder named after a client must not be shared with
    another client, so a folded name carries the digest of the exact one. A
    name that is already safe stays as it is, so folders read as their client.
    """
    safe = safe_name(name, max_length)
    if safe == name:
        return safe
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_LENGTH]
    stem = _cut(safe, max_length - DIGEST_LENGTH - 1, MAX_NAME_BYTES - DIGEST_LENGTH - 1)
    return f"{stem.rstrip(' .-')}-{digest}"


# File systems count a name's length in bytes (255 on most, 143 on encrypted
# home folders): 80 emoji are 320 bytes. A folder name is cut to fit both.
MAX_NAME_BYTES = 140


def _cut(text: str, max_chars: int, max_bytes: int = MAX_NAME_BYTES) -> str:
    """`text` shortened to `max_chars` characters and `max_bytes` UTF-8 bytes,
    never inside a character."""
    text = text[:max_chars]
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", "ignore")


def inside(root: str | Path, candidate: str | Path) -> Path:
    """Resolve `candidate` and refuse it unless it lies within `root`."""
    root_path = Path(root).resolve()
    path = Path(candidate).resolve()
    if path != root_path and root_path not in path.parents:
        raise ValueError(f"{path} is outside {root_path}")
    return path


class NotRegularFile(OSError):
    """A path that is a folder, a pipe or a device where a file's content is read."""


class TooLarge(OSError):
    """A file larger than what its reader accepts."""


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of `path`, refused unless it is a regular file of at most `limit` bytes.

    A name may be a link to `/dev/zero` or a pipe: checked on the open file
    itself (no race with a swapped name), never read past `limit`.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(f"{path}: larger than {limit} bytes")
    return data


# A spreadsheet opening a CSV evaluates a cell starting with one of these as a
# formula (=HYPERLINK(...) sends data away); tab and carriage return hide one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """`value` as a spreadsheet shows it, never evaluated: text that a
    spreadsheet would take for a formula gets a leading apostrophe (the
    spreadsheet convention for "this is text"); numbers are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
