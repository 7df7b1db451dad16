"""Tests that every front end drives the same runner: the same case through the full-screen app,
plain mode and the reminders gives the same record and the same words (the drifts the one-path
issue found), and plain mode's keys on a real pseudo-terminal."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import sys
import termios
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from apphelp import advance, drive, history_recorder, quick_relief
from fakes import Clocks, FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer import plain, reminding
from stretchtimer.cli import main
from stretchtimer.core.model import Plan
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.row import SessionRow
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.library.state import URGENT_SEEN
from stretchtimer.plain import run_plain
from stretchtimer.remind.desktop import DesktopAlerts
from stretchtimer.runner.options import Options
from stretchtimer.runner.reminder import WORDING, News, Reminder
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.remind_app import RemindApp
from stretchtimer.ui.screens.remind import RemindScreen

FRONT_ENDS = ("app", "plain")


def recorder() -> HistoryRecorder:
    return HistoryRecorder(lambda: History(paths.history_file()), lambda m: None)


def the_row() -> SessionRow:
    history = History(paths.history_file())
    try:
        (row,) = history.recent()
        return row
    finally:
        history.close()


def app_case(keys: list[str], seconds: float, pain_before: int | None) -> int:
    """The full-screen app: the pain before (if any), `seconds` of the session, then `keys`."""
    rec = recorder()
    clock = FakeClock()
    options = Options(ask_pain=pain_before is not None)
    app = StretchApp(quick_relief(), clock=clock, player=RecordingPlayer(), recorder=rec,
                     options=options)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        if pain_before is not None:
            await pilot.press(str(pain_before), "enter")
            await pilot.pause()
        advance(app, clock, seconds)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    drive(app, scenario)
    rec.close()
    return app.return_code or 0


def plain_case(
    monkeypatch: pytest.MonkeyPatch, stop: Callable[[], None], seconds: float,
    pain_before: int | None,
) -> int:
    """Plain mode on a fake clock: the pain before (if any), then `stop` after `seconds`."""
    rec = recorder()
    clock = FakeClock()
    monkeypatch.setattr(sys, "stdout", io.StringIO())

    def sleep(wait: float) -> None:
        clock.advance(wait)
        if clock() - start >= seconds:
            stop()

    start = clock()
    code = run_plain(
        quick_relief(), mute=True, recorder=rec, player=RecordingPlayer(), clock=clock,
        sleep=sleep, ask_before=pain_before is not None, ask=lambda q: f"{pain_before}\n",
    )
    rec.close()
    return code


def interrupt() -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_a_pain_before_survives_ctrl_c(front_end: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pain before is recorded as the session begins: ctrl+c 8 s in (130) keeps it, in
    the app as in plain mode (plain mode wrote it only at the end)."""
    if front_end == "app":
        code = app_case(["ctrl+c"], 8, pain_before=6)
    else:
        code = plain_case(monkeypatch, interrupt, 8, pain_before=6)
    row = the_row()
    assert code == 130
    assert (row.status, row.pain_before, row.pain_region) == ("quit", 6, "low-back")


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_this_hurts_is_the_same_record_everywhere(
    front_end: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """x during the first hold: exit 1, `stopped` at the knee-to-chest's left side, in both."""
    if front_end == "app":
        code = app_case(["x", "enter"], 8, pain_before=None)
    else:
        rec = recorder()
        clock = FakeClock()
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        master, slave = os.openpty()
        typist = Typist(master, slave, out, clock)
        typist.after(8, "x")
        with open(slave, encoding="utf-8") as keys:
            code = run_plain(quick_relief(), mute=True, recorder=rec, player=RecordingPlayer(),
                             clock=clock, sleep=clock.advance, stdin=keys)
        os.close(master)
        rec.close()
        assert "Paused: this hurts. During Knee-to-Chest Stretch" in out.getvalue()
        assert "Stopped: this hurts." in out.getvalue()
    row = the_row()
    assert code == 1
    assert (row.status, row.pain_exercise, row.pain_side) == ("stopped", "knee-to-chest", "left")


class Typist:
    """Types keys on a pseudo-terminal's master side once plain mode reads single keys, each
    when the fake clock (moved by the key reader's waits... which are real here) allows."""

    def __init__(self, master: int, slave: int, out: io.StringIO, clock: FakeClock) -> None:
        self.master, self.slave, self.out, self.clock = master, slave, out, clock

    def cbreak(self, most: float = 20.0) -> bool:
        deadline = time.monotonic() + most
        while time.monotonic() < deadline:
            if not termios.tcgetattr(self.slave)[3] & termios.ICANON:
                return True
            time.sleep(0.01)
        return False

    def after(self, seconds: float, key: str) -> None:
        """Move the clock `seconds` on, then type `key` (both once keys are read)."""

        def go() -> None:
            if self.cbreak():
                self.clock.advance(seconds)
                with contextlib.suppress(OSError):  # (the terminal closed: it ended already)
                    os.write(self.master, key.encode())

        threading.Thread(target=go, daemon=True).start()

    def script(self, steps: list[tuple[str, str]]) -> None:
        """Type each key once the line before it has been said."""

        def go() -> None:
            if not self.cbreak():
                return
            for key, wait_for in steps:
                try:
                    os.write(self.master, key.encode())
                except OSError:  # the session is over and its terminal closed
                    return
                deadline = time.monotonic() + 20
                while wait_for not in self.out.getvalue() and time.monotonic() < deadline:
                    time.sleep(0.01)

        threading.Thread(target=go, daemon=True).start()


def run_plain_on_pty(
    monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, str]], plan: Plan | None = None
) -> tuple[int, str, list[Any], list[Any]]:
    """run_plain reading keys from a pseudo-terminal (real time: every key moves it on)."""
    rec = recorder()
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    Typist(master, slave, out, FakeClock()).script(steps)
    with open(slave, encoding="utf-8") as keys:
        code = run_plain(plan or quick_relief(), mute=True, recorder=rec,
                         player=RecordingPlayer(), stdin=keys)
        after = termios.tcgetattr(slave)
    os.close(master)
    rec.close()
    return code, out.getvalue(), before, after


