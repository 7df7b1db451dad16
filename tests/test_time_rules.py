"""Tests time as people write it and as clocks misbehave: hours with a time zone refused, a
start equal to its end as the whole day, `remind_every` in hours, a session recorded in the
future, and today's breaks starting at midnight; all on fake clocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from apphelp import drive, text
from conftest import write
from fakes import Clocks, FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer.cli import main
from stretchtimer.core.schedule import (
    END_OF_DAY,
    LOCAL_ONLY,
    LocalTimeOnly,
    Status,
    Window,
    parse_window,
)
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library import paths
from stretchtimer.library.durations import DurationError, parse_duration, parse_duration_text
from stretchtimer.library.nodes import STR, ScalarNode
from stretchtimer.library.settings import FILE_NAME, read_settings
from stretchtimer.library.settings_check import REMIND_RANGE
from stretchtimer.present.reminder import window_text
from stretchtimer.runner.reminder import Reminder
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.remind_app import RemindApp
from stretchtimer.ui.screens.remind import RemindScreen

MONDAY_9 = datetime(2026, 11, 23, 9, 0)  # a Monday, local time
ROUTINE_MESSAGE = (
    "is not a duration: write plain digits like 20, or \"20s\", \"1m\", \"1m30s\""
)


# -- hours: local time only, the whole day, as people write them ---------------------------


@pytest.mark.parametrize(
    "between", ["09:00+01:00-17:30", "09:00Z-17:30Z", "09:00-17:30z", "09:00-05:00-17:30-05:00"]
)
def test_hours_with_a_time_zone_are_refused_when_read(between: str) -> None:
    """An offset or Z is refused at once, saying local time only (it used to be read as an
    aware time, which failed at the first comparison with the local clock)."""
    with pytest.raises(LocalTimeOnly) as caught:
        parse_window(between, None)
    assert LOCAL_ONLY in str(caught.value) and "hours" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_time_zone_is_blamed_on_the_option_or_the_setting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--between names itself (not --days); settings.yaml says local time only at its line."""
    assert main(["remind", "--print-service", "--between", "09:00+01:00-17:30"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--between: '09:00+01:00-17:30' gives a time zone") and LOCAL_ONLY in err
    path = write(paths.config_dir(), FILE_NAME, "remind_between: 09:00Z-17:30Z\n")
    assert [str(p) for p in read_settings().problems] == [
        f"{path}:1:17: remind_between must be HH:MM-HH:MM local hours, like 09:00-17:30, "
        f"not '09:00Z-17:30Z': {LOCAL_ONLY}"
    ]


@pytest.mark.parametrize("between", ["00:00-00:00", "09:00-09:00", "00:00-24:00", " 7:30-07:30 "])
def test_a_start_equal_to_its_end_is_the_whole_day(between: str) -> None:
    """`00:00-00:00` (or any start equal to its end, or 00:00-24:00) is the whole day: the
    same window as no hours at all, shown as `any time`, inside at every second."""
    window = parse_window(between, None)
    assert window == Window() and window.whole_day
    assert window_text(window) == "any time"
    for moment in (time(0, 0), time(7, 29, 59), time(12, 0), time(23, 59, 59, 900000)):
        assert window.contains(datetime.combine(MONDAY_9.date(), moment))


def test_hours_as_people_write_them_and_as_shown() -> None:
    """`9:00` is 09:00; `24:00` ends at midnight; only the whole day is `any time` (an end of
    23:30 is not)."""
    assert parse_window("9:00-17:30", None) == Window(time(9), time(17, 30))
    assert parse_window("22:00-24:00", None).end == END_OF_DAY
    assert window_text(parse_window("22:00-24:00", None)) == "22:00-24:00"
    assert window_text(parse_window("00:00-23:30", None)) == "00:00-23:30"
    assert window_text(parse_window("00:00-00:00", "mon-fri")) == "mon,tue,wed,thu,fri"
    with pytest.raises(ValueError, match="is not hours"):
        parse_window("24:00-06:00", None)


def test_an_overnight_window_belongs_to_the_day_it_began() -> None:
    """22:00-06:00 on Mondays: Tuesday 01:00 is inside (Monday's night), Monday 01:00 not."""
    window = parse_window("22:00-06:00", "mon")
    assert window.contains(datetime(2026, 11, 24, 1, 0))
    assert not window.contains(datetime(2026, 11, 23, 1, 0))
    assert window.contains(datetime(2026, 11, 23, 23, 0))


def test_any_time_has_no_gap_in_the_last_second_before_midnight() -> None:
    """A look at 23:59:59.5 with no hours set is inside: the wait goes on across midnight
    (it used to end the hours for half a second and start the wait afresh at 00:00)."""
    clocks = Clocks(datetime(2026, 11, 23, 23, 59, 0))
    s = clocks.schedule(3000)
    clocks.run(59.5)
    assert s.check() is None and s.status is Status.WAITING
    clocks.run(1)
    assert s.check() is None and s.remaining() == pytest.approx(3000 - 60.5)


# -- remind_every in hours ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("1h", 3600), ("2h", 7200), ("1h30m", 5400), ("1h 30m", 5400), ("8h", 28800),
     ("1h0m15s", 3615), ("50m", 3000), ("90", 90), ("2m 30s", 150), ("45 sec", 45)],
)
def test_the_reminders_interval_takes_hours(written: str, seconds: int) -> None:
    """--every and remind_every: hours as the README says, and all that worked before."""
    assert parse_duration_text(written, *REMIND_RANGE) == seconds
    node = ScalarNode(STR, written, 0, 0)
    assert parse_duration(node, *REMIND_RANGE, hours=True) == seconds


