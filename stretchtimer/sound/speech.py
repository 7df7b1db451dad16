"""Provides the system's offline speech engine behind one small interface: it renders a phrase
to a WAV file (espeak-ng on Linux, `say` on macOS), which the chimes' player then plays."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
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


def plain_text(text: str) -> str:
    """`text` with every control character a space: espeak-ng takes Ctrl-A as the start of an
    embedded command (`\\x0180S` changes the speed), so none may reach an engine."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def say_text(text: str) -> str:
    """For macOS `say`, which obeys commands embedded as `[[...]]` in what it reads (`[[rate
    50]]`, `[[inpt PHON]]`): a space between two brackets makes them words again."""
    text = plain_text(text)
    while "[[" in text:
        text = text.replace("[[", "[ [")
    return text


def wav_argument(wav: Path) -> str:
    """The WAV's path as an argument: absolute, so it can never be read as an option."""
    path = os.path.abspath(wav)
    if path.startswith("-"):  # cannot happen: an absolute path starts at the root
        raise ValueError(f"{path}: not an absolute path")
    return path


class CommandEngine:
    """An engine that is a program run once per phrase. The phrase goes on its standard input,
    never on its command line, so nothing in it (a leading `-`, `--help`) is an option."""

    def __init__(
        self,
        name: str,
        command: Callable[[Path, int], list[str]],
        prepare: Callable[[str], str] = plain_text,
    ) -> None:
        self.name = name
        self.command = command
        """The command line from the output WAV and the rate; the text is read from stdin."""
        self.prepare = prepare
        """What the engine is given to read of a phrase."""

    def render(self, text: str, wav: Path, rate: int) -> None:
        """Run the program; CalledProcessError or OSError if it fails."""
        subprocess.run(
            self.command(wav, rate),
            input=self.prepare(text).encode("utf-8", "replace"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=30,
        )


def _espeak(program: str) -> Callable[[Path, int], list[str]]:
    """espeak-ng (or espeak): `--stdin` reads the whole text at once (without it, line by
    line), `-b 1` as UTF-8. (`--` would end its options too, but only where it is built with
    GNU getopt; stdin holds everywhere.)"""
    return lambda wav, rate: [
        program, "-b", "1", "-s", str(rate), "-w", wav_argument(wav), "--stdin",
    ]


def _say(wav: Path, rate: int) -> list[str]:
    """macOS `say`: `-f -` reads the text from stdin (a pipe: all of it, not line by line)."""
    return ["say", "-r", str(rate), "-o", wav_argument(wav), "--data-format=LEI16@22050", "-f", "-"]


ENGINES: dict[str, CommandEngine] = {
    "espeak-ng": CommandEngine("espeak-ng", _espeak("espeak-ng")),
    "espeak": CommandEngine("espeak", _espeak("espeak")),
    "say": CommandEngine("say", _say, say_text),
}
"""The engines we know, best first. (Windows' SAPI is not here yet: see the README. When it
comes, the text goes on stdin too, never into the PowerShell or VBScript code.)"""
INSTALL_ONE = (
    "no speech engine: the chimes play alone. To hear spoken cues, install espeak-ng "
    "(Debian and Ubuntu: sudo apt install espeak-ng); macOS has `say` already"
)


def find_engine(which: Callable[[str], str | None] = shutil.which) -> SpeechEngine | None:
    """The first engine this system has, or None."""
    for name, engine in ENGINES.items():
        if which(name):
            return engine
    return None
