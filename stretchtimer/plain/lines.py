"""Provides plain mode's words: the lines each event of a session prints."""

from __future__ import annotations

from stretchtimer.core.engine import Session
from stretchtimer.core.events import (
    Breath,
    Countdown,
    Event,
    Finished,
    Halfway,
    MovementDue,
    SegmentStarted,
    Stopped,
)
from stretchtimer.core.model import SegmentKind
from stretchtimer.core.plan import movement, side_meaning, starting_position
from stretchtimer.core.text import human_seconds
from stretchtimer.present.session import NOT_COUNTED, breath_text, describe, held_text


def event_lines(event: Event, session: Session) -> list[str]:
    """The lines one event prints."""
    plan = session.plan
    seg = plan.segments[event.index]
    late = " (caught up after a pause in the clock)" if event.late else ""
    if isinstance(event, SegmentStarted):
        if seg.kind is SegmentKind.PREPARE:
            name = seg.exercise.title + (f" / {seg.variant.name}" if seg.variant.name else "")
            start = "; ".join(starting_position(seg.exercise, seg.variant))
            lines = [f"Step {seg.step_index + 1}/{plan.step_count}: {name}{late}"]
            lines.append(f"Get ready, {human_seconds(seg.seconds)}: {start}".rstrip(": "))
            return lines
        if seg.kind in (SegmentKind.HOLD, SegmentKind.FLOW):
            lines = [f"{describe(seg)}{late}: " + "; ".join(movement(seg.variant))]
            if seg.exercise.red_flags:
                lines.append("Stop if: " + "; ".join(seg.exercise.red_flags))
            return lines
        if seg.kind is SegmentKind.SWITCH:
            to = side_meaning(seg.variant, seg.side) if seg.side else "the other side"
            return [f"Switch sides: {to}, {human_seconds(seg.seconds)}{late}"]
        return [f"Rest, {human_seconds(seg.seconds)}{late}"]
    if isinstance(event, MovementDue) and seg.variant.steps:
        return ["Next, the movement: " + "; ".join(movement(seg.variant))]
    if isinstance(event, Breath) and seg.kind is SegmentKind.FLOW and seg.pace is not None:
        label = seg.pace.in_label if event.phase == "in" else seg.pace.out_label
        return [f"{breath_text(event.phase, label)} ({event.n}/{seg.seconds // seg.pace.cycle})"]
    if isinstance(event, Countdown) and seg.kind is SegmentKind.HOLD:
        return [str(event.n)]
    if isinstance(event, Halfway) and seg.kind is SegmentKind.HOLD:
        return ["Halfway"]
    if isinstance(event, Finished):
        lines = [f"Routine complete: {plan.routine.title}. {held_text(session)}.{late}"]
        return lines if session.held_enough else [*lines, NOT_COUNTED]
    if isinstance(event, Stopped):
        return [f"Session stopped ({event.reason})."]
    return []
