"""Tests faults while running: tiny and resized terminals, a stopped process, signals, a locked
or unusable history, and missing, corrupt or hanging chime players."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from apphelp import advance, build, drive, quick_relief
from clihelp import plain_run
from conftest import write
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot
from textual.widgets import Static
from tmuxhelp import Tmux

from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.plain import run_session
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Playsound3Player
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.summary import SummaryScreen

EXE = shutil.which("stretchtimer", path=str(Path(sys.executable).parent)) or "stretchtimer"
needs_tmux = pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
needs_aplay = pytest.mark.skipif(not shutil.which("aplay"), reason="aplay (alsa-utils) is missing")

HOLD40 = "title: Forty\ndefaults:\n  prepare: 0\nsteps:\n  - exercise: cat-cow\n    hold: 40\n"
TINY = "title: Tiny\ndefaults:\n  prepare: 1\nsteps:\n  - exercise: cat-cow\n    hold: 2\n"


def start(tmux: Tmux, home: Path, routine: Path, size: tuple[int, int], extra: str = "") -> None:
    env = f"STRETCHTIMER_HOME={home} TERM=xterm-256color"
    command = f"env {env} {EXE} {routine} --mute {extra}; echo EXIT=$?; sleep 60"
    tmux("new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), command)


def digit_rows(pane: str) -> int:
    """The most rows in a row that draw the far view's block digits."""
    best = run = 0
    for line in pane.splitlines():
        run = run + 1 if "████" in line and "HOLD" not in line else 0
        best = max(best, run)
    return best


def seconds_left(pane: str) -> int:
    match = re.search(r"(\d+):(\d\d) left", pane)
    assert match, pane
    return int(match.group(1)) * 60 + int(match.group(2))


@pytest.mark.slow(seconds=2.5)
@needs_tmux
def test_tiny_terminal_and_resize_mid_hold(tmp_path: Path, private_home: Path) -> None:
    """At 40x12 the countdown and the phase still show; resized mid-hold to 100x30 and 160x48,
    the far view's digits are at least 7 and 10 rows tall (the figure shares the width); back
    at 60x20, the usual screen."""
    routine = write(tmp_path, "forty.yaml", HOLD40)
    tmux = Tmux(tmp_path / "sock")
    start(tmux, private_home, routine, (40, 12))
    try:
        pane = tmux.wait_for("HOLD")
        assert "╭─╮" in pane  # the big digits are drawn
        assert "Traceback" not in pane
        for size, least in (((100, 30), 7), ((160, 48), 10)):
            tmux("resize-window", "-t", "t", "-x", str(size[0]), "-y", str(size[1]))

            def big_enough(pane: str, least: int = least) -> bool:
                return digit_rows(pane) >= least and "Stop if:" in pane and "Forty" in pane

            tmux.wait_until(big_enough, f"the far view's digits {least} rows tall at {size}")
        tmux("resize-window", "-t", "t", "-x", "60", "-y", "20")
        tmux.wait_until(lambda pane: "HOLD" in pane and "╭─╮" in pane, "the usual screen")
    finally:
        tmux("kill-server")


@pytest.mark.slow(seconds=4.5)
@needs_tmux
def test_sigstop_then_sigcont_the_countdown_tells_the_truth(
    tmp_path: Path, private_home: Path
) -> None:
    """Stopped for 2.6 s mid-hold (longer than the engine's 2 s jump threshold, so the quiet
    catch-up path runs): on SIGCONT the time left matches the wall clock."""
    routine = write(tmp_path, "forty.yaml", HOLD40)
    tmux = Tmux(tmp_path / "sock")
    start(tmux, private_home, routine, (80, 24))
    try:
        pane = tmux.wait_for("HOLD")
        t0 = time.monotonic()
        left0 = seconds_left(pane)
        pid = tmux.app_pid()
        os.kill(pid, signal.SIGSTOP)
        time.sleep(2.6)
        os.kill(pid, signal.SIGCONT)
        time.sleep(1.0)
        left = seconds_left(tmux("capture-pane", "-p", "-t", "t"))
        expected = left0 - (time.monotonic() - t0)
        assert abs(left - expected) <= 1.5, (left, expected)
    finally:
        tmux("kill-server")


