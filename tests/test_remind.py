"""Tests reminders: the waiting screen on fake clocks, plain lines, desktop notifications
through a real D-Bus session bus, tmux, the systemd unit, breaks in the history, and the real
command in tmux coming due and starting a routine."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apphelp import advance, drive, text
from conftest import write
from fakes import Clocks, FakeClock, RecordingPlayer
from textual.pilot import Pilot
from tmuxhelp import Tmux

from stretchtimer.cli import main
from stretchtimer.core.schedule import Schedule, Window
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import MIGRATIONS, VERSION, History
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.remind.desktop import DesktopAlerts
from stretchtimer.remind.places import terminal_command, tmux_message
from stretchtimer.reminding import run_desktop_reminder, run_plain_reminder
from stretchtimer.runner.reminder import Reminder
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.remind_app import RemindApp
from stretchtimer.ui.screens.remind import RemindScreen
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.screens.summary import SummaryScreen

BIN = Path(sys.executable).parent
TINY = "title: Tiny\ndefaults:\n  prepare: 1\nsteps:\n  - exercise: knee-to-chest\n" \
    "    variant: double\n    hold: 2\n"
ONE_SECOND = "title: Tiny\ndefaults:\n  prepare: 0\nsteps:\n  - exercise: knee-to-chest\n" \
    "    variant: double\n    hold: 1\n"
T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def reminder_for(routine: str, every: float, recorder: HistoryRecorder | None = None) -> tuple[
    Reminder, Clocks
]:
    clocks = Clocks(datetime(2026, 11, 24, 10, 0))
    return Reminder(clocks.schedule(every), routine, f"{every:.0f}s", recorder), clocks


def test_the_waiting_screen_through_a_break(tmp_path: Path) -> None:
    """Waiting shows the minutes and today's breaks; when due it says so (the bell rings,
    and Snooze and Skip appear); Snooze and Skip each count; Start runs the routine here and
    Enter on its summary comes back to waiting, with the break taken and recorded."""
    routine = write(tmp_path, "tiny.yaml", TINY)
    recorder = HistoryRecorder(lambda: History(paths.history_file()), lambda m: None)
    reminder, clocks = reminder_for(str(routine), 120, recorder)
    clock = FakeClock()
    app = RemindApp(reminder, clock=clock, player=RecordingPlayer(), recorder=recorder)
    rang: list[int] = []
    app.bell = lambda: rang.append(1)  # type: ignore[method-assign]

    async def wait(pilot: Pilot[int], seconds: int) -> None:
        """Time passes; the screen looks every 30 s (it wakes at least once a minute)."""
        screen = app.screen
        assert isinstance(screen, RemindScreen)
        for _ in range(seconds // 30):
            clocks.run(30)
            screen.look()
        await pilot.pause()

    async def due(pilot: Pilot[int]) -> None:
        await wait(pilot, 120)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        assert text(app, "#remind-headline") == "Next break in 2 min"
        assert text(app, "#remind-today") == "Today: 0 taken, 0 snoozed, 0 skipped"
        assert not app.screen.check_action("snooze", ())
        await due(pilot)
        assert text(app, "#remind-headline") == "Break due now" and rang
        await pilot.pause()
        columns = {app.screen.query_one(f"#remind-{n}").content_region.x
                   for n in ("headline", "about", "today", "hint")}
        assert len(columns) == 1, columns  # due (its line reversed) or not, one column
        assert app.screen.check_action("snooze", ())
        await pilot.press("z")  # every 2 min: a snooze is half of it
        assert text(app, "#remind-headline") == "Next break in 1 min"
        await wait(pilot, 60)  # a minute after the snooze
        assert text(app, "#remind-headline") == "Break due now"
        await pilot.press("k")
        assert text(app, "#remind-today") == "Today: 0 taken, 1 snoozed, 1 skipped"
        await due(pilot)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        advance(app, clock, 5)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RemindScreen)
        assert text(app, "#remind-today") == "Today: 1 taken, 1 snoozed, 1 skipped"
        assert text(app, "#remind-headline") == "Next break in 2 min"
        await pilot.press("q")

    drive(app, scenario)
    recorder.close()
    history = History(paths.history_file())
    kinds = [b.kind for b in reversed(history.breaks())]
    sessions = history.recent()
    history.close()
    assert kinds == ["due", "snoozed", "due", "skipped", "due", "taken"]
    assert [s.status for s in sessions] == ["completed"]


def test_plain_reminding_prints_a_line_when_something_happens(tmp_path: Path) -> None:
    """--plain: the first line says what it does; a due break is one line; a session finished
    elsewhere (in the history) starts the wait afresh; Ctrl+C stops with the day's count."""
    db = paths.history_file()
    recorder = HistoryRecorder(lambda: History(db), lambda m: None)
    reminder, clocks = reminder_for("desk-break", 300, recorder)
    out = io.StringIO()
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        clocks.run(seconds)
        if len(naps) == 8:  # someone ran a routine in another terminal
            h = History(db, now=lambda: datetime.now(UTC))
            sid = h.begin("morning", "", "Morning", 8, None)
            h.end(sid, "completed", 8, 300.0)
            h.close()
        if sum(naps) > 900:
            raise KeyboardInterrupt

    code = run_plain_reminder(reminder, lambda: 0, out, stdin=None, sleep=sleep)
    recorder.close()
    lines = out.getvalue().splitlines()
    assert code == 0
    assert lines[0] == (
        "Reminding: desk-break, every 300s, any time. Next break in 5 min. Ctrl+C to stop."
    )
    assert lines[1] == (
        "Time for a stretch break: desk-break. "
        "s or Enter: start it now, z: snooze 2 min 30 s, k: skip, "
        "t: I took one away from the desk, q: stop reminding."
    )
    assert "A session finished: the wait for the next break starts afresh. Next break in 5 min." in lines
    assert lines[-1] == "Stopped reminding. Today: 0 taken, 0 snoozed, 0 skipped."
    assert max(naps) <= 60.02  # it sleeps until what it would say changes, a minute at most


