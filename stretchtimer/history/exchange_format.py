"""Provides the history export's format (version 1): its fields, the stable id of each row
(a name-based UUID of what identifies it), and the strict check of a file read for import,
which names the first thing wrong and accepts nothing else."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from stretchtimer.core.records import DECISIONS
from stretchtimer.history.row import BREAK_KINDS, STATUSES

FORMAT = "stretchtimer-history"
VERSION = 2
"""2: a break may be `away` (taken away from the desk); a version 1 file is read as it is."""
MOST_BYTES = 64 * 1024 * 1024
"""An export larger than this (64 MiB: about 100,000 sessions with their steps) is refused."""
MOST_ROWS = 1_000_000
MOST_STEPS = 1_000
"""Steps in one session (a routine has at most 100)."""
MOST_TEXT = 2_000
"""Characters in one text field."""
SIDES = ("left", "right")
_NAMESPACE = uuid.UUID("6f1c3a52-9b7e-4d3c-8a51-2f0e4c7d9b10")


def row_id(kind: str, *parts: object) -> str:
    """The stable id of a row: the same on every machine for the same row. A session is
    named by its start, routine and routine file (what it later gains, its end and scores,
    stays with the copy first recorded); a break, a check and a decision by all they hold."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join([kind, *(str(p) for p in parts)])))


def session_id(s: dict[str, Any]) -> str:
    return row_id("session", s["started_utc"], s["routine"], s["path"])


def break_id(b: dict[str, Any]) -> str:
    return row_id("break", b["at_utc"], b["kind"], b["routine"])


def check_id(c: dict[str, Any]) -> str:
    return row_id("check", c["at_utc"], c["region"], c["score"])


def decision_id(d: dict[str, Any]) -> str:
    return row_id("decision", d["at_utc"], d["key"], d["choice"], d["routine"], d["rule"],
                  d["made"])


class Bad(Exception):
    """What is wrong with an export, in words (where: its place in the file)."""


Check = Callable[[object], bool]


def _text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MOST_TEXT


def _stamp(value: object) -> bool:
    if not isinstance(value, str) or len(value) > 64:
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _int(low: int, high: int) -> Check:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _number(value: object) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    return math.isfinite(value) and 0 <= value <= 1e7


def _maybe(check: Check) -> Check:
    return lambda v: v is None or check(v)


def _one_of(*values: str) -> Check:
    return lambda v: v in values


def _flag(value: object) -> bool:
    return isinstance(value, bool)


STEP: dict[str, Check] = {
    "position": _int(0, 10_000), "exercise": _text, "variant": _text,
    "side": _maybe(_one_of(*SIDES)), "planned": _number, "held": _number,
    "skipped": _flag, "pain_stop": _flag, "pain_score": _maybe(_int(0, 10)),
}
SESSION: dict[str, Check] = {
    "routine": _text, "path": _text, "title": _text, "started_utc": _stamp,
    "ended_utc": _maybe(_stamp), "status": _one_of(*STATUSES),
    "segments_done": _int(0, 100_000), "segments_total": _int(0, 100_000),
    "seconds_held": _number, "pain_exercise": _maybe(_text), "pain_side": _maybe(_one_of(*SIDES)),
    "feeling": _maybe(_int(0, 9)), "lead_side": _maybe(_one_of(*SIDES)),
    "pain_before": _maybe(_int(0, 10)), "pain_after": _maybe(_int(0, 10)),
    "pain_region": _maybe(_text),
}
BREAK: dict[str, Check] = {"at_utc": _stamp, "kind": _one_of(*BREAK_KINDS), "routine": _text}
CHECK: dict[str, Check] = {"at_utc": _stamp, "region": _text, "score": _maybe(_int(0, 10))}
DECISION: dict[str, Check] = {
    "at_utc": _stamp, "key": _text, "choice": _one_of(*DECISIONS), "routine": _text,
    "rule": _text, "made": _text,
}
TABLES = {"sessions": SESSION, "breaks": BREAK, "checks": CHECK, "decisions": DECISION}


def checked_row(value: object, fields: dict[str, Check], where: str) -> dict[str, Any]:
    """One row, every field present and of its kind (an `id` and, for a session, `steps`
    are allowed beside them)."""
    if not isinstance(value, dict):
        raise Bad(f"{where} is not an object")
    extra = set(value) - set(fields) - {"id", "steps"}
    if extra:
        raise Bad(f"{where} has a field no export has: {sorted(extra)[0]!r}")
    for name, check in fields.items():
        if name not in value:
            raise Bad(f"{where} has no {name!r}")
        if not check(value[name]):
            shown = repr(value[name])
            shown = shown if len(shown) <= 40 else f"{shown[:37]}... ({len(shown):,} characters)"
            raise Bad(f"{where}: {name!r} is not a valid value: {shown}")
    return value


def _rows(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    found = data.get(table, [])
    if not isinstance(found, list) or len(found) > MOST_ROWS:
        raise Bad(f"'{table}' is not a list of at most {MOST_ROWS:,} rows")
    rows = [checked_row(r, TABLES[table], f"{table}[{n}]") for n, r in enumerate(found)]
    if table == "sessions":
        for n, s in enumerate(rows):
            steps = s.get("steps", [])
            if not isinstance(steps, list) or len(steps) > MOST_STEPS:
                raise Bad(f"sessions[{n}]: 'steps' is not a list of at most {MOST_STEPS}")
            for m, step in enumerate(steps):
                checked_row(step, STEP, f"sessions[{n}].steps[{m}]")
    return rows


def checked(data: object) -> dict[str, list[dict[str, Any]]]:
    """The export's tables, each row checked; Bad naming the first thing wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Bad("not a stretchtimer history export (made by 'stretchtimer history export')")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Bad("its format version is missing or not a whole number")
    if version > VERSION:
        raise Bad(f"made by a newer stretchtimer (format version {version}; this one reads "
                  f"version {VERSION}): update stretchtimer to import it")
    return {table: _rows(data, table) for table in TABLES}
