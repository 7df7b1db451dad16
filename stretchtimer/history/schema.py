"""Provides the history's schema: its migrations, running those a database still needs, and
SQLite's check that a file is sound (the file, not the values in it)."""

from __future__ import annotations

import sqlite3

from stretchtimer.history.errors import HistoryError

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
_V5 = """
CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    exercise TEXT NOT NULL,
    variant TEXT NOT NULL DEFAULT '',
    side TEXT,
    planned REAL NOT NULL DEFAULT 0,
    held REAL NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    pain_stop INTEGER NOT NULL DEFAULT 0,
    pain_score INTEGER CHECK (pain_score BETWEEN 0 AND 10)
);
CREATE INDEX steps_session ON steps (session_id);
CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL,
    region TEXT NOT NULL,
    score INTEGER CHECK (score BETWEEN 0 AND 10)
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL,
    key TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('accepted', 'declined')),
    routine TEXT NOT NULL DEFAULT '',
    rule TEXT NOT NULL DEFAULT '',
    made TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decisions_key ON decisions (key, at_utc);
"""
"""The coach's records: each exercise step of a session (one row per side), each
next-morning check (a NULL score: asked and skipped), and what the user did with each
suggestion. Sessions recorded before this keep what they had, with no steps."""
_V6 = """
CREATE TABLE breaks_v6 (
    id INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL,
    kind TEXT NOT NULL,
    routine TEXT NOT NULL DEFAULT ''
);
INSERT INTO breaks_v6 (id, at_utc, kind, routine) SELECT id, at_utc, kind, routine FROM breaks;
DROP TABLE breaks;
ALTER TABLE breaks_v6 RENAME TO breaks;
CREATE INDEX breaks_at ON breaks (at_utc);
"""
"""A break of a new kind, `away` (taken away from the desk, counted with `t`): the table
is made again without the list of kinds in its CHECK, every row kept as it was (a kind the
program does not know reads as damaged, as any odd value does)."""
MIGRATIONS = (_V1, _V2, _V3, _V4, _V5, _V6)
"""MIGRATIONS[n] takes a database from user_version n to n + 1."""
VERSION = len(MIGRATIONS)


def damage(conn: sqlite3.Connection) -> str:
    """What SQLite's integrity check finds wrong with the file itself ("" when it is sound).
    A value that breaks a CHECK (a hand edit: `pain_before = 'x'`) is not damage to the file:
    its row is read as damaged (odd.py), and the rest of the history stays where it is."""
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")
    found = [r for r in rows if r != "ok" and not str(r).startswith("NULL value in ")]
    return f"integrity_check: {found[0]}" if found else ""


def refuse_newer(version: int) -> None:
    """HistoryError for a database a newer stretchtimer made: it is never read or changed."""
    if version > VERSION:
        raise HistoryError(
            f"the history database is from a newer stretchtimer (format {version}; this "
            f"one reads up to {VERSION}): it is left as it is"
        )


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database up to VERSION, one migration at a time, each in a transaction of
    its own (another process may be migrating it too); HistoryError if it is newer."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    refuse_newer(version)
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
