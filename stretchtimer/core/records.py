"""Provides the coach's view of the history: each session with its steps, each next-morning
check and each decision on a suggestion, as plain values (read by history/, judged by
core/zones.py and core/coach.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One exercise step of a session, on one side: what was planned and what was done."""

    position: int
    """The step's place in its routine (0 first)."""
    exercise: str
    """The exercise id."""
    variant: str
    """The variant id ("" for an exercise with one way of doing it)."""
    side: str | None
    """`left`, `right`, or None for a step done once."""
    planned: float
    """Seconds of holding (or flowing) planned for it."""
    held: float
    """Seconds really held."""
    skipped: bool = False
    """Left early with `next`, or skipped after "this hurts"."""
    pain_stop: bool = False
    """"This hurts" was pressed during it."""
    pain_score: int | None = None
    """The pain score given at that stop, 0 (none) to 10 (worst)."""


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One session, as the coach reads it."""

    started: datetime
    """When it started (aware; local days are taken from it)."""
    routine: str
    """The routine's name (`morning`, or a path for a file run by path)."""
    title: str
    status: str
    """completed, partial, quit, stopped, interrupted (or running)."""
    pain_before: int | None = None
    pain_after: int | None = None
    region: str | None = None
    """The body region the pain questions were about (`low-back`, `neck`)."""
    held: float = 0.0
    """Seconds held in the whole session."""
    steps: tuple[StepRecord, ...] = ()
    """Its steps (empty for sessions recorded before steps were)."""

    @property
    def day(self) -> date:
        """The local day it started on."""
        return self.started.astimezone().date()

    @property
    def planned(self) -> float:
        """Seconds of holding planned over the steps recorded (0 when none were)."""
        return sum(s.planned for s in self.steps)

    @property
    def stopped_for_pain(self) -> bool:
        """Ended for pain, or "this hurts" pressed in any step (and carried on)."""
        return self.status == "stopped" or any(s.pain_stop for s in self.steps)


@dataclass(frozen=True, slots=True)
class MorningCheck:
    """The next-morning question's answer (None: asked and skipped)."""

    at: datetime
    """When it was answered (aware)."""
    region: str
    score: int | None

    @property
    def day(self) -> date:
        return self.at.astimezone().date()


DECISIONS = ("accepted", "declined")


@dataclass(frozen=True, slots=True)
class Decision:
    """What the user did with a suggestion."""

    at: datetime
    key: str
    """The suggestion's identity (Suggestion.key)."""
    choice: str
    """accepted or declined."""
    routine: str = ""
    """The routine it was about."""
    rule: str = ""
    """The rule that made it (progress, ease-off, ...)."""
    made: str = ""
    """The routine an accepted change was written as (its name), else ""."""
