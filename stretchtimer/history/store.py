"""Provides the history store: every session in SQLite, with migrations, WAL and privacy."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Side
from stretchtimer.core.streaks import local_day, streaks
from stretchtimer.core.text import utf8_name
from stretchtimer.history.errors import HistoryError
from stretchtimer.history.row import BREAK_KINDS, BreakRow, SessionRow

LOCK_WAIT = 5.0
"""Seconds to wait for another process's lock before giving up on the history (the default:
tests pass a shorter wait rather than sit through this one)."""
STATUSES = ("running", "completed", "partial", "quit", "stopped", "interrupted")
"""Only `completed` counts for a streak (see Session.held_enough)."""

_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    routine TEXT NOT NULL,
    path TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    started_utc TEXT NOT NULL,
    ended_utc TEXT,
    status TEXT NOT NULL,
    segments_done INTEGER NOT NULL DEFAULT 0,
    segments_total INTEGER NOT NULL DEFAULT 0,
    seconds_held REAL NOT NULL DEFAULT 0,
    pain_exercise TEXT,
    pain_side TEXT,
    pid INTEGER
);
CREATE INDEX sessions_started ON sessions (started_utc);
"""
_V2 = """
ALTER TABLE sessions ADD COLUMN feeling INTEGER CHECK (feeling BETWEEN 0 AND 9);
ALTER TABLE sessions ADD COLUMN lead_side TEXT;
CREATE INDEX sessions_routine ON sessions (routine, started_utc);
"""
_V3 = """
ALTER TABLE sessions ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN pain_region TEXT;
"""
"""Pain the way clinicians count it: 0 (none) to 10 (worst), before and after, and the body
region asked about. `feeling` (0 worst to 9 best, asked until version 3) answers another
question and is kept as it was, unconverted."""
_V4 = """
CREATE TABLE breaks (
    id INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('due', 'taken', 'snoozed', 'skipped')),
    routine TEXT NOT NULL DEFAULT ''
);
CREATE INDEX breaks_at ON breaks (at_utc);
"""
"""Reminders: each break that came due, and what the user did with it."""
MIGRATIONS = (_V1, _V2, _V3, _V4)
"""MIGRATIONS[n] takes a database from user_version n to n + 1."""
VERSION = len(MIGRATIONS)


