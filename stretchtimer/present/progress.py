"""Provides the progress page: the pain in words first, then streaks, calendar and the rest."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from stretchtimer.core.records import MorningCheck, SessionRecord
from stretchtimer.core.streaks import calendar_weeks, week_start
from stretchtimer.core.text import one_line
from stretchtimer.present.history import heat_map, month_header, sparkline
from stretchtimer.present.progress_exercises import Names, exercise_lines
from stretchtimer.present.progress_words import read_span, routine_lines, trend_lines

if TYPE_CHECKING:  # SQLite loads only where a history is opened
    from stretchtimer.history.reads import HistoryReads


def progress_text(history: HistoryReads, names: Names | None = None) -> str:
    """Everything the progress screen shows, as lines of text: the pain trend per region,
    streaks, minutes and the calendar, each routine, each exercise, the routines run most,
    breaks and the earlier feelings. `names` turns an exercise id into its title."""
    today = history.now().astimezone().date()
    since, records, checks = coach_reads(history)  # read once: all three share it
    span = read_span(records, checks)
    out = trend_lines(span)
    out += ["", *calendar_lines(history, today)]
    out += routine_lines(span)
    out += exercise_lines(records, history.pain_stops(since), names, since)
    top = history.routine_counts()
    if top:
        out += ["", "Most used:"] + [f"  {one_line(title)}: {n}" for title, n in top]
    out += breaks_lines(history, today)
    out += feeling_lines(history)
    return "\n".join(out)


def coach_reads(
    history: HistoryReads,
) -> tuple[date | None, list[SessionRecord], list[MorningCheck]]:
    """The recent sessions with their steps and the morning checks, and the first day they
    cover (None: all); none from a table another tool made without the steps and checks
    tables (its sessions still show in the rest)."""
    import sqlite3  # loaded already: a history is open

    try:
        return history.lately()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return None, [], []


def calendar_lines(history: HistoryReads, today: date) -> list[str]:
    """The streaks, the minutes this week and the 12-week calendar."""
    current, longest = history.streaks()
    monday = week_start(today)
    minutes = history.minutes_by_day(since=monday - timedelta(weeks=11))
    week = sum(m for day, m in minutes.items() if monday <= day <= today)
    first = monday - timedelta(weeks=11)
    return [
        f"Current streak: {current} day{'s' * (current != 1)}    Longest: {longest}",
        f"This week: {week:.0f} min holding stretches",
        "",
        "Last 12 weeks (a square a day; darker is more; - none; · not yet):",
        month_header([first + timedelta(weeks=w) for w in range(12)]),
        *heat_map(calendar_weeks(minutes, today)),
    ]


def feeling_lines(history: HistoryReads) -> list[str]:
    """The earlier 0-9 question's answers as a sparkline (none: nothing shown)."""
    feelings = [f for _, f in history.feelings()]
    if not feelings:
        return []
    return [
        "",
        "How your back felt after, the earlier question (0 worst to 9 best):",
        f"  {sparkline(feelings[-60:])}",
        f"  last: {feelings[-1]}, average: {sum(feelings) / len(feelings):.1f}",
    ]


def breaks_lines(history: HistoryReads, today: date) -> list[str]:
    """Breaks taken per day over the last week, beside the sessions (none: nothing shown)."""
    taken = history.breaks_taken_by_day()
    if not taken:
        return []
    days = [today - timedelta(days=n) for n in range(6, -1, -1)]
    cells = "  ".join(f"{d.strftime('%a')} {taken.get(d, 0)}" for d in days)
    return ["", "Breaks taken from reminders, the last 7 days:", f"  {cells}"]
