"""Provides the chimes a session makes and where their WAV files are shipped."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

WAV_DIR = Path(__file__).resolve().parent / "wav"
"""The shipped chimes (made by tools/make_chimes.py; a test checks them against it)."""


class Chime(StrEnum):
    """The sounds a session makes."""

    HOLD = "hold"
    """A hold starts: one bright bell."""
    TICK = "tick"
    """Each of the last three seconds of a hold: a short, soft tick."""
    SWITCH = "switch"
    """Switch sides: a falling two-note ding-dong."""
    RELEASE = "release"
    """A hold is over and no switch follows (getting ready for the next step, a rest): one
    low, soft note, so the end of every hold is heard."""
    BREATH_IN = "breath-in"
    """A flow's breath in: a soft, higher note."""
    BREATH_OUT = "breath-out"
    """A flow's breath out: a soft, lower note."""
    COMPLETE = "complete"
    """Routine complete: a rising three-note arpeggio."""

    @property
    def bells(self) -> int:
        """How many times the terminal bell rings for it when no player can play it: a pattern
        for each change (one for a hold, two for a switch or a release, three for the end)."""
        return {"hold": 1, "switch": 2, "release": 2, "complete": 3}.get(self.value, 0)

    @property
    def path(self) -> Path:
        """The shipped WAV file of this chime."""
        return WAV_DIR / f"{self.value}.wav"
