"""Provides the history's connection for the writers: private, WAL, migrated, and a damaged file
moved aside."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from stretchtimer.history import aside
from stretchtimer.history.aside import Identity, identity
from stretchtimer.history.errors import HistoryError
from stretchtimer.history.schema import damage, migrate


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


def open_database(
    path: Path, now: Callable[[], datetime], lock_wait: float
) -> tuple[sqlite3.Connection, str]:
    """Open (creating what is missing) and migrate: the connection, and a notice to give
    ("" if none). Only a file SQLite itself finds malformed is moved aside (see aside.py);
    every other fault (a full disk, a read-only file or folder, a lock, a newer version, a
    folder that is a file) is a HistoryError and moves nothing. For the writers only: readers
    open the history with view.read_history, which changes nothing."""
    _make_private(path)
    for _ in range(_TRIES):
        seen = identity(path)
        try:
            return _connect_and_migrate(path, lock_wait), ""
        except HistoryError as exc:
            raise HistoryError(f"{path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            if not _malformed(exc):
                raise HistoryError(f"{path}: {exc}") from None
            reason = str(exc)
        if seen is not None and identity(path) == seen:
            return _start_afresh(path, seen, reason, now, lock_wait)
        # another process replaced the file meanwhile (it moved it aside): look at the new one
    raise HistoryError(f"{path}: the history database was replaced while it was opened")


_TRIES = 3


def _start_afresh(
    path: Path, damaged: Identity, reason: str, now: Callable[[], datetime], lock_wait: float
) -> tuple[sqlite3.Connection, str]:
    """The damaged file moved aside (by this process, or by another at the same moment), and
    a new database opened in its place; the notice that says so."""
    try:
        moved_to, by_us = aside.set_aside(path, damaged, now)
        conn = _connect_and_migrate(path, lock_wait)
    except HistoryError as exc:
        raise HistoryError(f"{path}: {exc}") from None
    except (OSError, sqlite3.DatabaseError) as exc:
        raise HistoryError(f"{path}: {exc}") from None
    where = f"moved to {moved_to}" if moved_to else "moved aside"
    who = "" if by_us else " (by another stretchtimer, at the same moment)"
    notice = (
        f"{path}: the history database was damaged ({reason}); it was {where}{who} and a new "
        "one started"
    )
    return conn, notice


def _make_private(path: Path) -> None:
    """The folder and the file, created if missing, readable by their owner only."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise HistoryError(_folder_fault(folder, exc)) from None
    with contextlib.suppress(OSError):
        os.chmod(folder, stat.S_IRWXU)
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise HistoryError(_folder_fault(folder, exc)) from None
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def _folder_fault(folder: Path, exc: OSError) -> str:
    """Why no history can be kept in `folder`, in one line: it is a file, or it cannot be
    written (and why: a file where a folder on the way should be, no permission, a read-only
    or full file system)."""
    if folder.exists() and not folder.is_dir():
        return f"{folder}: is not a folder, so no history can be kept there"
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOTDIR:
        blocker = next((p for p in folder.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            reason = f"{blocker} is a file, not a folder"
    elif exc.filename and os.fsdecode(exc.filename) not in (str(folder), str(folder) + "/"):
        reason = f"{reason}: {os.fsdecode(exc.filename)}"
    return f"cannot write the history folder {folder}: {reason}"


def unwritable(path: Path) -> str | None:
    """Why a history could not be started at `path` (the reason a session would give), found
    without creating anything; None when it looks possible (doctor's look before the first
    session)."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        return f"{folder}: is not a folder, so no history can be kept there"
    there = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if there is None:
        return None
    if not there.is_dir():
        return f"cannot write the history folder {folder}: {there} is a file, not a folder"
    if not os.access(there, os.W_OK | os.X_OK):
        return f"cannot write the history folder {folder}: {there} cannot be written"
    return None


def _connect_and_migrate(path: Path, lock_wait: float) -> sqlite3.Connection:
    """Connect and migrate, retrying while another process holds the lock. Switching to
    WAL and migrating take a lock that SQLite's busy timeout does not always wait for."""
    deadline = time.monotonic() + lock_wait
    while True:
        try:
            conn = _connect(path, lock_wait)
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            return conn
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect(path: Path, lock_wait: float) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=lock_wait, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {round(lock_wait * 1000)}")
        damaged = damage(conn)
        if damaged:
            raise _Malformed(damaged)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None:
            raise sqlite3.OperationalError("cannot set WAL mode")
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn
