"""Provides the body region a routine works, which its pain questions are about."""

from __future__ import annotations

from collections import Counter

from stretchtimer.core.model import Routine


def routine_region(routine: Routine) -> str:
    """The body region most of the routine's steps work (the first one on a tie)."""
    regions = [step.exercise.region for step in routine.steps]
    counts = Counter(regions)
    return max(regions, key=lambda r: counts[r])  # the first of the most common


def routine_regions(routine: Routine) -> tuple[str, ...]:
    """Every region the routine's steps work, the most worked first."""
    counts = Counter(step.exercise.region for step in routine.steps)
    first = {r: i for i, r in reversed(list(enumerate(s.exercise.region for s in routine.steps)))}
    return tuple(sorted(counts, key=lambda r: (-counts[r], first[r])))
