"""Provides the events a Session reports from tick()."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """Something that happened in a session."""

    index: int
    """The segment it happened in."""
    late: bool = False
    """Reported after a long gap (a suspended laptop): shown, never chimed."""


@dataclass(frozen=True)
class SegmentStarted(Event):
    """A segment began (also after next/back)."""


@dataclass(frozen=True)
class Halfway(Event):
    """Half of a segment has passed."""


@dataclass(frozen=True)
class Countdown(Event):
    """`n` seconds are left in the segment (3, 2, 1)."""

    n: int = 0


@dataclass(frozen=True)
class Breath(Event):
    """A breath in or out begins, in a flow (or a hold with a breathing guide)."""

    phase: str = "in"
    """`in` or `out`."""
    n: int = 1
    """Which breath of the segment, from 1."""


@dataclass(frozen=True)
class MovementDue(Event):
    """A get-ready's last seconds begin: from now on the movement is what to read and hear,
    so nobody reads it while holding."""


@dataclass(frozen=True)
class SegmentEnded(Event):
    """A segment ran to its end."""


@dataclass(frozen=True)
class Finished(Event):
    """The whole plan is done."""


@dataclass(frozen=True)
class Stopped(Event):
    """The session was stopped early."""

    reason: str = ""
