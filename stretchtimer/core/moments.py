"""Provides the named moments that were strings: when a pain score is asked, and what became of
a due break."""

from __future__ import annotations

from enum import StrEnum


class PainTime(StrEnum):
    """When a pain score is asked (the history's `when`)."""

    BEFORE = "before"
    AFTER = "after"
    MORNING = "morning"
    """The next-morning check (kept as a check of its own, not in a session's row)."""


class BreakChoice(StrEnum):
    """What the user chose to do with a due break."""

    START = "start"
    SNOOZE = "snooze"
    SKIP = "skip"
    AWAY = "away"
    """`t`: a break was taken away from the desk (counted; the wait starts afresh)."""
