"""Provides what a segment reports as its time passes: halfway, 3-2-1 and breaths, once each."""

from __future__ import annotations

from stretchtimer.core.events import Breath, Countdown, Event, Halfway, MovementDue
from stretchtimer.core.model import Segment, SegmentKind

COUNTDOWN = (3, 2, 1)
MOVEMENT_LEAD = 4
"""Seconds before a get-ready ends from which the movement is shown and said (at most half
of the get-ready, rounded up: the rest is for the starting position)."""


def movement_lead(seconds: int) -> int:
    """The whole seconds at the end of a get-ready of `seconds` that show its movement."""
    return min(MOVEMENT_LEAD, -(-seconds // 2))


def movement_from(seconds: int) -> float:
    """Seconds into a get-ready of `seconds` when its movement comes in."""
    return float(seconds - movement_lead(seconds))


def counts_down(seconds: int, n: int) -> bool:
    """Whether a segment of `seconds` has its `n` of the 3-2-1 (a short one has fewer)."""
    return seconds > n + 1


def crossed(seg: Segment, index: int, elapsed: float, fired: set[str]) -> list[Event]:
    """Halfway and 3-2-1 for segment `index`, up to `elapsed`; only the latest one. What has
    passed is added to `fired`, and what is in it never reported again."""
    if seg.kind is SegmentKind.FLOW:  # a flow counts breaths, not seconds
        return breath(seg, index, elapsed, fired)
    remaining = seg.seconds - elapsed
    found: list[Event] = []
    ahead: list[Event] = []
    if seg.kind is SegmentKind.PREPARE and elapsed >= movement_from(seg.seconds):
        if "move" not in fired and remaining > 0:
            ahead.append(MovementDue(index))
        fired.add("move")
    if seg.seconds >= 10 and elapsed >= seg.seconds / 2 and "half" not in fired:
        fired.add("half")
        if remaining > COUNTDOWN[0]:
            found.append(Halfway(index))
    for n in COUNTDOWN:
        key = f"cd{n}"
        if counts_down(seg.seconds, n) and remaining <= n and key not in fired:
            fired.add(key)
            found.append(Countdown(index, n=n))
    return ahead + found[-1:] + breath(seg, index, elapsed, fired)


def breath(seg: Segment, index: int, elapsed: float, fired: set[str]) -> list[Event]:
    """The breath in or out under way `elapsed` seconds into the segment, if not yet
    reported (one passed over in a jump is never reported: only the latest)."""
    pace = seg.pace
    if pace is None or elapsed >= seg.seconds:
        return []
    n, into = divmod(elapsed, pace.cycle)
    phase, _ = pace.phase_at(into)
    key = f"b{int(n)}{phase}"
    if key in fired:
        return []
    fired.add(key)
    return [Breath(index, phase=phase, n=int(n) + 1)]
