"""Provides the rest of a session done another way: the current exercise step in another
variant (the easier one, after "this hurts"), from the side it was stopped on."""

from __future__ import annotations

from dataclasses import replace

from stretchtimer.core.model import Plan, Segment, SegmentKind, Sides, Variant
from stretchtimer.core.plan import move_seconds, starting_position, step_segments


def hold_within(hold: int, variant: Variant) -> int:
    """A step's hold, kept within what the variant's article allows (when it says)."""
    if variant.hold_min is not None:
        hold = max(hold, variant.hold_min)
    if variant.hold_max is not None:
        hold = min(hold, variant.hold_max)
    return hold


def easier_rest(plan: Plan, index: int, variant: Variant) -> tuple[Segment, ...]:
    """The segments to follow segment `index` when its step goes on as `variant`: a get-ready
    into the new starting position, the holds from the side (and round) it was on, then the
    rest of the plan as it was."""
    current = plan.segments[index]
    step = plan.routine.steps[current.step_index]
    pace = step.pace or next(
        (s.pace for s in plan.segments if s.step_index == current.step_index and s.pace), None
    )
    sides = step.sides
    if sides is Sides.NONE and variant.sides is Sides.BOTH:
        sides = Sides.BOTH  # a one-leg way in place of a two-leg one: each leg in turn
    new = replace(step, variant=variant, hold=hold_within(step.hold, variant), sides=sides)
    last = current.step_index == len(plan.routine.steps) - 1
    segments = step_segments(current.step_index, new, plan.lead, last, 0, 1.0, pace)
    side, rep = current.side, current.repeat_index
    working = (SegmentKind.HOLD, SegmentKind.FLOW)
    start = next(
        (i for i, s in enumerate(segments) if s.kind in working
         and (s.kind is SegmentKind.FLOW or side is None or s.side == side)
         and s.repeat_index == rep),
        None,
    )
    if start is None:
        return ()
    position = starting_position(step.exercise, variant)
    cue = "Get into position: " + ("; ".join(position) if position else variant.name)
    moving = move_seconds(current.variant.position, variant.position)
    prepare = Segment(
        SegmentKind.PREPARE, step.prepare + moving, cue, current.step_index, step.exercise,
        variant, segments[start].side, rep,
    )
    after = [s for s in plan.segments[index + 1 :] if s.step_index != current.step_index]
    return (prepare, *segments[start:], *after)
