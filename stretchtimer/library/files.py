"""Provides bounded, error-checked reading of the text files users hand us, and only of
regular files: a FIFO, a device or a socket is refused before it can make us wait."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, TypeGuard

from stretchtimer.core.errors import InputError

MAX_BYTES = 256_000
"""No routine is anywhere near this (the bundled ones are under 1 kB); larger is refused unread."""
NOT_REGULAR = "not a regular file"
IS_DIRECTORY = "is a directory, not a file"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # never wait for a FIFO's writer or a device's carrier
    | getattr(os, "O_NOCTTY", 0)  # nor adopt a terminal
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: the bytes as they are
)


class NotRegularFile(OSError):
    """The path is there but is no regular file: a directory, a FIFO, a device, a socket."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.EINVAL, why, str(path))
        self.why = why


def _refuse_unless_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise NotRegularFile(path, IS_DIRECTORY)
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, NOT_REGULAR)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading in binary, if it is a regular file (NotRegularFile if not;
    other OSErrors as open raises them). Checked before opening, so a device is never opened,
    and again on the open file, so a FIFO swapped in between cannot block: the open does not
    wait for a writer and the read is never made."""
    _refuse_unless_regular(path, os.stat(path).st_mode)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of the file, or an InputError saying why not."""
    try:
        with open_regular(path) as fh:
            return fh.read(max_bytes + 1)
    except NotRegularFile as exc:
        raise InputError.single(path, exc.why) from None
    except FileNotFoundError:
        raise InputError.single(path, "no such file") from None
    except PermissionError:
        raise InputError.single(path, "permission denied") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise InputError.single(path, "no such file (the name holds a NUL)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError.single(path, "too many levels of symbolic links") from None
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text as UTF-8, or an InputError saying plainly why it cannot be read."""
    data = _read_bytes(path, max_bytes)
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


def is_regular(st: os.stat_result | None) -> TypeGuard[os.stat_result]:
    """Whether a stat result (None: none could be made) is a regular file's: only those may
    come from a cache, all else goes to read_text, which says what it is."""
    return st is not None and stat.S_ISREG(st.st_mode)
