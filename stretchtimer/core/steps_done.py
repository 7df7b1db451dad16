"""Provides what a session did, step by step, for the history: each exercise step on each side
(and in each variant it was done in), planned against held, skipped, stopped for pain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stretchtimer.core.engine import Session, State
from stretchtimer.core.model import WORKING
from stretchtimer.core.records import StepRecord


@dataclass
class _Sum:
    """One step's side, as its segments add up."""

    planned: float = 0.0
    held: float = 0.0
    skipped: bool = False
    stop: bool = False
    score: int | None = None


def steps_done(session: Session, stops: Mapping[int, int | None]) -> tuple[StepRecord, ...]:
    """One record per step, side and variant that the session reached (or skipped past),
    in the order they came; `stops`: the segments where "this hurts" was pressed, with the
    score given there (None: none given)."""
    reached = session.reached if session.state is not State.READY else -1
    sums: dict[tuple[int, str | None, str], _Sum] = {}
    for index, segment in enumerate(session.plan.segments):
        if segment.kind not in WORKING or (index > reached and index not in session.skipped):
            continue
        side = segment.side.value if segment.side else None
        done = sums.setdefault((segment.step_index, side, segment.variant.id), _Sum())
        done.planned += segment.seconds
        done.held += session.held_by.get(index, 0.0)
        done.skipped = done.skipped or index in session.skipped
        if index in stops:
            done.stop, done.score = True, stops[index]
    steps = session.plan.routine.steps
    return tuple(
        StepRecord(
            position, steps[position].exercise.id, variant, side, done.planned,
            round(done.held, 1), done.skipped, done.stop, done.score,
        )
        for (position, side, variant), done in sums.items()
    )
