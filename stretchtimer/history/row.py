"""Provides one recorded session, as the store reads it and the views show it."""

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
    lead_side: str | None

    def as_dict(self) -> dict[str, Any]:
        """For JSON and CSV."""
        return asdict(self)
