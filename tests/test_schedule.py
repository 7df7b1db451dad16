"""Tests the reminder schedule on fake clocks: intervals, hours and days, snooze, skip, a
session finished elsewhere, and suspends."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from fakes import Clocks

from stretchtimer.core.schedule import Change, Schedule, Status, Window, parse_window

MONDAY_9 = datetime(2026, 11, 23, 9, 0)  # a Monday, local time


def run_checks(clocks: Clocks, schedule: Schedule, seconds: int, step: int = 30) -> list[Change]:
    """Look every `step` seconds, as the waiting screen does; what changed."""
    seen = []
    for _ in range(seconds // step):
        clocks.run(step)
        change = schedule.check()
        if change:
            seen.append(change)
    return seen


def test_a_break_comes_due_after_each_interval_once() -> None:
    """Every 50 minutes: due once at 50, not again until dealt with; skip waits a whole one."""
    clocks = Clocks(MONDAY_9)
    s = clocks.schedule(50 * 60)
    assert s.remaining() == 3000
    assert run_checks(clocks, s, 49 * 60) == []
    assert run_checks(clocks, s, 60) == [Change.DUE]
    assert s.status is Status.DUE and s.remaining() is None
    assert run_checks(clocks, s, 600) == []  # still due, said once
    s.skip()
    assert s.status.value == "waiting" and s.remaining() == 3000


def test_snooze_asks_again_after_ten_minutes() -> None:
    clocks = Clocks(MONDAY_9)
    s = clocks.schedule(600)
    assert run_checks(clocks, s, 600) == [Change.DUE]
    s.snooze(600)
    assert run_checks(clocks, s, 570) == []
    assert run_checks(clocks, s, 30) == [Change.DUE]


def test_hours_and_days_on_the_wall_clock() -> None:
    """09:00-17:30 on weekdays: nothing at 17:45 or on Saturday; the wait starts afresh when
    the hours begin again (Monday 09:00), not counting the night."""
    clocks = Clocks(datetime(2026, 11, 27, 17, 0))  # a Friday
    s = clocks.schedule(3600, parse_window("09:00-17:30", "mon-fri"))
    assert s.status is Status.WAITING
    assert run_checks(clocks, s, 1860, step=60) == [Change.HOURS_END]
    assert s.status.value == "off-hours" and s.remaining() is None
    clocks.run(2 * 86400 + 16 * 3600)  # to Monday 09:31
    assert s.check() is Change.HOURS_BEGIN
    assert s.remaining() == 3600


def test_a_session_finished_elsewhere_resets_the_wait() -> None:
    """A session that ended after the wait began (in another terminal, say) starts it afresh;
    one that ended before does not."""
    clocks = Clocks(MONDAY_9)
    s = clocks.schedule(3000)
    run_checks(clocks, s, 1200)
    assert not s.session_finished(MONDAY_9 - timedelta(minutes=5))
    assert s.remaining() == 1800
    assert s.session_finished(clocks.wall - timedelta(seconds=30))
    assert s.remaining() == 3000


def test_a_suspend_longer_than_the_interval_starts_afresh() -> None:
    """Asleep for an hour with a 50-minute interval: on waking the wait starts afresh (not a
    reminder the moment the lid opens); asleep for ten minutes: the wait just resumes, with
    the sleep not counted. A look that comes a whole short interval later (the screen sleeps
    until the break is due) is no absence."""
    clocks = Clocks(MONDAY_9)
    s = clocks.schedule(3000)
    run_checks(clocks, s, 1200)
    clocks.sleep(600)
    assert s.check() is None and s.remaining() == 1800
    clocks.sleep(3600)
    assert s.check() is Change.SUSPENDED and s.remaining() == 3000
    clocks.run(3100)  # the program stopped (SIGSTOP) for longer than the interval
    assert s.check() is Change.SUSPENDED
    short = clocks.schedule(12)
    clocks.run(short.next_look())
    assert short.check() is Change.DUE


def test_next_look_wakes_only_when_the_minutes_shown_change() -> None:
    clocks = Clocks(MONDAY_9)
    s = clocks.schedule(600)
    clocks.run(15)  # 585 s left: shown as 10 min until 540 s
    assert s.next_look() == pytest.approx(45.01)
    clocks.run(560)  # 25 s left: wake when due
    assert s.next_look() == pytest.approx(25.01)


@pytest.mark.parametrize(
    ("between", "days", "inside", "outside"),
    [
        ("09:00-17:30", "mon-fri", datetime(2026, 11, 24, 12, 0), datetime(2026, 11, 28, 12, 0)),
        ("22:00-02:00", None, datetime(2026, 11, 24, 1, 0), datetime(2026, 11, 24, 3, 0)),
        (None, "sat,sun", datetime(2026, 11, 29, 8, 0), datetime(2026, 11, 27, 8, 0)),
        (None, "fri-mon", datetime(2026, 11, 30, 8, 0), datetime(2026, 11, 25, 8, 0)),
    ],
)
def test_windows(between: str | None, days: str | None, inside: datetime, outside: datetime) -> None:
    window = parse_window(between, days)
    assert window.contains(inside) and not window.contains(outside)


@pytest.mark.parametrize(("between", "days"), [("9-5", None), ("09:00", None), (None, "weekdays")])
def test_bad_windows_say_so(between: str | None, days: str | None) -> None:
    with pytest.raises(ValueError, match="is not"):
        parse_window(between, days)


def test_window_defaults_are_always() -> None:
    assert parse_window(None, None) == Window(time(0, 0), time(23, 59, 59), frozenset(range(7)))


def test_a_session_ending_in_the_future_restarts_the_wait_once() -> None:
    """An end ahead of the wall clock (recorded while it was wrong) is a session finished now,
    once: the same end again, before or after the clock passes it, changes nothing."""
    clocks = Clocks(MONDAY_9)
    s = clocks.schedule(3000)
    ahead = MONDAY_9 + timedelta(hours=3)
    run_checks(clocks, s, 600)
    assert s.session_finished(ahead) and s.remaining() == 3000
    for _ in range(9):
        clocks.run(300)
        assert not s.session_finished(ahead)
    assert s.check() is None and s.remaining() == 300
    clocks.run(3 * 3600)
    assert not s.session_finished(ahead)
    assert s.session_finished(clocks.wall - timedelta(seconds=1))  # a real one, later


@pytest.mark.parametrize(
    ("between", "inside", "outside"),
    [
        ("00:00-00:00", datetime(2026, 11, 24, 23, 59, 59, 999999), None),
        ("12:00-12:00", datetime(2026, 11, 24, 11, 59), None),
        ("22:00-06:00", datetime(2026, 11, 24, 5, 59), datetime(2026, 11, 24, 6, 1)),
        ("09:00-24:00", datetime(2026, 11, 24, 23, 59, 59, 500000), datetime(2026, 11, 24, 8, 59)),
    ],
)
def test_whole_day_and_overnight_windows(
    between: str, inside: datetime, outside: datetime | None
) -> None:
    """A start equal to its end is the whole day; 22:00-06:00 runs past midnight; 24:00 is
    the end of the day, to its last instant."""
    window = parse_window(between, None)
    assert window.contains(inside)
    assert outside is None or not window.contains(outside)
