"""Provides the progress page: streaks, minutes this week, a 12-week calendar, top routines."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stretchtimer.core.streaks import calendar_weeks, week_start
from stretchtimer.core.text import one_line
from stretchtimer.present.history import heat_map, month_header, sparkline

if TYPE_CHECKING:  # SQLite loads only where a history is opened
    from stretchtimer.history.store import History


def progress_text(history: History) -> str:
    """Everything the progress screen shows, as lines of text."""
    current, longest = history.streaks()
    today = history.now().astimezone().date()
    minutes = history.minutes_by_day()
    monday = week_start(today)
    week = sum(m for day, m in minutes.items() if monday <= day <= today)
    out = [
        f"Current streak: {current} day{'s' * (current != 1)}    Longest: {longest}",
        f"This week: {week:.0f} min holding stretches",
        "",
        "Last 12 weeks (a square a day; darker is more; - none; · not yet):",
    ]
    first = monday - timedelta(weeks=11)
    out.append(month_header([first + timedelta(weeks=w) for w in range(12)]))
    out += heat_map(calendar_weeks(minutes, today))
    top = history.routine_counts()
    if top:
        out += ["", "Most used:"] + [f"  {one_line(title)}: {n}" for title, n in top]
    feelings = [f for _, f in history.feelings()]
    if feelings:
        out += ["", "How your back felt after each session (0-9, oldest to newest):"]
        out.append(f"  {sparkline(feelings[-60:])}")
        out.append(f"  last: {feelings[-1]}, average: {sum(feelings) / len(feelings):.1f}")
    return "\n".join(out)
