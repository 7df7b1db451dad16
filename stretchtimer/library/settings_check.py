"""Provides the settings file's checker: each key's value from its YAML node, every problem
with its line and column, unknown keys warned of with a suggestion."""

from __future__ import annotations

import re
from collections.abc import Callable

from stretchtimer.core.model import Pace
from stretchtimer.core.schedule import LOCAL_ONLY, LocalTimeOnly, parse_window
from stretchtimer.core.text import closest
from stretchtimer.library.durations import (
    PACE_HELP,
    DurationError,
    parse_count,
    parse_duration,
    parse_pace,
)
from stretchtimer.library.nodes import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STR,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)

VOICE_CUES = ("exercise", "hold", "switch", "red_flags", "countdown", "breaths", "complete")
"""The phrases the voice can say (settings.yaml `voice_cues`)."""
REMIND_RANGE = (5, 8 * 3600)
"""Seconds `remind_every` may be: 5s to 8h (written `5s`, `50m`, `1h30m`, `8h`, or seconds)."""
_TRUE = ("true", "yes", "on")
"""How PyYAML's safe loader writes a true bool (any case): `yes` and `on` are YAML 1.1's."""
_FALSE = ("false", "no", "off")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


class Bad(ValueError):
    """A value that cannot be used; `node` is where, when not the value itself."""

    def __init__(self, message: str, node: Node | None = None) -> None:
        super().__init__(message)
        self.node = node


def given(node: Node) -> str:
    """The value as a message quotes it: `'flase'`, `a list`, `empty`."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    assert isinstance(node, ScalarNode)
    raw = node.value
    if not raw:
        return "empty"
    return f"'{raw}'" if len(raw) <= 24 else f"'{raw[:20]}...'"


def scalar(node: Node, tags: tuple[str, ...]) -> str | None:
    """The scalar's text if it is one of `tags`, else None."""
    return node.value if isinstance(node, ScalarNode) and node.tag in tags else None


def _flag(key: str, node: Node) -> bool:
    """true or false (and the yes/no/on/off PyYAML reads as those: they always worked)."""
    raw = (scalar(node, (BOOL,)) or "").lower()
    if raw in _TRUE or raw in _FALSE:  # (`!!bool maybe` is tagged a bool, too)
        return raw in _TRUE
    quoted = scalar(node, (STR,))
    hint = " (without quotes)" if quoted and quoted.lower() in ("true", "false") else ""
    raise Bad(f"{key} must be true or false{hint}, not {given(node)}")


def _rate(key: str, node: Node) -> int:
    """Words a minute: a whole number from 80 to 400."""
    try:
        return parse_count(node, 80, 400)
    except DurationError:
        raise Bad(f"{key} must be a whole number from 80 to 400, not {given(node)}") from None


def _cues(key: str, node: Node) -> tuple[str, ...]:
    """A list of the known cues (an empty list: the voice says nothing)."""
    if not isinstance(node, SequenceNode):
        raise Bad(f"{key} must be a list of: {', '.join(VOICE_CUES)}; not {given(node)}")
    out = []
    for item in node.value:
        name = scalar(item, (STR,))
        if name not in VOICE_CUES:
            close = closest(name or "", VOICE_CUES)
            hint = f": did you mean '{close}'?" if close else f"; use: {', '.join(VOICE_CUES)}"
            raise Bad(f"{key}: unknown cue {given(item)}{hint}", item)
        out.append(name)
    return tuple(out)


def _breathe(key: str, node: Node) -> Pace | None:
    """`4/6`: seconds in and out for every hold that gives none; null for none."""
    if scalar(node, (NULL,)) is not None:
        return None
    pace = parse_pace(scalar(node, (STR,)))
    if pace is None:
        raise Bad(f"{key}: {PACE_HELP}, not {given(node)}")
    return pace


def _transitions(key: str, node: Node) -> float:
    """A number from 1 to 3, written in plain digits (1, 1.5)."""
    raw = scalar(node, (INT, FLOAT))
    if raw is not None and _DECIMAL.fullmatch(raw) and 1 <= float(raw) <= 3:
        return float(raw)
    raise Bad(f"{key} must be a number from 1 to 3, like 1.5, not {given(node)}")


def _every(key: str, node: Node) -> str | None:
    """A duration from 5s to 8h (`50m`, `1h`, `1h30m`), kept as written; null for the
    default."""
    if scalar(node, (NULL,)) is not None:
        return None
    try:
        parse_duration(node, *REMIND_RANGE, hours=True)
    except DurationError:
        raise Bad(
            f"{key} must be a duration from 5s to 8h, like 50m, 1h or 1h30m, not {given(node)}"
        ) from None
    assert isinstance(node, ScalarNode)
    return node.value


def _routine(key: str, node: Node) -> str | None:
    """A routine's name or path: text; null for the default."""
    if scalar(node, (NULL,)) is not None:
        return None
    raw = scalar(node, (STR,))
    if raw is None or not raw.strip():
        raise Bad(f"{key} must be a routine's name or path, like desk-break, not {given(node)}")
    return raw.strip()


FAR_VIEW = ("auto", "on", "off")
"""`far_view:` auto (on from 100x28 unless `f` was pressed: the last choice is kept), on, off."""


def _far_view(key: str, node: Node) -> str:
    """`auto`, `on` or `off` (YAML's booleans count as on and off)."""
    raw = scalar(node, (STR, BOOL))
    word = {"true": "on", "false": "off"}.get((raw or "").lower(), raw or "")
    if word in FAR_VIEW:
        return word
    raise Bad(f"{key} must be auto, on or off, not {given(node)}")


def _window_part(node: Node, check: Callable[[str], object]) -> str | None:
    """A part of the reminder's window as text, checked by `check` (ValueError if it is not
    one); null or empty for none."""
    if scalar(node, (NULL,)) is not None:
        return None
    raw = scalar(node, (STR,))
    if raw is None:
        raise ValueError("not text")
    check(raw)
    return raw.strip() or None


def _between(key: str, node: Node) -> str | None:
    """Local hours `09:00-17:30`; null (or empty) for any time."""
    try:
        return _window_part(node, lambda raw: parse_window(raw, None))
    except ValueError as exc:
        why = f": {LOCAL_ONLY}" if isinstance(exc, LocalTimeOnly) else ""
        raise Bad(
            f"{key} must be HH:MM-HH:MM local hours, like 09:00-17:30, not {given(node)}{why}"
        ) from None


def _days(key: str, node: Node) -> str | None:
    """Weekdays `mon-fri` or `mon,wed,fri`; null (or empty) for every day."""
    try:
        return _window_part(node, lambda raw: parse_window(None, raw))
    except ValueError:
        raise Bad(
            f"{key} must be weekdays like mon-fri or mon,wed,fri, not {given(node)}"
        ) from None


CHECKS: dict[str, Callable[[str, Node], object]] = {
    "record_history": _flag,
    "voice": _flag,
    "voice_rate": _rate,
    "voice_cues": _cues,
    "breathe": _breathe,
    "transitions": _transitions,
    "ask_pain": _flag,
    "plain_wrap": _flag,
    "morning_check": _flag,
    "remind_every": _every,
    "remind_routine": _routine,
    "remind_between": _between,
    "remind_days": _days,
    "far_view": _far_view,
}
"""Every setting, and how its value is read from its node (Bad if it cannot be)."""
DEFAULTED = ("remind_every", "remind_routine")
"""Keys whose null means the default rather than None."""
