"""Provides durations read from YAML nodes: 20, "20s", "1m", "1m30s", checked for range."""

from __future__ import annotations

import re

from stretchtimer.library.nodes import BOOL, FLOAT, INT, NULL, STR, Node, ScalarNode

_TEXT_RE = re.compile(r"^\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?\s*$")


class DurationError(ValueError):
    """A duration that cannot be read, with the reason."""


def parse_duration(node: Node, low: int, high: int) -> int:
    """Seconds from a scalar node; DurationError saying what is wrong."""
    if not isinstance(node, ScalarNode):
        raise DurationError('expected a duration like 20, "20s" or "1m30s", got a list or mapping')
    raw = str(node.value)
    if node.tag == BOOL:
        raise DurationError(f"expected a duration, got '{raw}' (read as yes/no)")
    if node.tag == NULL:
        raise DurationError("expected a duration, got nothing")
    if ":" in raw:
        raise DurationError(
            f"'{raw}' is ambiguous (YAML reads it as base-60); write seconds or \"1m30s\""
        )
    if node.tag == FLOAT:
        raise DurationError(f"'{raw}' is not a whole number of seconds")
    seconds: int | None = None
    if node.tag == INT:
        try:
            seconds = int(raw.replace("_", ""), 0)
        except ValueError:
            seconds = None
    elif node.tag == STR:
        match = _TEXT_RE.match(raw)
        if raw.strip() and match and (match.group(1) or match.group(2)):
            seconds = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
        elif raw.strip().isdigit():
            seconds = int(raw)
    if seconds is None:
        raise DurationError(f'\'{raw}\' is not a duration; write 20, "20s", "1m" or "1m30s"')
    if not low <= seconds <= high:
        raise DurationError(f"{raw} is out of range: use {low} to {high} seconds")
    return seconds