@pytest.mark.parametrize(
    ("written", "message"),
    [("9h", "9h is out of range: use 5s to 8h"), ("2s", "2s is out of range: use 5s to 8h"),
     ("１h", "'１h' is not a duration"), ("h", "'h' is not a duration"),
     ("1h30", "'1h30' is not a duration"), ("1H", "'1H' is not a duration"),
     ("1_0h", "'1_0h' is not a duration")],
)
def test_hours_keep_the_rules_of_digits_and_range(written: str, message: str) -> None:
    """ASCII digits only, in range, in the order h, m, s."""
    with pytest.raises(DurationError) as caught:
        parse_duration_text(written, *REMIND_RANGE)
    assert str(caught.value).startswith(message)


def test_a_routines_holds_take_no_hours() -> None:
    """A hold is seconds and minutes, as the README writes it: `1h` is refused there with the
    routine's own message (unchanged)."""
    with pytest.raises(DurationError) as caught:
        parse_duration(ScalarNode(STR, "1h", 0, 0), 1, 3600)
    assert str(caught.value) == f"'1h' {ROUTINE_MESSAGE}"
    assert parse_duration(ScalarNode(STR, "1m30s", 0, 0), 1, 3600) == 90


def test_remind_every_in_hours_in_settings_and_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`remind_every: 1h30m` is read; `9h` says the range with hours; --every 2h works."""
    path = write(paths.config_dir(), FILE_NAME, "remind_every: 1h30m\n")
    read = read_settings()
    assert read.problems == [] and read.settings.remind_every == "1h30m"
    write(paths.config_dir(), FILE_NAME, "remind_every: 9h\n")
    assert [str(p) for p in read_settings().problems] == [
        f"{path}:1:15: remind_every must be a duration from 5s to 8h, like 50m, 1h or 1h30m, "
        "not '9h'"
    ]
    write(paths.config_dir(), FILE_NAME, "")
    assert main(["remind", "--print-service", "--every", "2h"]) == 0
    assert "remind --desktop --every 2h" in capsys.readouterr().out


# -- a session recorded in the future --------------------------------------------------------


class History:
    """A history that only knows when the last session ended, and today's breaks."""

    def __init__(self) -> None:
        self.ended: datetime | None = None
        self.days: list[date] = []
        self.counts: dict[str, int] = {}

    def last_session_end(self) -> datetime | None:
        return self.ended

    def break_counts(self, day: date) -> dict[str, int]:
        self.days.append(day)
        return self.counts


class Recorder:
    """A recorder running reads on the stand-in history, at once."""

    def __init__(self) -> None:
        self.history = History()
        self.breaks: list[str] = []

    def query(self, fn: Callable[[History], Any]) -> Any:
        return fn(self.history)

    def record_break(self, kind: str, routine: str) -> None:
        self.breaks.append(kind)


def reminder_at(start: datetime, every: float) -> tuple[Reminder, Clocks, Recorder]:
    clocks = Clocks(start)
    recorder = Recorder()
    reminder = Reminder(clocks.schedule(every), "desk-break", "50m", cast(HistoryRecorder, recorder))
    return reminder, clocks, recorder