def test_plain_mode_keys_pause_mute_skip_to_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, plain mode takes the session's keys without Enter: space pauses and
    resumes, m unmutes (it was --mute), n skips each segment to the end (exit 0, recorded); the terminal's
    modes come back as they were."""
    steps = [(" ", "Paused: space to resume."), (" ", "Resumed."), ("m", "Chimes on.")]
    steps += [("n", "Stop if"), ("n", "Switch sides")] + [("n", "")] * 12
    code, out, before, after = run_plain_on_pty(monkeypatch, steps)
    assert code == 0, out
    assert out.splitlines()[1].startswith("Keys: space pause/resume, n next")
    assert "Routine complete: Quick relief." in out
    assert before == after
    assert the_row().status == "partial"  # skipped through: held too little to count


def test_plain_mode_q_asks_then_quits(monkeypatch: pytest.MonkeyPatch) -> None:
    """q asks first (the session paused meanwhile); another key goes on; q then y quits with 3
    and the row says `quit`."""
    steps = [("q", "Quit this session?"), ("k", "Going on."), ("q", "Going on.\nQuit"),
             ("y", "")]
    code, out, before, after = run_plain_on_pty(monkeypatch, steps)
    assert code == 3, out
    assert out.count("Quit this session? y: quit, any other key: go on.") == 2
    assert "Session stopped (quit)." in out and before == after
    assert the_row().status == "quit"


def test_piped_input_is_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pipe on stdin: plain mode reads no keys from it (what was piped is still there)."""
    read_end, write_end = os.pipe()
    os.write(write_end, b"xq")
    clock = FakeClock()
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with open(read_end, encoding="utf-8") as piped:
        code = run_plain(quick_relief(), mute=True, player=RecordingPlayer(), clock=clock,
                         sleep=clock.advance, stdin=piped)
        os.close(write_end)
        assert code == 0 and piped.read() == "xq"


