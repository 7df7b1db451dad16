"""Provides the reminder's words shared by every front end: the hours it keeps and the time to
the next break."""

from __future__ import annotations

import math

from stretchtimer.core.schedule import DAY_NAMES, Window


def window_text(window: Window) -> str:
    """`09:00-17:30, mon-fri`, or `any time`."""
    bits = []
    if (window.start.hour, window.start.minute) != (0, 0) or window.end.hour != 23:
        bits.append(f"{window.start:%H:%M}-{window.end:%H:%M}")
    if window.days != frozenset(range(7)):
        bits.append(",".join(DAY_NAMES[d] for d in sorted(window.days)))
    return ", ".join(bits) or "any time"


def minutes_text(seconds: float) -> str:
    """`in 23 min`, `in 1 min`, `in under a minute`."""
    minutes = math.ceil(seconds / 60 - 1e-9)
    return "in under a minute" if seconds < 60 else f"in {minutes} min"
