"""Provides the coach's rows in the history: the steps of each session, the next-morning checks
and the decisions on suggestions, written, and read in bulk as core/records.py values (a value
another tool or a hand edit made odd reads as empty, in SQL, so that 40,000 steps read fast)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from stretchtimer.core.records import (
    DECISIONS,
    Decision,
    MorningCheck,
    SessionRecord,
    StepRecord,
)
from stretchtimer.core.text import utf8_name
from stretchtimer.history.row import STATUSES

STEP_COLUMNS = (
    "session_id", "position", "exercise", "variant", "side", "planned", "held", "skipped",
    "pain_stop", "pain_score",
)
"""The steps table's columns as written (beside its own id)."""
CHECK_COLUMNS = ("id", "at_utc", "region", "score")
DECISION_COLUMNS = ("id", "at_utc", "key", "choice", "routine", "rule", "made")


def _score(column: str) -> str:
    """SQL reading a 0-10 score, NULL for anything else."""
    return (
        f"CASE WHEN typeof({column}) = 'integer' AND {column} BETWEEN 0 AND 10"
        f" THEN {column} END"
    )


def _seconds(column: str) -> str:
    """SQL reading a number of seconds, 0 for anything else."""
    return (
        f"CASE WHEN typeof({column}) IN ('integer', 'real') AND {column} >= 0"
        f" AND {column} < 1e9 THEN {column} ELSE 0 END"
    )


def _text(column: str) -> str:
    return f"CASE WHEN typeof({column}) = 'text' THEN {column} ELSE '' END"


_STEPS_SQL = (
    f"SELECT session_id, position, {_text('exercise')}, {_text('variant')},"
    " CASE WHEN side IN ('left', 'right') THEN side END,"
    f" {_seconds('planned')}, {_seconds('held')}, skipped = 1, pain_stop = 1,"
    f" {_score('pain_score')} FROM steps WHERE typeof(session_id) = 'integer'"
    " AND typeof(position) = 'integer' AND session_id IN"
    " (SELECT id FROM sessions WHERE started_utc >= ?) ORDER BY session_id, position, id"
)
_SESSIONS_SQL = (
    f"SELECT id, started_utc, {_text('routine')}, {_text('title')}, status,"
    f" {_score('pain_before')}, {_score('pain_after')},"
    " CASE WHEN typeof(pain_region) = 'text' THEN pain_region END,"
    f" {_seconds('seconds_held')} FROM sessions WHERE typeof(started_utc) = 'text'"
    f" AND status IN ({', '.join(repr(s) for s in STATUSES)}) AND started_utc >= ?"
    " ORDER BY started_utc, id"
)


def write_steps(conn: sqlite3.Connection, session_id: int, steps: Iterable[StepRecord]) -> None:
    """Write a session's steps (those already there for it are replaced: written once, at the
    end, but a retry must not double them)."""
    conn.execute("DELETE FROM steps WHERE session_id = ?", (session_id,))
    conn.executemany(
        f"INSERT INTO steps ({', '.join(STEP_COLUMNS)}) VALUES ({', '.join('?' * 10)})",
        [
            (
                session_id, s.position, utf8_name(s.exercise), utf8_name(s.variant), s.side,
                round(s.planned, 1), round(s.held, 1), int(s.skipped), int(s.pain_stop),
                s.pain_score,
            )
            for s in steps
        ],
    )


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        stamp.astimezone()
    except (ValueError, OverflowError, OSError):
        return None
    return stamp


def step_rows(conn: sqlite3.Connection, after: str = "") -> dict[int, list[StepRecord]]:
    """Every session's steps (of sessions stamped from `after` on), by session id."""
    out: dict[int, list[StepRecord]] = {}
    for sid, position, ex, variant, side, planned, held, skipped, stop, score in conn.execute(
        _STEPS_SQL, (after,)
    ):
        record = StepRecord(
            position, ex, variant, side, planned, held, bool(skipped), bool(stop), score
        )
        out.setdefault(sid, []).append(record)
    return out


def session_records(
    conn: sqlite3.Connection, since: date | None = None
) -> list[tuple[int, SessionRecord]]:
    """Every session with its steps, oldest first, with its id (a row whose start is not a
    timestamp is left out: no one can say when it was)."""
    # Stamps are written in UTC (ISO text sorts as time does): a day's margin either side of
    # the local date, then each row's own local day decides.
    after = "" if since is None else (since - timedelta(days=2)).isoformat()
    steps = step_rows(conn, after)
    out: list[tuple[int, SessionRecord]] = []
    for sid, started, routine, title, status, before, after_pain, region, held in conn.execute(
        _SESSIONS_SQL, (after,)
    ):
        moment = _moment(started)
        if moment is None or (since is not None and moment.astimezone().date() < since):
            continue
        out.append((sid, SessionRecord(
            moment, routine, title, status, before, after_pain, region, held,
            tuple(steps.get(sid, ())),
        )))
    return out


def check_rows(conn: sqlite3.Connection, since: date | None = None) -> list[MorningCheck]:
    """Every next-morning check (from two days before `since` on), oldest first."""
    after = "" if since is None else (since - timedelta(days=2)).isoformat()
    rows = conn.execute(
        f"SELECT at_utc, {_text('region')}, {_score('score')} FROM checks"
        " WHERE at_utc >= ? ORDER BY at_utc, id", (after,)
    )
    return [MorningCheck(m, region, score) for at, region, score in rows if (m := _moment(at))]


def decision_rows(conn: sqlite3.Connection) -> list[Decision]:
    """Every decision on a suggestion, oldest first."""
    rows = conn.execute(
        f"SELECT at_utc, {_text('key')}, choice, {_text('routine')}, {_text('rule')},"
        f" {_text('made')} FROM decisions ORDER BY at_utc, id"
    )
    return [
        Decision(m, key, choice, routine, rule, made)
        for at, key, choice, routine, rule, made in rows
        if choice in DECISIONS and (m := _moment(at))
    ]


def add_check(conn: sqlite3.Connection, at: datetime, region: str, score: int | None) -> None:
    """Note the next-morning check's answer (None: asked and skipped)."""
    if score is not None and not 0 <= score <= 10:
        raise ValueError(score)
    conn.execute(
        "INSERT INTO checks (at_utc, region, score) VALUES (?, ?, ?)",
        (at.isoformat(), region, score),
    )


def add_decision(conn: sqlite3.Connection, at: datetime, decision: Decision) -> None:
    """Note what the user did with a suggestion."""
    if decision.choice not in DECISIONS:
        raise ValueError(decision.choice)
    conn.execute(
        "INSERT INTO decisions (at_utc, key, choice, routine, rule, made)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            at.isoformat(), decision.key, decision.choice, utf8_name(decision.routine),
            decision.rule, utf8_name(decision.made),
        ),
    )