@pytest.mark.parametrize(
    ("typed", "said", "counts"),
    [
        ("z", "Snoozed for 2 min 30 s. Next break in 3 min.", "0 taken, 1 snoozed, 0 skipped"),
        ("k", "Skipped. Next break in 5 min.", "0 taken, 0 snoozed, 1 skipped"),
        ("s", "Break taken. Today: 1 taken, 0 snoozed, 0 skipped. Next break in 5 min.",
         "1 taken"),
        ("t", "A break away from the desk, counted. Today: 0 taken, 1 away from the desk, "
         "0 snoozed, 0 skipped. Next break in 5 min.", "1 away from the desk"),
    ],
)
def test_plain_reminding_takes_a_key_typed_on_a_terminal(
    typed: str, said: str, counts: str
) -> None:
    """--plain in a terminal: with a break due, a single key (no Enter) acts: z snoozes it, k
    skips it, s starts the routine there; q stops."""
    reminder, clocks = reminder_for("desk-break", 300)
    clocks.run(300)  # due at the first look
    master, slave = os.openpty()
    ran: list[int] = []

    def type_keys() -> None:
        """Type once the reminder reads single keys (keys typed before are dropped)."""
        deadline = time.monotonic() + 20
        while termios.tcgetattr(slave)[3] & termios.ICANON and time.monotonic() < deadline:
            time.sleep(0.01)
        os.write(master, typed.encode())
        while len(out.getvalue().splitlines()) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)  # what the key did is said: then q
        os.write(master, b"q")

    out = io.StringIO()
    typist = threading.Thread(target=type_keys, daemon=True)
    typist.start()

    def run_routine() -> int:
        ran.append(1)
        return 0

    with open(slave, encoding="utf-8") as keys:
        code = run_plain_reminder(reminder, run_routine, out, stdin=keys)
    os.close(master)
    lines = out.getvalue().splitlines()
    assert code == 0 and lines[1].startswith("Time for a stretch break")
    assert lines[2] == said, lines
    assert counts in reminder.today_text()
    assert ran == ([1] if typed == "s" else [])


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("dbus-run-session"), reason="dbus-run-session is missing")
def test_a_notification_on_a_real_session_bus_and_its_start_button() -> None:
    """Through a private D-Bus session bus, a notification server of the test's own receives
    the notification with Start, Snooze 10 min and Skip, and its Start reaches our callback."""
    probe = Path(__file__).parent / "notify_probe.py"
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(probe)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["sent"] is True and result["pressed"] == ["start"]
    (sent,) = result["notifications"]
    assert (sent["app"], sent["summary"]) == ("stretchtimer", "Stretch break")
    assert sent["body"] == "Time for a stretch break: desk-break"
    assert sent["actions"][1::2][-3:] == ["Start", "Snooze 10 min", "Skip"]


