"""Provides the pain question, 0 (none) to 10 (worst) as clinicians count it, and its answers:
the region a routine works, the change from before to after, and the pain screen's advice."""

from __future__ import annotations

from stretchtimer.core.model import Segment
from stretchtimer.core.plan import side_meaning
from stretchtimer.core.regions import routine_region as routine_region  # re-exported
from stretchtimer.present.session import PAIN_ADVICE, easier_ways
from stretchtimer.present.urgent import urgent_text

REGION_WORDS = {"low-back": "does your lower back", "neck": "do your neck and shoulders"}
SCALE = "0 (no pain) to 10 (worst imaginable)"
KEYS_HINT = "Press a number (1 then 0 for 10), or Enter to skip."
"""How to answer on a screen (PainKeys)."""
ONE_WAITING = "1... press 0 for 10, or Enter for 1."
"""Said while a 1 waits to see whether it begins a 10."""


def pain_question(region: str, when: str) -> str:
    """`How much does your lower back hurt right now, 0 (no pain) to 10 (worst imaginable)?`"""
    where = REGION_WORDS.get(region, "does it")
    moment = {"before": "before you start", "morning": "this morning"}.get(when, "now")
    return f"How much {where} hurt {moment}, {SCALE}?"


def parse_pain(text: str) -> int | None:
    """A typed answer as a score (None for anything but 0 to 10 in ASCII digits)."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 2 and int(text) <= 10:
        return int(text)
    return None


def pain_change(before: int | None, after: int | None) -> str:
    """`Pain 6 before, 3 after: 3 less.` (or what there is of it)."""
    if after is None:
        return f"Pain before: {before} of 10." if before is not None else ""
    if before is None:
        return f"Pain now: {after} of 10."
    diff = after - before
    change = "no change" if diff == 0 else f"{abs(diff)} {'less' if diff < 0 else 'more'}"
    return f"Pain {before} before, {after} after: {change}."


class PainKeys:
    """A 0-10 score typed one key at a time: 0 and 2-9 answer at once; 1 waits for a 0 (ten)
    or Enter (one). Any other digit after a 1 is a new answer of its own."""

    def __init__(self) -> None:
        self.pending = False
        """A 1 was pressed: it may be the start of 10."""

    def digit(self, d: int) -> int | None:
        """The score this key gives, or None while a 1 waits for what follows."""
        if self.pending:
            self.pending = False
            if d == 0:
                return 10
        if d == 1:
            self.pending = True
            return None
        return d

    def enter(self) -> int | None:
        """Enter: a waiting 1 is the answer (None if nothing was waiting)."""
        if self.pending:
            self.pending = False
            return 1
        return None


def where_text(segment: Segment) -> str:
    """`Knee-to-Chest Stretch / Single Knee to Chest, your left knee comes in`: where a
    session was stopped."""
    where = segment.exercise.title
    if segment.variant.name:
        where += f" / {segment.variant.name}"
    if segment.side:
        where += f", {side_meaning(segment.variant, segment.side)}"
    return where


def hurt_text(segment: Segment) -> str:
    """What "this hurts" shows first, as plain text: where, the red flags, the urgent signs."""
    flags = "\n".join(f"- {f}" for f in segment.exercise.red_flags) or "- Any pain that is sharp"
    return "\n".join([
        f"Paused: this hurts. During {where_text(segment)}.",
        f"Stop this exercise if you notice:\n{flags}",
        urgent_text([segment.exercise.region]),
    ])


def stopped_text(segment: Segment) -> str:
    """What ending because it hurts shows, as plain text: what to do, easier ways next
    time."""
    parts = ["Stopped: this hurts.", f"What to do: {PAIN_ADVICE}"]
    easier = easier_ways(segment)
    if easier:
        parts.append("Next time, to make it easier:\n" + "\n".join(f"- {e}" for e in easier))
    return "\n".join(parts)


def hurt_question(region: str) -> str:
    """`How much does your lower back hurt now, 0 (no pain) to 10 (worst imaginable)?`"""
    return pain_question(region, "after")


def going_on_choices(easier_name: str | None) -> str:
    """The keys that go on after "this hurts", in words, for plain mode."""
    ways = [f"e: go on with the easier way, {easier_name}"] if easier_name else []
    ways += ["s: skip this exercise and go on", "y: I noticed one of the signs above",
             "Enter: end the session"]
    return " · ".join(ways)
