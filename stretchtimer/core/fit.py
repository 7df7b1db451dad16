"""Provides fitting a routine to the time there is: holds scaled within their bounds, optional
steps (then the last ones) left out only when scaling cannot fit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from stretchtimer.core.model import Plan, Routine, Step

FLOOR = 15
"""Without an article's `hold: {min: ...}`, no hold is scaled below this (nor below itself)."""
CEILING = 2.0
"""Without an article's `hold: {max: ...}`, no hold is scaled above this many times itself."""

Planner = Callable[[Routine, tuple[Step, ...]], Plan]
"""Makes the plan of a routine (with the steps it left out): core.plan with the user's lead
side, breathing guide and transition pace."""


def bounds(step: Step) -> tuple[int, int]:
    """The shortest and longest a step's hold may be scaled to."""
    low = step.variant.hold_min if step.variant.hold_min is not None else min(FLOOR, step.hold)
    high = step.variant.hold_max if step.variant.hold_max is not None else round(step.hold * 2)
    return min(low, step.hold), max(high, step.hold)


def _nice(seconds: float, low: int, high: int) -> int:
    """Whole seconds, down to a multiple of 5 from 20 s up (easier to read), within bounds."""
    whole = int(seconds)
    if whole >= 20:
        whole -= whole % 5
    return max(low, min(high, whole))


def _scaled(routine: Routine, factor: float) -> Routine:
    steps = tuple(
        s if s.reps else replace(s, hold=_nice(s.hold * factor, *bounds(s)))
        for s in routine.steps
    )
    return replace(routine, steps=steps)


def _best(routine: Routine, budget: int, planner: Planner, dropped: tuple[Step, ...]) -> Plan:
    """The longest scaling of the holds whose plan fits `budget` (the shortest possible one,
    if none does)."""
    low, high = 0.0, 1.0
    while planner(_scaled(routine, high), dropped).total_seconds <= budget and high < 64:
        high *= 2
    for _ in range(40):
        mid = (low + high) / 2
        if planner(_scaled(routine, mid), dropped).total_seconds <= budget:
            low = mid
        else:
            high = mid
    return planner(_scaled(routine, low), dropped)


def fit(routine: Routine, budget: int, planner: Planner) -> Plan:
    """The plan of `routine` fitted to `budget` seconds: holds scaled (within bounds) to fill
    it as well as they can; if even the shortest holds run over, optional steps are left out
    first, then steps from the end (the first step always stays). Flows keep their breaths."""
    dropped: list[Step] = []
    current = routine
    while True:
        best = _best(current, budget, planner, tuple(dropped))
        if best.total_seconds <= budget or len(current.steps) == 1:
            return best
        optional = [i for i, s in enumerate(current.steps) if s.optional]
        index = optional[-1] if optional else len(current.steps) - 1
        dropped.append(current.steps[index])
        current = replace(current, steps=current.steps[:index] + current.steps[index + 1 :])
