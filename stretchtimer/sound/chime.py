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
    COMPLETE = "complete"
    """Routine complete: a rising three-note arpeggio."""

    @property
    def path(self) -> Path:
        """The shipped WAV file of this chime."""
        return WAV_DIR / f"{self.value}.wav"
