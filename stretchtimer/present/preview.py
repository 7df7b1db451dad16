"""Provides a routine's preview: its steps and the precautions of its exercises."""

from __future__ import annotations

from stretchtimer.core.model import Plan
from stretchtimer.core.text import join_seconds


def preview_text(plan: Plan) -> str:
    """The steps of a plan and the precautions of its exercises."""
    r = plan.routine
    lines = [r.title, r.description, f"{join_seconds(plan.total_seconds)} in all", "", "Steps:"]
    for i, step in enumerate(r.steps, 1):
        name = step.variant.name or step.exercise.title
        sides = {"both": ", each side", "left": ", left side", "right": ", right side"}
        lines.append(f"{i}. {name}: {step.hold} s{sides.get(step.sides, '')}")
    seen: set[str] = set()
    cautions: list[str] = []
    for step in r.steps:
        if step.exercise.id not in seen:
            seen.add(step.exercise.id)
            cautions += [c for c in step.exercise.precautions if c not in cautions]
    if cautions:
        lines += ["", "Take care with:"] + [f"- {c}" for c in cautions]
    return "\n".join(lines)