_COLUMNS = ", ".join(SessionRow.__dataclass_fields__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Malformed(sqlite3.DatabaseError):
    """SQLite's own check found the file damaged."""


_NOT_A_DATABASE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _malformed(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is damaged or not a database (and nothing else:
    a full disk, a lock or a read-only file are faults of the moment, never corruption)."""
    if isinstance(exc, _Malformed):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _NOT_A_DATABASE


class History:
    """The sessions database. One connection; safe alongside other processes (WAL)."""

    def __init__(
        self, path: Path, now: Callable[[], datetime] = _utc_now, lock_wait: float = LOCK_WAIT
    ) -> None:
        self.path = path
        self.now = now
        self.lock_wait = lock_wait
        """Seconds to wait for another process's lock, on opening and on every statement."""
        self.notice = ""
        """Set when something had to be said (a corrupt file moved aside)."""
        self.conn = self._open()

    # -- opening, privacy, corruption, migrations ----------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Open (creating what is missing) and migrate. Only a file SQLite itself finds
        malformed is moved aside; every other fault (a full disk, a read-only file or folder, a
        lock, a newer version, a folder that is a file) is a HistoryError and moves nothing."""
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with contextlib.suppress(OSError):
                os.chmod(folder, stat.S_IRWXU)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            with contextlib.suppress(OSError):
                os.chmod(self.path, stat.S_IRUSR | stat.S_IWUSR)
        except OSError as exc:
            where = exc.filename or self.path
            if isinstance(exc, FileExistsError) or not folder.is_dir():
                raise HistoryError(
                    f"{folder}: is not a folder, so no history can be kept there"
                ) from None
            raise HistoryError(f"{where}: {exc.strerror or exc}") from None
        try:
            return self._connect_and_migrate()
        except HistoryError as exc:
            raise HistoryError(f"{self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            if not _malformed(exc):
                raise HistoryError(f"{self.path}: {exc}") from None
            reason = str(exc)
        try:
            aside = self._move_aside()
            conn = self._connect_and_migrate()
        except (OSError, sqlite3.DatabaseError) as exc:
            raise HistoryError(f"{self.path}: {exc}") from None
        self.notice = (
            f"{self.path}: the history database was damaged ({reason}); it was moved to "
            f"{aside} and a new one started"
        )
        return conn

    def _connect_and_migrate(self) -> sqlite3.Connection:
        """Connect and migrate, retrying while another process holds the lock. Switching to
        WAL and migrating take a lock that SQLite's busy timeout does not always wait for."""
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                conn = self._connect()
                try:
                    self._migrate(conn)
                except BaseException:
                    conn.close()
                    raise
                return conn
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.lock_wait, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {round(self.lock_wait * 1000)}")
            check = conn.execute("PRAGMA integrity_check(1)").fetchone()
            if check is None or check[0] != "ok":
                raise _Malformed(f"integrity_check: {check[0] if check else 'no answer'}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode is None:
                raise sqlite3.OperationalError("cannot set WAL mode")
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = self.now().strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.rename(aside)
        for suffix in ("-wal", "-shm"):
            extra = Path(f"{self.path}{suffix}")
            if extra.exists():
                extra.rename(Path(f"{aside}{suffix}"))
        os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        return aside

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise HistoryError(
                f"the history database is from a newer stretchtimer (format {version}; this "
                f"one reads up to {VERSION}): it is left as it is"
            )
        while version < VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current == version:  # another process may have migrated meanwhile
                    for statement in MIGRATIONS[version].split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            version = conn.execute("PRAGMA user_version").fetchone()[0]

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
    ) -> None:
        """Close a session's row."""
        if status not in STATUSES:
            raise ValueError(status)
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
        return sum(1 for (started,) in rows if local_day(started, tz) == today)

    def record_break(self, kind: str, routine: str) -> None:
        """Note a break that came due, or was taken, snoozed or skipped."""
        self.conn.execute(
            "INSERT INTO breaks (at_utc, kind, routine) VALUES (?, ?, ?)",
            (self.now().isoformat(), kind, utf8_name(routine)),
        )

    def close_orphans(self) -> int:
        """Mark sessions whose process died as interrupted; returns how many."""
        rows = self.conn.execute("SELECT id, pid FROM sessions WHERE status = 'running'").fetchall()
        dead = [(row_id,) for row_id, pid in rows if pid != os.getpid() and not _pid_alive(pid)]
        if dead:
            self.conn.executemany(
                "UPDATE sessions SET status = 'interrupted', pid = NULL WHERE id = ?", dead
            )
        return len(dead)

    # -- reading ------------------------------------------------------------------------------

    def _rows(self, where: str = "", args: tuple[Any, ...] = ()) -> Iterator[SessionRow]:
        sql = f"SELECT {_COLUMNS} FROM sessions {where} ORDER BY started_utc DESC, id DESC"
        for row in self.conn.execute(sql, args):
            yield SessionRow(*row)

    def recent(self, since: date | None = None, limit: int | None = None) -> list[SessionRow]:
        """Sessions, newest first, optionally on or after a local date."""
        rows = list(self._rows())
        if since is not None:
            rows = [r for r in rows if local_day(r.started_utc, None) >= since]
        return rows[:limit] if limit else rows

    def last_lead(self, routine: str) -> Side | None:
        """The side that led the last run of this routine."""
        row = self.conn.execute(
            "SELECT lead_side FROM sessions WHERE routine = ? AND lead_side IS NOT NULL"
            " ORDER BY started_utc DESC, id DESC LIMIT 1",
            (utf8_name(routine),),
        ).fetchone()
        return Side(row[0]) if row and row[0] in ("left", "right") else None

    def next_lead(self, routine: str) -> Side:
        """The side to lead with next time: the other one than last time."""
        last = self.last_lead(routine)
        return last.other if last else Side.LEFT

    def completed_days(self, tz: tzinfo | None = None) -> set[date]:
        """Local days with at least one completed session."""
        rows = self.conn.execute("SELECT started_utc FROM sessions WHERE status = 'completed'")
        return {local_day(r[0], tz) for r in rows}

    def streaks(self, tz: tzinfo | None = None) -> tuple[int, int]:
        """(current, longest) streak of days with a completed session."""
        today = self.now().astimezone(tz).date()
        return streaks(self.completed_days(tz), today)

    def minutes_by_day(self, tz: tzinfo | None = None) -> dict[date, float]:
        """Minutes held per local day (all sessions)."""
        out: dict[date, float] = {}
        for started, held in self.conn.execute("SELECT started_utc, seconds_held FROM sessions"):
            day = local_day(started, tz)
            out[day] = out.get(day, 0.0) + held / 60
        return out

    def routine_counts(self) -> list[tuple[str, int]]:
        """Routines by how often they were run to the end, most first."""
        return list(
            self.conn.execute(
                "SELECT title, COUNT(*) FROM sessions WHERE status = 'completed'"
                " GROUP BY routine ORDER BY COUNT(*) DESC, title LIMIT 5"
            )
        )

    def pains(self) -> list[SessionRow]:
        """Sessions with a pain score before or after, oldest first."""
        return list(
            reversed(list(self._rows("WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL")))
        )

    def pain_stops(self) -> list[tuple[str, str | None, int]]:
        """(exercise, side, how many times) a session was stopped for pain there, most first."""
        return list(
            self.conn.execute(
                "SELECT pain_exercise, pain_side, COUNT(*) FROM sessions"
                " WHERE status = 'stopped' AND pain_exercise IS NOT NULL"
                " GROUP BY pain_exercise, pain_side ORDER BY COUNT(*) DESC, pain_exercise"
            )
        )

    def breaks(self, since: date | None = None) -> list[BreakRow]:
        """Breaks, newest first, optionally on or after a local date."""
        rows = [
            BreakRow(*row)
            for row in self.conn.execute(
                "SELECT id, at_utc, kind, routine FROM breaks ORDER BY at_utc DESC, id DESC"
            )
        ]
        return [r for r in rows if since is None or local_day(r.at_utc, None) >= since]

    def break_counts(self, day: date, tz: tzinfo | None = None) -> dict[str, int]:
        """How many breaks came due, were taken, snoozed and skipped on a local day."""
        counts = dict.fromkeys(BREAK_KINDS, 0)
        for at, kind in self.conn.execute("SELECT at_utc, kind FROM breaks"):
            if local_day(at, tz) == day:
                counts[kind] = counts.get(kind, 0) + 1
        return counts

    def breaks_taken_by_day(self, tz: tzinfo | None = None) -> dict[date, int]:
        """Breaks taken per local day."""
        out: dict[date, int] = {}
        for (at,) in self.conn.execute("SELECT at_utc FROM breaks WHERE kind = 'taken'"):
            day = local_day(at, tz)
            out[day] = out.get(day, 0) + 1
        return out

    def last_session_end(self) -> datetime | None:
        """When the last session run to its end finished (by any process): a reminder waiting
        since before then starts its wait afresh."""
        row = self.conn.execute(
            "SELECT MAX(ended_utc) FROM sessions WHERE status IN ('completed', 'partial')"
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def feelings(self) -> list[tuple[str, int]]:
        """(started_utc, feeling) of sessions with a score, oldest first."""
        return list(
            self.conn.execute(
                "SELECT started_utc, feeling FROM sessions WHERE feeling IS NOT NULL"
                " ORDER BY started_utc"
            )
        )


def read_all(
    path: Path, since: date | None = None
) -> tuple[list[SessionRow], int, int, str, list[BreakRow]]:
    """What `history` shows, read in one go: (sessions newest first, current streak, longest
    streak, a notice or "", breaks newest first). Any fault of the store is a HistoryError
    naming the file."""
    history = History(path)
    try:
        with contextlib.suppress(sqlite3.OperationalError):  # full or read-only: they can wait
            history.close_orphans()
        rows = history.recent(since=since)
        current, longest = history.streaks()
        breaks = history.breaks(since)
    except sqlite3.Error as exc:
        raise HistoryError(f"{path}: {exc}") from None
    finally:
        history.close()
    return rows, current, longest, history.notice, breaks


def parse_since(text: str) -> date:
    """`--since YYYY-MM-DD`."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.single("--since", f"'{text}' is not a date like 2026-11-25") from None