@pytest.mark.slow
@needs_tmux
@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, "interrupted"), (signal.SIGHUP, "interrupted"), (signal.SIGINT, "quit")],
)
def test_signals_in_the_tui_restore_the_terminal_and_close_the_row(
    tmp_path: Path, private_home: Path, signum: int, status: str
) -> None:
    """SIGTERM, SIGHUP or SIGINT mid-session: the terminal is restored, exit 128+N, the row
    closed at once (interrupted; quit for SIGINT, which is what ctrl+c sends)."""
    routine = write(tmp_path, "forty.yaml", HOLD40)
    tmux = Tmux(tmp_path / "sock")
    start(tmux, private_home, routine, (80, 24))
    try:
        tmux.wait_for("HOLD")
        os.kill(tmux.app_pid(), signum)
        pane = tmux.wait_for("EXIT=")
        assert f"EXIT={128 + signum}" in pane
        assert "HOLD" not in pane and "Traceback" not in pane
    finally:
        tmux("kill-server")
    row = History(paths.data_dir() / "history.db").recent()[0]
    assert row.status == status and row.ended_utc is not None


def test_history_locked_the_session_runs_and_the_row_is_written_after(
    tmp_path: Path, private_home: Path
) -> None:
    """Another process holds the database through a whole session: the session runs to its end
    without waiting for it (fake clock), and its row is written once the lock goes."""
    db = paths.history_file()
    History(db).close()
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    recorder = HistoryRecorder(lambda: History(db), lambda m: None)
    clock = FakeClock()
    chimes = Chimes(RecordingPlayer(), lambda n: None, lambda m: None)
    out = io.StringIO()
    session = run_session(quick_relief(), chimes, out, clock, clock.advance, recorder)
    assert out.getvalue().splitlines()[-1].startswith("Routine complete")
    conn.execute("COMMIT")  # the lock goes; the writes that waited for it go through
    recorder.close()
    (row,) = History(db).recent()
    assert session.state.value == "finished" and row.status == "completed"


def test_history_locked_the_countdown_keeps_moving(tmp_path: Path, private_home: Path) -> None:
    """The database stays locked for the whole session, the progress screen and the summary:
    the countdown moves, the summary shows, nothing waits on the event loop; the row comes
    once the lock goes."""
    from textual.widgets import Digits

    db = paths.history_file()
    History(db).close()
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    recorder = HistoryRecorder(lambda: History(db), lambda m: None, wait=0.5)
    app, clock, _ = build()
    app.sessions.recorder = recorder
    shown: list[str] = []

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        for _ in range(3):
            advance(app, clock, 1.0)
            await pilot.pause()
            shown.append(str(app.screen.query_one("#countdown", Digits).value))
        advance(app, clock, 90)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        # The page's read waits on the lock for as long as the test holds it (a 0.5 s wait
        # ran out before the first look on a busy machine), so what is looked at is the
        # screen live while the read is blocked, whatever the machine's speed.
        recorder.wait = 30.0
        await pilot.press("h")  # the progress page is read in a worker: the screen stays live
        await pilot.pause()
        assert "Reading your history" in str(app.screen.query_one("#progress-body", Static).content)
        conn.execute("COMMIT")  # the lock goes: the row is written, the page is read

    started = time.monotonic()
    drive(app, scenario)
    assert time.monotonic() - started < 5  # the lock held the history's thread, not the screen
    assert shown == ["0:04", "0:03", "0:02"]
    recorder.close()
    (row,) = History(db).recent()
    assert row.status == "completed"


