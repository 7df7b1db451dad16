"""Provides the plan: a routine flattened into timed segments, each with its cue."""

from __future__ import annotations

import re

from stretchtimer.core.model import (
    Exercise,
    Pace,
    Plan,
    Routine,
    Segment,
    SegmentKind,
    Side,
    Sides,
    Step,
    Variant,
)

_TIMING_STEP = re.compile(
    r"^\s*(hold\b.*\d|switch (legs|sides)\b|repeat on the other|(repeat|continue)\b.*"
    r"(\d|times|seconds))",
    re.I,
)
"""Steps the timer does itself: `Hold 20-30 seconds`, `Switch legs`, `Repeat 6 to 10 times`."""


def starting_position(exercise: Exercise, variant: Variant) -> tuple[str, ...]:
    """The variant's starting position, or the nearest earlier variant's when it gives none."""
    if variant.starting_position:
        return variant.starting_position
    earlier = exercise.variants[: exercise.variants.index(variant)]
    for other in reversed(earlier):
        if other.starting_position:
            return other.starting_position
    return ()


def movement(variant: Variant) -> tuple[str, ...]:
    """The movement steps, less the ones about timing (the timer does those)."""
    return tuple(s for s in variant.steps if not _TIMING_STEP.match(s)) or variant.steps


_LEFT_RIGHT = re.compile(r"\b(left|right)\b", re.I)


def _mirror(text: str) -> str:
    """`your left knee comes in` -> `your right knee comes in` (case kept)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        other = "right" if word.lower() == "left" else "left"
        return other.capitalize() if word[0].isupper() else other

    return _LEFT_RIGHT.sub(swap, text)


def side_meaning(variant: Variant, side: Side) -> str:
    """What `side` means in this variant, as its article says (`your left knee comes in`;
    the other side made by mirroring when only one is given), else `left side`."""
    own = variant.left if side is Side.LEFT else variant.right
    other = variant.right if side is Side.LEFT else variant.left
    if own:
        return own
    if other:
        return _mirror(other)
    return f"{side.value} side"


def _name(step: Step) -> str:
    return step.variant.name or step.exercise.title


def _sides(step: Step, lead: Side) -> list[Side | None]:
    if step.sides is Sides.BOTH:
        return [lead, lead.other]
    if step.sides is Sides.LEFT:
        return [Side.LEFT]
    if step.sides is Sides.RIGHT:
        return [Side.RIGHT]
    return [None]


def _hold_cue(step: Step, side: Side | None) -> str:
    where = f" ({side_meaning(step.variant, side)})" if side else ""
    moves = movement(step.variant)
    return f"Hold{where}: " + ("; ".join(moves) if moves else _name(step))


def _switch_cue(step: Step, side: Side | None) -> str:
    to = f": {side_meaning(step.variant, side)}" if side else ""
    return f"Switch sides{to}; ease out slowly, then set up the other side"


def _flow_cue(step: Step) -> str:
    pace = step.pace
    assert pace is not None
    order = pace.in_order()
    says = " / ".join(label or word for word, _, label in order)
    timing = ", ".join(f"{seconds} s {word}" for word, seconds, _ in order)
    return f"Flow, {step.reps} breaths ({timing}): {says}"


GROUND = {
    "standing": 0, "seated": 0, "kneeling": 1, "all-fours": 1,
    "lying-back": 2, "lying-front": 2, "side-lying": 2,
}
"""How far from upright a position is: 0 up (standing, seated), 1 kneeling, 2 lying."""
MOVE_SECONDS = {0: 3, 1: 8, 2: 12}
"""Extra seconds to get ready by how many levels the body goes up or down (0: a change
within a level, such as lying on the back to lying on the front, or sitting to standing)."""
START_FROM: str | None = None
"""Where the body is before the first step: unknown (the user may start on the mat), so the
first get-ready is the routine's own `prepare`."""


def move_seconds(before: str | None, after: str | None) -> int:
    """Extra seconds of get-ready to go from one position to another (0 when either is
    unknown, or they are the same). Lying to kneeling: +8; standing to lying: +12."""
    if before is None or after is None or before == after:
        return 0
    return MOVE_SECONDS[abs(GROUND.get(before, 0) - GROUND.get(after, 0))]


def _scaled(seconds: int, slower: float) -> int:
    return round(seconds * slower)


def step_segments(
    index: int,
    step: Step,
    lead: Side,
    is_last: bool,
    moving: int,
    slower: float,
    breathe: Pace | None,
) -> list[Segment]:
    """The segments of one routine step (`moving`: extra get-ready seconds for a change of
    position; `slower`: every transition stretched by this much; `breathe`: a hold's breathing
    guide where the step gives none)."""
    out: list[Segment] = []
    sides = _sides(step, lead)

    def add(kind: SegmentKind, seconds: int, cue: str, side: Side | None, rep: int) -> None:
        if seconds > 0:
            pace = step.pace or breathe if kind in (SegmentKind.HOLD, SegmentKind.FLOW) else None
            out.append(
                Segment(kind, seconds, cue, index, step.exercise, step.variant, side, rep, pace)
            )

    start = starting_position(step.exercise, step.variant)
    prepare_cue = "Get into position: " + ("; ".join(start) if start else _name(step))
    add(SegmentKind.PREPARE, _scaled(step.prepare + moving, slower), prepare_cue, sides[0], 0)
    if step.reps and step.pace is not None:
        add(SegmentKind.FLOW, step.reps * step.pace.cycle, _flow_cue(step), None, 0)
        if not is_last:
            add(SegmentKind.REST, step.rest, "Rest and breathe", None, 0)
        return out
    switch = _scaled(step.switch, slower)
    for rep in range(step.repeat):
        if rep:
            if len(sides) > 1:
                add(SegmentKind.SWITCH, switch, _switch_cue(step, sides[0]), sides[0], rep)
            else:
                add(SegmentKind.REST, step.rest, "Rest, breathe, and go again", sides[0], rep)
        for j, side in enumerate(sides):
            if j:
                add(SegmentKind.SWITCH, switch, _switch_cue(step, side), side, rep)
            add(SegmentKind.HOLD, step.hold, _hold_cue(step, side), side, rep)
    if not is_last:
        add(SegmentKind.REST, step.rest, "Rest and breathe", None, step.repeat - 1)
    return out


def plan(
    routine: Routine,
    lead: Side = Side.LEFT,
    slower: float = 1.0,
    breathe: Pace | None = None,
    dropped: tuple[Step, ...] = (),
) -> Plan:
    """Flatten `routine` into segments: `lead` is the side done first in `both` steps; each
    get-ready grows by the time a change of body position takes; `slower` stretches every
    get-ready and switch (stiff mornings); `breathe` is the breathing guide for holds that give
    none (settings.yaml)."""
    last = len(routine.steps) - 1
    segments: list[Segment] = []
    where: str | None = START_FROM
    for index, step in enumerate(routine.steps):
        position = step.variant.position
        moving = move_seconds(where, position)
        where = position or where
        segments += step_segments(index, step, lead, index == last, moving, slower, breathe)
    return Plan(routine, tuple(segments), lead, dropped)
