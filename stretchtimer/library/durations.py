"""Provides the numbers read from YAML nodes: durations (20, "20s", "1m", "1m30s") and counts,
written in plain ASCII digits and checked for range, with one message for each kind of
mistake whatever the key."""

from __future__ import annotations

import re

from stretchtimer.core.model import Pace
from stretchtimer.library.nodes import BOOL, FLOAT, INT, NULL, STR, Node, ScalarNode

_PLAIN = re.compile(r"[+-]?(?:0|[1-9][0-9]*)", re.ASCII)
"""A whole number as people write it. YAML 1.1's other spellings of an int (0x10, 0o20, 010,
0b101, 1_000) are refused: nobody means 16 by `hold: 0x10` or `repeat: 020`."""
_TEXT = re.compile(r"\s*(?:([0-9]+)\s*m(?:in)?)?\s*(?:([0-9]+)\s*s(?:ec)?)?\s*", re.ASCII)
_MAX_DIGITS = 9
"""Longer than this is out of any range we take (and never handed to int())."""


class DurationError(ValueError):
    """A number that cannot be read, with the reason."""


def _shown(raw: str) -> str:
    """The value as quoted in a message: a very long one is cut short."""
    return raw if len(raw) <= 24 else raw[:20] + "..."


def _whole(digits: str, raw: str, low: int, high: int, unit: str) -> int:
    """A plain digit string as an int within [low, high]."""
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    value = int(digits) * sign if len(digits) <= _MAX_DIGITS else None
    if value is None or not low <= value <= high:
        raise DurationError(f"{_shown(raw)} is out of range: use {low} to {high}{unit}")
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
        return _whole(raw.strip(), raw, low, high, "")
    raise _not_plain(raw, str(low + 1))


def parse_duration(node: Node, low: int, high: int) -> int:
    """Seconds from a scalar node; DurationError saying what is wrong."""
    raw = _scalar(node, "a duration", '20, "20s" or "1m30s"')
    if ":" in raw:
        raise DurationError(
            f"'{_shown(raw)}' is ambiguous (YAML reads it as base-60); write seconds or \"1m30s\""
        )
    if node.tag == FLOAT:
        raise DurationError(f"'{_shown(raw)}' is not a whole number of seconds")
    text = raw.strip()
    if _PLAIN.fullmatch(text):
        return _whole(text, raw, low, high, " seconds")
    match = _TEXT.fullmatch(raw)
    if text and match and (match.group(1) or match.group(2)):
        minutes, seconds = match.group(1) or "0", match.group(2) or "0"
        if len(minutes) > _MAX_DIGITS or len(seconds) > _MAX_DIGITS:
            raise DurationError(f"{_shown(raw)} is out of range: use {low} to {high} seconds")
        total = int(minutes) * 60 + int(seconds)
        if not low <= total <= high:
            raise DurationError(f"{_shown(raw)} is out of range: use {low} to {high} seconds")
        return total
    raise DurationError(
        f"'{_shown(raw)}' is not a duration: write plain digits like 20, or \"20s\", \"1m\", "
        "\"1m30s\""
    )


def parse_duration_text(text: str, low: int, high: int) -> int:
    """Seconds from a command-line duration (`5m`, `90`, `2m30s`); DurationError if not one."""
    return parse_duration(ScalarNode(STR, text, 0, 0), low, high)


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
