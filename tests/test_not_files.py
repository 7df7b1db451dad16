"""Tests that files that are not files (a FIFO, a device, a socket) in the user's folders, as
settings.yaml or named on the command line are refused at once, `PATH: not a regular file`
and exit 2, never read into a hang: every run has a watchdog, so a hang fails, never waits."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from clihelp import cli

from stretchtimer.core.errors import InputError
from stretchtimer.library import files, paths

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

LIMIT = 10.0
"""Seconds a command may take before the test says it hung (each takes well under one)."""
T = TypeVar("T")


def _release(fifo: Path) -> None:
    """Open a FIFO for writing and close it, so a reader stuck on it sees its end."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def within(call: Callable[[], T], fifos: tuple[Path, ...] = ()) -> T:
    """call(), failing the test if it has not returned in LIMIT seconds (then any FIFO it may
    be stuck on is released, so the thread ends and the suite goes on)."""
    box: list[T] = []
    raised: list[BaseException] = []

    def target() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # handed to the test's own thread
            raised.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(LIMIT)
    if worker.is_alive():
        for fifo in fifos:
            _release(fifo)
        worker.join(5)
        pytest.fail(f"still waiting after {LIMIT:.0f} s: it read a file that is not a file")
    if raised:
        raise raised[0]
    return box[0]


def run(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], *fifos: Path
) -> tuple[int, str, str, float]:
    """`stretchtimer ARGV` in this process, under the watchdog: (code, stdout, stderr, seconds)."""
    started = time.monotonic()
    code, out, err = within(lambda: cli(monkeypatch, argv), fifos)
    return code, out, err, time.monotonic() - started


def fifo(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    os.mkfifo(path)
    return path


@pytest.fixture
def sock(tmp_path: Path) -> Iterator[Path]:
    """A listening UNIX socket in the routines folder, as `sock.yaml`."""
    folder = paths.user_dir("routines")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sock.yaml"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    except OSError:  # a path too long for a socket address
        server.close()
        pytest.skip("no socket at this path")
    server.listen(1)
    yield path
    server.close()


def refused(err: str, path: Path | str) -> bool:
    """Whether stderr is exactly the one line naming the file."""
    return err.splitlines() == [f"{path}: not a regular file"]


def test_a_fifo_in_the_routines_folder_is_listed_as_broken_not_waited_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`list` with a FIFO among the routines: it says so in one line, lists the others, exit 2."""
    pipe = fifo(paths.user_dir("routines"), "pipe.yaml")
    code, out, err, took = run(monkeypatch, ["list"], pipe)
    assert code == 2 and refused(err, pipe), err
    assert "quick-relief" in out and "morning" in out and "pipe" in out
    assert took < LIMIT


def test_a_socket_in_the_routines_folder_is_refused(
    sock: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err, _ = run(monkeypatch, ["list"])
    assert code == 2 and refused(err, sock) and "quick-relief" in out


def test_a_fifo_as_an_article_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article that is a FIFO: `list` and `show` refuse it, `check` names it."""
    pipe = fifo(paths.user_dir("content"), "pipe.md")
    code, out, err, _ = run(monkeypatch, ["list"], pipe)
    assert code == 2 and refused(err, pipe) and "cat-cow" in out
    code, _, err, _ = run(monkeypatch, ["show", "pipe"], pipe)
    assert code == 2 and refused(err, pipe)
    code, _, err, _ = run(monkeypatch, ["check", str(pipe)], pipe)
    assert code == 2 and refused(err, pipe)


def test_a_fifo_as_settings_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """settings.yaml a FIFO: every command that needs the settings stops with one line."""
    pipe = fifo(paths.config_dir(), "settings.yaml")
    for argv in (["list"], ["plan", "quick-relief"], ["check", str(pipe)]):
        code, _, err, _ = run(monkeypatch, argv, pipe)
        assert code == 2 and refused(err, pipe), (argv, err)


@pytest.mark.parametrize(
    "argv",
    [["check", "{}"], ["{}", "--plain", "--mute"], ["plan", "{}"], ["run", "{}", "--plain", "--mute"]],
)
@pytest.mark.parametrize("name", ["pipe.yaml", "pipe"])
def test_a_fifo_on_the_command_line_is_refused(
    argv: list[str], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stretchtimer check FIFO`, `stretchtimer FIFO.yaml --plain`, `stretchtimer plan
    FIFO.yaml`: exit 2, one line."""
    pipe = fifo(tmp_path, name)  # named by its whole path: not taken for a routine's name
    code, out, err, _ = run(monkeypatch, [a.format(pipe) for a in argv], pipe)
    assert code == 2 and refused(err, pipe), err
    assert out == ""


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
@pytest.mark.parametrize("command", [["plan"], ["check"], ["show"], []])
def test_a_device_as_a_routine_or_article_is_refused(
    device: str, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """/dev/zero would be read to the size limit, /dev/null as an empty file: both refused."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    argv = [*command, device] + (["--plain", "--mute"] if not command else [])
    code, _, err, _ = run(monkeypatch, argv)
    assert code == 2 and refused(err, device), err


def test_a_fifo_as_the_parse_cache_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse cache is ours, not the user's: a FIFO in its place is not read, and the
    cache written afterwards replaces it with a regular file."""
    pipe = fifo(paths.data_dir(), "parse-cache.json")
    code, out, err, _ = run(monkeypatch, ["list"], pipe)
    assert code == 0 and "quick-relief" in out and err == ""
    assert pipe.is_file()


def test_a_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: the path was a regular file when looked at, and is a FIFO when opened. The
    open does not wait for a writer and the open file is looked at again."""
    regular = tmp_path / "real.yaml"
    regular.write_text("title: Real\n")
    pipe = fifo(tmp_path, "swapped.yaml")
    real_stat = os.stat
    monkeypatch.setattr(
        os, "stat", lambda p, *a, **k: real_stat(regular if Path(p) == pipe else p, *a, **k)
    )

    def read() -> str:
        with pytest.raises(InputError) as caught:
            files.read_text(pipe)
        return str(caught.value)

    assert within(read, (pipe,)) == f"{pipe}: not a regular file"


def test_a_directory_is_still_said_to_be_one(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        files.read_text(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"
