"""Provides the gentlest routine for a body region: all lying down, then the fewest positions,
then the slowest transitions, then the least holding."""

from __future__ import annotations

from collections.abc import Mapping

from stretchtimer.core.model import Routine
from stretchtimer.core.plan import plan
from stretchtimer.core.regions import routine_region

LYING = frozenset({"lying-back", "lying-front", "side-lying"})
"""The positions that are lying down."""


def gentleness(routine: Routine) -> tuple[bool, int, float, int]:
    """A sort key, gentlest first: not all lying, distinct positions, minus the mean get-ready,
    seconds of holding."""
    positions = [s.variant.position for s in routine.steps]
    lying = bool(positions) and all(p in LYING for p in positions)
    prepare = sum(s.prepare for s in routine.steps) / max(1, len(routine.steps))
    return (not lying, len(set(positions)), -prepare, plan(routine).hold_seconds)


def gentlest(routines: Mapping[str, Routine], region: str | None) -> str | None:
    """The name of the gentlest routine working `region` (of all of them when none does), the
    first on a tie; None when there are no routines."""
    named = [n for n, r in routines.items() if r.steps and routine_region(r) == region]
    named = named or [n for n, r in routines.items() if r.steps]
    if not named:
        return None
    return min(named, key=lambda n: gentleness(routines[n]))
