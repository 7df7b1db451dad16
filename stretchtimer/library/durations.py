"""Provides the numbers read from YAML nodes: durations (20, "20s", "1m", "1m30s"; "1h30m" where
hours are taken) and counts, written in plain ASCII digits and checked for range, with one
message for each kind of mistake whatever the key."""

from __future__ import annotations

import re

from stretchtimer.core.model import Pace
from stretchtimer.library.nodes import BOOL, FLOAT, INT, NULL, STR, Node, ScalarNode

_PLAIN = re.compile(r"[+-]?(?:0|[1-9][0-9]*)", re.ASCII)
"""A whole number as people write it. YAML 1.1's other spellings of an int (0x10, 0o20, 010,
0b101, 1_000) are refused: nobody means 16 by `hold: 0x10` or `repeat: 020`."""
_SPACE = " \t\n\r\x0b\x0c"
"""ASCII white space, all a duration may have around or inside it."""
_TEXT = re.compile(
    r"(?:([0-9]+)\s*h)?(?:\s*([0-9]+)\s*m(?:in)?)?(?:\s*([0-9]+)\s*s(?:ec)?)?", re.ASCII
)
"""`1h30m`, `2m 30s`, `45 sec`, matched against text stripped of _SPACE: every white space
run sits between a number and its unit or before a number, never beside another run, so no
text can be split two ways (a linear match, whatever its length)."""
_MAX_DIGITS = 9
"""Longer than this is out of any range we take (and never handed to int())."""


class DurationError(ValueError):
    """A number that cannot be read, with the reason."""


def _shown(raw: str) -> str:
    """The value as quoted in a message: a very long one is cut short."""
    return raw if len(raw) <= 24 else raw[:20] + "..."


def _whole(digits: str, raw: str, low: int, high: int, span: str) -> int:
    """A plain digit string as an int within [low, high] (`span` says the range)."""
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    value = int(digits) * sign if len(digits) <= _MAX_DIGITS else None
    if value is None or not low <= value <= high:
        raise DurationError(f"{_shown(raw)} is out of range: use {span}")
    return value


def _scalar(node: Node, expected: str, example: str) -> str:
    """The scalar's text; DurationError for a list, mapping, yes/no or nothing."""
    if not isinstance(node, ScalarNode):
        raise DurationError(f"expected {expected} like {example}, got a list or mapping")
    raw = str(node.value)
    if node.tag == BOOL:
        raise DurationError(f"expected {expected}, got '{raw}' (read as yes/no)")
    if node.tag == NULL:
        raise DurationError(f"expected {expected}, got nothing")
    return raw


def _not_plain(raw: str, example: str) -> DurationError:
    return DurationError(
        f"'{_shown(raw)}' is not a plain number: write it in digits, like {example}"
    )


def parse_count(node: Node, low: int, high: int) -> int:
    """A whole count (`repeat: 2`) from a scalar node; DurationError saying what is wrong."""
    raw = _scalar(node, "a whole number", "2")
    if node.tag == FLOAT:
        raise DurationError(f"'{_shown(raw)}' is not a whole number")
    if node.tag in (INT, STR) and _PLAIN.fullmatch(raw.strip()):
        return _whole(raw.strip(), raw, low, high, f"{low} to {high}")
    raise _not_plain(raw, str(low + 1))


def _span(seconds: int) -> str:
    """A range's end with units, as a user would write it: 5s, 90s, 50m, 8h, 1h30m."""
    if seconds % 60 or not seconds:
        return f"{seconds}s"
    hours, minutes = divmod(seconds // 60, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")


def _units(raw: str, hours: bool) -> tuple[str, str, str] | None:
    """The hours, minutes and seconds digits of `1h30m`, `2m 30s`, ... (at least one given;
    hours only where they are taken), or None."""
    match = _TEXT.fullmatch(raw.strip(_SPACE))
    if match is None or not any(match.groups()) or (match.group(1) and not hours):
        return None
    h, m, s = (g or "0" for g in match.groups())
    return h, m, s


def parse_duration(node: Node, low: int, high: int, hours: bool = False) -> int:
    """Seconds from a scalar node; DurationError saying what is wrong. `hours`: `1h`, `1h30m`
    are taken too (a reminder's interval; a routine's holds are seconds and minutes)."""
    raw = _scalar(node, "a duration", '20, "20s" or "1m30s"')
    if ":" in raw:
        raise DurationError(
            f"'{_shown(raw)}' is ambiguous (YAML reads it as base-60); write seconds or \"1m30s\""
        )
    if node.tag == FLOAT:
        raise DurationError(f"'{_shown(raw)}' is not a whole number of seconds")
    text = raw.strip()
    span = f"{_span(low)} to {_span(high)}" if hours else f"{low} to {high} seconds"
    if _PLAIN.fullmatch(text):
        return _whole(text, raw, low, high, span)
    parts = _units(raw, hours) if text else None
    if parts is not None:
        if any(len(p) > _MAX_DIGITS for p in parts):
            raise DurationError(f"{_shown(raw)} is out of range: use {span}")
        total = int(parts[0]) * 3600 + int(parts[1]) * 60 + int(parts[2])
        if not low <= total <= high:
            raise DurationError(f"{_shown(raw)} is out of range: use {span}")
        return total
    more = ', "1h30m"' if hours else ""
    raise DurationError(
        f"'{_shown(raw)}' is not a duration: write plain digits like 20, or \"20s\", \"1m\", "
        f"\"1m30s\"{more}"
    )


def parse_duration_text(text: str, low: int, high: int, hours: bool = True) -> int:
    """Seconds from a command-line duration (`5m`, `90`, `2m30s`, `1h30m`); DurationError if
    not one. Hours are taken (`--every 2h`; `--fit 1h`) unless `hours` is False."""
    return parse_duration(ScalarNode(STR, text, 0, 0), low, high, hours)


PACE_RANGE = (1, 15)
"""Seconds one half of a breath may last."""
_PACE = re.compile(r"\s*([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*", re.ASCII)
PACE_HELP = f"give seconds in and out like '4/6' (each {PACE_RANGE[0]} to {PACE_RANGE[1]})"


def parse_pace(value: object) -> Pace | None:
    """`4/6` (seconds in / out) as a Pace; None if it is not one within PACE_RANGE."""
    match = _PACE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    inhale, exhale = int(match.group(1)), int(match.group(2))
    low, high = PACE_RANGE
    return Pace(inhale, exhale) if low <= inhale <= high and low <= exhale <= high else None
