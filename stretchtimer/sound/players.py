"""Provides the sound players behind one small interface: playsound3, found at run time."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from stretchtimer.sound.commands import CHOICE_ENV, CommandPlayer, choose


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

    def wait(self, timeout: float) -> None:
        """Wait (at most `timeout` seconds) for the last sound to end."""
        proc = getattr(self._last, "subprocess", None)
        if proc is not None:
            with contextlib.suppress(Exception):
                proc.wait(timeout)

    def backend(self) -> str | None:
        """The backend playsound3 chose (PLAYSOUND3_BACKEND, or the first it found), or None."""
        from playsound3 import DEFAULT_BACKEND  # loaded by load() already

        return DEFAULT_BACKEND

    def failed(self) -> bool:
        """Whether the last sound's player exited with an error."""
        proc = getattr(self._last, "subprocess", None)
        code = proc.poll() if proc is not None else None
        return code not in (None, 0)


class AutoPlayer:
    """playsound3 first; where it finds no backend, our own CommandPlayer (pw-play, paplay,
    aplay); STRETCHTIMER_PLAYER picks one. Chosen on load, which the app does after its first
    frame (playsound3's import probes the system: about 150 ms)."""

    def __init__(self) -> None:
        self.chosen = ""
        """`playsound3`, a program's name, or "" (none: the chimes become the bell)."""
        self._player: Player | None = None

    def load(self) -> None:
        """Choose and load the player; raise if there is none."""
        if self._player is not None:
            return
        backend: str | None = None
        if os.environ.get(CHOICE_ENV, "").strip() in ("", "playsound3"):
            playsound3 = Playsound3Player()
            playsound3.load()
            backend = playsound3.backend()
            self._player = playsound3
        self.chosen = choose(os.environ, backend)
        if self.chosen != "playsound3":
            self._player = CommandPlayer(self.chosen) if self.chosen else None
        if self._player is None:
            raise OSError("no sound player: playsound3 found none, nor pw-play, paplay or aplay")

    def backend(self) -> str | None:
        """playsound3's backend, when playsound3 is the chosen player."""
        player = self._player
        return player.backend() if isinstance(player, Playsound3Player) else None

    def play(self, path: Path) -> None:
        """Start playing with the chosen player."""
        self.load()
        assert self._player is not None
        self._player.play(path)

    def wait(self, timeout: float) -> None:
        """Wait (at most `timeout` seconds) for the last sound to end."""
        if isinstance(self._player, Playsound3Player | CommandPlayer):
            self._player.wait(timeout)

    def failed(self) -> bool:
        """Whether the last sound failed after it started."""
        return self._player is not None and self._player.failed()


def default_player() -> Player:
    """The platform's player: playsound3, else a WAV player program of the system."""
    return AutoPlayer()