def test_a_session_recorded_in_the_future_holds_no_break_back() -> None:
    """A session whose end is a day ahead of the clock (recorded while the clock was wrong)
    counts as finished now, once: looks every five minutes do not restart the wait again, the
    break comes due on time, and the same end does nothing once the clock has passed it."""
    reminder, clocks, recorder = reminder_at(MONDAY_9, 3000)
    recorder.history.ended = MONDAY_9 + timedelta(days=1)
    clocks.run(600)
    assert reminder.elsewhere() is not None  # treated as finished now
    assert reminder.schedule.remaining() == 3000
    changes = []
    for _ in range(10):  # 50 minutes of looks, the history every five of them
        clocks.run(300)
        assert reminder.elsewhere() is None
        changes.append(reminder.look())
    assert [c.news.value for c in changes if c is not None] == ["due"]
    assert reminder.schedule.status is Status.DUE
    clocks.run(86400)  # the clock passes the recorded end: still the same old session
    assert not reminder.schedule.session_finished(MONDAY_9 + timedelta(days=1))


def test_sessions_in_the_past_still_reset_the_wait() -> None:
    """A real session after the wait began resets it; one before it, or the same one again,
    does not."""
    reminder, clocks, recorder = reminder_at(MONDAY_9, 3000)
    clocks.run(1200)
    recorder.history.ended = MONDAY_9 - timedelta(minutes=1)
    assert reminder.elsewhere() is None
    recorder.history.ended = clocks.wall - timedelta(seconds=10)
    assert reminder.elsewhere() is not None and reminder.schedule.remaining() == 3000
    clocks.run(300)
    assert reminder.elsewhere() is None
    assert reminder.schedule.check() is None and reminder.schedule.remaining() == 2700


# -- today starts at midnight ----------------------------------------------------------------


def test_todays_counts_start_again_at_midnight_with_nothing_noted() -> None:
    """Waiting since yesterday, with no break noted since: after midnight the line says
    today's counts (none), and the history is asked for the new day's."""
    reminder, clocks, recorder = reminder_at(datetime(2026, 11, 23, 23, 0), 3000)
    reminder.note("due")
    reminder.note("snoozed")
    assert reminder.today_text() == "Today: 0 taken, 1 snoozed, 0 skipped"
    clocks.run(3600)  # 00:00 on Tuesday, and nothing noted
    assert reminder.today_text() == "Today: 0 taken, 0 snoozed, 0 skipped"
    assert reminder.counts["due"] == 0
    recorder.history.counts = {"taken": 2}
    reminder.load_counts()
    assert recorder.history.days == [date(2026, 11, 24)]
    reminder.note("due")  # counts loaded for today are kept, not started again
    assert reminder.counts["taken"] == 2 and reminder.counts["due"] == 1


def test_counts_loaded_just_before_midnight_are_of_the_day_asked_for() -> None:
    """Counts asked for at 23:59 are that day's; the first look after midnight starts again."""
    reminder, clocks, recorder = reminder_at(datetime(2026, 11, 23, 23, 59), 3000)
    recorder.history.counts = {"skipped": 3}
    reminder.load_counts()
    assert reminder.today_text() == "Today: 0 taken, 0 snoozed, 3 skipped"
    clocks.run(120)
    assert reminder.look() is None
    assert reminder.counts["skipped"] == 0


def test_the_waiting_screen_shows_todays_counts_after_midnight() -> None:
    """The waiting screen, left alone across midnight: its next look shows today's line."""
    reminder, clocks, _ = reminder_at(datetime(2026, 11, 23, 23, 58), 3000)
    app = RemindApp(reminder, clock=FakeClock(), player=RecordingPlayer())

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, RemindScreen)
        await app.workers.wait_for_complete()  # today's counts loaded at mount
        reminder.note("taken")  # a break on Monday
        screen.look()
        await pilot.pause()
        assert text(app, "#remind-today") == "Today: 1 taken, 0 snoozed, 0 skipped"
        clocks.run(180)  # 00:01 on Tuesday, nothing noted since
        screen.look()
        await pilot.pause()
        assert text(app, "#remind-today") == "Today: 0 taken, 0 snoozed, 0 skipped"
        assert text(app, "#remind-headline") == "Next break in 47 min"
        await pilot.press("q")

    drive(app, scenario)


def test_a_session_stamped_in_the_future_does_not_hide_later_real_ones(tmp_path: Path) -> None:
    """A row whose end lies a year ahead (a clock wrong once) does not stand for the last
    session: a real session after it is what the reminder sees."""
    from datetime import UTC, timedelta

    from stretchtimer.history.store import History

    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    db = tmp_path / "h.db"
    for when in (now + timedelta(days=365), now - timedelta(minutes=5)):

        def at(moment: datetime = when) -> datetime:
            return moment

        h = History(db, now=at)
        sid = h.begin("morning", "", "Morning", 8, None)
        h.end(sid, "completed", 8, 300.0)
        h.close()
    h = History(db, now=lambda: now)
    assert h.last_session_end() == now - timedelta(minutes=5)
    h.close()