def test_history_location_unusable(
    tmp_path: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data directory cannot be made: one notice, the session runs to its end."""
    paths.data_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir().write_text("not a directory")
    code, out, err, _ = plain_run(monkeypatch, [str(write(tmp_path, "tiny.yaml", TINY))])
    assert code == 0
    assert "Routine complete" in out
    notices = [ln for ln in err.splitlines() if "History is not being recorded" in ln]
    assert len(notices) == 1 and "Traceback" not in err


def _chime_script(folder: Path) -> str:
    return f"""
import sys
from pathlib import Path
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Playsound3Player
bells, notices = [], []
player = Playsound3Player()
chimes = Chimes(player, lambda n: bells.append(n), notices.append, folder=Path({str(folder)!r}))
chimes.play(Chime.HOLD)
if player._last is not None:
    player._last.wait()
chimes.play(Chime.SWITCH)
print(len(bells), len(notices), chimes.fallen_back)
"""


@needs_aplay
@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_missing_or_corrupt_chime_falls_back_to_the_bell(tmp_path: Path, damage: str) -> None:
    """A missing or corrupt chime file (aplay would play garbage as noise): it is checked before
    playing, and the bell rings instead, with one notice."""
    folder = tmp_path / "sounds"
    folder.mkdir()
    if damage == "corrupt":
        for chime in Chime:
            (folder / f"{chime.value}.wav").write_bytes(b"RIFF\x00\x00garbage" * 10)
    played = tmp_path / "PLAYED"
    (tmp_path / ".asoundrc").write_text(
        f'pcm.!default {{ type file slave.pcm "null" file "{played}" format "raw" }}\n'
    )
    env = {**os.environ, "HOME": str(tmp_path), "PLAYSOUND3_BACKEND": "alsa"}
    result = subprocess.run(
        [sys.executable, "-c", _chime_script(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    bells, notices, fallen = result.stdout.split()
    assert (bells, notices, fallen) == ("2", "1", "False"), result.stderr
    assert not played.exists() or played.stat().st_size == 0  # no noise reached the device


class _Hanging:
    """A player process that never ends."""

    def poll(self) -> None:
        return None


def test_hanging_player_does_not_block() -> None:
    """A player whose process never ends: each chime still starts at once, nothing blocks."""
    started: list[str] = []

    def fake_playsound(path: str, block: bool) -> object:
        assert block is False
        started.append(Path(path).stem)
        return type("Sound", (), {"subprocess": _Hanging()})()

    player = Playsound3Player()
    player._playsound = fake_playsound
    chimes = Chimes(player, lambda n: None, lambda m: None)
    t = time.perf_counter()
    for chime in (Chime.HOLD, Chime.TICK, Chime.SWITCH):
        chimes.play(chime)
    assert time.perf_counter() - t < 0.1
    assert started == ["hold", "tick", "switch"] and not chimes.fallen_back


def test_read_only_history_the_session_still_runs(private_home: Path) -> None:
    """A read-only database (simulated with query_only: these tests may run as root, whom file
    modes do not stop): one notice, the session runs to its end, nothing is half-written."""
    db = paths.data_dir() / "history.db"
    History(db).close()

    def read_only() -> History:
        h = History(db)
        h.conn.execute("PRAGMA query_only = ON")
        return h

    notices: list[str] = []
    recorder = HistoryRecorder(read_only, notices.append)
    clock = FakeClock()
    chimes = Chimes(RecordingPlayer(), lambda n: None, lambda m: None)
    out = io.StringIO()
    session = run_session(quick_relief(), chimes, out, clock=clock, sleep=clock.advance, recorder=recorder)
    recorder.close()
    assert out.getvalue().splitlines()[-1].startswith("Routine complete")
    assert session.state.value == "finished"
    assert len(notices) == 1 and "History is not being recorded" in notices[0]
    assert "readonly" in notices[0] or "read-only" in notices[0]
    assert History(db).recent() == []
