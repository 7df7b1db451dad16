"""Provides the reminder's words shared by every front end: the hours it keeps and the time to
the next break."""

from __future__ import annotations

import math

from stretchtimer.core.schedule import DAY_NAMES, END_OF_DAY, Window


def window_text(window: Window) -> str:
    """`09:00-17:30, mon-fri`, `22:00-24:00`, or `any time` (the whole day, every day)."""
    bits = []
    if not window.whole_day:
        end = "24:00" if window.end == END_OF_DAY else f"{window.end:%H:%M}"
        bits.append(f"{window.start:%H:%M}-{end}")
    if window.days != frozenset(range(7)):
        bits.append(",".join(DAY_NAMES[d] for d in sorted(window.days)))
    return ", ".join(bits) or "any time"


def minutes_text(seconds: float) -> str:
    """`in 23 min`, `in 1 min`, `in under a minute`."""
    minutes = math.ceil(seconds / 60 - 1e-9)
    return "in under a minute" if seconds < 60 else f"in {minutes} min"
