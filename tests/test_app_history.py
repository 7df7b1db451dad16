"""Tests the app with a real history recorder: rows, feeling, streak, progress, timing."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from apphelp import advance, drive, quick_relief, text
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot
from textual.widgets import Static

from stretchtimer.core.model import Side
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.progress import ProgressScreen
from stretchtimer.ui.screens.summary import SummaryScreen

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local time is UTC in these tests, so days and snapshots are stable."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def history_at(moment: datetime = NOW) -> History:
    return History(paths.data_dir() / "history.db", now=lambda: moment)


def seed_three_days() -> None:
    """Three routines completed on three days, as a user would have."""
    for days_ago, routine, feeling in (
        (2, "morning", 4),
        (1, "after-sitting", 6),
        (0, "before-sleep", 7),
    ):
        h = history_at(NOW - timedelta(days=days_ago, hours=3))
        sid = h.begin(routine, "", routine.replace("-", " ").capitalize(), 8, None)
        h.end(sid, "completed", 8, 300.0)
        h.set_feeling(sid, feeling)  # the 0-9 question, from before version 3
        h.close()


def seed_pain() -> None:
    """Two sessions scored 0-10 before and after, and one stopped for pain."""
    for days_ago, before, after in ((1, 6, 4), (0, 5, 2)):
        h = history_at(NOW - timedelta(days=days_ago, hours=2))
        sid = h.begin("morning", "", "Morning", 8, None)
        h.end(sid, "completed", 8, 300.0)
        h.set_pain(sid, "before", before, "low-back")
        h.set_pain(sid, "after", after, "low-back")
        h.close()
    for hours_ago, which, score in ((3, "after", 3), (2, "before", 4)):  # one side asked
        h = history_at(NOW - timedelta(hours=hours_ago))
        sid = h.begin("morning", "", "Morning", 8, None)
        h.end(sid, "completed", 8, 300.0)
        h.set_pain(sid, which, score, "low-back")
        h.close()
    h = history_at(NOW - timedelta(hours=1))
    sid = h.begin("quick-relief", "", "Quick relief", 6, None)
    h.end(sid, "stopped", 2, 20.0, "knee-to-chest", "left")
    h.close()


def app_with_history() -> tuple[StretchApp, FakeClock, HistoryRecorder]:
    clock = FakeClock()
    notices: list[str] = []
    recorder = HistoryRecorder(history_at, notices.append)
    app = StretchApp(plan=quick_relief(), clock=clock, player=RecordingPlayer(), recorder=recorder)
    return app, clock, recorder


def test_completed_session_recorded_with_pain_and_streak() -> None:
    """Run to the end: the row is completed, the summary shows the streak without calling a
    second session today a new one, and the pain now (0-10, 1 then 0 for ten) is stored; the
    0-9 feelings recorded before are left as they were."""
    seed_three_days()
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 86)
        await pilot.pause()
        assert text(app, "#streak") == "2nd session today; 3 days in a row"
        await pilot.press("1")
        assert "press 0 for 10" in text(app, "#pain-now")
        await pilot.press("0")
        assert text(app, "#pain-now") == "Noted: 10 of 10."
        await pilot.press("enter")

    drive(app, scenario)
    recorder.close()
    row = history_at().recent()[0]
    assert (row.routine, row.status, row.pain_after, row.pain_region, row.lead_side) == (
        "quick-relief",
        "completed",
        10,
        "low-back",
        "left",
    )
    assert row.feeling is None and [r.feeling for r in history_at().recent()[1:]] == [7, 6, 4]
    assert (row.segments_done, row.seconds_held) == (6, 70.0)


def test_a_session_that_does_not_count_says_nothing_of_streaks() -> None:
    """Every hold skipped with n: the summary says the session does not count toward the
    streak, and no streak or "2nd session today" line contradicts it."""
    seed_three_days()
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        while not isinstance(app.screen, SummaryScreen):
            await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "does not count toward your streak" in text(app, "#not-counted")
        assert not app.screen.query_one("#streak").display

    drive(app, scenario)
    recorder.close()
    assert history_at().recent()[0].status == "partial"


def test_pain_stop_records_exercise_and_side() -> None:
    """x records a pain stop with the exercise and side it happened on."""
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 33)
        await pilot.press("x")
        await pilot.press("enter")

    drive(app, scenario)
    recorder.close()
    row = history_at().recent()[0]
    assert (row.status, row.pain_exercise, row.pain_side) == ("stopped", "knee-to-chest", "right")


def test_recording_is_fast() -> None:
    """Each history write costs under 5 ms (median CPU time on the writer thread)."""
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 86)
        await pilot.press("5")
        await pilot.press("enter")

    drive(app, scenario)
    recorder.close()
    writes = recorder.write_ms[:-1]  # the last entry is closing the database
    assert len(writes) >= 3
    assert statistics.median(writes) < 5.0, writes


def test_progress_screen_tells_the_story(snap_compare: Any) -> None:
    """Three days of fixture data: streak, week minutes, calendar, top routines, pain before and
    after by date and by routine, where it hurt, and the earlier 0-9 feelings, labelled."""
    seed_three_days()
    seed_pain()
    recorder = HistoryRecorder(history_at, lambda m: None)
    app = StretchApp(clock=FakeClock(), player=RecordingPlayer(), recorder=recorder)

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProgressScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        body = str(pilot.app.screen.query_one("#progress-body", Static).content)
        assert "Current streak: 3 days" in body
        assert "This week: 35 min" in body
        assert "the earlier question (0 worst to 9 best)" in body and "last: 7" in body
        assert body.startswith("Lower back: pain 6 to 3 over 2 days, 4 sessions\n")
        assert ("Morning: 4 sessions, pain 2.5 less on average (2 scored before and after);"
                " 2 green, 1 amber") in body
        assert "Knee-to-Chest Stretch (left side): 1 time" in body

    assert snap_compare(app, terminal_size=(80, 30), run_before=run_before)
    recorder.close()


def test_lead_side_alternates_between_runs() -> None:
    """After a left-led run, the CLI plans the next one right-first."""
    from stretchtimer.runner.sessions import next_lead

    h = history_at()
    sid = h.begin("quick-relief", "", "Quick relief", 6, Side.LEFT)
    h.end(sid, "completed", 6, 70)
    h.close()
    assert next_lead(quick_relief().routine) is Side.RIGHT


def test_picker_plans_with_the_next_lead_side() -> None:
    """From the picker too, a routine last led with the left side now leads with the right."""
    from stretchtimer.ui.screens.picker import PickerScreen

    h = history_at()
    sid = h.begin("quick-relief", "", "Quick relief", 6, Side.LEFT)
    h.end(sid, "completed", 6, 70)
    h.close()
    recorder = HistoryRecorder(history_at, lambda m: None)
    app = StretchApp(clock=FakeClock(), player=RecordingPlayer(), recorder=recorder)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await app.workers.wait_for_complete()  # the routines load in a worker
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        assert screen.plans["quick-relief"].lead is Side.RIGHT
        assert screen.plans["morning"].lead is Side.LEFT

    drive(app, scenario)
    recorder.close()


def test_a_signalled_exit_that_hangs_still_closes_the_row_and_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SIGHUP after the terminal has gone can hang Textual's shutdown (seen in tmux: its
    output thread dies on the hung-up terminal). Here the shutdown is made to hang: the
    watchdog still writes the row as interrupted and leaves with 128+1."""
    import signal

    import stretchtimer.ui.exits as app_module

    left: list[int] = []
    monkeypatch.setattr(app_module, "SHUTDOWN_GRACE", 0.05)
    monkeypatch.setattr(app_module, "_exit_process", left.append)
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        real_exit = app.exit
        app.exit = lambda *a, **k: None  # type: ignore[method-assign]  # the hanging shutdown
        app.exits.signalled(signal.SIGHUP)
        for _ in range(100):  # the watchdog is a real-time thread: at most a second
            if left:
                break
            time.sleep(0.01)
        app.exit = real_exit  # type: ignore[method-assign]
        app.exit()

    drive(app, scenario)
    assert left == [128 + signal.SIGHUP]
    row = history_at().recent()[0]
    assert row.status == "interrupted" and row.ended_utc is not None
    recorder.close()  # a second close is harmless


def test_the_watchdog_is_cancelled_once_the_app_has_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A signalled exit that completes normally: the CLI cancels the watchdog, which then never
    closes the recorder or ends the process from its thread."""
    import signal

    import stretchtimer.ui.exits as app_module

    left: list[int] = []
    monkeypatch.setattr(app_module, "SHUTDOWN_GRACE", 5.0)
    monkeypatch.setattr(app_module, "_exit_process", left.append)
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        app.exits.signalled(signal.SIGTERM)

    drive(app, scenario)
    watchdog = app.exits.watchdog
    assert watchdog is not None and watchdog.is_alive()
    app.exits.cancel_watchdog()
    watchdog.join(timeout=1)
    assert not watchdog.is_alive() and left == []
    recorder.close()  # the CLI's own close: the queued writes are done by its return
    assert history_at().recent()[0].status == "interrupted"
