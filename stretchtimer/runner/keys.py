"""Provides single keys from a terminal without Enter, for plain mode; other input is never read."""

from __future__ import annotations

import contextlib
import io
import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from stretchtimer.present.streams import is_terminal

try:
    import termios
    import tty

    _HAS_TERMIOS = True
except ImportError:  # no terminal modes here (Windows): every stream is then not a terminal
    _HAS_TERMIOS = False

FOLLOW = 0.1  # how long the rest of an escape sequence or a UTF-8 character may take (ssh)


class KeyReader:
    """Keys from a terminal in cbreak mode (no Enter, no echo), one `read` at a time.

    cbreak keeps ISIG: Ctrl+C still raises KeyboardInterrupt (Ctrl+Z, Ctrl+\\ signal as ever).
    Every change of mode uses TCSAFLUSH: it waits for output to be written, as TCSADRAIN does,
    and also drops keys typed but not read, so a stray key meant for the timer never answers
    a question in `suspend()` nor lands on the shell's prompt after the program ends. Keys
    are read from the file descriptor, never the stream's buffer, so `select` tells the truth."""

    def __init__(
        self, stream: TextIO | None = None, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._stream = stream
        self._sleep = sleep
        self._fd: int | None = None  # where keys are read; None: not a terminal, or it closed
        self._tty: int | None = None  # the terminal whose modes are saved
        self._saved: list[Any] | None = None  # what tcgetattr gave
        self._pushed = b""  # a byte read ahead that belongs to the next key

    @property
    def active(self) -> bool:
        """Whether keys are read (a terminal, not yet closed)."""
        return self._fd is not None

    def __enter__(self) -> KeyReader:
        stream = sys.stdin if self._stream is None else self._stream
        if not _HAS_TERMIOS or not is_terminal(stream):
            return self
        try:
            fd = stream.fileno()
            self._saved, self._tty = termios.tcgetattr(fd), fd
            tty.setcbreak(fd, termios.TCSAFLUSH)  # ICANON and ECHO off; ISIG stays
            self._fd = fd
        except (OSError, ValueError, termios.error):
            self.restore()
        return self

    def __exit__(self, *exception: object) -> None:
        self.restore()  # by any road out: a return, an exception, Ctrl+C, a signal's handler

    def restore(self) -> None:
        """Put the terminal's saved modes back and stop reading; safe to call again."""
        self._fd = None
        if self._saved is not None and self._tty is not None:
            with contextlib.suppress(OSError, termios.error):  # a vanished terminal
                termios.tcsetattr(self._tty, termios.TCSAFLUSH, self._saved)
        self._tty = self._saved = None  # cleared after: an interrupted restore can be redone

    @contextlib.contextmanager
    def suspend(self) -> Iterator[None]:
        """The terminal's own (cooked) modes inside, for a question answered with Enter."""
        if self._fd is None or self._saved is None:
            yield
            return
        fd = self._fd
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSAFLUSH, self._saved)
        try:
            yield
        finally:
            if self._fd == fd:
                with contextlib.suppress(OSError, termios.error):
                    tty.setcbreak(fd, termios.TCSAFLUSH)

    def read(self, timeout: float) -> str | None:
        """One key within `timeout` seconds: a character as typed, " ", "\\n" for Enter,
        "right", "left", "escape", "eof" once when the terminal closes; None when none came,
        or for a key sequence of no meaning here (read whole). Not a terminal: sleeps."""
        if self._fd is None:
            self._sleep(timeout)
            return None
        first = self._byte(timeout)
        if first is None:
            return None
        if not first:
            self._fd = None
            return "eof"
        if first == b"\x1b":
            return self._escape()
        if first in (b"\r", b"\n"):
            return "\n"
        return self._character(first)

    def _byte(self, timeout: float) -> bytes | None:
        """One byte within `timeout` (b"" at end of file), or None."""
        if self._pushed:
            byte, self._pushed = self._pushed, b""
            return byte
        if self._fd is None or not select.select([self._fd], [], [], timeout)[0]:
            return None
        try:
            return os.read(self._fd, 1)
        except OSError:  # EIO: the terminal hung up
            return b""

    def _escape(self) -> str | None:
        """After ESC: an arrow, another sequence (None), or a lone ESC."""
        kind = self._byte(FOLLOW)
        if kind not in (b"[", b"O"):
            self._pushed = kind or b""  # Alt+x arrives as ESC x: the x is the next key
            return "escape"
        body = ""
        while len(body) < 16:
            byte = self._byte(FOLLOW)
            if not byte:
                return None
            body += byte.decode("latin-1")
            if kind == b"O" or "@" <= body[-1] <= "~":  # SS3 takes one byte; CSI ends so
                break
        return {"C": "right", "D": "left"}.get(body)

    def _character(self, first: bytes) -> str:
        """The character that `first` begins, its UTF-8 continuation bytes read whole."""
        lead = first[0]
        more = 3 if lead >= 0xF0 else 2 if lead >= 0xE0 else 1 if lead >= 0xC0 else 0
        data = first
        for _ in range(more):
            byte = self._byte(FOLLOW)
            if not byte or not 0x80 <= byte[0] <= 0xBF:
                self._pushed = byte or b""
                break
            data += byte
        return data.decode("utf-8", errors="replace")


def no_keys(sleep: Callable[[float], None] = time.sleep) -> KeyReader:
    """A key reader that reads nothing: each wait is only slept (no terminal to read)."""
    return KeyReader(io.StringIO(), sleep=sleep)
