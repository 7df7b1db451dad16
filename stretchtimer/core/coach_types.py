"""Provides the coach's suggestions as values: what a rule suggests, and the change to a
routine's steps that accepting it would write."""

from __future__ import annotations

from dataclasses import dataclass

RULES = ("clinician", "flare", "ease-off", "replace", "progress", "stay", "gap")
"""The coach's rules, in the order their suggestions are listed."""


@dataclass(frozen=True)
class StepEdit:
    """New values for one step of a routine (None: left as it is)."""

    position: int
    """The step's place in the routine (0 first)."""
    hold: int | None = None
    """Seconds per side."""
    repeat: int | None = None
    """Times the hold is done."""
    reps: int | None = None
    """Breaths of a flow."""
    variant: str | None = None
    """Another variant of the same exercise, by id."""
    sides: str | None = None
    """The sides it is done on (written with a variant of other sides than the step's)."""


@dataclass(frozen=True)
class Change:
    """Edits to a routine's steps, by position: what accepting a suggestion would write."""

    edits: tuple[StepEdit, ...] = ()
    """The steps changed (positions of the original routine)."""
    drop: tuple[int, ...] = ()
    """The positions left out."""
    what: str = ""
    """A short phrase (`Single Knee to Chest held 25 s instead of 20 s`)."""


@dataclass(frozen=True)
class Suggestion:
    """One suggestion of the coach: it suggests, the user decides."""

    rule: str
    """The rule that made it (one of RULES)."""
    key: str
    """Its stable identity, for decisions (`progress:morning:...`)."""
    routine: str
    """The routine it is about (its name), or "" when none."""
    text: str
    """The whole sentence the user reads, naming its data and its rule."""
    data: str
    """The data part of the text alone."""
    change: Change | None = None
    """What accepting it would write, or None for advice."""


def declinable(suggestion: Suggestion) -> bool:
    """Whether it may be declined (kept back 7 days): not the advice to see a clinician, which
    stays while its signs do."""
    return suggestion.rule != "clinician"