@pytest.mark.parametrize("how", ["run", "remind"])
def test_the_urgent_signs_come_before_a_very_first_session_everywhere(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A very first session shows the urgent signs first, whether it is started as
    `stretchtimer quick-relief --plain` or by a break in `remind --plain` (which never showed
    them); the next one does not."""
    (paths.state_dir() / URGENT_SEEN).unlink(missing_ok=True)
    clock = FakeClock()
    real_run_plain = run_plain

    def on_fake_clock(plan: Plan, **kwargs: Any) -> int:
        kwargs.update(clock=clock, sleep=clock.advance, stdin=None)
        return real_run_plain(plan, **kwargs)

    def one_break(reminder: Reminder, run_routine: Callable[[], int], *args: Any) -> int:
        return run_routine()

    monkeypatch.setattr(plain, "run_plain", on_fake_clock)
    monkeypatch.setattr(reminding, "run_plain_reminder", one_break)
    argv = ["quick-relief"] if how == "run" else ["remind", "--routine", "quick-relief"]
    for first in (True, False):
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert main([*argv, "--plain", "--mute", "--no-history"]) == 0
        assert ("See a doctor now" in out.getvalue()) is first
        assert "Routine complete" in out.getvalue()


def welcome_back_everywhere(tmp_path: Path) -> dict[str, str]:
    """The machine sleeps longer than the interval: what each reminder front end says."""
    said: dict[str, str] = {}

    def reminder() -> tuple[Reminder, Clocks]:
        clocks = Clocks(datetime(2026, 11, 24, 10, 0))
        return Reminder(clocks.schedule(300), "desk-break", "5m", None), clocks

    r, clocks = reminder()
    out = io.StringIO()

    def sleep(seconds: float) -> None:
        if not out.getvalue().count("\n") > 1:
            clocks.sleep(3600)
            return
        raise KeyboardInterrupt

    reminding.run_plain_reminder(r, lambda: 0, out, None, sleep)
    said["plain"] = out.getvalue().splitlines()[1]

    r, clocks = reminder()
    app = RemindApp(r, clock=FakeClock(), player=RecordingPlayer())
    shown: list[str] = []

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        app.notify = lambda message, **kw: shown.append(str(message))  # type: ignore[method-assign]
        clocks.sleep(3600)
        screen = app.screen
        assert isinstance(screen, RemindScreen)
        screen.look()
        await pilot.press("q")

    drive(app, scenario)
    said["app"] = shown[0]

    r, clocks = reminder()
    out = io.StringIO()

    class Quiet(DesktopAlerts):
        async def send(self, *args: Any) -> bool:
            return True

    async def desktop() -> None:
        task = asyncio.create_task(reminding.run_desktop_reminder(r, Quiet(), ["x"], out))
        await asyncio.sleep(0.01)
        clocks.sleep(3600)
        for _ in range(500):
            if out.getvalue().count("\n") > 1:
                break
            await asyncio.sleep(0.01)
        task.cancel()

    r.schedule.next_look = lambda: 0.01  # type: ignore[method-assign]  # look at once, again
    asyncio.run(desktop())
    said["desktop"] = out.getvalue().splitlines()[1]
    return said


def test_welcome_back_is_said_the_same_way_in_every_reminder(tmp_path: Path) -> None:
    """After a suspend longer than the interval, the waiting screen, plain lines and the
    desktop mode say the same words (they differed)."""
    said = welcome_back_everywhere(tmp_path)
    words = WORDING[News.AWAY]
    assert said["app"] == words
    assert said["plain"] == said["desktop"] == f"{words}. Next break in 5 min."


def test_a_second_start_while_the_first_is_planned_changes_nothing(tmp_path: Path) -> None:
    """s and the notification's Start at once: one break taken, one session, one row (the
    second used to open a row nothing could close)."""
    from stretchtimer.core.moments import BreakChoice

    rec = recorder()
    clocks = Clocks(datetime(2026, 11, 24, 10, 0))
    reminder = Reminder(clocks.schedule(300), "quick-relief", "5m", rec)
    clock = FakeClock()
    app = RemindApp(reminder, clock=clock, player=RecordingPlayer(), recorder=rec)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        assert isinstance(app, RemindApp)
        app.choose_break(BreakChoice.START)
        app.choose_break(BreakChoice.START)
        await app.workers.wait_for_complete()
        await pilot.pause()
        advance(app, clock, 120)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")

    drive(app, scenario)
    rec.close()
    assert reminder.counts["taken"] == 1
    assert the_row().status == "completed"


def test_a_signal_during_the_pain_question_leaves_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM while plain mode asks how much it hurts before: exit 143, no traceback."""
    import signal

    monkeypatch.setattr(sys, "stdout", io.StringIO())

    def ask(question: str) -> str:
        os.kill(os.getpid(), signal.SIGTERM)
        return "5\n"

    clock = FakeClock()
    recorder = history_recorder()
    code = run_plain(quick_relief(), mute=True, player=RecordingPlayer(), clock=clock,
                     sleep=clock.advance, ask_before=True, ask=ask, recorder=recorder)
    recorder.close()
    assert code == 128 + signal.SIGTERM


def plain_reminder_on_pty(
    routine_code: int, steps: list[tuple[str, str]]
) -> tuple[int, Reminder, str]:
    """`remind --plain` with a break due, keys typed on a pseudo-terminal, and a break's
    routine that ends with `routine_code`: (exit code, the reminder, what it printed)."""
    clocks = Clocks(datetime(2026, 11, 24, 10, 0))
    reminder = Reminder(clocks.schedule(300), "desk-break", "5m", None)
    clocks.run(300)
    master, slave = os.openpty()
    out = io.StringIO()
    Typist(master, slave, out, FakeClock()).script(steps)
    with open(slave, encoding="utf-8") as keys:
        code = reminding.run_plain_reminder(reminder, lambda: routine_code, out, keys)
    os.close(master)
    return code, reminder, out.getvalue()


def test_the_plain_reminder_stops_when_a_break_was_ended_by_a_signal() -> None:
    """A break's routine that ended by SIGHUP (129) ends reminding too, with that code."""
    code, _, _ = plain_reminder_on_pty(129, [("s", "")])
    assert code == 129


