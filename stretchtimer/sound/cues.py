"""Provides which chime a session event calls for."""

from __future__ import annotations

from stretchtimer.core.events import Breath, Countdown, Event, Finished, SegmentStarted
from stretchtimer.core.model import WORKING, Plan, SegmentKind
from stretchtimer.sound.chime import Chime


def chime_for(event: Event, plan: Plan) -> Chime | None:
    """The chime for an event, or None. Late events (after a long gap) never chime."""
    if event.late:
        return None
    kind = plan.segments[event.index].kind
    if isinstance(event, Finished):
        return Chime.COMPLETE
    if isinstance(event, SegmentStarted):
        if kind in (SegmentKind.PREPARE, SegmentKind.REST) and event.index > 0:
            before = plan.segments[event.index - 1].kind
            return Chime.RELEASE if before in WORKING else None
        return {
            SegmentKind.HOLD: Chime.HOLD,
            SegmentKind.FLOW: Chime.HOLD,
            SegmentKind.SWITCH: Chime.SWITCH,
        }.get(kind)
    if isinstance(event, Breath) and kind is SegmentKind.FLOW:
        pace = plan.segments[event.index].pace
        if event.n == 1 and pace is not None and event.phase == pace.first:
            return None  # the flow's start chime marks its first breath
        return Chime.BREATH_IN if event.phase == "in" else Chime.BREATH_OUT
    if isinstance(event, Countdown) and kind is SegmentKind.HOLD:
        return Chime.TICK
    return None
