"""Provides streak and calendar arithmetic over the local days sessions happened on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo


def local_day(utc_iso: str, tz: tzinfo | None) -> date:
    """The local calendar day of a UTC ISO timestamp (tz None: this machine's zone)."""
    moment = datetime.fromisoformat(utc_iso)
    return moment.astimezone(tz).date()


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days. The current run may end today or yesterday:
    a streak is not broken until a whole day has passed without a session."""
    ordered = sorted(set(days))
    longest = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if ordered and (today - ordered[-1]).days <= 1:
        current = run
    return current, longest


def streak_text(current: int, earlier_today: int = 0) -> str:
    """`3 days in a row`, `Day 1 of a new streak`, or empty; for a second session on the same
    day (`earlier_today` sessions completed before it), `2nd session today` and the streak
    as it stands, never the news of a new one."""
    if earlier_today:
        n = earlier_today + 1
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n if n < 20 else n % 10, "th")
        days = f"; {current} days in a row" if current >= 2 else ""
        return f"{n}{suffix} session today{days}"
    if current >= 2:
        return f"{current} days in a row"
    if current == 1:
        return "Day 1 of a new streak"
    return ""


def week_start(today: date) -> date:
    """The Monday of today's week."""
    return today - timedelta(days=today.weekday())


def calendar_weeks(minutes: dict[date, float], today: date, weeks: int = 12) -> list[list[float]]:
    """Minutes per day for the last `weeks` weeks: 7 rows (Mon..Sun) of `weeks` columns.
    Days after today are -1 (not yet)."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    grid: list[list[float]] = [[0.0] * weeks for _ in range(7)]
    for w in range(weeks):
        for d in range(7):
            day = first + timedelta(weeks=w, days=d)
            grid[d][w] = -1.0 if day > today else minutes.get(day, 0.0)
    return grid
