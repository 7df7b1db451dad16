"""Provides fitting a routine to the time there is: holds scaled within their bounds, optional
steps (then the last ones) left out only when scaling cannot fit, in a few plans whatever the
routine's length."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from stretchtimer.core.model import Plan, Routine, Step

FLOOR = 15
"""Without an article's `hold: {min: ...}`, no hold is scaled below this (nor below itself)."""
CEILING = 2.0
"""Without an article's `hold: {max: ...}`, no hold is scaled above this many times itself."""
MOST = 64
"""No hold is scaled by this factor or more (a bound on the search, never reached by bounds)."""

Planner = Callable[[Routine, tuple[Step, ...]], Plan]
"""Makes the plan of a routine (with the steps it left out): core.plan with the user's lead
side, breathing guide and transition pace. Fitting relies on what core.plan does: a longer
hold never shortens the plan, nor does one step more."""
Factor = tuple[int, int]
"""A scaling factor as a fraction (numerator, denominator): exact, so that a hold scaled at a
factor where it changes gets its new value, never the one below by a rounding error."""


def bounds(step: Step) -> tuple[int, int]:
    """The shortest and longest a step's hold may be scaled to."""
    low = step.variant.hold_min if step.variant.hold_min is not None else min(FLOOR, step.hold)
    high = step.variant.hold_max if step.variant.hold_max is not None else round(step.hold * 2)
    return min(low, step.hold), max(high, step.hold)


def _nice(whole: int) -> int:
    """Whole seconds, down to a multiple of 5 from 20 s up (easier to read)."""
    return whole - whole % 5 if whole >= 20 else whole


def _scaled_hold(step: Step, factor: Factor) -> int:
    """The step's hold scaled by `factor`, made nice, within its bounds."""
    low, high = bounds(step)
    return max(low, min(high, _nice(step.hold * factor[0] // factor[1])))


def _scaled(routine: Routine, factor: Factor) -> Routine:
    steps = tuple(
        s if s.reps else replace(s, hold=_scaled_hold(s, factor)) for s in routine.steps
    )
    return replace(routine, steps=steps)


def _changes(hold: int, low: int, high: int) -> list[int]:
    """The nice seconds at which a hold between `low` and `high` takes a new value as its
    factor grows: the hold becomes t at the factor t / hold."""
    top = high if high < 20 or high % 5 == 0 else high + 5 - high % 5  # nice, at or above
    first_five = max(low + 1, 20) + (-max(low + 1, 20)) % 5
    return [*range(low + 1, min(top, 19) + 1), *range(first_five, top + 1, 5)]


def _factors(routine: Routine) -> list[Factor]:
    """Every factor below MOST at which some hold changes, ascending, after the factor 0 (each
    hold at its shortest): the plan's length changes only at these."""
    found: dict[float, Factor] = {}
    for hold, low, high in {(s.hold, *bounds(s)) for s in routine.steps if not s.reps}:
        for t in _changes(hold, low, high):
            if t < MOST * hold:
                # t / hold as a float orders and tells apart these fractions exactly (both
                # terms are far below 2**26)
                found.setdefault(t / hold, (t, hold))
    return [(0, 1), *(found[key] for key in sorted(found))]


def _longest(routine: Routine, budget: int, planner: Planner, dropped: tuple[Step, ...]) -> Plan:
    """The longest scaling of the holds whose plan fits `budget` (the shortest possible one,
    if none does): a binary search over the factors where the plan changes."""
    factors = _factors(routine)
    best = planner(_scaled(routine, factors[0]), dropped)
    if best.total_seconds > budget:
        return best
    fits, over = 0, len(factors)  # factors[fits] fits; factors[over] (if any) does not
    while over - fits > 1:
        mid = (fits + over) // 2
        candidate = planner(_scaled(routine, factors[mid]), dropped)
        if candidate.total_seconds <= budget:
            fits, best = mid, candidate
        else:
            over = mid
    return best


def _drop_order(steps: tuple[Step, ...]) -> list[int]:
    """The order steps are left out in: the optional ones from the end, then the others from
    the end (the first that remains always stays)."""
    optional = [i for i in reversed(range(len(steps))) if steps[i].optional]
    others = [i for i in reversed(range(len(steps))) if not steps[i].optional]
    return (optional + others)[: max(0, len(steps) - 1)]


def fit(routine: Routine, budget: int, planner: Planner) -> Plan:
    """The plan of `routine` fitted to `budget` seconds: holds scaled (within bounds) to fill
    it as well as they can; if even the shortest holds run over, optional steps are left out
    first, then steps from the end (the first step always stays). Flows keep their breaths.

    As few steps are left out as let the shortest holds fit (a binary search: leaving one more
    out never lengthens the plan), then the holds are scaled (another): a few plans in all,
    about log2 of the steps plus log2 of the factors where a hold changes."""
    order = _drop_order(routine.steps)

    def without(count: int) -> tuple[Routine, tuple[Step, ...]]:
        gone = set(order[:count])
        kept = tuple(s for i, s in enumerate(routine.steps) if i not in gone)
        return replace(routine, steps=kept), tuple(routine.steps[i] for i in order[:count])

    def shortest_fits(count: int) -> bool:
        shorter, dropped = without(count)
        return planner(_scaled(shorter, (0, 1)), dropped).total_seconds <= budget

    over, enough = -1, len(order)  # leaving out `enough` steps will do (all it can)
    if shortest_fits(0):
        enough = 0
    else:
        over = 0
    while enough - over > 1:
        mid = (over + enough) // 2
        if shortest_fits(mid):
            enough = mid
        else:
            over = mid
    shorter, dropped = without(enough)
    return _longest(shorter, budget, planner, dropped)
