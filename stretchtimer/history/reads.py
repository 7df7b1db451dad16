"""Provides the history's queries: sessions, lead sides, streaks, minutes, pains and breaks,
each of which reads past a row another tool or a hand edit made odd (see odd.py)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from stretchtimer.core.model import Side
from stretchtimer.core.records import Decision, MorningCheck, SessionRecord
from stretchtimer.core.streaks import streaks
from stretchtimer.core.text import utf8_name
from stretchtimer.history import coach_rows, odd
from stretchtimer.history.row import (
    BREAK_COLUMNS,
    BREAK_KINDS,
    SESSION_COLUMNS,
    BreakRow,
    SessionRow,
)

_COLUMNS = ", ".join(SESSION_COLUMNS)


def pid_alive(pid: object) -> bool:
    """Whether the process that wrote a `running` row is still there (a pid that is not a
    number is not)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return False
    return True


FUTURE_SLACK = timedelta(minutes=1)
"""How far ahead of this machine's clock an end may lie and still count as past (clocks
of two machines differ a little)."""


RECENT_DAYS = 60
"""The coach and the progress page read this many days back: every rule looks at 14 days at
most (a baseline of 7 days with data two weeks ago), so a long history costs no more than a
short one."""
ENOUGH_DAYS = 7
"""Fewer days with a session than this in the window: the whole history is read (a sparse
one is a small one), so a baseline and a gap are still found."""