def test_the_waiting_screen_applies_a_session_elsewhere_on_its_own_loop() -> None:
    """The waiting screen reads the history in a worker and restarts the wait back on the
    event loop (the schedule is never changed from the worker's thread): a session finished
    in another terminal says so and the wait starts afresh."""
    from datetime import UTC

    rec = recorder()
    clocks = Clocks(datetime(2026, 11, 24, 10, 0))
    reminder = Reminder(clocks.schedule(300), "desk-break", "5m", rec)
    app = RemindApp(reminder, clock=FakeClock(), player=RecordingPlayer(), recorder=rec)
    shown: list[str] = []
    threads: list[str] = []
    real = reminder.schedule.session_finished

    def finished(ended: datetime) -> bool:
        threads.append(threading.current_thread().name)
        return real(ended)

    reminder.schedule.session_finished = finished  # type: ignore[method-assign]

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        app.notify = lambda message, **kw: shown.append(str(message))  # type: ignore[method-assign]
        clocks.run(120)
        h = History(paths.history_file(), now=lambda: datetime(2026, 11, 24, 10, 1, tzinfo=UTC))
        sid = h.begin("morning", "", "Morning", 8, None)
        h.end(sid, "completed", 8, 300.0)
        h.close()
        screen = app.screen
        assert isinstance(screen, RemindScreen)
        screen.look_elsewhere()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("q")

    drive(app, scenario)
    rec.close()
    assert WORDING[News.ELSEWHERE] in shown
    assert threads == [threading.main_thread().name]
    assert reminder.schedule.remaining() == 300


def test_a_break_noted_while_the_counts_load_is_kept() -> None:
    """Today's counts are read from the history in a worker; a Start pressed meanwhile (its
    write queued behind the read) is added to what the read found, not lost from the screen."""
    rec = recorder()
    clocks = Clocks(datetime(2026, 11, 24, 10, 0))
    reminder = Reminder(clocks.schedule(300), "desk-break", "5m", rec)
    real_query = rec.query

    def slow_query(fn: Callable[[History], Any]) -> Any:
        found = real_query(fn)
        reminder.note("taken")  # pressed while the read was on its way: written after it
        return found

    rec.query = slow_query  # type: ignore[method-assign]
    reminder.load_counts()
    rec.close()
    assert reminder.counts["taken"] == 1


def test_a_start_whose_routine_cannot_be_read_is_not_a_break_taken() -> None:
    """Start, but the routine file is broken (the run says exit 2): not counted as taken."""
    code, reminder, out = plain_reminder_on_pty(2, [("s", "Today:"), ("q", "")])
    assert code == 0 and reminder.counts["taken"] == 0
    assert "Today: 0 taken" in out


def _type_when(master: int, out: io.StringIO, steps: list[tuple[str, str]]) -> None:
    """Type each key once its text has been said (real time: a busy machine waits longer)."""

    def go() -> None:
        for wait_for, key in steps:
            deadline = time.monotonic() + 20
            while wait_for not in out.getvalue() and time.monotonic() < deadline:
                time.sleep(0.01)
            with contextlib.suppress(OSError):
                os.write(master, key.encode())

    threading.Thread(target=go, daemon=True).start()


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_this_hurts_then_skip_goes_on_the_same_everywhere(
    front_end: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """x in the first hold, a score of 3, s: the session goes on with the next exercise and
    ends as any other (not stopped, exit 0), the stop and its score in the step's record, in
    the app as in plain mode."""
    if front_end == "app":
        code = app_case(["x", "3", "s", "n", "n"], 8, pain_before=None)
    else:
        rec = recorder()
        clock = FakeClock()
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        master, slave = os.openpty()
        Typist(master, slave, out, clock).after(8, "x")
        _type_when(master, out, [("Noted: 3 of 10", "zs"), ("Skipping this", "n"),  # z: no answer
                                 ("Hold, 30 s", "n")])
        answers = iter(["3", ""])
        with open(slave, encoding="utf-8") as keys:
            code = run_plain(quick_relief(), mute=True, recorder=rec, player=RecordingPlayer(),
                             clock=clock, sleep=clock.advance, stdin=keys,
                             ask=lambda q: next(answers))
        os.close(master)
        rec.close()
        assert "Paused: this hurts" in out.getvalue() and "Stopped" not in out.getvalue()
    row = the_row()
    assert code == 0 and row.status in ("completed", "partial")
    history = History(paths.history_file())
    (record,) = history.records()
    history.close()
    first = record.steps[0]
    assert (first.side, first.pain_stop, first.pain_score, first.skipped) == ("left", True, 3, True)
    assert record.steps[-1].variant == "double-knee-to-chest"
