"""Provides a routine's preview: its steps, what it needs, and what to take care with."""

from __future__ import annotations

import re

from stretchtimer.core.model import Plan, Routine, Step
from stretchtimer.core.text import join_seconds
from stretchtimer.present.needs import needs_lines

MOST_CAUTIONS = 8
"""The take-care list stops here (it must fit a screen beside the steps): `show` has them all."""
_FILLER = frozenset(
    ("a", "an", "the", "or", "and", "of", "with", "any", "your", "recent", "known", "current")
)
_ADVICE_FOR_ANOTHER_WAY = re.compile(r"version|variant|instead|skip|avoid|only", re.I)


def step_text(step: Step) -> str:
    """`Single Knee to Chest: 20 s each side` or `Cat-Cow Flow: 8 breaths (4 s in, 4 s out)`."""
    name = step.variant.name or step.exercise.title
    sides = {"both": " each side", "left": ", left side", "right": ", right side"}
    repeat = f", {step.repeat} times" if step.repeat > 1 else ""
    if step.reps and step.pace:
        pace = ", ".join(f"{s} s {word}" for word, s, _ in step.pace.in_order())
        return f"{name}: {step.reps} breaths ({pace}){sides.get(step.sides, '')}{repeat}"
    return f"{name}: {step.hold} s{sides.get(step.sides, '')}{repeat}"


def _note(text: str) -> tuple[int, str] | None:
    r"""The note in brackets that ends `text` (`Pregnancy (the seated version is easier)`):
    where it begins, with the white space before it, and what it says; None if there is none.
    Found by scanning from the end, in linear time (the regex `\s*\(([^)]*)\)\s*$` it stands
    for tried every start of a run of brackets or spaces: quadratic)."""
    body = text.rstrip()
    if not body.endswith(")"):
        return None
    close = len(body) - 1
    opening = body.find("(", body.rfind(")", 0, close) + 1, close)
    if opening < 0:
        return None
    return len(body[:opening].rstrip()), body[opening + 1 : close]


def _without_note(text: str) -> str:
    """`text` less the note in brackets that ends it, if any."""
    note = _note(text)
    return text if note is None else text[: note[0]]


def _key(caution: str) -> frozenset[str]:
    """What a caution is about, whatever its wording: its words less the filler, before any
    note in brackets (`A recent or acute back injury` and `Acute back injury` are one)."""
    words = re.findall(r"[a-z0-9]+", _without_note(caution).lower())
    return frozenset(w for w in words if w not in _FILLER)


def take_care(routine: Routine) -> tuple[list[str], int]:
    """The routine's cautions, each condition once, at most MOST_CAUTIONS; and how many more
    there are. A note that recommends another way of doing an exercise (`the single-knee
    version is easier`) is left to `show` and the pain screen, so that the list never argues
    with the routine the user is about to start."""
    kept: list[tuple[frozenset[str], str]] = []
    for step in routine.steps:
        for caution in step.exercise.cautions:
            note = _note(caution)
            if note and _ADVICE_FOR_ANOTHER_WAY.search(note[1]):
                caution = caution[: note[0]]
            key = _key(caution)
            # the same condition, said more or less precisely (`Pregnancy`, `Pregnancy after
            # the first trimester`), is one: the first wording stays
            if not any(key <= other or other <= key for other, _ in kept):
                kept.append((key, caution))
    cautions = [text for _, text in kept]
    return cautions[:MOST_CAUTIONS], max(0, len(cautions) - MOST_CAUTIONS)


def preview_text(plan: Plan) -> str:
    """The steps of a plan, what it needs, and what to take care with."""
    r = plan.routine
    lines = [r.title, r.description, f"{join_seconds(plan.total_seconds)} in all", ""]
    lines += needs_lines(r)
    lines += ["", "Steps:"]
    lines += [f"{i}. {step_text(step)}" for i, step in enumerate(r.steps, 1)]
    cautions, more = take_care(r)
    if cautions:
        lines += ["", "Take care with:"] + [f"- {c}" for c in cautions]
        if more:
            lines.append(f"  and {more} more: see 'stretchtimer show' for each exercise")
    return "\n".join(lines)
