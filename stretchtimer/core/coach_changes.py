"""Provides the changes the coach suggests to a routine's steps: one step of progress, an
easier and shorter version, a step left out; and a change applied to a routine."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from stretchtimer.core.coach_types import Change, StepEdit
from stretchtimer.core.fit import bounds
from stretchtimer.core.model import Routine, Sides, Step, Variant

MORE_HOLD = 5
"""Seconds a progression adds to a hold."""
MOST_REPEAT = 3
"""A progression repeats a hold at most this many times."""
MORE_REPS = 2
"""Breaths a progression adds to a flow."""
MOST_REPS = 12
"""A progression makes a flow at most this many breaths."""
EASIER = 0.75
"""Easing off keeps this much of each hold."""
SHORTEST = 5
"""Easing off never makes a hold shorter than this (nor than its variant's shortest)."""


def name(step: Step, variant: Variant | None = None) -> str:
    """What a step is called (its variant's name, else its exercise's title)."""
    return (variant or step.variant).name or step.exercise.title


def sides(step: Step) -> frozenset[str | None]:
    """The sides a step is done on, as step records name them."""
    if step.sides is Sides.BOTH:
        return frozenset({"left", "right"})
    if step.sides is Sides.NONE:
        return frozenset({None})
    return frozenset({step.sides.value})


def is_flow(step: Step) -> bool:
    """A breath-paced flow (else a hold)."""
    return step.pace is not None and step.reps > 0


def _other(step: Step, variant_id: str | None) -> Variant | None:
    """The variant of the step's exercise with this id, or None."""
    if variant_id is None:
        return None
    try:
        return step.exercise.variant(variant_id)
    except KeyError:
        return None


def _longer(i: int, step: Step) -> Change | None:
    if is_flow(step):
        return None
    most = step.variant.hold_max if step.variant.hold_max is not None else bounds(step)[1]
    hold = step.hold + MORE_HOLD
    if hold > most:
        return None
    what = f"{name(step)} held {hold} s instead of {step.hold} s"
    return Change((StepEdit(i, hold=hold),), (), what)


def _more(i: int, step: Step) -> Change | None:
    if is_flow(step):
        if step.reps >= MOST_REPS:
            return None
        reps = min(MOST_REPS, step.reps + MORE_REPS)
        what = f"{name(step)} for {reps} breaths instead of {step.reps}"
        return Change((StepEdit(i, reps=reps),), (), what)
    if step.repeat >= MOST_REPEAT:
        return None
    repeat = step.repeat + 1
    what = f"{name(step)} done {repeat} times instead of {step.repeat}"
    return Change((StepEdit(i, repeat=repeat),), (), what)


def _harder(i: int, step: Step) -> Change | None:
    harder = _other(step, step.variant.harder)
    if harder is None:
        return None
    what = f"{name(step, harder)} instead of {name(step)}"
    return Change((StepEdit(i, variant=harder.id),), (), what)


def progress(routine: Routine, sore: Collection[tuple[str, str | None]]) -> Change | None:
    """One thing more: the first step that can be held 5 s longer (within its longest), else
    the first done once more (holds, at most 3 times) or 2 breaths more (flows, at most 12),
    else the first with a harder variant; steps whose exercise and side are in `sore` (stopped
    for pain lately) are left alone. None when nothing can be."""
    steps = [
        (i, s) for i, s in enumerate(routine.steps)
        if not any((s.exercise.id, side) in sore for side in sides(s))
    ]
    for way in (_longer, _more, _harder):
        for i, step in steps:
            change = way(i, step)
            if change is not None:
                return change
    return None


def shorter(step: Step, variant: Variant) -> int:
    """A hold 25% shorter (to whole seconds, halves up), not below the variant's shortest nor
    5 s, nor above the hold itself."""
    low = max(SHORTEST, variant.hold_min or 0)
    return min(step.hold, max(low, int(step.hold * EASIER + 0.5)))


def _own_sides(variant: Variant) -> Sides:
    """The sides a variant is done on when a routine names none."""
    return Sides(variant.sides) if variant.sides else Sides.NONE


def _sides_with(step: Step, variant: Variant) -> Sides:
    """The sides a step takes on with another variant: its own where the routine named them
    (they differ from its variant's), else the other variant's."""
    return _own_sides(variant) if step.sides is _own_sides(step.variant) else step.sides


def _no_longer(step: Step, easier: Variant) -> bool:
    """Whether the easier variant, its hold 25% shorter, takes no more time than the step."""
    count = {Sides.BOTH: 2}
    before = step.hold * count.get(step.sides, 1)
    after = shorter(step, easier) * count.get(_sides_with(step, easier), 1)
    return after <= before


def ease_off(routine: Routine) -> Change | None:
    """Every step easier: its variant's easier one where it has one, holds 25% shorter, the
    optional steps left out (the first step stays if all are optional). None when nothing
    would change."""
    drop = tuple(i for i, s in enumerate(routine.steps) if s.optional)
    if len(drop) == len(routine.steps):
        drop = drop[1:]
    edits: list[StepEdit] = []
    for i, step in enumerate(routine.steps):
        if i in drop:
            continue
        easier = _other(step, step.variant.easier)
        if easier is not None and not is_flow(step) and not _no_longer(step, easier):
            easier = None  # (one leg at a time on both sides would be more, not less)
        variant = easier or step.variant
        hold = None if is_flow(step) else shorter(step, variant)
        new_sides = _sides_with(step, easier) if easier else step.sides
        edit = StepEdit(
            i,
            hold=hold if hold != step.hold else None,
            variant=easier.id if easier else None,
            sides=new_sides.value if new_sides is not step.sides else None,
        )
        if edit.hold is not None or edit.variant is not None:
            edits.append(edit)
    if not edits and not drop:
        return None
    parts = ["easier variants"] if any(e.variant for e in edits) else []
    parts += ["holds 25% shorter"] if any(e.hold for e in edits) else []
    parts += ["the optional steps left out"] if drop else []
    what = parts[-1] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return Change(tuple(edits), drop, f"{routine.title} with {what}")


def leave_out(routine: Routine, exercise: str, sore: Collection[str | None]) -> Change | None:
    """The steps of `exercise` on a `sore` side left out; None when that would leave none."""
    drop = tuple(
        i for i, s in enumerate(routine.steps) if s.exercise.id == exercise and sides(s) & set(sore)
    )
    if not drop or len(drop) == len(routine.steps):
        return None
    names = list(dict.fromkeys(name(routine.steps[i]) for i in drop))
    return Change((), drop, f"{' and '.join(names)} left out")


def apply(routine: Routine, change: Change) -> Routine:
    """The routine as the change would make it (variant ids resolved in each step's
    exercise; KeyError for one it does not have)."""
    edits = {e.position: e for e in change.edits}
    steps: list[Step] = []
    for i, step in enumerate(routine.steps):
        if i in change.drop:
            continue
        edit = edits.get(i)
        if edit is not None:
            variant = step.variant if edit.variant is None else step.exercise.variant(edit.variant)
            step = replace(
                step,
                sides=step.sides if edit.sides is None else Sides(edit.sides),
                hold=step.hold if edit.hold is None else edit.hold,
                repeat=step.repeat if edit.repeat is None else edit.repeat,
                reps=step.reps if edit.reps is None else edit.reps,
                variant=variant,
            )
        steps.append(step)
    return replace(routine, steps=tuple(steps))
