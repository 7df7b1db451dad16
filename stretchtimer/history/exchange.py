"""Provides the history's export and import: every session with its steps, every break,
next-morning check and decision, as the versioned JSON of exchange_format; an import adds, in
one transaction, only the rows whose stable id the history does not hold yet, and changes no
row already there."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stretchtimer.history.exchange_format import (
    BREAK,
    CHECK,
    DECISION,
    FORMAT,
    SESSION,
    STEP,
    VERSION,
    Bad,
    break_id,
    check_id,
    checked_row,
    decision_id,
    session_id,
)

_SESSION_COLUMNS = tuple(SESSION)
_STEP_COLUMNS = tuple(STEP)
_IDS: dict[str, Callable[[dict[str, Any]], str]] = {
    "breaks": break_id, "checks": check_id, "decisions": decision_id,
}
_FIELDS = {"breaks": BREAK, "checks": CHECK, "decisions": DECISION}


@dataclass(frozen=True)
class Added:
    """What an import added (rows already there are not counted)."""

    sessions: int = 0
    breaks: int = 0
    checks: int = 0
    decisions: int = 0


def _whole(rows: list[dict[str, Any]], fields: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The rows that are what an export holds (a row a hand edit made odd is left out)."""
    out = []
    for row in rows:
        try:
            out.append(checked_row(row, fields, kind))
        except Bad:
            continue
    return out


def _steps(conn: sqlite3.Connection) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    cursor = conn.execute(
        f"SELECT session_id, {', '.join(_STEP_COLUMNS)} FROM steps"
        " ORDER BY session_id, position, id"
    )
    for sid, *values in cursor:
        step = dict(zip(_STEP_COLUMNS, values, strict=True))
        step["skipped"], step["pain_stop"] = step["skipped"] == 1, step["pain_stop"] == 1
        out.setdefault(sid, []).append(step)
    return out


def export_data(conn: sqlite3.Connection, exported: str) -> tuple[dict[str, Any], int]:
    """(the export of the history on `conn`, how many damaged rows were left out)."""
    steps = _steps(conn)
    sessions = []
    left_out = 0
    for sid, *values in conn.execute(
        f"SELECT id, {', '.join(_SESSION_COLUMNS)} FROM sessions ORDER BY started_utc, id"
    ):
        row = dict(zip(_SESSION_COLUMNS, values, strict=True))
        row["steps"] = _whole(steps.get(sid, []), STEP, "step")
        try:
            checked_row(row, SESSION, "session")
        except Bad:
            left_out += 1
            continue
        sessions.append({"id": session_id(row), **row})
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "exported_utc": exported,
                            "sessions": sessions}
    for table, fields in _FIELDS.items():
        cursor = conn.execute(f"SELECT {', '.join(fields)} FROM {table} ORDER BY at_utc, id")
        rows = [dict(zip(fields, values, strict=True)) for values in cursor]
        whole = _whole(rows, fields, table)
        left_out += len(rows) - len(whole)
        data[table] = [{"id": _IDS[table](r), **r} for r in whole]
    return data, left_out


def _held_ids(conn: sqlite3.Connection, table: str) -> set[str]:
    """The stable ids of the rows `table` holds now."""
    if table == "sessions":
        cursor = conn.execute("SELECT started_utc, routine, path FROM sessions")
        return {session_id({"started_utc": a, "routine": b, "path": c}) for a, b, c in cursor}
    fields = list(_FIELDS[table])
    cursor = conn.execute(f"SELECT {', '.join(fields)} FROM {table}")
    return {_IDS[table](dict(zip(fields, values, strict=True))) for values in cursor}


def import_data(conn: sqlite3.Connection, tables: dict[str, list[dict[str, Any]]]) -> Added:
    """Add the rows of a checked export that the history lacks, in one transaction (the
    caller's): a row already there is left exactly as it is."""
    added: dict[str, int] = {}
    held = _held_ids(conn, "sessions")
    count = 0
    for s in tables["sessions"]:
        sid = session_id(s)
        if sid in held:
            continue
        held.add(sid)
        cursor = conn.execute(
            f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(_SESSION_COLUMNS))})",
            [s[c] for c in _SESSION_COLUMNS],
        )
        conn.executemany(
            f"INSERT INTO steps (session_id, {', '.join(_STEP_COLUMNS)})"
            f" VALUES (?, {', '.join('?' * len(_STEP_COLUMNS))})",
            [(cursor.lastrowid, *(_stored(st[c]) for c in _STEP_COLUMNS))
             for st in s.get("steps", [])],
        )
        count += 1
    added["sessions"] = count
    for table, fields in _FIELDS.items():
        held = _held_ids(conn, table)
        new = []
        for row in tables[table]:
            rid = _IDS[table](row)
            if rid not in held:
                held.add(rid)
                new.append([row[f] for f in fields])
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
            new,
        )
        added[table] = len(new)
    return Added(**added)


def _stored(value: object) -> object:
    """A step's value as the table keeps it (flags as 0 and 1)."""
    return int(value) if isinstance(value, bool) else value