class HistoryReads:
    """The reading half of History (and all of HistoryView): its queries, over the connection
    either opens."""

    conn: sqlite3.Connection
    now: Callable[[], datetime]

    def _rows(self, where: str = "", args: tuple[Any, ...] = ()) -> Iterator[SessionRow]:
        """Sessions, newest first; a `running` row whose process is gone reads as the
        `interrupted` it will be marked (reading never writes)."""
        sql = f"SELECT {_COLUMNS}, pid FROM sessions {where} ORDER BY started_utc DESC, id DESC"
        for *values, pid in self.conn.execute(sql, args):
            if values[SESSION_COLUMNS.index("status")] == "running" and not pid_alive(pid):
                values[SESSION_COLUMNS.index("status")] = "interrupted"
            yield odd.session_row(values)

    def recent(self, since: date | None = None, limit: int | None = None) -> list[SessionRow]:
        """Sessions, newest first, optionally on or after a local date (a row without a
        readable date is then left out: no one can say when it was)."""
        rows = list(self._rows())
        if since is not None:
            rows = [r for r in rows if (odd.day(r.started_utc) or date.min) >= since]
        return rows[:limit] if limit else rows

    def last_lead(self, routine: str) -> Side | None:
        """The side that led the last run of this routine (rows without a readable start
        are passed over)."""
        rows = self.conn.execute(
            "SELECT started_utc, lead_side FROM sessions WHERE routine = ?"
            " AND lead_side IN ('left', 'right') ORDER BY started_utc DESC, id DESC",
            (utf8_name(routine),),
        )
        for started, lead in rows:
            if odd.day(started) is not None:
                return Side(lead)
        return None

    def next_lead(self, routine: str) -> Side:
        """The side to lead with next time: the other one than last time."""
        last = self.last_lead(routine)
        return last.other if last else Side.LEFT

    def completed_days(self, tz: tzinfo | None = None) -> set[date]:
        """Local days with at least one completed session."""
        rows = self.conn.execute("SELECT started_utc FROM sessions WHERE status = 'completed'")
        return {d for (started,) in rows if (d := odd.day(started, tz)) is not None}

    def streaks(self, tz: tzinfo | None = None) -> tuple[int, int]:
        """(current, longest) streak of days with a completed session."""
        today = self.now().astimezone(tz).date()
        return streaks(self.completed_days(tz), today)

    def minutes_by_day(
        self, tz: tzinfo | None = None, since: date | None = None
    ) -> dict[date, float]:
        """Minutes held per local day (all sessions that say when and how long; from
        `since` on, when given)."""
        out: dict[date, float] = {}
        after = "" if since is None else (since - timedelta(days=2)).isoformat()
        for started, held in self.conn.execute(
            "SELECT started_utc, seconds_held FROM sessions WHERE started_utc >= ?", (after,)
        ):
            day = odd.day(started, tz)
            try:
                minutes = odd.seconds(held) / 60
            except odd.Odd:
                continue
            if day is not None and (since is None or day >= since):
                out[day] = out.get(day, 0.0) + minutes
        return out

    def routine_counts(self) -> list[tuple[str, int]]:
        """(title, runs) of the 5 routines run most (any status: a run stopped or quit was
        still run), most first; the title its latest run had (SQLite takes a bare column
        from the row MAX picks)."""
        rows = self.conn.execute(
            "SELECT title, COUNT(*), MAX(started_utc) FROM sessions"
            " GROUP BY routine ORDER BY COUNT(*) DESC, title LIMIT 5"
        )
        return [(_text(title), int(n)) for title, n, _ in rows]

    def pains(self) -> list[SessionRow]:
        """Sessions with a pain score before or after, oldest first (damaged rows left out)."""
        rows = self._rows("WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL")
        return [r for r in reversed(list(rows)) if not r.damaged]

    def pain_stops(self, since: date | None = None) -> list[tuple[str, str | None, int]]:
        """(exercise, side, how many times) a session was stopped for pain there, most first
        (stamped from about `since` on, when given)."""
        after = "" if since is None else (since - timedelta(days=1)).isoformat()
        rows = self.conn.execute(
            "SELECT pain_exercise, pain_side, COUNT(*) FROM sessions"
            " WHERE status = 'stopped' AND pain_exercise IS NOT NULL AND started_utc >= ?"
            " GROUP BY pain_exercise, pain_side ORDER BY COUNT(*) DESC, pain_exercise",
            (after,),
        )
        return [(_text(ex), side if side in odd.SIDES else None, int(n)) for ex, side, n in rows]

    def breaks(self, since: date | None = None) -> list[BreakRow]:
        """Breaks, newest first, optionally on or after a local date."""
        rows = [
            odd.break_row(row)
            for row in self.conn.execute(
                f"SELECT {', '.join(BREAK_COLUMNS)} FROM breaks ORDER BY at_utc DESC, id DESC"
            )
        ]
        return [r for r in rows if since is None or (odd.day(r.at_utc) or date.min) >= since]

    def break_counts(self, day: date, tz: tzinfo | None = None) -> dict[str, int]:
        """How many breaks came due, were taken, snoozed and skipped on a local day."""
        counts = dict.fromkeys(BREAK_KINDS, 0)
        for at, kind in self.conn.execute("SELECT at_utc, kind FROM breaks"):
            if kind in counts and odd.day(at, tz) == day:
                counts[kind] += 1
        return counts

    def breaks_taken_by_day(self, tz: tzinfo | None = None) -> dict[date, int]:
        """Breaks taken per local day."""
        out: dict[date, int] = {}
        for (at,) in self.conn.execute("SELECT at_utc FROM breaks WHERE kind = 'taken'"):
            day = odd.day(at, tz)
            if day is not None:
                out[day] = out.get(day, 0) + 1
        return out

    def last_session_end(self) -> datetime | None:
        """When the last session run to its end finished (by any process): a reminder waiting
        since before then starts its wait afresh."""
        ends = self.conn.execute(
            "SELECT ended_utc FROM sessions WHERE status IN ('completed', 'partial')"
            " AND ended_utc IS NOT NULL"
        )
        moments = list(_moments(end for (end,) in ends))
        # A row stamped in the future (a clock that was wrong once) must not hide the real
        # sessions after it: the latest end that has happened wins; only when every end lies
        # ahead is the latest of those given (the schedule counts it as "now", once).
        now = self.now() + FUTURE_SLACK
        past = [m for m in moments if m.astimezone() <= now.astimezone()]
        return max(past or moments, default=None)

    def records(self, since: date | None = None) -> list[SessionRecord]:
        """Every session with its steps, oldest first, as the coach reads them."""
        return [record for _, record in coach_rows.session_records(self.conn, since)]

    def lately(self) -> tuple[date | None, list[SessionRecord], list[MorningCheck]]:
        """What the coach and the progress page read: the last RECENT_DAYS days of sessions
        and checks (or all of them, when that window is sparse), and the first day read
        (None: all)."""
        since: date | None = self.now().astimezone().date() - timedelta(days=RECENT_DAYS)
        records = self.records(since=since)
        if len({r.day for r in records}) < ENOUGH_DAYS:
            since, records = None, self.records()
        return since, records, self.checks(since=since)

    def checks(self, since: date | None = None) -> list[MorningCheck]:
        """Every next-morning check (around `since` and after), oldest first."""
        return coach_rows.check_rows(self.conn, since)

    def decisions(self) -> list[Decision]:
        """Every decision on a suggestion, oldest first."""
        return coach_rows.decision_rows(self.conn)

    def feelings(self) -> list[tuple[str, int]]:
        """(started_utc, feeling) of sessions with a score, oldest first."""
        rows = self.conn.execute(
            "SELECT started_utc, feeling FROM sessions WHERE feeling IS NOT NULL"
            " ORDER BY started_utc"
        )
        out: list[tuple[str, int]] = []
        for started, feeling in rows:
            try:
                out.append((_text(started), odd.whole(feeling, 0, 9)))
            except odd.Odd:
                continue
        return out


def _text(value: object) -> str:
    return odd.text(value) if value is not None else ""


def _moments(values: Iterator[object]) -> Iterator[datetime]:
    for value in values:
        try:
            yield odd.moment(value)
        except odd.Odd:
            continue
