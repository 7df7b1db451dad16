"""Provides one recorded session and one reminder break, as the store reads them and the
views show them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class SessionRow:
    """One recorded session."""

    id: int
    routine: str
    path: str
    title: str
    started_utc: str
    ended_utc: str | None
    status: str
    segments_done: int
    segments_total: int
    seconds_held: float
    pain_exercise: str | None
    pain_side: str | None
    feeling: int | None
    """How the back felt after, 0 (worst) to 9 (best): the question asked before version 3."""
    lead_side: str | None
    pain_before: int | None = None
    """How much it hurt before, 0 (none) to 10 (worst), if asked."""
    pain_after: int | None = None
    """How much it hurt after, 0 (none) to 10 (worst), if answered."""
    pain_region: str | None = None
    """The body region the pain question was about (`low-back`, `neck`)."""

    def as_dict(self) -> dict[str, Any]:
        """For JSON and CSV."""
        return asdict(self)


BREAK_KINDS = ("due", "taken", "snoozed", "skipped")
"""What can become of a reminder's break (the store's CHECK says the same)."""


@dataclass(frozen=True)
class BreakRow:
    """One reminder break: when it came due, or what the user did with it."""

    id: int
    at_utc: str
    kind: str
    """due, taken, snoozed or skipped."""
    routine: str
    """The routine it offered."""

    def as_dict(self) -> dict[str, Any]:
        """For JSON and CSV."""
        return asdict(self)
