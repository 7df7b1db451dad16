"""Provides what a routine needs, in words: the equipment to fetch and the positions in order."""

from __future__ import annotations

from stretchtimer.core.model import Routine

POSITION_NAMES = {
    "standing": "standing",
    "seated": "seated",
    "kneeling": "kneeling",
    "all-fours": "on hands and knees",
    "lying-back": "lying on your back",
    "lying-front": "lying on your front",
    "side-lying": "lying on your side",
}


def position_name(position: str) -> str:
    """`lying on your back` for `lying-back`."""
    return POSITION_NAMES.get(position, position)


def _with_article(thing: str) -> str:
    first = thing.split(" ", 1)[0].lower()
    if first in ("a", "an", "the", "your", "some") or thing.endswith("s"):
        return thing
    return ("an " if thing[:1].lower() in "aeiou" else "a ") + thing


def needs_text(equipment: tuple[str, ...]) -> str:
    """`a mat, a cushion` (each once, in order)."""
    return ", ".join(_with_article(e) for e in dict.fromkeys(equipment))


def routine_equipment(routine: Routine) -> tuple[str, ...]:
    """Everything the routine's steps need, each once, in the order first needed."""
    return tuple(dict.fromkeys(e for s in routine.steps for e in s.variant.equipment))


def routine_positions(routine: Routine) -> list[str]:
    """The positions the routine goes through, in order, a repeat of the same one merged."""
    out: list[str] = []
    for step in routine.steps:
        pos = step.variant.position
        if pos and (not out or out[-1] != pos):
            out.append(pos)
    return out


def needs_lines(routine: Routine) -> list[str]:
    """`You'll need: a mat, a cushion` and `Positions: lying on your back, then kneeling`
    (each only where the articles say)."""
    out = []
    gear = routine_equipment(routine)
    out.append(f"You'll need: {needs_text(gear)}" if gear else "You'll need: no equipment")
    positions = routine_positions(routine)
    if positions:
        out.append("Positions: " + ", then ".join(position_name(p) for p in positions))
    return out