def test_no_notification_server_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nowhere to send a notification (no session bus): one answer, False, and a reason; later
    tries do not try again."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    alerts = DesktopAlerts()
    assert asyncio.run(alerts.send("t", "m", {})) is False
    assert alerts.available is False and alerts.reason
    assert asyncio.run(alerts.open()) is False


def stand_in(folder: Path, name: str) -> Path:
    """An executable that records its arguments."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "$@" >> {folder}/called\n')
    path.chmod(0o755)
    return path


def test_tmux_message_and_the_terminal_for_a_desktop_start(tmp_path: Path) -> None:
    """Inside tmux, display-message says it; outside, nothing runs. A desktop Start opens
    $TERMINAL, else x-terminal-emulator, else a common terminal (gnome-terminal takes `--`);
    none at all: None (the notification then says what to run)."""
    tmux = stand_in(tmp_path, "tmux")
    env = {"PATH": str(tmp_path), "TMUX": "/tmp/tmux-1/default,1,0"}
    old = os.environ["PATH"]
    os.environ["PATH"] = str(tmp_path)
    try:
        assert tmux_message("Stretch break", env)
        assert not tmux_message("Stretch break", {"PATH": str(tmp_path)})
    finally:
        os.environ["PATH"] = old
    assert (tmp_path / "called").read_text() == "display-message -d 10000 Stretch break\n"
    assert tmux.exists()
    command = ["stretchtimer", "run", "desk-break"]
    assert terminal_command(command, {"PATH": str(tmp_path)}) is None
    gnome = stand_in(tmp_path, "gnome-terminal")
    assert terminal_command(command, {"PATH": str(tmp_path)}) == [str(gnome), "--", *command]
    xte = stand_in(tmp_path, "x-terminal-emulator")
    assert terminal_command(command, {"PATH": str(tmp_path)}) == [str(xte), "-e", *command]
    kitty = stand_in(tmp_path, "kitty")
    env = {"PATH": str(tmp_path), "TERMINAL": "kitty"}
    assert terminal_command(command, env) == [str(kitty), "-e", *command]


def test_print_service_and_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    """--print-service prints a systemd user unit running the desktop mode with the options
    given; a bad interval, hours or routine is one line and exit 2."""
    assert main(["remind", "--print-service", "--every", "45m", "--days", "mon-fri"]) == 0
    unit = capsys.readouterr().out
    assert "[Service]" in unit and "WantedBy=graphical-session.target" in unit
    exec_line = next(ln for ln in unit.splitlines() if ln.startswith("ExecStart="))
    assert exec_line.endswith(
        "remind --desktop --every 45m --routine=desk-break --days mon-fri"
    )
    for argv, words in (
        (["remind", "--every", "often"], "--every: 'often' is not a duration"),
        (["remind", "--between", "9-5"], "--between: '9-5' is not hours like 09:00-17:30"),
        (["remind", "--routine", "nope"], "nope: no such routine"),
    ):
        assert main(argv) == 2
        assert capsys.readouterr().err.startswith(words)


def test_breaks_in_the_history_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    """Migration 4 adds the breaks to a version-3 history; `history` counts them, and
    `history --breaks` lists them as text, JSON and CSV."""
    db = paths.history_file()
    db.parent.mkdir(parents=True)
    import sqlite3

    conn = sqlite3.connect(db)
    for migration in MIGRATIONS[:3]:
        conn.executescript(migration)
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    h = History(db, now=lambda: T0)
    assert h.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    for kind in ("due", "snoozed", "due", "taken"):
        h.record_break(kind, "desk-break")
    sid = h.begin("desk-break", "", "Desk break", 5, None)
    h.end(sid, "completed", 5, 100.0)
    h.close()
    assert main(["history"]) == 0
    assert "Breaks: 2 due, 1 taken, 1 snoozed, 0 skipped" in capsys.readouterr().out
    assert main(["history", "--breaks"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split() == ["When", "What", "Routine"] and "taken" in text
    assert main(["history", "--breaks", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["kind"] for b in data] == ["taken", "due", "snoozed", "due"]
    assert main(["history", "--breaks", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "id,at_utc,kind,routine"


@pytest.mark.slow(seconds=7)
@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
def test_in_tmux_a_break_comes_due_and_start_runs_the_routine(
    tmp_path: Path, private_home: Path
) -> None:
    """The installed command in a real terminal: a 5-second interval comes due, s starts the
    routine right there, Enter on its summary returns to waiting with the break counted."""
    routine = write(tmp_path, "tiny.yaml", ONE_SECOND)  # the interval is what takes time
    exe = shutil.which("stretchtimer", path=str(BIN))
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} TERM=xterm-256color DBUS_SESSION_BUS_ADDRESS=none"
    command = f"env {env} {exe} remind --every 5s --routine {routine} --mute; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command)
    try:
        first = tmux.wait_for("stretchtimer reminders")
        assert "Next break in under a minute" in first
        assert "Break due now" in tmux.wait_for("Break due now", timeout=15)
        tmux("send-keys", "-t", "t", "s")
        assert "Routine complete" in tmux.wait_for("Routine complete", timeout=15)
        tmux("send-keys", "-t", "t", "Enter")
        assert "Today: 1 taken" in tmux.wait_for("1 taken")
        tmux("send-keys", "-t", "t", "q")
        assert "EXIT=0" in tmux.wait_for("EXIT=")
    finally:
        tmux("kill-server")


def test_library_knows_the_default_routine() -> None:
    """The reminders' default routine is bundled."""
    assert "desk-break" in Library().routines()


