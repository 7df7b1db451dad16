"""Provides our own WAV player for systems where playsound3 finds none (a PipeWire desktop with
pw-play but neither gst-play nor mpg123): it runs pw-play, paplay or aplay on the file."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

PROGRAMS: dict[str, tuple[str, ...]] = {
    "pw-play": ("pw-play",),
    "paplay": ("paplay",),
    "aplay": ("aplay", "--quiet"),
}
"""The WAV players we know, best first, with the arguments that come before the file."""
CHOICE_ENV = "STRETCHTIMER_PLAYER"
"""Set to pw-play, paplay or aplay to use that program (and not playsound3); `playsound3` to
use playsound3 only. The whole value is one program's name or path: never split at spaces,
never given to a shell."""


def found(which: Callable[[str], str | None] = shutil.which) -> list[str]:
    """The WAV players on this system, best first."""
    return [name for name in PROGRAMS if which(name)]


def choose(
    env: Mapping[str, str],
    playsound3_backend: str | None,
    which: Callable[[str], str | None] = shutil.which,
) -> str:
    """Who plays the chimes: `playsound3`, or one of PROGRAMS, or "" for nobody (the bell).
    playsound3 comes first (and PLAYSOUND3_BACKEND picks its backend); where it finds no
    backend, the first of PROGRAMS found; STRETCHTIMER_PLAYER overrides both."""
    wanted = env.get(CHOICE_ENV, "").strip()
    if wanted:
        return wanted if wanted == "playsound3" or which(wanted) else ""
    if playsound3_backend or env.get("PLAYSOUND3_BACKEND"):
        return "playsound3"
    programs = found(which)
    return programs[0] if programs else ""


class CommandPlayer:
    """Plays a WAV with one program, without waiting for it."""

    def __init__(self, program: str) -> None:
        self.program = program
        self._last: subprocess.Popen[bytes] | None = None

    def command(self, path: Path) -> list[str]:
        """The command line that plays `path`: the program (one argv element, whatever it is
        called), its arguments, then the file, absolute so that it is never an option."""
        wav = os.path.abspath(path)
        if wav.startswith("-"):  # cannot happen: an absolute path starts at the root
            raise ValueError(f"{wav}: not an absolute path")
        return [*PROGRAMS.get(self.program, (self.program,)), wav]

    def play(self, path: Path) -> None:
        """Start playing; OSError if the program cannot be started."""
        self._last = subprocess.Popen(
            self.command(path),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait(self, timeout: float) -> None:
        """Wait (at most `timeout` seconds) for the last sound to end."""
        if self._last is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._last.wait(timeout)

    def failed(self) -> bool:
        """Whether the last sound's program exited with an error (no device, say)."""
        code = self._last.poll() if self._last is not None else None
        return code not in (None, 0)
