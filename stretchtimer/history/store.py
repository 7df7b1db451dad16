"""Provides the history store: every session and reminder break in SQLite, written and read."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Side
from stretchtimer.core.records import Decision, StepRecord
from stretchtimer.core.text import utf8_name
from stretchtimer.history import coach_rows, odd
from stretchtimer.history.connection import open_database
from stretchtimer.history.reads import HistoryReads, pid_alive
from stretchtimer.history.row import STATUSES as STATUSES  # re-exported: still here
from stretchtimer.history.row import BreakRow, SessionRow
from stretchtimer.history.schema import MIGRATIONS as MIGRATIONS  # re-exported: still here
from stretchtimer.history.schema import VERSION as VERSION
from stretchtimer.history.view import HistoryView, read_history

LOCK_WAIT = 5.0
"""Seconds to wait for another process's lock before giving up on the history (the default:
tests pass a shorter wait rather than sit through this one)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class History(HistoryReads):
    """The sessions database, for what records (a session, a reminder): opened, created and
    migrated as needed; one connection; safe alongside other processes (WAL). What only reads
    uses view.read_history instead, which changes nothing."""

    def __init__(
        self, path: Path, now: Callable[[], datetime] = _utc_now, lock_wait: float = LOCK_WAIT
    ) -> None:
        self.path = path
        self.now = now
        self.lock_wait = lock_wait
        """Seconds to wait for another process's lock, on opening and on every statement."""
        self.conn, notice = open_database(path, now, lock_wait)
        self.notice = notice
        """Set when something had to be said (a corrupt file moved aside)."""

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # -- writing ------------------------------------------------------------------------------

    def begin(self, routine: str, path: str, title: str, total: int, lead: Side | None) -> int:
        """Record a session as it starts; returns its id."""
        cur = self.conn.execute(
            "INSERT INTO sessions (routine, path, title, started_utc, status, segments_total,"
            " lead_side, pid) VALUES (?, ?, ?, ?, 'running', ?, ?, ?)",
            (
                utf8_name(routine),  # a name made from a file name that is not UTF-8
                utf8_name(path),
                title,
                self.now().isoformat(),
                total,
                lead.value if lead else None,
                os.getpid(),
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def end(
        self,
        session_id: int,
        status: str,
        segments_done: int,
        seconds_held: float,
        pain_exercise: str | None = None,
        pain_side: str | None = None,
        steps: tuple[StepRecord, ...] | None = None,
    ) -> None:
        """Close a session's row, and write its steps (when given) in the same transaction."""
        if status not in STATUSES:
            raise ValueError(status)
        with self.transaction():
            self._end(session_id, status, segments_done, seconds_held, pain_exercise, pain_side)
            if steps is not None:
                coach_rows.write_steps(self.conn, session_id, steps)

    def transaction(self) -> Transaction:
        """`with history.transaction():` the statements inside commit together or not at
        all."""
        return Transaction(self.conn)

    def _end(
        self,
        session_id: int,
        status: str,
        segments_done: int,
        seconds_held: float,
        pain_exercise: str | None,
        pain_side: str | None,
    ) -> None:
        self.conn.execute(
            "UPDATE sessions SET ended_utc = ?, status = ?, segments_done = ?, seconds_held = ?,"
            " pain_exercise = ?, pain_side = ?, pid = NULL WHERE id = ?",
            (
                self.now().isoformat(),
                status,
                segments_done,
                round(seconds_held, 1),
                pain_exercise,
                pain_side,
                session_id,
            ),
        )

    def set_feeling(self, session_id: int, feeling: int | None) -> None:
        """Store how the back felt after the session (0-9), or clear it."""
        if feeling is not None and not 0 <= feeling <= 9:
            raise ValueError(feeling)
        self.conn.execute("UPDATE sessions SET feeling = ? WHERE id = ?", (feeling, session_id))

    def set_pain(self, session_id: int, when: str, score: int | None, region: str) -> None:
        """Store how much it hurt (0 none to 10 worst) `before` or `after` the session, and
        the body region the question was about."""
        if when not in ("before", "after"):
            raise ValueError(when)
        if score is not None and not 0 <= score <= 10:
            raise ValueError(score)
        self.conn.execute(
            f"UPDATE sessions SET pain_{when} = ?, pain_region = ? WHERE id = ?",
            (score, region, session_id),
        )

    def completed_today_before(self, session_id: int, tz: tzinfo | None = None) -> int:
        """How many sessions were completed earlier today than this one (local day)."""
        today = self.now().astimezone(tz).date()
        rows = self.conn.execute(
            "SELECT started_utc FROM sessions WHERE status = 'completed' AND id < ?",
            (session_id,),
        )
        return sum(1 for (started,) in rows if odd.day(started, tz) == today)

    def record_check(self, region: str, score: int | None) -> None:
        """Note the next-morning check's answer (None: asked and skipped)."""
        coach_rows.add_check(self.conn, self.now(), region, score)

    def record_decision(self, decision: Decision) -> None:
        """Note what the user did with a suggestion."""
        coach_rows.add_decision(self.conn, self.now(), decision)

    def record_break(self, kind: str, routine: str) -> None:
        """Note a break that came due, or was taken, snoozed or skipped."""
        self.conn.execute(
            "INSERT INTO breaks (at_utc, kind, routine) VALUES (?, ?, ?)",
            (self.now().isoformat(), kind, utf8_name(routine)),
        )

    def close_orphans(self) -> int:
        """Mark sessions whose process died as interrupted; returns how many."""
        rows = self.conn.execute("SELECT id, pid FROM sessions WHERE status = 'running'").fetchall()
        dead = [(row_id,) for row_id, pid in rows if pid != os.getpid() and not pid_alive(pid)]
        if dead:
            self.conn.executemany(
                "UPDATE sessions SET status = 'interrupted', pid = NULL WHERE id = ?", dead
            )
        return len(dead)


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def read_all(
    path: Path, since: date | None = None
) -> tuple[list[SessionRow], int, int, str, list[BreakRow]]:
    """What `history` shows, read in one go and read-only (no history yet: nothing, and
    nothing is created): (sessions newest first, current streak, longest streak, a notice or
    "", breaks newest first). Any fault of the store is a HistoryError naming the file."""

    def read(view: HistoryView) -> tuple[list[SessionRow], int, int, str, list[BreakRow]]:
        current, longest = view.streaks()
        return view.recent(since=since), current, longest, "", view.breaks(since)

    found = read_history(path, read, check=True)
    return found if found is not None else ([], 0, 0, "", [])


def read_steps(path: Path) -> dict[int, list[StepRecord]]:
    """Every session's steps by its id, read-only (no history: none)."""
    found = read_history(path, lambda view: coach_rows.step_rows(view.conn))
    return found if found is not None else {}


def parse_since(text: str) -> date:
    """`--since YYYY-MM-DD`."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.single("--since", f"'{text}' is not a date like 2026-11-25") from None
