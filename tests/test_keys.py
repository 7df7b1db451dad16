"""Tests single keys through a real pseudo-terminal: cbreak in, the exact modes back out."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TextIO

import pytest

termios = pytest.importorskip("termios")

from stretchtimer.runner import keys  # noqa: E402
from stretchtimer.runner.keys import KeyReader  # noqa: E402

ROOM = 5.0  # how long a key already written may take to arrive, on a busy machine


@dataclass
class Terminal:
    """Both ends of a pseudo-terminal: the test types on `master`, the reader reads `keys`."""

    master: int
    keys: TextIO

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def modes(self) -> list[object]:
        return list(termios.tcgetattr(self.keys.fileno()))

    def shown(self) -> bool:
        """Whether the terminal has written anything back (an echo) to the master side."""
        return bool(select.select([self.master], [], [], 0.05)[0])


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    master, slave = os.openpty()
    with open(slave, encoding="utf-8") as stream:
        yield Terminal(master, stream)
    with contextlib.suppress(OSError):  # a test may have closed it
        os.close(master)


def flags(modes: list[object]) -> int:
    local = modes[3]
    assert isinstance(local, int)
    return local


def test_keys_arrive_one_at_a_time_without_enter_and_unechoed(terminal: Terminal) -> None:
    with KeyReader(terminal.keys) as reader:
        assert reader.active
        assert flags(terminal.modes()) & (termios.ICANON | termios.ECHO) == 0
        assert flags(terminal.modes()) & termios.ISIG  # Ctrl+C still interrupts
        terminal.type(b"n")
        assert reader.read(ROOM) == "n"
        terminal.type(b" pxqmvzksN")
        assert [reader.read(ROOM) for _ in range(10)] == [*" pxqmvzksN"]
        terminal.type(b"\r")
        assert reader.read(ROOM) == "\n"
        terminal.type(b"\n")
        assert reader.read(ROOM) == "\n"
        assert not terminal.shown()


def test_arrows_escape_and_other_sequences_decode(terminal: Terminal) -> None:
    with KeyReader(terminal.keys) as reader:
        terminal.type(b"\x1b[C\x1b[D\x1bOC\x1bOD")
        assert [reader.read(ROOM) for _ in range(4)] == ["right", "left", "right", "left"]
        terminal.type(b"\x1b")
        assert reader.read(ROOM) == "escape"
        terminal.type(b"\x1bq")  # Alt+q, or ESC then q: both keys
        assert [reader.read(ROOM), reader.read(ROOM)] == ["escape", "q"]
        terminal.type(b"\x1b[1;5A\x1b[3~x")  # Ctrl+Up and Delete are read whole and mean nothing
        assert [reader.read(ROOM) for _ in range(3)] == [None, None, "x"]


def test_multibyte_characters_decode_whole(terminal: Terminal) -> None:
    with KeyReader(terminal.keys) as reader:
        terminal.type("é€🙂a".encode())
        assert [reader.read(ROOM) for _ in range(4)] == ["é", "€", "🙂", "a"]
        terminal.type(b"\xc3x")  # a broken character: replaced, and the next key kept
        assert [reader.read(ROOM), reader.read(ROOM)] == ["\ufffd", "x"]


def test_no_key_is_none_after_the_timeout(terminal: Terminal) -> None:
    with KeyReader(terminal.keys) as reader:
        start = time.monotonic()
        assert reader.read(0.05) is None
        assert 0.04 <= time.monotonic() - start < ROOM


def test_the_modes_come_back_exactly(terminal: Terminal) -> None:
    before = terminal.modes()
    with KeyReader(terminal.keys) as reader:
        assert terminal.modes() != before
    assert terminal.modes() == before and not reader.active
    reader.restore()  # again: nothing changes
    reader.__exit__(None, None, None)
    assert terminal.modes() == before


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_the_modes_come_back_when_the_block_raises(
    terminal: Terminal, error: type[BaseException]
) -> None:
    before = terminal.modes()
    with pytest.raises(error), KeyReader(terminal.keys):
        raise error
    assert terminal.modes() == before


def test_the_modes_come_back_when_a_signal_handler_raises_mid_read(terminal: Terminal) -> None:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("the alarm")

    before = terminal.modes()
    old = signal.signal(signal.SIGALRM, alarm)
    try:
        with pytest.raises(TimeoutError), KeyReader(terminal.keys) as reader:
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            reader.read(ROOM)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert terminal.modes() == before


def test_suspend_is_the_cooked_mode_for_a_question(terminal: Terminal) -> None:
    before = terminal.modes()
    with KeyReader(terminal.keys) as reader:
        with reader.suspend():
            assert terminal.modes() == before
            terminal.type(b"7")
            assert not select.select([terminal.keys], [], [], 0.05)[0]  # waits for Enter
            terminal.type(b"\n")
            assert select.select([terminal.keys], [], [], ROOM)[0]
            assert terminal.keys.readline() == "7\n"
        assert flags(terminal.modes()) & (termios.ICANON | termios.ECHO) == 0
        terminal.type(b"p")
        assert reader.read(ROOM) == "p"
    assert terminal.modes() == before


def test_eof_once_when_the_terminal_closes(terminal: Terminal) -> None:
    naps: list[float] = []
    with KeyReader(terminal.keys, sleep=naps.append) as reader:
        os.close(terminal.master)
        assert reader.read(ROOM) == "eof"
        assert not reader.active
        assert reader.read(1.0) is None and naps == [1.0]


def test_a_pipe_is_never_read() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"q\n")
    naps: list[float] = []
    with open(read_end, encoding="utf-8") as stream:
        with KeyReader(stream, sleep=naps.append) as reader:
            assert not reader.active
            assert reader.read(3.0) is None
            with reader.suspend():
                pass
        assert naps == [3.0]
        assert select.select([read_end], [], [], ROOM)[0]
        assert os.read(read_end, 10) == b"q\n"
    os.close(write_end)


@pytest.mark.parametrize("stream", [io.StringIO("q\n"), None])
def test_other_input_is_not_a_terminal(stream: TextIO | None) -> None:
    naps: list[float] = []
    with open(os.devnull, encoding="utf-8") as null:
        reader = KeyReader(stream or null, sleep=naps.append)
        with reader:
            assert not reader.active and reader.read(0.5) is None
    assert naps == [0.5]


def test_without_termios_every_stream_is_not_a_terminal(
    terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "termios", None)
    monkeypatch.setitem(sys.modules, "tty", None)
    spec = importlib.util.spec_from_file_location("keys_without_termios", keys.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = terminal.modes()
    naps: list[float] = []
    with module.KeyReader(terminal.keys, sleep=naps.append) as reader:
        assert not reader.active and reader.read(0.25) is None
        assert terminal.modes() == before
    assert naps == [0.25]


CHILD = """
import fcntl, signal, sys, termios
from stretchtimer.runner.keys import KeyReader
signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # the terminal's own session, so ctrl+c signals us
before = termios.tcgetattr(0)
try:
    with KeyReader() as reader:
        print("ready", reader.active, flush=True)
        print("read", reader.read(60), flush=True)
except KeyboardInterrupt:
    print("interrupted", termios.tcgetattr(0) == before, flush=True)
"""


def test_ctrl_c_in_cbreak_mode_is_a_keyboard_interrupt(terminal: Terminal) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdin=terminal.keys,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert child.stdout is not None
        assert select.select([child.stdout], [], [], 30)[0], "the child never started"
        assert child.stdout.readline() == "ready True\n"
        terminal.type(b"\x03")
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait()
    assert out == "interrupted True\n", err
