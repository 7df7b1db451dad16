"""Provides the order check of a routine's positions: the body should go one way (down to
the floor, or up from it), never up from the floor and then back down for no reason."""

from __future__ import annotations

from collections.abc import Sequence

from stretchtimer.core.plan import GROUND

WORDS = {0: "upright", 1: "kneeling", 2: "lying down"}


def back_down(positions: Sequence[str | None]) -> tuple[int, int] | None:
    """(the step, from 0, where the body gets up, the step where it goes back down) for the
    first such trip; None when there is none (steps of no known position are skipped)."""
    levels = [(i, GROUND[p]) for i, p in enumerate(positions) if p in GROUND]
    runs: list[tuple[int, int]] = []  # (first step, level) of each run of one level
    for i, level in levels:
        if not runs or runs[-1][1] != level:
            runs.append((i, level))
    for (_, a), (up, b), (down, c) in zip(runs, runs[1:], runs[2:], strict=False):
        if a > b < c:
            return up, down
    return None


def back_down_text(positions: Sequence[str | None]) -> tuple[int, str] | None:
    """(the step, from 0, to name, what to say) for a trip up and back down; None if none."""
    found = back_down(positions)
    if found is None:
        return None
    up, down = found
    came = WORDS[GROUND[positions[up] or ""]]
    went = WORDS[GROUND[positions[down] or ""]]
    return down, (f"step {down + 1} goes back down ({went}) after step {up + 1} got up "
                  f"({came}): order the steps so the body goes one way, down to the floor "
                  "or up from it")
