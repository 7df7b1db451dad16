"""Provides the standard streams made safe: any character can be written, a closed or vanished
reader is a clear exit, and whether the full-screen UI can run on them."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TextIO


def prepare() -> str:
    """Make stdout and stderr write any character (what their encoding cannot show is written
    as a backslash escape, never an error). Returns a problem to exit with, or ""."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None or _closed(sys.stdout):
        return "standard output is closed"
    if sys.stderr is None or _closed(sys.stderr):
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  # nowhere to say it; the exit says
        return "standard error is closed"
    return ""


def _closed(stream: TextIO) -> bool:
    """Whether the stream's file descriptor is gone (a stream with none, such as a test's
    capture, is open)."""
    try:
        fd = stream.fileno()
    except (ValueError, OSError, io.UnsupportedOperation):
        return False
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def is_terminal(stream: TextIO | None) -> bool:
    """Whether `stream` is an open terminal."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def full_screen_possible() -> bool:
    """The full-screen UI reads keys from stdin and draws on stdout and stderr (Textual writes
    to stderr): all three must be terminals, and TERM must not be `dumb`."""
    streams = (sys.stdin, sys.stdout, sys.stderr)
    return all(is_terminal(s) for s in streams) and os.environ.get("TERM", "") != "dumb"


def quiet(stream: TextIO) -> None:
    """After the reader of `stream` has gone (`| head -2`): point it at /dev/null, so that the
    interpreter's last flush has nowhere to fail (Python's advice for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
