"""Provides the reading of stored values another tool or a hand edit may have made odd: each
value checked for what its column holds, and a row that fails marked damaged, never raised."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, tzinfo

from stretchtimer.history.row import BREAK_KINDS, STATUSES, BreakRow, SessionRow

SIDES = ("left", "right")


class Odd(ValueError):
    """A stored value is not what its column holds."""


def text(value: object) -> str:
    """Text as stored; a number as its digits, bytes decoded (odd bytes as `\\xff`); NULL is
    odd."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, int | float):
        return str(value)
    raise Odd("no text")


def moment(value: object) -> datetime:
    """A stored timestamp as an aware datetime (one without a zone is UTC, as they are
    written); anything else, or one no local clock can show, is odd."""
    if not isinstance(value, str):
        raise Odd("not a timestamp")
    try:
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        stamp.astimezone()  # year 1 or 9999 may not fit the local zone
    except (ValueError, OverflowError, OSError):
        raise Odd("not a timestamp") from None
    return stamp


def timestamp(value: object) -> str:
    """A timestamp column's text, checked to be one."""
    moment(value)
    assert isinstance(value, str)
    return value


def day(value: object, tz: tzinfo | None = None) -> date | None:
    """The local day of a stored timestamp, or None where it is not one."""
    try:
        return moment(value).astimezone(tz).date()
    except (Odd, OverflowError, OSError):
        return None


def whole(value: object, low: int = 0, high: int | None = None) -> int:
    """A count or a score: an integer (or integer-valued) in range; text is odd."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Odd("not a whole number")
    if value < low or (high is not None and value > high):
        raise Odd("out of range")
    return value


def seconds(value: object) -> float:
    """A number of seconds: finite and not negative."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and number >= 0:
            return number
    raise Odd("not a number of seconds")


def one_of(*allowed: str) -> Callable[[object], str]:
    """Text that must be one of `allowed`."""

    def read(value: object) -> str:
        if value not in allowed:
            raise Odd("not one of " + ", ".join(allowed))
        assert isinstance(value, str)
        return value

    return read


def maybe(read: Callable[[object], object]) -> Callable[[object], object]:
    """`read`, where NULL is allowed too."""
    return lambda value: None if value is None else read(value)


def score(high: int) -> Callable[[object], object]:
    """A score from 0 to `high`, or NULL."""
    return maybe(lambda value: whole(value, 0, high))


_SESSION: dict[str, tuple[Callable[[object], object], object]] = {
    "id": (whole, 0),
    "routine": (text, ""),
    "path": (text, ""),
    "title": (text, ""),
    "started_utc": (timestamp, ""),
    "ended_utc": (maybe(timestamp), None),
    "status": (one_of(*STATUSES), ""),
    "segments_done": (whole, 0),
    "segments_total": (whole, 0),
    "seconds_held": (seconds, 0.0),
    "pain_exercise": (maybe(text), None),
    "pain_side": (maybe(one_of(*SIDES)), None),
    "feeling": (score(9), None),
    "lead_side": (maybe(one_of(*SIDES)), None),
    "pain_before": (score(10), None),
    "pain_after": (score(10), None),
    "pain_region": (maybe(text), None),
}
"""Each column: how its value is read, and what a damaged one reads as. A damaged text
column keeps what can be shown of it (a timestamp that is not one is shown as it is)."""

_BREAK: dict[str, tuple[Callable[[object], object], object]] = {
    "id": (whole, 0),
    "at_utc": (timestamp, ""),
    "kind": (one_of(*BREAK_KINDS), ""),
    "routine": (text, ""),
}


def _read(
    columns: dict[str, tuple[Callable[[object], object], object]], values: Sequence[object]
) -> tuple[dict[str, object], tuple[str, ...]]:
    """Each value read for its column; the names of those that could not be."""
    out: dict[str, object] = {}
    damaged: list[str] = []
    for (name, (read, empty)), value in zip(columns.items(), values, strict=True):
        try:
            out[name] = read(value)
        except Odd:
            damaged.append(name)
            out[name] = _shown(value) if isinstance(empty, str) else empty
    return out, tuple(damaged)


def _shown(value: object) -> str:
    try:
        return text(value)
    except Odd:
        return ""


def session_row(values: Sequence[object]) -> SessionRow:
    """A row of the sessions table (SESSION_COLUMNS, in order), its odd values marked."""
    read, damaged = _read(_SESSION, values)
    return SessionRow(**read, damaged=damaged)  # type: ignore[arg-type]


def break_row(values: Sequence[object]) -> BreakRow:
    """A row of the breaks table (BREAK_COLUMNS, in order), its odd values marked."""
    read, damaged = _read(_BREAK, values)
    return BreakRow(**read, damaged=damaged)  # type: ignore[arg-type]
