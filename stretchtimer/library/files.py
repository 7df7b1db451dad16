"""Provides bounded, error-checked reading of the text files users hand us."""

from __future__ import annotations

import errno
from pathlib import Path

from stretchtimer.core.errors import InputError

MAX_BYTES = 256_000
"""No routine is anywhere near this (the bundled ones are under 1 kB); larger is refused unread."""


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text as UTF-8, or an InputError saying plainly why it cannot be read."""
    try:
        if path.is_dir():
            raise InputError.single(path, "is a directory, not a file")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError.single(path, "no such file") from None
    except PermissionError:
        raise InputError.single(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError.single(path, "too many levels of symbolic links") from None
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError.single(path, f"file is larger than {max_bytes // 1000} kB; refused")
    if b"\x00" in data:
        raise InputError.single(path, "is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.single(path, "is not UTF-8 text", line, col) from None
    return text
