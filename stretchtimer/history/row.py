"""Provides one recorded session and one reminder break, as the store reads them and the
views show them (a row another tool or a hand edit made odd is marked damaged)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = ("running", "completed", "partial", "quit", "stopped", "interrupted")
"""Every way a session's row ends (only `completed` counts for a streak: see
Session.held_enough)."""


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
    damaged: tuple[str, ...] = field(default=(), compare=False)
    """The columns whose stored value is not what they hold (a timestamp that is not one,
    text where a number goes): those read as empty. Not a column itself."""

    def as_dict(self) -> dict[str, Any]:
        """For JSON and CSV (the columns only)."""
        data = asdict(self)
        del data["damaged"]
        return data


SESSION_COLUMNS = tuple(name for name in SessionRow.__dataclass_fields__ if name != "damaged")
"""The sessions table's columns a SessionRow holds, in order."""

BREAK_KINDS = ("due", "taken", "snoozed", "skipped", "away")
"""What became of a break; `away`: one taken away from the desk, counted with `t`."""
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
    damaged: tuple[str, ...] = field(default=(), compare=False)
    """The columns whose stored value is not what they hold (not a column itself)."""

    def as_dict(self) -> dict[str, Any]:
        """For JSON and CSV (the columns only)."""
        data = asdict(self)
        del data["damaged"]
        return data


BREAK_COLUMNS = tuple(name for name in BreakRow.__dataclass_fields__ if name != "damaged")
"""The breaks table's columns a BreakRow holds, in order."""
