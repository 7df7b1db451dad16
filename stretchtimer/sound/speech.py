"""Provides the system's offline speech engine behind one small interface: it renders a phrase
to a WAV file (espeak-ng on Linux, `say` on macOS), which the chimes' player then plays."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

RATE = 190
"""Words a minute: a little quicker than espeak-ng's default, still easy to follow."""


class SpeechEngine(Protocol):
    """Renders text to a WAV file."""

    name: str
    """Its name, part of every cached phrase's key."""

    def render(self, text: str, wav: Path, rate: int) -> None:
        """Write `text`, spoken at `rate` words a minute, to `wav`; raise on failure."""


class CommandEngine:
    """An engine that is a program run once per phrase."""

    def __init__(self, name: str, command: Callable[[str, Path, int], list[str]]) -> None:
        self.name = name
        self.command = command

    def render(self, text: str, wav: Path, rate: int) -> None:
        """Run the program; CalledProcessError or OSError if it fails."""
        subprocess.run(
            self.command(text, wav, rate),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=30,
        )


ENGINES: dict[str, Callable[[str, Path, int], list[str]]] = {
    "espeak-ng": lambda text, wav, rate: ["espeak-ng", "-s", str(rate), "-w", str(wav), text],
    "espeak": lambda text, wav, rate: ["espeak", "-s", str(rate), "-w", str(wav), text],
    "say": lambda text, wav, rate: [
        "say", "-r", str(rate), "-o", str(wav), "--data-format=LEI16@22050", text,
    ],
}
"""The engines we know, best first. (Windows' SAPI is not here yet: see the README.)"""
INSTALL_ONE = (
    "no speech engine: the chimes play alone. To hear spoken cues, install espeak-ng "
    "(Debian and Ubuntu: sudo apt install espeak-ng); macOS has `say` already"
)


def find_engine(which: Callable[[str], str | None] = shutil.which) -> SpeechEngine | None:
    """The first engine this system has, or None."""
    for name, command in ENGINES.items():
        if which(name):
            return CommandEngine(name, command)
    return None
