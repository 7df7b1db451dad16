"""Provides a tmux server of the test's own, to drive the real command in a real terminal."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


class Tmux:
    """One tmux server of our own, so tests never touch the user's."""

    def __init__(self, socket: Path) -> None:
        self.socket = str(socket)

    def __call__(self, *args: str) -> str:
        # A size in COLUMNS/LINES (pytest's terminal sets them) would override the pane's.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        result = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10, env=env
        )
        return result.stdout

    def wait_for(self, words: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        pane = ""
        while time.monotonic() < deadline:
            pane = self("capture-pane", "-p", "-t", "t")
            if words in pane:
                return pane
            time.sleep(0.1)
        raise AssertionError(f"{words!r} never appeared; the pane shows:\n{pane}")

    def wait_until(self, done: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """The pane once `done(pane)` holds (polled; a busy machine gets the whole timeout)."""
        deadline = time.monotonic() + timeout
        pane = ""
        while time.monotonic() < deadline:
            pane = self("capture-pane", "-p", "-t", "t")
            if done(pane):
                return pane
            time.sleep(0.1)
        raise AssertionError(f"{what} never happened; the pane shows:\n{pane}")

    def pane_pid(self) -> int:
        """The pid of the pane's shell."""
        return int(self("display", "-p", "-t", "t", "#{pane_pid}").strip())

    def app_pid(self) -> int:
        """The pid of the program the pane's shell is running."""
        out = subprocess.run(["pgrep", "-P", str(self.pane_pid())], capture_output=True, text=True)
        return int(out.stdout.split()[0])
