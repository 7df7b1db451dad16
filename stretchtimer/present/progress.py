"""Provides the progress page: streaks, minutes this week, a 12-week calendar, top routines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from stretchtimer.core.streaks import calendar_weeks, week_start
from stretchtimer.core.text import one_line
from stretchtimer.history.row import SessionRow
from stretchtimer.present.history import heat_map, month_header, sparkline, when

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
    out += breaks_lines(history, today)
    out += pain_lines(history)
    feelings = [f for _, f in history.feelings()]
    if feelings:
        out += ["", "How your back felt after, the earlier question (0 worst to 9 best):"]
        out.append(f"  {sparkline(feelings[-60:])}")
        out.append(f"  last: {feelings[-1]}, average: {sum(feelings) / len(feelings):.1f}")
    return "\n".join(out)


def pain_lines(history: History) -> list[str]:
    """Pain before and after (0 none to 10 worst): the last sessions by date, the average
    change by routine, and where sessions were stopped for pain."""
    out: list[str] = []
    rows = history.pains()
    if rows:
        out += ["", "Pain, 0 (none) to 10 (worst), before -> after:"]
        for r in rows[-7:]:
            out.append(f"  {when(r.started_utc)[:10]}  {one_line(r.title)}: {_arrow(r)}")
        by_routine: dict[str, list[int]] = {}
        for r in rows:
            if r.pain_before is not None and r.pain_after is not None:
                by_routine.setdefault(one_line(r.title), []).append(r.pain_after - r.pain_before)
        if by_routine:
            out.append("  Average change by routine:")
            for title, changes in sorted(by_routine.items()):
                mean = sum(changes) / len(changes)
                out.append(f"    {title}: {mean:+.1f} over {len(changes)} session(s)")
    stops = history.pain_stops()
    if stops:
        out += ["", "Stopped because it hurt:"]
        for exercise, side, n in stops:
            where = one_line(exercise) + (f" ({one_line(side)} side)" if side else "")
            out.append(f"  {where}: {n} time{'s' * (n != 1)}")
    return out


def _arrow(r: SessionRow) -> str:
    """`6 -> 3`; `not asked -> 3` when there was no question before (off by default), and
    `6 -> skipped` when the one after went unanswered."""
    before = "not asked" if r.pain_before is None else str(r.pain_before)
    after = "skipped" if r.pain_after is None else str(r.pain_after)
    return f"{before} -> {after}"


def breaks_lines(history: History, today: date) -> list[str]:
    """Breaks taken per day over the last week, beside the sessions (none: nothing shown)."""
    taken = history.breaks_taken_by_day()
    if not taken:
        return []
    days = [today - timedelta(days=n) for n in range(6, -1, -1)]
    cells = "  ".join(f"{d.strftime('%a')} {taken.get(d, 0)}" for d in days)
    return ["", "Breaks taken from reminders, the last 7 days:", f"  {cells}"]
