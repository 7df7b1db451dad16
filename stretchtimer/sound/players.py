"""Provides the sound players behind one small interface: playsound3, found at run time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol


class Player(Protocol):
    """Something that can start playing a sound file without waiting for it."""

    def play(self, path: Path) -> None:
        """Start playing; raise on failure."""

    def failed(self) -> bool:
        """Whether a sound already started has since failed (no device, say)."""


class Playsound3Player:
    """playsound3 with block=False. Imported on first use, which the app puts after its first
    frame; it must be called on the main thread (the player process dies with its thread)."""

    def __init__(self) -> None:
        self._playsound: Callable[..., Any] | None = None
        self._last: Any = None

    def load(self) -> None:
        """Import playsound3 (it probes for players: about 150 ms)."""
        if self._playsound is None:
            log = logging.getLogger("playsound3")
            log.addHandler(logging.NullHandler())
            log.propagate = False
            from playsound3 import playsound  # imported when first needed: see the docstring

            self._playsound = playsound

    def play(self, path: Path) -> None:
        """Start the sound; raise if no player can."""
        self.load()
        assert self._playsound is not None
        self._last = self._playsound(str(path), block=False)

    def failed(self) -> bool:
        """Whether the last sound's player exited with an error."""
        proc = getattr(self._last, "subprocess", None)
        code = proc.poll() if proc is not None else None
        return code not in (None, 0)


def default_player() -> Player:
    """The platform's player (playsound3, which itself honours PLAYSOUND3_BACKEND)."""
    return Playsound3Player()
