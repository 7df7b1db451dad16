"""Provides when the next-morning check is due: once, on the day after a session, about the
region that session worked, before anything else is asked that day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from stretchtimer.core.records import MorningCheck, SessionRecord


def morning_region(
    records: Sequence[SessionRecord],
    checks: Sequence[MorningCheck],
    today: date,
    region_of: Callable[[str], str | None] = lambda routine: None,
) -> str | None:
    """The region to ask about this morning, or None: a session yesterday (its pain
    region, else its routine's, via `region_of`, else the low back) and no check today yet,
    answered or skipped, and no session today before it."""
    yesterday = today - timedelta(days=1)
    if any(c.day == today for c in checks):
        return None
    days = [r for r in records if r.day in (yesterday, today)]
    if any(r.day == today for r in days):
        return None
    last = next((r for r in reversed(days) if r.day == yesterday), None)
    if last is None:
        return None
    return last.region or region_of(last.routine) or "low-back"