class PressingAlerts(DesktopAlerts):
    """Desktop alerts that, instead of a notification server, press a button at once."""

    def __init__(self, press: str) -> None:
        super().__init__()
        self.press = press
        self.sent: list[tuple[str, list[str]]] = []

    async def send(
        self, title: str, message: str, actions: Mapping[str, Callable[[], object]]
    ) -> bool:
        self.sent.append((message, list(actions)))
        if self.press in actions:
            actions[self.press]()
        return True


def test_desktop_mode_start_opens_a_terminal_running_the_routine(tmp_path: Path) -> None:
    """--desktop: a due break is a notification; its Start opens $TERMINAL running the routine
    (a stand-in terminal here records what it was asked to run) and counts the break taken."""
    import time

    terminal = stand_in(tmp_path, "my-terminal")
    reminder = Reminder(
        Schedule(0.1, Window(), time.monotonic, time.monotonic, datetime.now),
        "desk-break",
        "1s",
        None,
    )
    alerts = PressingAlerts("Start")
    out = io.StringIO()

    async def run() -> None:
        task = asyncio.create_task(
            run_desktop_reminder(reminder, alerts, ["stretchtimer", "run", "desk-break"], out)
        )
        for _ in range(100):
            if (tmp_path / "called").exists():
                break
            await asyncio.sleep(0.05)
        task.cancel()

    old = dict(os.environ)
    os.environ.update({"TERMINAL": str(terminal), "TMUX": ""})
    try:
        asyncio.run(run())
    finally:
        os.environ.clear()
        os.environ.update(old)
    assert (tmp_path / "called").read_text() == "-e stretchtimer run desk-break\n"
    assert alerts.sent == [
        ("Time for a stretch break: desk-break", ["Start", reminder.snooze_label, "Skip"])
    ]
    assert reminder.counts["taken"] == 1 and reminder.counts["due"] == 1
    assert "Time for a stretch break: desk-break. Break due now." in out.getvalue().splitlines()


def test_a_snooze_is_never_longer_than_half_the_wait() -> None:
    """10 minutes, or half the interval when breaks come more often (at least 5 s)."""
    from stretchtimer.runner.reminder import snooze_seconds, snooze_words

    assert [snooze_seconds(e) for e in (3000, 1200, 300, 120, 5)] == [600, 600, 150, 60, 5]
    assert [snooze_words(s) for s in (600, 150, 5)] == ["10 min", "2 min 30 s", "5 s"]
    reminder, _ = reminder_for("desk-break", 300)
    assert reminder.snooze_label == "Snooze 2 min 30 s"


def test_an_ignored_due_break_is_recorded_once() -> None:
    """Due, then ten minutes of looks every few seconds with no answer: one 'due' in the
    counts and in the history."""
    from apphelp import history_recorder

    recorder = history_recorder()
    reminder, clocks = reminder_for("desk-break", 60, recorder)
    clocks.run(61)
    assert reminder.look() is not None
    for _ in range(200):
        clocks.run(3)
        assert reminder.look() is None
    recorder.close()
    assert reminder.counts["due"] == 1
    from stretchtimer.history.store import History

    h = History(paths.history_file())
    assert h.break_counts(datetime.now().astimezone().date())["due"] == 1  # (stamped now)
    h.close()
