"""Provides the history read-only, for everything that does not record (`history`, `plan`,
`doctor`, a run with `--no-history`): nothing is created, migrated, moved aside or locked.

How: SQLite's `immutable` open when no WAL file is there (no `-wal` or `-shm` file is made,
the file is never written, not even its times), and an ordinary read-only one while another
process has the database open (its WAL then holds the latest sessions). A writer that started
during an immutable read is noticed by the file's change, and the read is done again.

A database from an older version is read as far as it goes, never upgraded here: the columns
it does not have yet read as empty (no pain scores before version 3, no breaks before 4, no
steps, checks or decisions before 5), and the next session that records upgrades it. One from
a newer version is refused, as the writers refuse it. A damaged one is said, and left for the
next session to move aside."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from stretchtimer.history.coach_rows import CHECK_COLUMNS, DECISION_COLUMNS, STEP_COLUMNS
from stretchtimer.history.errors import HistoryError
from stretchtimer.history.reads import HistoryReads
from stretchtimer.history.row import BREAK_COLUMNS, SESSION_COLUMNS
from stretchtimer.history.schema import VERSION, damage, refuse_newer

T = TypeVar("T")

_TRIES = 3
_WAIT = 2.0
"""Seconds a live read waits for a writer's moment of exclusive lock (a checkpoint)."""
_SESSIONS = (*SESSION_COLUMNS, "pid")
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HistoryView(HistoryReads):
    """The history's queries over a connection that cannot write."""

    def __init__(self, path: Path, now: Callable[[], datetime], live: bool) -> None:
        self.path = path
        self.now = now
        mode = "mode=ro" if live else "mode=ro&immutable=1"
        uri = f"file:{urllib.parse.quote(os.fsencode(path.absolute()))}?{mode}"
        self.conn = sqlite3.connect(uri, uri=True, timeout=_WAIT, isolation_level=None)
        try:
            self.version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
            """The format the file is in (older ones are read as far as they go)."""
            refuse_newer(self.version)
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self._fill_in()
        except BaseException:
            self.conn.close()
            raise

    def _fill_in(self) -> None:
        """Columns and tables an older version (or another tool) did not make read as empty:
        a temporary view over the file's own table, in memory, never in the file."""
        for table, columns in (
            ("sessions", _SESSIONS),
            ("breaks", BREAK_COLUMNS),
            ("steps", ("id", *STEP_COLUMNS)),
            ("checks", CHECK_COLUMNS),
            ("decisions", DECISION_COLUMNS),
        ):
            have = {row[1] for row in self.conn.execute(f"PRAGMA main.table_info({table})")}
            if set(columns) <= have:
                continue
            picked = ", ".join(c if c in have else f"NULL AS {c}" for c in columns)
            source = f"FROM main.{table}" if have else "WHERE 0"
            self.conn.execute(f"CREATE TEMP VIEW {table} AS SELECT {picked} {source}")

    @property
    def older(self) -> bool:
        """Whether the file is from an older version (the next recorded session upgrades it)."""
        return self.version < VERSION

    def check(self) -> None:
        """SQLite's own check of the whole file (a damaged one is a HistoryError; a value that
        breaks a CHECK is not damage: see schema.damage)."""
        damaged = damage(self.conn)
        if damaged:
            raise sqlite3.DatabaseError(damaged)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


Signature = tuple[int, int, int, int, bool]


def _signature(path: Path) -> Signature | None:
    """What would show that a writer changed the file (None: there is no history). A folder
    where the file or its folder should be is a HistoryError."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise HistoryError(_no_folder(path.parent)) from None
    except OSError as exc:
        raise HistoryError(f"{path}: {exc.strerror or exc}") from None
    if not os.path.isfile(path):
        raise HistoryError(f"{path}: unable to open database file (it is not a file)")
    wal = os.path.exists(f"{path}-wal")
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, wal


def _no_folder(folder: Path) -> str:
    if folder.exists():
        return f"{folder}: is not a folder, so no history can be kept there"
    blocker = next((p for p in folder.parents if p.exists() and not p.is_dir()), folder)
    return f"cannot read the history folder {folder}: {blocker} is a file, not a folder"


def read_history(
    path: Path,
    read: Callable[[HistoryView], T],
    check: bool = False,
    now: Callable[[], datetime] = _utc_now,
) -> T | None:
    """What `read` finds in the history at `path`, or None when there is no history yet
    (nothing is created). `check` runs SQLite's integrity check first. Every fault is a
    HistoryError naming the file; nothing is ever moved, migrated or written."""
    for attempt in range(1, _TRIES + 1):
        before = _signature(path)
        if before is None:
            return None
        live, last = before[-1], attempt == _TRIES
        try:
            result = _read_once(path, read, check, now, live)
        except HistoryError as exc:
            raise HistoryError(f"{path}: {exc}") from None
        except sqlite3.Error as exc:
            if live or last or _signature(path) == before:
                raise HistoryError(_describe(path, exc)) from None
            continue  # a writer came along mid-read: read again, through its WAL
        if live or last or _signature(path) == before:
            return result
    raise AssertionError("unreachable: the last try returns or raises")


def _read_once(
    path: Path,
    read: Callable[[HistoryView], T],
    check: bool,
    now: Callable[[], datetime],
    live: bool,
) -> T:
    view = HistoryView(path, now, live)
    try:
        if check:
            view.check()
        return read(view)
    finally:
        view.close()


def _describe(path: Path, exc: sqlite3.Error) -> str:
    """A fault of the file in one line; a damaged file is left for a session to move aside."""
    code = getattr(exc, "sqlite_errorcode", None)
    damaged = str(exc).startswith("integrity_check") or (
        code is not None and code & 0xFF in _DAMAGED
    )
    if damaged:
        return (
            f"{path}: the history database is damaged ({exc}); the next session that "
            "records moves it aside and starts a new one"
        )
    return f"{path}: {exc}"
