"""Provides `history --steps`: every exercise step of the sessions shown, as a table for text,
JSON and CSV (one row per step and side)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stretchtimer.core.records import StepRecord
from stretchtimer.core.text import human_seconds, one_line
from stretchtimer.history.row import SessionRow
from stretchtimer.present.history import csv_cell, when

STEP_TABLE = (
    "session_id", "started_utc", "routine", "position", "exercise", "variant", "side",
    "planned", "held", "skipped", "pain_stop", "pain_score",
)
"""The columns of a step row."""
StepRow = tuple[object, ...]


def step_table(
    rows: Sequence[SessionRow], steps: Mapping[int, Sequence[StepRecord]]
) -> list[StepRow]:
    """One row per step of each session (oldest session first), in STEP_TABLE's order."""
    out: list[StepRow] = []
    for r in sorted((r for r in rows if not r.damaged), key=lambda r: (r.started_utc, r.id)):
        for s in steps.get(r.id, ()):
            out.append((
                r.id, r.started_utc, r.routine, s.position, s.exercise, s.variant, s.side,
                s.planned, s.held, s.skipped, s.pain_stop, s.pain_score,
            ))
    return out


def _whole(seconds: object) -> int:
    return round(seconds) if isinstance(seconds, int | float) else 0


def csv_row(row: StepRow) -> list[object]:
    """A step row made safe for a spreadsheet (see csv_cell)."""
    return [csv_cell(v) for v in row]


def steps_text(table: Sequence[StepRow]) -> str:
    """The steps as lines: when, routine, exercise and side, held of planned, and what
    happened."""
    if not table:
        return "No steps recorded yet (they are recorded from this version on)."
    lines = []
    for sid, started, routine, _, ex, variant, side, planned, held, skipped, stop, score in table:
        name = one_line(str(ex)) + (f" / {one_line(str(variant))}" if variant else "")
        if side:
            name += f" ({side})"
        marks = (["skipped"] if skipped else []) + (
            [f"this hurts ({score} of 10)" if score is not None else "this hurts"] if stop else []
        )
        held_text = f"{_whole(held)} s of {human_seconds(_whole(planned))}"
        lines.append(
            f"{when(str(started))}  #{sid} {one_line(str(routine))}: {name}, held {held_text}"
            + (f", {', '.join(marks)}" if marks else "")
        )
    return "\n".join(lines)
